//! The traits that make the provider clients first-class, in one glob import:
//! `use usermgmt::prelude::*;` brings `.checked()` on every generated call and
//! `.users()` on every client that can list users.
//!
//! ```no_run
//! # async fn demo() -> Result<(), usermgmt::Error> {
//! use futures::TryStreamExt;
//! use usermgmt::prelude::*;
//!
//! let adverity = usermgmt::adverity::Client::from_env()?;
//! let everyone: Vec<_> = adverity.users().stream().try_collect().await?;
//! let seven = adverity.get_user().id(7).send().checked().await?; // types::User
//! # let _ = (everyone, seven); Ok(()) }
//! ```

/// `.checked()`: a generated call's body, or its failure as a [`usermgmt::Error`](crate::Error).
pub use usermgmt_runtime::SendExt;

/// `.users()` on [`axiom::Client`](crate::axiom::Client).
#[cfg(feature = "axiom")]
pub use crate::axiom::ClientExt as _;

/// `.users()` on [`adverity::Client`](crate::adverity::Client).
#[cfg(feature = "adverity")]
pub use crate::adverity::ClientExt as _;

/// `.users()` on [`paradime::Client`](crate::paradime::Client).
#[cfg(feature = "paradime")]
pub use crate::paradime::ClientExt as _;

/// `.users()` on [`modelprime::Client`](crate::modelprime::Client).
#[cfg(feature = "modelprime")]
pub use crate::modelprime::ClientExt as _;

/// `.directory()` on a sandbox, with the `testing` feature.
#[cfg(feature = "testing")]
pub use crate::testing::SandboxExt as _;
