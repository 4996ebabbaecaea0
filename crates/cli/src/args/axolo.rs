//! `usermgmt axolo ...`: onboarding and offboarding by GitHub login.

use clap::Subcommand;

use super::values;

#[derive(Debug, Subcommand)]
pub(crate) enum AxoloCommand {
    /// Onboard an engineer; prints {"result":"ok","action":"onboard","provider":"axolo","id":LOGIN,...}.
    #[command(
        after_help = "Example:\n  usermgmt axolo onboard --organization acme-corp \
        --github-login ada-l --slack-id U024BE7LH"
    )]
    Onboard {
        /// GitHub organization (case-sensitive).
        #[arg(long, value_parser = values::organization)]
        organization: String,
        /// The engineer's GitHub login.
        #[arg(long, value_parser = values::github_login)]
        github_login: String,
        /// The engineer's Slack member id (like U024BE7LH).
        #[arg(long, value_parser = values::slack_id)]
        slack_id: String,
    },
    /// Offboard an engineer.
    Offboard {
        /// GitHub organization (case-sensitive).
        #[arg(long, value_parser = values::organization)]
        organization: String,
        /// The engineer's GitHub login.
        #[arg(long, value_parser = values::github_login)]
        github_login: String,
    },
}
