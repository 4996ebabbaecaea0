//! Wiremock tests of the Axolo client, one binary (it links once) with one module per
//! concern. Each mock asserts the exact request the seed page shows, with the `x-api-key`
//! header; a catch-all fails the test on any request no mock expects.

mod errors;
mod offboard;
mod onboard;
mod responses;
mod support;
