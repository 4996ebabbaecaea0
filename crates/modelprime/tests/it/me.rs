//! The caller's own user: `GET /users/me` and `PATCH /users/me`, with the reference
//! page's request and response samples.

use serde_json::json;
use usermgmt_modelprime::PermissionRole;
use usermgmt_modelprime::types::{Me, UpdatedMe};
use wiremock::matchers::body_json;

use crate::support::{exact_query, json_answer, json_content, request, setup};

#[tokio::test]
async fn get_me_gets_users_me_and_decodes_email_id_name_and_roles() {
    let (server, client) = setup().await;
    request("GET", "/users/me")
        .and(exact_query(&[]))
        .respond_with(json_answer(
            200,
            json!({
                "email": "me@acme.example",
                "id": "auth0|65f0c1",
                "name": "Ada Lovelace",
                "roles": ["admin", "developer"]
            }),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let me = client.get_me().send().await.unwrap().into_inner();

    assert_eq!(
        me,
        Me {
            email: "me@acme.example".into(),
            id: "auth0|65f0c1".into(),
            name: "Ada Lovelace".into(),
            roles: vec![PermissionRole::Admin, PermissionRole::Developer],
        }
    );
}

#[tokio::test]
async fn update_me_patches_the_reference_sample_and_decodes_the_answer() {
    let (server, client) = setup().await;
    request("PATCH", "/users/me")
        .and(exact_query(&[]))
        .and(json_content())
        .and(body_json(json!({"email": "string", "name": "string"})))
        .respond_with(json_answer(
            200,
            json!({"email": "string", "id": "string", "name": "string"}),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let updated = client
        .update_me()
        .body_map(|b| b.email("string".to_string()).name("string".to_string()))
        .send()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(
        updated,
        UpdatedMe {
            email: "string".into(),
            id: "string".into(),
            name: "string".into(),
        }
    );
}

#[tokio::test]
async fn update_me_sends_only_the_fields_set() {
    let (server, client) = setup().await;
    request("PATCH", "/users/me")
        .and(exact_query(&[]))
        .and(json_content())
        .and(body_json(json!({"name": "Ada King"})))
        .respond_with(json_answer(
            200,
            json!({"email": "me@acme.example", "id": "auth0|65f0c1", "name": "Ada King"}),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let updated = client
        .update_me()
        .body_map(|b| b.name("Ada King".to_string()))
        .send()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(updated.name, "Ada King");
    assert_eq!(updated.email, "me@acme.example");
}
