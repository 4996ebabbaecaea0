//! `usermgmt offboard` and `usermgmt apply`: plan removing one person from every
//! provider, review it (on screen or as a plan file), then apply exactly that plan.

use std::path::PathBuf;

use clap::Args;

/// Flags every planning command shares: where the plan goes and whether it runs.
#[derive(Debug, Clone, Args)]
pub(crate) struct PlanFlags {
    /// Write the plan to this file (a versioned JSON document) for review; apply it
    /// later with `usermgmt apply FILE`.
    #[arg(long, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
    /// Carry the plan out after showing it (asks for confirmation on a terminal).
    #[arg(long)]
    pub(crate) apply: bool,
    /// With --apply: do not ask for confirmation.
    #[arg(long, short = 'y', requires = "apply")]
    pub(crate) yes: bool,
    /// Exit 0 when there is nothing to do, 2 when changes are planned, 1 on error
    /// (default: 0 whenever planning succeeds).
    #[arg(long)]
    pub(crate) detailed_exitcode: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  usermgmt offboard --email alan@acme.example\n  \
    usermgmt offboard --email alan@acme.example --github-login alan-turing \\\n    \
        --axolo-organization acme-corp --out alan.plan.json\n  \
    usermgmt --sandbox offboard --email alan@acme.example --apply --yes"
)]
pub(crate) struct OffboardArgs {
    /// The person's email address, as every provider knows it (like alan@acme.example).
    #[arg(long)]
    pub(crate) email: String,
    /// The person's GitHub login, for Axolo (needs --axolo-organization; Axolo is
    /// skipped without it).
    #[arg(long, requires = "axolo_organization")]
    pub(crate) github_login: Option<String>,
    /// The GitHub organization to offboard them from in Axolo, like acme-corp (needs
    /// --github-login).
    #[arg(long, requires = "github_login")]
    pub(crate) axolo_organization: Option<String>,
    /// The person's Slack member id (like U01ALANTUR), recorded so that a reinstate can
    /// onboard them in Axolo again.
    #[arg(long)]
    pub(crate) slack_id: Option<String>,
    /// Plan removing a provider's last active owner or admin (refused by default).
    #[arg(long)]
    pub(crate) allow_last_admin: bool,
    #[command(flatten)]
    pub(crate) plan: PlanFlags,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  usermgmt apply alan.plan.json\n  \
    usermgmt apply alan.plan.json --output json")]
pub(crate) struct ApplyArgs {
    /// The plan file written by `--out`. It is applied exactly, once; it is refused
    /// whole if any account changed since it was planned.
    #[arg(value_name = "PLAN_FILE")]
    pub(crate) file: PathBuf,
}
