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
    #[command(after_help = "Examples:\n  usermgmt axiom users list\n  \
        usermgmt axiom users list --output csv > axiom-users.csv")]
    List,
    /// Show one user.
    #[command(
        after_help = "Examples:\n  usermgmt axiom users get 161e1dd3-39d9-44c1-be1a-e2b2dd2bfbe4\n  \
        usermgmt axiom users get 161e1dd3-39d9-44c1-be1a-e2b2dd2bfbe4 --output json"
    )]
    Get {
        /// The user's id (a UUID, from `usermgmt axiom users list`).
        id: String,
    },
    /// Create a user.
    #[command(
        after_help = "Examples:\n  usermgmt axiom users create --name \"Barbara Liskov\" \
        --email barbara@acme.example --role user\n  \
        usermgmt axiom users create --name \"Edsger Dijkstra\" --email edsger@acme.example \\\n    \
        --role 6c1f2a9e-3b7d-4e0a-9f45-2d8b1c7e5a31"
    )]
    Create {
        /// The user's full name, like "Ada Lovelace".
        #[arg(long)]
        name: String,
        /// The user's email address (where Axiom sends the invitation).
        #[arg(long)]
        email: String,
        /// The role: none, read-only, user, admin, owner, or a custom role's id (from
        /// `usermgmt axiom roles list`).
        #[arg(long)]
        role: String,
    },
    /// Deprecated: update a user's name (and email). Axiom removed this call from its
    /// API in April 2025; use `me rename` and `users set-role`.
    #[command(
        after_help = "Examples:\n  usermgmt axiom users update 161e1dd3-39d9-44c1-be1a-e2b2dd2bfbe4 \
        --name \"Alan M. Turing\""
    )]
    Update {
        /// The user's id (a UUID, from `usermgmt axiom users list`).
        id: String,
        /// The new full name.
        #[arg(long)]
        name: String,
        /// The new email address (unchanged when absent).
        #[arg(long)]
        email: Option<String>,
    },
    /// Change a user's role.
    #[command(
        after_help = "Examples:\n  usermgmt axiom users set-role 161e1dd3-39d9-44c1-be1a-e2b2dd2bfbe4 --role read-only\n  \
        usermgmt axiom users set-role 161e1dd3-39d9-44c1-be1a-e2b2dd2bfbe4 \\\n    \
        --role 6c1f2a9e-3b7d-4e0a-9f45-2d8b1c7e5a31"
    )]
    SetRole {
        /// The user's id (a UUID, from `usermgmt axiom users list`).
        id: String,
        /// The new role: none, read-only, user, admin, owner, or a custom role's id.
        #[arg(long)]
        role: String,
    },
    /// Delete a user.
    #[command(
        after_help = "Examples:\n  usermgmt axiom users delete 161e1dd3-39d9-44c1-be1a-e2b2dd2bfbe4"
    )]
    Delete {
        /// The user's id (a UUID, from `usermgmt axiom users list`).
        id: String,
    },
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
    #[command(after_help = "Examples:\n  \
        usermgmt axiom roles get 6c1f2a9e-3b7d-4e0a-9f45-2d8b1c7e5a31")]
    Get {
        /// The role's id (from `usermgmt axiom roles list`).
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum AxiomMe {
    /// Show the current user.
    #[command(after_help = "Examples:\n  usermgmt axiom me get\n  \
        usermgmt axiom me get --output json")]
    Get,
    /// Rename the current user.
    #[command(after_help = "Examples:\n  usermgmt axiom me rename --name \"Ada King\"")]
    Rename {
        /// The new full name.
        #[arg(long)]
        name: String,
    },
}
