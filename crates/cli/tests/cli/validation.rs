//! Empty, blank or malformed values are usage errors (exit 2) found before any request:
//! every provider URL points at a local listener that counts connections, and it must
//! see none.

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::support::{bare, run_json, sandbox, stderr, usermgmt};

/// A listener on 127.0.0.1 that counts the connections it is offered.
fn counting_listener() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            seen.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });
    (format!("http://{address}"), count)
}

/// The binary with every provider configured against `base`.
fn configured(base: &str) -> assert_cmd::Command {
    let mut command = bare();
    command.envs([
        ("AXIOM_URL", format!("{base}/v2")),
        ("AXIOM_TOKEN", "xaat-test".to_string()),
        ("ADVERITY_URL", format!("{base}/api/v1")),
        ("ADVERITY_TOKEN", "adverity-test".to_string()),
        ("PARADIME_API_URL", format!("{base}/graphql")),
        ("PARADIME_API_KEY", "key".to_string()),
        ("PARADIME_API_SECRET", "secret".to_string()),
        ("MODELPRIME_URL", format!("{base}/v1")),
        ("MODELPRIME_EMAIL", "ada@acme.example".to_string()),
        ("MODELPRIME_TOKEN", "token".to_string()),
        ("AXOLO_URL", format!("{base}/v1")),
        ("AXOLO_API_KEY", "axolo-test".to_string()),
    ]);
    command
}

const INVALID: &[&[&str]] = &[
    // Adverity
    &[
        "adverity",
        "users",
        "create",
        "--email",
        "",
        "--first-name",
        "A",
        "--last-name",
        "B",
    ],
    &[
        "adverity",
        "users",
        "create",
        "--email",
        "not-an-email",
        "--first-name",
        "A",
        "--last-name",
        "B",
    ],
    &[
        "adverity",
        "users",
        "create",
        "--email",
        "a@acme.example",
        "--first-name",
        " ",
        "--last-name",
        "B",
    ],
    &["adverity", "users", "update", "101", "--email", "a@"],
    &["adverity", "users", "get", "0"],
    &["adverity", "users", "delete", ""],
    // Paradime
    &[
        "paradime",
        "users",
        "invite",
        "--email",
        " ",
        "--account-type",
        "ADMIN",
    ],
    &[
        "paradime",
        "users",
        "invite",
        "--email",
        "x@acme.example",
        "--account-type",
        "EMPEROR",
    ],
    &[
        "paradime",
        "users",
        "set-role",
        " ",
        "--account-type",
        "ADMIN",
    ],
    &["paradime", "users", "disable", ""],
    // Model-Prime
    &[
        "modelprime",
        "users",
        "invite",
        "--email",
        "x@",
        "--name",
        "X",
        "--role",
        "admin",
    ],
    &[
        "modelprime",
        "users",
        "invite",
        "--email",
        "x@acme.example",
        "--name",
        "",
        "--role",
        "admin",
    ],
    &[
        "modelprime",
        "users",
        "invite",
        "--email",
        "x@acme.example",
        "--name",
        "X",
        "--role",
        "root",
    ],
    &["modelprime", "users", "set-roles", "u1", "--role", "owner"],
    &["modelprime", "users", "get", "../org"],
    &["modelprime", "users", "remove", " "],
    &["modelprime", "users", "reset-password", ""],
    &["modelprime", "users", "list", "--name-search", " "],
    &["modelprime", "me", "update", "--email", "nobody"],
    &["modelprime", "me", "update"],
    // Axolo
    &[
        "axolo",
        "onboard",
        "--organization",
        "acme-corp",
        "--github-login",
        "",
        "--slack-id",
        "U1",
    ],
    &[
        "axolo",
        "onboard",
        "--organization",
        "acme corp",
        "--github-login",
        "ada",
        "--slack-id",
        "U1",
    ],
    &[
        "axolo",
        "onboard",
        "--organization",
        "acme-corp",
        "--github-login",
        "ada",
        "--slack-id",
        "U 1",
    ],
    &[
        "axolo",
        "offboard",
        "--organization",
        " ",
        "--github-login",
        "ada",
    ],
    &[
        "axolo",
        "offboard",
        "--organization",
        "acme-corp",
        "--github-login=-ada",
    ],
    // Across providers
    &["users", "list", "--provider", "okta"],
    &["users", "list", "--provider", ""],
];

#[test]
fn invalid_values_exit_2_with_a_usage_error_and_send_no_request() {
    let (base, connections) = counting_listener();
    for args in INVALID {
        let output = configured(&base).args(*args).output().unwrap();
        let text = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {text}");
        assert!(output.stdout.is_empty(), "{args:?}");
        assert!(
            text.starts_with("error: ") || text.starts_with("usermgmt: nothing to update"),
            "{args:?}: {text}"
        );
        assert!(!text.contains("connect"), "{args:?}: {text}");
        assert!(!text.contains("panicked"), "{args:?}: {text}");
    }
    assert_eq!(connections.load(Ordering::SeqCst), 0, "a request was sent");
}

#[test]
fn a_valid_command_does_reach_the_counting_listener() {
    // The check above can fail: the same setup with a valid value connects.
    let (base, connections) = counting_listener();
    let output = configured(&base)
        .args(["modelprime", "users", "get", "u1"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(connections.load(Ordering::SeqCst) > 0);
}

#[test]
fn usage_errors_name_the_bad_value_and_why() {
    let output = bare()
        .args([
            "--sandbox",
            "adverity",
            "users",
            "create",
            "--email",
            "ada acme",
            "--first-name",
            "A",
            "--last-name",
            "B",
        ])
        .output()
        .unwrap();
    let text = stderr(&output);
    assert!(text.contains("'ada acme'"), "{text}");
    assert!(text.contains("not an email address"), "{text}");
    let output = bare()
        .args([
            "--sandbox",
            "axolo",
            "offboard",
            "--organization",
            "acme-corp",
            "--github-login=-ada",
        ])
        .output()
        .unwrap();
    assert!(
        stderr(&output).contains("not a valid GitHub login"),
        "{}",
        stderr(&output)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_invitation_leaves_the_sandbox_unchanged() {
    let sandbox = sandbox().await;
    let before = sandbox.modelprime_invitations().len();
    let output = usermgmt(&sandbox)
        .args([
            "modelprime",
            "users",
            "invite",
            "--email",
            "",
            "--name",
            "X",
            "--role",
            "admin",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(sandbox.modelprime_invitations().len(), before);
    let engineers = sandbox.axolo_engineers().len();
    let output = usermgmt(&sandbox)
        .args([
            "axolo",
            "onboard",
            "--organization",
            "acme-corp",
            "--github-login",
            " ",
            "--slack-id",
            "U1X",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(sandbox.axolo_engineers().len(), engineers);
    let users = run_json(usermgmt(&sandbox).args(["adverity", "users", "list"]));
    assert_eq!(users.as_array().unwrap().len(), 7);
}
