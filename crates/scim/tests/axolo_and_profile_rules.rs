//! The fifth tool through SCIM, and the profile rules: Axolo onboards and offboards by
//! the GitHub login and Slack id of the bridge's Axolo extension, and a user created
//! under the group rule gets access only by joining a profile's group. Checked in the
//! sandbox's own state (Axolo's API cannot list engineers).
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::http::StatusCode;
use serde_json::{Value, json};
use usermgmt::AccessProfile;
use usermgmt::testing::SandboxExt;
use usermgmt_journal::{Journal, ListOptions};
use usermgmt_sandbox::Sandbox;
use usermgmt_sandbox::demo::AXOLO_ORGANIZATION;
use usermgmt_scim::{AXOLO_SCHEMA, Bridge, ProfileRule};

mod common;

use common::*;

/// A journaled bridge over a sandbox the test keeps, with one profile, `engineer`,
/// that includes Axolo.
async fn engineering() -> (Sandbox, Bridge, Arc<Journal>) {
    let sandbox = Sandbox::start().await.unwrap();
    let engineer: AccessProfile = serde_json::from_value(json!({
        "axiom": "user",
        "adverity": {"groups": [2], "workspaces": [1]},
        "paradime": "DEVELOPER",
        "modelprime": ["developer"],
        "axolo": true,
    }))
    .unwrap();
    let journal = Arc::new(Journal::open_in_memory().unwrap());
    let bridge = Bridge::new(sandbox.directory(), TOKEN.to_string().into())
        .profiles(BTreeMap::from([("engineer".to_string(), engineer)]))
        .base_url("https://scim.acme.example")
        .journal(journal.clone());
    (sandbox, bridge, journal)
}

/// [`engineering`] with Axolo's organization and `engineer` as the default profile, and
/// Joan created through it (login `joan-c`, Slack `U0JOAN`): the bridge's answer.
async fn joan_joined() -> (Sandbox, Bridge, Arc<Journal>, Answer) {
    let (sandbox, bridge, journal) = engineering().await;
    let bridge = bridge
        .default_profile("engineer")
        .axolo_organization(AXOLO_ORGANIZATION);
    let created = write(
        &bridge,
        "POST",
        "/scim/v2/Users",
        &joan("joan-c", "U0JOAN"),
        None,
    )
    .await;
    (sandbox, bridge, journal, created)
}

fn joan(login: &str, slack_id: &str) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", AXOLO_SCHEMA],
        "userName": "joan@acme.example",
        "name": {"givenName": "Joan", "familyName": "Clarke"},
        "emails": [{"primary": true, "value": "joan@acme.example", "type": "work"}],
        "active": true,
        AXOLO_SCHEMA: {"githubLogin": login, "slackId": slack_id},
    })
}

/// The logins onboarded in the sandbox's Axolo organization, with their Slack ids.
fn engineers(sandbox: &Sandbox) -> Vec<(String, String)> {
    sandbox
        .axolo_engineers()
        .into_iter()
        .filter(|e| e.organization == AXOLO_ORGANIZATION)
        .map(|e| (e.github_login, e.slack_id))
        .collect()
}

fn has(sandbox: &Sandbox, login: &str, slack_id: &str) -> bool {
    engineers(sandbox).contains(&(login.to_string(), slack_id.to_string()))
}

fn patch(operations: Value) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": operations,
    })
}

/// How an identity provider sends a login change, a deactivation and a reactivation.
struct Shapes {
    /// The request changing the login to `joan-clarke`: method and body.
    moving: (&'static str, Value),
    deactivate: Value,
    reactivate: Value,
}

/// Joiner, login change, leaver, returner in `shapes`, with Axolo's state checked
/// after each.
async fn join_move_leave_return(shapes: Shapes) {
    let (sandbox, bridge, journal, created) = joan_joined().await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert!(
        has(&sandbox, "joan-c", "U0JOAN"),
        "{:?}",
        engineers(&sandbox)
    );
    assert_eq!(created.body[AXOLO_SCHEMA]["githubLogin"], "joan-c");
    let id = created.body["id"].as_str().unwrap().to_string();
    let uri = format!("/scim/v2/Users/{id}");
    let runs = journal.list_runs(&ListOptions::default()).unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].steps, 5, "one step per provider: {:?}", runs[0]);

    // Her GitHub login changes: the old one leaves Axolo, the new one joins.
    let (method, body) = &shapes.moving;
    let moved = write(&bridge, method, &uri, body, None).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert_eq!(moved.body[AXOLO_SCHEMA]["githubLogin"], "joan-clarke");
    assert!(
        has(&sandbox, "joan-clarke", "U0JOAN"),
        "{:?}",
        engineers(&sandbox)
    );
    assert!(!engineers(&sandbox).iter().any(|(l, _)| l == "joan-c"));
    assert_eq!(journal.list_runs(&ListOptions::default()).unwrap().len(), 2);

    // Leaver: offboarded at Axolo by the login stored, and everywhere else.
    let left = write(&bridge, "PATCH", &uri, &shapes.deactivate, None).await;
    assert_eq!(left.status, StatusCode::OK, "{}", left.body);
    assert_eq!(left.body["active"], false);
    // Paradime's invitation stays: no API can revoke it (the run records it skipped).
    assert_eq!(providers_of(&left.body), ["paradime"], "{}", left.body);
    assert!(
        !engineers(&sandbox)
            .iter()
            .any(|(l, _)| l.starts_with("joan")),
        "{:?}",
        engineers(&sandbox)
    );
    // Returner: reinstated from that run, at Axolo with the Slack id it recorded.
    let back = write(&bridge, "PATCH", &uri, &shapes.reactivate, None).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert_eq!(back.body["active"], true);
    assert_eq!(providers_of(&back.body), ["axiom", "adverity", "paradime"]);
    assert!(
        has(&sandbox, "joan-clarke", "U0JOAN"),
        "{:?}",
        engineers(&sandbox)
    );
    let kinds: Vec<String> = journal
        .list_runs(&ListOptions::default())
        .unwrap()
        .into_iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(
        kinds,
        ["reinstate", "offboard", "onboard", "onboard"],
        "newest first"
    );
}

/// Entra: attribute PATCHes by path, extension attributes by URN-qualified path,
/// string booleans.
#[tokio::test]
async fn axolo_follows_entra_s_join_login_change_leave_and_return() {
    join_move_leave_return(Shapes {
        moving: (
            "PATCH",
            patch(json!([{
                "op": "Replace",
                "path": format!("{AXOLO_SCHEMA}:githubLogin"),
                "value": "joan-clarke",
            }])),
        ),
        deactivate: entra_deactivate(),
        reactivate: patch(json!([{"op": "Replace", "path": "active", "value": "True"}])),
    })
    .await;
}

/// Okta: profile changes as a whole-user PUT, (de)activation as a PATCH without a
/// path.
#[tokio::test]
async fn axolo_follows_okta_s_join_login_change_leave_and_return() {
    join_move_leave_return(Shapes {
        moving: ("PUT", joan("joan-clarke", "U0JOAN")),
        deactivate: okta_deactivate(),
        reactivate: patch(json!([{"op": "replace", "value": {"active": true}}])),
    })
    .await;
}

#[tokio::test]
async fn a_malformed_login_or_slack_id_is_refused_where_axolo_would_get_it() {
    let (sandbox, bridge, journal) = engineering().await;
    let bridge = bridge
        .default_profile("engineer")
        .axolo_organization(AXOLO_ORGANIZATION);
    let before = engineers(&sandbox);
    for (login, slack_id) in [("joan--c", "U0JOAN"), ("joan-c", "not a slack id")] {
        let refused = write(
            &bridge,
            "POST",
            "/scim/v2/Users",
            &joan(login, slack_id),
            None,
        )
        .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
        assert_eq!(refused.body["scimType"], "invalidValue");
        assert!(
            refused.body["detail"]
                .as_str()
                .unwrap()
                .contains(AXOLO_SCHEMA),
            "{}",
            refused.body
        );
    }
    assert_eq!(engineers(&sandbox), before);
    assert!(
        journal
            .list_runs(&ListOptions::default())
            .unwrap()
            .is_empty()
    );
    // Without an organization the bridge leaves Axolo alone and the values are kept.
    let (sandbox, bridge, _journal) = engineering().await;
    let bridge = bridge.default_profile("engineer");
    let stored = write(
        &bridge,
        "POST",
        "/scim/v2/Users",
        &joan("joan-c", "not a slack id"),
        None,
    )
    .await;
    assert_eq!(stored.status, StatusCode::CREATED, "{}", stored.body);
    assert_eq!(stored.body[AXOLO_SCHEMA]["slackId"], "not a slack id");
    assert!(!engineers(&sandbox).iter().any(|(l, _)| l == "joan-c"));
}

/// Okta's usual set-up: the app assigned to a group, the group pushed. Under the group
/// rule the create onboards nothing; joining the profile's group onboards everywhere,
/// Axolo included.
#[tokio::test]
async fn under_the_group_rule_a_created_user_gets_access_by_joining_a_profile_s_group() {
    let (sandbox, bridge, journal) = engineering().await;
    let bridge = bridge
        .profile_rule(ProfileRule::Group)
        .axolo_organization(AXOLO_ORGANIZATION);
    let created = write(
        &bridge,
        "POST",
        "/scim/v2/Users",
        &joan("joan-c", "U0JOAN"),
        None,
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["active"], true);
    assert!(providers_of(&created.body).is_empty(), "{}", created.body);
    assert!(
        journal
            .list_runs(&ListOptions::default())
            .unwrap()
            .is_empty()
    );
    let id = created.body["id"].as_str().unwrap().to_string();

    let groups = get(
        &bridge,
        "/scim/v2/Groups?filter=displayName%20eq%20%22engineer%22",
    )
    .await;
    let group = groups.body["Resources"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let joined = write(
        &bridge,
        "PATCH",
        &format!("/scim/v2/Groups/{group}"),
        &patch(json!([{"op": "add", "path": "members", "value": [{"value": id}]}])),
        None,
    )
    .await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.body);
    let user = get(&bridge, &format!("/scim/v2/Users/{id}")).await.body;
    // Model-Prime invites her (a step of the run) but lists no pending invitations.
    assert_eq!(
        providers_of(&user),
        ["axiom", "adverity", "paradime"],
        "{user}"
    );
    assert!(
        has(&sandbox, "joan-c", "U0JOAN"),
        "{:?}",
        engineers(&sandbox)
    );
    let runs = journal.list_runs(&ListOptions::default()).unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].kind, "onboard");
    assert_eq!(runs[0].ok, runs[0].steps, "{:?}", runs[0]);
}

#[tokio::test]
async fn the_default_rule_ignores_the_department() {
    let (_sandbox, bridge, journal) = engineering().await;
    let mut body = joan("joan-c", "U0JOAN");
    body["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"] =
        json!({"department": "Sales"});
    // By department (the default rule) with no default profile: refused, naming Sales.
    let refused = write(&bridge, "POST", "/scim/v2/Users", &body, None).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    assert!(refused.body["detail"].as_str().unwrap().contains("Sales"));
    let bridge = bridge
        .profile_rule(ProfileRule::Default)
        .default_profile("engineer");
    let created = write(&bridge, "POST", "/scim/v2/Users", &body, None).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(journal.list_runs(&ListOptions::default()).unwrap().len(), 1);
}

#[tokio::test]
async fn removing_the_login_offboards_it_at_axolo_as_an_offboarding_run() {
    let (sandbox, bridge, journal, created) = joan_joined().await;
    let id = created.body["id"].as_str().unwrap().to_string();
    assert!(has(&sandbox, "joan-c", "U0JOAN"));
    let removed = write(
        &bridge,
        "PATCH",
        &format!("/scim/v2/Users/{id}"),
        &patch(json!([{"op": "remove", "path": AXOLO_SCHEMA}])),
        None,
    )
    .await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
    assert!(removed.body.get(AXOLO_SCHEMA).is_none(), "{}", removed.body);
    assert!(!engineers(&sandbox).iter().any(|(l, _)| l == "joan-c"));
    let runs = journal.list_runs(&ListOptions::default()).unwrap();
    assert_eq!(runs[0].kind, "offboard");
    assert_eq!(runs[0].steps, 1, "only Axolo: {:?}", runs[0]);
    // `runs reinstate` of that run would onboard the old login again, Slack id and all.
    let undo = journal
        .show_run(&runs[0].id.to_string())
        .unwrap()
        .reinstating()
        .unwrap();
    assert!(
        matches!(
            &undo.steps[..],
            [usermgmt::Step { action: usermgmt::Action::Onboard { github_login, slack_id, .. }, .. }]
                if github_login == "joan-c" && slack_id == "U0JOAN"
        ),
        "{:?}",
        undo.steps
    );
    // Her other accounts stay.
    assert_eq!(
        providers_of(&removed.body),
        ["axiom", "adverity", "paradime"]
    );
}

#[tokio::test]
async fn an_excluded_engineer_s_old_login_is_never_offboarded() {
    let (sandbox, bridge, journal, created) = joan_joined().await;
    let id = created.body["id"].as_str().unwrap().to_string();
    let bridge = bridge.exclude(&["joan@acme.example".into()]);
    let refused = write(
        &bridge,
        "PUT",
        &format!("/scim/v2/Users/{id}"),
        &joan("joan-clarke", "U0JOAN"),
        None,
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert!(
        refused.body["detail"]
            .as_str()
            .unwrap()
            .contains("excluded"),
        "{}",
        refused.body
    );
    assert!(
        has(&sandbox, "joan-c", "U0JOAN"),
        "{:?}",
        engineers(&sandbox)
    );
    assert_eq!(journal.list_runs(&ListOptions::default()).unwrap().len(), 1);
    // The refused write was not stored either.
    let now = get(&bridge, &format!("/scim/v2/Users/{id}")).await.body;
    assert_eq!(now[AXOLO_SCHEMA]["githubLogin"], "joan-c", "{now}");
}

/// A leaver comes back with another GitHub login, written while they were inactive:
/// reinstating brings back the old login, and Axolo then moves to the new one, so no
/// login is left onboarded that the bridge no longer knows of.
#[tokio::test]
async fn a_login_changed_while_inactive_is_the_one_onboarded_on_return() {
    let (sandbox, bridge, journal, created) = joan_joined().await;
    let uri = format!("/scim/v2/Users/{}", created.body["id"].as_str().unwrap());
    let left = write(&bridge, "PATCH", &uri, &okta_deactivate(), None).await;
    assert_eq!(left.status, StatusCode::OK, "{}", left.body);
    let relogin = patch(json!([{
        "op": "replace",
        "path": format!("{AXOLO_SCHEMA}:githubLogin"),
        "value": "joan-clarke",
    }]));
    let stored = write(&bridge, "PATCH", &uri, &relogin, None).await;
    assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
    assert!(
        !engineers(&sandbox)
            .iter()
            .any(|(l, _)| l.starts_with("joan")),
        "an inactive user's login change onboards no one: {:?}",
        engineers(&sandbox)
    );
    let back = write(&bridge, "PATCH", &uri, &activate(true), None).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    let joans: Vec<(String, String)> = engineers(&sandbox)
        .into_iter()
        .filter(|(l, _)| l.starts_with("joan"))
        .collect();
    assert_eq!(
        joans,
        [("joan-clarke".to_string(), "U0JOAN".to_string())],
        "only the login written last"
    );
    let kinds: Vec<String> = journal
        .list_runs(&ListOptions::default())
        .unwrap()
        .into_iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(
        kinds,
        ["onboard", "reinstate", "offboard", "onboard"],
        "newest first"
    );
}
