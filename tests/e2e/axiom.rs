//! Axiom's ten operations through the generated client against the sandbox: decoded
//! answers and the state each change leaves behind, the two kinds of token, and custom
//! role names resolved through the role listing.

use usermgmt::{Provider, call};
use usermgmt_axiom::Client;
use usermgmt_axiom::types::User;
use usermgmt_sandbox::demo;

use crate::{axiom, axiom_api_token, expect_status, message_of, options, start};

const AXIOM: Provider = Provider::Axiom;

async fn list(client: &Client) -> Vec<User> {
    call(AXIOM, "list_users", client.list_users().send())
        .await
        .unwrap()
}

async fn id_of(client: &Client, email: &str) -> String {
    list(client)
        .await
        .into_iter()
        .find(|u| u.email == email)
        .unwrap_or_else(|| panic!("{email} is listed"))
        .id
}

#[tokio::test]
async fn get_current_user_returns_the_owner_of_the_token() {
    let sandbox = start().await;
    let client = axiom(&sandbox, &options());
    let me = call(AXIOM, "get_current_user", client.get_current_user().send())
        .await
        .unwrap();
    assert_eq!(me.email, demo::OWNER_EMAIL);
    assert_eq!(me.name, "Ada Lovelace");
    assert_eq!(
        (me.role.id.as_str(), me.role.name.as_str()),
        ("owner", "owner")
    );
    assert_eq!(me.id, id_of(&client, demo::OWNER_EMAIL).await);
}

#[tokio::test]
async fn update_current_user_renames_the_caller_and_the_list_shows_the_new_name() {
    let sandbox = start().await;
    let client = axiom(&sandbox, &options());
    let renamed = call(
        AXIOM,
        "update_current_user",
        client
            .update_current_user()
            .body_map(|b| b.name("Ada King"))
            .send(),
    )
    .await
    .unwrap();
    assert_eq!(renamed.name, "Ada King");
    assert_eq!(renamed.email, demo::OWNER_EMAIL);
    let listed = list(&client).await;
    let ada = listed
        .iter()
        .find(|u| u.email == demo::OWNER_EMAIL)
        .unwrap();
    assert_eq!(ada.name, "Ada King");
    assert_eq!(ada.id, renamed.id);
}

#[tokio::test]
async fn list_users_returns_the_whole_demo_organisation_with_custom_role_ids() {
    let sandbox = start().await;
    let client = axiom(&sandbox, &options());
    let users = list(&client).await;
    let expected: Vec<&str> = demo::PEOPLE
        .iter()
        .filter(|p| p.axiom_role.is_some())
        .map(|p| p.email)
        .collect();
    let emails: Vec<&str> = users.iter().map(|u| u.email.as_str()).collect();
    assert_eq!(emails, expected);
    let edsger = users
        .iter()
        .find(|u| u.email == "edsger@acme.example")
        .unwrap();
    assert_eq!(edsger.role.id, demo::AXIOM_CUSTOM_ROLE_ID);
    // The user object carries the id; only the role listing names the role.
    let roles = call(AXIOM, "list_roles", client.list_roles().send())
        .await
        .unwrap();
    let role = roles.iter().find(|r| r.id == edsger.role.id).unwrap();
    assert_eq!(role.name, demo::AXIOM_CUSTOM_ROLE_NAME);
    assert_eq!(role.members, vec![edsger.id.clone()]);
    let one = call(AXIOM, "get_role", client.get_role().id(&role.id).send())
        .await
        .unwrap();
    assert_eq!(&one, role);
    let missing = call(
        AXIOM,
        "get_role",
        client.get_role().id("no-such-role").send(),
    )
    .await;
    assert_eq!(
        message_of(&expect_status(missing, 404)),
        Some("role not found")
    );
}

#[tokio::test]
async fn the_api_token_serves_the_users_but_not_the_current_user() {
    let sandbox = start().await;
    let client = axiom_api_token(&sandbox, &options());
    assert!(!list(&client).await.is_empty());
    let refused = call(AXIOM, "get_current_user", client.get_current_user().send()).await;
    let error = expect_status(refused, 403);
    assert!(
        message_of(&error).is_some_and(|m| m.contains("personal access token")),
        "{error}"
    );
}

#[tokio::test]
async fn create_user_answers_with_the_new_user_and_the_list_then_shows_it_once() {
    let sandbox = start().await;
    let client = axiom(&sandbox, &options());
    let before = list(&client).await.len();
    let created = call(
        AXIOM,
        "create_user",
        client
            .create_user()
            .body_map(|b| {
                b.name("Barbara Liskov")
                    .email("barbara@acme.example")
                    .role("read-only")
            })
            .send(),
    )
    .await
    .unwrap();
    assert!(!created.id.is_empty());
    assert_eq!(created.name, "Barbara Liskov");
    assert_eq!(created.email, "barbara@acme.example");
    assert_eq!(created.role.id, "read-only");

    let after = list(&client).await;
    assert_eq!(after.len(), before + 1);
    assert_eq!(
        after.iter().find(|u| u.email == "barbara@acme.example"),
        Some(&created)
    );

    let duplicate = call(
        AXIOM,
        "create_user",
        client
            .create_user()
            .body_map(|b| b.name("B").email("BARBARA@acme.example").role("user"))
            .send(),
    )
    .await;
    let error = expect_status(duplicate, 409);
    assert!(error.to_string().contains("already exists"), "{error}");
    assert_eq!(list(&client).await.len(), before + 1);
}

#[tokio::test]
async fn get_user_returns_the_listed_user_and_an_unknown_id_is_404() {
    let sandbox = start().await;
    let client = axiom(&sandbox, &options());
    let id = id_of(&client, demo::LEAVER_EMAIL).await;
    let alan = call(AXIOM, "get_user", client.get_user().id(&id).send())
        .await
        .unwrap();
    assert_eq!(alan.id, id);
    assert_eq!(alan.name, "Alan Turing");
    assert_eq!(alan.role.id, "admin");

    let missing = call(
        AXIOM,
        "get_user",
        client.get_user().id("no-such-user").send(),
    )
    .await;
    let error = expect_status(missing, 404);
    assert_eq!(message_of(&error), Some("user not found"));
    assert!(error.is_not_found());
}

#[tokio::test]
async fn update_user_changes_name_and_email_and_get_shows_the_change() {
    let sandbox = start().await;
    let client = axiom(&sandbox, &options());
    let id = id_of(&client, "grace@acme.example").await;
    let updated = call(
        AXIOM,
        "update_user",
        client
            .update_user()
            .id(&id)
            .body_map(|b| {
                b.name("Grace Brewster Hopper")
                    .email(Some("amazing.grace@acme.example".to_string()))
            })
            .send(),
    )
    .await
    .unwrap();
    assert_eq!(updated.name, "Grace Brewster Hopper");
    assert_eq!(updated.email, "amazing.grace@acme.example");
    assert_eq!(updated.role.id, "user", "the role is left alone");

    let fetched = call(AXIOM, "get_user", client.get_user().id(&id).send())
        .await
        .unwrap();
    assert_eq!(fetched, updated);
    assert!(
        list(&client)
            .await
            .iter()
            .all(|u| u.email != "grace@acme.example")
    );
}

#[tokio::test]
async fn delete_user_removes_the_user_so_get_is_404_and_a_second_delete_too() {
    let sandbox = start().await;
    let client = axiom(&sandbox, &options());
    let id = id_of(&client, "claude@acme.example").await;
    call(AXIOM, "delete_user", client.delete_user().id(&id).send())
        .await
        .unwrap();

    let gone = call(AXIOM, "get_user", client.get_user().id(&id).send()).await;
    expect_status(gone, 404);
    assert!(list(&client).await.iter().all(|u| u.id != id));
    let again = call(AXIOM, "delete_user", client.delete_user().id(&id).send()).await;
    expect_status(again, 404);
}

#[tokio::test]
async fn update_user_role_sets_built_in_and_custom_roles_and_refuses_unknown_ones() {
    let sandbox = start().await;
    let client = axiom(&sandbox, &options());
    let id = id_of(&client, "katherine@acme.example").await;
    let promoted = call(
        AXIOM,
        "update_user_role",
        client
            .update_user_role()
            .id(&id)
            .body_map(|b| b.role("admin"))
            .send(),
    )
    .await
    .unwrap();
    assert_eq!(
        (promoted.role.id.as_str(), promoted.role.name.as_str()),
        ("admin", "admin")
    );

    let custom = call(
        AXIOM,
        "update_user_role",
        client
            .update_user_role()
            .id(&id)
            .body_map(|b| b.role(demo::AXIOM_CUSTOM_ROLE_ID))
            .send(),
    )
    .await
    .unwrap();
    assert_eq!(custom.role.id, demo::AXIOM_CUSTOM_ROLE_ID);
    let fetched = call(AXIOM, "get_user", client.get_user().id(&id).send())
        .await
        .unwrap();
    assert_eq!(fetched.role.id, demo::AXIOM_CUSTOM_ROLE_ID);

    let unknown = call(
        AXIOM,
        "update_user_role",
        client
            .update_user_role()
            .id(&id)
            .body_map(|b| b.role("superuser"))
            .send(),
    )
    .await;
    expect_status(unknown, 404);
    let unchanged = call(AXIOM, "get_user", client.get_user().id(&id).send())
        .await
        .unwrap();
    assert_eq!(unchanged.role.id, demo::AXIOM_CUSTOM_ROLE_ID);
}
