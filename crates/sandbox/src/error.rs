//! Why the sandbox could not start.
//!
//! Starting only fails on sockets; the fakes themselves answer every request.

use crate::Provider;

/// An error from [`crate::Sandbox::start`] or [`crate::SandboxBuilder::start`].
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// The port for one provider could not be bound on 127.0.0.1.
    #[error(
        "cannot listen on 127.0.0.1:{port} for the {provider} sandbox: {source} \
         (pick another --port-base, or omit it to let the OS choose free ports)"
    )]
    Bind {
        /// The provider whose port failed.
        provider: Provider,
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
}
