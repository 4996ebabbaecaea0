//! `usermgmt runs ...`: the journal of applied plans.

use clap::Subcommand;

use super::PlanFlags;

#[derive(Debug, Subcommand)]
pub(crate) enum RunsCommand {
    /// Every recorded run, newest first.
    List {
        /// Show at most this many runs.
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// One run: every step with its before-state and outcome.
    Show {
        /// The run id (or a unique prefix of it).
        id: String,
    },
    /// Finish an interrupted or partial run: unfinished steps are looked up first and
    /// only what is still needed is sent.
    Resume {
        /// The run id (or a unique prefix of it).
        id: String,
    },
    /// Plan bringing back what an offboarding run removed, from its before-states.
    Reinstate {
        /// The offboarding run's id (or a unique prefix of it).
        id: String,
        #[command(flatten)]
        plan: PlanFlags,
    },
}
