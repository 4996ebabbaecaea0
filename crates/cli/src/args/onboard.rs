//! `usermgmt onboard`: plan giving one person a profile's access in every provider.

use clap::Args;

use super::PlanFlags;

#[derive(Debug, Args)]
#[command(
    after_help = "Profiles are the [profiles.NAME] tables of the config file (--config, else \
    ./usermgmt.toml, else ~/.config/usermgmt/usermgmt.toml).\n\n\
    Examples:\n  usermgmt onboard --email grace@acme.example --name \"Grace Hopper\" --profile developer\n  \
    usermgmt onboard --email grace@acme.example --name \"Grace Hopper\" --profile developer \\\n    \
        --github-login grace-hopper --slack-id U01GRACEHO --axolo-organization acme-corp \\\n    \
        --out grace.plan.json\n  \
    usermgmt onboard --email grace@acme.example --name \"Grace Hopper\" --profile analyst --apply --yes"
)]
pub(crate) struct OnboardArgs {
    /// The person's email address, as every provider will know it (like grace@acme.example).
    #[arg(long)]
    pub(crate) email: String,
    /// The person's full name, like "Grace Hopper" (Adverity gets it split at the last space).
    #[arg(long)]
    pub(crate) name: String,
    /// The access profile to give, a [profiles.NAME] table of the config file (like developer).
    #[arg(long, value_name = "NAME")]
    pub(crate) profile: String,
    /// The person's GitHub login, for Axolo (with --slack-id; Axolo is skipped without them).
    #[arg(long)]
    pub(crate) github_login: Option<String>,
    /// The person's Slack member id (like U01GRACEHO), which Axolo needs.
    #[arg(long)]
    pub(crate) slack_id: Option<String>,
    /// The GitHub organization to onboard them into in Axolo, like acme-corp. Default: the
    /// config file's [providers.axolo] organization, else $AXOLO_ORGANIZATION.
    #[arg(long)]
    pub(crate) axolo_organization: Option<String>,
    #[command(flatten)]
    pub(crate) plan: PlanFlags,
}
