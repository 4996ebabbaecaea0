//! Model-Prime's nine operations through the generated client against the sandbox:
//! organisation, the caller, members, invitations, roles and password resets.

use usermgmt::{Provider, call};
use usermgmt_modelprime::types::{ConnectionTypeInner, UserSummary};
use usermgmt_modelprime::{Client, PermissionRole};
use usermgmt_sandbox::demo;

use crate::{expect_status, message_of, modelprime, options, start};

const MODELPRIME: Provider = Provider::ModelPrime;

async fn members(client: &Client) -> Vec<UserSummary> {
    let list = call(
        MODELPRIME,
        "list_users",
        client.list_users().page_number(1_u64).page_size(100).send(),
    )
    .await
    .unwrap();
    assert_eq!(
        list.count,
        list.items.len() as i64,
        "one page holds the demo"
    );
    list.items
}

async fn id_of(client: &Client, email: &str) -> String {
    members(client)
        .await
        .into_iter()
        .find(|u| u.email == email)
        .unwrap_or_else(|| panic!("{email} is a member"))
        .id
}

fn demo_members() -> Vec<&'static str> {
    demo::PEOPLE
        .iter()
        .filter(|p| p.modelprime.is_some_and(|m| !m.invited))
        .map(|p| p.email)
        .collect()
}

#[tokio::test]
async fn get_organization_returns_the_acme_organisation() {
    let sandbox = start().await;
    let client = modelprime(&sandbox, &options());
    let org = call(
        MODELPRIME,
        "get_organization",
        client.get_organization().send(),
    )
    .await
    .unwrap();
    assert_eq!(org.name, demo::ORGANIZATION_NAME);
    assert_eq!(org.short_name, "acme");
    assert!(org.created_at < org.updated_at);
}

#[tokio::test]
async fn get_me_returns_the_owner_of_the_token_with_roles() {
    let sandbox = start().await;
    let client = modelprime(&sandbox, &options());
    let me = call(MODELPRIME, "get_me", client.get_me().send())
        .await
        .unwrap();
    assert_eq!(me.email, demo::OWNER_EMAIL);
    assert_eq!(me.roles, vec![PermissionRole::Admin]);
    assert_eq!(me.id, id_of(&client, demo::OWNER_EMAIL).await);
}

#[tokio::test]
async fn update_me_renames_the_caller_and_get_me_and_the_list_show_it() {
    let sandbox = start().await;
    let client = modelprime(&sandbox, &options());
    let updated = call(
        MODELPRIME,
        "update_me",
        client
            .update_me()
            .body_map(|b| b.name(Some("Ada King".to_string())))
            .send(),
    )
    .await
    .unwrap();
    assert_eq!(updated.name, "Ada King");
    assert_eq!(updated.email, demo::OWNER_EMAIL);

    let me = call(MODELPRIME, "get_me", client.get_me().send())
        .await
        .unwrap();
    assert_eq!(
        (me.id.as_str(), me.name.as_str()),
        (updated.id.as_str(), "Ada King")
    );
    let listed = members(&client).await;
    assert!(
        listed
            .iter()
            .any(|u| u.id == updated.id && u.name == "Ada King")
    );
}

#[tokio::test]
async fn list_users_pages_by_number_counts_everything_and_searches_by_name() {
    let sandbox = start().await;
    let client = modelprime(&sandbox, &options());
    let all = members(&client).await;
    let emails: Vec<&str> = all.iter().map(|u| u.email.as_str()).collect();
    assert_eq!(
        emails,
        demo_members(),
        "pending invitations are not members"
    );

    let second = call(
        MODELPRIME,
        "list_users",
        client.list_users().page_number(2_u64).page_size(2).send(),
    )
    .await
    .unwrap();
    assert_eq!(second.count, all.len() as i64);
    assert_eq!(second.items, all[2..4].to_vec());

    let search = call(
        MODELPRIME,
        "list_users",
        client.list_users().name_search("turing").send(),
    )
    .await
    .unwrap();
    assert_eq!(search.count, 1);
    assert_eq!(search.items[0].email, demo::LEAVER_EMAIL);
}

#[tokio::test]
async fn invite_user_creates_a_pending_invitation_that_is_not_yet_a_member() {
    let sandbox = start().await;
    let client = modelprime(&sandbox, &options());
    call(
        MODELPRIME,
        "invite_user",
        client
            .invite_user()
            .body_map(|b| {
                b.email("barbara@acme.example")
                    .name("Barbara Liskov")
                    .roles(vec![PermissionRole::Developer, PermissionRole::Analyst])
                    .connection(Some(ConnectionTypeInner::GoogleOauth2))
            })
            .send(),
    )
    .await
    .unwrap();

    let invitation = sandbox
        .modelprime_invitations()
        .into_iter()
        .find(|i| i.email == "barbara@acme.example")
        .expect("the invitation is pending");
    assert_eq!(invitation.name, "Barbara Liskov");
    assert_eq!(invitation.roles, vec!["developer", "analyst"]);
    assert_eq!(invitation.connection.as_deref(), Some("google-oauth2"));
    assert!(
        members(&client)
            .await
            .iter()
            .all(|u| u.email != "barbara@acme.example")
    );

    let member = call(
        MODELPRIME,
        "invite_user",
        client
            .invite_user()
            .body_map(|b| {
                b.email(demo::LEAVER_EMAIL)
                    .name("Alan Turing")
                    .roles(vec![PermissionRole::Analyst])
                    .connection(None)
            })
            .send(),
    )
    .await;
    let error = expect_status(member, 409);
    assert!(
        message_of(&error).unwrap().contains("already a member"),
        "{error}"
    );
}

#[tokio::test]
async fn get_user_returns_the_member_with_roles_and_an_unknown_id_is_404() {
    let sandbox = start().await;
    let client = modelprime(&sandbox, &options());
    let id = id_of(&client, "grace@acme.example").await;
    let grace = call(MODELPRIME, "get_user", client.get_user().id(&id).send())
        .await
        .unwrap();
    assert_eq!(grace.id, id);
    assert_eq!(grace.name, "Grace Hopper");
    assert_eq!(
        grace.roles,
        vec![PermissionRole::Developer, PermissionRole::Analyst]
    );

    let missing = call(
        MODELPRIME,
        "get_user",
        client.get_user().id("auth0|nobody").send(),
    )
    .await;
    let error = expect_status(missing, 404);
    assert_eq!(message_of(&error), Some("User not found"));
}

#[tokio::test]
async fn remove_user_removes_the_member_so_get_is_404() {
    let sandbox = start().await;
    let client = modelprime(&sandbox, &options());
    let id = id_of(&client, "john@acme.example").await;
    call(
        MODELPRIME,
        "remove_user",
        client.remove_user().id(&id).send(),
    )
    .await
    .unwrap();

    let gone = call(MODELPRIME, "get_user", client.get_user().id(&id).send()).await;
    assert!(expect_status(gone, 404).is_not_found());
    assert!(members(&client).await.iter().all(|u| u.id != id));
    let again = call(
        MODELPRIME,
        "remove_user",
        client.remove_user().id(&id).send(),
    )
    .await;
    expect_status(again, 404);
}

#[tokio::test]
async fn reset_user_password_works_for_password_accounts_only() {
    let sandbox = start().await;
    let client = modelprime(&sandbox, &options());
    let hedy = id_of(&client, "hedy@acme.example").await;
    call(
        MODELPRIME,
        "reset_user_password",
        client.reset_user_password().id(&hedy).send(),
    )
    .await
    .unwrap();

    let alan = id_of(&client, demo::LEAVER_EMAIL).await;
    let google = call(
        MODELPRIME,
        "reset_user_password",
        client.reset_user_password().id(&alan).send(),
    )
    .await;
    let error = expect_status(google, 400);
    assert!(
        message_of(&error).unwrap().contains("google-oauth2"),
        "{error}"
    );
    let missing = call(
        MODELPRIME,
        "reset_user_password",
        client.reset_user_password().id("auth0|nobody").send(),
    )
    .await;
    expect_status(missing, 404);
}

#[tokio::test]
async fn replace_user_roles_replaces_every_role_and_get_shows_the_new_set() {
    let sandbox = start().await;
    let client = modelprime(&sandbox, &options());
    let id = id_of(&client, "grace@acme.example").await;
    call(
        MODELPRIME,
        "replace_user_roles",
        client
            .replace_user_roles()
            .id(&id)
            .body(vec![PermissionRole::Analyst])
            .send(),
    )
    .await
    .unwrap();
    let grace = call(MODELPRIME, "get_user", client.get_user().id(&id).send())
        .await
        .unwrap();
    assert_eq!(grace.roles, vec![PermissionRole::Analyst]);

    let missing = call(
        MODELPRIME,
        "replace_user_roles",
        client
            .replace_user_roles()
            .id("auth0|nobody")
            .body(vec![PermissionRole::Admin])
            .send(),
    )
    .await;
    expect_status(missing, 404);
}
