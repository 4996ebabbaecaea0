//! One test per `/users` operation: method, path, auth headers, the exact body the seed
//! guide shows, and the decoding of its example answers.

use serde_json::json;
use usermgmt_axiom::types::{Role, User};
use wiremock::ResponseTemplate;
use wiremock::matchers::{body_bytes, body_json};

use crate::support::{json_content, ok_json, request, seed_user, setup};

fn admin() -> Role {
    Role {
        id: "admin".into(),
        name: "admin".into(),
    }
}

#[tokio::test]
async fn list_users_gets_users_and_decodes_the_seeds_two_users() {
    let (server, client) = setup().await;
    request("GET", "/users")
        .respond_with(ok_json(json!([
            {
                "email": "example1@abc.com",
                "id": "abc123",
                "name": "test_user1",
                "role": {"id": "admin", "name": "admin"}
            },
            {
                "email": "example2@abc.com",
                "id": "abc321",
                "name": "test_user2",
                "role": {"id": "admin", "name": "admin"}
            }
        ])))
        .expect(1)
        .mount(&server)
        .await;

    let users = client.list_users().send().await.unwrap().into_inner();

    assert_eq!(
        users,
        vec![
            User {
                email: "example1@abc.com".into(),
                id: "abc123".into(),
                name: "test_user1".into(),
                role: admin(),
            },
            User {
                email: "example2@abc.com".into(),
                id: "abc321".into(),
                name: "test_user2".into(),
                role: admin(),
            },
        ]
    );
}

#[tokio::test]
async fn create_user_posts_the_seed_body_and_decodes_the_200_answer() {
    let (server, client) = setup().await;
    request("POST", "/users")
        .and(json_content())
        .and(body_json(json!({
            "name": "test_user",
            "email": "example@abc.com",
            "role": "admin"
        })))
        .respond_with(ok_json(seed_user()))
        .expect(1)
        .mount(&server)
        .await;

    let response = client
        .create_user()
        .body_map(|b| b.name("test_user").email("example@abc.com").role("admin"))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200, "Axiom answers creation with 200");
    let user = response.into_inner();
    assert_eq!(user.id, "abc123");
    assert_eq!(user.name, "test_user");
    assert_eq!(user.email, "example@abc.com");
    assert_eq!(user.role, admin());
}

#[tokio::test]
async fn get_user_gets_the_user_by_id_and_decodes_the_seed_example() {
    let (server, client) = setup().await;
    request("GET", "/users/abc123")
        .respond_with(ok_json(seed_user()))
        .expect(1)
        .mount(&server)
        .await;

    let user = client
        .get_user()
        .id("abc123")
        .send()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(
        user,
        User {
            email: "example@abc.com".into(),
            id: "abc123".into(),
            name: "test_user".into(),
            role: admin(),
        }
    );
}

#[tokio::test]
async fn update_user_puts_name_and_email_and_decodes_the_seed_answer() {
    let (server, client) = setup().await;
    request("PUT", "/users/abc123")
        .and(json_content())
        .and(body_json(json!({
            "name": "test_user",
            "email": "example2@abc.com"
        })))
        .respond_with(ok_json(json!({
            "email": "example2@abc.com",
            "id": "abc123",
            "name": "test_user",
            "role": {"id": "admin", "name": "admin"}
        })))
        .expect(1)
        .mount(&server)
        .await;

    let user = client
        .update_user()
        .id("abc123")
        .body_map(|b| {
            b.name("test_user")
                .email(Some("example2@abc.com".to_string()))
        })
        .send()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(user.email, "example2@abc.com");
    assert_eq!(user.id, "abc123");
    assert_eq!(user.name, "test_user");
    assert_eq!(user.role, admin());
}

#[tokio::test]
async fn update_user_without_an_email_sends_only_the_required_name() {
    let (server, client) = setup().await;
    request("PUT", "/users/abc123")
        .and(json_content())
        .and(body_json(json!({"name": "renamed"})))
        .respond_with(ok_json(json!({
            "email": "example@abc.com",
            "id": "abc123",
            "name": "renamed",
            "role": {"id": "admin", "name": "admin"}
        })))
        .expect(1)
        .mount(&server)
        .await;

    let user = client
        .update_user()
        .id("abc123")
        .body_map(|b| b.name("renamed"))
        .send()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(user.name, "renamed");
    assert_eq!(user.email, "example@abc.com");
}

#[tokio::test]
async fn delete_user_sends_delete_and_accepts_an_empty_204() {
    let (server, client) = setup().await;
    request("DELETE", "/users/abc123")
        .and(body_bytes(Vec::<u8>::new()))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let response = client.delete_user().id("abc123").send().await.unwrap();

    assert_eq!(response.status(), 204);
}

#[tokio::test]
async fn update_user_role_puts_the_role_and_decodes_the_user() {
    let (server, client) = setup().await;
    request("PUT", "/users/abc123/role")
        .and(json_content())
        .and(body_json(json!({"role": "read-only"})))
        .respond_with(ok_json(json!({
            "email": "example@abc.com",
            "id": "abc123",
            "name": "test_user",
            "role": {"id": "read-only", "name": "read-only"}
        })))
        .expect(1)
        .mount(&server)
        .await;

    let user = client
        .update_user_role()
        .id("abc123")
        .body_map(|b| b.role("read-only"))
        .send()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(user.id, "abc123");
    assert_eq!(
        user.role,
        Role {
            id: "read-only".into(),
            name: "read-only".into(),
        }
    );
}
