//! Typed client for [Adverity](https://www.adverity.com)'s Management API users
//! endpoints, generated from `specs/adverity.yaml` with progenitor and wired into
//! usermgmt-runtime (bearer auth, retries, timeouts, tracing).
//!
//! The host is per customer: the base URL is `https://<instance>/api/v1` (or
//! `ADVERITY_URL`). Every path keeps Adverity's trailing slash.
//!
//! ```no_run
//! # async fn demo() -> Result<(), usermgmt_adverity::Error<usermgmt_adverity::types::Error>> {
//! use usermgmt_adverity::{AdverityCredentials, Client, ClientOptions};
//!
//! let adverity = Client::connect(
//!     "https://acme.datatap.adverity.com/api/v1",
//!     &AdverityCredentials::new("key-from-the-adverity-ui"),
//!     &ClientOptions::default(),
//! )
//! .expect("https URL and valid key");
//!
//! let page = adverity.list_users().page(1).page_size(50).send().await?.into_inner();
//! println!("{} users in all", page.count);
//! let created = adverity
//!     .create_user()
//!     .body_map(|b| {
//!         // All six fields are always sent, as in Adverity's own example.
//!         b.email("ada@acme.example")
//!             .first_name("Ada")
//!             .last_name("Lovelace")
//!             .groups(vec![])
//!             .workspaces(vec![])
//!             .active(true)
//!     })
//!     .send()
//!     .await?;
//! adverity.update_user().id(created.id).body_map(|b| b.active(false)).send().await?;
//! # Ok(()) }
//! ```
//!
//! For every user as one stream (pages fetched for you), use the `usermgmt` facade.

#[allow(missing_docs, unreachable_pub, clippy::all, clippy::unwrap_used)]
#[rustfmt::skip]
mod generated;

pub use generated::*;
pub use usermgmt_runtime::{AdverityCredentials, ClientOptions, RetryPolicy};

usermgmt_runtime::wire_provider_client!(Client, usermgmt_runtime::AdverityCredentials);
