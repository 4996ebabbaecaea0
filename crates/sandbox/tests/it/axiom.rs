//! The Axiom fake: every operation, auth, validation, 404 and headers.

use reqwest::{Method, RequestBuilder};
use serde_json::{Value, json};
use usermgmt_sandbox::{Sandbox, demo};

use crate::{Answer, credential, http, send, start};

/// A request with the API token (the organization's calls).
fn call(sandbox: &Sandbox, method: Method, path: &str) -> RequestBuilder {
    let endpoint = sandbox.axiom();
    http()
        .request(method, format!("{}{path}", endpoint.base_url))
        .bearer_auth(credential(endpoint, "AXIOM_TOKEN"))
}

/// A request with the personal access token and no organization header.
fn personal(sandbox: &Sandbox, method: Method, path: &str) -> RequestBuilder {
    let endpoint = sandbox.axiom();
    http()
        .request(method, format!("{}{path}", endpoint.base_url))
        .bearer_auth(credential(endpoint, "AXIOM_PERSONAL_TOKEN"))
}

async fn list(sandbox: &Sandbox) -> Vec<Value> {
    send(call(sandbox, Method::GET, "/users"))
        .await
        .expect(200)
        .as_array()
        .unwrap()
        .clone()
}

fn id_of(users: &[Value], email: &str) -> String {
    users.iter().find(|u| u["email"] == email).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn missing_token_is_401_and_wrong_token_is_403_with_code_and_message() {
    let sandbox = start().await;
    let url = format!("{}/users", sandbox.axiom().base_url);
    let missing = send(http().get(&url)).await.expect(401);
    assert_eq!(missing["code"], 401);
    assert!(missing["message"].is_string());
    let wrong = send(http().get(&url).bearer_auth("xaat-nope"))
        .await
        .expect(403);
    assert_eq!(wrong["code"], 403);
}

#[tokio::test]
async fn list_is_a_bare_array_with_rate_limit_and_trace_headers() {
    let sandbox = start().await;
    let answer = send(call(&sandbox, Method::GET, "/users")).await;
    let users = answer.expect(200);
    let users = users.as_array().unwrap();
    let in_axiom = demo::PEOPLE
        .iter()
        .filter(|p| p.axiom_role.is_some())
        .count();
    assert_eq!(users.len(), in_axiom);
    for user in users {
        let mut keys: Vec<_> = user.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["email", "id", "name", "role"]);
        assert!(user["role"]["id"].is_string() && user["role"]["name"].is_string());
    }
    assert_eq!(answer.header("x-ratelimit-scope"), Some("organization"));
    assert_eq!(answer.header("x-ratelimit-limit"), Some("1000"));
    let remaining: u64 = answer
        .header("x-ratelimit-remaining")
        .unwrap()
        .parse()
        .unwrap();
    assert!(remaining < 1000);
    let reset: u64 = answer.header("x-ratelimit-reset").unwrap().parse().unwrap();
    assert_eq!(reset % 60, 0);
    assert_eq!(answer.header("x-axiom-trace-id").unwrap().len(), 32);
}

#[tokio::test]
async fn current_user_is_the_token_owner_and_can_be_renamed() {
    let sandbox = start().await;
    let me = send(personal(&sandbox, Method::GET, "/user")).await;
    assert_eq!(me.header("x-ratelimit-scope"), Some("user"));
    let me = me.expect(200);
    assert_eq!(me["email"], demo::OWNER_EMAIL);
    assert_eq!(me["role"], json!({"id": "owner", "name": "owner"}));
    let renamed =
        send(personal(&sandbox, Method::PUT, "/user").json(&json!({"name": "Countess Ada"})))
            .await
            .expect(200);
    assert_eq!(renamed["name"], "Countess Ada");
    let users = list(&sandbox).await;
    assert!(
        users
            .iter()
            .any(|u| u["id"] == me["id"] && u["name"] == "Countess Ada")
    );
    send(personal(&sandbox, Method::PUT, "/user").json(&json!({})))
        .await
        .expect(400);
}

#[tokio::test]
async fn user_refuses_api_tokens_and_takes_personal_tokens_with_or_without_an_org() {
    let sandbox = start().await;
    for method in [Method::GET, Method::PUT] {
        let refused = send(call(&sandbox, method.clone(), "/user").json(&json!({"name": "X"})))
            .await
            .expect(403);
        assert!(
            refused["message"]
                .as_str()
                .unwrap()
                .contains("personal access token"),
            "{refused}"
        );
    }
    let with_org = personal(&sandbox, Method::GET, "/user").header(
        "x-axiom-org-id",
        credential(sandbox.axiom(), "AXIOM_ORG_ID"),
    );
    assert_eq!(send(with_org).await.expect(200)["email"], demo::OWNER_EMAIL);
}

#[tokio::test]
async fn personal_tokens_need_the_org_header_off_user_and_api_tokens_need_no_org() {
    let sandbox = start().await;
    let org = credential(sandbox.axiom(), "AXIOM_ORG_ID");
    let missing = send(personal(&sandbox, Method::GET, "/users")).await;
    assert_eq!(missing.header("x-ratelimit-scope"), Some("anonymous"));
    assert!(
        missing.expect(403)["message"]
            .as_str()
            .unwrap()
            .contains("X-Axiom-Org-Id")
    );
    send(personal(&sandbox, Method::GET, "/users").header("x-axiom-org-id", "other-org"))
        .await
        .expect(403);
    let users = send(personal(&sandbox, Method::GET, "/users").header("x-axiom-org-id", &org))
        .await
        .expect(200);
    assert!(users.as_array().is_some_and(|u| !u.is_empty()));
    let api = send(call(&sandbox, Method::GET, "/users")).await;
    assert_eq!(api.header("x-ratelimit-scope"), Some("organization"));
    api.expect(200);
    send(call(&sandbox, Method::GET, "/users").header("x-axiom-org-id", &org))
        .await
        .expect(200);
    send(call(&sandbox, Method::GET, "/users").header("x-axiom-org-id", "other-org"))
        .await
        .expect(403);
}

#[tokio::test]
async fn roles_list_custom_roles_with_names_and_members_and_users_carry_only_the_id() {
    let sandbox = start().await;
    let users = list(&sandbox).await;
    let edsger = id_of(&users, "edsger@acme.example");
    let edsger_role = &users.iter().find(|u| u["id"] == edsger.as_str()).unwrap()["role"];
    assert_eq!(
        *edsger_role,
        json!({"id": demo::AXIOM_CUSTOM_ROLE_ID, "name": demo::AXIOM_CUSTOM_ROLE_ID})
    );
    let roles = send(call(&sandbox, Method::GET, "/rbac/roles"))
        .await
        .expect(200);
    let [role] = roles.as_array().unwrap().as_slice() else {
        panic!("one custom role: {roles}")
    };
    assert_eq!(role["id"], demo::AXIOM_CUSTOM_ROLE_ID);
    assert_eq!(role["name"], demo::AXIOM_CUSTOM_ROLE_NAME);
    assert_eq!(role["members"], json!([edsger]));
    let one = send(call(
        &sandbox,
        Method::GET,
        &format!("/rbac/roles/{}", demo::AXIOM_CUSTOM_ROLE_ID),
    ))
    .await
    .expect(200);
    assert_eq!(one, *role);
    let missing = send(call(&sandbox, Method::GET, "/rbac/roles/nope"))
        .await
        .expect(404);
    assert_eq!(missing["code"], 404);
}

#[tokio::test]
async fn create_answers_200_and_the_user_is_listed() {
    let sandbox = start().await;
    let body = json!({"name": "New Person", "email": "new@acme.example", "role": "read-only"});
    let created = send(call(&sandbox, Method::POST, "/users").json(&body))
        .await
        .expect(200);
    assert_eq!(created["email"], "new@acme.example");
    assert_eq!(
        created["role"],
        json!({"id": "read-only", "name": "read-only"})
    );
    assert_eq!(created["id"].as_str().unwrap().len(), 36);
    assert!(list(&sandbox).await.contains(&created));
}

#[tokio::test]
async fn create_rejects_duplicates_missing_fields_and_unknown_roles() {
    let sandbox = start().await;
    let duplicate = json!({"name": "Alan", "email": demo::LEAVER_EMAIL, "role": "user"});
    let conflict = send(call(&sandbox, Method::POST, "/users").json(&duplicate))
        .await
        .expect(409);
    assert_eq!(conflict["code"], 409);
    let missing = send(
        call(&sandbox, Method::POST, "/users")
            .json(&json!({"name": "X", "email": "x@acme.example"})),
    )
    .await
    .expect(400);
    assert_eq!(missing["code"], 400);
    assert!(missing["message"].as_str().unwrap().contains("role"));
    let bad_role = json!({"name": "X", "email": "x@acme.example", "role": "superuser"});
    let unknown = send(call(&sandbox, Method::POST, "/users").json(&bad_role))
        .await
        .expect(404);
    assert!(unknown["message"].as_str().unwrap().contains("superuser"));
    let not_json = call(&sandbox, Method::POST, "/users").body("{nope");
    send(not_json).await.expect(400);
    assert!(
        list(&sandbox)
            .await
            .iter()
            .all(|u| u["email"] != "x@acme.example")
    );
}

#[tokio::test]
async fn get_update_role_and_delete_one_user() {
    let sandbox = start().await;
    let id = id_of(&list(&sandbox).await, "grace@acme.example");
    let path = format!("/users/{id}");

    let grace = send(call(&sandbox, Method::GET, &path)).await.expect(200);
    assert_eq!(grace["name"], "Grace Hopper");

    let updated = send(
        call(&sandbox, Method::PUT, &path)
            .json(&json!({"name": "Grace B. Hopper", "email": "gbh@acme.example"})),
    )
    .await
    .expect(200);
    assert_eq!(
        (updated["name"].as_str(), updated["email"].as_str()),
        (Some("Grace B. Hopper"), Some("gbh@acme.example"))
    );
    let renamed_only = send(call(&sandbox, Method::PUT, &path).json(&json!({"name": "Grace"})))
        .await
        .expect(200);
    assert_eq!(renamed_only["email"], "gbh@acme.example");
    send(call(&sandbox, Method::PUT, &path).json(&json!({"email": "g@acme.example"})))
        .await
        .expect(400);

    let role = send(
        call(&sandbox, Method::PUT, &format!("{path}/role"))
            .json(&json!({"role": demo::AXIOM_CUSTOM_ROLE_ID})),
    )
    .await
    .expect(200);
    assert_eq!(
        role["role"],
        json!({"id": demo::AXIOM_CUSTOM_ROLE_ID, "name": demo::AXIOM_CUSTOM_ROLE_ID})
    );
    send(call(&sandbox, Method::PUT, &format!("{path}/role")).json(&json!({})))
        .await
        .expect(400);
    assert!(list(&sandbox).await.contains(&role));

    send(call(&sandbox, Method::DELETE, &path))
        .await
        .expect(204);
    let gone = send(call(&sandbox, Method::GET, &path)).await.expect(404);
    assert_eq!(gone["code"], 404);
    assert!(list(&sandbox).await.iter().all(|u| u["id"] != id.as_str()));
    send(call(&sandbox, Method::DELETE, &path))
        .await
        .expect(404);
}

#[tokio::test]
async fn unknown_ids_paths_and_methods() {
    let sandbox = start().await;
    send(call(&sandbox, Method::PUT, "/users/nobody/role").json(&json!({"role": "user"})))
        .await
        .expect(404);
    send(call(&sandbox, Method::PUT, "/users/nobody").json(&json!({"name": "X"})))
        .await
        .expect(404);
    send(call(&sandbox, Method::GET, "/datasets"))
        .await
        .expect(404);
    send(call(&sandbox, Method::GET, "/users/"))
        .await
        .expect(404);
    let answer: Answer = send(call(&sandbox, Method::PATCH, "/users")).await;
    assert_eq!(answer.header("allow"), Some("GET, POST"));
    answer.expect(405);
    let options = send(call(&sandbox, Method::OPTIONS, "/users/abc")).await;
    assert_eq!(options.header("allow"), Some("GET, PUT, DELETE"));
    options.expect(405);
    let roles = send(call(&sandbox, Method::DELETE, "/rbac/roles")).await;
    assert_eq!(roles.header("allow"), Some("GET"));
}
