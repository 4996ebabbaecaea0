//! Wiremock tests of the Model-Prime client, one binary (it links once) with one module
//! per concern. Each mock asserts the exact request the reference page shows, with the
//! `Authorization: <email>:<token>` header; a catch-all fails the test on any request no
//! mock expects.

mod errors;
mod me;
mod organization;
mod roles;
mod support;
mod users;
mod validation;
