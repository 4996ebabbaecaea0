//! What happened when a plan was applied: an [`ApplyReport`] of [`StepReport`]s, each
//! with its [`Outcome`], the HTTP status and the provider's request id where known.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::Step;

/// How a step ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Outcome {
    /// The change was made.
    Done,
    /// It had already been made (the account was gone or disabled, or already there).
    AlreadyDone,
    /// There was nothing to do.
    NothingToDo,
    /// The step was skipped.
    Skipped {
        /// Why.
        reason: String,
    },
    /// The step failed; the others still ran.
    Failed {
        /// The error, as a message.
        error: String,
    },
    /// The run was interrupted before the step started: nothing was sent.
    NotStarted,
    /// The request was sent but its answer never came (interrupted, or the process
    /// died): look the account up before sending it again.
    Unknown,
}

impl Outcome {
    /// Whether the step ended as planned (done, already done, nothing to do, skipped).
    pub fn is_ok(&self) -> bool {
        matches!(
            self,
            Outcome::Done | Outcome::AlreadyDone | Outcome::NothingToDo | Outcome::Skipped { .. }
        )
    }

    /// The short name (`done`, `already-done`, ...), as in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::AlreadyDone => "already-done",
            Outcome::NothingToDo => "nothing-to-do",
            Outcome::Skipped { .. } => "skipped",
            Outcome::Failed { .. } => "failed",
            Outcome::NotStarted => "not-started",
            Outcome::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Skipped { reason } => write!(f, "skipped: {reason}"),
            Outcome::Failed { error } => write!(f, "failed: {error}"),
            other => f.write_str(other.as_str()),
        }
    }
}

/// One step and how it ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepReport {
    /// The step's position in the plan (0-based).
    pub index: usize,
    /// The step.
    #[serde(flatten)]
    pub step: Step,
    /// What happened.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The HTTP status of the answer, when a request was answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// The provider's request or trace id, when it sends one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// When the step started, if it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_at: Option<DateTime<Utc>>,
    /// When it ended, if it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<DateTime<Utc>>,
}

impl StepReport {
    /// A report of `step` that ended as `outcome` without a request.
    pub(crate) fn without_request(index: usize, step: &Step, outcome: Outcome) -> StepReport {
        StepReport {
            index,
            step: step.clone(),
            outcome,
            http_status: None,
            request_id: None,
            started_at: None,
            finished_at: None,
        }
    }
}

impl fmt::Display for StepReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} -> {}", self.step, self.outcome)
    }
}

/// What happened when a plan was applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApplyReport {
    /// The journal's run id, when the run was recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
    /// Whether the run was interrupted (some steps not started or unknown).
    pub interrupted: bool,
    /// Each step with its outcome, in plan order.
    pub steps: Vec<StepReport>,
}

impl ApplyReport {
    /// Whether every step ended as planned.
    pub fn is_success(&self) -> bool {
        !self.interrupted && self.steps.iter().all(|s| s.outcome.is_ok())
    }

    /// How many steps ended with `outcome`'s kind.
    pub fn count(&self, name: &str) -> usize {
        self.steps
            .iter()
            .filter(|s| s.outcome.as_str() == name)
            .count()
    }
}
