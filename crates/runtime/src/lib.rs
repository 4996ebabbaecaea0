//! Shared runtime for the usermgmt provider crates: credentials that cannot leak, HTTP
//! client construction, retries with backoff, timeouts, per-request tracing and one
//! error type.
//!
//! Provider crates wire it into progenitor's `ClientHooks::exec` through [`Context`];
//! users mostly meet it through [`ClientOptions`], the credential types and [`Error`].
//!
//! ```no_run
//! # async fn demo() -> Result<(), usermgmt_runtime::Error> {
//! use usermgmt_runtime::{AxiomCredentials, ClientOptions, Credentials, Provider, connect};
//!
//! // What a provider crate's `Client::from_env()` does: credentials and URL from the
//! // environment, refused over plain HTTP unless the host is loopback.
//! let connection = connect(
//!     &usermgmt_runtime::base_url_from_env(Provider::Axiom)?,
//!     &AxiomCredentials::from_env()?,
//!     &ClientOptions::default(),
//! )?;
//! # let _ = connection; Ok(()) }
//! ```

mod checked;
mod connect;
mod context;
mod credentials;
mod env;
mod error;
mod error_body;
mod exchange;
mod limit;
mod options;
mod provider;
pub mod redact;
mod retry;
mod wire;

pub use checked::SendExt;
pub use connect::{Connection, connect};
pub use context::Context;
pub use credentials::{
    AdverityCredentials, AxiomCredentials, AxoloCredentials, Credentials, ModelPrimeCredentials,
    ParadimeCredentials,
};
pub use env::{Lookup, base_url_from, base_url_from_env, env_var};
pub use error::{Error, GraphQlError, convert, convert_observed};
pub use error_body::error_message;
pub use exchange::{Exchange, observe};
pub use options::{ClientOptions, RetryPolicy};
pub use provider::Provider;
pub use wire::{ScopedContext, connect_scoped};

/// Re-exported so provider crates and users name one version of them.
pub use secrecy::{self, ExposeSecret, SecretString};

/// Items the [`wire_provider_client!`] expansion names; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};
    pub use reqwest;
}
