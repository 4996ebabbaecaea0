//! Typed client for [Axolo](https://axolo.co)'s user provisioning API (onboard and
//! offboard engineers by GitHub login), generated from `specs/axolo.yaml` with
//! progenitor and wired into usermgmt-runtime (`x-api-key`, retries, timeouts, tracing).
//!
//! ```no_run
//! # async fn demo() -> Result<(), usermgmt_axolo::Error> {
//! use usermgmt_axolo::{AxoloCredentials, Client, ClientOptions};
//!
//! let axolo = Client::connect(
//!     "https://api.axolo.co/v1",
//!     &AxoloCredentials::new("axolo-api-key"),
//!     &ClientOptions::default(),
//! )
//! .expect("https URL and valid key");
//!
//! axolo
//!     .offboard_engineer()
//!     .body_map(|b| b.organization("acme").github_login("ada-l"))
//!     .send()
//!     .await?;
//! # Ok(()) }
//! ```
//!
//! Axolo documents no response bodies: any 2xx is success, whatever its body; any other
//! answer is an error whose status and body are kept verbatim. Onboarding is a POST and is never retried after the server
//! may have acted on it (only 429/503 and failed connections are retried).

#[allow(missing_docs, unreachable_pub, clippy::all, clippy::unwrap_used)]
#[rustfmt::skip]
mod generated;

pub use generated::*;
pub use usermgmt_runtime::{AxoloCredentials, ClientOptions, RetryPolicy};

usermgmt_runtime::wire_provider_client!(Client, usermgmt_runtime::AxoloCredentials);
