//! `usermgmt sandbox serve [--port-base N] [--env-file F]`: a long-running process,
//! spawned, read and stopped; it shares its state file with `--sandbox`.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::{CLI_VARS, array, bare, bare_std, fails, find, one_error_line, run_json};

/// Kills the server if the test fails half-way.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Five consecutive free ports, starting from a base that differs between processes.
fn free_port_base(from: u16) -> u16 {
    let mut base = from;
    for _ in 0..200 {
        let free = (0..5).all(|i| TcpListener::bind(("127.0.0.1", base + i)).is_ok());
        if free {
            return base;
        }
        base = if base > 60_000 { 47_000 } else { base + 5 };
    }
    panic!("no five consecutive free ports found from {from}");
}

/// Start `usermgmt sandbox serve --port-base N` with its own state file (or the one in
/// `extra`) and read what it prints up to the "serving" line. `None` when the ports were
/// taken in the meantime.
fn serve(base: u16, extra: &[&OsStr]) -> Option<(Server, Vec<String>)> {
    let mut child = bare_std()
        .args(["sandbox", "serve", "--port-base", &base.to_string()])
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let (lines_tx, lines_rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut lines = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines_rx.recv_timeout(left) {
            Ok(line) => {
                let done = line.starts_with("# serving");
                lines.push(line);
                if done {
                    return Some((server, lines));
                }
            }
            // stdout closed: the server exited (most likely a port taken since we looked).
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let mut server = server;
                let status = server.0.wait().unwrap();
                let mut err = String::new();
                if let Some(mut stderr) = server.0.stderr.take() {
                    let _ = std::io::Read::read_to_string(&mut stderr, &mut err);
                }
                assert!(!status.success(), "serve exited 0 early: {lines:?}");
                assert!(err.contains("cannot start the sandbox"), "{err}");
                return None;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                panic!("sandbox serve printed no '# serving' line in time: {lines:?}")
            }
        }
    }
}

/// [`serve`] on the first five free ports found, retrying when they are taken meanwhile.
fn serve_somewhere(extra: &[&OsStr]) -> (u16, Server, Vec<String>) {
    let mut base = 47_000 + (std::process::id() % 1000) as u16 * 5;
    loop {
        base = free_port_base(base);
        if let Some((server, lines)) = serve(base, extra) {
            return (base, server, lines);
        }
        base += 5;
    }
}

#[test]
fn sandbox_serve_prints_exports_for_its_ports_and_serves_until_stopped() {
    let (base, mut server, lines) = serve_somewhere(&[]);

    let exports = exports_of(&lines);
    assert!(
        lines.contains(&format!("export AXIOM_URL=http://127.0.0.1:{base}/v2")),
        "{lines:#?}"
    );
    let url = |name: &str| exports.iter().find(|(n, _)| n == name).unwrap().1.clone();
    assert_eq!(
        url("ADVERITY_URL"),
        format!("http://127.0.0.1:{}/api/v1", base + 1)
    );
    assert_eq!(
        url("AXOLO_URL"),
        format!("http://127.0.0.1:{}/v1", base + 4)
    );
    // Every variable the CLI needs is exported.
    for name in &CLI_VARS[..13] {
        if *name != "AXIOM_ORG_ID" {
            assert!(
                exports.iter().any(|(n, _)| n == name),
                "{name} not exported"
            );
        }
    }

    // The printed variables work: another process reaches the served sandbox.
    let me = run_json(bare().envs(exports.clone()).args(["axiom", "me", "get"]));
    assert_eq!(me["email"], usermgmt_sandbox::demo::OWNER_EMAIL);
    assert!(server.0.try_wait().unwrap().is_none(), "still serving");

    stop(&mut server);
}

/// `(name, value)` of every `export NAME=value` line.
fn exports_of(lines: impl IntoIterator<Item = impl AsRef<str>>) -> Vec<(String, String)> {
    lines
        .into_iter()
        .filter_map(|l| {
            let (name, value) = l.as_ref().strip_prefix("export ")?.split_once('=')?;
            Some((name.to_owned(), value.to_owned()))
        })
        .collect()
}

#[test]
fn serve_writes_an_env_file_shares_the_sandbox_state_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let env_file = dir.path().join("sandbox.env");
    let state_arg = ["--sandbox-state".as_ref(), state.as_os_str()];
    // A change made with --sandbox before the server starts...
    let created = run_json(bare().arg("--sandbox").args(state_arg).args([
        "-o",
        "json",
        "axiom",
        "users",
        "create",
        "--name",
        "Barbara Liskov",
        "--email",
        "barbara@acme.example",
        "--role",
        "user",
    ]));
    assert_eq!(created["email"], "barbara@acme.example");

    let (_, mut server, _) = serve_somewhere(&[
        state_arg[0],
        state_arg[1],
        "--env-file".as_ref(),
        env_file.as_os_str(),
    ]);
    // ...is served, through the variables of the env file.
    let exports = exports_of(std::fs::read_to_string(&env_file).unwrap().lines());
    assert!(
        exports.iter().any(|(n, _)| n == "MODELPRIME_TOKEN"),
        "{exports:?}"
    );
    let listed = run_json(
        bare()
            .envs(exports.clone())
            .args(["-o", "json", "axiom", "users", "list"]),
    );
    assert!(
        find(&listed, "email", "barbara@acme.example").is_some(),
        "{listed:#}"
    );
    // While it serves, the state is not used twice (that would lose one side's changes).
    let refused = fails(
        bare()
            .arg("--sandbox")
            .args(state_arg)
            .args(["axiom", "users", "list"]),
    );
    let line = one_error_line(&refused);
    assert!(
        line.contains("in use by another process") && line.contains("without --sandbox"),
        "{line}"
    );

    stop_with(&mut server, "-TERM");
    assert!(!env_file.exists(), "the env file goes with the server");
    // The state is free again and still holds the change.
    let after = run_json(
        bare()
            .arg("--sandbox")
            .args(state_arg)
            .args(["-o", "json", "axiom", "users", "list"]),
    );
    assert_eq!(array(&after).len(), array(&listed).len());
}

#[test]
fn reset_restores_the_demo_data_and_says_so_as_a_result_object() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let with_state = |args: &[&str]| {
        let mut command = bare();
        command
            .args(["--sandbox-state".as_ref(), state.as_os_str()])
            .args(args);
        command
    };
    let emails = |listed: &serde_json::Value| -> Vec<String> {
        array(listed)
            .iter()
            .map(|u| u["email"].as_str().unwrap().to_owned())
            .collect()
    };
    let demo = emails(&run_json(&mut with_state(&[
        "--sandbox",
        "-o",
        "json",
        "adverity",
        "users",
        "list",
    ])));
    run_json(&mut with_state(&[
        "--sandbox",
        "-o",
        "json",
        "adverity",
        "users",
        "create",
        "--email",
        "barbara@acme.example",
        "--first-name",
        "Barbara",
        "--last-name",
        "Liskov",
    ]));
    let changed = emails(&run_json(&mut with_state(&[
        "--sandbox",
        "-o",
        "json",
        "adverity",
        "users",
        "list",
    ])));
    assert_eq!(
        changed.len(),
        demo.len() + 1,
        "the create persisted: {changed:?}"
    );

    let reset = run_json(&mut with_state(&["-o", "json", "sandbox", "reset"]));
    assert_eq!(reset["result"], "ok");
    assert_eq!(reset["action"], "sandbox-reset");
    assert_eq!(reset["removed"], true);
    assert_eq!(reset["state"], state.display().to_string());
    let again = emails(&run_json(&mut with_state(&[
        "--sandbox",
        "-o",
        "json",
        "adverity",
        "users",
        "list",
    ])));
    assert_eq!(again, demo);
    assert_eq!(
        run_json(&mut with_state(&["-o", "json", "sandbox", "reset"]))["removed"],
        true,
        "the list above wrote the demo data back"
    );
}

#[test]
fn a_state_file_that_is_not_a_sandbox_state_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    std::fs::write(&state, "not json").unwrap();
    let refused = fails(
        bare()
            .arg("--sandbox")
            .arg("--sandbox-state")
            .arg(&state)
            .args(["users", "list"]),
    );
    let line = one_error_line(&refused);
    assert!(
        line.contains("not a sandbox state") && line.contains("sandbox reset"),
        "{line}"
    );
    assert_eq!(std::fs::read_to_string(&state).unwrap(), "not json");
}

/// Ctrl-C (SIGINT) stops the server cleanly; elsewhere just kill it.
fn stop(server: &mut Server) {
    stop_with(server, "-INT");
}

/// `kill SIGNAL` stops the server cleanly (exit 0); elsewhere just kill it.
#[cfg(unix)]
fn stop_with(server: &mut Server, signal: &str) {
    let pid = server.0.id().to_string();
    let sent = Command::new("kill")
        .args([signal, &pid])
        .status()
        .is_ok_and(|s| s.success());
    if !sent {
        return;
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Some(status) = server.0.try_wait().unwrap() {
            assert!(status.success(), "{signal} should exit 0, got {status}");
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("sandbox serve did not stop on {signal}");
}

#[cfg(not(unix))]
fn stop_with(_server: &mut Server, _signal: &str) {}
