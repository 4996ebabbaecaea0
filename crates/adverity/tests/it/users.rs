//! One test per user operation on `/users/` and `/users/{id}/`: method, path with its
//! trailing slash, bearer key, the exact body of the seed guide and the decoding of a
//! user with every documented field.

use serde_json::json;
use usermgmt_adverity::types::User;
use wiremock::ResponseTemplate;
use wiremock::matchers::{body_bytes, body_json};

use crate::support::{
    ada, exact_query, grace, json_answer, json_content, request, seed_request_body, setup, utc,
};

#[tokio::test]
async fn create_user_posts_all_six_fields_of_the_seed_example() {
    let (server, client) = setup().await;
    request("POST", "/users/")
        .and(exact_query(&[]))
        .and(json_content())
        .and(body_json(seed_request_body()))
        .respond_with(json_answer(
            201,
            json!({
                "id": 44,
                "email": "user@example.com",
                "first_name": "string",
                "last_name": "string",
                "active": true,
                "groups": [],
                "workspaces": [],
                "workspace_names": [],
                "created": "2024-07-01T10:00:00Z",
                "last_login": null,
                "last_modified": "2024-07-01T10:00:00Z"
            }),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let user = client
        .create_user()
        .body_map(|b| {
            b.email("user@example.com")
                .first_name("string")
                .last_name("string")
                .groups(Vec::<i64>::new())
                .workspaces(Vec::<i64>::new())
                .active(true)
        })
        .send()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(user.id, 44);
    assert_eq!(user.email, "user@example.com");
    assert_eq!(user.last_login, None);
}

#[tokio::test]
async fn create_user_sends_the_groups_workspaces_and_active_flag_given() {
    let (server, client) = setup().await;
    request("POST", "/users/")
        .and(exact_query(&[]))
        .and(json_content())
        .and(body_json(json!({
            "email": "ada@acme.example",
            "first_name": "Ada",
            "last_name": "Lovelace",
            "groups": [3],
            "workspaces": [7, 9],
            "active": false
        })))
        .respond_with(json_answer(201, ada()))
        .expect(1)
        .mount(&server)
        .await;

    let response = client
        .create_user()
        .body_map(|b| {
            b.email("ada@acme.example")
                .first_name("Ada")
                .last_name("Lovelace")
                .groups(vec![3])
                .workspaces(vec![7, 9])
                .active(false)
        })
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 201);
    let user = response.into_inner();
    assert_eq!(user.id, 42);
    assert_eq!(user.workspace_names, ["Marketing", "Sales"]);
}

#[tokio::test]
async fn get_user_gets_the_numeric_id_with_a_trailing_slash_and_decodes_every_field() {
    let (server, client) = setup().await;
    request("GET", "/users/42/")
        .and(exact_query(&[]))
        .respond_with(json_answer(200, ada()))
        .expect(1)
        .mount(&server)
        .await;

    let user = client.get_user().id(42).send().await.unwrap().into_inner();

    assert_eq!(
        user,
        User {
            id: 42,
            email: "ada@acme.example".into(),
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            active: true,
            groups: vec![3],
            workspaces: vec![7, 9],
            workspace_names: vec!["Marketing".into(), "Sales".into()],
            created: utc("2024-01-15T09:30:00Z"),
            last_login: Some(utc("2024-06-01T12:00:00Z")),
            last_modified: utc("2024-05-20T08:15:00Z"),
        }
    );
}

#[tokio::test]
async fn a_user_who_never_logged_in_decodes_with_no_last_login() {
    let (server, client) = setup().await;
    request("GET", "/users/43/")
        .and(exact_query(&[]))
        .respond_with(json_answer(200, grace()))
        .expect(1)
        .mount(&server)
        .await;

    let user = client.get_user().id(43).send().await.unwrap().into_inner();

    assert_eq!(user.last_login, None);
    assert!(!user.active);
    assert!(user.groups.is_empty() && user.workspace_names.is_empty());
    assert_eq!(user.created, utc("2024-02-01T00:00:00Z"));
}

#[tokio::test]
async fn update_user_patches_all_six_fields_of_the_seed_example() {
    let (server, client) = setup().await;
    request("PATCH", "/users/42/")
        .and(exact_query(&[]))
        .and(json_content())
        .and(body_json(seed_request_body()))
        .respond_with(json_answer(200, ada()))
        .expect(1)
        .mount(&server)
        .await;

    let user = client
        .update_user()
        .id(42)
        .body_map(|b| {
            b.email("user@example.com".to_string())
                .first_name("string".to_string())
                .last_name("string".to_string())
                .groups(Vec::<i64>::new())
                .workspaces(Vec::<i64>::new())
                .active(true)
        })
        .send()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(user.id, 42);
    assert_eq!(user.last_modified, utc("2024-05-20T08:15:00Z"));
}

#[tokio::test]
async fn update_user_sends_only_the_fields_set() {
    let (server, client) = setup().await;
    request("PATCH", "/users/43/")
        .and(exact_query(&[]))
        .and(json_content())
        .and(body_json(json!({"active": false})))
        .respond_with(json_answer(200, grace()))
        .expect(1)
        .mount(&server)
        .await;

    let user = client
        .update_user()
        .id(43)
        .body_map(|b| b.active(false))
        .send()
        .await
        .unwrap()
        .into_inner();

    assert!(!user.active);
    assert_eq!(user.id, 43);
}

#[tokio::test]
async fn update_user_clears_groups_with_an_empty_list_and_leaves_the_rest_out() {
    let (server, client) = setup().await;
    request("PATCH", "/users/42/")
        .and(exact_query(&[]))
        .and(json_content())
        .and(body_json(json!({"groups": [], "last_name": "Byron"})))
        .respond_with(json_answer(200, ada()))
        .expect(1)
        .mount(&server)
        .await;

    let user = client
        .update_user()
        .id(42)
        .body_map(|b| b.groups(Vec::<i64>::new()).last_name("Byron".to_string()))
        .send()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(user.id, 42);
}

#[tokio::test]
async fn delete_user_sends_delete_with_a_trailing_slash_and_accepts_204() {
    let (server, client) = setup().await;
    request("DELETE", "/users/42/")
        .and(exact_query(&[]))
        .and(body_bytes(Vec::<u8>::new()))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let response = client.delete_user().id(42).send().await.unwrap();

    assert_eq!(response.status(), 204);
}

#[tokio::test]
async fn a_create_answered_200_instead_of_201_is_a_success() {
    let (server, client) = setup().await;
    request("POST", "/users/")
        .respond_with(json_answer(200, ada()))
        .expect(1)
        .mount(&server)
        .await;

    let response = client
        .create_user()
        .body_map(|b| {
            b.email("ada@acme.example")
                .first_name("Ada")
                .last_name("Lovelace")
                .groups(vec![])
                .workspaces(vec![])
                .active(true)
        })
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.into_inner().id, 42);
}

#[tokio::test]
async fn a_delete_answered_200_with_a_body_is_a_success() {
    let (server, client) = setup().await;
    request("DELETE", "/users/42/")
        .respond_with(json_answer(200, json!({"detail": "deleted"})))
        .expect(1)
        .mount(&server)
        .await;

    let response = client.delete_user().id(42).send().await.unwrap();

    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn an_edit_answered_202_is_a_success_and_a_3xx_is_not() {
    let (server, client) = setup().await;
    request("PATCH", "/users/42/")
        .respond_with(json_answer(202, ada()))
        .expect(1)
        .mount(&server)
        .await;
    request("PATCH", "/users/43/")
        .respond_with(ResponseTemplate::new(304))
        .expect(1)
        .mount(&server)
        .await;

    let edited = client
        .update_user()
        .id(42)
        .body_map(|b| b.first_name(Some("Ada".to_string())))
        .send()
        .await
        .unwrap();
    let not_modified = client
        .update_user()
        .id(43)
        .body_map(|b| b.first_name(Some("Ada".to_string())))
        .send()
        .await;

    assert_eq!(edited.into_inner().id, 42);
    assert!(not_modified.is_err(), "a 304 is not a success");
}
