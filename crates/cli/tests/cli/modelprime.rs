//! `usermgmt modelprime org|me|users ...`

use usermgmt_sandbox::demo;

use crate::support::{
    array, fails, find, ok, one_error_line, run_json, sandbox, sandboxed, stdout, usermgmt,
};

#[test]
fn modelprime_org_get_shows_the_organization() {
    let org = run_json(sandboxed().args(["modelprime", "org", "get"]));
    assert!(org.is_object(), "{org:#}");
    assert_eq!(org["name"], demo::ORGANIZATION_NAME);
    assert!(org["id"].is_string());
}

#[test]
fn modelprime_me_get_shows_the_token_owner_with_roles() {
    let me = run_json(sandboxed().args(["modelprime", "me", "get"]));
    assert_eq!(me["email"], demo::OWNER_EMAIL);
    assert_eq!(me["roles"], serde_json::json!(["admin"]));
}

#[tokio::test(flavor = "multi_thread")]
async fn modelprime_me_update_changes_the_name_or_email_and_needs_at_least_one_flag() {
    let sandbox = sandbox().await;
    let updated =
        run_json(usermgmt(&sandbox).args(["modelprime", "me", "update", "--name", "Ada King"]));
    assert_eq!(updated["name"], "Ada King");
    assert_eq!(updated["email"], demo::OWNER_EMAIL);
    let me = run_json(usermgmt(&sandbox).args(["modelprime", "me", "get"]));
    assert_eq!(me["name"], "Ada King");

    let nothing = fails(usermgmt(&sandbox).args(["modelprime", "me", "update"]));
    assert!(one_error_line(&nothing).contains("--name"));

    // The email is half of Model-Prime's credentials: after changing it, the old one
    // no longer authenticates and the new one does.
    let moved = run_json(usermgmt(&sandbox).args([
        "modelprime",
        "me",
        "update",
        "--email",
        "ada.king@acme.example",
    ]));
    assert_eq!(moved["email"], "ada.king@acme.example");
    let stale = fails(usermgmt(&sandbox).args(["modelprime", "me", "get"]));
    let line = one_error_line(&stale);
    assert!(line.contains("401"), "{line}");
    assert!(line.contains("MODELPRIME_EMAIL"), "{line}");
    let me = run_json(
        usermgmt(&sandbox)
            .env("MODELPRIME_EMAIL", "ada.king@acme.example")
            .args(["modelprime", "me", "get"]),
    );
    assert_eq!(me["name"], "Ada King");
}

#[test]
fn modelprime_users_list_pages_filters_by_name_and_stops_at_the_limit() {
    let all = run_json(sandboxed().args(["modelprime", "users", "list", "--page-size", "2"]));
    assert_eq!(array(&all).len(), 6, "{all:#}");
    for user in array(&all) {
        for field in ["id", "email", "name"] {
            assert!(user[field].is_string(), "{field} missing: {user:#}");
        }
    }

    let turing =
        run_json(sandboxed().args(["modelprime", "users", "list", "--name-search", "tur"]));
    assert_eq!(array(&turing).len(), 1, "{turing:#}");
    assert_eq!(array(&turing)[0]["email"], demo::LEAVER_EMAIL);

    let limited = run_json(sandboxed().args([
        "modelprime",
        "users",
        "list",
        "--page-size",
        "2",
        "--limit",
        "3",
    ]));
    assert_eq!(array(&limited).len(), 3, "{limited:#}");
}

#[test]
fn modelprime_users_list_as_csv_has_a_header_row() {
    let output = ok(sandboxed().args(["modelprime", "users", "list", "-o", "csv"]));
    let text = stdout(&output);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    for column in ["id", "email", "name"] {
        assert!(header.contains(&column), "no {column} in {header:?}");
    }
    assert_eq!(lines.count(), 6, "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_modelprime_user_can_be_invited_given_roles_reset_and_removed() {
    let sandbox = sandbox().await;
    let users = |args: &[&str]| {
        let mut command = usermgmt(&sandbox);
        command.args(["modelprime", "users"]).args(args);
        command
    };

    // Google sign-in is the default connection; --connection none is a password account.
    let invited = run_json(&mut users(&[
        "invite",
        "--email",
        "barbara@acme.example",
        "--name",
        "Barbara Liskov",
        "--role",
        "analyst",
        "--role",
        "developer",
        "--connection",
        "none",
    ]));
    assert_eq!(invited["result"], "ok");
    assert_eq!(invited["action"], "invite");
    assert_eq!(invited["email"], "barbara@acme.example");
    assert_eq!(
        invited["roles"],
        serde_json::json!(["analyst", "developer"])
    );
    let google = run_json(&mut users(&[
        "invite",
        "--email",
        "frances@acme.example",
        "--name",
        "Frances Allen",
        "--role",
        "analyst",
    ]));
    assert_eq!(google["result"], "ok");
    let invitations = sandbox.modelprime_invitations();
    let barbara = invitations
        .iter()
        .find(|i| i.email == "barbara@acme.example")
        .unwrap();
    assert_eq!(barbara.name, "Barbara Liskov");
    let mut roles = barbara.roles.clone();
    roles.sort();
    assert_eq!(roles, ["analyst", "developer"]);
    assert_eq!(barbara.connection, None);
    let frances = invitations
        .iter()
        .find(|i| i.email == "frances@acme.example")
        .unwrap();
    assert_eq!(frances.connection.as_deref(), Some("google-oauth2"));

    // Invitations are invisible to the API until accepted.
    let listed = run_json(&mut users(&["list"]));
    assert!(find(&listed, "email", "barbara@acme.example").is_none());
    let id = sandbox
        .modelprime_accept_invitation("barbara@acme.example")
        .unwrap();
    let listed = run_json(&mut users(&["list"]));
    assert_eq!(
        find(&listed, "id", &id).unwrap()["email"],
        "barbara@acme.example"
    );
    let fetched = run_json(&mut users(&["get", &id]));
    assert!(fetched.is_object(), "{fetched:#}");
    assert_eq!(fetched["name"], "Barbara Liskov");

    let replaced = run_json(&mut users(&["set-roles", &id, "--role", "admin"]));
    assert_eq!(replaced["result"], "ok");
    assert_eq!(replaced["action"], "set-roles");
    assert_eq!(replaced["id"], id.as_str());
    let fetched = run_json(&mut users(&["get", &id]));
    assert_eq!(fetched["roles"], serde_json::json!(["admin"]));

    let reset = run_json(&mut users(&["reset-password", &id]));
    assert_eq!(reset["result"], "ok");
    assert_eq!(reset["action"], "reset-password");
    assert_eq!(reset["provider"], "modelprime");
    assert_eq!(reset["id"], id.as_str());

    let removed = run_json(&mut users(&["remove", &id]));
    assert_eq!(removed["result"], "ok");
    assert_eq!(removed["action"], "remove");
    assert_eq!(removed["id"], id.as_str());
    let gone = fails(&mut users(&["get", &id]));
    assert!(one_error_line(&gone).contains("404"));
    let listed = run_json(&mut users(&["list"]));
    assert!(find(&listed, "id", &id).is_none());
}

#[test]
fn modelprime_cannot_reset_the_password_of_a_google_account() {
    let users = run_json(sandboxed().args(["modelprime", "users", "list"]));
    let alan = find(&users, "email", demo::LEAVER_EMAIL).unwrap();
    let id = alan["id"].as_str().unwrap();
    assert!(id.starts_with("google-oauth2|"), "{id}");
    let output = fails(sandboxed().args(["modelprime", "users", "reset-password", id]));
    let line = one_error_line(&output);
    assert!(line.contains("400"), "{line}");
    assert!(line.contains("google-oauth2"), "{line}");
}

#[test]
fn modelprime_rejects_an_unknown_role_before_calling_the_api() {
    let output = fails(sandboxed().args([
        "modelprime",
        "users",
        "invite",
        "--email",
        "x@acme.example",
        "--name",
        "X Person",
        "--role",
        "superuser",
    ]));
    assert_eq!(output.status.code(), Some(2));
    let text = crate::support::stderr(&output);
    assert!(text.contains("'superuser'"), "{text}");
    assert!(text.contains("admin, developer, analyst"), "{text}");
}

#[test]
fn modelprime_invite_needs_at_least_one_role() {
    let output = fails(sandboxed().args([
        "modelprime",
        "users",
        "invite",
        "--email",
        "x@acme.example",
        "--name",
        "X Person",
    ]));
    assert_eq!(output.status.code(), Some(2));
    assert!(crate::support::stderr(&output).contains("--role"));
}
