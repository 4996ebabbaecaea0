//! `usermgmt axolo ...`: onboarding and offboarding by GitHub login.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum AxoloCommand {
    /// Onboard an engineer.
    Onboard {
        /// GitHub organization (case-sensitive).
        #[arg(long)]
        organization: String,
        #[arg(long)]
        github_login: String,
        #[arg(long)]
        slack_id: String,
    },
    /// Offboard an engineer.
    Offboard {
        /// GitHub organization (case-sensitive).
        #[arg(long)]
        organization: String,
        #[arg(long)]
        github_login: String,
    },
}
