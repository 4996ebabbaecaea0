//! Output formats across commands: JSON parses as a whole, CSV has a header, logs stay
//! on stderr.

use crate::support::{json, ok, sandboxed, stderr, stdout};

#[test]
fn json_on_a_pipe_is_the_only_thing_on_stdout_even_with_verbose_logging() {
    let output = ok(sandboxed().args(["-vv", "users", "list", "--output", "json"]));
    // `json` parses the whole of stdout: a log line or spinner there would fail it.
    let users = json(&output);
    assert!(users.as_array().is_some_and(|u| !u.is_empty()));
    let logs = stderr(&output);
    assert!(logs.contains("INFO") || logs.contains("DEBUG"), "{logs}");
    assert!(
        !logs.contains('\u{1b}'),
        "colour codes in logs written to a pipe: {logs:?}"
    );
}

#[test]
fn the_output_format_can_come_from_usermgmt_output() {
    let output =
        ok(sandboxed()
            .env("USERMGMT_OUTPUT", "json")
            .args(["paradime", "workspaces", "list"]));
    assert!(json(&output).is_array());
}

#[test]
fn a_single_object_as_csv_is_a_header_and_one_row() {
    let output = ok(sandboxed().args(["axiom", "me", "get", "-o", "csv"]));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[0], "id,name,email,role.id,role.name");
    assert!(
        lines[1].ends_with(",Ada Lovelace,ada@acme.example,owner,owner"),
        "{text}"
    );
}

#[test]
fn a_confirmation_as_csv_is_result_and_action() {
    let output = ok(sandboxed().args([
        "axolo",
        "onboard",
        "--organization",
        "acme-corp",
        "--github-login",
        "blisk",
        "--slack-id",
        "U01BARBARA",
        "-o",
        "csv",
    ]));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0], "result,action,provider,id,email,roles,organization",
        "{text}"
    );
    assert_eq!(lines[1], "ok,onboard,axolo,blisk,,,acme-corp", "{text}");
}

#[test]
fn the_version_flag_prints_the_package_version() {
    let output = ok(sandboxed().arg("--version"));
    assert_eq!(
        stdout(&output).trim(),
        format!("usermgmt {}", env!("CARGO_PKG_VERSION"))
    );
}
