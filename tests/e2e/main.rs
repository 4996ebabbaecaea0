//! End-to-end tests across crates, compiled as one test binary so it links once: every
//! operation of every provider through its generated client against the sandbox over
//! HTTP, the runtime against the sandbox's faults, and credentials.

// Test helpers and test bodies unwrap on purpose: a panic is a failed test.
#![allow(clippy::unwrap_used)]

mod adverity;
mod auth;
mod axiom;
mod axolo;
mod faults;
mod modelprime;
mod paradime;

use std::time::Duration;

use usermgmt::{ClientOptions, Error, RetryPolicy};
use usermgmt_runtime::{
    AdverityCredentials, AxiomCredentials, AxoloCredentials, ModelPrimeCredentials,
    ParadimeCredentials,
};
use usermgmt_sandbox::{Endpoint, Sandbox};

/// A sandbox with the demo seed on OS-assigned ports.
pub(crate) async fn start() -> Sandbox {
    Sandbox::start().await.expect("the sandbox starts")
}

/// Default options with retries whose backoff is milliseconds, so retrying tests stay fast.
pub(crate) fn options() -> ClientOptions {
    ClientOptions::default()
        .with_timeout(Duration::from_secs(10))
        .with_retry(fast_retry())
}

/// The default retry policy (4 attempts) with a backoff of at most 20 ms.
pub(crate) fn fast_retry() -> RetryPolicy {
    RetryPolicy::default().with_backoff(Duration::from_millis(1), Duration::from_millis(20))
}

/// The value of the credential variable `name` of `endpoint`.
pub(crate) fn credential(endpoint: &Endpoint, name: &str) -> String {
    endpoint
        .credential(name)
        .unwrap_or_else(|| panic!("the sandbox hands out {name}"))
        .to_owned()
}

/// An Axiom client for the sandbox with the owner's personal access token and the
/// organization id: it can call every operation, `/user` included.
pub(crate) fn axiom(sandbox: &Sandbox, options: &ClientOptions) -> usermgmt_axiom::Client {
    let endpoint = sandbox.axiom();
    usermgmt_axiom::Client::connect(
        &endpoint.base_url,
        &AxiomCredentials::new(credential(endpoint, "AXIOM_PERSONAL_TOKEN"))
            .with_org_id(credential(endpoint, "AXIOM_ORG_ID")),
        options,
    )
    .unwrap()
}

/// An Axiom client for the sandbox with the organization's API token (no org id).
pub(crate) fn axiom_api_token(
    sandbox: &Sandbox,
    options: &ClientOptions,
) -> usermgmt_axiom::Client {
    let endpoint = sandbox.axiom();
    usermgmt_axiom::Client::connect(
        &endpoint.base_url,
        &AxiomCredentials::new(credential(endpoint, "AXIOM_TOKEN")),
        options,
    )
    .unwrap()
}

/// An Adverity client for the sandbox.
pub(crate) fn adverity(sandbox: &Sandbox, options: &ClientOptions) -> usermgmt_adverity::Client {
    let endpoint = sandbox.adverity();
    usermgmt_adverity::Client::connect(
        &endpoint.base_url,
        &AdverityCredentials::new(credential(endpoint, "ADVERITY_TOKEN")),
        options,
    )
    .unwrap()
}

/// A Model-Prime client for the sandbox.
pub(crate) fn modelprime(
    sandbox: &Sandbox,
    options: &ClientOptions,
) -> usermgmt_modelprime::Client {
    let endpoint = sandbox.modelprime();
    usermgmt_modelprime::Client::connect(
        &endpoint.base_url,
        &ModelPrimeCredentials::new(
            credential(endpoint, "MODELPRIME_EMAIL"),
            credential(endpoint, "MODELPRIME_TOKEN"),
        ),
        options,
    )
    .unwrap()
}

/// An Axolo client for the sandbox.
pub(crate) fn axolo(sandbox: &Sandbox, options: &ClientOptions) -> usermgmt_axolo::Client {
    let endpoint = sandbox.axolo();
    usermgmt_axolo::Client::connect(
        &endpoint.base_url,
        &AxoloCredentials::new(credential(endpoint, "AXOLO_API_KEY")),
        options,
    )
    .unwrap()
}

/// A Paradime client for the sandbox.
pub(crate) fn paradime(sandbox: &Sandbox, options: &ClientOptions) -> usermgmt_paradime::Client {
    let endpoint = sandbox.paradime();
    usermgmt_paradime::Client::new(
        &endpoint.base_url,
        &ParadimeCredentials::new(
            credential(endpoint, "PARADIME_API_KEY"),
            credential(endpoint, "PARADIME_API_SECRET"),
        ),
        options,
    )
    .unwrap()
}

/// Asserts that `result` failed with HTTP `status` and returns the error.
#[track_caller]
pub(crate) fn expect_status<T: std::fmt::Debug>(result: Result<T, Error>, status: u16) -> Error {
    match result {
        Err(error @ Error::Status { .. }) if error.status() == Some(status) => error,
        other => panic!("expected a {status} status error, got {other:?}"),
    }
}

/// The message of an [`Error::Status`].
pub(crate) fn message_of(error: &Error) -> Option<&str> {
    match error {
        Error::Status { message, .. } => message.as_deref(),
        _ => None,
    }
}
