//! `usermgmt users list`: one list across providers.

use std::collections::BTreeSet;

use serde_json::Value;
use usermgmt_sandbox::demo;

use crate::support::{array, fails, ok, one_error_line, run_json, sandboxed, stderr, stdout};

fn providers_of(users: &Value) -> BTreeSet<String> {
    array(users)
        .iter()
        .map(|u| u["provider"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn users_list_covers_every_provider_that_can_list_and_tags_each_user_with_its_provider() {
    let output = ok(sandboxed().args(["users", "list", "--output", "json"]));
    // Only that Axolo, which cannot list, is not included.
    assert_eq!(
        stderr(&output),
        "usermgmt: Axolo cannot list users; its accounts are not included\n"
    );
    let users = crate::support::json(&output);
    assert_eq!(
        providers_of(&users),
        ["adverity", "axiom", "modelprime", "paradime"]
            .map(String::from)
            .into()
    );
    for user in array(&users) {
        for field in ["provider", "roles", "access", "status"] {
            assert!(user.get(field).is_some(), "{field} missing: {user:#}");
        }
    }
    let alan: Vec<&Value> = array(&users)
        .iter()
        .filter(|u| u["email"] == demo::LEAVER_EMAIL)
        .collect();
    assert_eq!(alan.len(), 4, "{alan:#?}");
    assert!(alan.iter().all(|u| u["status"] == "active"));
    // Invitations and disabled accounts are listed with their status.
    assert!(
        array(&users)
            .iter()
            .any(|u| u["email"] == "annie@acme.example" && u["status"] == "invited")
    );
    assert!(
        array(&users)
            .iter()
            .any(|u| u["email"] == "dorothy@acme.example" && u["status"] == "disabled")
    );
}

#[test]
fn users_list_with_providers_named_lists_only_those() {
    let users = run_json(sandboxed().args([
        "users",
        "list",
        "--provider",
        "axiom",
        "--provider",
        "paradime",
    ]));
    assert_eq!(
        providers_of(&users),
        ["axiom", "paradime"].map(String::from).into()
    );
    assert_eq!(array(&users).len(), 7 + 7);
}

#[test]
fn users_list_as_csv_starts_with_a_header_row() {
    let output = ok(sandboxed().args(["users", "list", "--provider", "axiom", "-o", "csv"]));
    let text = stdout(&output);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("provider,id,email,name,roles,access,status")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 7, "{text}");
    assert!(rows.iter().all(|r| r.starts_with("axiom,")), "{text}");
}

#[test]
fn users_list_as_a_table_has_the_provider_column() {
    let output = ok(sandboxed().args(["users", "list", "--provider", "adverity"]));
    let text = stdout(&output);
    for header in ["provider", "email", "status"] {
        assert!(text.contains(header), "no {header} column:\n{text}");
    }
    assert!(text.contains("charles@acme.example"), "{text}");
}

#[test]
fn users_list_for_axolo_is_an_error_because_axolo_cannot_list() {
    let output = fails(sandboxed().args(["users", "list", "--provider", "axolo"]));
    let line = one_error_line(&output);
    assert!(line.contains("Axolo"), "{line}");
    assert!(line.contains("listing users"), "{line}");
}

#[test]
fn users_list_for_an_unknown_provider_names_the_valid_ones() {
    let output = fails(sandboxed().args(["users", "list", "--provider", "okta"]));
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("'okta'"), "{text}");
    assert!(text.contains("modelprime"), "{text}");
}
