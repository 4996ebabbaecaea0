//! `usermgmt scim serve`: spawned on the sandbox, asked over HTTP, stopped by SIGTERM;
//! and the refusals (no token, short token, beyond loopback).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::{bare, bare_std, fails, one_error_line};

/// Kills the server if the test fails half-way.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Start `usermgmt scim serve --sandbox --listen 127.0.0.1:0` and read its banner.
fn serve(command: &mut Command) -> (Server, Vec<String>) {
    let mut child = command
        .args(["scim", "serve", "--sandbox", "--listen", "127.0.0.1:0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let (lines_tx, lines_rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut lines = Vec::new();
    while let Ok(line) = lines_rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        let done = line.starts_with("# serving until");
        lines.push(line);
        if done {
            return (server, lines);
        }
    }
    panic!("scim serve did not start: {lines:?}");
}

/// One HTTP/1.1 GET (hand-written: the CLI tests have no HTTP client, and one request
/// shape is all they need); returns the status and the body.
fn get(address: &str, path: &str, token: Option<&str>) -> (u16, serde_json::Value) {
    request(address, "GET", path, token, "")
}

fn request(
    address: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: &str,
) -> (u16, serde_json::Value) {
    let mut stream = TcpStream::connect(address).unwrap();
    let auth = token.map_or(String::new(), |t| format!("Authorization: Bearer {t}\r\n"));
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\n{auth}Content-Type: application/scim+json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/scim+json"),
        "{head}"
    );
    (status, serde_json::from_str(body).unwrap())
}

#[test]
fn serve_with_sandbox_prints_a_token_answers_with_it_only_and_stops_on_sigterm() {
    let (mut server, lines) = serve(&mut bare_std());
    let address = lines
        .iter()
        .find_map(|l| l.strip_prefix("# listening on "))
        .unwrap()
        .to_string();
    let token = lines
        .iter()
        .find_map(|l| l.strip_prefix("export USERMGMT_SCIM_TOKEN="))
        .unwrap()
        .to_string();
    assert_eq!(token.len(), 64, "{token}");

    let (status, users) = get(
        &address,
        "/scim/v2/Users?startIndex=1&count=2",
        Some(&token),
    );
    assert_eq!(status, 200, "{users}");
    assert_eq!(users["totalResults"], 12);
    assert_eq!(users["itemsPerPage"], 2);
    let (status, alan) = get(
        &address,
        "/scim/v2/Users?filter=userName%20eq%20%22alan@acme.example%22",
        Some(&token),
    );
    assert_eq!(status, 200);
    assert_eq!(alan["Resources"][0]["userName"], "alan@acme.example");
    let location = alan["Resources"][0]["meta"]["location"].as_str().unwrap();
    assert!(
        location.starts_with(&format!("http://{address}/scim/v2/Users/")),
        "{location}"
    );
    let (status, refused) = get(&address, "/scim/v2/Users", Some("not-the-token"));
    assert_eq!(status, 401);
    assert_eq!(refused["status"], "401");
    let (status, _) = get(&address, "/scim/v2/Users", None);
    assert_eq!(status, 401);

    // Okta deactivates: Alan is offboarded everywhere, and the journal says so.
    let id = alan["Resources"][0]["id"].as_str().unwrap();
    let (status, after) = request(
        &address,
        "PATCH",
        &format!("/scim/v2/Users/{id}"),
        Some(&token),
        r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}"#,
    );
    assert_eq!(status, 200, "{after}");
    assert_eq!(after["active"], false);
    let runs = crate::support::run_json(bare().args(["--output", "json", "runs", "list"]));
    let runs = runs.as_array().unwrap();
    assert!(
        runs.iter().any(|r| r["command_line"]
            .as_str()
            .unwrap_or_default()
            .contains(&format!("scim serve: PATCH /Users/{id}"))),
        "{runs:?}"
    );

    let pid = server.0.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = server.0.try_wait().unwrap() {
            assert!(status.success(), "SIGTERM should exit 0, got {status}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "scim serve did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_token_from_the_environment_is_used_and_never_printed() {
    let token = "an-operator-chosen-token-of-enough-length";
    let (_server, lines) = serve(bare_std().env("USERMGMT_SCIM_TOKEN", token));
    assert!(!lines.iter().any(|l| l.contains(token)), "{lines:?}");
    let address = lines
        .iter()
        .find_map(|l| l.strip_prefix("# listening on "))
        .unwrap();
    assert_eq!(
        get(address, "/scim/v2/ServiceProviderConfig", Some(token)).0,
        200
    );
}

#[test]
fn without_a_token_a_short_token_or_beyond_loopback_it_refuses_to_start() {
    let missing = fails(bare().args(["scim", "serve", "--listen", "127.0.0.1:0"]));
    let missing = one_error_line(&missing);
    assert!(
        missing.contains("USERMGMT_SCIM_TOKEN is not set"),
        "{missing}"
    );
    let short = fails(bare().env("USERMGMT_SCIM_TOKEN", "short").args([
        "scim",
        "serve",
        "--sandbox",
        "--listen",
        "127.0.0.1:0",
    ]));
    let short = one_error_line(&short);
    assert!(short.contains("too short"), "{short}");
    let open = fails(
        bare()
            .env(
                "USERMGMT_SCIM_TOKEN",
                "an-operator-chosen-token-of-enough-length",
            )
            .args(["scim", "serve", "--sandbox", "--listen", "0.0.0.0:0"]),
    );
    let open = one_error_line(&open);
    assert!(open.contains("not a loopback address"), "{open}");
    let unknown = fails(bare().args([
        "scim",
        "serve",
        "--sandbox",
        "--listen",
        "127.0.0.1:0",
        "--default-profile",
        "nope",
    ]));
    let unknown = one_error_line(&unknown);
    assert!(unknown.contains("nope"), "{unknown}");
}
