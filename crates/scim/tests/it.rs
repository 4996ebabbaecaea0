//! The bridge end to end: SCIM requests through the router against the sandbox.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use tower::ServiceExt;
use usermgmt::AccessProfile;
use usermgmt_journal::{Journal, ListOptions};
use usermgmt_scim::{ACCOUNTS_SCHEMA, Bridge, SCIM_JSON};

mod common;

use common::*;

async fn bridge() -> Bridge {
    let directory = usermgmt::testing::sandbox_directory().await.unwrap();
    // Alan and Grace hold this exactly (see the sandbox's demo table); Grace has analyst
    // too at Model-Prime, so only Alan is a member.
    let developer: AccessProfile = serde_json::from_value(json!({
        "axiom": "admin",
        "adverity": {"groups": [2], "workspaces": [1]},
        "paradime": "DEVELOPER",
        "modelprime": ["developer"],
    }))
    .unwrap();
    let profiles = BTreeMap::from([("developer".to_string(), developer)]);
    Bridge::new(directory, TOKEN.to_string().into())
        .profiles(profiles)
        .base_url("https://scim.acme.example")
}

#[tokio::test]
async fn without_the_token_or_with_another_every_endpoint_is_refused_in_scim_form() {
    let bridge = bridge().await;
    for token in [None, Some("wrong"), Some("test-token-012345678"), Some("")] {
        for uri in [
            "/scim/v2/Users",
            "/scim/v2/ServiceProviderConfig",
            "/nowhere",
        ] {
            let answer = send(&bridge, "GET", uri, token).await;
            assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{uri} {token:?}");
            assert_eq!(answer.headers[header::CONTENT_TYPE], SCIM_JSON);
            assert_eq!(answer.body["status"], "401");
            assert!(!answer.body.to_string().contains(TOKEN));
        }
    }
}

#[tokio::test]
async fn discovery_describes_users_groups_and_the_accounts_extension() {
    let bridge = bridge().await;
    let config = get(&bridge, "/scim/v2/ServiceProviderConfig").await;
    assert_eq!(config.status, StatusCode::OK);
    assert_eq!(config.headers[header::CONTENT_TYPE], SCIM_JSON);
    assert_eq!(config.body["filter"]["supported"], true);
    assert_eq!(config.body["patch"]["supported"], true);
    let types = get(&bridge, "/scim/v2/ResourceTypes").await;
    assert_eq!(types.body["totalResults"], 2);
    let user = get(&bridge, "/scim/v2/ResourceTypes/User").await;
    assert_eq!(user.body["endpoint"], "/Users");
    let schema = get(&bridge, &format!("/scim/v2/Schemas/{ACCOUNTS_SCHEMA}")).await;
    assert_eq!(schema.status, StatusCode::OK);
    assert_eq!(schema.body["id"], ACCOUNTS_SCHEMA);
    let missing = get(&bridge, "/scim/v2/Schemas/urn:nope").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn users_are_people_grouped_by_email_and_pages_are_one_based() {
    let bridge = bridge().await;
    let all = get(&bridge, "/scim/v2/Users").await;
    assert_eq!(all.status, StatusCode::OK);
    // Of the demo organisation's twelve people, Annie and Mary hold only invitations no
    // API can revoke: the other ten are users.
    let total = all.body["totalResults"].as_u64().unwrap();
    assert_eq!(total, 10, "{}", all.body);
    let alan = all.body["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["userName"] == "alan@acme.example")
        .unwrap();
    let providers: Vec<&str> = alan[ACCOUNTS_SCHEMA]["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["provider"].as_str().unwrap())
        .collect();
    assert_eq!(providers, ["axiom", "adverity", "paradime", "modelprime"]);
    assert_eq!(alan["active"], true);
    assert_eq!(alan["groups"][0]["display"], "developer");

    // Okta's connection test.
    let page = get(&bridge, "/scim/v2/Users?startIndex=1&count=2").await;
    assert_eq!(page.body["totalResults"], 10);
    assert_eq!(page.body["itemsPerPage"], 2);
    assert_eq!(page.body["startIndex"], 1);
    let next = get(&bridge, "/scim/v2/Users?startIndex=3&count=2").await;
    assert_ne!(
        page.body["Resources"][0]["id"],
        next.body["Resources"][0]["id"]
    );
}

#[tokio::test]
async fn a_user_name_filter_finds_one_person_whatever_the_case_and_nobody_is_an_empty_list() {
    let bridge = bridge().await;
    let found = get(
        &bridge,
        "/scim/v2/Users?filter=userName%20eq%20%22ALAN@acme.example%22",
    )
    .await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    assert_eq!(found.body["totalResults"], 1);
    assert_eq!(found.body["Resources"][0]["userName"], "alan@acme.example");
    let nobody = get(
        &bridge,
        "/scim/v2/Users?filter=userName%20eq%20%22nobody@acme.example%22",
    )
    .await;
    assert_eq!(nobody.status, StatusCode::OK);
    assert_eq!(nobody.body["totalResults"], 0);
    assert_eq!(nobody.body["Resources"], json!([]));
}

#[tokio::test]
async fn entra_s_email_filter_and_attribute_selection_work_over_http() {
    let bridge = bridge().await;
    let found = get(
        &bridge,
        "/scim/v2/Users?filter=emails%5Btype%20eq%20%22work%22%5D.value%20eq%20%22Grace@ACME.example%22&attributes=userName",
    )
    .await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    assert_eq!(found.body["totalResults"], 1);
    let grace = &found.body["Resources"][0];
    assert_eq!(grace["userName"], "grace@acme.example");
    assert!(
        grace.get("emails").is_none(),
        "only userName was asked for: {grace}"
    );
    assert!(grace.get("id").is_some(), "id is always returned");
    let inactive = get(&bridge, "/scim/v2/Users?filter=active%20eq%20false").await;
    let names: Vec<&str> = inactive.body["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["userName"].as_str().unwrap())
        .collect();
    // Dorothy is disabled. Annie and Mary hold only invitations no API can revoke
    // (Paradime's have no id): nothing the bridge could act on, so no SCIM user until an
    // identity provider creates one (which onboards them).
    assert_eq!(names, ["dorothy@acme.example"]);
}

#[tokio::test]
async fn a_bad_filter_or_count_is_a_400_with_its_scim_type() {
    let bridge = bridge().await;
    let bad = get(&bridge, "/scim/v2/Users?filter=userName%20eq").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.body["scimType"], "invalidFilter");
    let empty = get(&bridge, "/scim/v2/Users?filter=").await;
    assert_eq!(
        empty.body["scimType"], "invalidFilter",
        "an empty filter never means everyone"
    );
    let count = get(&bridge, "/scim/v2/Users?count=many").await;
    assert_eq!(count.body["scimType"], "invalidValue");
}

#[tokio::test]
async fn one_user_by_id_carries_its_version_as_etag_and_if_none_match_gives_304() {
    let bridge = bridge().await;
    let listed = get(
        &bridge,
        "/scim/v2/Users?filter=userName%20eq%20%22grace@acme.example%22",
    )
    .await;
    let grace = &listed.body["Resources"][0];
    let id = grace["id"].as_str().unwrap();
    let one = get(&bridge, &format!("/scim/v2/Users/{id}")).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(&one.body, grace);
    let etag = one.headers[header::ETAG].to_str().unwrap().to_string();
    assert_eq!(one.body["meta"]["version"], etag.as_str());
    assert_eq!(
        one.body["meta"]["location"],
        format!("https://scim.acme.example/scim/v2/Users/{id}")
    );
    let request = Request::get(format!("/scim/v2/Users/{id}"))
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .header(header::IF_NONE_MATCH, &etag)
        .body(Body::empty())
        .unwrap();
    let response = bridge.router().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
    let missing = get(
        &bridge,
        "/scim/v2/Users/00000000-0000-0000-0000-000000000000",
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.body["status"], "404");
}

#[tokio::test]
async fn groups_are_profiles_with_the_people_whose_access_matches() {
    let bridge = bridge().await;
    let groups = get(&bridge, "/scim/v2/Groups").await;
    assert_eq!(groups.body["totalResults"], 1);
    let developer = &groups.body["Resources"][0];
    assert_eq!(developer["displayName"], "developer");
    let members: Vec<&str> = developer["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["display"].as_str().unwrap())
        .collect();
    assert_eq!(members, ["alan@acme.example"]);
    let id = developer["id"].as_str().unwrap();
    let one = get(&bridge, &format!("/scim/v2/Groups/{id}")).await;
    assert_eq!(&one.body, developer);
}

#[tokio::test]
async fn creating_deleting_and_writing_without_a_journal_are_refused_and_change_nothing() {
    let bridge = bridge().await;
    let before = get(&bridge, "/scim/v2/Users").await.body;
    let alan = user_id_of(&bridge, "alan@acme.example").await;
    for (method, uri) in [
        ("DELETE", format!("/scim/v2/Users/{alan}")),
        ("DELETE", "/scim/v2/Groups/x".to_string()),
    ] {
        let answer = send(&bridge, method, &uri, Some(TOKEN)).await;
        assert_eq!(answer.status, StatusCode::NOT_IMPLEMENTED, "{method} {uri}");
        assert_eq!(answer.body["status"], "501");
    }
    // No journal: no change, ever.
    let answer = write(
        &bridge,
        "PATCH",
        &format!("/scim/v2/Users/{alan}"),
        &okta_deactivate(),
        None,
    )
    .await;
    assert_eq!(
        answer.status,
        StatusCode::NOT_IMPLEMENTED,
        "{}",
        answer.body
    );
    assert!(answer.body["detail"].as_str().unwrap().contains("journal"));
    let answer = write(&bridge, "POST", "/scim/v2/Users", &joan(None), None).await;
    assert_eq!(
        answer.status,
        StatusCode::NOT_IMPLEMENTED,
        "{}",
        answer.body
    );
    assert_eq!(get(&bridge, "/scim/v2/Users").await.body, before);
}

/// A bridge whose changes are recorded in an in-memory journal.
async fn journaled() -> (Bridge, Arc<Journal>) {
    let journal = Arc::new(Journal::open_in_memory().unwrap());
    let bridge = bridge().await.journal(journal.clone()).exclude(&[
        "*@service.acme.example".into(),
        "katherine@acme.example".into(),
    ]);
    (bridge, journal)
}

#[tokio::test]
async fn okta_s_deactivation_offboards_everywhere_as_one_journaled_run() {
    let (bridge, journal) = journaled().await;
    let alan = user_id_of(&bridge, "alan@acme.example").await;
    let answer = write(
        &bridge,
        "PATCH",
        &format!("/scim/v2/Users/{alan}"),
        &okta_deactivate(),
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["active"], false);
    assert_eq!(answer.body["userName"], "alan@acme.example");
    // Every remaining account of his is disabled.
    for account in answer.body[ACCOUNTS_SCHEMA]["accounts"].as_array().unwrap() {
        assert_eq!(account["status"], "disabled", "{account}");
    }
    let runs = journal.list_runs(&ListOptions::default()).unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].kind, "offboard");
    assert!(
        runs[0]
            .command_line
            .contains(&format!("PATCH /Users/{alan}")),
        "{}",
        runs[0].command_line
    );
    assert_eq!(runs[0].ok, runs[0].steps, "{:?}", runs[0]);
    // Deactivating again changes nothing and records nothing.
    let again = write(
        &bridge,
        "PATCH",
        &format!("/scim/v2/Users/{alan}"),
        &okta_deactivate(),
        None,
    )
    .await;
    assert!(
        again.status == StatusCode::OK || again.status == StatusCode::NOT_FOUND,
        "{}",
        again.body
    );
    assert_eq!(journal.list_runs(&ListOptions::default()).unwrap().len(), 1);
}

#[tokio::test]
async fn entra_s_string_boolean_and_okta_s_full_put_deactivate_too() {
    let (bridge, journal) = journaled().await;
    let grace = user_id_of(&bridge, "grace@acme.example").await;
    let answer = write(
        &bridge,
        "PATCH",
        &format!("/scim/v2/Users/{grace}"),
        &entra_deactivate(),
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["active"], false);

    let charles = user_id_of(&bridge, "charles@acme.example").await;
    let mut whole = get(&bridge, &format!("/scim/v2/Users/{charles}"))
        .await
        .body;
    whole["active"] = json!(false);
    let answer = write(
        &bridge,
        "PUT",
        &format!("/scim/v2/Users/{charles}"),
        &whole,
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["active"], false);
    assert_eq!(journal.list_runs(&ListOptions::default()).unwrap().len(), 2);
}

#[tokio::test]
async fn guard_rails_refuse_with_a_reason_and_record_nothing() {
    let (bridge, journal) = journaled().await;
    // Excluded in the config.
    let katherine = user_id_of(&bridge, "katherine@acme.example").await;
    let answer = write(
        &bridge,
        "PATCH",
        &format!("/scim/v2/Users/{katherine}"),
        &okta_deactivate(),
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    assert!(answer.body["detail"].as_str().unwrap().contains("excluded"));
    // The last owner.
    let ada = user_id_of(&bridge, "ada@acme.example").await;
    let answer = write(
        &bridge,
        "PATCH",
        &format!("/scim/v2/Users/{ada}"),
        &okta_deactivate(),
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    assert!(
        answer.body["detail"]
            .as_str()
            .unwrap()
            .contains("last active"),
        "{}",
        answer.body
    );
    // A stale If-Match.
    let alan = user_id_of(&bridge, "alan@acme.example").await;
    let answer = write(
        &bridge,
        "PATCH",
        &format!("/scim/v2/Users/{alan}"),
        &okta_deactivate(),
        Some("W/\"0000\""),
    )
    .await;
    assert_eq!(
        answer.status,
        StatusCode::PRECONDITION_FAILED,
        "{}",
        answer.body
    );
    // A rename (every provider knows him by his email), and what the bridge answers
    // from the providers' state.
    for (path, value) in [
        ("userName", json!("a.turing@acme.example")),
        ("groups", json!([{"value": "x"}])),
        (ACCOUNTS_SCHEMA, json!({"accounts": []})),
    ] {
        let change = json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{"op": "replace", "path": path, "value": value}]
        });
        let answer = write(
            &bridge,
            "PATCH",
            &format!("/scim/v2/Users/{alan}"),
            &change,
            None,
        )
        .await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{path}: {}",
            answer.body
        );
        assert_eq!(answer.body["scimType"], "mutability", "{path}");
    }
    // Not JSON.
    let request = Request::patch(format!("/scim/v2/Users/{alan}"))
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::from("{not json"))
        .unwrap();
    let response = bridge.router().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(
        journal
            .list_runs(&ListOptions::default())
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        get(&bridge, &format!("/scim/v2/Users/{alan}")).await.body["active"],
        true
    );
}

#[tokio::test]
async fn reactivating_reinstates_from_the_offboarding_run_and_delete_forgets() {
    let (bridge, journal) = journaled().await;
    let alan = user_id_of(&bridge, "alan@acme.example").await;
    let uri = format!("/scim/v2/Users/{alan}");
    let before = providers_of(&get(&bridge, &uri).await.body);
    assert_eq!(before, ["axiom", "adverity", "paradime", "modelprime"]);
    let off = write(&bridge, "PATCH", &uri, &activate(false), None).await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.body);
    // Offboarded everywhere, and still there for the IdP: same id, inactive.
    let gone = get(&bridge, &uri).await;
    assert_eq!(gone.status, StatusCode::OK, "{}", gone.body);
    assert_eq!(gone.body["active"], false);
    assert!(providers_of(&gone.body).is_empty(), "{}", gone.body);

    let on = write(&bridge, "PATCH", &uri, &activate(true), None).await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.body);
    assert_eq!(on.body["active"], true, "{}", on.body);
    // Back where the journal says he was (Paradime and Model-Prime re-invite: pending).
    assert_eq!(
        providers_of(&on.body),
        ["axiom", "adverity", "paradime"],
        "{}",
        on.body
    );
    let runs = journal.list_runs(&ListOptions::default()).unwrap();
    let kinds: Vec<&str> = runs.iter().map(|r| r.kind.as_str()).collect();
    assert_eq!(kinds, ["reinstate", "offboard"], "newest first");
    assert!(runs.iter().all(|r| r.ok == r.steps), "{runs:?}");

    let deleted = send(&bridge, "DELETE", &uri, Some(TOKEN)).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.body);
    // What is left is Paradime's invitation, which no API can revoke: no SCIM user.
    assert_eq!(get(&bridge, &uri).await.status, StatusCode::NOT_FOUND);
    assert_eq!(journal.list_runs(&ListOptions::default()).unwrap().len(), 3);
    let lookup = "/scim/v2/Users?filter=userName%20eq%20%22alan%40acme.example%22";
    assert_eq!(get(&bridge, lookup).await.body["totalResults"], 0);
}

#[tokio::test]
async fn attributes_no_provider_keeps_are_stored_patched_and_survive_a_restart() {
    let (bridge, journal) = journaled().await;
    let bridge = bridge.default_profile("developer");
    let mut body = joan(None);
    body["externalId"] = json!("00u1okta");
    body["title"] = json!("Cryptanalyst");
    body["phoneNumbers"] = json!([{"value": "+44 1908 640404", "type": "work"}]);
    let created = write(&bridge, "POST", "/scim/v2/Users", &body, None).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_string();
    assert_eq!(created.body["externalId"], "00u1okta");
    assert_eq!(created.body["title"], "Cryptanalyst");
    assert_eq!(created.body["name"]["givenName"], "Joan");
    assert!(
        created.body["meta"]["created"].is_string(),
        "{}",
        created.body
    );
    let uri = format!("/scim/v2/Users/{id}");
    let change = json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [
            {"op": "replace", "path": "title", "value": "Head of Hut 8"},
            {"op": "remove", "path": "phoneNumbers[type eq \"work\"]"},
            {"op": "add", "path": "nickName", "value": "Jo"}
        ]
    });
    let patched = write(&bridge, "PATCH", &uri, &change, None).await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    assert_eq!(patched.body["title"], "Head of Hut 8");
    assert_eq!(patched.body["nickName"], "Jo");
    assert!(
        patched.body.get("phoneNumbers").is_none(),
        "{}",
        patched.body
    );
    // Only the onboarding touched the providers.
    assert_eq!(journal.list_runs(&ListOptions::default()).unwrap().len(), 1);
    // A new bridge over the same journal: same id, same attributes.
    let restarted = bridge.clone().base_url("https://scim2.acme.example");
    let again = get(&restarted, &uri).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(again.body["externalId"], "00u1okta");
    assert_eq!(again.body["nickName"], "Jo");
    let filtered = get(
        &restarted,
        "/scim/v2/Users?filter=externalId%20eq%20%2200u1okta%22&attributes=externalId",
    )
    .await;
    assert_eq!(filtered.body["totalResults"], 1, "{}", filtered.body);
    assert_eq!(filtered.body["Resources"][0]["id"], id.as_str());
    assert!(filtered.body["Resources"][0].get("title").is_none());
    let projected = get(&restarted, &format!("{uri}?excludedAttributes=name")).await;
    assert!(projected.body.get("name").is_none(), "{}", projected.body);
    assert_eq!(projected.body["title"], "Head of Hut 8");
}

#[tokio::test]
async fn a_user_name_that_is_no_email_takes_the_email_from_emails_and_may_start_inactive() {
    let (bridge, journal) = journaled().await;
    let bridge = bridge.default_profile("developer");
    let body = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": "jclarke",
        "emails": [{"value": "joan@acme.example", "primary": true}],
        "active": false,
    });
    let created = write(&bridge, "POST", "/scim/v2/Users", &body, None).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["active"], false);
    assert!(
        providers_of(&created.body).is_empty(),
        "created inactive: nothing sent"
    );
    assert!(
        journal
            .list_runs(&ListOptions::default())
            .unwrap()
            .is_empty()
    );
    let id = created.body["id"].as_str().unwrap().to_string();
    assert_eq!(user_id_of(&bridge, "jclarke").await, id);
    // Activating onboards her with the default profile.
    let on = write(
        &bridge,
        "PATCH",
        &format!("/scim/v2/Users/{id}"),
        &activate(true),
        None,
    )
    .await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.body);
    assert_eq!(providers_of(&on.body), ["axiom", "adverity", "paradime"]);
    let kinds: Vec<String> = journal
        .list_runs(&ListOptions::default())
        .unwrap()
        .into_iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(kinds, ["onboard"]);
    // Without an email anywhere there is nobody to provision.
    let nobody =
        json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "x"});
    let refused = write(&bridge, "POST", "/scim/v2/Users", &nobody, None).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(refused.body["scimType"], "invalidValue");
}

/// Okta's create of a joiner, with the enterprise department when given.
fn joan(department: Option<&str>) -> Value {
    let mut body = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": "joan@acme.example",
        "name": {"givenName": "Joan", "familyName": "Clarke"},
        "emails": [{"primary": true, "value": "joan@acme.example", "type": "work"}],
        "active": true,
    });
    if let Some(department) = department {
        body["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"] =
            json!({"department": department});
    }
    body
}

#[tokio::test]
async fn a_create_onboards_with_the_department_s_profile_as_one_journaled_run() {
    let (bridge, journal) = journaled().await;
    let answer = write(
        &bridge,
        "POST",
        "/scim/v2/Users",
        &joan(Some("Developer")),
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    assert_eq!(answer.body["userName"], "joan@acme.example");
    assert_eq!(answer.body["active"], true);
    let id = answer.body["id"].as_str().unwrap();
    assert_eq!(
        answer.headers[header::LOCATION],
        format!("https://scim.acme.example/scim/v2/Users/{id}").as_str()
    );
    let providers: Vec<&str> = answer.body[ACCOUNTS_SCHEMA]["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["provider"].as_str().unwrap())
        .collect();
    // Model-Prime invites her too (a step of the run), but lists no pending invitations.
    assert_eq!(
        providers,
        ["axiom", "adverity", "paradime"],
        "{}",
        answer.body
    );
    let runs = journal.list_runs(&ListOptions::default()).unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].kind, "onboard");
    assert_eq!(runs[0].steps, 4, "{:?}", runs[0]);
    assert_eq!(runs[0].ok, runs[0].steps, "{:?}", runs[0]);
    // She is found by the filter Okta asks next, with the same id.
    assert_eq!(user_id_of(&bridge, "joan@acme.example").await, id);
    // Creating her again is a uniqueness conflict, and records nothing.
    let again = write(
        &bridge,
        "POST",
        "/scim/v2/Users",
        &joan(Some("developer")),
        None,
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert_eq!(again.body["scimType"], "uniqueness");
    assert_eq!(journal.list_runs(&ListOptions::default()).unwrap().len(), 1);
}

#[tokio::test]
async fn a_create_without_a_profile_rule_that_matches_is_refused_and_the_default_applies() {
    let (bridge, journal) = journaled().await;
    let answer = write(
        &bridge,
        "POST",
        "/scim/v2/Users",
        &joan(Some("Sales")),
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
    assert_eq!(answer.body["scimType"], "invalidValue");
    let detail = answer.body["detail"].as_str().unwrap();
    assert!(
        detail.contains("Sales") && detail.contains("developer"),
        "{detail}"
    );
    assert!(
        journal
            .list_runs(&ListOptions::default())
            .unwrap()
            .is_empty()
    );

    let bridge = bridge.default_profile("developer");
    let answer = write(&bridge, "POST", "/scim/v2/Users", &joan(None), None).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    assert_eq!(journal.list_runs(&ListOptions::default()).unwrap().len(), 1);
}

/// A joiner then leaver as Okta sends it (requests in the order and shape of Okta's
/// SCIM 2.0 provisioning: connection test, look-up, create, deactivate), then the
/// provider state checked through the accounts extension.
#[tokio::test]
async fn okta_s_provisioning_sequence_replayed() {
    let (bridge, journal) = journaled().await;
    let test = get(&bridge, "/scim/v2/Users?startIndex=1&count=2").await;
    assert_eq!(test.status, StatusCode::OK);
    assert_eq!(test.body["Resources"].as_array().unwrap().len(), 2);
    let lookup =
        "/scim/v2/Users?filter=userName%20eq%20%22joan%40acme.example%22&startIndex=1&count=100";
    assert_eq!(get(&bridge, lookup).await.body["totalResults"], 0);
    let created = write(
        &bridge,
        "POST",
        "/scim/v2/Users",
        &joan(Some("developer")),
        None,
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_string();
    let found = get(&bridge, lookup).await;
    assert_eq!(found.body["totalResults"], 1);
    assert_eq!(found.body["Resources"][0]["id"], id.as_str());
    let deactivated = write(
        &bridge,
        "PATCH",
        &format!("/scim/v2/Users/{id}"),
        &okta_deactivate(),
        None,
    )
    .await;
    assert_eq!(deactivated.status, StatusCode::OK, "{}", deactivated.body);
    assert_eq!(deactivated.body["active"], false, "{}", deactivated.body);
    // What is left is Paradime's invitation, which no API can revoke.
    assert_eq!(
        providers_of(&deactivated.body),
        ["paradime"],
        "{}",
        deactivated.body
    );
    // Reactivate: Okta's path-less replace.
    let reactivate = json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "replace", "value": {"active": true}}]
    });
    let uri = format!("/scim/v2/Users/{id}");
    let back = write(&bridge, "PATCH", &uri, &reactivate, None).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert_eq!(back.body["active"], true);
    assert_eq!(providers_of(&back.body), ["axiom", "adverity", "paradime"]);
    // A profile update: Okta PUTs the whole user, with If-Match.
    let mut whole = get(&bridge, &uri).await.body;
    let version = whole["meta"]["version"].as_str().unwrap().to_string();
    whole["title"] = json!("Cryptanalyst");
    whole["name"]["familyName"] = json!("Murray");
    let put = write(&bridge, "PUT", &uri, &whole, Some(&version)).await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.body);
    assert_eq!(put.body["title"], "Cryptanalyst");
    assert_eq!(put.body["name"]["familyName"], "Murray");
    assert_eq!(put.body["active"], true);
    // Group push: creating the profile's group finds it exists; Okta links by name and
    // pushes its members.
    let push = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "developer", "members": []});
    let exists = write(&bridge, "POST", "/scim/v2/Groups", &push, None).await;
    assert_eq!(exists.status, StatusCode::CONFLICT, "{}", exists.body);
    let linked = get(
        &bridge,
        "/scim/v2/Groups?filter=displayName%20eq%20%22developer%22",
    )
    .await;
    let group = linked.body["Resources"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let members = json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "add", "path": "members", "value": [{"value": id}]}]
    });
    let pushed = write(
        &bridge,
        "PATCH",
        &format!("/scim/v2/Groups/{group}"),
        &members,
        None,
    )
    .await;
    assert_eq!(pushed.status, StatusCode::OK, "{}", pushed.body);
    assert!(
        pushed.body["members"].to_string().contains(&id),
        "{}",
        pushed.body
    );
    let kinds: Vec<String> = journal
        .list_runs(&ListOptions::default())
        .unwrap()
        .into_iter()
        .map(|r| r.kind)
        .collect();
    // The push onboards with the profile's access (Axiom admin instead of user here).
    assert_eq!(
        kinds,
        ["onboard", "reinstate", "offboard", "onboard"],
        "newest first"
    );
    let joan = get(&bridge, &uri).await.body;
    let axiom = &joan[ACCOUNTS_SCHEMA]["accounts"][0];
    assert_eq!(
        (axiom["provider"].as_str(), axiom["roles"][0].as_str()),
        (Some("axiom"), Some("admin"))
    );
}

/// The same as Entra ID sends it: look-up by userName, create with displayName, then
/// `Replace` of `active` with a string boolean.
#[tokio::test]
async fn entra_s_provisioning_sequence_replayed() {
    let (bridge, journal) = journaled().await;
    let bridge = bridge.default_profile("developer");
    let lookup = "/scim/v2/Users?filter=userName+eq+%22joan%40acme.example%22";
    assert_eq!(get(&bridge, lookup).await.body["totalResults"], 0);
    let body = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        "externalId": "joan",
        "userName": "joan@acme.example",
        "active": true,
        "displayName": "Joan Clarke",
        "emails": [{"primary": true, "type": "work", "value": "joan@acme.example"}],
        "meta": {"resourceType": "User"},
    });
    let created = write(&bridge, "POST", "/scim/v2/Users", &body, None).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_string();
    let found = get(&bridge, lookup).await;
    assert_eq!(found.body["Resources"][0]["id"], id.as_str());
    let disabled = write(
        &bridge,
        "PATCH",
        &format!("/scim/v2/Users/{id}"),
        &entra_deactivate(),
        None,
    )
    .await;
    assert_eq!(disabled.status, StatusCode::OK, "{}", disabled.body);
    assert_eq!(disabled.body["active"], false);
    // What is left is Paradime's invitation, which no API can revoke.
    assert_eq!(
        providers_of(&disabled.body),
        ["paradime"],
        "{}",
        disabled.body
    );
    // Entra re-enables with the same shape, and updates attributes one by one.
    let enable = json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [
            {"op": "Replace", "path": "active", "value": "True"},
            {"op": "Add", "path": "title", "value": "Cryptanalyst"},
            {"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "joan@acme.example"},
            {"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": "alan"}
        ]
    });
    let uri = format!("/scim/v2/Users/{id}");
    let enabled = write(&bridge, "PATCH", &uri, &enable, None).await;
    assert_eq!(enabled.status, StatusCode::OK, "{}", enabled.body);
    assert_eq!(enabled.body["active"], true);
    assert_eq!(enabled.body["title"], "Cryptanalyst");
    assert_eq!(
        enabled.body["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]["manager"],
        "alan"
    );
    assert_eq!(
        providers_of(&enabled.body),
        ["axiom", "adverity", "paradime"]
    );
    assert_eq!(enabled.body["externalId"], "joan");
    // Entra deletes a user removed from the app's scope.
    assert_eq!(
        send(&bridge, "DELETE", &uri, Some(TOKEN)).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(get(&bridge, &uri).await.status, StatusCode::NOT_FOUND);
    let kinds: Vec<String> = journal
        .list_runs(&ListOptions::default())
        .unwrap()
        .into_iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(
        kinds,
        ["offboard", "reinstate", "offboard", "onboard"],
        "newest first"
    );
}

/// Entra's group push to a profile's group: add a member (a journaled onboarding with
/// the profile's access), then remove them by `members[value eq "..."]` (offboarded).
#[tokio::test]
async fn adding_to_a_profile_s_group_gives_its_access_and_removing_offboards() {
    let (bridge, journal) = journaled().await;
    let groups = get(
        &bridge,
        "/scim/v2/Groups?filter=displayName%20eq%20%22developer%22",
    )
    .await;
    assert_eq!(groups.body["totalResults"], 1, "{}", groups.body);
    let group = groups.body["Resources"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let claude = user_id_of(&bridge, "claude@acme.example").await;
    let add = json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "Add", "path": "members", "value": [{"value": claude}]}]
    });
    let uri = format!("/scim/v2/Groups/{group}");
    let added = write(&bridge, "PATCH", &uri, &add, None).await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    let members: Vec<&str> = added.body["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["display"].as_str().unwrap())
        .collect();
    assert!(members.contains(&"claude@acme.example"), "{members:?}");
    let user = get(&bridge, &format!("/scim/v2/Users/{claude}")).await.body;
    let axiom = user[ACCOUNTS_SCHEMA]["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["provider"] == "axiom")
        .unwrap()
        .clone();
    assert_eq!(
        axiom["roles"],
        json!(["admin"]),
        "the profile's Axiom role: {user}"
    );
    assert_eq!(providers_of(&user), ["axiom", "adverity", "paradime"]);

    let remove = json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "Remove", "path": format!("members[value eq \"{claude}\"]")}]
    });
    let removed = write(&bridge, "PATCH", &uri, &remove, None).await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
    assert!(
        !removed.body["members"]
            .to_string()
            .contains("claude@acme.example"),
        "{}",
        removed.body
    );
    let kinds: Vec<String> = journal
        .list_runs(&ListOptions::default())
        .unwrap()
        .into_iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(kinds, ["offboard", "onboard"], "newest first");
    // A profile's group keeps its name and cannot be deleted; an unknown member is refused.
    let rename = json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "replace", "path": "displayName", "value": "devs"}]
    });
    let refused = write(&bridge, "PATCH", &uri, &rename, None).await;
    assert_eq!(refused.body["scimType"], "mutability", "{}", refused.body);
    let deleted = send(&bridge, "DELETE", &uri, Some(TOKEN)).await;
    assert_eq!(deleted.status, StatusCode::BAD_REQUEST);
    let stranger = json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "add", "path": "members", "value": [{"value": "nobody"}]}]
    });
    let refused = write(&bridge, "PATCH", &uri, &stranger, None).await;
    assert_eq!(refused.body["scimType"], "invalidValue", "{}", refused.body);
    assert_eq!(journal.list_runs(&ListOptions::default()).unwrap().len(), 2);
}

/// Okta's push of a group no profile maps: kept as written, members included; nothing
/// changes at the providers; deleted, it is gone.
#[tokio::test]
async fn a_pushed_group_no_profile_maps_is_kept_as_written_and_changes_no_access() {
    let (bridge, journal) = journaled().await;
    let alan = user_id_of(&bridge, "alan@acme.example").await;
    let body = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
        "displayName": "Cryptography",
        "externalId": "00g1okta",
        "members": [{"value": alan, "display": "alan@acme.example"}]
    });
    let created = write(&bridge, "POST", "/scim/v2/Groups", &body, None).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["externalId"], "00g1okta");
    assert_eq!(created.body["members"][0]["value"], alan.as_str());
    let id = created.body["id"].as_str().unwrap();
    let again = write(&bridge, "POST", "/scim/v2/Groups", &body, None).await;
    assert_eq!(again.body["scimType"], "uniqueness", "{}", again.body);
    let profile = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Developer"});
    let taken = write(&bridge, "POST", "/scim/v2/Groups", &profile, None).await;
    assert_eq!(taken.status, StatusCode::CONFLICT, "{}", taken.body);
    let listed = get(&bridge, "/scim/v2/Groups").await;
    assert_eq!(listed.body["totalResults"], 2, "{}", listed.body);
    assert!(
        journal
            .list_runs(&ListOptions::default())
            .unwrap()
            .is_empty()
    );
    let uri = format!("/scim/v2/Groups/{id}");
    assert_eq!(
        send(&bridge, "DELETE", &uri, Some(TOKEN)).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(get(&bridge, &uri).await.status, StatusCode::NOT_FOUND);
}
