//! `usermgmt paradime users ...` and `usermgmt paradime workspaces list`

use usermgmt_sandbox::demo;

use crate::support::{
    array, fails, find, ok, one_error_line, run_json, sandbox, sandboxed, stdout, usermgmt,
};

#[test]
fn paradime_users_list_shows_active_users_then_invitations_with_paradimes_field_names() {
    let users = run_json(sandboxed().args(["paradime", "users", "list"]));
    assert_eq!(array(&users).len(), 7, "{users:#}");
    let alan = find(&users, "email", demo::LEAVER_EMAIL).unwrap();
    assert_eq!(alan["account_type"], "DEVELOPER");
    assert_eq!(alan["name"], "Alan Turing");
    assert_eq!(alan["uid"].as_str().unwrap().len(), 64);
    let annie = find(&users, "email", "annie@acme.example").unwrap();
    assert_eq!(annie["invite_status"], "ACTIVE");
    assert_eq!(annie["account_type"], "DEVELOPER");
    assert!(annie["uid"].is_null(), "invitations have no uid: {annie:#}");
    assert!(alan["invite_status"].is_null(), "{alan:#}");
    // Active users come first, then the invitations.
    let first_invitation = array(&users)
        .iter()
        .position(|u| u["invite_status"].is_string())
        .unwrap();
    assert!(
        array(&users)[first_invitation..]
            .iter()
            .all(|u| u["invite_status"].is_string())
    );
}

#[test]
fn paradime_workspaces_list_shows_the_demo_workspaces() {
    let workspaces = run_json(sandboxed().args(["paradime", "workspaces", "list"]));
    let names: Vec<&str> = array(&workspaces)
        .iter()
        .map(|w| w["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, demo::PARADIME_WORKSPACES);
    assert!(array(&workspaces).iter().all(|w| w["uid"].is_string()));
}

#[test]
fn paradime_workspaces_list_as_csv_has_a_header_row() {
    let output = ok(sandboxed().args(["paradime", "workspaces", "list", "-o", "csv"]));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "uid,name", "{text}");
    assert_eq!(lines.len(), 3, "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_paradime_invitation_shows_in_the_list_and_active_users_can_change_role_and_be_disabled()
{
    let sandbox = sandbox().await;
    let paradime = |args: &[&str]| {
        let mut command = usermgmt(&sandbox);
        command.args(["paradime", "users"]).args(args);
        command
    };

    let invited = run_json(&mut paradime(&[
        "invite",
        "--email",
        "barbara@acme.example",
        "--account-type",
        "analyst",
    ]));
    assert_eq!(invited["result"], "ok");
    let users = run_json(&mut paradime(&["list"]));
    assert_eq!(array(&users).len(), 8);
    let barbara = find(&users, "email", "barbara@acme.example").unwrap();
    assert_eq!(barbara["account_type"], "ANALYST");
    assert_eq!(barbara["invite_status"], "ACTIVE");

    let grace = find(&users, "email", "grace@acme.example").unwrap();
    let uid = grace["uid"].as_str().unwrap().to_string();
    let changed = run_json(&mut paradime(&[
        "set-role",
        &uid,
        "--account-type",
        "ADMIN",
    ]));
    assert_eq!(changed["result"], "ok");
    let users = run_json(&mut paradime(&["list"]));
    assert_eq!(find(&users, "uid", &uid).unwrap()["account_type"], "ADMIN");

    let disabled = run_json(&mut paradime(&["disable", &uid]));
    assert_eq!(disabled["result"], "ok");
    let users = run_json(&mut paradime(&["list"]));
    assert!(find(&users, "uid", &uid).is_none(), "{users:#}");
    assert_eq!(
        sandbox.paradime_disabled_users(),
        vec!["grace@acme.example".to_string()]
    );

    // A disabled user cannot be disabled again: Paradime answers ok: false.
    let again = fails(&mut paradime(&["disable", &uid]));
    assert!(one_error_line(&again).contains("ok: false"));
}

#[test]
fn paradime_rejects_an_unknown_account_type_before_calling_the_api() {
    let output = fails(sandboxed().args([
        "paradime",
        "users",
        "invite",
        "--email",
        "x@acme.example",
        "--account-type",
        "EMPEROR",
    ]));
    assert_eq!(output.status.code(), Some(2));
    let text = crate::support::stderr(&output);
    assert!(text.contains("'EMPEROR'"), "{text}");
    assert!(
        text.contains("DEVELOPER"),
        "the valid types are listed: {text}"
    );
}
