//! # usermgmt
//!
//! One SDK for the user-management APIs of Axiom, Adverity, Paradime, Model-Prime and
//! Axolo: every provider crate re-exported (one cargo feature each, all on by default),
//! lists as lazy [`Stream`](futures::Stream)s with the page loops written for you, and a
//! [`Directory`] that treats the five as one directory of people.
//!
//! ## List any provider's users as a stream
//!
//! ```no_run
//! # async fn demo() -> Result<(), usermgmt::Error> {
//! use futures::TryStreamExt;
//! use usermgmt::paginate::PageOptions;
//!
//! let client = usermgmt::modelprime::Client::from_env()?;
//! let mut users = usermgmt::modelprime::users(&client, PageOptions::default().limit(500), None);
//! while let Some(user) = users.try_next().await? {
//!     println!("{} <{}>", user.name, user.email);
//! }
//! # Ok(()) }
//! ```
//!
//! ## Find a person everywhere
//!
//! ```no_run
//! # async fn demo() -> Result<(), usermgmt::Error> {
//! use usermgmt::{Directory, Person};
//!
//! let (directory, _skipped) = Directory::from_env();
//! for (provider, result) in directory.find(&Person::new("ada@acme.example")?).await {
//!     match result {
//!         Ok(accounts) => println!("{provider}: {} account(s)", accounts.len()),
//!         Err(error) => eprintln!("{provider}: {error}"),
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! ## Offboard a person everywhere, plan first
//!
//! ```no_run
//! # async fn demo() -> Result<(), usermgmt::Error> {
//! use usermgmt::{Directory, Person};
//!
//! let (directory, _skipped) = Directory::from_env();
//! let person = Person::new("ada@acme.example")?.with_github_login("ada-l")?;
//! let plan = directory.plan_offboard(&person, Some("acme")).await; // read-only
//! let report = directory.apply(&plan).await; // concurrent; safe to run again
//! for step in &report.steps {
//!     println!("{}: {:?} -> {:?}", step.step.provider, step.step.action, step.outcome);
//! }
//! # Ok(()) }
//! ```

mod capabilities;
mod directory;
mod model;
mod offboard;
pub mod paginate;
mod providers;
mod roles;
pub mod validate;

pub use capabilities::{Capabilities, Removal};
pub use directory::{Backend, Directory, Invite};
pub use model::{AccessLevel, Person, Status, User};
pub use offboard::{Action, OffboardPlan, OffboardReport, Outcome, Step, StepReport};
#[cfg(feature = "adverity")]
pub use providers::adverity;
#[cfg(feature = "axiom")]
pub use providers::axiom;
#[cfg(feature = "axolo")]
pub use providers::axolo;
#[cfg(any(
    feature = "axiom",
    feature = "adverity",
    feature = "modelprime",
    feature = "axolo"
))]
pub use providers::call;
#[cfg(feature = "modelprime")]
pub use providers::modelprime;
#[cfg(feature = "paradime")]
pub use providers::paradime;
/// The shared runtime: credentials, options, errors.
pub use usermgmt_runtime as runtime;
pub use usermgmt_runtime::{ClientOptions, Error, Provider, RetryPolicy};
pub use validate::Email;
