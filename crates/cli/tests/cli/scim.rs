//! `usermgmt scim serve`: spawned on the sandbox, asked over HTTP (and HTTPS with
//! `--tls-cert/--tls-key`), stopped by SIGTERM; and the refusals (no token, short token,
//! beyond loopback without TLS, TLS files missing, garbled or not matching).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
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

/// Start `usermgmt scim serve --sandbox --listen 127.0.0.1:0` with `extra` arguments
/// and read its banner.
fn serve(command: &mut Command, extra: &[&str]) -> (Server, Vec<String>) {
    let mut child = command
        .args(["scim", "serve", "--sandbox", "--listen", "127.0.0.1:0"])
        .args(extra)
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

/// The value of the banner line starting with `prefix`.
fn banner<'a>(lines: &'a [String], prefix: &str) -> &'a str {
    lines
        .iter()
        .find_map(|l| l.strip_prefix(prefix))
        .unwrap_or_else(|| panic!("no {prefix:?} line in {lines:?}"))
}

/// Send SIGTERM and require exit 0 within 10 seconds.
fn stop(mut server: Server) {
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
            return;
        }
        assert!(
            Instant::now() < deadline,
            "scim serve did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A self-signed certificate for 127.0.0.1 and localhost: its PEM, and the paths of
/// the certificate and key files written into `dir`.
fn self_signed(dir: &Path, name: &str) -> (String, PathBuf, PathBuf) {
    let generated =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string(), "localhost".into()])
            .unwrap();
    let cert_pem = generated.cert.pem();
    let cert = dir.join(format!("{name}.crt"));
    let key = dir.join(format!("{name}.key"));
    std::fs::write(&cert, &cert_pem).unwrap();
    std::fs::write(&key, generated.signing_key.serialize_pem()).unwrap();
    (cert_pem, cert, key)
}

/// A path as a command-line argument.
fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
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
    let (server, lines) = serve(&mut bare_std(), &[]);
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
    // The demo's twelve people but Annie and Mary (only invitations no API can revoke).
    assert_eq!(users["totalResults"], 10);
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

    stop(server);
}

#[test]
fn a_token_from_the_environment_is_used_and_never_printed() {
    let token = "an-operator-chosen-token-of-enough-length";
    let (_server, lines) = serve(bare_std().env("USERMGMT_SCIM_TOKEN", token), &[]);
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
    assert!(open.contains("--tls-cert"), "{open}");
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
    // Profile rules that contradict each other, and a malformed Axolo organization.
    let serve = |extra: &[&str]| {
        let mut args = vec!["scim", "serve", "--sandbox", "--listen", "127.0.0.1:0"];
        args.extend_from_slice(extra);
        one_error_line(&fails(bare().args(args)))
    };
    let line = serve(&["--profile-rule", "default"]);
    assert!(line.contains("needs --default-profile"), "{line}");
    let line = serve(&["--profile-rule", "group", "--default-profile", "developer"]);
    assert!(
        line.contains("no effect with --profile-rule group"),
        "{line}"
    );
    let bad_rule = fails(bare().args([
        "scim",
        "serve",
        "--sandbox",
        "--profile-rule",
        "departments",
    ]));
    assert_eq!(bad_rule.status.code(), Some(2));
    let bad_rule = String::from_utf8_lossy(&bad_rule.stderr);
    assert!(
        bad_rule.contains("'departments'") && bad_rule.contains("department, default, group"),
        "{bad_rule}"
    );
    let line = serve(&["--axolo-organization", "acme corp"]);
    assert!(line.contains("GitHub organization"), "{line}");
}

#[test]
fn with_tls_files_it_serves_https_only_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let (cert_pem, cert, key) = self_signed(dir.path(), "scim");
    let (server, lines) = serve(
        &mut bare_std(),
        &["--tls-cert", arg(&cert), "--tls-key", arg(&key)],
    );
    let address = banner(&lines, "# listening on ").to_string();
    let token = banner(&lines, "export USERMGMT_SCIM_TOKEN=").to_string();
    assert_eq!(
        banner(&lines, "# usermgmt scim: serving "),
        format!("https://{address}/scim/v2")
    );

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        // Trusting only the test's own certificate: the handshake checks the name too.
        let client = reqwest::Client::builder()
            .tls_certs_only([reqwest::Certificate::from_pem(cert_pem.as_bytes()).unwrap()])
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        let url = format!("https://{address}/scim/v2/ServiceProviderConfig");
        let answer = client.get(&url).bearer_auth(&token).send().await.unwrap();
        assert_eq!(answer.status(), 200);
        assert_eq!(answer.version(), reqwest::Version::HTTP_11);
        assert_eq!(
            answer.headers()["content-type"].to_str().unwrap(),
            "application/scim+json"
        );
        let config: serde_json::Value = answer.json().await.unwrap();
        assert_eq!(
            config["schemas"][0],
            "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
        );
        assert_eq!(
            config["meta"]["location"],
            format!("https://{address}/scim/v2/ServiceProviderConfig")
        );
        let refused = client.get(&url).send().await.unwrap();
        assert_eq!(refused.status(), 401);

        // The TLS port does not answer plain HTTP.
        let plain = client
            .get(format!("http://{address}/scim/v2/ServiceProviderConfig"))
            .bearer_auth(&token)
            .send()
            .await;
        assert!(plain.is_err(), "plain HTTP answered: {plain:?}");
    });

    // The runtime is kept, unpolled: its idle keep-alive connection to the server
    // answers nothing, and must not hold the shutdown open.
    stop(server);
    drop(runtime);
}

#[test]
fn tls_files_go_together_and_bad_ones_are_refused_naming_the_file_not_its_contents() {
    let dir = tempfile::tempdir().unwrap();
    let (_, cert, key) = self_signed(dir.path(), "scim");
    let (_, _, other_key) = self_signed(dir.path(), "other");
    let garbage = dir.path().join("garbage.key");
    std::fs::write(&garbage, "not-a-key-but-secret-looking-bytes\n").unwrap();
    let missing = dir.path().join("missing.crt");
    let scim_serve = |args: &[&str]| {
        let mut command = bare();
        command.args(["scim", "serve", "--sandbox"]).args(args);
        if !args.contains(&"--listen") {
            command.args(["--listen", "127.0.0.1:0"]);
        }
        fails(&mut command)
    };

    let alone = scim_serve(&["--tls-cert", arg(&cert)]);
    assert_eq!(alone.status.code(), Some(2));
    let alone = String::from_utf8_lossy(&alone.stderr);
    assert!(alone.contains("--tls-key"), "{alone}");

    let cases: [(&Path, &Path, &str); 4] = [
        (&cert, &garbage, "--tls-key {key}: no private key in it"),
        (&missing, &key, "--tls-cert {cert}: cannot read it"),
        (&key, &cert, "--tls-cert {cert}: no certificate in it"),
        (
            &cert,
            &other_key,
            "--tls-key {key} does not match --tls-cert {cert}",
        ),
    ];
    for (cert, key, expected) in cases {
        let output = scim_serve(&["--tls-cert", arg(cert), "--tls-key", arg(key)]);
        assert_eq!(output.status.code(), Some(2));
        let line = one_error_line(&output);
        let expected = expected
            .replace("{cert}", arg(cert))
            .replace("{key}", arg(key));
        assert!(line.contains(&expected), "{line}\nexpected: {expected}");
        assert!(!line.contains("secret-looking"), "{line}");
        assert!(!line.contains("PRIVATE KEY-----\n"), "{line}");
    }

    // With TLS a non-loopback address passes: the next check (the profile) answers.
    let beyond = scim_serve(&[
        "--listen",
        "0.0.0.0:0",
        "--tls-cert",
        arg(&cert),
        "--tls-key",
        arg(&key),
        "--default-profile",
        "nope",
    ]);
    let beyond = one_error_line(&beyond);
    assert!(!beyond.contains("loopback"), "{beyond}");
    assert!(beyond.contains("nope"), "{beyond}");
}
