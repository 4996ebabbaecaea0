//! `usermgmt modelprime ...`: the organisation, users, invitations and roles.

use clap::{Subcommand, ValueEnum};
use usermgmt::Email;
use usermgmt::modelprime::PermissionRole;

use super::{PageArgs, values};

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
        /// New display name.
        #[arg(long, value_parser = values::name)]
        name: Option<String>,
        /// New email address (also half of the credentials: update MODELPRIME_EMAIL after).
        #[arg(long, value_parser = values::email)]
        email: Option<Email>,
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
    #[command(after_help = "Columns (CSV, table and JSON): id, email, name\n\n\
        Examples:\n  usermgmt modelprime users list --name-search tur\n  \
        usermgmt modelprime users list --output csv --no-headers")]
    List {
        /// Case-insensitive name filter: letters and spaces, at least 3.
        #[arg(long, value_parser = values::name_search)]
        name_search: Option<String>,
        #[command(flatten)]
        page: PageArgs,
    },
    /// Show one user with roles (columns: id, email, name, roles).
    Get {
        /// The user's id (like `google-oauth2|1087...`).
        #[arg(value_parser = values::id)]
        id: String,
    },
    /// Invite a user; prints {"result":"ok","action":"invite","provider":"modelprime","email":...}.
    #[command(
        after_help = "Example:\n  usermgmt modelprime users invite --email ada@acme.example \
        --name \"Ada Lovelace\" --role developer"
    )]
    Invite {
        /// Email address to invite.
        #[arg(long, value_parser = values::email)]
        email: Email,
        /// The invitee's display name.
        #[arg(long, value_parser = values::name)]
        name: String,
        /// A role (repeatable).
        #[arg(long = "role", required = true, value_parser = values::role())]
        roles: Vec<PermissionRole>,
        /// How the invitee will log in.
        #[arg(long, value_enum, default_value_t = Connection::GoogleOauth2)]
        connection: Connection,
    },
    /// Replace a user's roles.
    SetRoles {
        /// The user's id.
        #[arg(value_parser = values::id)]
        id: String,
        /// A role (repeatable).
        #[arg(long = "role", required = true, value_parser = values::role())]
        roles: Vec<PermissionRole>,
    },
    /// Remove a user from the organisation.
    Remove {
        /// The user's id.
        #[arg(value_parser = values::id)]
        id: String,
    },
    /// Send a password-reset email (username-password accounts only).
    ResetPassword {
        /// The user's id.
        #[arg(value_parser = values::id)]
        id: String,
    },
}
