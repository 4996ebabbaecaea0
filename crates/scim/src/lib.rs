//! A SCIM 2.0 service provider (RFC 7643 and RFC 7644) in front of the usermgmt
//! directory: identity providers such as Okta and Entra ID read people and their
//! access in all five tools through one endpoint.
//!
//! **Users** are people: every account of every listable provider grouped by email.
//! **Groups** are the access profiles of `usermgmt.toml`; a person is a member of the
//! profile whose access they have exactly (as `usermgmt roster dump` infers it). Reads
//! reflect the providers' live state; what identity providers write that no provider
//! keeps (ids, `externalId`, titles, phone numbers...) is stored in the journal and
//! answered as written. Writes go through the directory's plans and are journaled,
//! with the guard rails (last admin, exclusions): POST onboards the person with the
//! profile the [`ProfileRule`] picks (the enterprise `department`, a default profile,
//! or none until a group push makes them a member of a profile's group); PATCH
//! (`add`/`replace`/`remove`, Okta's and Entra's shapes) or PUT with `active` false
//! offboards them everywhere, `active` true again reinstates them from that
//! offboarding run, DELETE offboards and forgets them. Adding a member to a profile's
//! group gives them its access; removing one offboards them. The email (`userName`,
//! or the primary of `emails`) is immutable: every provider knows the person by it.
//! Axolo onboards engineers by GitHub login and Slack id, which identity providers
//! send in this bridge's Axolo extension ([`AXOLO_SCHEMA`]).
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let directory = usermgmt::testing::sandbox_directory().await?;
//! let bridge = usermgmt_scim::Bridge::new(directory, "secret".to_string().into());
//! let app = bridge.router(); // an axum Router, to serve or to test with tower
//! # let _ = app; Ok(()) }
//! ```

mod discovery;
mod error;
pub mod filter;
mod patch;
mod people;
mod profile_rule;
mod provision;
mod query;
mod resource;
mod routes;
mod server;
mod users;

pub use error::{ERROR_SCHEMA, ScimError};
pub use profile_rule::{ProfileRule, UnknownProfileRule};
pub use server::Bridge;

/// The media type of SCIM bodies (RFC 7644 section 8.1).
pub const SCIM_JSON: &str = "application/scim+json";
/// The core User schema.
pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
/// The core Group schema.
pub const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
/// This bridge's read-only extension listing a person's accounts per provider.
pub const ACCOUNTS_SCHEMA: &str = "urn:usermgmt:params:scim:schemas:extension:accounts:2.0:User";
/// This bridge's extension with what Axolo knows an engineer by: `githubLogin` and
/// `slackId`. Identity providers map them like any custom attribute; the URN has the
/// `urn:ietf:params:scim:schemas:extension:NAME:2.0:User` form Entra ID requires of
/// custom attributes.
pub const AXOLO_SCHEMA: &str = "urn:ietf:params:scim:schemas:extension:usermgmt-axolo:2.0:User";
/// The most resources one list answer holds.
pub const MAX_RESULTS: usize = 1000;
