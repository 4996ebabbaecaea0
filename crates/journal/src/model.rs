//! What goes into the journal and what comes out of it: new runs and outcomes to
//! record, and the derived states of steps and runs to read.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

/// A run to record, with all its steps, before any request.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRun {
    /// The plan's id; a plan applies once.
    pub plan_id: String,
    /// The plan's kind (`offboard`, `reinstate`, ...).
    pub kind: String,
    /// When the run started.
    pub started_at: DateTime<Utc>,
    /// The operating-system user.
    pub os_user: String,
    /// The command line, secrets already redacted.
    pub command_line: String,
    /// The whole plan document.
    pub plan: Value,
    /// Its steps.
    pub steps: Vec<NewStep>,
}

/// One step of a new run.
#[derive(Debug, Clone, PartialEq)]
pub struct NewStep {
    /// Its position in the plan (0-based).
    pub index: u32,
    /// The provider id (`axiom`).
    pub provider: String,
    /// Who it is about (an email, a GitHub login).
    pub target: String,
    /// The verb (`delete`).
    pub action: String,
    /// Whether sending it twice is harmless.
    pub idempotent: bool,
    /// The step as JSON.
    pub detail: Value,
    /// The target's before-state as JSON.
    pub before: Option<Value>,
}

/// How a step ended, as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutcomeStatus {
    /// The change was made.
    Done,
    /// It had already been made.
    AlreadyDone,
    /// There was nothing to do.
    NothingToDo,
    /// Skipped, with a reason.
    Skipped,
    /// Failed, with an error.
    Failed,
    /// Never started: the run was interrupted first.
    NotStarted,
}

impl OutcomeStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            OutcomeStatus::Done => "done",
            OutcomeStatus::AlreadyDone => "already-done",
            OutcomeStatus::NothingToDo => "nothing-to-do",
            OutcomeStatus::Skipped => "skipped",
            OutcomeStatus::Failed => "failed",
            OutcomeStatus::NotStarted => "not-started",
        }
    }
}

/// A step's outcome to record.
#[derive(Debug, Clone, PartialEq)]
pub struct StepOutcome {
    /// How it ended.
    pub status: OutcomeStatus,
    /// The HTTP status of the answer, if any.
    pub http_status: Option<u16>,
    /// The provider's request or trace id, if any.
    pub request_id: Option<String>,
    /// The error or skip reason, if any; for an already-done step, the provider's error
    /// answer it rests on (a removal answered 404).
    pub error: Option<String>,
    /// Anything else worth keeping, as JSON.
    pub detail: Option<Value>,
    /// When it ended.
    pub at: DateTime<Utc>,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunEnd {
    /// Every step was run.
    Finished,
    /// Stopped (Ctrl-C) before every step ran.
    Interrupted,
}

/// A step's state, derived from its latest event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepState {
    /// Nothing recorded yet: never started.
    Pending,
    /// Its request was about to be sent and no outcome followed: it may or may not have
    /// happened (the process died or was interrupted). Look before sending it again.
    Unknown,
    /// Done.
    Done,
    /// Already done before.
    AlreadyDone,
    /// Nothing to do.
    NothingToDo,
    /// Skipped.
    Skipped,
    /// Failed.
    Failed,
    /// Never started: the run was interrupted first.
    NotStarted,
}

impl StepState {
    pub(crate) fn from_latest(kind: Option<&str>, status: Option<&str>) -> StepState {
        match (kind, status) {
            (None, _) => StepState::Pending,
            (Some("intent"), _) => StepState::Unknown,
            (_, Some("done")) => StepState::Done,
            (_, Some("already-done")) => StepState::AlreadyDone,
            (_, Some("nothing-to-do")) => StepState::NothingToDo,
            (_, Some("skipped")) => StepState::Skipped,
            (_, Some("not-started")) => StepState::NotStarted,
            _ => StepState::Failed,
        }
    }

    /// Whether the step ended as planned.
    pub fn is_ok(self) -> bool {
        matches!(
            self,
            StepState::Done | StepState::AlreadyDone | StepState::NothingToDo | StepState::Skipped
        )
    }
}

/// A run's state, derived from its steps and end events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RunState {
    /// Ended, every step ended as planned.
    Complete,
    /// Ended, some steps failed (and at least one did not).
    Partial,
    /// Stopped before the end (Ctrl-C), or never ended (the process died, or it is still
    /// running), or a step's outcome is unknown.
    Interrupted,
    /// Ended, and every step that had something to do failed.
    Failed,
}

/// One run, as `runs list` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunSummary {
    /// The run id.
    pub id: String,
    /// The plan it applied.
    pub plan_id: String,
    /// The plan's kind.
    pub kind: String,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it last ended, if it did.
    pub finished_at: Option<DateTime<Utc>>,
    /// Who ran it.
    pub os_user: String,
    /// How.
    pub command_line: String,
    /// Its state.
    pub state: RunState,
    /// Steps in all.
    pub steps: usize,
    /// Steps that ended as planned.
    pub ok: usize,
    /// Steps that failed.
    pub failed: usize,
    /// Steps whose outcome is unknown.
    pub unknown: usize,
    /// Steps never started (pending or not started).
    pub not_started: usize,
}

/// Something that happened to a step or run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// `intent`, `outcome`, `end` or `resumed`.
    pub kind: String,
    /// When.
    pub at: DateTime<Utc>,
    /// The outcome status or run end, where there is one.
    pub status: Option<String>,
    /// The HTTP status, for outcomes.
    pub http_status: Option<u16>,
    /// The provider's request id, for outcomes.
    pub request_id: Option<String>,
    /// The error, for outcomes.
    pub error: Option<String>,
}

/// One step of a run, as `runs show` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepDetail {
    /// Its position in the plan (0-based).
    pub index: u32,
    /// The provider id.
    pub provider: String,
    /// Who it is about.
    pub target: String,
    /// The verb.
    pub action: String,
    /// Whether sending it twice is harmless.
    pub idempotent: bool,
    /// Its state.
    pub state: StepState,
    /// The last outcome's HTTP status.
    pub http_status: Option<u16>,
    /// The last outcome's request id.
    pub request_id: Option<String>,
    /// The last outcome's error or skip reason, or the provider's answer an already-done
    /// step rests on.
    pub error: Option<String>,
    /// The step as planned.
    pub detail: Value,
    /// The target's before-state.
    pub before: Option<Value>,
    /// Everything that happened to it, oldest first.
    pub events: Vec<Event>,
}

/// A run with every step, as `runs show` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunDetail {
    /// The run.
    pub summary: RunSummary,
    /// The plan it applied.
    pub plan: Value,
    /// Its steps in plan order.
    pub steps: Vec<StepDetail>,
    /// The run's own events (ends, resumptions), oldest first.
    pub events: Vec<Event>,
}

/// Which runs to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListOptions {
    /// At most this many, newest first (all when `None`).
    pub limit: Option<usize>,
}

impl ListOptions {
    /// The newest `limit` runs.
    pub fn newest(limit: usize) -> ListOptions {
        ListOptions { limit: Some(limit) }
    }
}

/// The state of a run from its step states and whether its last resumption ended.
pub(crate) fn run_state(states: &[StepState], ended: Option<RunEnd>) -> RunState {
    let unknown = states.contains(&StepState::Unknown);
    match ended {
        None | Some(RunEnd::Interrupted) => return RunState::Interrupted,
        Some(RunEnd::Finished) if unknown => return RunState::Interrupted,
        Some(RunEnd::Finished) => {}
    }
    let unfinished = states
        .iter()
        .filter(|s| matches!(s, StepState::Pending | StepState::NotStarted))
        .count();
    if unfinished > 0 {
        return RunState::Interrupted;
    }
    let failed = states.iter().filter(|s| **s == StepState::Failed).count();
    let acted = states
        .iter()
        .filter(|s| !matches!(s, StepState::NothingToDo | StepState::Skipped))
        .count();
    match failed {
        0 => RunState::Complete,
        n if n == acted => RunState::Failed,
        _ => RunState::Partial,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use StepState::*;

    #[test]
    fn run_states_follow_their_steps_and_end() {
        let finished = Some(RunEnd::Finished);
        assert_eq!(
            run_state(&[Done, NothingToDo, Skipped], finished),
            RunState::Complete
        );
        assert_eq!(run_state(&[Done, Failed], finished), RunState::Partial);
        assert_eq!(
            run_state(&[Failed, NothingToDo], finished),
            RunState::Failed
        );
        assert_eq!(run_state(&[Done, Unknown], finished), RunState::Interrupted);
        assert_eq!(run_state(&[Done, Done], None), RunState::Interrupted);
        assert_eq!(
            run_state(&[Done, NotStarted], Some(RunEnd::Interrupted)),
            RunState::Interrupted
        );
        assert_eq!(run_state(&[], finished), RunState::Complete);
    }

    #[test]
    fn step_states_come_from_the_latest_event() {
        assert_eq!(StepState::from_latest(None, None), Pending);
        assert_eq!(StepState::from_latest(Some("intent"), None), Unknown);
        assert_eq!(StepState::from_latest(Some("outcome"), Some("done")), Done);
        assert_eq!(
            StepState::from_latest(Some("outcome"), Some("not-started")),
            NotStarted
        );
        assert_eq!(
            StepState::from_latest(Some("outcome"), Some("failed")),
            Failed
        );
    }
}
