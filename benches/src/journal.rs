//! What the journal costs: applying the demo's five-step offboarding plan with and
//! without recording it (each in a fresh sandbox, no injected latency, so the journal's
//! share is as large as it can be), and `runs list` over 10,000 recorded steps.

use std::time::{Duration, Instant};

use usermgmt::{ApplyOptions, Directory, Person, Provider};
use usermgmt_journal::{Journal, ListOptions};
use usermgmt_sandbox::Sandbox;

use crate::stats::median;

const ROUNDS: usize = 15;

pub(crate) async fn run() -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("usermgmt-bench-journal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let journal = Journal::open(&dir.join("journal.db")).map_err(|e| e.to_string())?;

    let mut bare = Vec::with_capacity(ROUNDS);
    let mut journaled = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS * 2 {
        let record = round % 2 == 1;
        let elapsed = apply_once(record.then_some(&journal)).await?;
        if record {
            journaled.push(elapsed);
        } else {
            bare.push(elapsed);
        }
    }
    let (bare, journaled) = (median(&mut bare), median(&mut journaled));
    println!("journal: apply of the 5-step demo plan, median of {ROUNDS} each, alternating");
    println!(
        "  without journal {:.2} ms, with journal {:.2} ms, ratio {:.3}",
        ms(bare),
        ms(journaled),
        journaled.as_secs_f64() / bare.as_secs_f64()
    );

    // 10,000 steps: 2,000 runs of 5, recorded directly.
    let many = Journal::open(&dir.join("many.db")).map_err(|e| e.to_string())?;
    let filled = Instant::now();
    usermgmt_journal::bench::fill(&many, 2_000, 5).map_err(|e| e.to_string())?;
    let fill = filled.elapsed();
    let mut lists = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let runs = many
            .list_runs(&ListOptions::default())
            .map_err(|e| e.to_string())?;
        lists.push(started.elapsed());
        if runs.len() != 2_000 {
            return Err(format!("expected 2,000 runs, listed {}", runs.len()));
        }
    }
    println!(
        "  runs list over 10,000 steps (2,000 runs): median {:.1} ms of 5 (recording them took {:.0} ms)",
        ms(median(&mut lists)),
        ms(fill)
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

async fn apply_once(journal: Option<&Journal>) -> Result<Duration, String> {
    let sandbox = Sandbox::start().await.map_err(|e| e.to_string())?;
    let vars = sandbox.env_vars();
    let lookup = |name: &str| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    };
    let (directory, _) =
        Directory::from_lookup(&Provider::ALL, &lookup, &usermgmt::ClientOptions::default());
    let person = Person::new("alan@acme.example")
        .and_then(|p| p.with_github_login("alan-turing"))
        .map_err(|e| e.to_string())?;
    let plan = directory
        .plan_offboard(&person, Some("acme-corp"))
        .await
        .map_err(|e| e.to_string())?;
    let mut options = ApplyOptions::default();
    if let Some(journal) = journal {
        options = options.with_recorder(journal);
    }
    let started = Instant::now();
    let report = directory
        .apply_with(&plan, &options)
        .await
        .map_err(|e| e.to_string())?;
    let elapsed = started.elapsed();
    if !report.is_success() {
        return Err(format!("apply failed: {report:?}"));
    }
    Ok(elapsed)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
