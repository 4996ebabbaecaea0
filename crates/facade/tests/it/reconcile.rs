//! Reconciling a roster against the sandbox: the dump of what is there plans nothing; a
//! joiner, a mover and a leaver; excluded accounts; every guard rail; a second reconcile
//! after applying plans nothing.

use std::collections::BTreeMap;

use futures::TryStreamExt;
use usermgmt::{
    AccessProfile, Action, AdverityAccess, Directory, MaxRemovals, Plan, Provider, ReconcileError,
    ReconcileOptions, Roster, RosterEntry, SentInvitation,
};
use usermgmt_sandbox::demo;

use crate::{directory, start};

fn profiles() -> BTreeMap<String, AccessProfile> {
    let engineer = AccessProfile {
        axiom: Some("user".into()),
        adverity: Some(AdverityAccess {
            groups: vec![2],
            workspaces: vec![1],
        }),
        ..AccessProfile::default()
    };
    [("engineer".to_string(), engineer)].into_iter().collect()
}

/// The roster of what the sandbox holds now.
async fn dumped(directory: &Directory) -> Roster {
    let accounts: Vec<_> = directory.list_snapshots().try_collect().await.unwrap();
    Roster::from_accounts(accounts, &profiles())
}

fn changes(plan: &Plan) -> Vec<(String, Provider, &'static str)> {
    plan.changes()
        .map(|(_, s)| {
            let who = s
                .person
                .as_ref()
                .map(|p| p.email().to_string())
                .unwrap_or_default();
            (who, s.provider, s.action.verb())
        })
        .collect()
}

fn without(roster: &mut Roster, email: &str) {
    roster.people.retain(|p| p.email != email);
}

#[tokio::test]
async fn the_dump_of_what_is_there_plans_nothing() {
    let sandbox = start().await;
    let directory = directory(&sandbox);
    let roster = dumped(&directory).await;
    let plan = directory
        .plan_reconcile(&roster, &profiles(), &ReconcileOptions::default())
        .await
        .unwrap();
    assert_eq!(changes(&plan), [], "{plan:#?}");
    assert_eq!(plan.kind, usermgmt::PlanKind::Reconcile);
    assert!(plan.person.is_none());
}

#[tokio::test]
async fn a_joiner_a_mover_and_a_leaver_then_a_second_reconcile_plans_nothing() {
    let sandbox = start().await;
    let directory = directory(&sandbox);
    let mut roster = dumped(&directory).await;
    roster
        .people
        .push(RosterEntry::new("barbara@acme.example", "Barbara Liskov").with_profile("engineer"));
    without(&mut roster, demo::LEAVER_EMAIL);
    let grace = roster
        .people
        .iter_mut()
        .find(|p| p.email == "grace@acme.example")
        .unwrap();
    *grace = RosterEntry::new("grace@acme.example", "Grace Hopper").with_profile("engineer");

    // Alan and Grace both leave Paradime: two of seven, over the default 25%.
    let options = ReconcileOptions {
        max_removals: MaxRemovals::Count(2),
        ..ReconcileOptions::default()
    };
    let plan = directory
        .plan_reconcile(&roster, &profiles(), &options)
        .await
        .unwrap();
    let planned = changes(&plan);
    let has = |who: &str, provider, verb| planned.contains(&(who.to_string(), provider, verb));
    assert!(
        has("barbara@acme.example", Provider::Axiom, "create"),
        "{planned:?}"
    );
    assert!(
        has("barbara@acme.example", Provider::Adverity, "create"),
        "{planned:?}"
    );
    assert!(
        has(demo::LEAVER_EMAIL, Provider::Axiom, "delete"),
        "{planned:?}"
    );
    assert!(
        has(demo::LEAVER_EMAIL, Provider::Paradime, "disable"),
        "{planned:?}"
    );
    assert!(
        has(demo::LEAVER_EMAIL, Provider::ModelPrime, "delete"),
        "{planned:?}"
    );
    // Grace keeps Axiom "user"; her Adverity workspaces change to the profile's; the
    // profile grants no Paradime or Model-Prime, so those accounts go.
    assert!(
        has("grace@acme.example", Provider::Adverity, "set-access"),
        "{planned:?}"
    );
    assert!(
        !has("grace@acme.example", Provider::Axiom, "set-access"),
        "{planned:?}"
    );
    assert!(
        has("grace@acme.example", Provider::Paradime, "disable"),
        "{planned:?}"
    );
    // Steps are grouped by person.
    let order: Vec<&str> = planned.iter().map(|(who, _, _)| who.as_str()).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);

    let report = directory.apply(&plan).await;
    assert!(report.is_success(), "{report:#?}");
    let again = directory
        .plan_reconcile(&roster, &profiles(), &options)
        .await
        .unwrap();
    assert_eq!(changes(&again), [], "{again:#?}");
}

#[tokio::test]
async fn excluded_accounts_are_never_removed() {
    let sandbox = start().await;
    let directory = directory(&sandbox);
    let mut roster = dumped(&directory).await;
    without(&mut roster, demo::LEAVER_EMAIL);
    let options = ReconcileOptions {
        exclude: vec!["ALAN@*".into()],
        ..ReconcileOptions::default()
    };
    let plan = directory
        .plan_reconcile(&roster, &profiles(), &options)
        .await
        .unwrap();
    assert_eq!(changes(&plan), []);
    assert!(
        plan.steps
            .iter()
            .all(|s| matches!(&s.action, Action::Skip { reason } if reason.contains("excluded")))
    );
    assert!(!plan.steps.is_empty());
}

#[tokio::test]
async fn too_many_removals_or_the_last_admin_refuse_the_whole_plan() {
    let sandbox = start().await;
    let directory = directory(&sandbox);
    let mut roster = dumped(&directory).await;
    for email in ["claude@acme.example", "john@acme.example"] {
        without(&mut roster, email);
    }
    // Two of Axiom's seven accounts is more than 25%.
    let refused = directory
        .plan_reconcile(&roster, &profiles(), &ReconcileOptions::default())
        .await
        .unwrap_err();
    assert!(
        matches!(
            refused,
            ReconcileError::TooManyRemovals {
                provider: Provider::Axiom,
                planned: 2,
                limit: 1,
                ..
            }
        ),
        "{refused}"
    );
    let allowed = ReconcileOptions {
        max_removals: MaxRemovals::Count(2),
        ..ReconcileOptions::default()
    };
    directory
        .plan_reconcile(&roster, &profiles(), &allowed)
        .await
        .unwrap();

    // Ada (owner) and Alan (admin) are Axiom's only admins.
    let mut no_admins = dumped(&directory).await;
    without(&mut no_admins, demo::OWNER_EMAIL);
    without(&mut no_admins, demo::LEAVER_EMAIL);
    let generous = ReconcileOptions {
        max_removals: MaxRemovals::Percent(100),
        ..ReconcileOptions::default()
    };
    let refused = directory
        .plan_reconcile(&no_admins, &profiles(), &generous)
        .await
        .unwrap_err();
    assert!(
        matches!(refused, ReconcileError::LastAdmin { .. }),
        "{refused}"
    );
    assert!(refused.to_string().contains(demo::OWNER_EMAIL), "{refused}");
    let forced = ReconcileOptions {
        allow_last_admin: true,
        ..generous
    };
    directory
        .plan_reconcile(&no_admins, &profiles(), &forced)
        .await
        .unwrap();
}

#[tokio::test]
async fn pending_invitations_count_as_present_and_a_bad_roster_is_refused_before_listing() {
    let sandbox = start().await;
    let directory = directory(&sandbox);
    let roster = dumped(&directory).await;
    // Annie has only a pending Paradime invitation: she is in the dump, and not re-invited.
    assert!(roster.entry("annie@acme.example").is_some());
    let mut twice = roster.clone();
    twice
        .people
        .push(RosterEntry::new("ADA@acme.example", "Ada again"));
    let refused = directory
        .plan_reconcile(&twice, &profiles(), &ReconcileOptions::default())
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("twice"), "{refused}");
}

#[tokio::test]
async fn a_reconcile_plan_whose_targets_changed_is_refused_whole() {
    let sandbox = start().await;
    let directory = directory(&sandbox);
    let mut roster = dumped(&directory).await;
    without(&mut roster, demo::LEAVER_EMAIL);
    let options = ReconcileOptions {
        max_removals: MaxRemovals::Count(1),
        ..ReconcileOptions::default()
    };
    let plan = directory
        .plan_reconcile(&roster, &profiles(), &options)
        .await
        .unwrap();
    let alan_at_axiom = plan
        .steps
        .iter()
        .find_map(|s| match &s.action {
            Action::Delete { id, .. } if s.provider == Provider::Axiom => Some(id.clone()),
            _ => None,
        })
        .unwrap();
    directory
        .change_role(
            Provider::Axiom,
            &alan_at_axiom,
            usermgmt::AccessLevel::Member,
        )
        .await
        .unwrap();
    let refused = directory
        .apply_with(&plan, &Default::default())
        .await
        .unwrap_err();
    assert!(
        refused.to_string().contains(demo::LEAVER_EMAIL),
        "{refused}"
    );
    // Nothing was sent: Alan is still everywhere.
    let again = directory
        .plan_reconcile(&roster, &profiles(), &options)
        .await
        .unwrap();
    assert_eq!(again.changes().count(), plan.changes().count());
}

#[tokio::test]
async fn an_invitation_the_journal_sent_to_model_prime_counts_as_present() {
    let sandbox = start().await;
    let directory = directory(&sandbox);
    let mut profiles = profiles();
    profiles.insert(
        "modeller".into(),
        AccessProfile {
            axiom: Some("user".into()),
            modelprime: Some(vec!["developer".into()]),
            ..AccessProfile::default()
        },
    );
    let mut roster = dumped(&directory).await;
    roster
        .people
        .push(RosterEntry::new("barbara@acme.example", "Barbara Liskov").with_profile("modeller"));
    let sent = |provider| SentInvitation {
        provider,
        email: "Barbara@Acme.example".into(),
        run: "5d764b66-run".into(),
        sent_at: chrono::Utc::now(),
    };
    let options = ReconcileOptions {
        sent_invitations: vec![sent(Provider::ModelPrime), sent(Provider::Axiom)],
        ..ReconcileOptions::default()
    };
    let plan = directory
        .plan_reconcile(&roster, &profiles, &options)
        .await
        .unwrap();
    // Axiom creates accounts at once: a journaled create there proves nothing now.
    assert_eq!(
        changes(&plan),
        [(
            "barbara@acme.example".to_string(),
            Provider::Axiom,
            "create"
        )],
        "{plan:#?}"
    );
    let pending = plan
        .steps
        .iter()
        .find(|s| s.provider == Provider::ModelPrime)
        .unwrap();
    assert!(
        matches!(&pending.action, Action::Skip { reason } if reason.contains("run 5d764b66 is pending")),
        "{pending:?}"
    );
    // Without the journal's word, the invitation is planned.
    let unknown = directory
        .plan_reconcile(&roster, &profiles, &ReconcileOptions::default())
        .await
        .unwrap();
    assert!(
        changes(&unknown).contains(&(
            "barbara@acme.example".to_string(),
            Provider::ModelPrime,
            "create"
        )),
        "{unknown:#?}"
    );
}

#[tokio::test]
async fn demoting_the_last_admins_is_refused_like_removing_them() {
    let sandbox = start().await;
    let directory = directory(&sandbox);
    let demote = |roster: &mut Roster, email: &str| {
        let entry = roster.people.iter_mut().find(|p| p.email == email).unwrap();
        entry.access.axiom = Some("user".into());
    };
    // Ada (owner) and Alan (admin) are Axiom's only admins: one of them may become a user.
    let mut one = dumped(&directory).await;
    demote(&mut one, demo::LEAVER_EMAIL);
    let plan = directory
        .plan_reconcile(&one, &profiles(), &ReconcileOptions::default())
        .await
        .unwrap();
    assert_eq!(
        changes(&plan),
        [(
            demo::LEAVER_EMAIL.to_string(),
            Provider::Axiom,
            "set-access"
        )],
        "{plan:#?}"
    );
    let mut both = one.clone();
    demote(&mut both, demo::OWNER_EMAIL);
    let refused = directory
        .plan_reconcile(&both, &profiles(), &ReconcileOptions::default())
        .await
        .unwrap_err();
    assert!(
        matches!(
            refused,
            ReconcileError::LastAdmin {
                provider: Provider::Axiom,
                ..
            }
        ),
        "{refused}"
    );
    assert!(refused.to_string().contains("demotes"), "{refused}");
    let forced = ReconcileOptions {
        allow_last_admin: true,
        ..ReconcileOptions::default()
    };
    let plan = directory
        .plan_reconcile(&both, &profiles(), &forced)
        .await
        .unwrap();
    assert_eq!(plan.changes().count(), 2, "{plan:#?}");
}
