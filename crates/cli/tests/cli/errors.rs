//! Failures: one line on stderr, the right exit code, never a panic.

use crate::support::{bare, fails, one_error_line, sandboxed, stderr};

#[test]
fn without_credentials_axiom_users_list_fails_with_one_line_naming_axiom_token() {
    let output = fails(bare().args(["axiom", "users", "list"]));
    assert_eq!(output.status.code(), Some(1));
    let line = one_error_line(&output);
    assert!(line.contains("AXIOM_TOKEN"), "{line}");
}

#[test]
fn without_configuration_every_provider_command_names_the_variable_to_set() {
    let cases: [(&[&str], &str); 5] = [
        (&["axiom", "me", "get"], "AXIOM_TOKEN"),
        (&["adverity", "users", "list"], "ADVERITY_"),
        (&["paradime", "workspaces", "list"], "PARADIME_"),
        (&["modelprime", "org", "get"], "MODELPRIME_"),
        (
            &[
                "axolo",
                "offboard",
                "--organization",
                "acme-corp",
                "--github-login",
                "alan-turing",
            ],
            "AXOLO_",
        ),
    ];
    for (args, variable) in cases {
        let output = fails(bare().args(args));
        let line = one_error_line(&output);
        assert!(line.contains(variable), "{args:?}: {line}");
    }
}

#[test]
fn users_list_with_nothing_configured_is_an_error_not_an_empty_list() {
    let output = fails(bare().args(["users", "list", "--output", "json"]));
    assert!(output.stdout.is_empty(), "printed a result anyway");
    let text = stderr(&output);
    assert!(text.contains("AXIOM_TOKEN"), "{text}");
    assert!(text.contains("--sandbox"), "{text}");
    assert!(!text.contains("panicked"), "{text}");
}

#[test]
fn users_list_naming_an_unconfigured_provider_fails_with_one_line() {
    let output = fails(bare().args(["users", "list", "--provider", "axiom"]));
    assert!(one_error_line(&output).contains("AXIOM_TOKEN"));
}

#[test]
fn offboard_with_nothing_configured_fails_and_names_the_variables() {
    let output = fails(bare().args(["offboard", "--email", "alan@acme.example"]));
    assert!(output.stdout.is_empty());
    let text = stderr(&output);
    assert!(text.contains("no provider is configured"), "{text}");
    assert!(text.contains("AXIOM_TOKEN"), "{text}");
}

#[test]
fn an_unknown_flag_exits_with_code_2_and_clap_explains() {
    let output = sandboxed()
        .args(["axiom", "users", "list", "--bogus"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let text = stderr(&output);
    assert!(text.contains("unexpected argument '--bogus'"), "{text}");
    assert!(text.contains("Usage: usermgmt axiom users list"), "{text}");
}

#[test]
fn a_misspelt_subcommand_exits_with_code_2_and_suggests_the_right_one() {
    let output = sandboxed()
        .args(["axiom", "users", "lst"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("unrecognized subcommand 'lst'"), "{text}");
    assert!(text.contains("'list'"), "{text}");
}

#[test]
fn a_missing_required_flag_or_bad_output_format_exits_with_code_2() {
    for args in [
        &[
            "axiom", "users", "create", "--name", "X", "--email", "x@y.z",
        ][..],
        &["users", "list", "--output", "yaml"][..],
        &[
            "modelprime",
            "users",
            "invite",
            "--email",
            "x@y.z",
            "--name",
            "X",
            "--role",
            "admin",
            "--connection",
            "github",
        ][..],
        &[][..],
    ] {
        let output = sandboxed().args(args).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).starts_with("error: ") || stderr(&output).starts_with("Usage: "),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn getting_an_unknown_axiom_user_is_a_404_with_a_hint_on_one_line() {
    let output = fails(sandboxed().args(["axiom", "users", "get", "nope"]));
    assert_eq!(output.status.code(), Some(1));
    let line = one_error_line(&output);
    assert!(line.contains("404"), "{line}");
    assert!(line.contains("Axiom"), "{line}");
    assert!(line.contains("check the id"), "no hint: {line}");
}

#[test]
fn getting_an_unknown_adverity_user_is_a_404_too() {
    let output = fails(sandboxed().args(["adverity", "users", "get", "999"]));
    let line = one_error_line(&output);
    assert!(line.contains("404"), "{line}");
    assert!(line.contains("Adverity"), "{line}");
}

#[test]
fn an_unreachable_server_is_one_line_naming_the_provider() {
    let output = fails(bare().args(["axiom", "users", "list"]).envs([
        ("AXIOM_URL", "http://127.0.0.1:1/v2"),
        ("AXIOM_TOKEN", "xaat-anything"),
    ]));
    let line = one_error_line(&output);
    assert!(line.contains("Axiom"), "{line}");
    assert!(!line.contains("xaat-anything"), "the token leaked: {line}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_token_is_an_authentication_error_that_does_not_print_the_token() {
    let sandbox = crate::support::sandbox().await;
    let output = fails(
        crate::support::usermgmt(&sandbox)
            .env("AXIOM_TOKEN", "xaat-wrong-token-123")
            .env_remove("AXIOM_PERSONAL_TOKEN")
            .args(["axiom", "me", "get"]),
    );
    let line = one_error_line(&output);
    assert!(line.contains("403") || line.contains("401"), "{line}");
    assert!(
        !line.contains("xaat-wrong-token-123"),
        "the token leaked: {line}"
    );
}

/// A server that accepts connections and never answers.
fn silent_server() -> (std::net::TcpListener, String) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a local port");
    let url = format!("http://{}/v2", listener.local_addr().unwrap());
    (listener, url)
}

#[test]
fn timeout_from_the_flag_or_the_environment_ends_a_request_to_a_silent_server() {
    let (_listener, url) = silent_server();
    for (flag, env) in [(Some("0.3"), None), (None, Some("0.3"))] {
        let mut command = bare();
        command
            .env("AXIOM_URL", &url)
            .env("AXIOM_TOKEN", "xaat-test")
            .env("AXIOM_ORG_ID", "acme");
        if let Some(seconds) = flag {
            command.args(["--timeout", seconds]);
        }
        if let Some(seconds) = env {
            command.env("USERMGMT_TIMEOUT", seconds);
        }
        let output = fails(command.args(["axiom", "users", "list"]));
        assert_eq!(output.status.code(), Some(1));
        let line = one_error_line(&output);
        assert!(line.contains("timed out"), "{line}");
    }
}

#[test]
fn a_timeout_that_is_not_a_positive_number_of_seconds_is_a_usage_error() {
    for bad in ["0", "-5", "soon"] {
        let flag = format!("--timeout={bad}");
        let output = fails(sandboxed().args([flag.as_str(), "users", "list"]));
        assert_eq!(output.status.code(), Some(2), "{bad}");
        assert!(stderr(&output).contains("--timeout"), "{bad}");
    }
    let output = fails(
        sandboxed()
            .env("USERMGMT_TIMEOUT", "soon")
            .args(["users", "list"]),
    );
    assert_eq!(output.status.code(), Some(2));
}

/// `axiom users list` against `url`, with credentials that are fine but unused.
fn axiom_list_at(url: &str) -> String {
    let output = fails(bare().args(["axiom", "users", "list"]).envs([
        ("AXIOM_URL", url),
        ("AXIOM_TOKEN", "xaat-transport-test"),
        ("AXIOM_ORG_ID", "acme"),
    ]));
    assert_eq!(output.status.code(), Some(1));
    let line = one_error_line(&output);
    assert!(
        !line.contains("xaat-transport-test"),
        "the token leaked: {line}"
    );
    for internal in ["reqwest", "hyper", "Kind(", "Os {"] {
        assert!(!line.contains(internal), "{internal:?} in {line}");
    }
    line
}

#[test]
fn a_closed_port_says_connection_refused_and_to_check_the_url_variable() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let line = axiom_list_at(&format!("http://127.0.0.1:{port}/v2"));
    assert!(line.contains("connection refused"), "{line}");
    assert!(line.contains("check AXIOM_URL"), "{line}");
    assert!(line.contains("server is running"), "{line}");
}

#[test]
fn a_host_name_that_does_not_resolve_is_a_dns_failure() {
    // `.invalid` never resolves (RFC 2606), with or without a network.
    let line = axiom_list_at("https://nonexistent.invalid/v2");
    assert!(line.contains("DNS lookup failed"), "{line}");
    assert!(line.contains("AXIOM_URL"), "{line}");
}

#[test]
fn https_to_a_plain_http_server_is_a_tls_handshake_failure() {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Answers every connection (each retry opens one) like a plain HTTP server would.
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut hello = [0u8; 1024];
            let _ = stream.read(&mut hello);
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n");
        }
    });
    let line = axiom_list_at(&format!("https://127.0.0.1:{port}/v2"));
    assert!(line.contains("TLS handshake failed"), "{line}");
    assert!(line.contains("AXIOM_URL"), "{line}");
}
