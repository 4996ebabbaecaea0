//! Offboarding against the sandbox: plan, apply, apply again; pending invitations and
//! missing GitHub logins planned as skips; a failing lookup reported without stopping the
//! other steps.

use usermgmt::{Action, ApplyReport, Outcome, Person, Plan, Provider, Status};
use usermgmt_sandbox::demo;
use usermgmt_sandbox::{FakeApi as Fake, Sandbox};

use crate::{directory, start};

fn alan() -> Person {
    Person::new(demo::LEAVER_EMAIL)
        .unwrap()
        .with_github_login(demo::LEAVER_GITHUB_LOGIN)
        .unwrap()
}

fn actions(plan: &Plan) -> Vec<(Provider, &Action)> {
    plan.steps.iter().map(|s| (s.provider, &s.action)).collect()
}

fn outcomes(report: &ApplyReport) -> Vec<(Provider, &Outcome)> {
    report
        .steps
        .iter()
        .map(|s| (s.step.provider, &s.outcome))
        .collect()
}

fn engineer_onboarded(sandbox: &Sandbox, login: &str) -> bool {
    sandbox
        .axolo_engineers()
        .iter()
        .any(|e| e.github_login == login)
}

#[tokio::test]
async fn plan_then_apply_then_apply_again_offboards_alan_everywhere_and_is_idempotent() {
    let sandbox = start().await;
    let directory = directory(&sandbox);

    // Plan: read-only, one step per provider in the order they were configured.
    let plan = directory
        .plan_offboard(&alan(), Some(demo::AXOLO_ORGANIZATION))
        .await
        .unwrap();
    assert_eq!(plan.person, Some(alan()));
    assert_eq!(
        plan.axolo_organization.as_deref(),
        Some(demo::AXOLO_ORGANIZATION)
    );
    let steps = actions(&plan);
    assert_eq!(steps.len(), 5, "{steps:?}");
    for (provider, action) in &steps {
        match (provider, action) {
            (
                Provider::Axiom | Provider::Adverity | Provider::ModelPrime,
                Action::Delete { id, email },
            )
            | (Provider::Paradime, Action::Disable { id, email }) => {
                assert!(!id.is_empty());
                assert_eq!(email, demo::LEAVER_EMAIL);
            }
            (
                Provider::Axolo,
                Action::Offboard {
                    organization,
                    github_login,
                },
            ) => {
                assert_eq!(organization, demo::AXOLO_ORGANIZATION);
                assert_eq!(github_login, demo::LEAVER_GITHUB_LOGIN);
            }
            other => panic!("unexpected step {other:?}"),
        }
    }
    assert_eq!(
        steps.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
        vec![
            Provider::Axiom,
            Provider::Adverity,
            Provider::Paradime,
            Provider::ModelPrime,
            Provider::Axolo
        ]
    );
    // Planning changed nothing.
    assert_eq!(
        directory
            .find(&alan())
            .await
            .into_iter()
            .filter(|(_, r)| r.as_ref().is_ok_and(|u| !u.is_empty()))
            .count(),
        4
    );
    assert!(engineer_onboarded(&sandbox, demo::LEAVER_GITHUB_LOGIN));

    // Apply: every step done, and Alan is gone everywhere.
    let report = directory.apply(&plan).await;
    assert!(report.is_success(), "{report:?}");
    assert_eq!(report.steps.len(), 5);
    for (provider, outcome) in outcomes(&report) {
        assert_eq!(outcome, &Outcome::Done, "{provider}");
    }
    assert_eq!(
        report.steps.iter().map(|s| &s.step).collect::<Vec<_>>(),
        plan.steps.iter().collect::<Vec<_>>(),
        "the report follows the plan's order"
    );
    for (provider, result) in directory.find(&alan()).await {
        assert_eq!(result.unwrap(), vec![], "{provider} still lists Alan");
    }
    assert_eq!(
        sandbox.paradime_disabled_users(),
        vec![demo::LEAVER_EMAIL.to_string()]
    );
    assert!(!engineer_onboarded(&sandbox, demo::LEAVER_GITHUB_LOGIN));

    // Apply the same plan again: what is already gone counts as gone, nothing fails.
    let again = directory.apply(&plan).await;
    assert!(again.is_success(), "{again:?}");
    for (provider, outcome) in outcomes(&again) {
        assert_eq!(outcome, &Outcome::AlreadyDone, "{provider}");
    }

    // Plan afresh: nothing left but the Axolo offboarding, which cannot be looked up.
    let replan = directory
        .plan_offboard(&alan(), Some(demo::AXOLO_ORGANIZATION))
        .await
        .unwrap();
    for (provider, action) in actions(&replan) {
        if provider == Provider::Axolo {
            assert!(matches!(action, Action::Offboard { .. }), "{action:?}");
        } else {
            assert_eq!(action, &Action::NotFound, "{provider}");
        }
    }
    let report = directory.apply(&replan).await;
    assert!(report.is_success(), "{report:?}");
    for (provider, outcome) in outcomes(&report) {
        let expected = if provider == Provider::Axolo {
            Outcome::AlreadyDone
        } else {
            Outcome::NothingToDo
        };
        assert_eq!(outcome, &expected, "{provider}");
    }
}

#[tokio::test]
async fn a_pending_paradime_invitation_is_planned_as_a_skip_and_left_alone() {
    let sandbox = start().await;
    let directory = directory(&sandbox);
    let annie = Person::new("annie@acme.example")
        .unwrap()
        .with_github_login("annie-easley")
        .unwrap();
    let plan = directory
        .plan_offboard(&annie, Some(demo::AXOLO_ORGANIZATION))
        .await
        .unwrap();
    for (provider, action) in actions(&plan) {
        match provider {
            Provider::Paradime => match action {
                Action::Skip { reason } => {
                    assert!(reason.contains("pending invitation"), "{reason}");
                    assert!(reason.contains("cannot revoke"), "{reason}");
                }
                other => panic!("Paradime: expected a skip, got {other:?}"),
            },
            Provider::Axolo => assert!(matches!(action, Action::Offboard { .. })),
            other => assert_eq!(action, &Action::NotFound, "{other}"),
        }
    }

    let report = directory.apply(&plan).await;
    assert!(report.is_success(), "skips are not failures: {report:?}");
    for (provider, outcome) in outcomes(&report) {
        match provider {
            Provider::Paradime => {
                assert!(matches!(outcome, Outcome::Skipped { .. }), "{outcome:?}")
            }
            // Annie was never onboarded in Axolo: the 404 counts as already gone.
            Provider::Axolo => assert_eq!(outcome, &Outcome::AlreadyDone),
            other => assert_eq!(outcome, &Outcome::NothingToDo, "{other}"),
        }
    }
    let still_invited = directory.find(&annie).await;
    let (_, paradime) = still_invited
        .iter()
        .find(|(p, _)| *p == Provider::Paradime)
        .unwrap();
    assert_eq!(paradime.as_ref().unwrap()[0].status, Status::Invited);
}

#[tokio::test]
async fn without_a_github_login_axolo_is_skipped_with_the_reason_and_left_alone() {
    let sandbox = start().await;
    let directory = directory(&sandbox);
    let claude = Person::new("claude@acme.example").unwrap();
    let plan = directory
        .plan_offboard(&claude, Some(demo::AXOLO_ORGANIZATION))
        .await
        .unwrap();
    let axolo = plan
        .steps
        .iter()
        .find(|s| s.provider == Provider::Axolo)
        .unwrap();
    assert!(
        matches!(&axolo.action, Action::Skip { reason } if reason.contains("GitHub login")),
        "{axolo:?}"
    );
    let report = directory.apply(&plan).await;
    assert!(report.is_success());
    let axiom = report
        .steps
        .iter()
        .find(|s| s.step.provider == Provider::Axiom)
        .unwrap();
    assert_eq!(axiom.outcome, Outcome::Done);
    assert!(
        engineer_onboarded(&sandbox, "cshannon"),
        "Axolo was not touched"
    );

    // With the login but no organization, Axolo is skipped as well.
    let with_login = directory
        .plan_offboard(&claude.with_github_login("cshannon").unwrap(), None)
        .await
        .unwrap();
    assert!(
        with_login
            .steps
            .iter()
            .any(|s| s.provider == Provider::Axolo && matches!(s.action, Action::Skip { .. }))
    );
}

#[tokio::test]
async fn a_failing_lookup_is_reported_as_failed_while_the_other_steps_still_run() {
    let sandbox = start().await;
    let directory = directory(&sandbox);
    // Four 500s use up the four attempts of the Adverity lookup.
    sandbox.faults(Fake::Adverity).next_server_errors(4, 500);
    let plan = directory
        .plan_offboard(&alan(), Some(demo::AXOLO_ORGANIZATION))
        .await
        .unwrap();
    assert_eq!(sandbox.faults(Fake::Adverity).pending(), 0);
    let adverity = plan
        .steps
        .iter()
        .find(|s| s.provider == Provider::Adverity)
        .unwrap();
    assert!(
        matches!(&adverity.action, Action::LookupFailed { error } if error.contains("500")),
        "{adverity:?}"
    );

    let report = directory.apply(&plan).await;
    assert!(!report.is_success());
    for (provider, outcome) in outcomes(&report) {
        if provider == Provider::Adverity {
            assert!(matches!(outcome, Outcome::Failed { .. }), "{outcome:?}");
        } else {
            assert_eq!(outcome, &Outcome::Done, "{provider}");
        }
    }
    assert!(!engineer_onboarded(&sandbox, demo::LEAVER_GITHUB_LOGIN));
}

#[tokio::test]
async fn a_step_that_fails_when_applied_is_reported_and_the_others_are_done() {
    let sandbox = start().await;
    let directory = directory(&sandbox);
    let plan = directory
        .plan_offboard(&alan(), Some(demo::AXOLO_ORGANIZATION))
        .await
        .unwrap();
    // The Axolo offboarding is a POST: a 500 is not retried and the step fails.
    sandbox.faults(Fake::Axolo).next_server_errors(1, 500);
    let report = directory.apply(&plan).await;
    assert!(!report.is_success());
    for (provider, outcome) in outcomes(&report) {
        if provider == Provider::Axolo {
            assert!(
                matches!(outcome, Outcome::Failed { error } if error.contains("500 from Axolo")),
                "{outcome:?}"
            );
        } else {
            assert_eq!(outcome, &Outcome::Done, "{provider}");
        }
    }
    assert!(engineer_onboarded(&sandbox, demo::LEAVER_GITHUB_LOGIN));

    // Applying again finishes the job.
    let again = directory.apply(&plan).await;
    assert!(again.is_success(), "{again:?}");
    assert!(!engineer_onboarded(&sandbox, demo::LEAVER_GITHUB_LOGIN));
}
