//! Stateful in-process fakes of five SaaS user-management APIs — Axiom, Adverity,
//! Paradime, Model-Prime and Axolo — on 127.0.0.1, so examples, tests and the CLI run
//! without credentials (like stripe-mock or LocalStack).
//!
//! Each fake behaves like the real API as documented: same paths and version prefixes,
//! same auth headers, the provider's own error bodies and pagination, state that changes
//! as requests arrive. It shares no code with the generated clients, so it catches a wrong
//! spec instead of agreeing with it.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use usermgmt_sandbox::{FakeApi, Sandbox, demo};
//!
//! let sandbox = Sandbox::start().await?; // OS-assigned ports, demo seed
//! let axiom = sandbox.axiom();
//! println!("{} {:?}", axiom.base_url, axiom.credential("AXIOM_TOKEN"));
//! sandbox.faults(FakeApi::Adverity).next_rate_limited(1, 2);
//! assert!(sandbox.axolo_engineers().iter().any(|e| e.github_login == demo::LEAVER_GITHUB_LOGIN));
//! # Ok(()) }
//! ```
//!
//! | provider | base URL | auth | errors | lists |
//! |---|---|---|---|---|
//! | Axiom | `/v2` | `Authorization: Bearer` | `{code, message}` | bare array |
//! | Adverity | `/api/v1` (paths end in `/`) | `Authorization: Bearer` | `{"detail"}`, `{field: [..]}` | `{count, next, previous, results}` |
//! | Paradime | `/api/v1/<company-token>/graphql` | `X-API-KEY` + `X-API-SECRET` | `{"errors": [..]}`, `ok: false` | everything at once |
//! | Model-Prime | `/api/oum/v1` | `Authorization: <email>:mpat_...` | `{"detail"}`, 422 list | `{count, items}` |
//! | Axolo | `/v1` | `x-api-key` | `{"success": false, "message"}` | none (see [`Sandbox::axolo_engineers`]) |
//!
//! The choices made where a provider's docs are silent are documented in each fake's
//! module; the people of the demo seed are listed in [`demo`]. Faults ([`Faults`]) are
//! injected per provider and apply to its next requests before auth and validation.

mod adverity;
mod axiom;
mod axolo;
mod builder;
mod clock;
pub mod credentials;
pub mod demo;
mod endpoint;
mod error;
mod fake_api;
mod faults;
mod ids;
mod inspect;
mod modelprime;
mod paradime;
mod persist;
mod reply;
mod request;
mod sandbox;
mod server;
mod shared;

pub use builder::{SandboxBuilder, Seed};
pub use endpoint::Endpoint;
pub use error::SandboxError;
pub use fake_api::{FakeApi, UnknownFakeApi};
pub use faults::{Faults, ReceivedRequest};
pub use inspect::{AxoloEngineer, ModelPrimeInvitation};
pub use sandbox::Sandbox;
