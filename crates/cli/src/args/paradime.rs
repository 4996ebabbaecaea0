//! `usermgmt paradime ...`: Paradime users and workspaces.

use clap::Subcommand;
use usermgmt::Email;
use usermgmt::paradime::UserAccountType;

use super::values;

#[derive(Debug, Subcommand)]
pub(crate) enum ParadimeCommand {
    /// Active and invited users.
    #[command(subcommand)]
    Users(ParadimeUsers),
    /// Workspaces of the company.
    #[command(subcommand)]
    Workspaces(ParadimeWorkspaces),
}

#[derive(Debug, Subcommand)]
pub(crate) enum ParadimeUsers {
    /// List active users, then invitations (which have no uid yet).
    #[command(
        after_help = "Columns (CSV, table and JSON): uid, email, name, account_type, \
        invite_status (empty for active users; uid and name empty for invitations)\n\n\
        Examples:\n  usermgmt paradime users list\n  usermgmt paradime users list --output json"
    )]
    List,
    /// Invite a user; prints {"result":"ok","action":"invite","provider":"paradime","email":...}.
    #[command(after_help = "Examples:\n  \
        usermgmt paradime users invite --email barbara@acme.example --account-type DEVELOPER\n  \
        usermgmt paradime users invite --email hedy@acme.example --account-type analyst")]
    Invite {
        /// Email address to invite.
        #[arg(long, value_parser = values::email)]
        email: Email,
        /// The account type (role) the user gets; case-insensitive.
        #[arg(long, ignore_case = true, value_parser = values::account_type())]
        account_type: UserAccountType,
    },
    /// Change an active user's account type.
    #[command(
        after_help = "Examples:\n  usermgmt paradime users set-role --account-type ANALYST \\\n    \
        851b813e0a9fc3d4b2e8beb0d333472a50e7874eb900f486d47fb7235d8d0d9e"
    )]
    SetRole {
        /// The user's uid (64 hex characters, from `usermgmt paradime users list`).
        #[arg(value_parser = values::id)]
        uid: String,
        /// The new account type; case-insensitive.
        #[arg(long, ignore_case = true, value_parser = values::account_type())]
        account_type: UserAccountType,
    },
    /// Disable an active user.
    #[command(
        after_help = "Examples:\n  usermgmt paradime users disable 851b813e0a9fc3d4b2e8beb0d333472a50e7874eb900f486d47fb7235d8d0d9e"
    )]
    Disable {
        /// The user's uid (64 hex characters, from `usermgmt paradime users list`).
        #[arg(value_parser = values::id)]
        uid: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ParadimeWorkspaces {
    /// List workspaces.
    #[command(after_help = "Columns (CSV, table and JSON): uid, name\n\n\
        Examples:\n  usermgmt paradime workspaces list\n  \
        usermgmt paradime workspaces list --output csv")]
    List,
}
