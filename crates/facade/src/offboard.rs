//! Offboarding one person everywhere: a read-only [`OffboardPlan`] first, then
//! [`Directory::apply`], which runs the steps concurrently and reports each one.
//! Applying a plan again is harmless: what is already gone counts as done.

use serde::Serialize;
use usermgmt_runtime::Provider;

use crate::directory::Backend;
use crate::{Capabilities, Directory, Person, Removal, Status};

/// What offboarding would do, provider by provider.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OffboardPlan {
    /// Who is offboarded.
    pub person: Person,
    /// The GitHub organization to offboard from in Axolo, if any.
    pub axolo_organization: Option<String>,
    /// One step per account found (or per provider where nothing was found).
    pub steps: Vec<Step>,
}

/// One step of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// Where.
    #[serde(serialize_with = "provider_id")]
    pub provider: Provider,
    /// What.
    #[serde(flatten)]
    pub action: Action,
}

/// What a step does.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum Action {
    /// Delete the account.
    Delete {
        /// The provider's id for the account.
        id: String,
        /// Its email, for the record.
        email: String,
    },
    /// Disable the account (it stays, without access).
    Disable {
        /// The provider's id for the account.
        id: String,
        /// Its email, for the record.
        email: String,
    },
    /// Offboard the GitHub login from the organization (Axolo).
    Offboard {
        /// The GitHub organization.
        organization: String,
        /// The GitHub login.
        github_login: String,
    },
    /// The person has no account here.
    NotFound,
    /// Nothing can be done here, and why.
    Skip {
        /// Why.
        reason: String,
    },
    /// The lookup failed; applying reports it as failed.
    LookupFailed {
        /// The error, as a message.
        error: String,
    },
}

/// What happened when a plan was applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OffboardReport {
    /// Each step with its outcome, in plan order.
    pub steps: Vec<StepReport>,
}

impl OffboardReport {
    /// Whether no step failed.
    pub fn is_success(&self) -> bool {
        self.steps
            .iter()
            .all(|s| !matches!(s.outcome, Outcome::Failed { .. }))
    }
}

/// One step and its outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepReport {
    /// The step.
    #[serde(flatten)]
    pub step: Step,
    /// What happened.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// How a step ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    /// The change was made.
    Done,
    /// It had already been made (the account was gone or disabled).
    AlreadyGone,
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
}

impl Directory {
    /// Plan offboarding `person` from every configured provider. Read-only: it only
    /// looks people up. Axolo is planned when a GitHub login and `axolo_organization`
    /// are given.
    ///
    /// ```no_run
    /// # async fn demo(directory: usermgmt::Directory) -> Result<(), usermgmt::Error> {
    /// use usermgmt::Person;
    /// let person = Person::new("ada@acme.example")?.with_github_login("ada-l")?;
    /// let plan = directory.plan_offboard(&person, Some("acme")).await;
    /// for step in &plan.steps {
    ///     println!("{}: {:?}", step.provider, step.action);
    /// }
    /// let report = directory.apply(&plan).await;
    /// assert!(report.is_success());
    /// # Ok(()) }
    /// ```
    pub async fn plan_offboard(
        &self,
        person: &Person,
        axolo_organization: Option<&str>,
    ) -> OffboardPlan {
        let lookups = self
            .backends()
            .iter()
            .map(|backend| plan_for(self, backend, person, axolo_organization));
        let steps = futures::future::join_all(lookups)
            .await
            .into_iter()
            .flatten()
            .collect();
        OffboardPlan {
            person: person.clone(),
            axolo_organization: axolo_organization.map(str::to_string),
            steps,
        }
    }

    /// Run `plan`'s steps concurrently. A failing step does not stop the others;
    /// steps already done count as [`Outcome::AlreadyGone`].
    pub async fn apply(&self, plan: &OffboardPlan) -> OffboardReport {
        let runs = plan.steps.iter().map(|step| async move {
            let outcome = self.run(step, &plan.person).await;
            tracing::info!(provider = step.provider.id(), ?outcome, "offboarding step");
            StepReport {
                step: step.clone(),
                outcome,
            }
        });
        OffboardReport {
            steps: futures::future::join_all(runs).await,
        }
    }

    async fn run(&self, step: &Step, person: &Person) -> Outcome {
        let result = match &step.action {
            Action::Delete { id, .. } | Action::Disable { id, .. } => {
                self.remove(step.provider, id).await
            }
            Action::Offboard {
                organization,
                github_login,
            } => self.axolo_offboard(organization, github_login).await,
            Action::NotFound => return Outcome::NothingToDo,
            Action::Skip { reason } => {
                return Outcome::Skipped {
                    reason: reason.clone(),
                };
            }
            Action::LookupFailed { error } => {
                return Outcome::Failed {
                    error: error.clone(),
                };
            }
        };
        match result {
            Ok(()) => Outcome::Done,
            Err(error) if error.is_not_found() => Outcome::AlreadyGone,
            Err(error) => match &step.action {
                // A disable that failed may be one that already happened: look again.
                Action::Disable { id, .. }
                    if !self.still_active(step.provider, id, person).await =>
                {
                    Outcome::AlreadyGone
                }
                _ => Outcome::Failed {
                    error: error.to_string(),
                },
            },
        }
    }

    async fn still_active(&self, provider: Provider, id: &str, person: &Person) -> bool {
        let Some(backend) = self.backend(provider) else {
            return true;
        };
        match self.lookup(backend, person).await {
            Ok(users) => users
                .iter()
                .any(|u| u.id.as_deref() == Some(id) && u.status == Status::Active),
            Err(_) => true,
        }
    }
}

async fn plan_for(
    directory: &Directory,
    backend: &Backend,
    person: &Person,
    axolo_organization: Option<&str>,
) -> Vec<Step> {
    let provider = backend.provider();
    let step = |action| Step { provider, action };
    let capabilities = Capabilities::of(provider);
    if capabilities.removal == Removal::Offboard {
        return vec![step(match (person.github_login(), axolo_organization) {
            (Some(login), Some(organization)) => Action::Offboard {
                organization: organization.to_string(),
                github_login: login.to_string(),
            },
            _ => Action::Skip {
                reason: "Axolo identifies engineers by GitHub login: give the login and the organization".into(),
            },
        })];
    }
    let users = match directory.lookup(backend, person).await {
        Ok(users) => users,
        Err(error) => {
            return vec![step(Action::LookupFailed {
                error: error.to_string(),
            })];
        }
    };
    if users.is_empty() {
        return vec![step(Action::NotFound)];
    }
    users
        .into_iter()
        .map(|user| {
            let email = user.email.clone().unwrap_or_default();
            step(match (user.id, user.status, capabilities.removal) {
                (None, Status::Invited, _) => Action::Skip {
                    reason: format!(
                        "pending invitation: {provider}'s API cannot revoke invitations"
                    ),
                },
                (None, _, _) => Action::Skip {
                    reason: "the account has no id to act on".into(),
                },
                (Some(_), Status::Disabled, Removal::Disable) => Action::NotFound,
                (Some(id), _, Removal::Disable) => Action::Disable { id, email },
                (Some(id), _, _) => Action::Delete { id, email },
            })
        })
        .collect()
}

fn provider_id<S: serde::Serializer>(provider: &Provider, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(provider.id())
}
