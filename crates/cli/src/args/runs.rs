//! `usermgmt runs ...`: the journal of applied plans.

use clap::Subcommand;

use super::PlanFlags;

#[derive(Debug, Subcommand)]
pub(crate) enum RunsCommand {
    /// Every recorded run, newest first.
    #[command(
        after_help = "Columns (CSV and table): id, kind, state, started_at, os_user, steps, ok, \
        failed, unknown, not_started, plan_id, finished_at, command_line\n\n\
        Examples:\n  usermgmt runs list\n  usermgmt runs list --limit 5 --output json"
    )]
    List {
        /// Show at most this many runs (the newest).
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// One run: every step with its before-state and outcome.
    #[command(
        after_help = "Step columns (CSV and table): index, provider, action, target, state, \
        http_status, request_id, error. JSON prints the whole run: summary, plan, steps, events.\n\n\
        Examples:\n  usermgmt runs show 3f2a\n  usermgmt runs show 3f2a --output json"
    )]
    Show {
        /// The run id (or a unique prefix of it, from `usermgmt runs list`).
        id: String,
    },
    /// Finish an interrupted or partial run: unfinished steps are looked up first and
    /// only what is still needed is sent.
    #[command(after_help = "Examples:\n  usermgmt runs resume 3f2a\n  \
        usermgmt runs resume 3f2a --output json")]
    Resume {
        /// The run id (or a unique prefix of it, from `usermgmt runs list`).
        id: String,
    },
    /// Plan bringing back what an offboarding run removed, from its before-states.
    #[command(after_help = "Examples:\n  usermgmt runs reinstate 3f2a\n  \
        usermgmt runs reinstate 3f2a --out reinstate-alan.plan.json\n  \
        usermgmt runs reinstate 3f2a --apply --yes")]
    Reinstate {
        /// The offboarding run's id (or a unique prefix of it, from `usermgmt runs list`).
        id: String,
        #[command(flatten)]
        plan: PlanFlags,
    },
}
