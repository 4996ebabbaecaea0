//! Reconcile at scale: a 50,000-person roster (the dump of the state) against the sandbox
//! seeded with 50,000 accounts in each listable provider. Planning time versus the time to
//! list every account (with the records planning reads) and free them, alternated in one
//! run; target at most 1.1 (the diff costs nearly nothing). Then the CLI's peak RSS for the
//! same reconcile (`usermgmt reconcile` in a child); target 300 MiB; and the audit page of
//! the same (`usermgmt audit --html`), target under 30 MiB.
//!
//! The sandbox runs in a child process (this binary with `--serve-child`), not in this
//! one: served from the bench's own runtime, the server's work was scheduled among the
//! client's tasks and the ratio moved by a third between runs of the same code. The two
//! processes still share the machine's cores.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::Instant;

use futures::TryStreamExt;
use usermgmt::{Directory, ReconcileOptions, Roster};
use usermgmt_sandbox::{FakeApi, Sandbox, Seed};

use crate::stats::{median, ms, ratio, verdict};

const PEOPLE: usize = 50_000;
const ROUNDS: usize = 5;

/// The flag that makes this binary the bench's sandbox server (see [`serve_child`]).
pub(crate) const SERVE_FLAG: &str = "--serve-child";

/// The line the server child prints after its `NAME=VALUE` lines, once it listens.
const READY: &str = "ready";

/// Child: the sandbox seeded with [`PEOPLE`] synthetic accounts in each listable provider;
/// prints its environment as `NAME=VALUE` lines, then [`READY`], and serves until its stdin
/// closes (the parent exited or dropped its [`Server`]).
pub(crate) async fn serve_child() -> ExitCode {
    let mut builder = Sandbox::builder().seed(Seed::Empty);
    for provider in [
        FakeApi::Axiom,
        FakeApi::Adverity,
        FakeApi::Paradime,
        FakeApi::ModelPrime,
    ] {
        builder = builder.synthetic_users(provider, PEOPLE);
    }
    let sandbox = match builder.start().await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("usermgmt-bench {SERVE_FLAG}: {error}");
            return ExitCode::FAILURE;
        }
    };
    {
        let mut out = std::io::stdout().lock();
        for (name, value) in sandbox.env_vars() {
            let _ = writeln!(out, "{name}={value}");
        }
        let _ = writeln!(out, "{READY}");
        let _ = out.flush();
    }
    let _ = tokio::task::spawn_blocking(|| std::io::stdin().read_to_end(&mut Vec::new())).await;
    drop(sandbox);
    ExitCode::SUCCESS
}

/// The server child, stopped (stdin closed, then waited for) when dropped.
struct Server {
    child: Child,
    vars: Vec<(String, String)>,
}

impl Server {
    fn start() -> Result<Server, String> {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut child = Command::new(exe)
            .arg(SERVE_FLAG)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| e.to_string())?;
        let stdout = child.stdout.take().ok_or("no stdout of the server child")?;
        let mut vars = Vec::new();
        let mut ready = false;
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if line == READY {
                ready = true;
                break;
            }
            if let Some((name, value)) = line.split_once('=') {
                vars.push((name.to_string(), value.to_string()));
            }
        }
        let server = Server { child, vars };
        if ready {
            Ok(server)
        } else {
            Err("the sandbox server child exited before it listened".into())
        }
    }

    fn var(&self, name: &str) -> Option<String> {
        self.vars
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

pub(crate) async fn run() -> Result<(), String> {
    let server = Server::start()?;
    let lookup = |name: &str| server.var(name);
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
    // Sorted by `median`: the spread of each side, to tell noise from a difference.
    let spread = |samples: &[std::time::Duration]| {
        format!(
            "(rounds {} to {})",
            ms(samples[0]),
            ms(samples[samples.len() - 1])
        )
    };
    let r = ratio(plan, list);
    println!(
        "reconcile: {} people, {accounts} accounts in 4 providers (medians of {ROUNDS}, alternated)",
        roster.people.len()
    );
    println!("  list every account   {} {}", ms(list), spread(&listing));
    println!("  plan the reconcile   {} {}", ms(plan), spread(&planning));
    println!(
        "  ratio plan / list {r:.2} (target at most 1.1: {})",
        verdict(r <= 1.1)
    );
    cli_peak(&server)
}

/// `cli ARGS`, against `server`, with the config file and journal given by environment
/// (`USERMGMT_CONFIG`, `USERMGMT_JOURNAL`), so `args` are passed exactly as written.
///
/// The bench once appended `--config FILE --journal FILE` after the arguments, and
/// `audit --roster` followed by `.arg(roster)` became `audit --roster --config FILE ...
/// ROSTER`: clap read `--roster` without a value and `usermgmt audit` exited with a usage
/// error (status 2) at every size.
fn cli_command(
    cli: &Path,
    vars: &[(String, String)],
    config: &Path,
    journal: &Path,
    args: &[&OsStr],
) -> Command {
    let mut command = Command::new(cli);
    command
        .args(args)
        .envs(vars.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .env("USERMGMT_CONFIG", config)
        .env("USERMGMT_JOURNAL", journal)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// Peak RSS of `usermgmt reconcile ROSTER --output json` (the dump of the state), then of
/// `usermgmt audit --roster ROSTER --html FILE` and the page's size.
fn cli_peak(server: &Server) -> Result<(), String> {
    let cli = crate::memory::cli_binary()?;
    let dir = std::env::temp_dir().join(format!("usermgmt-bench-reconcile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let result = cli_runs(&cli, server, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn cli_runs(cli: &Path, server: &Server, dir: &Path) -> Result<(), String> {
    let roster = dir.join("roster.yaml");
    let journal = dir.join("journal.db");
    let empty_config = dir.join("usermgmt.toml");
    std::fs::write(&empty_config, "").map_err(|e| e.to_string())?;
    let base = |args: &[&OsStr]| cli_command(cli, &server.vars, &empty_config, &journal, args);
    let dumped = base(&[
        "roster".as_ref(),
        "dump".as_ref(),
        "--out".as_ref(),
        roster.as_ref(),
    ])
    .output()
    .map_err(|e| e.to_string())?;
    if !dumped.status.success() {
        return Err(format!(
            "roster dump failed: {}",
            String::from_utf8_lossy(&dumped.stderr)
        ));
    }
    let started = Instant::now();
    let (peak, status) = crate::memory::peak_of(
        base(&[
            "reconcile".as_ref(),
            "--output".as_ref(),
            "json".as_ref(),
            roster.as_ref(),
        ])
        .stderr(Stdio::inherit()),
    )?;
    let took = started.elapsed();
    if !status.success() {
        return Err(format!("usermgmt reconcile failed: {status}"));
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
        base(&[
            "audit".as_ref(),
            "--output".as_ref(),
            "json".as_ref(),
            "--roster".as_ref(),
            roster.as_ref(),
            "--html".as_ref(),
            page.as_ref(),
        ])
        .stderr(Stdio::inherit()),
    )?;
    let took = started.elapsed();
    if !status.success() {
        return Err(format!("usermgmt audit failed: {status}"));
    }
    let size = std::fs::metadata(&page).map(|m| m.len()).unwrap_or(0);
    let page_mib = size as f64 / (1024.0 * 1024.0);
    println!(
        "  CLI `usermgmt audit --html` of the same: page {size} bytes = {page_mib:.1} MiB (target under 30 MiB: {}), {:.1} MiB peak RSS in {}",
        verdict(page_mib < 30.0),
        peak as f64 / 1024.0,
        ms(took)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The arguments reach the CLI as written: nothing is appended after them, so a flag
    /// and its value (`--roster ROSTER`) stay together.
    #[test]
    fn cli_arguments_are_passed_as_written() {
        let args: [&OsStr; 4] = [
            "audit".as_ref(),
            "--roster".as_ref(),
            "r.yaml".as_ref(),
            "--html".as_ref(),
        ];
        let vars = vec![("AXIOM_URL".to_string(), "http://127.0.0.1:1".to_string())];
        let command = cli_command(
            Path::new("usermgmt"),
            &vars,
            Path::new("c.toml"),
            Path::new("j.db"),
            &args,
        );
        assert_eq!(command.get_args().collect::<Vec<_>>(), args);
        let envs: Vec<_> = command.get_envs().collect();
        assert!(envs.contains(&(OsStr::new("USERMGMT_CONFIG"), Some(OsStr::new("c.toml")))));
        assert!(envs.contains(&(OsStr::new("USERMGMT_JOURNAL"), Some(OsStr::new("j.db")))));
        assert!(envs.contains(&(
            OsStr::new("AXIOM_URL"),
            Some(OsStr::new("http://127.0.0.1:1"))
        )));
    }
}
