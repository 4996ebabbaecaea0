//! Running the binary in isolation from the caller's environment, and reading its output.

use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use usermgmt_sandbox::{Sandbox, demo};

/// Every variable the CLI reads, removed so the developer's shell cannot leak into a test.
pub(crate) const CLI_VARS: &[&str] = &[
    "AXIOM_URL",
    "AXIOM_TOKEN",
    "AXIOM_ORG_ID",
    "ADVERITY_URL",
    "ADVERITY_TOKEN",
    "PARADIME_API_URL",
    "PARADIME_API_KEY",
    "PARADIME_API_SECRET",
    "MODELPRIME_URL",
    "MODELPRIME_EMAIL",
    "MODELPRIME_TOKEN",
    "AXOLO_URL",
    "AXOLO_API_KEY",
    "USERMGMT_OUTPUT",
    "USERMGMT_JOURNAL",
    "USERMGMT_TIMEOUT",
    "RUST_LOG",
    "AXIOM_PERSONAL_TOKEN",
    "USERMGMT_SANDBOX_STATE",
    "USERMGMT_CONFIG",
    "USERMGMT_CONTEXT",
    "AXOLO_ORGANIZATION",
    "USERMGMT_SCIM_TOKEN",
];

/// `usermgmt offboard` for the demo leaver, with the Axolo login and organization.
pub(crate) const OFFBOARD_ALAN: [&str; 7] = [
    "offboard",
    "--email",
    demo::LEAVER_EMAIL,
    "--github-login",
    demo::LEAVER_GITHUB_LOGIN,
    "--axolo-organization",
    demo::AXOLO_ORGANIZATION,
];

/// The binary with no provider configuration at all. `RUST_BACKTRACE=1` makes any panic
/// loud, so the error checks below would see it.
pub(crate) fn bare() -> Command {
    Command::from_std(bare_std())
}

/// [`bare`] as a std command, for tests that read a long-running process's output
/// while it runs (`sandbox serve`, `scim serve`).
pub(crate) fn bare_std() -> std::process::Command {
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin!("usermgmt"));
    for name in CLI_VARS {
        command.env_remove(name);
    }
    command.env("RUST_BACKTRACE", "1");
    // Runs are journaled: never into the developer's own journal.
    command.env(
        "USERMGMT_JOURNAL",
        std::env::temp_dir().join(format!("usermgmt-cli-tests-{}.db", std::process::id())),
    );
    // `--sandbox` keeps its state in a file: a fresh one per command, so every
    // `sandboxed()` command starts from the demo data (tests of persistence pass their own
    // `--sandbox-state`), and never the developer's own.
    command.env("USERMGMT_SANDBOX_STATE", fresh_sandbox_state());
    // No config file but the ones tests write: the platform config directory is empty.
    command.env(
        "XDG_CONFIG_HOME",
        std::env::temp_dir().join(format!("usermgmt-cli-tests-{}-config", std::process::id())),
    );
    command
}

/// A path no command has used yet, under one directory per test process.
pub(crate) fn fresh_sandbox_state() -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    std::env::temp_dir()
        .join(format!("usermgmt-cli-tests-{}-sandbox", std::process::id()))
        .join(format!("state-{n}.json"))
}

/// The binary pointed at `sandbox` through the environment (state persists across runs).
pub(crate) fn usermgmt(sandbox: &Sandbox) -> Command {
    let mut command = bare();
    command.envs(sandbox.env_vars());
    command
}

/// The binary with `--sandbox`: a fresh demo sandbox inside the process.
pub(crate) fn sandboxed() -> Command {
    let mut command = bare();
    command.arg("--sandbox");
    command
}

/// Run `command`, require exit code 0, and return its output.
pub(crate) fn ok(command: &mut Command) -> Output {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "expected success, got {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        stdout(&output),
        stderr(&output),
    );
    output
}

/// Run `command`, require a non-zero exit code, and return its output.
pub(crate) fn fails(command: &mut Command) -> Output {
    let output = command.output().unwrap();
    assert!(
        !output.status.success(),
        "expected failure, got success\nstdout: {}\nstderr: {}",
        stdout(&output),
        stderr(&output),
    );
    output
}

/// Run `command` with `--output json`, require success, and parse all of stdout as JSON
/// (so any log line or progress bar on stdout fails the test).
pub(crate) fn run_json(command: &mut Command) -> Value {
    json(&ok(command.args(["--output", "json"])))
}

/// The whole of stdout as one JSON document.
pub(crate) fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON document ({e}):\n{}\nstderr: {}",
            stdout(output),
            stderr(output)
        )
    })
}

/// A JSON array, or a failure showing what came instead.
pub(crate) fn array(value: &Value) -> &Vec<Value> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("expected a JSON array, got {value:#}"))
}

/// The item of `list` whose `field` equals `value`, if any.
pub(crate) fn find<'a>(list: &'a Value, field: &str, value: &str) -> Option<&'a Value> {
    array(list).iter().find(|item| item[field] == value)
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Stderr of a failed command: exactly one line starting `usermgmt: `, no panic, no
/// backtrace, no Rust debug dump. Returns the line.
pub(crate) fn one_error_line(output: &Output) -> String {
    let text = stderr(output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "stderr should be one line, got {}:\n{text}",
        lines.len()
    );
    let line = lines[0];
    assert!(line.starts_with("usermgmt: "), "unprefixed error: {line}");
    for noise in [
        "panicked",
        "backtrace",
        "RUST_BACKTRACE",
        "Error {",
        "Some(",
        "\\n",
    ] {
        assert!(
            !line.contains(noise),
            "error line contains {noise:?}: {line}"
        );
    }
    assert!(
        output.stdout.is_empty(),
        "a failed command printed on stdout: {}",
        stdout(output)
    );
    line.to_string()
}

/// Start a demo sandbox for a multi-step test.
pub(crate) async fn sandbox() -> Sandbox {
    Sandbox::start().await.unwrap()
}

/// A config file and one sandbox state shared by the commands of a test.
pub(crate) struct World {
    pub(crate) dir: tempfile::TempDir,
}

impl World {
    /// A world whose config file holds `config`.
    pub(crate) fn new(config: &str) -> World {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("usermgmt.toml"), config).unwrap();
        World { dir }
    }

    /// The binary with `--sandbox` on this world's state, config and journal.
    pub(crate) fn usermgmt(&self, args: &[&str]) -> assert_cmd::Command {
        let mut command = bare();
        command
            .arg("--sandbox")
            .arg("--config")
            .arg(self.dir.path().join("usermgmt.toml"))
            .arg("--sandbox-state")
            .arg(self.dir.path().join("state.json"))
            .arg("--journal")
            .arg(self.dir.path().join("journal.db"))
            .args(args);
        command
    }
}
