//! Custom roles: Axiom roles are a built-in name or a custom role's id, so a custom role
//! must decode and must be sent back verbatim (the spec keeps `role` an open string).

use serde_json::json;
use usermgmt_axiom::types::Role;
use wiremock::matchers::body_json;

use crate::support::{json_content, ok_json, request, setup};

fn data_stewards() -> serde_json::Value {
    json!({
        "email": "steward@abc.com",
        "id": "abc777",
        "name": "steward",
        "role": {"id": "custom-7f3a", "name": "Data Stewards"}
    })
}

#[tokio::test]
async fn a_user_whose_role_is_a_custom_role_id_decodes_with_its_id_and_display_name() {
    let (server, client) = setup().await;
    request("GET", "/users/abc777")
        .respond_with(ok_json(data_stewards()))
        .expect(1)
        .mount(&server)
        .await;

    let user = client
        .get_user()
        .id("abc777")
        .send()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(
        user.role,
        Role {
            id: "custom-7f3a".into(),
            name: "Data Stewards".into(),
        }
    );
}

#[tokio::test]
async fn a_listing_mixing_built_in_and_custom_roles_decodes_every_user() {
    let (server, client) = setup().await;
    request("GET", "/users")
        .respond_with(ok_json(json!([
            {
                "email": "example1@abc.com",
                "id": "abc123",
                "name": "test_user1",
                "role": {"id": "admin", "name": "admin"}
            },
            data_stewards()
        ])))
        .expect(1)
        .mount(&server)
        .await;

    let users = client.list_users().send().await.unwrap().into_inner();

    let roles: Vec<&str> = users.iter().map(|u| u.role.id.as_str()).collect();
    assert_eq!(roles, ["admin", "custom-7f3a"]);
    assert_eq!(users[1].role.name, "Data Stewards");
}

#[tokio::test]
async fn a_custom_role_id_is_sent_verbatim_when_changing_a_role() {
    let (server, client) = setup().await;
    request("PUT", "/users/abc777/role")
        .and(json_content())
        .and(body_json(json!({"role": "custom-7f3a"})))
        .respond_with(ok_json(data_stewards()))
        .expect(1)
        .mount(&server)
        .await;

    let user = client
        .update_user_role()
        .id("abc777")
        .body_map(|b| b.role("custom-7f3a"))
        .send()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(user.role.id, "custom-7f3a");
}

#[tokio::test]
async fn a_custom_role_id_is_sent_verbatim_when_creating_a_user() {
    let (server, client) = setup().await;
    request("POST", "/users")
        .and(json_content())
        .and(body_json(json!({
            "name": "steward",
            "email": "steward@abc.com",
            "role": "custom-7f3a"
        })))
        .respond_with(ok_json(data_stewards()))
        .expect(1)
        .mount(&server)
        .await;

    let user = client
        .create_user()
        .body_map(|b| {
            b.name("steward")
                .email("steward@abc.com")
                .role("custom-7f3a")
        })
        .send()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(user.id, "abc777");
    assert_eq!(user.role.name, "Data Stewards");
}

/// A role as `GET /rbac/roles` lists it (Axiom's `RoleWithID`, capabilities abridged).
fn data_stewards_role() -> serde_json::Value {
    json!({
        "id": "custom-7f3a",
        "name": "Data Stewards",
        "description": "Reads every dataset",
        "members": ["abc777"],
        "orgCapabilities": {"datasets": ["read"]},
        "datasetCapabilities": {"logs": {"query": ["read"]}}
    })
}

#[tokio::test]
async fn list_roles_gets_the_rbac_roles_and_decodes_ids_names_and_members() {
    let (server, client) = setup().await;
    request("GET", "/rbac/roles")
        .respond_with(ok_json(
            json!([data_stewards_role(), {"id": "admin", "name": "admin"}]),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let roles = client.list_roles().send().await.unwrap().into_inner();

    assert_eq!(roles.len(), 2);
    assert_eq!(roles[0].id, "custom-7f3a");
    assert_eq!(roles[0].name, "Data Stewards");
    assert_eq!(roles[0].members, vec!["abc777".to_string()]);
    assert_eq!(roles[1].description, None);
}

#[tokio::test]
async fn get_role_gets_one_role_by_id() {
    let (server, client) = setup().await;
    request("GET", "/rbac/roles/custom-7f3a")
        .respond_with(ok_json(data_stewards_role()))
        .expect(1)
        .mount(&server)
        .await;

    let role = client
        .get_role()
        .id("custom-7f3a")
        .send()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(role.name, "Data Stewards");
    assert_eq!(role.description.as_deref(), Some("Reads every dataset"));
}
