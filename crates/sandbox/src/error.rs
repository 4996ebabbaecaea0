//! Why the sandbox could not start.
//!
//! Starting fails only on sockets and on the state file; the fakes themselves answer
//! every request.

use std::path::PathBuf;

use crate::FakeApi;

/// An error from [`crate::Sandbox::start`], [`crate::SandboxBuilder::start`] or
/// [`crate::Sandbox::reset_state`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SandboxError {
    /// The port for one provider could not be bound on 127.0.0.1.
    #[error(
        "cannot listen on 127.0.0.1:{port} for the {provider} sandbox: {source} \
         (pick another port base, or let the OS choose free ports)"
    )]
    Bind {
        /// The provider whose port failed.
        provider: FakeApi,
        /// The port asked for (0 when the OS was to choose).
        port: u16,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// `port_base + 4` does not fit in a port number.
    #[error(
        "port base {base} is too high: the sandbox needs five ports, {base}..={base}+4, all below 65536"
    )]
    PortRange {
        /// The base asked for.
        base: u16,
    },
    /// Another process (another sandbox) holds the state file.
    #[error(
        "the sandbox state {} is in use by another process (a running sandbox server?)",
        path.display()
    )]
    StateInUse {
        /// The state file.
        path: PathBuf,
    },
    /// The state file cannot be read, written or understood.
    #[error("sandbox state {}: {reason}", path.display())]
    StateFile {
        /// The state file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
}
