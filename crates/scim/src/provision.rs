//! Provisioning writes carried out through the directory's plans, journaled: onboarding
//! a person with a profile (the enterprise extension's `department` when it names one,
//! else the bridge's default profile), offboarding them everywhere (the provider's
//! removal: delete, disable, offboard) with the guard rails, and reinstating them from
//! the offboarding run the journal recorded.

use axum::http::StatusCode;
use usermgmt::{
    ApplyError, ApplyOptions, ApplyReport, Onboarding, Person, Plan, PlanError, RunMeta,
};

use crate::ScimError;
use crate::people::PersonRecord;
use crate::server::Bridge;

/// A person to onboard.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NewUser {
    pub(crate) email: String,
    pub(crate) name: String,
    pub(crate) department: Option<String>,
}

impl Bridge {
    /// Onboard `user` with the profile the rule picks, journaled.
    pub(crate) async fn create(&self, user: &NewUser, request: &str) -> Result<(), ScimError> {
        let profile = self.profile_for(user)?;
        self.onboard(user, profile, request).await
    }

    /// Give `user` exactly `profile`'s access (creating, inviting or changing roles
    /// where needed), journaled.
    pub(crate) async fn onboard(
        &self,
        user: &NewUser,
        profile: usermgmt::AccessProfile,
        request: &str,
    ) -> Result<(), ScimError> {
        let recorder = self.recorder_ref().ok_or_else(no_journal)?;
        let person =
            Person::new(&user.email).map_err(|e| ScimError::invalid_value(e.to_string()))?;
        let onboarding = Onboarding::new(person, &user.name, profile);
        let mut plan = self
            .directory()
            .plan_onboard(&onboarding)
            .await
            .map_err(|e| match e {
                usermgmt::Error::InvalidInput { .. } => ScimError::invalid_value(e.to_string()),
                other => provider_error(other.to_string()),
            })?;
        self.skip_sent_invitations(&mut plan)?;
        let report = self.apply(&plan, recorder, request).await?;
        finished(&report, "onboarding", &user.email)
    }

    /// Model-Prime cannot list invitations: one the journal sent is not sent again (it
    /// would answer 409).
    fn skip_sent_invitations(&self, plan: &mut Plan) -> Result<(), ScimError> {
        if let Some(journal) = self.journal_ref() {
            let pending = journal.pending_invitations().map_err(|e| {
                ScimError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("the journal failed: {e}"),
                )
            })?;
            plan.skip_sent_invitations(&pending);
        }
        Ok(())
    }

    /// Apply `plan` journaled, with the stale check.
    async fn apply(
        &self,
        plan: &Plan,
        recorder: &dyn usermgmt::Recorder,
        request: &str,
    ) -> Result<ApplyReport, ScimError> {
        let options = ApplyOptions::default()
            .with_recorder(recorder)
            .with_meta(RunMeta::current(format!("usermgmt scim serve: {request}")));
        self.directory()
            .apply_with(plan, &options)
            .await
            .map_err(|e| match e {
                ApplyError::Stale { .. } => ScimError::new(StatusCode::CONFLICT, e.to_string()),
                other => provider_error(other.to_string()),
            })
    }

    /// Offboard `person` everywhere, journaled, with the guard rails; the run's id.
    pub(crate) async fn offboard(
        &self,
        person: &PersonRecord,
        request: &str,
    ) -> Result<Option<String>, ScimError> {
        let recorder = self.recorder_ref().ok_or_else(no_journal)?;
        if self.is_excluded(&person.email) {
            return Err(ScimError::new(
                StatusCode::FORBIDDEN,
                format!(
                    "{} is excluded in the config file (service or break-glass account): it is never removed",
                    person.email
                ),
            ));
        }
        let who =
            Person::new(&person.email).map_err(|e| ScimError::invalid_value(e.to_string()))?;
        let plan = self
            .directory()
            .plan_offboard(&who, None)
            .await
            .map_err(|e| match e {
                PlanError::LastAdmin { .. } => ScimError::new(StatusCode::FORBIDDEN, e.to_string()),
                other => provider_error(other.to_string()),
            })?;
        let report = self.apply(&plan, recorder, request).await?;
        finished(&report, "offboarding", &person.email)?;
        Ok(report.run_id)
    }

    /// Bring back what the offboarding run `run` removed, journaled.
    pub(crate) async fn reinstate(
        &self,
        email: &str,
        run: &str,
        request: &str,
    ) -> Result<(), ScimError> {
        let recorder = self.recorder_ref().ok_or_else(no_journal)?;
        let journal = self.journal_ref().ok_or_else(no_journal)?;
        let mut plan = journal
            .show_run(run)
            .and_then(|detail| detail.reinstating())
            .map_err(|e| {
                ScimError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("cannot reinstate {email} from run {run}: {e}"),
                )
            })?;
        self.skip_sent_invitations(&mut plan)?;
        let report = self.apply(&plan, recorder, request).await?;
        finished(&report, "reinstating", email)
    }
}

fn no_journal() -> ScimError {
    ScimError::new(
        StatusCode::NOT_IMPLEMENTED,
        "this bridge has no journal, so it makes no changes (every change is recorded)",
    )
}

/// `Ok` when every step of `report` ended well, else which failed and how to resume.
fn finished(report: &ApplyReport, what: &str, email: &str) -> Result<(), ScimError> {
    if report.is_success() {
        return Ok(());
    }
    let run = report.run_id.as_deref().unwrap_or("(unrecorded)");
    let failed: Vec<String> = report
        .steps
        .iter()
        .filter_map(|s| match &s.outcome {
            usermgmt::Outcome::Failed { error } => Some(format!("{}: {error}", s.step.provider)),
            _ => None,
        })
        .collect();
    Err(provider_error(format!(
        "{what} {email} did not finish (run {run}; `usermgmt runs resume {run}` retries): {}",
        failed.join("; ")
    )))
}

fn provider_error(detail: String) -> ScimError {
    ScimError::new(StatusCode::BAD_GATEWAY, detail)
}
