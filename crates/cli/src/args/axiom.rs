//! `usermgmt axiom ...`: Axiom users, roles and the current user.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum AxiomCommand {
    /// Users of the organisation.
    #[command(subcommand)]
    Users(AxiomUsers),
    /// Roles of the organisation (custom roles' ids and names).
    #[command(subcommand)]
    Roles(AxiomRoles),
    /// The user a personal access token belongs to (AXIOM_PERSONAL_TOKEN, else
    /// AXIOM_TOKEN; Axiom answers only personal access tokens here).
    #[command(subcommand)]
    Me(AxiomMe),
}

#[derive(Debug, Subcommand)]
pub(crate) enum AxiomUsers {
    /// List every user.
    List,
    /// Show one user.
    Get {
        /// The user id.
        id: String,
    },
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
    /// Deprecated: update a user's name (and email). Axiom removed this call from its
    /// API in April 2025; use `me rename` and `users set-role`.
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
pub(crate) enum AxiomRoles {
    /// List every role.
    #[command(
        after_help = "Columns (CSV and table): id, name, description, members\n\n\
        Examples:\n  usermgmt axiom roles list\n  usermgmt axiom roles list --output json"
    )]
    List,
    /// Show one role.
    Get {
        /// The role id.
        id: String,
    },
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
