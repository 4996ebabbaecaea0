//! Reinstating: the reverse of an offboarding, planned from the before-states its run
//! recorded. Each removed account is created (or invited) again with the access it had.

use serde_json::Value;

use crate::{Access, Action, Plan, PlanKind, Step};
use usermgmt_runtime::Provider;

impl Plan {
    /// A plan that brings back what the steps `removed` of `offboarding` (an offboard
    /// plan applied as run `run_id`) took away: Axiom users re-created with their role,
    /// Adverity users with their names, groups and workspaces, Model-Prime members
    /// re-invited with their roles, Paradime members re-invited with their account type,
    /// and the engineer onboarded again in Axolo (which needs the Slack id: without it
    /// the step is skipped and says so). Nothing is looked up here; applying the plan
    /// checks that none of the accounts exists already.
    ///
    /// ```
    /// use usermgmt::{Person, Plan, PlanKind};
    /// let offboarding = Plan::new(PlanKind::Offboard, Person::new("ada@acme.example")?);
    /// let reinstate = Plan::reinstating(&offboarding, "run-1", &[]);
    /// assert_eq!(reinstate.kind, PlanKind::Reinstate);
    /// assert_eq!(reinstate.reverses_run.as_deref(), Some("run-1"));
    /// # Ok::<(), usermgmt::Error>(())
    /// ```
    pub fn reinstating(offboarding: &Plan, run_id: &str, removed: &[usize]) -> Plan {
        let mut plan = Plan::about_many(PlanKind::Reinstate);
        plan.person = offboarding.person.clone();
        plan.axolo_organization = offboarding.axolo_organization.clone();
        plan.reverses_run = Some(run_id.to_string());
        plan.steps = removed
            .iter()
            .filter_map(|i| offboarding.steps.get(*i))
            .map(|step| Step {
                provider: step.provider,
                action: match offboarding.person_of(step) {
                    Some(person) => reverse(step, person),
                    None => Action::Skip {
                        reason: "the offboarding recorded no person for this step".into(),
                    },
                },
                before: None,
                person: step.person.clone(),
            })
            .collect();
        plan
    }
}

fn reverse(step: &Step, person: &crate::Person) -> Action {
    if let Action::Offboard {
        organization,
        github_login,
    } = &step.action
    {
        return match person.slack_id() {
            Some(slack_id) => Action::Onboard {
                organization: organization.clone(),
                github_login: github_login.clone(),
                slack_id: slack_id.to_string(),
            },
            None => Action::Skip {
                reason: "onboarding again in Axolo needs the person's Slack id, which the \
                         offboarding did not record"
                    .into(),
            },
        };
    }
    let Some(before) = &step.before else {
        return Action::Skip {
            reason: "the offboarding recorded no before-state for this account".into(),
        };
    };
    let user = &before.user;
    let email = user
        .email
        .clone()
        .unwrap_or_else(|| person.email().to_string());
    let first_role = || user.roles.first().cloned().unwrap_or_default();
    let text = |field: &str| {
        before
            .record
            .get(field)
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let ids = |field: &str| -> Vec<i64> {
        before
            .record
            .get(field)
            .and_then(Value::as_array)
            .map(|items| items.iter().filter_map(Value::as_i64).collect())
            .unwrap_or_default()
    };
    let (access, first_name, last_name) = match step.provider {
        Provider::Axiom => (Access::AxiomRole { role: first_role() }, None, None),
        Provider::Adverity => (
            Access::AdverityGroups {
                groups: ids("groups"),
                workspaces: ids("workspaces"),
            },
            text("first_name"),
            text("last_name"),
        ),
        Provider::Paradime => (
            Access::ParadimeAccountType {
                account_type: first_role(),
            },
            None,
            None,
        ),
        Provider::ModelPrime => (
            Access::ModelPrimeRoles {
                roles: user.roles.clone(),
            },
            None,
            None,
        ),
        other => {
            return Action::Skip {
                reason: format!("{other} accounts cannot be re-created"),
            };
        }
    };
    Action::Create {
        email,
        name: user.name.clone(),
        first_name,
        last_name,
        access,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AccessLevel, Person, Snapshot, Status, User};
    use serde_json::json;

    fn removed(provider: Provider, roles: &[&str], record: Value) -> Step {
        Step {
            person: None,
            provider,
            action: Action::Delete {
                id: "1".into(),
                email: "ada@acme.example".into(),
            },
            before: Some(Snapshot {
                user: User {
                    provider,
                    id: Some("1".into()),
                    email: Some("ada@acme.example".into()),
                    name: Some("Ada King Lovelace".into()),
                    roles: roles.iter().map(|r| r.to_string()).collect(),
                    access: AccessLevel::Member,
                    status: Status::Active,
                },
                record,
            }),
        }
    }

    #[test]
    fn each_removed_account_comes_back_with_the_access_it_had() {
        let mut offboarding =
            Plan::new(PlanKind::Offboard, Person::new("ada@acme.example").unwrap());
        offboarding.axolo_organization = Some("acme".into());
        offboarding.steps = vec![
            removed(Provider::Axiom, &["custom-7"], json!({})),
            removed(
                Provider::Adverity,
                &["group:2"],
                json!({"first_name": "Ada King", "last_name": "Lovelace", "groups": [2], "workspaces": [3, 4]}),
            ),
            removed(Provider::ModelPrime, &["developer", "analyst"], json!({})),
            Step {
                person: None,
                provider: Provider::Axolo,
                action: Action::Offboard {
                    organization: "acme".into(),
                    github_login: "ada-l".into(),
                },
                before: None,
            },
        ];
        let plan = Plan::reinstating(&offboarding, "r1", &[0, 1, 2, 3]);
        let access: Vec<Option<&Access>> = plan
            .steps
            .iter()
            .map(|s| match &s.action {
                Action::Create { access, .. } => Some(access),
                _ => None,
            })
            .collect();
        assert_eq!(
            access[0],
            Some(&Access::AxiomRole {
                role: "custom-7".into()
            })
        );
        assert_eq!(
            access[1],
            Some(&Access::AdverityGroups {
                groups: vec![2],
                workspaces: vec![3, 4]
            })
        );
        assert!(matches!(
            &plan.steps[1].action,
            Action::Create { first_name: Some(f), last_name: Some(l), .. } if f == "Ada King" && l == "Lovelace"
        ));
        assert_eq!(
            access[2],
            Some(&Access::ModelPrimeRoles {
                roles: vec!["developer".into(), "analyst".into()]
            })
        );
        // No Slack id was recorded: the Axolo step says what is missing.
        assert!(
            matches!(&plan.steps[3].action, Action::Skip { reason } if reason.contains("Slack id"))
        );

        offboarding.person = Some(
            offboarding
                .person
                .clone()
                .unwrap()
                .with_slack_id("U01ADA")
                .unwrap(),
        );
        let plan = Plan::reinstating(&offboarding, "r1", &[3]);
        assert!(
            matches!(&plan.steps[0].action, Action::Onboard { slack_id, .. } if slack_id == "U01ADA")
        );
    }
}
