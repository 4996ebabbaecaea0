//! Memory: peak RSS of a client process streaming 100,000 users versus 10,000 (a ratio
//! near 1 means streaming, not collecting). The server runs in this process; each client
//! runs in a child process so its peak is its own: this binary with `--memory-child`
//! (the SDK stream), then the `usermgmt` CLI writing `--output json` to /dev/null.

use std::process::{Command, ExitCode};

use futures::StreamExt;
use usermgmt::paginate::PageOptions;
use usermgmt_sandbox::{FakeApi, Sandbox, Seed};

/// The flag that makes this binary a memory-measuring client.
pub(crate) const CHILD_FLAG: &str = "--memory-child";

pub(crate) async fn run() -> Result<(), String> {
    let sandbox = Sandbox::builder()
        .seed(Seed::Empty)
        .synthetic_users(FakeApi::ModelPrime, 100_000)
        .start()
        .await
        .map_err(|e| e.to_string())?;
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut peaks = Vec::new();
    for limit in [10_000u64, 100_000] {
        let output = Command::new(&exe)
            .arg(CHILD_FLAG)
            .arg(limit.to_string())
            .envs(sandbox.env_vars())
            .output()
            .map_err(|e| e.to_string())?;
        let text = String::from_utf8_lossy(&output.stdout);
        let peak: u64 = text.trim().parse().map_err(|_| {
            format!(
                "child said {text:?} {}",
                String::from_utf8_lossy(&output.stderr)
            )
        })?;
        peaks.push((limit, peak));
    }
    let ratio = peaks[1].1 as f64 / peaks[0].1.max(1) as f64;
    println!(
        "memory: peak RSS of a client streaming Model-Prime users (server in another process)"
    );
    for (limit, peak) in &peaks {
        println!("  {limit:>7} users: {:.1} MiB", *peak as f64 / 1024.0);
    }
    println!(
        "  ratio 100k / 10k {ratio:.2} (target near 1: {})",
        crate::stats::verdict(ratio < 1.3)
    );
    cli(&sandbox)
}

/// The same through the CLI binary built beside this one
/// (`cargo build --release -p usermgmt-cli`), as JSON on a pipe to /dev/null.
fn cli(sandbox: &Sandbox) -> Result<(), String> {
    let cli = cli_binary()?;
    let mut peaks = Vec::new();
    for limit in [10_000u64, 100_000] {
        let (peak, status) = peak_of(
            Command::new(&cli)
                .args(["modelprime", "users", "list", "--output", "json", "--limit"])
                .arg(limit.to_string())
                .envs(sandbox.env_vars())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null()),
        )?;
        if !status.success() {
            return Err(format!("usermgmt failed: {status}"));
        }
        peaks.push((limit, peak));
    }
    let ratio = peaks[1].1 as f64 / peaks[0].1.max(1) as f64;
    println!("memory: peak RSS of `usermgmt modelprime users list --output json` (to /dev/null)");
    for (limit, peak) in &peaks {
        println!("  {limit:>7} users: {:.1} MiB", *peak as f64 / 1024.0);
    }
    println!(
        "  ratio 100k / 10k {ratio:.2} (target near 1: {})",
        crate::stats::verdict(ratio < 1.3)
    );
    Ok(())
}

/// Child: stream `limit` users without keeping them, then print peak RSS in KiB.
pub(crate) async fn child(args: &[String]) -> ExitCode {
    let Some(limit) = args.first().and_then(|l| l.parse::<u64>().ok()) else {
        eprintln!("usage: usermgmt-bench {CHILD_FLAG} LIMIT");
        return ExitCode::FAILURE;
    };
    let client = match usermgmt::modelprime::Client::from_env() {
        Ok(client) => client,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let mut seen = 0u64;
    let mut stream =
        usermgmt::modelprime::users(&client, PageOptions::default().limit(limit), None);
    while let Some(item) = stream.next().await {
        match item {
            Ok(_) => seen += 1,
            Err(error) => {
                eprintln!("{error}");
                return ExitCode::FAILURE;
            }
        }
    }
    if seen != limit {
        eprintln!("streamed {seen} users, expected {limit}");
        return ExitCode::FAILURE;
    }
    match peak_rss_kib() {
        Some(kib) => {
            println!("{kib}");
            ExitCode::SUCCESS
        }
        None => ExitCode::FAILURE,
    }
}

/// `VmHWM` from /proc/self/status (Linux): the peak resident set size.
fn peak_rss_kib() -> Option<u64> {
    read_peak_rss_kib("/proc/self/status")
}

/// `VmHWM` from a `/proc/<pid>/status` file.
/// The `usermgmt` binary built beside this one (`cargo build --release -p usermgmt-cli`).
pub(crate) fn cli_binary() -> Result<std::path::PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let cli = exe.with_file_name("usermgmt");
    if cli.exists() {
        Ok(cli)
    } else {
        Err(format!(
            "{} is missing: build it first with `cargo build --release -p usermgmt-cli`",
            cli.display()
        ))
    }
}

/// Runs `command` to its end, sampling its peak RSS (VmHWM, KiB) every 5 ms: VmHWM only
/// grows, so the last reading before exit is the peak (minus at most the last 5 ms).
pub(crate) fn peak_of(command: &mut Command) -> Result<(u64, std::process::ExitStatus), String> {
    let mut child = command.spawn().map_err(|e| e.to_string())?;
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Some(kib) = read_peak_rss_kib(&status_file) {
            peak = peak.max(kib);
        }
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            return Ok((peak, status));
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

fn read_peak_rss_kib(path: &str) -> Option<u64> {
    let status = std::fs::read_to_string(path).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}
