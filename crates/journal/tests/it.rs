//! The journal as a file: reopening, migrations, append-only rows, one run per plan,
//! id prefixes, concurrent writers (threads and processes), a torn WAL and a writer
//! killed with SIGKILL.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use chrono::Utc;
use serde_json::json;
use usermgmt_journal::{
    Journal, JournalError, ListOptions, NewRun, NewStep, OutcomeStatus, RunEnd, RunState,
    StepOutcome, StepState,
};

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("usermgmt-journal-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn new_run(plan_id: &str, steps: u32) -> NewRun {
    NewRun {
        plan_id: plan_id.into(),
        kind: "offboard".into(),
        started_at: Utc::now(),
        os_user: "tester".into(),
        command_line: "usermgmt offboard --email a@b.co --apply".into(),
        plan: json!({"id": plan_id}),
        steps: (0..steps)
            .map(|index| NewStep {
                index,
                provider: "axiom".into(),
                target: "a@b.co".into(),
                action: "delete".into(),
                idempotent: true,
                detail: json!({"action": "delete", "id": format!("u{index}")}),
                before: Some(json!({"id": format!("u{index}")})),
            })
            .collect(),
    }
}

fn done() -> StepOutcome {
    StepOutcome {
        status: OutcomeStatus::Done,
        http_status: Some(204),
        request_id: Some("trace-1".into()),
        error: None,
        detail: None,
        at: Utc::now(),
    }
}

#[test]
fn a_journal_reopens_with_everything_recorded() {
    let dir = scratch("reopen");
    let path = dir.join("nested").join("journal.db");
    let run = {
        let journal = Journal::open(&path).unwrap();
        let run = journal.begin_run(new_run("p1", 2)).unwrap();
        journal.record_intent(&run, 0, Utc::now()).unwrap();
        journal.record_outcome(&run, 0, done()).unwrap();
        journal.record_intent(&run, 1, Utc::now()).unwrap();
        run
    };
    let journal = Journal::open(&path).unwrap();
    let detail = journal.show_run(&run).unwrap();
    assert_eq!(detail.steps[0].state, StepState::Done);
    assert_eq!(detail.steps[0].http_status, Some(204));
    assert_eq!(detail.steps[0].request_id.as_deref(), Some("trace-1"));
    assert_eq!(detail.steps[1].state, StepState::Unknown);
    assert_eq!(detail.summary.state, RunState::Interrupted);
    assert_eq!(detail.steps[0].before, Some(json!({"id": "u0"})));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the journal is private: {mode:o}");
    }
}

#[test]
fn a_journal_from_a_newer_version_is_refused() {
    let dir = scratch("future");
    let path = dir.join("journal.db");
    drop(Journal::open(&path).unwrap());
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection.pragma_update(None, "user_version", 99).unwrap();
    drop(connection);
    let error = Journal::open(&path).unwrap_err();
    assert!(
        matches!(error, JournalError::TooNew { found: 99, .. }),
        "{error}"
    );
    assert!(error.to_string().contains("upgrade usermgmt"));
}

#[test]
fn a_file_that_is_not_a_journal_is_a_clear_error() {
    let dir = scratch("garbage");
    let path = dir.join("journal.db");
    std::fs::write(
        &path,
        b"this is not a database, it is a text file of some length",
    )
    .unwrap();
    let error = Journal::open(&path).unwrap_err();
    assert!(error.to_string().contains("journal.db"), "{error}");
}

#[test]
fn recorded_rows_cannot_be_changed_or_removed() {
    let dir = scratch("append-only");
    let path = dir.join("journal.db");
    let journal = Journal::open(&path).unwrap();
    let run = journal.begin_run(new_run("p1", 1)).unwrap();
    journal.record_intent(&run, 0, Utc::now()).unwrap();
    let connection = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "UPDATE events SET status = 'done'",
        "DELETE FROM events",
        "UPDATE steps SET target = 'x'",
        "DELETE FROM steps",
        "UPDATE runs SET os_user = 'x'",
        "DELETE FROM runs",
    ] {
        let error = connection.execute(sql, []).unwrap_err();
        assert!(error.to_string().contains("append-only"), "{sql}: {error}");
    }
}

#[test]
fn a_plan_applies_once_and_runs_are_found_by_prefix() {
    let journal = Journal::open_in_memory().unwrap();
    let run = journal.begin_run(new_run("p1", 1)).unwrap();
    let again = journal.begin_run(new_run("p1", 1)).unwrap_err();
    assert!(
        matches!(&again, JournalError::PlanAlreadyApplied { run_id, .. } if *run_id == run),
        "{again}"
    );
    assert_eq!(journal.run_for_plan("p1").unwrap().unwrap().id, run);
    assert!(journal.run_for_plan("p2").unwrap().is_none());
    assert_eq!(journal.show_run(&run[..8]).unwrap().summary.id, run);
    assert!(matches!(
        journal.show_run("ab"),
        Err(JournalError::BadId(_))
    ));
    assert!(matches!(
        journal.show_run("ffffffff"),
        Err(JournalError::NoSuchRun(_))
    ));
    assert!(matches!(
        journal.show_run("x'; DROP"),
        Err(JournalError::BadId(_))
    ));
    assert!(journal.record_intent("nope", 0, Utc::now()).is_err());
    assert!(
        journal.record_intent(&run, 7, Utc::now()).is_err(),
        "no step 7"
    );
}

#[test]
fn states_follow_events_through_a_resume() {
    let journal = Journal::open_in_memory().unwrap();
    let run = journal.begin_run(new_run("p1", 3)).unwrap();
    journal.record_intent(&run, 0, Utc::now()).unwrap();
    journal.record_outcome(&run, 0, done()).unwrap();
    journal.record_intent(&run, 1, Utc::now()).unwrap();
    let not_started = StepOutcome {
        status: OutcomeStatus::NotStarted,
        ..done()
    };
    journal.record_outcome(&run, 2, not_started).unwrap();
    journal
        .end_run(&run, Utc::now(), RunEnd::Interrupted)
        .unwrap();
    let listed = journal.list_runs(&ListOptions::default()).unwrap();
    assert_eq!(listed[0].state, RunState::Interrupted);
    assert_eq!(
        (listed[0].ok, listed[0].unknown, listed[0].not_started),
        (1, 1, 1)
    );

    journal
        .record_resumed(&run, Utc::now(), "tester", "usermgmt runs resume")
        .unwrap();
    for index in [1, 2] {
        journal.record_intent(&run, index, Utc::now()).unwrap();
        journal.record_outcome(&run, index, done()).unwrap();
    }
    // Resumed but not ended yet: still interrupted.
    assert_eq!(
        journal.show_run(&run).unwrap().summary.state,
        RunState::Interrupted
    );
    journal.end_run(&run, Utc::now(), RunEnd::Finished).unwrap();
    let detail = journal.show_run(&run).unwrap();
    assert_eq!(detail.summary.state, RunState::Complete);
    assert_eq!(
        detail.steps[1].events.len(),
        3,
        "intent, then intent and outcome"
    );
    assert_eq!(detail.events.len(), 3, "end, resumed, end");
}

#[test]
fn failed_steps_make_a_run_partial_or_failed() {
    let journal = Journal::open_in_memory().unwrap();
    let failed = StepOutcome {
        status: OutcomeStatus::Failed,
        error: Some("500 from Axiom".into()),
        ..done()
    };
    let partial = journal.begin_run(new_run("p1", 2)).unwrap();
    journal.record_outcome(&partial, 0, done()).unwrap();
    journal.record_outcome(&partial, 1, failed.clone()).unwrap();
    journal
        .end_run(&partial, Utc::now(), RunEnd::Finished)
        .unwrap();
    let all_failed = journal.begin_run(new_run("p2", 1)).unwrap();
    journal.record_outcome(&all_failed, 0, failed).unwrap();
    journal
        .end_run(&all_failed, Utc::now(), RunEnd::Finished)
        .unwrap();
    assert_eq!(
        journal.show_run(&partial).unwrap().summary.state,
        RunState::Partial
    );
    let detail = journal.show_run(&all_failed).unwrap();
    assert_eq!(detail.summary.state, RunState::Failed);
    assert_eq!(detail.steps[0].error.as_deref(), Some("500 from Axiom"));
}

#[test]
fn threads_writing_one_file_through_two_journals_lose_nothing() {
    let dir = scratch("threads");
    let path = dir.join("journal.db");
    let a = Journal::open(&path).unwrap();
    let b = Journal::open(&path).unwrap();
    std::thread::scope(|scope| {
        for (n, journal) in [&a, &b, &a, &b].into_iter().enumerate() {
            scope.spawn(move || {
                for i in 0..25 {
                    let run = journal.begin_run(new_run(&format!("t{n}-{i}"), 2)).unwrap();
                    for index in 0..2 {
                        journal.record_intent(&run, index, Utc::now()).unwrap();
                        journal.record_outcome(&run, index, done()).unwrap();
                    }
                    journal.end_run(&run, Utc::now(), RunEnd::Finished).unwrap();
                }
            });
        }
    });
    let runs = Journal::open(&path)
        .unwrap()
        .list_runs(&ListOptions::default())
        .unwrap();
    assert_eq!(runs.len(), 100);
    assert!(
        runs.iter()
            .all(|r| r.state == RunState::Complete && r.ok == 2)
    );
}

/// Several processes starting at once on a journal that does not exist yet (a bridge
/// and a cron job, say): every open waits for the others instead of failing with
/// "database is locked". Threads stand in for processes: each has its own connection.
#[test]
fn journals_opened_at_once_on_a_new_file_all_open() {
    let dir = scratch("opened-at-once");
    for round in 0..20 {
        let path = dir.join(format!("journal-{round}.db"));
        let start = std::sync::Barrier::new(6);
        let failures: Vec<String> = std::thread::scope(|scope| {
            let opening: Vec<_> = (0..6)
                .map(|_| {
                    scope.spawn(|| {
                        start.wait();
                        Journal::open(&path).err().map(|e| e.to_string())
                    })
                })
                .collect();
            opening
                .into_iter()
                .filter_map(|t| t.join().unwrap())
                .collect()
        });
        assert!(failures.is_empty(), "round {round}: {failures:?}");
    }
}

/// Child-process mode: write `runs` runs to the journal named by the variable, forever
/// when `forever` (until killed).
fn child_writes(path: &Path, tag: &str, runs: usize) {
    let journal = Journal::open(path).unwrap();
    for i in 0..runs {
        let run = journal
            .begin_run(new_run(&format!("{tag}-{i}"), 3))
            .unwrap();
        for index in 0..3 {
            journal.record_intent(&run, index, Utc::now()).unwrap();
            journal.record_outcome(&run, index, done()).unwrap();
        }
        journal.end_run(&run, Utc::now(), RunEnd::Finished).unwrap();
    }
}

#[test]
fn child_process_writer() {
    // Not a test of its own: the body of the processes the tests below start.
    if let (Ok(path), Ok(tag)) = (
        std::env::var("USERMGMT_JOURNAL_CHILD"),
        std::env::var("USERMGMT_JOURNAL_CHILD_TAG"),
    ) {
        let runs = std::env::var("USERMGMT_JOURNAL_CHILD_RUNS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(usize::MAX);
        child_writes(Path::new(&path), &tag, runs);
    }
}

fn spawn_child(path: &Path, tag: &str, runs: Option<usize>) -> std::process::Child {
    let mut command = std::process::Command::new(std::env::current_exe().unwrap());
    command
        .args(["child_process_writer", "--exact", "--nocapture"])
        .env("USERMGMT_JOURNAL_CHILD", path)
        .env("USERMGMT_JOURNAL_CHILD_TAG", tag)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if let Some(runs) = runs {
        command.env("USERMGMT_JOURNAL_CHILD_RUNS", runs.to_string());
    }
    command.spawn().unwrap()
}

#[test]
fn two_processes_writing_one_journal_lose_nothing() {
    let dir = scratch("processes");
    let path = dir.join("journal.db");
    drop(Journal::open(&path).unwrap());
    let children: Vec<_> = ["a", "b"]
        .iter()
        .map(|tag| spawn_child(&path, tag, Some(40)))
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let runs = Journal::open(&path)
        .unwrap()
        .list_runs(&ListOptions::default())
        .unwrap();
    assert_eq!(runs.len(), 80);
    assert!(runs.iter().all(|r| r.state == RunState::Complete));
}

#[test]
fn a_writer_killed_with_sigkill_leaves_a_consistent_journal() {
    let dir = scratch("sigkill");
    let path = dir.join("journal.db");
    drop(Journal::open(&path).unwrap());
    for round in 0..5u64 {
        let mut child = spawn_child(&path, &format!("k{round}"), None);
        std::thread::sleep(std::time::Duration::from_millis(150 + round * 40));
        child.kill().unwrap();
        child.wait().unwrap();
        let journal = Journal::open(&path).unwrap();
        for run in journal.list_runs(&ListOptions::default()).unwrap() {
            let detail = journal.show_run(&run.id).unwrap();
            assert_eq!(
                detail.steps.len(),
                3,
                "a run is recorded with all its steps or not at all"
            );
            if run.state == RunState::Complete {
                assert!(detail.steps.iter().all(|s| s.state == StepState::Done));
            }
        }
    }
    let runs = Journal::open(&path)
        .unwrap()
        .list_runs(&ListOptions::default())
        .unwrap();
    assert!(
        runs.iter().any(|r| r.state == RunState::Complete),
        "the children wrote something"
    );
}

#[test]
fn a_torn_wal_tail_loses_only_the_torn_transaction() {
    let dir = scratch("torn");
    let path = dir.join("journal.db");
    let journal = Journal::open(&path).unwrap();
    let run = journal.begin_run(new_run("p1", 1)).unwrap();
    journal.record_intent(&run, 0, Utc::now()).unwrap();
    // Copy the files as a crash would leave them, then tear the WAL's last frame.
    let crash = dir.join("crash.db");
    std::fs::copy(&path, &crash).unwrap();
    let wal = dir.join("journal.db-wal");
    let mut bytes = std::fs::read(&wal).unwrap();
    assert!(bytes.len() > 1000, "the WAL holds the run");
    let intact = bytes.clone();
    let len = bytes.len();
    for b in &mut bytes[len - 200..] {
        *b ^= 0x5a;
    }
    std::fs::write(dir.join("crash.db-wal"), &bytes).unwrap();
    drop(journal);
    let reopened = Journal::open(&crash).unwrap();
    // The torn frame held the intent (the last commit): the run itself survives.
    let detail = reopened.show_run(&run).unwrap();
    assert_eq!(detail.steps.len(), 1);
    assert!(matches!(
        detail.steps[0].state,
        StepState::Pending | StepState::Unknown
    ));
    drop(reopened);
    // The same copy with the WAL as written keeps the intent too.
    let whole = dir.join("whole.db");
    std::fs::copy(&path, &whole).unwrap();
    std::fs::write(dir.join("whole.db-wal"), &intact).unwrap();
    let detail = Journal::open(&whole).unwrap().show_run(&run).unwrap();
    assert_eq!(detail.steps[0].state, StepState::Unknown);
}
