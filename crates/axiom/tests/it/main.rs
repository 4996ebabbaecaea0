//! Wiremock tests of the Axiom client, one binary (it links once) with one module per
//! concern. Each mock asserts the exact request the seed guide shows; a catch-all fails
//! the test on any request no mock expects.

mod auth;
mod current_user;
mod errors;
mod roles;
mod support;
mod users;
