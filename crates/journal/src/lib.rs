//! The usermgmt journal: every applied plan recorded in SQLite (bundled: nothing to
//! install or start), so an operator can always say what happened and undo it.
//!
//! A run is recorded with all its steps before any request; each step's intent is
//! committed before its request and its outcome after; everything after the run's row
//! is an appended event (triggers refuse updates and deletes). A killed process leaves
//! steps whose intent has no outcome: they read as [`StepState::Unknown`].
//! [`Journal`] implements the facade's [`usermgmt::Recorder`], so
//! `Directory::apply_with` records into it.
//!
//! ```
//! use chrono::Utc;
//! use usermgmt_journal::{Journal, NewRun, NewStep, OutcomeStatus, RunEnd, RunState, StepOutcome};
//!
//! let journal = Journal::open_in_memory()?;
//! let run = journal.begin_run(NewRun {
//!     plan_id: "plan-1".into(),
//!     kind: "offboard".into(),
//!     started_at: Utc::now(),
//!     os_user: "ada".into(),
//!     command_line: "usermgmt apply plan.json".into(),
//!     plan: serde_json::json!({"id": "plan-1"}),
//!     steps: vec![NewStep {
//!         index: 0,
//!         provider: "axiom".into(),
//!         target: "alan@acme.example".into(),
//!         action: "delete".into(),
//!         idempotent: true,
//!         detail: serde_json::json!({"action": "delete", "id": "u1"}),
//!         before: Some(serde_json::json!({"id": "u1", "roles": ["user"]})),
//!     }],
//! })?;
//! journal.record_intent(&run, 0, Utc::now())?;
//! journal.record_outcome(&run, 0, StepOutcome {
//!     status: OutcomeStatus::Done,
//!     http_status: Some(204),
//!     request_id: None,
//!     error: None,
//!     detail: None,
//!     at: Utc::now(),
//! })?;
//! journal.end_run(&run, Utc::now(), RunEnd::Finished)?;
//! assert_eq!(journal.show_run(&run)?.summary.state, RunState::Complete);
//! # Ok::<(), usermgmt_journal::JournalError>(())
//! ```

mod invitations;
mod model;
mod recorder;
mod reinstate;
mod schema;
mod scim;
mod store;

use std::path::PathBuf;

pub use model::{
    Event, ListOptions, NewRun, NewStep, OutcomeStatus, RunDetail, RunEnd, RunState, RunSummary,
    StepDetail, StepOutcome, StepState,
};
pub use scim::{ScimGroup, ScimUser};
pub use store::Journal;

/// Why the journal could not do what was asked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JournalError {
    /// The file or its directory could not be created.
    #[error("{}: {source}", path.display())]
    Io {
        /// The journal file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// SQLite could not open or read the file (not a journal, or damaged).
    #[error("{}: cannot open the journal: {source}", path.display())]
    Open {
        /// The journal file.
        path: PathBuf,
        /// Why.
        #[source]
        source: rusqlite::Error,
    },
    /// The journal was written by a newer usermgmt.
    #[error(
        "the journal has schema version {found}; this usermgmt knows up to {supported}: upgrade usermgmt"
    )]
    TooNew {
        /// The file's version.
        found: i64,
        /// The newest this code knows.
        supported: i64,
    },
    /// A plan applies once.
    #[error("plan {plan_id} was already applied (run {run_id})")]
    PlanAlreadyApplied {
        /// The plan.
        plan_id: String,
        /// The run that applied it.
        run_id: String,
    },
    /// No run has that id.
    #[error("no run {0} in the journal")]
    NoSuchRun(String),
    /// Several runs start with that prefix.
    #[error("{0:?} names more than one run: give more of the id")]
    Ambiguous(String),
    /// Not a run id or prefix.
    #[error("{0:?} is not a run id: give at least 4 of its hex characters")]
    BadId(String),
    /// The run's recorded plan cannot be read by this version.
    #[error("run {run}: the recorded plan cannot be read by this version: {reason}")]
    UnreadablePlan {
        /// The run.
        run: String,
        /// Why.
        reason: String,
    },
    /// Only offboarding runs can be reinstated.
    #[error("run {run} is a {kind} run: only offboarding runs can be reinstated")]
    NotAnOffboarding {
        /// The run.
        run: String,
        /// Its plan's kind.
        kind: String,
    },
    /// Any other database error.
    #[error("journal: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// Where the journal lives by default: `USERMGMT_JOURNAL` if set, else `journal.db` in
/// the platform state directory (`~/.local/state/usermgmt` on Linux; the local data
/// directory where a platform has no state directory).
pub fn default_path() -> Result<PathBuf, JournalError> {
    if let Some(path) = std::env::var_os("USERMGMT_JOURNAL").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let dirs =
        directories::ProjectDirs::from("", "", "usermgmt").ok_or_else(|| JournalError::Io {
            path: PathBuf::from("journal.db"),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no home directory to keep the journal in",
            ),
        })?;
    let dir = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
    Ok(dir.join("journal.db"))
}

/// Helpers for the benchmarks: not part of the API.
#[doc(hidden)]
pub mod bench {
    use chrono::Utc;

    use crate::{Journal, JournalError, NewRun, NewStep, OutcomeStatus, RunEnd, StepOutcome};

    /// Record `runs` complete runs of `steps` steps each.
    pub fn fill(journal: &Journal, runs: usize, steps: u32) -> Result<(), JournalError> {
        for run in 0..runs {
            let id = journal.begin_run(NewRun {
                plan_id: format!("bench-{run}-{}", uuid::Uuid::new_v4()),
                kind: "offboard".into(),
                started_at: Utc::now(),
                os_user: "bench".into(),
                command_line: "usermgmt-bench journal".into(),
                plan: serde_json::json!({}),
                steps: (0..steps)
                    .map(|index| NewStep {
                        index,
                        provider: "axiom".into(),
                        target: format!("user{run}@load.example"),
                        action: "delete".into(),
                        idempotent: true,
                        detail: serde_json::json!({}),
                        before: None,
                    })
                    .collect(),
            })?;
            for index in 0..steps {
                journal.record_intent(&id, index, Utc::now())?;
                journal.record_outcome(
                    &id,
                    index,
                    StepOutcome {
                        status: OutcomeStatus::Done,
                        http_status: Some(204),
                        request_id: None,
                        error: None,
                        detail: None,
                        at: Utc::now(),
                    },
                )?;
            }
            journal.end_run(&id, Utc::now(), RunEnd::Finished)?;
        }
        Ok(())
    }
}
