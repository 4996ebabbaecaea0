//! `usermgmt sandbox serve [--port-base N]`: a long-running process, spawned, read and
//! stopped.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::{CLI_VARS, bare, run_json};

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

/// Start `usermgmt sandbox serve --port-base N` and read what it prints up to the
/// "serving" line. `None` when the ports were taken in the meantime.
fn serve(base: u16) -> Option<(Server, Vec<String>)> {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin!("usermgmt"));
    for name in CLI_VARS {
        command.env_remove(name);
    }
    let mut child = command
        .args(["sandbox", "serve", "--port-base", &base.to_string()])
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

#[test]
fn sandbox_serve_prints_exports_for_its_ports_and_serves_until_stopped() {
    let mut base = 47_000 + (std::process::id() % 1000) as u16 * 5;
    let (mut server, lines) = loop {
        base = free_port_base(base);
        if let Some(started) = serve(base) {
            break started;
        }
        base += 5;
    };

    let exports: Vec<(String, String)> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("export "))
        .map(|l| {
            let (name, value) = l.split_once('=').unwrap();
            (name.to_string(), value.to_string())
        })
        .collect();
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

/// Ctrl-C (SIGINT) stops the server cleanly; elsewhere just kill it.
#[cfg(unix)]
fn stop(server: &mut Server) {
    let pid = server.0.id().to_string();
    let sent = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .is_ok_and(|s| s.success());
    if !sent {
        return;
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Some(status) = server.0.try_wait().unwrap() {
            assert!(status.success(), "Ctrl-C should exit 0, got {status}");
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("sandbox serve did not stop on Ctrl-C");
}

#[cfg(not(unix))]
fn stop(_server: &mut Server) {}
