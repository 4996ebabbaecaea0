//! # usermgmt
//!
//! One SDK for the user-management APIs of Axiom, Adverity, Paradime, Model-Prime and
//! Axolo: every provider crate re-exported (one cargo feature each, all on by default),
//! lists as lazy [`Stream`](futures::Stream)s with the page loops written for you, and a
//! [`Directory`] that treats the five as one directory of people.
//!
//! ## List any provider's users as a stream
//!
//! Each listable provider client gets a `users()` method (from the [`prelude`], or the
//! provider module's `ClientExt`) that builds the listing; `.stream()` runs it.
//!
//! ```no_run
//! # async fn demo() -> Result<(), usermgmt::Error> {
//! use futures::TryStreamExt;
//! use usermgmt::prelude::*;
//!
//! let client = usermgmt::modelprime::Client::from_env()?;
//! let mut users = client.users().page_size(50).limit(500).stream();
//! while let Some(user) = users.try_next().await? {
//!     println!("{} <{}>", user.name, user.email);
//! }
//! # Ok(()) }
//! ```
//!
//! ## Call any operation, get the one error type
//!
//! The generated clients are all there (`usermgmt::axiom::Client` has every operation
//! of the API). `.checked()` from the [`prelude`] turns a call's result into the body
//! or a [`usermgmt::Error`](Error) naming provider, operation, status and what to do.
//!
//! ```no_run
//! # async fn demo() -> Result<(), usermgmt::Error> {
//! use usermgmt::prelude::*;
//!
//! let axiom = usermgmt::axiom::Client::from_env()?;
//! let roles = axiom.list_roles().send().checked().await?; // Vec<types::Role>
//! let alan = axiom.get_user().id("3f2a").send().checked().await;
//! if let Err(error) = &alan {
//!     assert!(error.is_not_found(), "{error}"); // "404 from Axiom get_user: ..."
//! }
//! # let _ = roles; Ok(()) }
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
//! A [`Plan`] lists every step with the account's state as read (its before-state); it
//! is a JSON document to review, and [`Directory::apply_with`] applies exactly it,
//! refusing it whole if any account changed since. A [`Recorder`] (usermgmt-journal)
//! writes every step down before and after its request.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use usermgmt::{ApplyOptions, Directory, Person, Plan};
//!
//! let (directory, _skipped) = Directory::from_env();
//! let person = Person::new("ada@acme.example")?.with_github_login("ada-l")?;
//! let plan = directory.plan_offboard(&person, Some("acme")).await?; // read-only
//! std::fs::write("plan.json", plan.to_json()?)?; // review it
//!
//! let reviewed = Plan::from_json(&std::fs::read_to_string("plan.json")?)?;
//! let report = directory.apply_with(&reviewed, &ApplyOptions::default()).await?;
//! for step in &report.steps {
//!     println!("{step}"); // "delete axiom user ada@acme.example (id 3f2a…): done"
//! }
//! # Ok(()) }
//! ```
//!
//! ## Test your code against the sandbox
//!
//! With the `testing` feature, `usermgmt::testing::sandbox_directory().await?` is a
//! [`Directory`] of every provider pointed at a fresh in-process sandbox that it owns;
//! `usermgmt::testing::SandboxExt` gives a running `usermgmt_sandbox::Sandbox` the same
//! as methods (`sandbox.directory()`, `sandbox.lookup()`, `into_directory()`).

mod apply;
pub mod audit;
mod capabilities;
#[cfg(test)]
mod decode_fuzz;
mod directory;
mod invitations;
mod model;
mod offboard;
mod onboard;
pub mod paginate;
mod plan;
pub mod prelude;
mod profile;
mod providers;
pub mod reconcile;
mod record;
mod reinstate;
mod report;
mod roles;
mod roster;
#[cfg(feature = "testing")]
pub mod testing;
pub mod validate;

pub use apply::{ApplyError, ApplyOptions};
pub use capabilities::{Capabilities, Removal};
pub use directory::{Backend, Directory, Invite};
pub use invitations::SentInvitation;
pub use model::{AccessLevel, Person, Status, User};
pub use offboard::{OffboardOptions, PlanError};
pub use onboard::Onboarding;
pub use plan::{Access, Action, PLAN_FORMAT, Plan, PlanFileError, PlanKind, Snapshot, Step};
pub use profile::{AccessProfile, AdverityAccess, ProfileError};
#[cfg(feature = "adverity")]
pub use providers::adverity;
#[cfg(feature = "axiom")]
pub use providers::axiom;
#[cfg(feature = "axolo")]
pub use providers::axolo;
#[cfg(rest_provider)]
pub use providers::call;
#[cfg(feature = "modelprime")]
pub use providers::modelprime;
#[cfg(feature = "paradime")]
pub use providers::paradime;
pub use reconcile::{MaxRemovals, ReconcileError, ReconcileOptions};
pub use record::{RecordError, Recorder, RunMeta};
pub use report::{ApplyReport, Outcome, StepReport};
pub use roster::{Roster, RosterEntry};
/// Re-exported: the token [`ApplyOptions::with_cancel`] takes.
pub use tokio_util::sync::CancellationToken;
/// The shared runtime: credentials, options, errors.
pub use usermgmt_runtime as runtime;
pub use usermgmt_runtime::{ClientOptions, Error, Provider, RetryPolicy};
pub use validate::Email;
