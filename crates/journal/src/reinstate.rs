//! A recorded run's plan, and the plan reversing an offboarding run: what the CLI's
//! `runs reinstate` and the SCIM bridge's reactivation both apply.

use usermgmt::{Plan, PlanKind};

use crate::{JournalError, RunDetail, StepState};

impl RunDetail {
    /// The plan this run applied, as recorded.
    pub fn recorded_plan(&self) -> Result<Plan, JournalError> {
        serde_json::from_value(self.plan.clone()).map_err(|e| JournalError::UnreadablePlan {
            run: self.summary.id.to_string(),
            reason: e.to_string(),
        })
    }

    /// The plan bringing back what this offboarding run removed: the steps that
    /// changed something and are recorded as done (see [`Plan::reinstating`]).
    ///
    /// ```
    /// use usermgmt::{Person, Plan, PlanKind};
    /// use usermgmt_journal::Journal;
    /// # fn demo(journal: &Journal, run: &str) -> Result<(), usermgmt_journal::JournalError> {
    /// let plan = journal.show_run(run)?.reinstating()?;
    /// assert_eq!(plan.kind, PlanKind::Reinstate);
    /// # Ok(()) }
    /// ```
    pub fn reinstating(&self) -> Result<Plan, JournalError> {
        let original = self.recorded_plan()?;
        if original.kind != PlanKind::Offboard {
            return Err(JournalError::NotAnOffboarding {
                run: self.summary.id.to_string(),
                kind: original.kind.to_string(),
            });
        }
        let removed: Vec<usize> = self
            .steps
            .iter()
            .filter(|s| matches!(s.state, StepState::Done | StepState::AlreadyDone))
            .map(|s| s.index as usize)
            .filter(|i| {
                original
                    .steps
                    .get(*i)
                    .is_some_and(|s| s.action.changes_something())
            })
            .collect();
        Ok(Plan::reinstating(
            &original,
            &self.summary.id.to_string(),
            &removed,
        ))
    }
}
