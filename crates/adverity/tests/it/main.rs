//! Wiremock tests of the Adverity client, one binary (it links once) with one module per
//! concern. Each mock asserts the exact request the seed guide shows, trailing slash
//! included; a catch-all fails the test on any request no mock expects.

mod errors;
mod list;
mod support;
mod users;
