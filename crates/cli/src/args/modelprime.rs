//! `usermgmt modelprime ...`: the organisation, users, invitations and roles.

use clap::{Subcommand, ValueEnum};

use super::PageArgs;

#[derive(Debug, Subcommand)]
pub(crate) enum ModelPrimeCommand {
    /// The organisation.
    #[command(subcommand)]
    Org(ModelPrimeOrg),
    /// The current user.
    #[command(subcommand)]
    Me(ModelPrimeMe),
    /// Users of the organisation.
    #[command(subcommand)]
    Users(ModelPrimeUsers),
}

#[derive(Debug, Subcommand)]
pub(crate) enum ModelPrimeOrg {
    /// Show the organisation.
    Get,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ModelPrimeMe {
    /// Show the current user.
    Get,
    /// Change the current user's name or email (username-password accounts only).
    Update {
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        email: Option<String>,
    },
}

/// How an invited Model-Prime user logs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Connection {
    /// Google sign-in (the API's default).
    #[value(name = "google-oauth2")]
    GoogleOauth2,
    /// Username and password.
    None,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ModelPrimeUsers {
    /// List users (paginated).
    List {
        /// Case-insensitive name filter: letters and spaces, at least 3.
        #[arg(long)]
        name_search: Option<String>,
        #[command(flatten)]
        page: PageArgs,
    },
    /// Show one user with roles.
    Get { id: String },
    /// Invite a user.
    Invite {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin, developer or analyst (repeatable).
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        #[arg(long, value_enum, default_value_t = Connection::GoogleOauth2)]
        connection: Connection,
    },
    /// Replace a user's roles.
    SetRoles {
        id: String,
        /// admin, developer or analyst (repeatable).
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
    },
    /// Remove a user from the organisation.
    Remove { id: String },
    /// Send a password-reset email.
    ResetPassword { id: String },
}
