//! `usermgmt adverity users ...`

use usermgmt_sandbox::demo;

use crate::support::{
    array, fails, find, ok, one_error_line, run_json, sandbox, sandboxed, stdout, usermgmt,
};

#[test]
fn adverity_users_list_follows_every_page_and_keeps_adveritys_field_names() {
    let users = run_json(sandboxed().args(["adverity", "users", "list", "--page-size", "2"]));
    assert_eq!(array(&users).len(), 7, "{users:#}");
    let alan = find(&users, "email", demo::LEAVER_EMAIL).unwrap();
    assert!(alan["id"].is_i64(), "{alan:#}");
    assert_eq!(alan["first_name"], "Alan");
    assert_eq!(alan["last_name"], "Turing");
    assert_eq!(alan["active"], true);
    assert_eq!(alan["groups"], serde_json::json!([2]));
    assert_eq!(alan["workspaces"], serde_json::json!([1]));
    let dorothy = find(&users, "email", "dorothy@acme.example").unwrap();
    assert_eq!(dorothy["active"], false);
}

#[test]
fn adverity_users_list_stops_at_the_limit() {
    let users = run_json(sandboxed().args([
        "adverity",
        "users",
        "list",
        "--page-size",
        "2",
        "--limit",
        "3",
    ]));
    assert_eq!(array(&users).len(), 3, "{users:#}");
}

#[test]
fn adverity_users_list_as_csv_has_a_header_row_and_one_row_per_user() {
    let output = ok(sandboxed().args(["adverity", "users", "list", "--output", "csv"]));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 8, "{text}");
    let header: Vec<&str> = lines[0].split(',').collect();
    for column in ["id", "email", "first_name", "last_name", "active", "groups"] {
        assert!(header.contains(&column), "no {column} in {header:?}");
    }
    assert!(text.contains("alan@acme.example"), "{text}");
}

#[test]
fn adverity_users_get_shows_one_user_as_an_object() {
    let ada = run_json(sandboxed().args(["adverity", "users", "get", "101"]));
    assert!(ada.is_object(), "{ada:#}");
    assert_eq!(ada["id"], 101);
    assert_eq!(ada["email"], demo::OWNER_EMAIL);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_adverity_user_can_be_created_read_updated_and_deleted() {
    let sandbox = sandbox().await;
    let adverity = |args: &[&str]| {
        let mut command = usermgmt(&sandbox);
        command.args(["adverity", "users"]).args(args);
        command
    };

    let created = run_json(&mut adverity(&[
        "create",
        "--email",
        "barbara@acme.example",
        "--first-name",
        "Barbara",
        "--last-name",
        "Liskov",
        "--group",
        "2",
        "--workspace",
        "1",
        "--workspace",
        "3",
        "--inactive",
    ]));
    assert!(created.is_object(), "{created:#}");
    assert_eq!(created["email"], "barbara@acme.example");
    assert_eq!(created["first_name"], "Barbara");
    assert_eq!(created["last_name"], "Liskov");
    assert_eq!(created["groups"], serde_json::json!([2]));
    assert_eq!(created["workspaces"], serde_json::json!([1, 3]));
    assert_eq!(created["active"], false);
    let id = created["id"].as_i64().unwrap().to_string();

    let fetched = run_json(&mut adverity(&["get", &id]));
    assert_eq!(fetched, created);
    let listed = run_json(&mut adverity(&["list"]));
    assert_eq!(array(&listed).len(), 8);

    // A PATCH: only the flags given change.
    let updated = run_json(&mut adverity(&[
        "update",
        &id,
        "--last-name",
        "Huberman Liskov",
        "--workspace",
        "2",
    ]));
    assert_eq!(updated["last_name"], "Huberman Liskov");
    assert_eq!(updated["first_name"], "Barbara");
    assert_eq!(updated["email"], "barbara@acme.example");
    assert_eq!(updated["workspaces"], serde_json::json!([2]));
    assert_eq!(updated["groups"], serde_json::json!([2]));
    assert_eq!(updated["active"], false);
    let fetched = run_json(&mut adverity(&["get", &id]));
    assert_eq!(fetched["last_name"], "Huberman Liskov");

    // --inactive on update deactivates an active user.
    let deactivated = run_json(&mut adverity(&["update", "103", "--inactive"]));
    assert_eq!(deactivated["active"], false);
    assert_eq!(deactivated["email"], "grace@acme.example");

    let deleted = run_json(&mut adverity(&["delete", &id]));
    assert_eq!(deleted["result"], "ok");
    let gone = fails(&mut adverity(&["get", &id]));
    assert!(one_error_line(&gone).contains("404"));
    let listed = run_json(&mut adverity(&["list"]));
    assert_eq!(array(&listed).len(), 7);
    assert!(find(&listed, "email", "barbara@acme.example").is_none());
}

#[test]
fn adverity_rejects_a_duplicate_email_with_the_apis_message() {
    let output = fails(sandboxed().args([
        "adverity",
        "users",
        "create",
        "--email",
        demo::LEAVER_EMAIL,
        "--first-name",
        "Alan",
        "--last-name",
        "Again",
    ]));
    let line = one_error_line(&output);
    assert!(line.contains("400"), "{line}");
    assert!(line.contains("already exists"), "{line}");
}

#[test]
fn adverity_ids_must_be_numbers() {
    let output = fails(sandboxed().args(["adverity", "users", "get", "abc"]));
    assert_eq!(output.status.code(), Some(2));
}
