//! Provisioning writes carried out through the directory's plans, journaled: onboarding
//! a person with a profile (picked by the bridge's [`ProfileRule`](crate::ProfileRule)),
//! offboarding them everywhere (the provider's removal: delete, disable, offboard) with
//! the guard rails, reinstating them from the offboarding run the journal recorded, and
//! moving an engineer to another GitHub login at Axolo.

use axum::http::StatusCode;
use usermgmt::{
    AccessProfile, Action, ApplyError, ApplyOptions, ApplyReport, Onboarding, Person, Plan,
    PlanError, PlanKind, Provider, RunMeta, Step,
};

use crate::ScimError;
use crate::people::PersonRecord;
use crate::server::Bridge;
use crate::users::{self, AxoloIdentity};

/// A person to onboard.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NewUser {
    pub(crate) email: String,
    pub(crate) name: String,
    pub(crate) department: Option<String>,
    pub(crate) axolo: AxoloIdentity,
}

impl NewUser {
    /// The person `user` (a SCIM User as written) describes, known by `email`.
    pub(crate) fn from_written(user: &serde_json::Value, email: &str) -> Self {
        NewUser {
            email: email.to_string(),
            name: users::name_of(user, email),
            department: users::department(user),
            axolo: AxoloIdentity::of(user),
        }
    }
}

impl Bridge {
    /// Onboard `user` with the profile the rule picks, journaled; nothing under
    /// [`ProfileRule::Group`](crate::ProfileRule::Group) (a group push onboards them).
    pub(crate) async fn create(&self, user: &NewUser, request: &str) -> Result<(), ScimError> {
        match self.profile_for(user)? {
            Some(profile) => self.onboard(user, profile, request).await,
            None => Ok(()),
        }
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
        let axolo = self
            .axolo_organization_ref()
            .filter(|_| profile.includes(Provider::Axolo));
        let person = match axolo {
            Some(_) => user.axolo.person(&user.email)?,
            None => {
                Person::new(&user.email).map_err(|e| ScimError::invalid_value(e.to_string()))?
            }
        };
        let mut onboarding = Onboarding::new(person, &user.name, profile);
        if let Some(organization) = axolo {
            onboarding = onboarding.axolo_organization(organization);
        }
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

    /// Offboard `person` everywhere (at Axolo by the login of `axolo`, when the bridge
    /// has an organization), journaled, with the guard rails; the run's id.
    pub(crate) async fn offboard(
        &self,
        person: &PersonRecord,
        axolo: &AxoloIdentity,
        request: &str,
    ) -> Result<Option<String>, ScimError> {
        let recorder = self.recorder_ref().ok_or_else(no_journal)?;
        self.refuse_excluded(&person.email)?;
        let who = axolo.person_lenient(&person.email)?;
        let plan = self
            .directory()
            .plan_offboard(&who, self.axolo_organization_ref())
            .await
            .map_err(|e| match e {
                PlanError::LastAdmin { .. } => ScimError::new(StatusCode::FORBIDDEN, e.to_string()),
                other => provider_error(other.to_string()),
            })?;
        let report = self.apply(&plan, recorder, request).await?;
        finished(&report, "offboarding", &person.email)?;
        Ok(report.run_id)
    }

    /// An active engineer's Axolo identity changed from `before` to `after`: offboard
    /// the old login at Axolo and onboard the new one (Axolo's onboarding also updates
    /// a Slack id), as one journaled run. Nothing without an organization, when nothing
    /// Axolo uses changed, or when `profile` (the user's) grants nothing at Axolo and
    /// no old login is to be offboarded.
    pub(crate) async fn move_axolo(
        &self,
        email: &str,
        before: &AxoloIdentity,
        after: &AxoloIdentity,
        profile: Option<&AccessProfile>,
        request: &str,
    ) -> Result<(), ScimError> {
        let Some(organization) = self.axolo_organization_ref() else {
            return Ok(());
        };
        if before == after {
            return Ok(());
        }
        let wanted = profile.is_some_and(|p| p.includes(Provider::Axolo));
        let old = before.person_lenient(email)?;
        // Checked only where Axolo is sent it.
        let new = if wanted {
            after.person(email)?
        } else {
            after.person_lenient(email)?
        };
        let mut steps = Vec::new();
        if let Some(login) = old.github_login()
            && new.github_login() != Some(login)
        {
            steps.push(axolo_step(Action::Offboard {
                organization: organization.to_string(),
                github_login: login.to_string(),
            }));
        }
        if let (true, Some(login), Some(slack_id)) = (wanted, new.github_login(), new.slack_id()) {
            steps.push(axolo_step(Action::Onboard {
                organization: organization.to_string(),
                github_login: login.to_string(),
                slack_id: slack_id.to_string(),
            }));
        }
        if steps.is_empty() {
            return Ok(());
        }
        if steps
            .iter()
            .any(|s| matches!(s.action, Action::Offboard { .. }))
        {
            self.refuse_excluded(email)?;
        }
        let recorder = self.recorder_ref().ok_or_else(no_journal)?;
        // Only the old login leaving is an offboarding, about the old identity, so that
        // `runs reinstate` can onboard it again with its Slack id.
        let mut plan = if steps
            .iter()
            .all(|s| matches!(s.action, Action::Offboard { .. }))
        {
            Plan::new(PlanKind::Offboard, old)
        } else {
            Plan::new(PlanKind::Onboard, new)
        };
        plan.axolo_organization = Some(organization.to_string());
        plan.steps = steps;
        let report = self.apply(&plan, recorder, request).await?;
        finished(&report, "moving at Axolo", email)
    }

    /// `403` for an account the config file excludes (service or break-glass): nothing
    /// of it is ever removed.
    fn refuse_excluded(&self, email: &str) -> Result<(), ScimError> {
        if self.is_excluded(email) {
            return Err(ScimError::new(
                StatusCode::FORBIDDEN,
                format!(
                    "{email} is excluded in the config file (service or break-glass account): \
                     it is never removed"
                ),
            ));
        }
        Ok(())
    }

    /// Bring back what the offboarding run `run` removed, journaled; what is onboarded
    /// at Axolo again (nothing when the run removed nothing there).
    pub(crate) async fn reinstate(
        &self,
        email: &str,
        run: &str,
        request: &str,
    ) -> Result<AxoloIdentity, ScimError> {
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
        finished(&report, "reinstating", email)?;
        Ok(report
            .steps
            .iter()
            .find_map(|s| match &s.step.action {
                Action::Onboard {
                    github_login,
                    slack_id,
                    ..
                } if s.outcome.is_ok() => Some(AxoloIdentity {
                    github_login: Some(github_login.clone()),
                    slack_id: Some(slack_id.clone()),
                }),
                _ => None,
            })
            .unwrap_or_default())
    }
}

/// A step at Axolo (which cannot be read, so it has no before-state).
fn axolo_step(action: Action) -> Step {
    Step {
        provider: Provider::Axolo,
        action,
        before: None,
        person: None,
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
