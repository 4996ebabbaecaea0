//! `usermgmt adverity ...`: Adverity users.

use clap::{Args, Subcommand};
use usermgmt::Email;

use super::{PageArgs, values};

#[derive(Debug, Subcommand)]
pub(crate) enum AdverityCommand {
    /// Users of the instance.
    #[command(subcommand)]
    Users(AdverityUsers),
}

/// Fields of an Adverity user; all optional on update.
#[derive(Debug, Clone, Args)]
pub(crate) struct AdverityFields {
    /// New email address.
    #[arg(long, value_parser = values::email)]
    pub(crate) email: Option<Email>,
    /// New first name.
    #[arg(long, value_parser = values::name)]
    pub(crate) first_name: Option<String>,
    /// New last name.
    #[arg(long, value_parser = values::name)]
    pub(crate) last_name: Option<String>,
    /// Group id (repeatable); replaces the groups.
    #[arg(long = "group", value_parser = clap::value_parser!(i64).range(1..))]
    pub(crate) groups: Vec<i64>,
    /// Workspace id (repeatable); replaces the workspaces.
    #[arg(long = "workspace", value_parser = clap::value_parser!(i64).range(1..))]
    pub(crate) workspaces: Vec<i64>,
    /// Set the user inactive.
    #[arg(long)]
    pub(crate) inactive: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum AdverityUsers {
    /// List users (paginated).
    #[command(
        after_help = "Columns (CSV and table; JSON objects carry the same fields): \
        id, email, first_name, last_name, active, groups, workspaces, workspace_names, \
        created, last_modified, last_login\n\n\
        Examples:\n  usermgmt adverity users list --output csv > adverity.csv\n  \
        usermgmt adverity users list --limit 20"
    )]
    List(PageArgs),
    /// Show one user.
    Get {
        /// The user's numeric id.
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        id: i64,
    },
    /// Create a user; prints the new user (with its id).
    #[command(
        after_help = "Example:\n  usermgmt adverity users create --email ada@acme.example \
        --first-name Ada --last-name Lovelace --workspace 1"
    )]
    Create {
        /// Email address (also the login).
        #[arg(long, value_parser = values::email)]
        email: Email,
        /// First name.
        #[arg(long, value_parser = values::name)]
        first_name: String,
        /// Last name.
        #[arg(long, value_parser = values::name)]
        last_name: String,
        /// Group id (repeatable).
        #[arg(long = "group", value_parser = clap::value_parser!(i64).range(1..))]
        groups: Vec<i64>,
        /// Workspace id (repeatable).
        #[arg(long = "workspace", value_parser = clap::value_parser!(i64).range(1..))]
        workspaces: Vec<i64>,
        /// Create the user inactive.
        #[arg(long)]
        inactive: bool,
    },
    /// Change some fields of a user; prints the updated user.
    Update {
        /// The user's numeric id.
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        id: i64,
        #[command(flatten)]
        fields: AdverityFields,
    },
    /// Delete a user; prints {"result":"ok","action":"delete","provider":"adverity","id":...}.
    Delete {
        /// The user's numeric id.
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        id: i64,
    },
}
