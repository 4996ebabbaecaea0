//! `usermgmt axiom ...`: Axiom users and the current user.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum AxiomCommand {
    /// Users of the organisation.
    #[command(subcommand)]
    Users(AxiomUsers),
    /// The user the token belongs to.
    #[command(subcommand)]
    Me(AxiomMe),
}

#[derive(Debug, Subcommand)]
pub(crate) enum AxiomUsers {
    /// List every user.
    List,
    /// Show one user.
    Get { id: String },
    /// Create a user.
    Create {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        /// none, read-only, user, admin, owner, or a custom role id.
        #[arg(long)]
        role: String,
    },
    /// Update a user's name (and email).
    Update {
        id: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: Option<String>,
    },
    /// Change a user's role.
    SetRole {
        id: String,
        #[arg(long)]
        role: String,
    },
    /// Delete a user.
    Delete { id: String },
}

#[derive(Debug, Subcommand)]
pub(crate) enum AxiomMe {
    /// Show the current user.
    Get,
    /// Rename the current user.
    Rename {
        #[arg(long)]
        name: String,
    },
}
