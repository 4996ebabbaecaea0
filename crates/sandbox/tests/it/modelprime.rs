//! The Model-Prime fake: `email:token` auth, FastAPI errors, pagination bounds, roles,
//! invitations.

use reqwest::{Method, RequestBuilder};
use serde_json::{Value, json};
use usermgmt_sandbox::{FakeApi, Sandbox, demo};

use crate::{credential, http, send, start};

fn auth(sandbox: &Sandbox) -> String {
    let endpoint = sandbox.modelprime();
    format!(
        "{}:{}",
        credential(endpoint, "MODELPRIME_EMAIL"),
        credential(endpoint, "MODELPRIME_TOKEN")
    )
}

fn call(sandbox: &Sandbox, method: Method, path: &str) -> RequestBuilder {
    http()
        .request(method, format!("{}{path}", sandbox.modelprime().base_url))
        .header("Authorization", auth(sandbox))
}

async fn all_users(sandbox: &Sandbox) -> Value {
    send(call(sandbox, Method::GET, "/users")).await.expect(200)
}

async fn id_of(sandbox: &Sandbox, email: &str) -> String {
    let users = all_users(sandbox).await;
    users["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == email)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn auth_is_email_colon_token_not_bearer() {
    let sandbox = start().await;
    let url = format!("{}/users/me", sandbox.modelprime().base_url);
    let token = credential(sandbox.modelprime(), "MODELPRIME_TOKEN");
    assert!(token.starts_with("mpat_"));
    let missing = send(http().get(&url)).await.expect(401);
    assert_eq!(missing, json!({"detail": "Not authenticated"}));
    for header in [
        format!("Bearer {token}"),
        format!("alan@acme.example:{token}"),
        format!("{}:mpat_wrong", demo::OWNER_EMAIL),
    ] {
        let answer = send(http().get(&url).header("Authorization", header.clone())).await;
        assert!(answer.expect(401)["detail"].is_string(), "{header}");
    }
}

#[tokio::test]
async fn organization_and_me() {
    let sandbox = start().await;
    let org = send(call(&sandbox, Method::GET, "/organization"))
        .await
        .expect(200);
    assert_eq!(org["name"], demo::ORGANIZATION_NAME);
    assert_eq!(org["id"].as_str().unwrap().len(), 36);
    for key in ["created_at", "short_name", "updated_at"] {
        assert!(org[key].is_string(), "{key}");
    }
    let me = send(call(&sandbox, Method::GET, "/users/me"))
        .await
        .expect(200);
    assert_eq!(me["email"], demo::OWNER_EMAIL);
    assert_eq!(me["roles"], json!(["admin"]));

    let updated =
        send(call(&sandbox, Method::PATCH, "/users/me").json(&json!({"name": "Ada King"})))
            .await
            .expect(200);
    assert_eq!(
        updated,
        json!({"email": demo::OWNER_EMAIL, "id": me["id"], "name": "Ada King"})
    );
    let again = send(call(&sandbox, Method::GET, "/users/me"))
        .await
        .expect(200);
    assert_eq!(again["name"], "Ada King");
    let bad = send(call(&sandbox, Method::PATCH, "/users/me").json(&json!({"name": 7})))
        .await
        .expect(422);
    assert_eq!(bad["detail"][0]["type"], "string_type");
    assert_eq!(bad["detail"][0]["loc"], json!(["body", "name"]));
}

#[tokio::test]
async fn an_empty_or_malformed_email_for_yourself_is_refused_and_the_token_keeps_working() {
    let sandbox = start().await;
    for body in [
        json!({"email": ""}),
        json!({"email": "not-an-address"}),
        json!({"name": ""}),
    ] {
        let refused = send(call(&sandbox, Method::PATCH, "/users/me").json(&body))
            .await
            .expect(422);
        assert!(refused["detail"][0]["msg"].is_string(), "{body}");
    }
    let me = send(call(&sandbox, Method::GET, "/users/me"))
        .await
        .expect(200);
    assert_eq!(me["email"], demo::OWNER_EMAIL);
    assert_eq!(me["name"], "Ada Lovelace");
}

#[tokio::test]
async fn list_counts_everything_and_clamps_page_size_to_100() {
    let sandbox = start().await;
    let members = demo::PEOPLE
        .iter()
        .filter(|p| matches!(p.modelprime, Some(m) if !m.invited))
        .count();
    let first = all_users(&sandbox).await;
    assert_eq!(first["count"], members);
    let item = first["items"][0].as_object().unwrap();
    let mut keys: Vec<_> = item.keys().cloned().collect();
    keys.sort();
    assert_eq!(keys, ["email", "id", "name"]);

    sandbox.seed_synthetic_users(FakeApi::ModelPrime, 150);
    let total = members + 150;
    let clamped = send(call(&sandbox, Method::GET, "/users?page_size=500"))
        .await
        .expect(200);
    assert_eq!(clamped["count"], total);
    assert_eq!(clamped["items"].as_array().unwrap().len(), 100);
    let second = send(call(
        &sandbox,
        Method::GET,
        "/users?page_size=100&page_number=2",
    ))
    .await
    .expect(200);
    assert_eq!(second["items"].as_array().unwrap().len(), total - 100);
    assert_eq!(
        second["items"][total - 101]["email"],
        "user00150@load.example"
    );
    let empty = send(call(&sandbox, Method::GET, "/users?page_size=0"))
        .await
        .expect(200);
    assert_eq!(
        (
            empty["count"].as_u64(),
            empty["items"].as_array().unwrap().len()
        ),
        (Some(total as u64), 0)
    );
}

#[tokio::test]
async fn list_filters_by_name_case_insensitively_and_validates_parameters() {
    let sandbox = start().await;
    let found = send(call(&sandbox, Method::GET, "/users?name_search=LOVELACE"))
        .await
        .expect(200);
    assert_eq!(found["count"], 1);
    assert_eq!(found["items"][0]["email"], demo::OWNER_EMAIL);
    let short = send(call(&sandbox, Method::GET, "/users?name_search=ab"))
        .await
        .expect(422);
    assert_eq!(short["detail"][0]["type"], "string_pattern_mismatch");
    assert_eq!(short["detail"][0]["loc"], json!(["query", "name_search"]));
    let zero = send(call(&sandbox, Method::GET, "/users?page_number=0"))
        .await
        .expect(422);
    assert_eq!(
        zero["detail"][0]["msg"],
        "Input should be greater than or equal to 1"
    );
    send(call(&sandbox, Method::GET, "/users?page_size=-1"))
        .await
        .expect(422);
}

#[tokio::test]
async fn get_one_user_with_roles_and_unknown_ids() {
    let sandbox = start().await;
    let id = id_of(&sandbox, "grace@acme.example").await;
    let encoded = id.replace('|', "%7C");
    let grace = send(call(&sandbox, Method::GET, &format!("/users/{encoded}")))
        .await
        .expect(200);
    assert_eq!(grace["roles"], json!(["developer", "analyst"]));
    assert_eq!(grace["id"], id.as_str());
    let missing = send(call(&sandbox, Method::GET, "/users/auth0%7Cnobody"))
        .await
        .expect(404);
    assert_eq!(missing, json!({"detail": "User not found"}));
}

#[tokio::test]
async fn replace_roles_answers_204_and_validates_the_enum() {
    let sandbox = start().await;
    let id = id_of(&sandbox, "katherine@acme.example")
        .await
        .replace('|', "%7C");
    let path = format!("/users/{id}/roles");
    send(call(&sandbox, Method::PUT, &path).json(&json!(["admin", "developer"])))
        .await
        .expect(204);
    let user = send(call(&sandbox, Method::GET, &format!("/users/{id}")))
        .await
        .expect(200);
    assert_eq!(user["roles"], json!(["admin", "developer"]));
    let bad = send(call(&sandbox, Method::PUT, &path).json(&json!(["admin", "owner"])))
        .await
        .expect(422);
    assert_eq!(bad["detail"][0]["loc"], json!(["body", 1]));
    assert_eq!(bad["detail"][0]["type"], "enum");
    send(call(&sandbox, Method::PUT, "/users/auth0%7Cnobody/roles").json(&json!(["admin"])))
        .await
        .expect(404);
}

#[tokio::test]
async fn password_reset_only_for_password_accounts() {
    let sandbox = start().await;
    let hedy = id_of(&sandbox, "hedy@acme.example")
        .await
        .replace('|', "%7C");
    send(call(
        &sandbox,
        Method::POST,
        &format!("/users/{hedy}/password-reset"),
    ))
    .await
    .expect(204);
    let alan = id_of(&sandbox, demo::LEAVER_EMAIL)
        .await
        .replace('|', "%7C");
    let google = send(call(
        &sandbox,
        Method::POST,
        &format!("/users/{alan}/password-reset"),
    ))
    .await
    .expect(400);
    assert!(google["detail"].as_str().unwrap().contains("google-oauth2"));
    send(call(
        &sandbox,
        Method::POST,
        "/users/auth0%7Cnobody/password-reset",
    ))
    .await
    .expect(404);
}

#[tokio::test]
async fn delete_removes_the_member() {
    let sandbox = start().await;
    let id = id_of(&sandbox, demo::LEAVER_EMAIL)
        .await
        .replace('|', "%7C");
    send(call(&sandbox, Method::DELETE, &format!("/users/{id}")))
        .await
        .expect(204);
    send(call(&sandbox, Method::GET, &format!("/users/{id}")))
        .await
        .expect(404);
    let users = all_users(&sandbox).await;
    assert!(
        users["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["email"] != demo::LEAVER_EMAIL)
    );
    send(call(&sandbox, Method::DELETE, &format!("/users/{id}")))
        .await
        .expect(404);
}

#[tokio::test]
async fn invitations_are_kept_apart_until_accepted() {
    let sandbox = start().await;
    let body = json!({"connection": "google-oauth2", "email": "new@acme.example", "name": "New Person", "roles": ["analyst"]});
    send(call(&sandbox, Method::POST, "/users/invite").json(&body))
        .await
        .expect(204);
    let again = send(call(&sandbox, Method::POST, "/users/invite").json(&body))
        .await
        .expect(409);
    assert_eq!(
        again["detail"],
        "an invitation to new@acme.example is already pending"
    );
    let users = all_users(&sandbox).await;
    assert!(
        users["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["email"] != "new@acme.example")
    );
    let invitations = sandbox.modelprime_invitations();
    assert!(
        invitations
            .iter()
            .any(|i| i.email == "new@acme.example" && i.roles == ["analyst"])
    );

    let id = sandbox
        .modelprime_accept_invitation("new@acme.example")
        .unwrap();
    let user = send(call(
        &sandbox,
        Method::GET,
        &format!("/users/{}", id.replace('|', "%7C")),
    ))
    .await
    .expect(200);
    assert_eq!(user["roles"], json!(["analyst"]));

    let member =
        json!({"connection": null, "email": demo::LEAVER_EMAIL, "name": "Alan", "roles": []});
    send(call(&sandbox, Method::POST, "/users/invite").json(&member))
        .await
        .expect(409);
    let incomplete = send(
        call(&sandbox, Method::POST, "/users/invite").json(&json!({"email": "x@acme.example"})),
    )
    .await
    .expect(422);
    let missing: Vec<_> = incomplete["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["loc"][1].clone())
        .collect();
    assert_eq!(
        missing,
        [json!("connection"), json!("name"), json!("roles")]
    );
}

#[tokio::test]
async fn unknown_paths_trailing_slashes_and_wrong_methods() {
    let sandbox = start().await;
    send(call(&sandbox, Method::GET, "/users/"))
        .await
        .expect(404);
    send(call(&sandbox, Method::GET, "/teams"))
        .await
        .expect(404);
    let wrong = send(call(&sandbox, Method::POST, "/organization")).await;
    assert_eq!(wrong.expect(405), json!({"detail": "Method Not Allowed"}));
    assert_eq!(wrong.header("allow"), Some("GET"));
    for (method, path, allow) in [
        (Method::TRACE, "/users/me", "GET, PATCH"),
        (Method::PUT, "/users/invite", "POST"),
        (Method::PATCH, "/users/auth0%7Cx", "GET, DELETE"),
        (Method::GET, "/users/auth0%7Cx/roles", "PUT"),
    ] {
        let answer = send(call(&sandbox, method.clone(), path)).await;
        answer.expect(405);
        assert_eq!(answer.header("allow"), Some(allow), "{method} {path}");
    }
}
