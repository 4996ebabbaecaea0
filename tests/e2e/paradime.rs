//! Paradime's five GraphQL operations through the typed client against the sandbox:
//! users and invitations, workspaces, invites, account types, disabling.

use usermgmt::Error;
use usermgmt_paradime::{InviteStatus, UserAccountType};
use usermgmt_sandbox::demo::{self, DemoParadime};

use crate::{options, paradime, start};

fn is_uid(uid: &str) -> bool {
    uid.len() == 64 && uid.chars().all(|c| c.is_ascii_hexdigit())
}

#[tokio::test]
async fn list_users_returns_active_users_and_pending_invitations() {
    let sandbox = start().await;
    let client = paradime(&sandbox, &options());
    let users = client.list_users().await.unwrap();
    let active: Vec<&str> = users.active.iter().map(|u| u.email.as_str()).collect();
    let expected: Vec<&str> = demo::PEOPLE
        .iter()
        .filter(|p| matches!(p.paradime, Some(DemoParadime::Active(_))))
        .map(|p| p.email)
        .collect();
    assert_eq!(active, expected);
    assert!(users.active.iter().all(|u| is_uid(&u.uid)));
    let alan = users
        .active
        .iter()
        .find(|u| u.email == demo::LEAVER_EMAIL)
        .unwrap();
    assert_eq!(alan.account_type, UserAccountType::Developer);
    assert_eq!(alan.name, "Alan Turing");

    let annie = users
        .invited
        .iter()
        .find(|i| i.email == "annie@acme.example")
        .unwrap();
    assert_eq!(annie.account_type, UserAccountType::Developer);
    assert_eq!(annie.invite_status, InviteStatus::Active);
    let mary = users
        .invited
        .iter()
        .find(|i| i.email == "mary@acme.example")
        .unwrap();
    assert_eq!(mary.account_type, UserAccountType::Business);
    assert_eq!(mary.invite_status, InviteStatus::Expired);
    assert_eq!(users.invited.len(), 2);
}

#[tokio::test]
async fn list_workspaces_returns_both_demo_workspaces() {
    let sandbox = start().await;
    let client = paradime(&sandbox, &options());
    let workspaces = client.list_workspaces().await.unwrap();
    let names: Vec<&str> = workspaces.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(names, demo::PARADIME_WORKSPACES);
    assert!(workspaces.iter().all(|w| !w.uid.is_empty()));
    assert_ne!(workspaces[0].uid, workspaces[1].uid);
}

#[tokio::test]
async fn invite_user_adds_an_active_invitation_and_refuses_an_active_user() {
    let sandbox = start().await;
    let client = paradime(&sandbox, &options());
    client
        .invite_user("barbara@acme.example", UserAccountType::Analyst)
        .await
        .unwrap();
    let users = client.list_users().await.unwrap();
    let barbara = users
        .invited
        .iter()
        .find(|i| i.email == "barbara@acme.example")
        .expect("the invitation is listed");
    assert_eq!(barbara.account_type, UserAccountType::Analyst);
    assert_eq!(barbara.invite_status, InviteStatus::Active);
    assert!(
        users
            .active
            .iter()
            .all(|u| u.email != "barbara@acme.example")
    );

    let refused = client
        .invite_user(demo::OWNER_EMAIL, UserAccountType::Business)
        .await;
    assert!(
        matches!(&refused, Err(Error::NotOk { operation, .. }) if operation == "InviteUser"),
        "{refused:?}"
    );
    let again = client.list_users().await.unwrap();
    assert_eq!(again.invited.len(), users.invited.len());
}

#[tokio::test]
async fn update_user_account_type_changes_the_role_shown_by_list_users() {
    let sandbox = start().await;
    let client = paradime(&sandbox, &options());
    let users = client.list_users().await.unwrap();
    let katherine = users
        .active
        .iter()
        .find(|u| u.email == "katherine@acme.example")
        .unwrap();
    assert_eq!(katherine.account_type, UserAccountType::Business);
    client
        .update_user_account_type(&katherine.uid, UserAccountType::SandboxUser)
        .await
        .unwrap();
    let after = client.list_users().await.unwrap();
    let changed = after
        .active
        .iter()
        .find(|u| u.uid == katherine.uid)
        .unwrap();
    assert_eq!(changed.account_type, UserAccountType::SandboxUser);

    let unknown = client
        .update_user_account_type(&"0".repeat(64), UserAccountType::Admin)
        .await;
    assert!(matches!(unknown, Err(Error::NotOk { .. })), "{unknown:?}");
}

#[tokio::test]
async fn disable_user_removes_the_user_from_active_users_and_a_second_disable_is_refused() {
    let sandbox = start().await;
    let client = paradime(&sandbox, &options());
    let users = client.list_users().await.unwrap();
    let alan = users
        .active
        .iter()
        .find(|u| u.email == demo::LEAVER_EMAIL)
        .unwrap()
        .clone();
    client.disable_user(&alan.uid).await.unwrap();

    let after = client.list_users().await.unwrap();
    assert_eq!(after.active.len(), users.active.len() - 1);
    assert!(after.active.iter().all(|u| u.uid != alan.uid));
    assert_eq!(
        sandbox.paradime_disabled_users(),
        vec![demo::LEAVER_EMAIL.to_string()]
    );
    let again = client.disable_user(&alan.uid).await;
    assert!(
        matches!(&again, Err(Error::NotOk { operation, .. }) if operation == "DisableUser"),
        "{again:?}"
    );
}
