//! Onboarding: a person gets a profile's access in every provider it names. Planned per
//! provider from what is there now: create or invite where the person has no account,
//! change the access of an account that has other access (a mover), nothing where all is
//! right, so planning twice after applying plans nothing.

use crate::capabilities::{Capabilities, Removal};
use crate::{
    Access, AccessProfile, Action, Backend, Directory, Error, Person, Plan, PlanKind, Snapshot,
    Status, Step,
};

/// Who to onboard and with what: the required parts are the person, their display name
/// and the profile ([`Onboarding::new`]); the Axolo organization is needed only when the
/// profile includes Axolo (which also needs the person's GitHub login and Slack id).
///
/// ```no_run
/// # async fn demo(directory: usermgmt::Directory) -> Result<(), Box<dyn std::error::Error>> {
/// use usermgmt::{AccessProfile, Onboarding, Person};
/// let developer = AccessProfile { axiom: Some("user".into()), ..AccessProfile::default() };
/// let grace = Person::new("grace@acme.example")?;
/// let plan = directory
///     .plan_onboard(&Onboarding::new(grace, "Grace Hopper", developer))
///     .await?;
/// let report = directory.apply(&plan).await;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Onboarding {
    /// Who (email; GitHub login and Slack id for Axolo).
    pub person: Person,
    /// The display name ("Grace Hopper"); Adverity gets it split at the last space.
    pub name: String,
    /// The access to give.
    pub profile: AccessProfile,
    /// The GitHub organization, for Axolo.
    pub axolo_organization: Option<String>,
}

impl Onboarding {
    /// Onboard `person`, called `name`, with `profile`.
    pub fn new(person: Person, name: &str, profile: AccessProfile) -> Self {
        Onboarding {
            person,
            name: name.trim().to_string(),
            profile,
            axolo_organization: None,
        }
    }

    /// The GitHub organization Axolo onboards into.
    pub fn axolo_organization(mut self, organization: &str) -> Self {
        self.axolo_organization = Some(organization.to_string());
        self
    }
}

impl Directory {
    /// Plan giving `onboarding.person` the profile's access in every configured provider
    /// the profile names (providers it leaves out, or that this directory lacks, get no
    /// step). Read-only: it only looks the person up. Refused before any lookup when the
    /// profile, the name or the organization is malformed.
    pub async fn plan_onboard(&self, onboarding: &Onboarding) -> Result<Plan, Error> {
        onboarding
            .profile
            .check()
            .map_err(|e| Error::InvalidInput {
                provider: Some(e.provider),
                message: e.reason,
            })?;
        if onboarding.name.is_empty() {
            return Err(Error::InvalidInput {
                provider: None,
                message: "the person's name is empty".into(),
            });
        }
        let organization = onboarding
            .axolo_organization
            .as_deref()
            .map(|org| crate::validate::github_name("GitHub organization", org))
            .transpose()?;
        let lookups = self
            .backends()
            .iter()
            .filter(|b| onboarding.profile.includes(b.provider()))
            .map(|backend| step_for(self, backend, onboarding, organization.as_deref()));
        let steps = futures::future::join_all(lookups).await;
        let mut plan = Plan::new(PlanKind::Onboard, onboarding.person.clone());
        plan.axolo_organization = organization;
        plan.steps = steps;
        Ok(plan)
    }
}

/// The one step at `backend`.
async fn step_for(
    directory: &Directory,
    backend: &Backend,
    onboarding: &Onboarding,
    organization: Option<&str>,
) -> Step {
    let provider = backend.provider();
    let person = &onboarding.person;
    let step = |action, before| Step {
        provider,
        action,
        before,
        person: None,
    };
    if Capabilities::of(provider).removal == Removal::Offboard {
        let action = match (person.github_login(), person.slack_id(), organization) {
            (Some(login), Some(slack_id), Some(organization)) => Action::Onboard {
                organization: organization.to_string(),
                github_login: login.to_string(),
                slack_id: slack_id.to_string(),
            },
            _ => Action::Skip {
                reason: "Axolo onboards by GitHub login: give the login, the Slack id and \
                         the organization"
                    .into(),
            },
        };
        return step(action, None);
    }
    let Some(wanted) = onboarding.profile.access(provider) else {
        return step(
            Action::Skip {
                reason: format!("the profile grants nothing at {provider}"),
            },
            None,
        );
    };
    let accounts = match directory.snapshots(backend, person).await {
        Ok(accounts) => accounts,
        Err(error) => {
            let action = Action::LookupFailed {
                error: error.to_string(),
            };
            return step(action, None);
        }
    };
    let email = person.email().to_string();
    let Some(account) = pick(accounts) else {
        return step(create(provider, email, &onboarding.name, wanted), None);
    };
    let action = decide(provider, &account, email, wanted);
    step(action, Some(account))
}

/// Creating (or inviting) `email`, called `name`, with `wanted` at `provider`.
pub(crate) fn create(
    provider: crate::Provider,
    email: String,
    name: &str,
    wanted: Access,
) -> Action {
    let (first_name, last_name) = if provider == crate::Provider::Adverity {
        let (first, last) = crate::providers::split_name(name);
        (Some(first), Some(last))
    } else {
        (None, None)
    };
    Action::Create {
        email,
        name: (!name.trim().is_empty()).then(|| name.trim().to_string()),
        first_name,
        last_name,
        access: wanted,
    }
}

/// The account to act on when the person has several (an active one first).
pub(crate) fn pick(mut accounts: Vec<Snapshot>) -> Option<Snapshot> {
    accounts.sort_by_key(|a| match a.user.status {
        Status::Active => 0,
        Status::Invited => 1,
        _ => 2,
    });
    accounts.into_iter().next()
}

/// What to do with an existing account that should have `wanted`.
pub(crate) fn decide(
    provider: crate::Provider,
    account: &Snapshot,
    email: String,
    wanted: Access,
) -> Action {
    let has = Access::of(provider, account);
    if has.as_ref().is_some_and(|has| has.same_as(&wanted)) {
        return Action::Unchanged {
            email,
            access: wanted,
        };
    }
    match (&account.user.id, account.user.status) {
        (_, Status::Disabled) => Action::Skip {
            reason: format!(
                "{email} has a disabled {provider} account: reinstate it (or enable it at \
                 {provider}) before giving it access"
            ),
        },
        (Some(id), _) => Action::SetAccess {
            id: id.clone(),
            email,
            access: wanted,
        },
        (None, _) => Action::Skip {
            reason: format!(
                "{email} has a pending {provider} invitation with other access ({}); the API \
                 cannot change an invitation",
                has.map_or_else(|| "unknown".to_string(), |a| a.to_string())
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AccessLevel, Provider, User};
    use serde_json::json;

    fn account(id: Option<&str>, status: Status, roles: &[&str]) -> Snapshot {
        Snapshot {
            user: User {
                provider: Provider::ModelPrime,
                id: id.map(str::to_string),
                email: Some("grace@acme.example".into()),
                name: None,
                roles: roles.iter().map(|r| r.to_string()).collect(),
                access: AccessLevel::Member,
                status,
            },
            record: json!({}),
        }
    }

    fn developer() -> Access {
        Access::ModelPrimeRoles {
            roles: vec!["developer".into()],
        }
    }

    fn decided(account: &Snapshot) -> Action {
        decide(
            Provider::ModelPrime,
            account,
            "grace@acme.example".into(),
            developer(),
        )
    }

    #[test]
    fn the_right_access_is_unchanged_other_access_is_set_and_a_disabled_account_is_left() {
        let right = account(Some("u1"), Status::Active, &["developer"]);
        assert!(matches!(decided(&right), Action::Unchanged { .. }));
        let other = account(Some("u1"), Status::Active, &["analyst"]);
        assert_eq!(
            decided(&other),
            Action::SetAccess {
                id: "u1".into(),
                email: "grace@acme.example".into(),
                access: developer()
            }
        );
        let disabled = account(Some("u1"), Status::Disabled, &["analyst"]);
        assert!(
            matches!(decided(&disabled), Action::Skip { reason } if reason.contains("disabled"))
        );
        let invited = account(None, Status::Invited, &["analyst"]);
        assert!(
            matches!(decided(&invited), Action::Skip { reason } if reason.contains("invitation"))
        );
        let invited_right = account(None, Status::Invited, &["developer"]);
        assert!(
            matches!(decided(&invited_right), Action::Unchanged { .. }),
            "a pending invitation with the right access counts as present"
        );
    }

    #[test]
    fn an_active_account_is_picked_before_an_invitation() {
        let picked = pick(vec![
            account(None, Status::Invited, &[]),
            account(Some("u2"), Status::Active, &[]),
        ])
        .unwrap();
        assert_eq!(picked.user.id.as_deref(), Some("u2"));
    }
}
