//! One test per operation on the organization's users: list (with its query), get,
//! remove, reset password, replace roles and invite, each with the exact body the
//! reference page shows.

use serde_json::json;
use usermgmt_modelprime::PermissionRole;
use usermgmt_modelprime::types::{ConnectionTypeInner, User, UserSummary};
use wiremock::ResponseTemplate;
use wiremock::matchers::{body_bytes, body_json};

use crate::support::{exact_query, json_answer, json_content, request, setup};

#[tokio::test]
async fn list_users_sends_page_number_page_size_and_name_search_and_decodes_the_page() {
    let (server, client) = setup().await;
    request("GET", "/users")
        .and(exact_query(&[
            ("page_number", "2"),
            ("page_size", "100"),
            ("name_search", "ada lovelace"),
        ]))
        .respond_with(json_answer(
            200,
            json!({
                "count": 101,
                "items": [{"email": "ada@acme.example", "id": "auth0|ada", "name": "Ada Lovelace"}]
            }),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let page = client
        .list_users()
        .page_number(2)
        .page_size(100)
        .name_search("ada lovelace")
        .send()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(page.count, 101);
    assert_eq!(
        page.items,
        vec![UserSummary {
            email: "ada@acme.example".into(),
            id: "auth0|ada".into(),
            name: "Ada Lovelace".into(),
        }]
    );
}

#[tokio::test]
async fn list_users_without_parameters_sends_no_query_and_decodes_an_empty_page() {
    let (server, client) = setup().await;
    request("GET", "/users")
        .and(exact_query(&[]))
        .respond_with(json_answer(200, json!({"count": 0, "items": []})))
        .expect(1)
        .mount(&server)
        .await;

    let page = client.list_users().send().await.unwrap().into_inner();

    assert_eq!(page.count, 0);
    assert!(page.items.is_empty());
}

#[tokio::test]
async fn get_user_gets_the_user_by_id_with_their_roles() {
    let (server, client) = setup().await;
    request("GET", "/users/auth0|ada")
        .and(exact_query(&[]))
        .respond_with(json_answer(
            200,
            json!({
                "email": "ada@acme.example",
                "id": "auth0|ada",
                "name": "Ada Lovelace",
                "roles": ["analyst"]
            }),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let user = client
        .get_user()
        .id("auth0|ada")
        .send()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(
        user,
        User {
            email: "ada@acme.example".into(),
            id: "auth0|ada".into(),
            name: "Ada Lovelace".into(),
            roles: vec![PermissionRole::Analyst],
        }
    );
}

#[tokio::test]
async fn remove_user_deletes_the_user_and_accepts_a_204() {
    let (server, client) = setup().await;
    request("DELETE", "/users/u-42")
        .and(exact_query(&[]))
        .and(body_bytes(Vec::<u8>::new()))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let response = client.remove_user().id("u-42").send().await.unwrap();

    assert_eq!(response.status(), 204);
}

#[tokio::test]
async fn reset_user_password_posts_without_a_body_and_accepts_a_200_with_any_body() {
    let (server, client) = setup().await;
    request("POST", "/users/u-42/password-reset")
        .and(exact_query(&[]))
        .and(body_bytes(Vec::<u8>::new()))
        .respond_with(json_answer(200, json!({"status": "email sent"})))
        .expect(1)
        .mount(&server)
        .await;

    let response = client
        .reset_user_password()
        .id("u-42")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn replace_user_roles_puts_the_reference_array_of_roles() {
    let (server, client) = setup().await;
    request("PUT", "/users/u-42/roles")
        .and(exact_query(&[]))
        .and(json_content())
        .and(body_json(json!(["admin"])))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;

    let response = client
        .replace_user_roles()
        .id("u-42")
        .body(vec![PermissionRole::Admin])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn invite_user_posts_google_oauth2_email_name_and_roles() {
    let (server, client) = setup().await;
    request("POST", "/users/invite")
        .and(exact_query(&[]))
        .and(json_content())
        .and(body_json(json!({
            "connection": "google-oauth2",
            "email": "ada@acme.example",
            "name": "Ada Lovelace",
            "roles": ["developer", "analyst"]
        })))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;

    let response = client
        .invite_user()
        .body_map(|b| {
            b.connection(Some(ConnectionTypeInner::GoogleOauth2))
                .email("ada@acme.example")
                .name("Ada Lovelace")
                .roles(vec![PermissionRole::Developer, PermissionRole::Analyst])
        })
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 201);
}

#[tokio::test]
async fn invite_user_without_a_connection_sends_connection_null() {
    let (server, client) = setup().await;
    request("POST", "/users/invite")
        .and(exact_query(&[]))
        .and(json_content())
        .and(body_json(json!({
            "connection": null,
            "email": "grace@acme.example",
            "name": "Grace Hopper",
            "roles": ["admin"]
        })))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;

    let response = client
        .invite_user()
        .body_map(|b| {
            b.connection(None)
                .email("grace@acme.example")
                .name("Grace Hopper")
                .roles(vec![PermissionRole::Admin])
        })
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
}
