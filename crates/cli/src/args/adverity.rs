//! `usermgmt adverity ...`: Adverity users.

use clap::{Args, Subcommand};
use usermgmt::Email;

use super::{PageArgs, values};

#[derive(Debug, Subcommand)]
pub(crate) enum AdverityCommand {
    /// Users of the instance.
    #[command(
        subcommand,
        after_help = "Examples:\n  usermgmt adverity users list\n  usermgmt adverity users get 102"
    )]
    Users(AdverityUsers),
}

/// Fields of an Adverity user; all optional on update.
#[derive(Debug, Clone, Args)]
pub(crate) struct AdverityFields {
    /// New email address (also the login).
    #[arg(long, value_parser = values::email)]
    pub(crate) email: Option<Email>,
    /// New first name.
    #[arg(long, value_parser = values::name)]
    pub(crate) first_name: Option<String>,
    /// New last name.
    #[arg(long, value_parser = values::name)]
    pub(crate) last_name: Option<String>,
    /// A group's numeric id (repeatable); the given groups replace the user's groups.
    #[arg(long = "group", value_parser = clap::value_parser!(i64).range(1..))]
    pub(crate) groups: Vec<i64>,
    /// A workspace's numeric id (repeatable); the given workspaces replace the user's
    /// workspaces.
    #[arg(long = "workspace", value_parser = clap::value_parser!(i64).range(1..))]
    pub(crate) workspaces: Vec<i64>,
    /// Set the user inactive (they can no longer log in; the account is kept).
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
        usermgmt adverity users list --limit 20\n  \
        usermgmt --sandbox adverity users list --page-size 5 --output json"
    )]
    List(PageArgs),
    /// Show one user.
    #[command(after_help = "Examples:\n  usermgmt adverity users get 102\n  \
        usermgmt adverity users get 102 --output json")]
    Get {
        /// The user's numeric id (from `usermgmt adverity users list`).
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        id: i64,
    },
    /// Create a user; prints the new user (with its id).
    #[command(
        after_help = "Examples:\n  usermgmt adverity users create --email barbara@acme.example \\\n    \
        --first-name Barbara --last-name Liskov --workspace 1\n  \
        usermgmt adverity users create --email barbara@acme.example \\\n    \
        --first-name Barbara --last-name Liskov --group 2 --workspace 1 --workspace 2"
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
        /// A group's numeric id (repeatable; 1 Administrators, 2 Analysts, 3 Viewers in the
        /// sandbox). Default: no groups.
        #[arg(long = "group", value_parser = clap::value_parser!(i64).range(1..))]
        groups: Vec<i64>,
        /// A workspace's numeric id (repeatable; 1 Acme, 2 Acme Marketing, 3 Acme Finance in
        /// the sandbox). Default: no workspaces.
        #[arg(long = "workspace", value_parser = clap::value_parser!(i64).range(1..))]
        workspaces: Vec<i64>,
        /// Create the user inactive (default: active).
        #[arg(long)]
        inactive: bool,
    },
    /// Change some fields of a user; prints the updated user.
    #[command(
        after_help = "Examples:\n  usermgmt adverity users update 102 --last-name Turing-Smith\n  \
        usermgmt adverity users update 102 --group 3 --workspace 1\n  \
        usermgmt adverity users update 102 --inactive"
    )]
    Update {
        /// The user's numeric id (from `usermgmt adverity users list`).
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        id: i64,
        #[command(flatten)]
        fields: AdverityFields,
    },
    /// Delete a user; prints {"result":"ok","action":"delete","provider":"adverity","id":...}.
    #[command(after_help = "Examples:\n  usermgmt adverity users delete 102")]
    Delete {
        /// The user's numeric id (from `usermgmt adverity users list`).
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        id: i64,
    },
}
