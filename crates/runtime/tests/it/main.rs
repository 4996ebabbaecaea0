//! Runtime behaviour over real HTTP against wiremock: retries, timeouts, secrets.

#![allow(clippy::unwrap_used)] // test helpers may panic: a panic is a test failure

mod limits;
mod retries;
mod secrets;
mod support;
mod timeouts;
mod transport;
