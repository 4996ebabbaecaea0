//! `usermgmt axiom users ...`, `usermgmt axiom roles ...` and `usermgmt axiom me ...`

use usermgmt_sandbox::demo;

use crate::support::{
    array, fails, find, json, ok, one_error_line, run_json, sandbox, sandboxed, stderr, stdout,
    usermgmt,
};

#[test]
fn axiom_users_list_prints_every_demo_user_with_axioms_own_field_names() {
    let users = run_json(sandboxed().args(["axiom", "users", "list"]));
    assert_eq!(array(&users).len(), 7, "{users:#}");
    for user in array(&users) {
        for field in ["id", "name", "email"] {
            assert!(user[field].is_string(), "{field} missing: {user:#}");
        }
        assert!(user["role"]["id"].is_string(), "role.id missing: {user:#}");
    }
    let alan = find(&users, "email", demo::LEAVER_EMAIL).unwrap();
    assert_eq!(alan["name"], "Alan Turing");
    assert_eq!(alan["role"]["id"], "admin");
    let edsger = find(&users, "email", "edsger@acme.example").unwrap();
    assert_eq!(edsger["role"]["id"], demo::AXIOM_CUSTOM_ROLE_ID);
    assert_eq!(edsger["role"]["name"], demo::AXIOM_CUSTOM_ROLE_NAME);
}

#[test]
fn axiom_users_list_as_a_table_shows_flattened_role_columns() {
    let output = ok(sandboxed().args(["axiom", "users", "list"]));
    let text = stdout(&output);
    for header in ["id", "name", "email", "role.id", "role.name"] {
        assert!(text.contains(header), "no {header} column:\n{text}");
    }
    assert!(text.contains("alan@acme.example"), "{text}");
}

#[test]
fn axiom_me_get_shows_the_owner_of_the_token() {
    let me = run_json(sandboxed().args(["axiom", "me", "get"]));
    assert!(me.is_object(), "{me:#}");
    assert_eq!(me["email"], demo::OWNER_EMAIL);
    assert_eq!(me["role"]["id"], "owner");
}

#[tokio::test(flavor = "multi_thread")]
async fn axiom_me_rename_changes_the_current_users_name_for_later_calls() {
    let sandbox = sandbox().await;
    let renamed =
        run_json(usermgmt(&sandbox).args(["axiom", "me", "rename", "--name", "Ada King"]));
    assert_eq!(renamed["name"], "Ada King");
    assert_eq!(renamed["email"], demo::OWNER_EMAIL);
    let me = run_json(usermgmt(&sandbox).args(["axiom", "me", "get"]));
    assert_eq!(me["name"], "Ada King");
    let users = run_json(usermgmt(&sandbox).args(["axiom", "users", "list"]));
    assert_eq!(
        find(&users, "email", demo::OWNER_EMAIL).unwrap()["name"],
        "Ada King"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_axiom_user_can_be_created_read_updated_given_a_role_and_deleted() {
    let sandbox = sandbox().await;
    let axiom = |args: &[&str]| {
        let mut command = usermgmt(&sandbox);
        command.arg("axiom").args(args);
        command
    };

    let created = run_json(&mut axiom(&[
        "users",
        "create",
        "--name",
        "Barbara Liskov",
        "--email",
        "barbara@acme.example",
        "--role",
        "user",
    ]));
    assert!(created.is_object(), "{created:#}");
    assert_eq!(created["name"], "Barbara Liskov");
    assert_eq!(created["email"], "barbara@acme.example");
    assert_eq!(created["role"]["id"], "user");
    let id = created["id"].as_str().unwrap().to_string();
    assert!(!id.is_empty());

    let fetched = run_json(&mut axiom(&["users", "get", &id]));
    assert_eq!(fetched, created);
    let listed = run_json(&mut axiom(&["users", "list"]));
    assert_eq!(array(&listed).len(), 8);
    assert_eq!(
        find(&listed, "id", &id).unwrap()["email"],
        "barbara@acme.example"
    );

    let updated = run_json(&mut axiom(&[
        "users",
        "update",
        &id,
        "--name",
        "Barbara H. Liskov",
        "--email",
        "liskov@acme.example",
    ]));
    assert_eq!(updated["id"], id.as_str());
    assert_eq!(updated["name"], "Barbara H. Liskov");
    assert_eq!(updated["email"], "liskov@acme.example");

    // --email is optional: the name alone changes, the email stays. The call is
    // deprecated, and says so on stderr (stdout stays one JSON document).
    let output = ok(axiom(&["users", "update", &id, "--name", "B. Liskov"]).args(["-o", "json"]));
    let warning = stderr(&output);
    assert!(warning.contains("deprecated"), "{warning}");
    assert!(warning.contains("axiom me rename"), "{warning}");
    let renamed = json(&output);
    assert_eq!(renamed["name"], "B. Liskov");
    assert_eq!(renamed["email"], "liskov@acme.example");

    let promoted = run_json(&mut axiom(&["users", "set-role", &id, "--role", "admin"]));
    assert_eq!(promoted["role"]["id"], "admin");
    let fetched = run_json(&mut axiom(&["users", "get", &id]));
    assert_eq!(fetched["name"], "B. Liskov");
    assert_eq!(fetched["role"]["id"], "admin");

    let deleted = run_json(&mut axiom(&["users", "delete", &id]));
    assert_eq!(deleted["result"], "ok");
    assert_eq!(deleted["action"], "delete", "{deleted:#}");
    assert_eq!(deleted["provider"], "axiom");
    assert_eq!(deleted["id"], id.as_str());

    let gone = fails(&mut axiom(&["users", "get", &id]));
    assert!(one_error_line(&gone).contains("404"));
    let listed = run_json(&mut axiom(&["users", "list"]));
    assert_eq!(array(&listed).len(), 7);
    assert!(find(&listed, "id", &id).is_none());
    // Deleting again is the API's 404, reported as an error.
    let again = fails(&mut axiom(&["users", "delete", &id]));
    assert!(one_error_line(&again).contains("404"));
}

#[tokio::test(flavor = "multi_thread")]
async fn axiom_rejects_a_duplicate_email_and_an_unknown_role_with_one_line_each() {
    let sandbox = sandbox().await;
    let duplicate = fails(usermgmt(&sandbox).args([
        "axiom",
        "users",
        "create",
        "--name",
        "Alan Again",
        "--email",
        demo::LEAVER_EMAIL,
        "--role",
        "user",
    ]));
    assert!(one_error_line(&duplicate).contains("409"));
    let bad_role = fails(usermgmt(&sandbox).args([
        "axiom",
        "users",
        "create",
        "--name",
        "Someone",
        "--email",
        "someone@acme.example",
        "--role",
        "emperor",
    ]));
    assert!(one_error_line(&bad_role).contains("404"));
    // Neither attempt created anyone.
    let users = json(&ok(
        usermgmt(&sandbox).args(["axiom", "users", "list", "-o", "json"])
    ));
    assert_eq!(array(&users).len(), 7);
}

#[test]
fn axiom_roles_list_shows_the_custom_role_with_its_name_and_members() {
    let roles = run_json(sandboxed().args(["axiom", "roles", "list"]));
    let role = find(&roles, "id", demo::AXIOM_CUSTOM_ROLE_ID).unwrap();
    assert_eq!(role["name"], demo::AXIOM_CUSTOM_ROLE_NAME);
    assert_eq!(array(&role["members"]).len(), 1);
    let one = run_json(sandboxed().args(["axiom", "roles", "get", demo::AXIOM_CUSTOM_ROLE_ID]));
    assert_eq!(one["name"], demo::AXIOM_CUSTOM_ROLE_NAME);
    let missing = fails(sandboxed().args(["axiom", "roles", "get", "no-such-role"]));
    assert!(one_error_line(&missing).contains("404"));
}

#[test]
fn users_list_in_the_unified_view_names_the_custom_role() {
    let users = run_json(sandboxed().args(["users", "list", "--provider", "axiom"]));
    let edsger = find(&users, "email", "edsger@acme.example").unwrap();
    assert_eq!(
        edsger["roles"],
        serde_json::json!([demo::AXIOM_CUSTOM_ROLE_NAME])
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn axiom_me_with_an_api_token_names_the_personal_token_and_org_id_it_needs() {
    let sandbox = sandbox().await;
    let output = fails(
        usermgmt(&sandbox)
            .env_remove("AXIOM_PERSONAL_TOKEN")
            .args(["axiom", "me", "get"]),
    );
    let line = one_error_line(&output);
    for needed in [
        "403",
        "personal access token",
        "AXIOM_PERSONAL_TOKEN",
        "AXIOM_ORG_ID",
    ] {
        assert!(line.contains(needed), "{needed} not named: {line}");
    }
    // The API token itself is never printed.
    let token = sandbox.axiom().credential("AXIOM_TOKEN").unwrap();
    assert!(!line.contains(token), "{line}");
    // The same environment still serves the organisation's users.
    let users = run_json(
        usermgmt(&sandbox)
            .env_remove("AXIOM_PERSONAL_TOKEN")
            .args(["axiom", "users", "list"]),
    );
    assert_eq!(array(&users).len(), 7);
}
