//! The Adverity fake: trailing-slash paths, DRF pagination envelope and errors, CRUD.

use reqwest::{Method, RequestBuilder};
use serde_json::{Value, json};
use usermgmt_sandbox::{Sandbox, demo};

use crate::{credential, http, send, start};

fn call(sandbox: &Sandbox, method: Method, path: &str) -> RequestBuilder {
    let endpoint = sandbox.adverity();
    http()
        .request(method, format!("{}{path}", endpoint.base_url))
        .bearer_auth(credential(endpoint, "ADVERITY_TOKEN"))
}

fn demo_count() -> usize {
    demo::PEOPLE.iter().filter(|p| p.adverity.is_some()).count()
}

fn is_timestamp(value: &Value) -> bool {
    let s = value.as_str().unwrap_or_default();
    s.len() == 20 && s.ends_with('Z') && s.as_bytes()[10] == b'T' && s.as_bytes()[4] == b'-'
}

#[tokio::test]
async fn auth_is_required_and_checked_with_drf_messages() {
    let sandbox = start().await;
    let url = format!("{}/users/", sandbox.adverity().base_url);
    let missing = send(http().get(&url)).await;
    assert_eq!(
        missing.expect(401),
        json!({"detail": "Authentication credentials were not provided."})
    );
    assert!(
        missing
            .header("www-authenticate")
            .unwrap()
            .starts_with("Bearer")
    );
    let wrong = send(http().get(&url).bearer_auth("nope")).await.expect(401);
    assert_eq!(wrong, json!({"detail": "Invalid token."}));
}

#[tokio::test]
async fn default_list_is_a_drf_envelope_with_every_documented_field() {
    let sandbox = start().await;
    let page = send(call(&sandbox, Method::GET, "/users/"))
        .await
        .expect(200);
    assert_eq!(page["count"], demo_count());
    assert_eq!(page["next"], Value::Null);
    assert_eq!(page["previous"], Value::Null);
    let results = page["results"].as_array().unwrap();
    assert_eq!(results.len(), demo_count());
    for user in results {
        assert!(user["id"].is_u64());
        for key in ["email", "first_name", "last_name"] {
            assert!(user[key].is_string(), "{key}");
        }
        assert!(user["active"].is_boolean());
        assert!(
            user["groups"].is_array()
                && user["workspaces"].is_array()
                && user["workspace_names"].is_array()
        );
        assert!(is_timestamp(&user["created"]) && is_timestamp(&user["last_modified"]));
        assert!(user["last_login"].is_null() || is_timestamp(&user["last_login"]));
    }
    let inactive: Vec<_> = results.iter().filter(|u| u["active"] == false).collect();
    assert_eq!(inactive.len(), 1);
    assert_eq!(inactive[0]["email"], "dorothy@acme.example");
}

#[tokio::test]
async fn pages_link_to_each_other_with_absolute_urls_like_drf() {
    let sandbox = start().await;
    let base = &sandbox.adverity().base_url;
    let first = send(call(&sandbox, Method::GET, "/users/?page_size=3"))
        .await
        .expect(200);
    assert_eq!(first["count"], demo_count());
    assert_eq!(first["next"], format!("{base}/users/?page=2&page_size=3"));
    assert_eq!(first["previous"], Value::Null);

    let second = send(call(&sandbox, Method::GET, "/users/?page=2&page_size=3"))
        .await
        .expect(200);
    assert_eq!(second["previous"], format!("{base}/users/?page_size=3"));
    assert_eq!(second["next"], format!("{base}/users/?page=3&page_size=3"));

    let mut ids = Vec::new();
    let mut next = first["next"].as_str().map(str::to_owned);
    ids.extend(
        first["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["id"].as_u64().unwrap()),
    );
    while let Some(url) = next {
        let page = send(
            http()
                .get(&url)
                .bearer_auth(credential(sandbox.adverity(), "ADVERITY_TOKEN")),
        )
        .await
        .expect(200);
        ids.extend(
            page["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u["id"].as_u64().unwrap()),
        );
        next = page["next"].as_str().map(str::to_owned);
    }
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(unique.len(), demo_count());
    assert_eq!(ids, unique);

    let past_end = send(call(&sandbox, Method::GET, "/users/?page=4&page_size=3"))
        .await
        .expect(404);
    assert_eq!(past_end, json!({"detail": "Invalid page."}));
    send(call(&sandbox, Method::GET, "/users/?page=abc"))
        .await
        .expect(404);
}

#[tokio::test]
async fn paths_without_the_trailing_slash_are_404() {
    let sandbox = start().await;
    send(call(&sandbox, Method::GET, "/users"))
        .await
        .expect(404);
    send(call(&sandbox, Method::GET, "/users/101"))
        .await
        .expect(404);
    send(call(&sandbox, Method::POST, "/users").json(&json!({"email": "a@acme.example"})))
        .await
        .expect(404);
}

#[tokio::test]
async fn create_answers_201_and_the_user_is_listed() {
    let sandbox = start().await;
    let body = json!({"email": "user@example.com", "first_name": "New", "last_name": "Person",
                      "groups": [2], "workspaces": [1, 3], "active": true});
    let user = send(call(&sandbox, Method::POST, "/users/").json(&body))
        .await
        .expect(201);
    assert!(user["id"].is_u64());
    assert_eq!(user["workspace_names"], json!(["Acme", "Acme Finance"]));
    assert_eq!(user["last_login"], Value::Null);
    assert!(is_timestamp(&user["created"]));
    let page = send(call(&sandbox, Method::GET, "/users/?page_size=100"))
        .await
        .expect(200);
    assert_eq!(page["count"], demo_count() + 1);
    assert!(page["results"].as_array().unwrap().contains(&user));
}

#[tokio::test]
async fn create_validates_like_drf() {
    let sandbox = start().await;
    let missing = send(call(&sandbox, Method::POST, "/users/").json(&json!({"first_name": "X"})))
        .await
        .expect(400);
    assert_eq!(missing, json!({"email": ["This field is required."]}));
    let duplicate =
        send(call(&sandbox, Method::POST, "/users/").json(&json!({"email": demo::LEAVER_EMAIL})))
            .await
            .expect(400);
    assert_eq!(
        duplicate,
        json!({"email": ["user with this email already exists."]})
    );
    let unknown = send(
        call(&sandbox, Method::POST, "/users/")
            .json(&json!({"email": "z@acme.example", "groups": [42]})),
    )
    .await
    .expect(400);
    assert_eq!(
        unknown,
        json!({"groups": ["Invalid pk \"42\" - object does not exist."]})
    );
    let page = send(call(&sandbox, Method::GET, "/users/"))
        .await
        .expect(200);
    assert_eq!(page["count"], demo_count());
}

#[tokio::test]
async fn get_patch_and_delete_one_user() {
    let sandbox = start().await;
    let page = send(call(&sandbox, Method::GET, "/users/"))
        .await
        .expect(200);
    let alan = page["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == demo::LEAVER_EMAIL)
        .unwrap()
        .clone();
    let path = format!("/users/{}/", alan["id"]);

    assert_eq!(
        send(call(&sandbox, Method::GET, &path)).await.expect(200),
        alan
    );

    let patched = send(
        call(&sandbox, Method::PATCH, &path).json(&json!({"active": false, "workspaces": [3]})),
    )
    .await
    .expect(200);
    assert_eq!(patched["active"], false);
    assert_eq!(patched["workspace_names"], json!(["Acme Finance"]));
    assert_eq!(patched["first_name"], "Alan");
    assert!(is_timestamp(&patched["last_modified"]));
    assert_eq!(
        send(call(&sandbox, Method::GET, &path)).await.expect(200),
        patched
    );
    let bad = send(call(&sandbox, Method::PATCH, &path).json(&json!({"active": "maybe"})))
        .await
        .expect(400);
    assert_eq!(bad, json!({"active": ["Must be a valid boolean."]}));

    send(call(&sandbox, Method::PUT, &path).json(&json!({})))
        .await
        .expect(405);
    send(call(&sandbox, Method::DELETE, &path))
        .await
        .expect(204);
    let gone = send(call(&sandbox, Method::GET, &path)).await.expect(404);
    assert_eq!(gone, json!({"detail": "Not found."}));
    let page = send(call(&sandbox, Method::GET, "/users/"))
        .await
        .expect(200);
    assert_eq!(page["count"], demo_count() - 1);
    send(call(&sandbox, Method::GET, "/users/abc/"))
        .await
        .expect(404);
}
