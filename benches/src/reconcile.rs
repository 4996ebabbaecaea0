//! Reconcile at scale: a 50,000-person roster (the dump of the state) against the sandbox
//! seeded with 50,000 accounts in each listable provider. Planning time versus the time to
//! list every account (with the records planning reads) and free them, alternated in one
//! run; target at most 1.1 (the diff costs nearly nothing). Then the CLI's peak RSS for the same
//! reconcile (server in this process, `usermgmt reconcile` in a child); target 300 MiB.

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::Instant;

use futures::TryStreamExt;
use usermgmt::{Directory, ReconcileOptions, Roster};
use usermgmt_sandbox::{FakeApi, Sandbox, Seed};

use crate::stats::{median, ms, ratio, verdict};

const PEOPLE: usize = 50_000;
const ROUNDS: usize = 5;

pub(crate) async fn run() -> Result<(), String> {
    let listable = [
        FakeApi::Axiom,
        FakeApi::Adverity,
        FakeApi::Paradime,
        FakeApi::ModelPrime,
    ];
    let mut builder = Sandbox::builder().seed(Seed::Empty);
    for provider in listable {
        builder = builder.synthetic_users(provider, PEOPLE);
    }
    let sandbox = builder.start().await.map_err(|e| e.to_string())?;
    let vars = sandbox.env_vars();
    let lookup = |name: &str| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    };
    let providers = [
        usermgmt::Provider::Axiom,
        usermgmt::Provider::Adverity,
        usermgmt::Provider::Paradime,
        usermgmt::Provider::ModelPrime,
    ];
    let (directory, skipped) =
        Directory::from_lookup(&providers, &lookup, &usermgmt::ClientOptions::default());
    if !skipped.is_empty() {
        return Err(format!("providers not configured: {skipped:?}"));
    }
    let profiles = BTreeMap::new();
    let everything: Vec<_> = directory
        .list_snapshots()
        .try_collect()
        .await
        .map_err(|e| e.to_string())?;
    let accounts = everything.len();
    let roster = Roster::from_accounts(everything, &profiles);

    let mut listing = Vec::new();
    let mut planning = Vec::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let listed: Vec<_> = directory
            .list_snapshots()
            .try_collect()
            .await
            .map_err(|e| e.to_string())?;
        // Freed inside the timing, as planning frees what it listed.
        drop(listed);
        listing.push(started.elapsed());
        let started = Instant::now();
        let plan = directory
            .plan_reconcile(&roster, &profiles, &ReconcileOptions::default())
            .await
            .map_err(|e| e.to_string())?;
        planning.push(started.elapsed());
        if plan.changes().count() != 0 {
            return Err(format!(
                "the dump planned {} changes",
                plan.changes().count()
            ));
        }
    }
    let (list, plan) = (median(&mut listing), median(&mut planning));
    let r = ratio(plan, list);
    println!(
        "reconcile: {} people, {accounts} accounts in 4 providers (medians of {ROUNDS}, alternated)",
        roster.people.len()
    );
    println!("  list every account   {}", ms(list));
    println!("  plan the reconcile   {}", ms(plan));
    println!(
        "  ratio plan / list {r:.2} (target at most 1.1: {})",
        verdict(r <= 1.1)
    );
    cli_peak(&sandbox)
}

/// Peak RSS of `usermgmt reconcile ROSTER --output json` (the dump of the state).
fn cli_peak(sandbox: &Sandbox) -> Result<(), String> {
    let cli = crate::memory::cli_binary()?;
    let dir = std::env::temp_dir().join(format!("usermgmt-bench-reconcile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let roster = dir.join("roster.yaml");
    let journal = dir.join("journal.db");
    let empty_config = dir.join("usermgmt.toml");
    std::fs::write(&empty_config, "").map_err(|e| e.to_string())?;
    let base = |args: &[&str]| {
        let mut command = Command::new(&cli);
        command
            .args(args)
            .arg("--config")
            .arg(&empty_config)
            .arg("--journal")
            .arg(&journal)
            .envs(sandbox.env_vars())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        command
    };
    let dumped = base(&["roster", "dump"])
        .arg("--out")
        .arg(&roster)
        .output()
        .map_err(|e| e.to_string())?;
    if !dumped.status.success() {
        return Err(format!(
            "roster dump failed: {}",
            String::from_utf8_lossy(&dumped.stderr)
        ));
    }
    let started = Instant::now();
    let (peak, status) =
        crate::memory::peak_of(base(&["reconcile", "--output", "json"]).arg(&roster))?;
    let took = started.elapsed();
    if !status.success() {
        let _ = std::fs::remove_dir_all(&dir);
        return Err("usermgmt reconcile failed".into());
    }
    let mib = peak as f64 / 1024.0;
    println!(
        "  CLI `usermgmt reconcile` of the same: {mib:.1} MiB peak RSS in {} (target at most 300 MiB: {})",
        ms(took),
        verdict(mib <= 300.0)
    );

    // The access review of the same, as a page.
    let page = dir.join("review.html");
    let started = Instant::now();
    let (peak, status) = crate::memory::peak_of(
        base(&["audit", "--output", "json", "--roster"])
            .arg(&roster)
            .arg("--html")
            .arg(&page)
            .stderr(Stdio::inherit()),
    )?;
    let took = started.elapsed();
    let size = std::fs::metadata(&page).map(|m| m.len()).unwrap_or(0);
    let _ = std::fs::remove_dir_all(&dir);
    if !status.success() {
        return Err("usermgmt audit failed".into());
    }
    let page_mib = size as f64 / (1024.0 * 1024.0);
    println!(
        "  CLI `usermgmt audit --html` of the same: page {page_mib:.1} MiB (target under 30 MiB: {}), {:.1} MiB peak RSS in {}",
        verdict(page_mib < 30.0),
        peak as f64 / 1024.0,
        ms(took)
    );
    Ok(())
}
