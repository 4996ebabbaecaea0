//! End-to-end tests across crates, compiled as one test binary so it links once.
