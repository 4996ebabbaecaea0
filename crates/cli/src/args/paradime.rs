//! `usermgmt paradime ...`: Paradime users and workspaces.

use clap::Subcommand;

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
    /// List active and invited users.
    List,
    /// Invite a user.
    Invite {
        #[arg(long)]
        email: String,
        /// ADMIN, DEVELOPER, BUSINESS, ...
        #[arg(long)]
        account_type: String,
    },
    /// Change an active user's account type.
    SetRole {
        uid: String,
        #[arg(long)]
        account_type: String,
    },
    /// Disable an active user.
    Disable { uid: String },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ParadimeWorkspaces {
    /// List workspaces.
    List,
}
