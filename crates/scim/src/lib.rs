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
//! profile their enterprise `department` names (else the default profile); PATCH
//! (`add`/`replace`/`remove`, Okta's and Entra's shapes) or PUT with `active` false
//! offboards them everywhere, `active` true again reinstates them from that
//! offboarding run, DELETE offboards and forgets them. The email (`userName`, or the
//! primary of `emails`) is immutable: every provider knows the person by it. Group
//! changes answer `501` in the SCIM error schema.
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
mod provision;
mod query;
mod resource;
mod routes;
mod server;
mod users;

pub use error::{ERROR_SCHEMA, ScimError};
pub use server::Bridge;

/// The media type of SCIM bodies (RFC 7644 section 8.1).
pub const SCIM_JSON: &str = "application/scim+json";
/// The core User schema.
pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
/// The core Group schema.
pub const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
/// This bridge's read-only extension listing a person's accounts per provider.
pub const ACCOUNTS_SCHEMA: &str = "urn:usermgmt:params:scim:schemas:extension:accounts:2.0:User";
/// The most resources one list answer holds.
pub const MAX_RESULTS: usize = 1000;
