//! `usermgmt offboard`: plan, apply, apply again.

use serde_json::Value;
use usermgmt_sandbox::demo;

use crate::support::{
    OFFBOARD_ALAN as ALAN, array, json, ok, run_json, sandbox, stderr, stdout, usermgmt,
};

/// `(provider, action)` of each step, in order.
fn actions(steps: &Value) -> Vec<(String, String)> {
    array(steps)
        .iter()
        .map(|s| {
            (
                s["provider"].as_str().unwrap().to_string(),
                s["action"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(p, a)| (p.to_string(), a.to_string()))
        .collect()
}

fn outcomes(report: &Value) -> Vec<(String, String)> {
    array(report)
        .iter()
        .map(|s| {
            (
                s["provider"].as_str().unwrap().to_string(),
                s["outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn offboarding_alan_plans_applies_and_applying_again_changes_nothing() {
    let sandbox = sandbox().await;
    let alan_in_axolo = || {
        sandbox
            .axolo_engineers()
            .iter()
            .any(|e| e.github_login == demo::LEAVER_GITHUB_LOGIN)
    };

    // 1. The plan: one step per provider, nothing changed.
    let plan = run_json(usermgmt(&sandbox).args(ALAN));
    assert_eq!(
        actions(&plan),
        pairs(&[
            ("axiom", "delete"),
            ("adverity", "delete"),
            ("paradime", "disable"),
            ("modelprime", "delete"),
            ("axolo", "offboard"),
        ]),
        "{plan:#}"
    );
    for step in &array(&plan)[..4] {
        assert_eq!(step["target"], demo::LEAVER_EMAIL, "{step:#}");
        assert!(!step["id"].as_str().unwrap().is_empty(), "{step:#}");
        assert!(
            step["before"].as_str().unwrap().starts_with("active"),
            "{step:#}"
        );
        assert!(step.get("outcome").is_none(), "a plan has no outcomes");
    }
    assert!(
        array(&plan)[4]["detail"]
            .as_str()
            .unwrap()
            .contains(demo::AXOLO_ORGANIZATION)
    );
    assert_eq!(array(&plan)[4]["target"], demo::LEAVER_GITHUB_LOGIN);
    assert!(alan_in_axolo(), "planning changed nothing");
    let everyone = run_json(usermgmt(&sandbox).args(["users", "list"]));
    assert_eq!(
        accounts_of_alan(&everyone).len(),
        4,
        "planning changed nothing"
    );

    // 2. Apply: every step done.
    let output = ok(usermgmt(&sandbox)
        .args(ALAN)
        .args(["--apply", "--yes", "-o", "json"]));
    let report = json(&output);
    assert_eq!(
        outcomes(&report),
        pairs(&[
            ("axiom", "done"),
            ("adverity", "done"),
            ("paradime", "done"),
            ("modelprime", "done"),
            ("axolo", "done"),
        ]),
        "{report:#}"
    );
    assert!(!alan_in_axolo());
    assert_eq!(
        sandbox.paradime_disabled_users(),
        vec![demo::LEAVER_EMAIL.to_string()]
    );

    // 3. Apply again: nothing left to do, still a success.
    let plan = run_json(usermgmt(&sandbox).args(ALAN));
    let again = actions(&plan);
    assert_eq!(again.len(), 5, "{plan:#}");
    for (provider, action) in &again[..4] {
        assert_eq!(action, "not-found", "{provider}\n{plan:#}");
    }
    let report = run_json(usermgmt(&sandbox).args(ALAN).args(["--apply", "--yes"]));
    let again = outcomes(&report);
    assert_eq!(again.len(), 5, "{report:#}");
    for (provider, outcome) in &again {
        assert!(
            outcome == "already-done" || outcome == "nothing-to-do",
            "{provider}: {outcome}\n{report:#}"
        );
    }
    // Axolo cannot be looked up: its already-done rests on its 404, shown verbatim so
    // "not onboarded" can be told from a wrong organization.
    let axolo = &array(&report)[4];
    assert_eq!(axolo["outcome"], "already-done", "{axolo:#}");
    assert!(
        axolo["error"]
            .as_str()
            .unwrap()
            .contains("is not onboarded in organization"),
        "{axolo:#}"
    );

    // 4. Alan is active nowhere; the others are untouched.
    let everyone = run_json(usermgmt(&sandbox).args(["users", "list"]));
    let left = accounts_of_alan(&everyone);
    assert!(
        left.iter().all(|u| u["status"] != "active"),
        "alan is still active: {left:#?}"
    );
    assert!(
        array(&everyone)
            .iter()
            .filter(|u| u["email"] == demo::OWNER_EMAIL)
            .count()
            == 4
    );
}

fn accounts_of_alan(users: &Value) -> Vec<&Value> {
    array(users)
        .iter()
        .filter(|u| u["email"] == demo::LEAVER_EMAIL)
        .collect()
}

#[test]
fn the_offboarding_plan_as_a_table_says_how_to_apply_it_on_stderr() {
    let output = ok(crate::support::sandboxed().args(ALAN));
    let text = stdout(&output);
    for word in ["provider", "action", "delete", "disable", "offboard"] {
        assert!(text.contains(word), "no {word}:\n{text}");
    }
    assert!(stderr(&output).contains("--apply"), "{}", stderr(&output));
}

#[test]
fn offboarding_without_a_github_login_skips_axolo_and_says_why() {
    let plan =
        run_json(crate::support::sandboxed().args(["offboard", "--email", demo::LEAVER_EMAIL]));
    let axolo = array(&plan)
        .iter()
        .find(|s| s["provider"] == "axolo")
        .unwrap();
    assert_eq!(axolo["action"], "skip");
    assert!(axolo["detail"].as_str().unwrap().contains("GitHub login"));
}

#[test]
fn offboarding_someone_unknown_plans_nothing_but_axolo() {
    let output = ok(crate::support::sandboxed().args([
        "offboard",
        "--email",
        "nobody@acme.example",
        "--apply",
        "-o",
        "json",
    ]));
    for step in array(&json(&output)) {
        if step["provider"] == "axolo" {
            assert_eq!(step["action"], "skip", "{step:#}");
        } else {
            assert_eq!(step["action"], "not-found", "{step:#}");
        }
    }
    assert!(
        stderr(&output).contains("nothing to do"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn offboard_needs_the_github_login_and_the_organization_together() {
    let output = crate::support::sandboxed()
        .args([
            "offboard",
            "--email",
            demo::LEAVER_EMAIL,
            "--github-login",
            demo::LEAVER_GITHUB_LOGIN,
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("--axolo-organization"));
}
