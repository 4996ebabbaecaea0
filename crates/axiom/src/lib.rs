//! Typed client for [Axiom](https://axiom.co)'s user-management API (`/v2/users`),
//! generated from `specs/axiom.yaml` with progenitor and wired into usermgmt-runtime
//! (bearer auth, retries, timeouts, tracing).
//!
//! ```no_run
//! # async fn demo() -> Result<(), usermgmt_axiom::Error<usermgmt_axiom::types::Error>> {
//! use usermgmt_axiom::{AxiomCredentials, Client, ClientOptions};
//!
//! let axiom = Client::connect(
//!     "https://api.axiom.co/v2",
//!     &AxiomCredentials::new("xaat-..."),
//!     &ClientOptions::default(),
//! )
//! .expect("https URL and valid token");
//! // Or: Client::from_env() reads AXIOM_TOKEN, AXIOM_ORG_ID and AXIOM_URL.
//!
//! for user in axiom.list_users().send().await?.into_inner() {
//!     println!("{} <{}> is {}", user.name, user.email, user.role.name);
//! }
//! let created = axiom
//!     .create_user()
//!     .body_map(|b| b.name("Ada").email("ada@acme.example").role("read-only"))
//!     .send()
//!     .await?;
//! axiom.delete_user().id(&created.id).send().await?;
//! # Ok(()) }
//! ```
//!
//! Roles are plain strings (`none`, `read-only`, `user`, `admin`, `owner`, or a custom
//! role's id), so custom roles round-trip. `.send().checked().await` (from
//! [`usermgmt_runtime::SendExt`], also in `usermgmt::prelude`) returns the body or the
//! workspace-wide [`usermgmt_runtime::Error`] instead of progenitor's error.

#[allow(missing_docs, unreachable_pub, clippy::all, clippy::unwrap_used)]
#[rustfmt::skip]
mod generated;

pub use generated::*;
pub use usermgmt_runtime::{AxiomCredentials, ClientOptions, RetryPolicy};

usermgmt_runtime::wire_provider_client!(
    Client,
    usermgmt_runtime::AxiomCredentials,
    // `GET /user` and `PUT /user` are org-less: Axiom answers them for personal access
    // tokens only and its Go client strips the organization header there.
    omit "x-axiom-org-id" on ["get_current_user", "update_current_user"]
);
