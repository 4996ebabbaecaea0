//! One test per operation: method, path, auth headers, the exact body (generated query
//! document, operation name, the variables Paradime's docs show) and the decoding of
//! the documented answer.

use serde_json::{Value, json};
use usermgmt_paradime::operations::{
    disable_user, invite_user, list_users, list_workspaces, update_user_account_type,
};
use usermgmt_paradime::{
    ActiveUser, ClientOptions, InviteStatus, InvitedUser, ParadimeCredentials, UserAccountType,
    Workspace,
};
use wiremock::Mock;
use wiremock::ResponseTemplate;
use wiremock::matchers::{method, path};

use crate::support::{
    KEY, LIST_USERS_EXAMPLE, PATH, SECRET, client, endpoint, expect_request, ok_json, request_body,
    server, squash,
};

const UPDATE_UID: &str = "b6982657f4f7f796945a5c9ca8980e5a2ddf9f94fd7a54fb98b7740fdd54821b";
const DISABLE_UID: &str = "c24d93ba3f6e743bf97a7b5b48c2b7931f6d57d022501cdb2fb983264efc0c29";

#[tokio::test]
async fn list_users_posts_its_query_and_decodes_the_documented_example() {
    let server = server().await;
    let example: Value = serde_json::from_str(LIST_USERS_EXAMPLE).unwrap();
    expect_request(
        &server,
        request_body(list_users::QUERY, "ListUsers", None),
        ok_json(example),
    )
    .await;

    let users = client(&server).list_users().await.unwrap();

    assert_eq!(users.active.len(), 3);
    assert_eq!(
        users.active[0],
        ActiveUser {
            uid: "1b051b1e1aaf70773789c250cd0cc40a5bf27c104d1ca2c6b765767eb53c4772".into(),
            email: "alexandra@acme.io".into(),
            name: "Alexandra James".into(),
            account_type: UserAccountType::Admin,
        }
    );
    assert_eq!(users.active[1].name, "Jonathan Maxwell");
    assert_eq!(users.active[2].email, "matt@acme.io");
    assert_eq!(users.active[2].account_type, UserAccountType::Developer);
    assert_eq!(
        users.invited,
        vec![
            InvitedUser {
                email: "max@acme.io".into(),
                account_type: UserAccountType::Admin,
                invite_status: InviteStatus::Expired,
            },
            InvitedUser {
                email: "john@acme.io".into(),
                account_type: UserAccountType::Admin,
                invite_status: InviteStatus::Active,
            },
        ]
    );
}

#[tokio::test]
async fn list_workspaces_posts_its_query_and_decodes_every_workspace() {
    let server = server().await;
    expect_request(
        &server,
        request_body(list_workspaces::QUERY, "ListWorkspaces", None),
        ok_json(
            json!({"data": {"listWorkspaces": {"ok": true, "workspaces": [
                {"uid": "ws-1", "name": "Analytics"},
                {"uid": "ws-2", "name": "Sandbox"}
            ]}}}),
        ),
    )
    .await;

    let workspaces = client(&server).list_workspaces().await.unwrap();

    assert_eq!(
        workspaces,
        vec![
            Workspace {
                uid: "ws-1".into(),
                name: "Analytics".into()
            },
            Workspace {
                uid: "ws-2".into(),
                name: "Sandbox".into()
            },
        ]
    );
}

#[tokio::test]
async fn invite_user_sends_the_email_and_account_type_the_docs_show() {
    let server = server().await;
    expect_request(
        &server,
        request_body(
            invite_user::QUERY,
            "InviteUser",
            Some(json!({"email": "alice@acme.io", "accountType": "DEVELOPER"})),
        ),
        ok_json(json!({"data": {"inviteUser": {"ok": true}}})),
    )
    .await;

    client(&server)
        .invite_user("alice@acme.io", UserAccountType::Developer)
        .await
        .unwrap();
}

#[tokio::test]
async fn update_user_account_type_sends_the_uid_and_account_type_the_docs_show() {
    let server = server().await;
    expect_request(
        &server,
        request_body(
            update_user_account_type::QUERY,
            "UpdateUserAccountType",
            Some(json!({"uid": UPDATE_UID, "accountType": "DEVELOPER"})),
        ),
        ok_json(json!({"data": {"updateUserAccountType": {"ok": true}}})),
    )
    .await;

    client(&server)
        .update_user_account_type(UPDATE_UID, UserAccountType::Developer)
        .await
        .unwrap();
}

#[tokio::test]
async fn disable_user_sends_the_uid_the_docs_show() {
    let server = server().await;
    expect_request(
        &server,
        request_body(
            disable_user::QUERY,
            "DisableUser",
            Some(json!({"uid": DISABLE_UID})),
        ),
        ok_json(json!({"data": {"disableUser": {"ok": true}}})),
    )
    .await;

    client(&server).disable_user(DISABLE_UID).await.unwrap();
}

#[test]
fn the_generated_query_documents_are_the_ones_in_paradimes_docs() {
    // The curl examples of the docs, verbatim.
    let documented = [
        (
            list_users::QUERY,
            "query ListUsers { listUsers { ok activeUsers { uid email name accountType } invitedUsers { email accountType inviteStatus } } }",
        ),
        (
            invite_user::QUERY,
            "mutation InviteUser($email: String!, $accountType: UserAccountType!) { inviteUser(email: $email, accountType: $accountType) { ok } }",
        ),
        (
            update_user_account_type::QUERY,
            "mutation UpdateUserAccountType($uid: String!, $accountType: UserAccountType!) { updateUserAccountType(uid: $uid, accountType: $accountType) { ok } }",
        ),
        (
            disable_user::QUERY,
            "mutation DisableUser($uid: String!) { disableUser(uid: $uid) { ok } }",
        ),
    ];
    for (generated, docs) in documented {
        assert_eq!(squash(generated), docs);
    }
}

#[tokio::test]
async fn bearer_credentials_send_the_token_and_workspace_instead_of_the_key_pair() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(PATH))
        .respond_with(ResponseTemplate::new(200).set_body_string(LIST_USERS_EXAMPLE))
        .expect(1)
        .mount(&server)
        .await;
    let credentials = ParadimeCredentials::bearer("prdm_t0ken", Some("ws-uid-42".into()));
    let client =
        usermgmt_paradime::Client::new(&endpoint(&server), &credentials, &ClientOptions::default())
            .unwrap();

    let users = client.list_users().await.unwrap();

    assert_eq!(users.active.len(), 3);
    let requests = server.received_requests().await.unwrap();
    let headers = &requests[0].headers;
    assert_eq!(headers["authorization"], "Bearer prdm_t0ken");
    assert_eq!(headers["x-paradime-workspace"], "ws-uid-42");
    assert!(headers.get("x-api-key").is_none());
    assert!(headers.get("x-api-secret").is_none());
}

#[tokio::test]
async fn the_key_pair_is_sent_on_every_request_and_no_bearer_token() {
    let server = server().await;
    expect_request(
        &server,
        request_body(
            disable_user::QUERY,
            "DisableUser",
            Some(json!({"uid": "u1"})),
        ),
        ok_json(json!({"data": {"disableUser": {"ok": true}}})),
    )
    .await;

    client(&server).disable_user("u1").await.unwrap();

    let requests = server.received_requests().await.unwrap();
    let headers = &requests[0].headers;
    assert_eq!(headers["x-api-key"], KEY);
    assert_eq!(headers["x-api-secret"], SECRET);
    assert!(headers.get("authorization").is_none());
    assert_eq!(headers["accept"], "application/json");
}
