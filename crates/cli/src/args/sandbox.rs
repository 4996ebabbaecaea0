//! `usermgmt sandbox ...`: the local sandbox of all five APIs.

use std::path::PathBuf;

use clap::Subcommand;

/// The first port of `sandbox serve` unless `--port-base` says otherwise: below the Linux
/// ephemeral range (32768-60999), so an outgoing connection never holds it.
pub(crate) const DEFAULT_PORT_BASE: u16 = 18100;

// Checked when compiling: unprivileged, and all five ports below 32768, where Linux's
// default `net.ipv4.ip_local_port_range` (32768-60999) starts.
const _: () = assert!(DEFAULT_PORT_BASE >= 1024 && DEFAULT_PORT_BASE + 4 < 32_768);

#[derive(Debug, Subcommand)]
pub(crate) enum SandboxCommand {
    /// Serve all five fake APIs, with the --sandbox-state file, until Ctrl-C or SIGTERM.
    ///
    /// Prints the `export` lines that point the SDK and CLI at it (and with --env-file
    /// writes them to a file, for scripts that run it in the background). Changes persist
    /// in the same state file `--sandbox` uses, so both see the same accounts (one at a
    /// time: the file is locked while in use).
    #[command(after_help = "Examples:\n  \
        usermgmt sandbox serve\n  \
        usermgmt sandbox serve --port-base 19100 --env-file sandbox.env &\n  \
        usermgmt sandbox serve --sandbox-state /tmp/demo-state.json")]
    Serve {
        /// First port: Axiom gets it, then Adverity, Paradime, Model-Prime and Axolo the
        /// next four. 0 lets the OS choose free ports.
        #[arg(long, value_name = "PORT", default_value_t = DEFAULT_PORT_BASE)]
        port_base: u16,
        /// Also write the `export` lines to this file once the servers listen (it is
        /// removed again on exit), so a script can wait for it and `source` it.
        #[arg(long, value_name = "PATH")]
        env_file: Option<PathBuf>,
    },
    /// Restore the demo data: remove the --sandbox-state file (refused while a sandbox
    /// uses it).
    #[command(after_help = "Examples:\n  \
        usermgmt sandbox reset\n  \
        usermgmt sandbox reset --sandbox-state /tmp/demo-state.json")]
    Reset,
}
