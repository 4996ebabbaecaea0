//! End-to-end tests of the `usermgmt` binary: every command runs as a real process
//! against the sandbox, its output is parsed back and its exit code checked.
//!
//! Single commands use `--sandbox` (a fresh sandbox per process). Multi-step flows start
//! one sandbox in the test and point the binary at it through the environment, so state
//! carries from one command to the next.

// Tests fail loudly on unexpected errors: an unwrap is the assertion.
#![allow(clippy::unwrap_used)]

mod adverity;
mod audit;
mod axiom;
mod axolo;
mod completions;
mod config;
mod errors;
mod help;
mod hostile;
mod interrupt;
mod journal;
mod modelprime;
mod offboarding;
mod onboard;
mod output;
mod paradime;
mod partial;
mod reconcile;
mod safety;
mod sandbox_serve;
mod scim;
mod support;
mod users;
mod validation;
