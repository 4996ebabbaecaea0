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
    #[command(after_help = "Examples:\n  usermgmt modelprime org get\n  \
        usermgmt modelprime org get --output json")]
    Get,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ModelPrimeMe {
    /// Show the current user.
    #[command(after_help = "Examples:\n  usermgmt modelprime me get\n  \
        usermgmt modelprime me get --output json")]
    Get,
    /// Change the current user's name or email (username-password accounts only).
    #[command(
        after_help = "Examples:\n  usermgmt modelprime me update --name \"Ada King\"\n  \
        usermgmt modelprime me update --email ada.king@acme.example"
    )]
    Update {
        /// New display name (unchanged when absent).
        #[arg(long, value_parser = values::name)]
        name: Option<String>,
        /// New email address (unchanged when absent). It is also half of the credentials:
        /// update MODELPRIME_EMAIL after.
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
        usermgmt modelprime users list --output csv --no-headers\n  \
        usermgmt modelprime users list --page-size 2 --limit 5")]
    List {
        /// Only users whose name contains this, case-insensitive: at least 3 letters or
        /// spaces (default: every user).
        #[arg(long, value_parser = values::name_search)]
        name_search: Option<String>,
        #[command(flatten)]
        page: PageArgs,
    },
    /// Show one user with roles (columns: id, email, name, roles).
    #[command(
        after_help = "Examples:\n  usermgmt modelprime users get 'google-oauth2|108700165538783155118'\n  \
        usermgmt modelprime users get 'google-oauth2|108700165538783155118' --output json"
    )]
    Get {
        /// The user's id (like `google-oauth2|1087...`, from `usermgmt modelprime users list`).
        #[arg(value_parser = values::id)]
        id: String,
    },
    /// Invite a user; prints {"result":"ok","action":"invite","provider":"modelprime","email":...}.
    #[command(
        after_help = "Examples:\n  usermgmt modelprime users invite --email barbara@acme.example \\\n    \
        --name \"Barbara Liskov\" --role developer\n  \
        usermgmt modelprime users invite --email charles@acme.example \\\n    \
        --name \"Charles Babbage\" --role analyst --role developer --connection none"
    )]
    Invite {
        /// Email address to invite.
        #[arg(long, value_parser = values::email)]
        email: Email,
        /// The invitee's display name, like "Ada Lovelace".
        #[arg(long, value_parser = values::name)]
        name: String,
        /// A role the invitee gets (repeatable, at least one).
        #[arg(long = "role", required = true, value_parser = values::role())]
        roles: Vec<PermissionRole>,
        /// How the invitee will log in: with Google, or with a username and password.
        #[arg(long, value_enum, default_value_t = Connection::GoogleOauth2)]
        connection: Connection,
    },
    /// Replace a user's roles.
    #[command(
        after_help = "Examples:\n  usermgmt modelprime users set-roles 'google-oauth2|108700165538783155118' \
        --role analyst\n  \
        usermgmt modelprime users set-roles 'google-oauth2|108700165538783155118' \\\n    \
        --role developer --role admin"
    )]
    SetRoles {
        /// The user's id (like `google-oauth2|1087...`, from `usermgmt modelprime users list`).
        #[arg(value_parser = values::id)]
        id: String,
        /// A role the user keeps or gets (repeatable, at least one); roles not given are
        /// taken away.
        #[arg(long = "role", required = true, value_parser = values::role())]
        roles: Vec<PermissionRole>,
    },
    /// Remove a user from the organisation.
    #[command(
        after_help = "Examples:\n  usermgmt modelprime users remove 'google-oauth2|108700165538783155118'"
    )]
    Remove {
        /// The user's id (like `google-oauth2|1087...`, from `usermgmt modelprime users list`).
        #[arg(value_parser = values::id)]
        id: String,
    },
    /// Send a password-reset email (username-password accounts only).
    #[command(after_help = "Examples:\n  \
        usermgmt modelprime users reset-password 'auth0|cb9da8543f4211db165c988c'")]
    ResetPassword {
        /// The user's id (like `auth0|64f1...`, from `usermgmt modelprime users list`).
        #[arg(value_parser = values::id)]
        id: String,
    },
}
