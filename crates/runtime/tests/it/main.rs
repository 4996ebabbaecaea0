//! Runtime behaviour over real HTTP against wiremock: retries, timeouts, secrets.

mod retries;
mod secrets;
mod support;
mod timeouts;
