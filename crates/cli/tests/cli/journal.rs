//! Plans as files, confirmation, the journal and what reads it: `offboard --out`,
//! `apply`, `runs list|show|resume|reinstate`, against a sandbox shared across commands.

use std::path::{Path, PathBuf};

use serde_json::Value;
use usermgmt_sandbox::{FakeApi, Sandbox, demo};

use crate::support::{OFFBOARD_ALAN, array, fails, ok, run_json, sandbox, stderr, usermgmt};

/// A temporary directory for one test's journal and plan files.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!(
            "usermgmt-cli-{name}-{}-{}",
            std::process::id(),
            fastrand_suffix()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn fastrand_suffix() -> u64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as u64)
        .unwrap_or(0)
}

/// The binary pointed at `sandbox`, recording in the journal at `journal`.
fn cli(sandbox: &Sandbox, journal: &Path) -> assert_cmd::Command {
    let mut command = usermgmt(sandbox);
    command.arg("--journal").arg(journal);
    command
}

fn offboard_alan(plan: &Path) -> Vec<String> {
    vec![
        "offboard".into(),
        "--email".into(),
        demo::LEAVER_EMAIL.into(),
        "--github-login".into(),
        demo::LEAVER_GITHUB_LOGIN.into(),
        "--axolo-organization".into(),
        demo::AXOLO_ORGANIZATION.into(),
        "--out".into(),
        plan.display().to_string(),
    ]
}

/// Whether Alan still has an account at each listable provider.
async fn alan_accounts(sandbox: &Sandbox) -> usize {
    let vars = sandbox.env_vars();
    let lookup = |name: &str| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    };
    let (directory, _) = usermgmt::Directory::from_lookup(
        &usermgmt::Provider::ALL,
        &lookup,
        &usermgmt::ClientOptions::default(),
    );
    let person = usermgmt::Person::new(demo::LEAVER_EMAIL).unwrap();
    directory
        .find(&person)
        .await
        .into_iter()
        .map(|(_, found)| {
            found
                .unwrap()
                .iter()
                .filter(|u| u.status == usermgmt::Status::Active)
                .count()
        })
        .sum()
}

#[tokio::test]
async fn a_saved_plan_changes_nothing_until_applied_and_applies_exactly_once() {
    let sandbox = sandbox().await;
    let scratch = Scratch::new("plan-once");
    let (journal, plan_file) = (scratch.path("journal.db"), scratch.path("plan.json"));
    let before = alan_accounts(&sandbox).await;
    assert!(before >= 3, "the demo seed has Alan in several providers");

    let planned = run_json(cli(&sandbox, &journal).args(offboard_alan(&plan_file)));
    assert!(array(&planned).iter().any(|row| row["action"] == "delete"));
    assert_eq!(
        alan_accounts(&sandbox).await,
        before,
        "planning changed nothing"
    );

    let document: Value =
        serde_json::from_str(&std::fs::read_to_string(&plan_file).unwrap()).unwrap();
    assert_eq!(document["format"], "usermgmt.plan/v1");
    let delete = document["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["action"] == "delete")
        .unwrap();
    assert_eq!(delete["before"]["email"], demo::LEAVER_EMAIL, "{delete:#}");
    assert!(delete["before"]["status"].is_string());

    let report = run_json(cli(&sandbox, &journal).arg("apply").arg(&plan_file));
    assert!(
        array(&report).iter().all(|row| row["outcome"] != "failed"),
        "{report:#}"
    );
    assert_eq!(alan_accounts(&sandbox).await, 0);
    assert_eq!(
        sandbox
            .axolo_engineers()
            .iter()
            .filter(|e| e.github_login == demo::LEAVER_GITHUB_LOGIN)
            .count(),
        0
    );

    let again = fails(cli(&sandbox, &journal).arg("apply").arg(&plan_file));
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already applied (run "),
        "{}",
        stderr(&again)
    );

    let runs = run_json(cli(&sandbox, &journal).args(["runs", "list"]));
    let runs = array(&runs);
    assert_eq!(runs.len(), 1, "{runs:#?}");
    assert_eq!(runs[0]["state"], "complete", "{:#}", runs[0]);
    let id = runs[0]["id"].as_str().unwrap().to_string();
    let shown = run_json(cli(&sandbox, &journal).args(["runs", "show", &id[..8]]));
    let steps = shown["steps"].as_array().unwrap();
    assert_eq!(steps.len(), document["steps"].as_array().unwrap().len());
    assert!(steps.iter().any(|s| s["state"] == "done"), "{shown:#}");
}

#[tokio::test]
async fn a_plan_whose_target_changed_is_refused_whole() {
    let sandbox = sandbox().await;
    let scratch = Scratch::new("stale");
    let (journal, plan_file) = (scratch.path("journal.db"), scratch.path("plan.json"));
    ok(cli(&sandbox, &journal).args(offboard_alan(&plan_file)));
    let before = alan_accounts(&sandbox).await;

    // Someone changes Alan's Axiom role after the review.
    let users = run_json(usermgmt(&sandbox).args(["axiom", "users", "list"]));
    let alan = array(&users)
        .iter()
        .find(|u| u["email"] == demo::LEAVER_EMAIL)
        .unwrap();
    let id = alan["id"].as_str().unwrap();
    ok(usermgmt(&sandbox).args(["axiom", "users", "set-role", id, "--role", "read-only"]));

    let refused = fails(cli(&sandbox, &journal).arg("apply").arg(&plan_file));
    assert_eq!(refused.status.code(), Some(1));
    let message = stderr(&refused);
    assert!(message.contains("plan is stale"), "{message}");
    assert!(message.contains("Axiom"), "{message}");
    assert_eq!(alan_accounts(&sandbox).await, before, "nothing was changed");
    let runs = run_json(cli(&sandbox, &journal).args(["runs", "list"]));
    assert!(array(&runs).is_empty(), "a refused plan is not a run");
}

#[tokio::test]
async fn apply_without_a_terminal_needs_yes() {
    let sandbox = sandbox().await;
    let scratch = Scratch::new("confirm");
    let journal = scratch.path("journal.db");
    let refused =
        fails(cli(&sandbox, &journal).args(["offboard", "--email", demo::LEAVER_EMAIL, "--apply"]));
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("--yes"), "{}", stderr(&refused));
    assert!(alan_accounts(&sandbox).await > 0);

    ok(cli(&sandbox, &journal).args([
        "offboard",
        "--email",
        demo::LEAVER_EMAIL,
        "--apply",
        "--yes",
    ]));
    assert_eq!(alan_accounts(&sandbox).await, 0);
}

#[tokio::test]
async fn detailed_exit_codes_tell_changes_from_nothing_to_do() {
    let sandbox = sandbox().await;
    let scratch = Scratch::new("exitcode");
    let journal = scratch.path("journal.db");
    let planned = cli(&sandbox, &journal)
        .args([
            "offboard",
            "--email",
            demo::LEAVER_EMAIL,
            "--detailed-exitcode",
        ])
        .output()
        .unwrap();
    assert_eq!(planned.status.code(), Some(2), "{}", stderr(&planned));
    let nothing = cli(&sandbox, &journal)
        .args([
            "offboard",
            "--email",
            "nobody@acme.example",
            "--detailed-exitcode",
        ])
        .output()
        .unwrap();
    assert_eq!(nothing.status.code(), Some(0), "{}", stderr(&nothing));
}

#[tokio::test]
async fn reinstate_brings_back_the_accounts_with_their_roles() {
    let sandbox = sandbox().await;
    let scratch = Scratch::new("reinstate");
    let journal = scratch.path("journal.db");
    let roles_before = roles_of_alan(&sandbox);
    ok(cli(&sandbox, &journal).args(OFFBOARD_ALAN).args([
        "--slack-id",
        "U0ALANTURING",
        "--apply",
        "--yes",
    ]));
    assert_eq!(alan_accounts(&sandbox).await, 0);
    let runs = run_json(cli(&sandbox, &journal).args(["runs", "list"]));
    let run = array(&runs)[0]["id"].as_str().unwrap().to_string();

    let plan = run_json(cli(&sandbox, &journal).args(["runs", "reinstate", &run]));
    assert!(
        array(&plan).iter().any(|row| row["action"] == "create"),
        "{plan:#}"
    );
    ok(cli(&sandbox, &journal).args(["runs", "reinstate", &run, "--apply", "--yes"]));

    // Axiom and Adverity accounts are back with the same role and groups; Paradime
    // and Model-Prime re-invited with the recorded account type and roles; Axolo onboarded.
    let axiom = run_json(usermgmt(&sandbox).args(["axiom", "users", "list"]));
    let alan = array(&axiom)
        .iter()
        .find(|u| u["email"] == demo::LEAVER_EMAIL)
        .unwrap();
    assert_eq!(alan["role"]["id"], roles_before.0, "{alan:#}");
    let adverity = run_json(usermgmt(&sandbox).args(["adverity", "users", "list"]));
    let alan = array(&adverity)
        .iter()
        .find(|u| u["email"] == demo::LEAVER_EMAIL)
        .unwrap();
    assert_eq!(alan["groups"], roles_before.1, "{alan:#}");
    let invited = sandbox
        .modelprime_invitations()
        .into_iter()
        .any(|i| i.email == demo::LEAVER_EMAIL);
    assert!(invited, "Model-Prime re-invited Alan");
    assert!(
        sandbox
            .axolo_engineers()
            .iter()
            .any(|e| e.github_login == demo::LEAVER_GITHUB_LOGIN && e.slack_id == "U0ALANTURING")
    );
    let runs = run_json(cli(&sandbox, &journal).args(["runs", "list"]));
    assert_eq!(array(&runs).len(), 2);
    assert_eq!(array(&runs)[0]["kind"], "reinstate");
}

/// Alan's Axiom role id and Adverity groups in the demo seed, read through the CLI.
fn roles_of_alan(sandbox: &Sandbox) -> (Value, Value) {
    let axiom = run_json(usermgmt(sandbox).args(["axiom", "users", "list"]));
    let axiom = array(&axiom)
        .iter()
        .find(|u| u["email"] == demo::LEAVER_EMAIL)
        .unwrap()["role"]["id"]
        .clone();
    let adverity = run_json(usermgmt(sandbox).args(["adverity", "users", "list"]));
    let adverity = array(&adverity)
        .iter()
        .find(|u| u["email"] == demo::LEAVER_EMAIL)
        .unwrap()["groups"]
        .clone();
    (axiom, adverity)
}

/// Kill the CLI with SIGKILL at random points of a slow apply, 50 times: each time the
/// journal opens, `runs show` matches the fake's state, `runs resume` completes, and no
/// creation or mutation that is not idempotent reached the fake twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_apply_leaves_a_truthful_journal_that_resume_completes() {
    const ROUNDS: usize = 50;
    let scratch = Scratch::new("sigkill");
    let (mut killed_mid_run, mut before_run) = (0, 0);
    // How many requests planning alone makes: the stale check makes as many again, then
    // the changes start; most kills aim at the changes, one in five before them.
    let planning_requests = {
        let sandbox = Sandbox::start().await.unwrap();
        let plan = scratch.path("calibration.json");
        ok(cli(&sandbox, &scratch.path("calibration.db")).args(offboard_alan(&plan)));
        requests_seen(&sandbox)
    };
    assert!(planning_requests > 0);
    for round in 0..ROUNDS {
        let sandbox = Sandbox::start().await.unwrap();
        for provider in FakeApi::ALL {
            sandbox
                .faults(provider)
                .latency(std::time::Duration::from_millis(40));
        }
        let journal = scratch.path(&format!("journal-{round}.db"));
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("usermgmt"))
            .envs(sandbox.env_vars())
            .arg("--journal")
            .arg(&journal)
            .args(OFFBOARD_ALAN)
            .args(["--apply", "--yes"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Kill after the fakes saw a number of requests that walks through planning,
        // the stale check and the changes (plus a jitter within one 40 ms round trip),
        // so kills land at every phase whatever the machine's speed.
        let requests_before_kill = if round % 5 == 0 {
            1 + round % (2 * planning_requests)
        } else {
            2 * planning_requests + round % (planning_requests + 1)
        };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while requests_seen(&sandbox) < requests_before_kill
            && std::time::Instant::now() < deadline
            && child.try_wait().unwrap().is_none()
        {
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        }
        let jitter = (round as u64 * 7) % 40;
        tokio::time::sleep(std::time::Duration::from_millis(jitter)).await;
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        for provider in FakeApi::ALL {
            sandbox.faults(provider).clear();
        }

        let runs = run_json(cli(&sandbox, &journal).args(["runs", "list"]));
        let Some(run) = array(&runs).first() else {
            // Killed before the run was recorded: nothing may have been sent.
            assert!(
                alan_accounts(&sandbox).await >= 3,
                "round {round}: changed without a run"
            );
            before_run += 1;
            continue;
        };
        let id = run["id"].as_str().unwrap().to_string();
        if run["state"] != "complete" {
            killed_mid_run += 1;
        }
        let shown = run_json(cli(&sandbox, &journal).args(["runs", "show", &id]));
        for step in shown["steps"].as_array().unwrap() {
            // A step the journal calls done really happened at the fake.
            if step["state"] == "done" && step["action"] == "delete" {
                assert!(!exists(&sandbox, step).await, "round {round}: {step:#}");
            }
            // A step never started was never sent.
            if step["state"] == "pending" || step["state"] == "not-started" {
                assert!(
                    exists(&sandbox, step).await || step["action"] != "delete",
                    "round {round}: {step:#}"
                );
            }
        }
        let resumed = cli(&sandbox, &journal)
            .args(["runs", "resume", &id])
            .output()
            .unwrap();
        assert!(
            resumed.status.success(),
            "round {round}: {}",
            stderr(&resumed)
        );
        assert_eq!(alan_accounts(&sandbox).await, 0, "round {round}");
        let runs = run_json(cli(&sandbox, &journal).args(["runs", "list"]));
        assert_eq!(
            array(&runs)[0]["state"],
            "complete",
            "round {round}: {:#}",
            array(&runs)[0]
        );
        let disables = sandbox
            .faults(FakeApi::Paradime)
            .requests()
            .iter()
            .filter(|r| r.body.contains("DisableUser"))
            .count();
        assert!(
            disables <= 1,
            "round {round}: Paradime disable sent {disables} times"
        );
    }
    eprintln!(
        "planning makes {planning_requests} requests; {killed_mid_run} of {ROUNDS} kills landed mid-run, {before_run} before the run was recorded"
    );
    assert!(
        killed_mid_run >= 15,
        "only {killed_mid_run} of {ROUNDS} kills landed mid-run"
    );
}

/// How many requests the fakes of all five providers received so far.
fn requests_seen(sandbox: &Sandbox) -> usize {
    FakeApi::ALL
        .iter()
        .map(|&provider| sandbox.faults(provider).requests().len())
        .sum()
}

/// Whether the account a step targets still exists at the fake (by email and id).
async fn exists(sandbox: &Sandbox, step: &Value) -> bool {
    let id = step["detail"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let vars = sandbox.env_vars();
    let lookup = |name: &str| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    };
    let provider: usermgmt::Provider = step["provider"].as_str().unwrap().parse().unwrap();
    let (directory, _) =
        usermgmt::Directory::from_lookup(&[provider], &lookup, &usermgmt::ClientOptions::default());
    let person = usermgmt::Person::new(demo::LEAVER_EMAIL).unwrap();
    directory.find(&person).await.into_iter().any(|(_, found)| {
        found
            .unwrap_or_default()
            .iter()
            .any(|u| u.id.as_deref() == Some(&id) && u.status == usermgmt::Status::Active)
    })
}

/// Killed after the last step's answer but before the end was recorded: every step is
/// done, the run is "interrupted". Resuming sends nothing and closes it as complete.
#[tokio::test]
async fn resuming_a_run_whose_steps_all_finished_but_never_ended_closes_it_as_complete() {
    use usermgmt::Recorder;
    let sandbox = Sandbox::start().await.unwrap();
    let scratch = Scratch::new("unended");
    let journal_path = scratch.path("journal.db");
    let plan_file = scratch.path("plan.json");
    ok(cli(&sandbox, &journal_path).args(offboard_alan(&plan_file)));
    let plan = usermgmt::Plan::from_json(&std::fs::read_to_string(&plan_file).unwrap()).unwrap();
    let run = {
        let journal = usermgmt_journal::Journal::open(&journal_path).unwrap();
        let run = journal
            .begin(&plan, &usermgmt::RunMeta::current("test"))
            .unwrap();
        for (index, step) in plan.steps.iter().enumerate() {
            journal.intent(&run, index).unwrap();
            let report = usermgmt::StepReport {
                index,
                step: step.clone(),
                outcome: usermgmt::Outcome::Done,
                http_status: Some(204),
                request_id: None,
                answer: None,
                started_at: None,
                finished_at: None,
            };
            journal.outcome(&run, index, &report).unwrap();
        }
        run
    };
    let listed = run_json(cli(&sandbox, &journal_path).args(["runs", "list"]));
    assert_eq!(array(&listed)[0]["state"], "interrupted");
    let sent_before = FakeApi::ALL
        .iter()
        .map(|p| sandbox.faults(*p).requests().len())
        .sum::<usize>();
    ok(cli(&sandbox, &journal_path).args(["runs", "resume", &run]));
    let listed = run_json(cli(&sandbox, &journal_path).args(["runs", "list"]));
    assert_eq!(array(&listed)[0]["state"], "complete", "{listed:#}");
    let sent_after = FakeApi::ALL
        .iter()
        .map(|p| sandbox.faults(*p).requests().len())
        .sum::<usize>();
    assert_eq!(
        sent_before, sent_after,
        "resuming a finished run sends nothing"
    );
}
