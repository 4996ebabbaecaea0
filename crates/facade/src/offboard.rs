//! Planning the offboarding of one person everywhere: read-only lookups that turn into
//! a [`Plan`] whose steps carry each account's before-state, refused when it would
//! remove a provider's last owner or admin.

use futures::{StreamExt, TryStreamExt};
use usermgmt_runtime::Provider;

use crate::directory::Backend;
use crate::{
    AccessLevel, Action, Capabilities, Directory, Error, Person, Plan, PlanKind, Removal, Snapshot,
    Status, Step,
};

/// Choices for [`Directory::plan_offboard_with`]. No field is required: the default
/// keeps every guard rail on (the last active owner or admin is never removed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OffboardOptions {
    /// Plan the removal even of a provider's last active owner or admin.
    pub allow_last_admin: bool,
}

/// Why no plan was made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PlanError {
    /// The plan would remove the last active owner or admin of a provider.
    #[error(
        "refusing to remove {email} from {provider}: it is the last active {level} there \
         (set OffboardOptions::allow_last_admin to plan it anyway)"
    )]
    LastAdmin {
        /// Where.
        provider: Provider,
        /// Whose account.
        email: String,
        /// Its access level (admin or owner).
        level: AccessLevel,
    },
    /// The input was refused or a lookup needed for a guard rail failed.
    #[error(transparent)]
    Sdk(#[from] Error),
}

impl Directory {
    /// Plan offboarding `person` from every configured provider, with the default
    /// guard rails. Read-only: it only looks people up. Axolo is planned when the
    /// person has a GitHub login and `axolo_organization` is given.
    ///
    /// ```no_run
    /// # async fn demo(directory: usermgmt::Directory) -> Result<(), Box<dyn std::error::Error>> {
    /// use usermgmt::Person;
    /// let person = Person::new("ada@acme.example")?.with_github_login("ada-l")?;
    /// let plan = directory.plan_offboard(&person, Some("acme")).await?;
    /// for step in &plan.steps {
    ///     println!("{step}");
    /// }
    /// let report = directory.apply(&plan).await;
    /// assert!(report.is_success());
    /// # Ok(()) }
    /// ```
    pub async fn plan_offboard(
        &self,
        person: &Person,
        axolo_organization: Option<&str>,
    ) -> Result<Plan, PlanError> {
        self.plan_offboard_with(person, axolo_organization, &OffboardOptions::default())
            .await
    }

    /// Like [`plan_offboard`](Self::plan_offboard), with `options`.
    pub async fn plan_offboard_with(
        &self,
        person: &Person,
        axolo_organization: Option<&str>,
        options: &OffboardOptions,
    ) -> Result<Plan, PlanError> {
        let organization = axolo_organization
            .map(|org| crate::validate::github_name("GitHub organization", org))
            .transpose()?;
        let lookups = self
            .backends()
            .iter()
            .map(|backend| plan_for(self, backend, person, organization.as_deref()));
        let steps: Vec<Step> = futures::future::join_all(lookups)
            .await
            .into_iter()
            .flatten()
            .collect();
        if !options.allow_last_admin {
            for step in &steps {
                self.refuse_last_admin(step).await?;
            }
        }
        let mut plan = Plan::new(PlanKind::Offboard, person.clone());
        plan.axolo_organization = organization;
        plan.steps = steps;
        Ok(plan)
    }

    /// [`PlanError::LastAdmin`] when `step` removes an active owner or admin and no
    /// other active one is left at that provider.
    pub(crate) async fn refuse_last_admin(&self, step: &Step) -> Result<(), PlanError> {
        let (Action::Delete { id, email } | Action::Disable { id, email }) = &step.action else {
            return Ok(());
        };
        let Some(before) = &step.before else {
            return Ok(());
        };
        let level = before.user.access;
        if level < AccessLevel::Admin || before.user.status != Status::Active {
            return Ok(());
        }
        let Some(backend) = self.backend(step.provider) else {
            return Ok(());
        };
        if self.has_other_admin(backend, id).await? {
            Ok(())
        } else {
            Err(PlanError::LastAdmin {
                provider: step.provider,
                email: email.clone(),
                level,
            })
        }
    }

    /// Whether an active owner or admin other than `except_id` exists at `backend`.
    async fn has_other_admin(&self, backend: &Backend, except_id: &str) -> Result<bool, Error> {
        let others = self
            .users_of(backend)
            .try_filter(|u| futures::future::ready(u.id.as_deref() != Some(except_id)));
        match backend {
            // Model-Prime lists no roles: fetch each account until an admin turns up.
            #[cfg(feature = "modelprime")]
            Backend::ModelPrime(client) => {
                let mut admins = others
                    .map_ok(|user| {
                        let client = client.clone();
                        async move {
                            let id = user.id.unwrap_or_default();
                            crate::providers::modelprime::get(&client, &id).await
                        }
                    })
                    .try_buffer_unordered(8)
                    .try_filter(|u| futures::future::ready(is_active_admin(u)))
                    .boxed();
                Ok(admins.try_next().await?.is_some())
            }
            #[allow(unreachable_patterns)] // every backend but Model-Prime
            _ => {
                let mut admins = others
                    .try_filter(|u| futures::future::ready(is_active_admin(u)))
                    .boxed();
                Ok(admins.try_next().await?.is_some())
            }
        }
    }
}

fn is_active_admin(user: &crate::User) -> bool {
    user.access >= AccessLevel::Admin && user.status == Status::Active
}

async fn plan_for(
    directory: &Directory,
    backend: &Backend,
    person: &Person,
    axolo_organization: Option<&str>,
) -> Vec<Step> {
    let provider = backend.provider();
    let step = |action, before| Step {
        provider,
        action,
        before,
        person: None,
    };
    let capabilities = Capabilities::of(provider);
    if capabilities.removal == Removal::Offboard {
        let action = match (person.github_login(), axolo_organization) {
            (Some(login), Some(organization)) => Action::Offboard {
                organization: organization.to_string(),
                github_login: login.to_string(),
            },
            _ => Action::Skip {
                reason: "Axolo identifies engineers by GitHub login: give the login and the organization".into(),
            },
        };
        return vec![step(action, None)];
    }
    let accounts = match directory.snapshots(backend, person).await {
        Ok(accounts) => accounts,
        Err(error) => {
            let action = Action::LookupFailed {
                error: error.to_string(),
            };
            return vec![step(action, None)];
        }
    };
    if accounts.is_empty() {
        return vec![step(Action::NotFound, None)];
    }
    accounts
        .into_iter()
        .map(|account: Snapshot| {
            let email = account.user.email.clone().unwrap_or_default();
            let action = match (
                account.user.id.clone(),
                account.user.status,
                capabilities.removal,
            ) {
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
            };
            step(action, Some(account))
        })
        .collect()
}
