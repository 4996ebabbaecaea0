//! `usermgmt axolo ...`: onboarding and offboarding by GitHub login.

use clap::Subcommand;

use super::values;

#[derive(Debug, Subcommand)]
pub(crate) enum AxoloCommand {
    /// Onboard an engineer; prints {"result":"ok","action":"onboard","provider":"axolo","id":LOGIN,...}.
    #[command(
        after_help = "Examples:\n  usermgmt axolo onboard --organization acme-corp \
        --github-login kjohnson --slack-id U01KATHJOH\n  \
        usermgmt --sandbox axolo onboard --organization acme-corp \\\n    \
        --github-login hedy-lamarr --slack-id U01HEDYLAM"
    )]
    Onboard {
        /// The GitHub organization's login, like acme-corp (case-sensitive).
        #[arg(long, value_parser = values::organization)]
        organization: String,
        /// The engineer's GitHub login, like alan-turing.
        #[arg(long, value_parser = values::github_login)]
        github_login: String,
        /// The engineer's Slack member id (like U024BE7LH).
        #[arg(long, value_parser = values::slack_id)]
        slack_id: String,
    },
    /// Offboard an engineer.
    #[command(
        after_help = "Examples:\n  usermgmt axolo offboard --organization acme-corp \
        --github-login alan-turing"
    )]
    Offboard {
        /// The GitHub organization's login, like acme-corp (case-sensitive).
        #[arg(long, value_parser = values::organization)]
        organization: String,
        /// The engineer's GitHub login, like alan-turing.
        #[arg(long, value_parser = values::github_login)]
        github_login: String,
    },
}
