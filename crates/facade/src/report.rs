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

/// In words (`already done`, `failed: 404 from ...`); [`as_str`](Outcome::as_str) is
/// the machine name.
impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Done => f.write_str("done"),
            Outcome::AlreadyDone => f.write_str("already done"),
            Outcome::NothingToDo => f.write_str("nothing to do"),
            Outcome::Skipped { reason } => write!(f, "skipped: {reason}"),
            Outcome::Failed { error } => write!(f, "failed: {error}"),
            Outcome::NotStarted => f.write_str("not started (nothing was sent)"),
            Outcome::Unknown => f.write_str(
                "unknown: sent without an answer; look the account up before sending it again",
            ),
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
    /// The provider's error answer an `already done` rests on (a removal answered 404:
    /// the account was gone), verbatim, so the reader can tell "not there" from a
    /// mistake such as a wrong Axolo organization.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
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
            answer: None,
            started_at: None,
            finished_at: None,
        }
    }
}

/// The step and how it ended: `delete Axiom user alan@acme.example (id 3f2a9c1e…): done`,
/// with the provider's answer an `already done` rests on in parentheses.
impl fmt::Display for StepReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.step, self.outcome)?;
        match &self.answer {
            Some(answer) => write!(f, " ({answer})"),
            None => Ok(()),
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Action, Provider};

    fn report(action: Action, outcome: Outcome) -> StepReport {
        let step = Step {
            person: None,
            provider: Provider::Axiom,
            action,
            before: None,
        };
        StepReport::without_request(0, &step, outcome)
    }

    #[test]
    fn outcomes_read_as_words_not_as_their_json_names() {
        assert_eq!(Outcome::Done.to_string(), "done");
        assert_eq!(Outcome::AlreadyDone.to_string(), "already done");
        assert_eq!(Outcome::NothingToDo.to_string(), "nothing to do");
        assert_eq!(
            Outcome::Failed {
                error: "404 from Axiom delete_user".into()
            }
            .to_string(),
            "failed: 404 from Axiom delete_user"
        );
        assert!(Outcome::Unknown.to_string().contains("look the account up"));
        assert!(Outcome::NotStarted.to_string().contains("nothing was sent"));
        assert_eq!(Outcome::AlreadyDone.as_str(), "already-done");
    }

    #[test]
    fn a_step_report_is_one_line_with_the_step_and_its_outcome() {
        let delete = Action::Delete {
            id: "3f2a9c1e-0000-4000-8000-000000000001".into(),
            email: "alan@acme.example".into(),
        };
        let line = report(delete, Outcome::AlreadyDone).to_string();
        assert_eq!(
            line,
            "delete Axiom user alan@acme.example (id 3f2a9c1e…): already done"
        );
        assert!(!line.contains('\n'));
        let offboard = Action::Offboard {
            organization: "acme".into(),
            github_login: "ada-l".into(),
        };
        let mut gone = report(offboard, Outcome::AlreadyDone);
        gone.answer = Some("404 from Axolo offboard_engineer: not onboarded".into());
        assert!(
            gone.to_string()
                .ends_with("already done (404 from Axolo offboard_engineer: not onboarded)"),
            "{gone}"
        );
    }
}
