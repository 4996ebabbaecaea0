//! `usermgmt config ...`: what the config file and the environment configure.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum ConfigCommand {
    /// Show every provider setting in force, and where each comes from (the --context,
    /// the environment or the file); secrets show only whether they are set.
    #[command(
        after_help = "Columns (CSV and table; JSON objects carry the same fields): \
        provider, variable, value, source\n\n\
        Examples:\n  \
        usermgmt config show\n  \
        usermgmt config show --context staging\n  \
        usermgmt config show --config ./usermgmt.toml --output json"
    )]
    Show,
}
