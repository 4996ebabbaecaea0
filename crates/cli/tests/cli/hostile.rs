//! The binary against hostile local servers written on raw sockets: proxies that record
//! what they get, connection resets, huge bodies, silence, echoed secrets and
//! megabyte-long messages.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::{bare, fails, ok, one_error_line, stderr};

/// What the server does with one connection, given the request head it read.
#[derive(Clone)]
enum Answer {
    /// Send these bytes, then close.
    Bytes(Vec<u8>),
    /// Reset the connection (RST) without answering.
    Reset,
    /// A 200 whose chunked body never ends before `bytes` bytes of JSON-ish filler.
    Huge { bytes: usize },
    /// Read and never answer.
    Silent,
}

/// A raw server on a loopback port answering every connection with `answer`; returns
/// its address and the request heads it read (one per connection).
fn hostile(answer: Answer) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let heads = Arc::new(Mutex::new(Vec::new()));
    let seen = heads.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let answer = answer.clone();
            let seen = seen.clone();
            std::thread::spawn(move || serve(stream, &answer, &seen));
        }
    });
    (address, heads)
}

fn serve(mut stream: TcpStream, answer: &Answer, seen: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut head = String::new();
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" => break,
            Ok(_) => head.push_str(&line),
        }
    }
    seen.lock().unwrap().push(head);
    match answer {
        Answer::Bytes(bytes) => {
            let _ = stream.write_all(bytes);
        }
        Answer::Reset => {
            let socket = socket2::SockRef::from(&stream);
            let _ = socket.set_linger(Some(Duration::ZERO));
        }
        Answer::Huge { bytes } => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n",
            );
            let chunk = vec![b' '; 64 * 1024];
            let mut sent = 0;
            while sent < *bytes {
                let frame = format!("{:x}\r\n", chunk.len());
                if stream.write_all(frame.as_bytes()).is_err()
                    || stream.write_all(&chunk).is_err()
                    || stream.write_all(b"\r\n").is_err()
                {
                    return;
                }
                sent += chunk.len();
            }
            let _ = stream.write_all(b"0\r\n\r\n");
        }
        Answer::Silent => {
            let _ = reader.read(&mut [0u8; 1]);
            std::thread::sleep(Duration::from_secs(30));
        }
    }
}

/// An HTTP/1.1 answer with a JSON body (any bytes, valid UTF-8 or not).
fn json_bytes_answer(status: &str, body: &[u8]) -> Answer {
    let mut bytes = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    bytes.extend_from_slice(body);
    Answer::Bytes(bytes)
}

/// An HTTP/1.1 answer with a JSON body.
fn json_answer(status: &str, body: &str) -> Answer {
    json_bytes_answer(status, body.as_bytes())
}

/// `usermgmt` pointed at an Axiom on `address` with `token`.
fn axiom_at(address: &str, token: &str) -> assert_cmd::Command {
    let mut command = bare();
    command
        .env("AXIOM_URL", format!("http://{address}/v2"))
        .env("AXIOM_TOKEN", token)
        .env("AXIOM_ORG_ID", "acme");
    command
}

const PROXY_VARS: [&str; 6] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
];

#[test]
fn credentialed_plain_http_to_loopback_never_goes_through_a_proxy() {
    let (proxy, proxied) = hostile(json_answer("502 Bad Gateway", "{}"));
    let (server, served) = hostile(json_answer("200 OK", "[]"));
    let mut command = axiom_at(&server, "xaat-proxy-test-secret");
    for name in PROXY_VARS {
        command.env(name, format!("http://{proxy}"));
    }
    command.env_remove("NO_PROXY").env_remove("no_proxy");
    ok(command.args(["axiom", "users", "list", "--output", "json"]));
    assert!(
        proxied.lock().unwrap().is_empty(),
        "the proxy saw {:?}",
        proxied.lock().unwrap()
    );
    let served = served.lock().unwrap();
    assert_eq!(served.len(), 1, "{served:?}");
    assert!(served[0].starts_with("GET /v2/users"), "{served:?}");
}

#[test]
fn https_through_a_proxy_is_an_opaque_connect_tunnel_without_credentials() {
    let (proxy, proxied) = hostile(json_answer("403 Forbidden", "{}"));
    let mut command = bare();
    command
        .env("AXIOM_URL", "https://api.axiom.invalid/v2")
        .env("AXIOM_TOKEN", "xaat-tunnel-test-secret")
        .env("HTTPS_PROXY", format!("http://{proxy}"))
        .env_remove("NO_PROXY")
        .env_remove("no_proxy");
    let output = fails(command.args(["axiom", "users", "list"]));
    one_error_line(&output);
    let proxied = proxied.lock().unwrap();
    assert!(!proxied.is_empty(), "the proxy was not used");
    for head in proxied.iter() {
        assert!(head.starts_with("CONNECT api.axiom.invalid:443"), "{head}");
        assert!(!head.contains("xaat-tunnel-test-secret"), "{head}");
        assert!(
            !head.to_ascii_lowercase().contains("authorization"),
            "{head}"
        );
    }
}

#[test]
fn a_body_over_the_size_limit_is_one_clean_error_line() {
    let (server, _) = hostile(Answer::Huge { bytes: 80 << 20 });
    let output = fails(axiom_at(&server, "xaat-huge").args(["axiom", "users", "list"]));
    let line = one_error_line(&output);
    assert!(line.contains("larger than the limit of 64 MiB"), "{line}");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_create_whose_connection_is_reset_is_sent_once_and_says_to_check_first() {
    let (server, served) = hostile(Answer::Reset);
    let output = fails(axiom_at(&server, "xaat-reset").args([
        "axiom",
        "users",
        "create",
        "--name",
        "Ada",
        "--email",
        "ada@acme.example",
        "--role",
        "user",
    ]));
    let line = one_error_line(&output);
    assert!(line.contains("may have been made"), "{line}");
    let served = served.lock().unwrap();
    assert_eq!(
        served.len(),
        1,
        "a POST is never resent after it left: {served:?}"
    );
    assert!(served[0].starts_with("POST /v2/users"), "{served:?}");
}

#[test]
fn a_list_whose_connection_is_reset_is_retried() {
    let (server, served) = hostile(Answer::Reset);
    fails(axiom_at(&server, "xaat-reset").args(["axiom", "users", "list"]));
    // The default policy: four attempts in all.
    assert_eq!(served.lock().unwrap().len(), 4);
}

#[test]
fn a_timed_out_invite_says_it_may_have_happened_and_how_to_check() {
    let (server, served) = hostile(Answer::Silent);
    let mut command = bare();
    command
        .env(
            "PARADIME_API_URL",
            format!("http://{server}/api/v1/graphql"),
        )
        .env("PARADIME_API_KEY", "prdm-key-timeout")
        .env("PARADIME_API_SECRET", "prdm-secret-timeout");
    let output = fails(command.args([
        "--timeout",
        "0.5",
        "paradime",
        "users",
        "invite",
        "--email",
        "ada@acme.example",
        "--account-type",
        "DEVELOPER",
    ]));
    let line = one_error_line(&output);
    assert!(line.contains("timed out"), "{line}");
    assert!(line.contains("may have been made"), "{line}");
    assert!(line.contains("check"), "{line}");
    assert_eq!(served.lock().unwrap().len(), 1, "a mutation is not resent");
}

#[test]
fn a_token_the_server_echoes_back_is_redacted_in_errors_and_logs() {
    let token = "xaat-echoed-secret-4242";
    let body = format!(r#"{{"code":401,"message":"token {token} is not valid here"}}"#);
    let (server, _) = hostile(json_answer("401 Unauthorized", &body));
    let output = fails(axiom_at(&server, token).args(["axiom", "users", "list"]));
    let line = one_error_line(&output);
    assert!(line.contains("token [redacted] is not valid"), "{line}");
    let output = fails(axiom_at(&server, token).args(["-vvv", "axiom", "users", "list"]));
    let all = stderr(&output);
    assert!(!all.contains(token), "{all}");
    assert!(all.contains("[redacted]"), "{all}");
}

#[test]
fn a_huge_error_message_is_cut_to_a_few_kib_unless_very_verbose() {
    let message = "no ".repeat(20_000);
    let body = format!(r#"{{"code":400,"message":"{message}"}}"#);
    let (server, _) = hostile(json_answer("400 Bad Request", &body));
    let output = fails(axiom_at(&server, "xaat-long").args(["axiom", "users", "list"]));
    let line = one_error_line(&output);
    assert!(line.len() < 4300, "{} bytes", line.len());
    assert!(line.ends_with("-vv shows all)"), "{line}");
    let output = fails(axiom_at(&server, "xaat-long").args(["-vv", "axiom", "users", "list"]));
    assert!(
        stderr(&output).contains(message.trim_end()),
        "the whole message with -vv"
    );
}

/// An HTTP/1.1 200 whose JSON body has a name with bytes that are not UTF-8.
fn invalid_utf8_answer(body_before: &str, body_after: &str) -> Answer {
    let mut body = body_before.as_bytes().to_vec();
    body.extend_from_slice(&[0xc3, 0x28, 0xff]);
    body.extend_from_slice(body_after.as_bytes());
    json_bytes_answer("200 OK", &body)
}

#[test]
fn invalid_utf8_from_any_provider_is_a_clean_decode_error_not_a_replacement() {
    let (axiom, _) = hostile(invalid_utf8_answer(
        r#"[{"id":"u1","name":"Ad"#,
        r#"a","email":"ada@acme.example","role":{"id":"user","name":"user"}}]"#,
    ));
    let output =
        fails(axiom_at(&axiom, "xaat-utf8").args(["axiom", "users", "list", "--output", "json"]));
    let line = one_error_line(&output);
    assert!(
        line.contains("Axiom list_users: could not decode"),
        "{line}"
    );

    let (paradime, _) = hostile(invalid_utf8_answer(
        r#"{"data":{"listUsers":{"ok":true,"activeUsers":[{"uid":"1","email":"ada@acme.example","name":"Ad"#,
        r#"a","accountType":"ADMIN"}],"invitedUsers":[]}}}"#,
    ));
    let mut command = bare();
    command
        .env(
            "PARADIME_API_URL",
            format!("http://{paradime}/api/v1/graphql"),
        )
        .env("PARADIME_API_KEY", "prdm-key-utf8")
        .env("PARADIME_API_SECRET", "prdm-secret-utf8");
    let output = fails(command.args(["paradime", "users", "list"]));
    let line = one_error_line(&output);
    assert!(
        line.contains("Paradime ListUsers: could not decode"),
        "{line}"
    );
    assert!(line.contains("not valid UTF-8"), "{line}");
}
