//! Helpers for your own tests (cargo feature `testing`): a [`Directory`] or a provider
//! client pointed at an in-process [`Sandbox`], with no lookup closure to copy.
//!
//! Here rather than in usermgmt-sandbox because the sandbox must not depend on the SDK
//! it stands in for; an extension trait is the way to add methods to its type.

use std::fmt;
use std::sync::Arc;

use usermgmt_runtime::ClientOptions;
use usermgmt_sandbox::{Sandbox, SandboxError};

use crate::{Directory, Provider};

/// A fresh sandbox (demo seed, OS-assigned ports) and a [`Directory`] of every
/// compiled-in provider pointed at it; the directory owns the sandbox, which stops when
/// the last clone of the directory is dropped.
///
/// ```
/// use futures::TryStreamExt;
///
/// # #[tokio::main] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let directory = usermgmt::testing::sandbox_directory().await?;
/// let alan = usermgmt::Person::new("alan@acme.example")?;
/// let found = directory.find(&alan).await;
/// assert!(found.iter().all(|(_, accounts)| accounts.as_ref().is_ok_and(|a| a.len() == 1)));
/// # Ok(()) }
/// ```
pub async fn sandbox_directory() -> Result<Directory, SandboxError> {
    Ok(Sandbox::start().await?.into_directory())
}

/// Connects the SDK to a running [`Sandbox`]: every compiled-in provider, with the
/// sandbox's URLs and credentials. Keep the sandbox alive while the directory is used
/// (dropping it stops the servers).
///
/// Add `usermgmt = { version = "…", features = ["testing"] }` and `usermgmt-sandbox` to
/// your `[dev-dependencies]`, then a test reads:
///
/// ```
/// use futures::TryStreamExt;
/// use usermgmt::testing::SandboxExt;
///
/// # #[tokio::main] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let sandbox = usermgmt_sandbox::Sandbox::start().await?;
/// let directory = sandbox.directory();
/// let everyone: Vec<usermgmt::User> = directory.list_users().try_collect().await?;
/// assert!(everyone.iter().any(|u| u.email.as_deref() == Some("alan@acme.example")));
/// # Ok(()) }
/// ```
///
/// One provider's typed client reads the same variables through [`lookup`](Self::lookup):
///
/// ```
/// # use futures::TryStreamExt;
/// # use usermgmt::testing::SandboxExt;
/// use usermgmt::modelprime::{Client, ClientExt};
///
/// # #[tokio::main] async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let sandbox = usermgmt_sandbox::Sandbox::start().await?;
/// let client = Client::from_lookup(&sandbox.lookup(), &Default::default())?;
/// let users: Vec<_> = client.users().limit(2).stream().try_collect().await?;
/// assert_eq!(users.len(), 2);
/// # Ok(()) }
/// ```
pub trait SandboxExt {
    /// A directory of every provider compiled into this build, with default
    /// [`ClientOptions`].
    fn directory(&self) -> Directory;

    /// Like [`directory`](Self::directory), connecting with `options` (a short timeout,
    /// no retries, ...).
    fn directory_with(&self, options: &ClientOptions) -> Directory;

    /// Like [`directory`](Self::directory), moving the sandbox into the directory so it
    /// runs as long as the directory (or a clone of it) lives:
    /// `let directory = Sandbox::start().await?.into_directory();`
    fn into_directory(self) -> Directory;

    /// The sandbox's configuration variables (`AXIOM_URL`, `AXIOM_TOKEN`, ...) as a
    /// lookup for any `from_lookup` constructor; the process environment is not read.
    fn lookup(&self) -> impl Fn(&str) -> Option<String> + Send + Sync + 'static;
}

impl SandboxExt for Sandbox {
    fn directory(&self) -> Directory {
        self.directory_with(&ClientOptions::default())
    }

    fn directory_with(&self, options: &ClientOptions) -> Directory {
        let (directory, skipped) = Directory::from_lookup(&Provider::ALL, &self.lookup(), options);
        // The sandbox sets every variable of every provider, so nothing is skipped
        // unless a provider's feature is off, which leaves it out on purpose.
        debug_assert!(
            skipped
                .iter()
                .all(|e| matches!(e, crate::Error::Unsupported { .. })),
            "the sandbox left a provider unconfigured: {skipped:?}"
        );
        directory
    }

    fn into_directory(self) -> Directory {
        let mut directory = self.directory();
        directory.keep_alive = KeepAlive(Some(Arc::new(self)));
        directory
    }

    fn lookup(&self) -> impl Fn(&str) -> Option<String> + Send + Sync + 'static {
        let vars = self.env_vars();
        move |name: &str| {
            vars.iter()
                .find(|(var, _)| *var == name)
                .map(|(_, value)| value.clone())
        }
    }
}

/// What a [`Directory`] keeps running for its clients: the sandbox of
/// [`SandboxExt::into_directory`], shared by the directory's clones.
#[derive(Clone, Default)]
pub(crate) struct KeepAlive(Option<Arc<Sandbox>>);

impl fmt::Debug for KeepAlive {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "KeepAlive(sandbox)"
        } else {
            "KeepAlive(none)"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread")]
    async fn a_sandbox_directory_has_every_compiled_in_provider() {
        let sandbox = Sandbox::start().await.unwrap();
        let directory = sandbox.directory();
        let expected: Vec<Provider> = Provider::ALL
            .into_iter()
            .filter(|p| {
                crate::Backend::from_lookup(*p, &sandbox.lookup(), &Default::default()).is_ok()
            })
            .collect();
        assert_eq!(directory.providers(), expected);
        #[cfg(all(
            feature = "axiom",
            feature = "adverity",
            feature = "paradime",
            feature = "modelprime",
            feature = "axolo"
        ))]
        assert_eq!(expected, Provider::ALL);
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn a_directory_that_owns_its_sandbox_keeps_it_running_until_dropped() {
        use futures::TryStreamExt;
        let directory = sandbox_directory().await.unwrap();
        let clone = directory.clone();
        drop(directory);
        // Had the sandbox stopped, every provider would answer "connection refused".
        let users: Vec<crate::User> = clone.list_users().try_collect().await.unwrap();
        assert!(!users.is_empty());
    }

    #[test]
    fn the_lookup_reads_the_sandbox_and_not_the_process_environment() {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let sandbox = runtime.block_on(Sandbox::start()).unwrap();
        let lookup = sandbox.lookup();
        let url = lookup("AXIOM_URL").unwrap();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        assert_eq!(lookup("PATH"), None);
    }
}
