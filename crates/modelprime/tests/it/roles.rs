//! Roles the reference page does not list: `PermissionRole` keeps them as `Other` so a
//! role Model-Prime adds later does not break reading users.

use serde_json::json;
use usermgmt_modelprime::PermissionRole;

use crate::support::{json_answer, request, setup};

#[tokio::test]
async fn get_user_decodes_an_undocumented_role_as_other() {
    let (server, client) = setup().await;
    request("GET", "/users/u-7")
        .respond_with(json_answer(
            200,
            json!({
                "email": "audit@acme.example",
                "id": "u-7",
                "name": "Audit Bot",
                "roles": ["auditor", "analyst"]
            }),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let user = client
        .get_user()
        .id("u-7")
        .send()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(
        user.roles,
        vec![
            PermissionRole::Other("auditor".into()),
            PermissionRole::Analyst
        ]
    );
}

#[tokio::test]
async fn get_me_decodes_an_undocumented_role_as_other() {
    let (server, client) = setup().await;
    request("GET", "/users/me")
        .respond_with(json_answer(
            200,
            json!({
                "email": "me@acme.example",
                "id": "u-1",
                "name": "Me",
                "roles": ["auditor"]
            }),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let me = client.get_me().send().await.unwrap().into_inner();

    assert_eq!(me.roles, vec![PermissionRole::Other("auditor".into())]);
}
