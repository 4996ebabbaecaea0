//! `usermgmt users list` when some providers fail: the others' rows are still printed,
//! each failure is named on stderr, the exit code is 1; `--strict` prints nothing.

use std::collections::BTreeSet;

use usermgmt_sandbox::FakeApi;

use crate::support::{array, fails, json, sandbox, stderr, stdout, usermgmt};

fn providers_in(users: &serde_json::Value) -> BTreeSet<String> {
    array(users)
        .iter()
        .map(|u| u["provider"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_provider_failing_beyond_its_retries_leaves_the_others_rows_and_exits_1() {
    let sandbox = sandbox().await;
    sandbox
        .faults(FakeApi::Adverity)
        .next_server_errors(100, 500);
    let output = fails(usermgmt(&sandbox).args(["users", "list", "-o", "json"]));
    assert_eq!(output.status.code(), Some(1));
    let users = json(&output);
    assert_eq!(
        providers_in(&users),
        ["axiom", "modelprime", "paradime"].map(String::from).into()
    );
    assert_eq!(array(&users).len(), 7 + 7 + 6, "{users:#}");
    let text = stderr(&output);
    assert!(text.contains("usermgmt: Adverity failed: "), "{text}");
    assert!(text.contains("500"), "{text}");
    assert!(text.contains("Axolo cannot list users"), "{text}");
    assert!(
        text.contains("the list is incomplete: Adverity failed"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_provider_is_reported_and_the_csv_still_has_the_other_rows() {
    let sandbox = sandbox().await;
    let output = fails(
        usermgmt(&sandbox)
            .env("MODELPRIME_URL", "http://127.0.0.1:1/v1")
            .args(["users", "list", "-o", "csv"]),
    );
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("provider,id,email,name,roles,access,status")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 7 + 7 + 7, "{text}");
    assert!(!rows.iter().any(|r| r.starts_with("modelprime,")), "{text}");
    assert!(
        stderr(&output).contains("usermgmt: Model-Prime failed: "),
        "{}",
        stderr(&output)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn with_strict_any_failure_prints_no_rows_at_all() {
    let sandbox = sandbox().await;
    sandbox
        .faults(FakeApi::Paradime)
        .next_server_errors(100, 503);
    for format in ["json", "csv", "table"] {
        let output = fails(usermgmt(&sandbox).args(["users", "list", "--strict", "-o", format]));
        assert_eq!(output.status.code(), Some(1), "{format}");
        assert!(output.stdout.is_empty(), "{format}: {}", stdout(&output));
        let text = stderr(&output);
        assert!(text.contains("Paradime failed"), "{format}: {text}");
        assert!(
            text.contains("--strict: no users printed"),
            "{format}: {text}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn with_strict_and_no_failure_every_row_is_printed() {
    let sandbox = sandbox().await;
    let output =
        crate::support::ok(usermgmt(&sandbox).args(["users", "list", "--strict", "-o", "json"]));
    assert_eq!(array(&json(&output)).len(), 7 + 7 + 7 + 6);
}
