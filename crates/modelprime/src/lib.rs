//! Typed client for Model-Prime's org-user-management API, generated from
//! `specs/modelprime.yaml` with progenitor and wired into usermgmt-runtime
//! (`Authorization: <email>:<token>`, retries, timeouts, tracing).
//!
//! ```no_run
//! # async fn demo() -> Result<(), usermgmt_modelprime::Error<usermgmt_modelprime::types::Error>> {
//! use usermgmt_modelprime::{Client, ClientOptions, ModelPrimeCredentials, PermissionRole};
//!
//! let modelprime = Client::connect(
//!     "https://api.model-prime.com/api/oum/v1",
//!     &ModelPrimeCredentials::new("me@acme.example", "mpat_..."),
//!     &ClientOptions::default(),
//! )
//! .expect("https URL and valid token");
//!
//! let page = modelprime.list_users().page_number(1).page_size(100).send().await?.into_inner();
//! println!("{} users in all", page.count);
//! modelprime
//!     .invite_user()
//!     .body_map(|b| {
//!         b.email("ada@acme.example")
//!             .name("Ada Lovelace")
//!             .roles(vec![PermissionRole::Developer])
//!             .connection(None)
//!     })
//!     .send()
//!     .await?;
//! # Ok(()) }
//! ```
//!
//! Roles decode into [`PermissionRole`], which keeps roles the API adds later as
//! [`PermissionRole::Other`] instead of failing.

#[allow(missing_docs, unreachable_pub, clippy::all, clippy::unwrap_used)]
#[rustfmt::skip]
mod generated;
mod open_enums;

pub use generated::*;
pub use open_enums::{PermissionRole, UnknownRole};
pub use usermgmt_runtime::{ClientOptions, ModelPrimeCredentials, RetryPolicy};

usermgmt_runtime::wire_provider_client!(Client, usermgmt_runtime::ModelPrimeCredentials);
