//! Wiremock tests of the Paradime client: one binary (links once), one module per
//! concern. Every server mounts a catch-all that must never be hit, so a request that
//! does not match exactly what the docs show fails the test.

mod custom_operations;
mod enums;
mod errors;
mod operations;
mod security;
mod support;
