//! The calling user's operations (`GET /user`, `PUT /user`), which Axiom's published
//! spec adds to the seed guide.

use serde_json::json;
use usermgmt_axiom::types::{Role, User};
use wiremock::matchers::body_json;

use crate::support::{json_content, ok_json, request, seed_user, setup};

#[tokio::test]
async fn get_current_user_gets_user_and_decodes_the_token_owner() {
    let (server, client) = setup().await;
    request("GET", "/user")
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
async fn update_current_user_puts_the_new_name_and_decodes_the_renamed_user() {
    let (server, client) = setup().await;
    request("PUT", "/user")
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
