//! The recording side of applying a plan: [`Recorder`] is what a journal implements
//! (usermgmt-journal does, in SQLite), so every run is written down before any request,
//! each step's intent before its request and its outcome after.

use crate::{Plan, StepReport};

/// Why recording failed (the journal's own error, boxed).
pub type RecordError = Box<dyn std::error::Error + Send + Sync>;

/// Who started a run and how, for the record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunMeta {
    /// The operating-system user.
    pub os_user: String,
    /// The command line, secrets already redacted.
    pub command_line: String,
}

impl RunMeta {
    /// The current OS user (from the account database, not from `USER`, which a shell
    /// may not set or may set to anything) and `command_line`.
    pub fn current(command_line: impl Into<String>) -> RunMeta {
        let os_user = whoami::username().unwrap_or_else(|_| "unknown".to_string());
        RunMeta {
            os_user,
            command_line: command_line.into(),
        }
    }
}

/// A durable record of runs. Every method is called before the effect it records is
/// allowed to happen, and must have made the record durable when it returns: if
/// [`intent`](Recorder::intent) fails, the step's request is not sent.
pub trait Recorder: Send + Sync {
    /// The run that already applied the plan `plan_id`, if any (a plan applies once).
    fn applied_run(&self, plan_id: &str) -> Result<Option<String>, RecordError>;

    /// Record a new run of `plan` with all its steps; returns the run id.
    fn begin(&self, plan: &Plan, meta: &RunMeta) -> Result<String, RecordError>;

    /// Record that `run` is being resumed by `meta`.
    fn resumed(&self, run: &str, meta: &RunMeta) -> Result<(), RecordError>;

    /// Record that step `index` of `run` is about to send its request.
    fn intent(&self, run: &str, index: usize) -> Result<(), RecordError>;

    /// Record how step `index` of `run` ended.
    fn outcome(&self, run: &str, index: usize, report: &StepReport) -> Result<(), RecordError>;

    /// Record that `run` ended; `interrupted` when it was stopped before every step ran.
    fn end(&self, run: &str, interrupted: bool) -> Result<(), RecordError>;
}
