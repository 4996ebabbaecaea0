//! The calling user's operations (`GET /user`, `PUT /user`), which Axiom's published
//! spec adds to the seed guide. They are org-less: even a client configured with an
//! organization id sends no `X-Axiom-Org-Id` there (the catch-all fails the test if it
//! does), while every other operation still sends it.

use serde_json::json;
use usermgmt_axiom::types::{Role, User};
use wiremock::matchers::body_json;

use crate::support::{json_content, ok_json, org_less_request, request, seed_user, setup};

#[tokio::test]
async fn get_current_user_gets_user_without_the_org_header_and_decodes_the_token_owner() {
    let (server, client) = setup().await;
    org_less_request("GET", "/user")
        .respond_with(ok_json(seed_user()))
        .expect(1)
        .mount(&server)
        .await;

    let user = client.get_current_user().send().await.unwrap().into_inner();

    assert_eq!(
        user,
        User {
            email: "example@abc.com".into(),
            id: "abc123".into(),
            name: "test_user".into(),
            role: Role {
                id: "admin".into(),
                name: "admin".into(),
            },
        }
    );
}

#[tokio::test]
async fn update_current_user_puts_the_new_name_without_the_org_header() {
    let (server, client) = setup().await;
    org_less_request("PUT", "/user")
        .and(json_content())
        .and(body_json(json!({"name": "Ada Lovelace"})))
        .respond_with(ok_json(json!({
            "email": "example@abc.com",
            "id": "abc123",
            "name": "Ada Lovelace",
            "role": {"id": "owner", "name": "owner"}
        })))
        .expect(1)
        .mount(&server)
        .await;

    let user = client
        .update_current_user()
        .body_map(|b| b.name("Ada Lovelace"))
        .send()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(user.name, "Ada Lovelace");
    assert_eq!(user.id, "abc123");
    assert_eq!(user.role.id, "owner");
}

#[tokio::test]
async fn the_same_client_still_sends_the_org_header_on_organization_calls() {
    let (server, client) = setup().await;
    org_less_request("GET", "/user")
        .respond_with(ok_json(seed_user()))
        .expect(1)
        .mount(&server)
        .await;
    request("GET", "/users/abc123")
        .respond_with(ok_json(seed_user()))
        .expect(1)
        .mount(&server)
        .await;

    client.get_current_user().send().await.unwrap();
    let user = client.get_user().id("abc123").send().await.unwrap();

    assert_eq!(user.into_inner().id, "abc123");
    assert_eq!(
        usermgmt_axiom::Client::OPERATIONS_WITHOUT_SCOPED_HEADER,
        ["get_current_user", "update_current_user"]
    );
}
