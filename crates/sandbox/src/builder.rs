//! Configuring a sandbox before it starts: fixed ports, seed data, synthetic users.
//!
//! [`crate::Sandbox::start`] is `Sandbox::builder().start()` with OS-assigned ports and the
//! demo seed.

use std::path::{Path, PathBuf};

use crate::{FakeApi, Sandbox, SandboxError};

/// Which data the fakes start with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Seed {
    /// The demo organisation "Acme" (see [`crate::demo`]).
    #[default]
    Demo,
    /// No users, except the credentials' owner where the API has a "current user" (Axiom
    /// `GET /user`, Model-Prime `GET /users/me`): Ada Lovelace, alone.
    Empty,
}

/// Builder for a [`Sandbox`].
///
/// ```no_run
/// # async fn demo() -> Result<(), usermgmt_sandbox::SandboxError> {
/// use usermgmt_sandbox::{FakeApi, Sandbox, Seed};
///
/// let sandbox = Sandbox::builder()
///     .port_base(48100) // axiom 48100, adverity 48101, ..., axolo 48104
///     .seed(Seed::Empty)
///     .synthetic_users(FakeApi::Adverity, 10_000)
///     .start()
///     .await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
pub struct SandboxBuilder {
    pub(crate) port_base: Option<u16>,
    pub(crate) seed: Seed,
    pub(crate) synthetic: Vec<(FakeApi, usize)>,
    pub(crate) state_file: Option<PathBuf>,
}

impl SandboxBuilder {
    /// Listen on fixed ports `base..=base + 4`, one per provider in [`FakeApi::ALL`] order
    /// (default: OS-assigned ports).
    pub fn port_base(mut self, base: u16) -> Self {
        self.port_base = Some(base);
        self
    }

    /// The seed data (default [`Seed::Demo`]).
    pub fn seed(mut self, seed: Seed) -> Self {
        self.seed = seed;
        self
    }

    /// Add `n` deterministic synthetic users (`user00001@load.example`, ...) to `provider`
    /// on top of the seed; repeated calls add up.
    pub fn synthetic_users(mut self, provider: FakeApi, n: usize) -> Self {
        self.synthetic.push((provider, n));
        self
    }

    /// Keep the fakes' state in the file at `path`, so a later sandbox (another process)
    /// starts where this one stopped: loaded at start when the file exists (then the seed
    /// and synthetic users are not applied), written after every change, and locked so
    /// that no two sandboxes use it at once ([`SandboxError::StateInUse`]). A missing or
    /// empty file starts from the seed; a file that is not a sandbox state is an error,
    /// never overwritten. [`Sandbox::reset_state`] removes it.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), usermgmt_sandbox::SandboxError> {
    /// use usermgmt_sandbox::Sandbox;
    ///
    /// let sandbox = Sandbox::builder().state_file("/tmp/acme-sandbox.json").start().await?;
    /// # Ok(()) }
    /// ```
    pub fn state_file(mut self, path: impl AsRef<Path>) -> Self {
        self.state_file = Some(path.as_ref().to_path_buf());
        self
    }

    /// Binds the five ports and starts the fakes.
    pub async fn start(self) -> Result<Sandbox, SandboxError> {
        Sandbox::from_builder(self).await
    }
}
