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

#[test]
fn an_empty_list_as_csv_still_has_its_header_row_and_as_json_is_an_empty_array() {
    let args = [
        "modelprime",
        "users",
        "list",
        "--name-search",
        "nobody here",
    ];
    let csv = ok(sandboxed().args(args).args(["-o", "csv"]));
    assert_eq!(stdout(&csv), "id,email,name\n");
    let empty = ok(sandboxed().args(args).args(["-o", "json"]));
    assert_eq!(json(&empty), serde_json::json!([]));
}

#[test]
fn no_headers_drops_the_header_row_of_csv_and_tables() {
    let csv = ok(sandboxed().args([
        "--no-headers",
        "paradime",
        "workspaces",
        "list",
        "-o",
        "csv",
    ]));
    let text = stdout(&csv);
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(!text.contains("uid"), "{text}");
    let table = ok(sandboxed().args(["paradime", "workspaces", "list", "--no-headers"]));
    let text = stdout(&table);
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.starts_with(|c: char| c.is_ascii_hexdigit()), "{text}");
}

#[test]
fn a_json_list_is_written_one_item_per_line_between_brackets() {
    let output = ok(sandboxed().args(["modelprime", "users", "list", "-o", "json"]));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.first(), Some(&"["), "{text}");
    assert_eq!(lines.last(), Some(&"]"), "{text}");
    assert_eq!(lines.len(), 6 + 2, "{text}");
    for line in &lines[1..lines.len() - 1] {
        let item: serde_json::Value = serde_json::from_str(line.trim_end_matches(',')).unwrap();
        assert!(item["id"].is_string(), "{line}");
    }
}

#[test]
fn a_piped_table_has_no_borders_one_line_per_row_and_whole_ids() {
    let output = ok(sandboxed().args(["users", "list", "--provider", "modelprime"]));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + 6, "{text}");
    assert!(!text.contains(['│', '┆', '─', '═']), "{text}");
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(
        header,
        [
            "provider", "id", "email", "name", "roles", "access", "status"
        ]
    );
    assert!(
        text.contains(" google-oauth2|108700165538783155118 "),
        "{text}"
    );
    assert!(text.contains(" alan@acme.example "), "{text}");
}

#[test]
fn the_help_of_each_list_command_names_its_columns() {
    for (args, columns) in [
        (
            &["users", "list"][..],
            "provider, id, email, name, roles, access, status",
        ),
        (&["modelprime", "users", "list"][..], "id, email, name"),
        (
            &["paradime", "users", "list"][..],
            "uid, email, name, account_type, invite_status",
        ),
        (&["paradime", "workspaces", "list"][..], "uid, name"),
        (
            &["runs", "list"][..],
            "id, kind, state, started_at, os_user",
        ),
        (
            &["adverity", "users", "list"][..],
            "id, email, first_name, last_name, active",
        ),
    ] {
        let output = ok(sandboxed().args(args).arg("--help"));
        // Help text wraps at the terminal width: compare with whitespace collapsed.
        let text = stdout(&output)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains(columns), "{args:?}:\n{text}");
        assert!(text.contains("Example"), "{args:?}:\n{text}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_table_stops_at_ten_thousand_rows_and_says_how_to_get_them_all() {
    let sandbox = usermgmt_sandbox::Sandbox::builder()
        .seed(usermgmt_sandbox::Seed::Empty)
        .synthetic_users(usermgmt_sandbox::FakeApi::ModelPrime, 10_003)
        .start()
        .await
        .unwrap();
    // CSV has them all (the empty seed still has the token's owner).
    let csv =
        ok(crate::support::usermgmt(&sandbox).args(["modelprime", "users", "list", "-o", "csv"]));
    let total = stdout(&csv).lines().count() - 1;
    assert!(total > 10_003, "{total}");
    let output = ok(crate::support::usermgmt(&sandbox).args(["modelprime", "users", "list"]));
    assert_eq!(stdout(&output).lines().count(), 1 + 10_000);
    let text = stderr(&output);
    assert!(
        text.contains(&format!("{} more were left out", total - 10_000)),
        "{text}"
    );
    assert!(text.contains("--output csv"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn action_results_have_the_same_fields_for_every_provider() {
    let sandbox = crate::support::sandbox().await;
    let deleted = crate::support::run_json(
        crate::support::usermgmt(&sandbox).args(["adverity", "users", "delete", "104"]),
    );
    assert_eq!(
        deleted,
        serde_json::json!({
            "result": "ok", "action": "delete", "provider": "adverity", "id": "104",
            "email": null, "roles": null, "organization": null,
        })
    );
    let invited = crate::support::run_json(crate::support::usermgmt(&sandbox).args([
        "paradime",
        "users",
        "invite",
        "--email",
        "frances@acme.example",
        "--account-type",
        "analyst",
    ]));
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&invited), keys(&deleted));
    assert_eq!(invited["action"], "invite");
    assert_eq!(invited["email"], "frances@acme.example");
    assert_eq!(invited["roles"], serde_json::json!(["ANALYST"]));
}
