//! Ctrl-C during an apply: the first SIGINT lets the step in flight finish, starts no
//! more, prints the partial report and exits 130; a second one exits at once.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use usermgmt_sandbox::{FakeApi as Fake, Sandbox};

use crate::support::{CLI_VARS, OFFBOARD_ALAN};

const FAKES: [Fake; 5] = [
    Fake::Axiom,
    Fake::Adverity,
    Fake::Paradime,
    Fake::ModelPrime,
    Fake::Axolo,
];

/// `usermgmt offboard ... --apply --yes` against `sandbox`, every answer slowed down.
fn slow_apply(sandbox: &Sandbox, journal: &std::path::Path) -> Child {
    for fake in FAKES {
        sandbox.faults(fake).latency(Duration::from_millis(600));
    }
    let mut command = Command::new(assert_cmd::cargo::cargo_bin!("usermgmt"));
    for name in CLI_VARS {
        command.env_remove(name);
    }
    command
        .envs(sandbox.env_vars())
        .env("USERMGMT_JOURNAL", journal)
        .args(OFFBOARD_ALAN)
        .args(["--apply", "--yes", "--output", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Wait until the first change (Axiom's DELETE) reached the sandbox.
fn wait_for_first_change(sandbox: &Sandbox) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !sandbox
        .faults(Fake::Axiom)
        .requests()
        .iter()
        .any(|r| r.method == "DELETE")
    {
        assert!(Instant::now() < deadline, "the apply never started");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn interrupt(child: &Child) {
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

fn journal_path(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!(
        "usermgmt-interrupt-{name}-{}.db",
        std::process::id()
    ))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_ctrl_c_lets_the_steps_in_flight_finish_prints_the_report_and_exits_130() {
    let sandbox = crate::support::sandbox().await;
    let child = slow_apply(&sandbox, &journal_path("first"));
    // The signal comes while the first step is in flight.
    wait_for_first_change(&sandbox);
    interrupt(&child);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(130), "{stderr}\n{stdout}");
    assert!(stderr.contains("no new steps start"), "{stderr}");
    assert!(stderr.contains("interrupted:"), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let outcomes: Vec<&str> = report
        .as_array()
        .unwrap()
        .iter()
        .map(|step| step["outcome"].as_str().unwrap_or(""))
        .collect();
    // Steps in flight were allowed to finish (600 ms, well inside the grace); the
    // rest never started, and nothing is left unknown or failed.
    assert!(outcomes[0] == "done", "{stdout}");
    assert!(
        outcomes.iter().all(|o| *o == "done" || *o == "not-started"),
        "{stdout}"
    );
    let reports: Vec<&serde_json::Value> = report.as_array().unwrap().iter().collect();
    for step in reports.iter().filter(|s| s["outcome"] == "not-started") {
        let fake = match step["provider"].as_str().unwrap() {
            "adverity" => Fake::Adverity,
            "paradime" => Fake::Paradime,
            "modelprime" => Fake::ModelPrime,
            "axolo" => Fake::Axolo,
            other => panic!("unexpected not-started step for {other}"),
        };
        let changes = sandbox
            .faults(fake)
            .requests()
            .iter()
            .filter(|r| r.method != "GET" && !r.body.contains("query ListUsers"))
            .count();
        assert_eq!(changes, 0, "{fake:?} got a change after the interrupt");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_ctrl_c_exits_at_once_with_130() {
    let sandbox = crate::support::sandbox().await;
    let child = slow_apply(&sandbox, &journal_path("second"));
    // 600 ms answers until the first change arrives; then new answers hang 20 s.
    wait_for_first_change(&sandbox);
    for fake in FAKES {
        sandbox.faults(fake).latency(Duration::from_secs(20));
    }
    interrupt(&child);
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    interrupt(&child);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("exiting now"), "{stderr}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "it did not wait for the grace period"
    );
}
