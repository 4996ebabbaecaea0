//! The facade's [`Recorder`] on the journal: a run of a [`Plan`] becomes a run row with
//! its steps, each step's intent and outcome become appended events.

use chrono::Utc;
use usermgmt::{Outcome, Plan, RecordError, Recorder, RunMeta, StepReport};

use crate::{Journal, NewRun, NewStep, OutcomeStatus, RunEnd, StepOutcome};

impl Recorder for Journal {
    fn applied_run(&self, plan_id: &str) -> Result<Option<String>, RecordError> {
        Ok(self.run_for_plan(plan_id)?.map(|run| run.id.to_string()))
    }

    fn begin(&self, plan: &Plan, meta: &RunMeta) -> Result<String, RecordError> {
        let steps = plan
            .steps
            .iter()
            .enumerate()
            .map(|(index, step)| {
                Ok(NewStep {
                    index: u32::try_from(index)?,
                    provider: step.provider.id().to_string(),
                    target: step.action.target().unwrap_or("").to_string(),
                    action: step.action.verb().to_string(),
                    idempotent: !step.action.creates(),
                    detail: serde_json::to_value(&step.action)?,
                    before: step.before.as_ref().map(serde_json::to_value).transpose()?,
                })
            })
            .collect::<Result<Vec<_>, RecordError>>()?;
        let run = self.begin_run(NewRun {
            plan_id: plan.id.clone(),
            kind: plan.kind.as_str().to_string(),
            started_at: Utc::now(),
            os_user: meta.os_user.clone(),
            command_line: meta.command_line.clone(),
            plan: serde_json::to_value(plan)?,
            steps,
        })?;
        Ok(run.to_string())
    }

    fn resumed(&self, run: &str, meta: &RunMeta) -> Result<(), RecordError> {
        Ok(self.record_resumed(run, Utc::now(), &meta.os_user, &meta.command_line)?)
    }

    fn intent(&self, run: &str, index: usize) -> Result<(), RecordError> {
        Ok(self.record_intent(run, u32::try_from(index)?, Utc::now())?)
    }

    fn outcome(&self, run: &str, index: usize, report: &StepReport) -> Result<(), RecordError> {
        let (status, error) = match &report.outcome {
            Outcome::Done => (OutcomeStatus::Done, None),
            Outcome::AlreadyDone => (OutcomeStatus::AlreadyDone, report.answer.clone()),
            Outcome::NothingToDo => (OutcomeStatus::NothingToDo, None),
            Outcome::Skipped { reason } => (OutcomeStatus::Skipped, Some(reason.clone())),
            Outcome::Failed { error } => (OutcomeStatus::Failed, Some(error.clone())),
            Outcome::NotStarted => (OutcomeStatus::NotStarted, None),
            // No outcome is recorded: the step then reads as unknown.
            _ => return Ok(()),
        };
        let outcome = StepOutcome {
            status,
            http_status: report.http_status,
            request_id: report.request_id.clone(),
            error,
            detail: None,
            at: report.finished_at.unwrap_or_else(Utc::now),
        };
        Ok(self.record_outcome(run, u32::try_from(index)?, outcome)?)
    }

    fn end(&self, run: &str, interrupted: bool) -> Result<(), RecordError> {
        let end = if interrupted {
            RunEnd::Interrupted
        } else {
            RunEnd::Finished
        };
        Ok(self.end_run(run, Utc::now(), end)?)
    }
}
