//! `usermgmt adverity ...`: Adverity users.

use clap::{Args, Subcommand};

use super::PageArgs;

#[derive(Debug, Subcommand)]
pub(crate) enum AdverityCommand {
    /// Users of the instance.
    #[command(subcommand)]
    Users(AdverityUsers),
}

/// Fields of an Adverity user; all optional on update.
#[derive(Debug, Clone, Args)]
pub(crate) struct AdverityFields {
    #[arg(long)]
    pub(crate) email: Option<String>,
    #[arg(long)]
    pub(crate) first_name: Option<String>,
    #[arg(long)]
    pub(crate) last_name: Option<String>,
    /// Group id (repeatable).
    #[arg(long = "group")]
    pub(crate) groups: Vec<i64>,
    /// Workspace id (repeatable).
    #[arg(long = "workspace")]
    pub(crate) workspaces: Vec<i64>,
    /// Create or set the user inactive.
    #[arg(long)]
    pub(crate) inactive: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum AdverityUsers {
    /// List users (paginated).
    List(PageArgs),
    /// Show one user.
    Get { id: i64 },
    /// Create a user.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        first_name: String,
        #[arg(long)]
        last_name: String,
        /// Group id (repeatable).
        #[arg(long = "group")]
        groups: Vec<i64>,
        /// Workspace id (repeatable).
        #[arg(long = "workspace")]
        workspaces: Vec<i64>,
        /// Create the user inactive.
        #[arg(long)]
        inactive: bool,
    },
    /// Change some fields of a user.
    Update {
        id: i64,
        #[command(flatten)]
        fields: AdverityFields,
    },
    /// Delete a user.
    Delete { id: i64 },
}
