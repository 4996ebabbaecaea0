//! `usermgmt sandbox ...`: the local sandbox of all five APIs.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum SandboxCommand {
    /// Serve all five fake APIs until interrupted.
    Serve {
        /// First port; providers get base..base+4. OS-assigned when absent.
        #[arg(long)]
        port_base: Option<u16>,
    },
}
