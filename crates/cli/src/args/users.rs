//! `usermgmt users ...`: users across every configured provider.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum UsersCommand {
    /// One table of users across all configured providers.
    List {
        /// Only these providers (repeatable).
        #[arg(long = "provider")]
        providers: Vec<String>,
    },
}
