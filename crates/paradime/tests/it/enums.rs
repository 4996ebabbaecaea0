//! Values the schema does not list must decode (and be sendable), so that a role or an
//! invitation state Paradime adds tomorrow never breaks a listing.

use serde_json::json;
use usermgmt_paradime::operations::invite_user;
use usermgmt_paradime::{InviteStatus, UserAccountType};

use crate::support::{answer_any_post, client, expect_request, ok_json, request_body, server};

#[tokio::test]
async fn unknown_account_types_and_invite_statuses_decode_as_other() {
    let server = server().await;
    answer_any_post(
        &server,
        ok_json(json!({"data": {"listUsers": {
            "ok": true,
            "activeUsers": [
                {"uid": "u1", "email": "root@acme.io", "name": "Root", "accountType": "SUPER_ADMIN"},
                {"uid": "u2", "email": "ana@acme.io", "name": "Ana", "accountType": "ANALYST"}
            ],
            "invitedUsers": [
                {"email": "a@acme.io", "accountType": "SANDBOX_USER", "inviteStatus": "SENT"},
                {"email": "b@acme.io", "accountType": "ADMIN", "inviteStatus": "ACTIVE"},
                {"email": "c@acme.io", "accountType": "auditor", "inviteStatus": "PENDING_APPROVAL"}
            ]
        }}})),
    )
    .await;

    let users = client(&server).list_users().await.unwrap();

    let account_types: Vec<_> = users
        .active
        .iter()
        .map(|u| u.account_type.clone())
        .collect();
    assert_eq!(
        account_types,
        [
            UserAccountType::Other("SUPER_ADMIN".into()),
            UserAccountType::Analyst
        ]
    );
    let invites: Vec<_> = users
        .invited
        .iter()
        .map(|u| (u.account_type.clone(), u.invite_status.clone()))
        .collect();
    assert_eq!(
        invites,
        [
            (UserAccountType::SandboxUser, InviteStatus::Sent),
            (UserAccountType::Admin, InviteStatus::Active),
            (
                UserAccountType::Other("auditor".into()),
                InviteStatus::Other("PENDING_APPROVAL".into())
            ),
        ]
    );
    // Printed as received, so a CLI shows the server's own word.
    assert_eq!(users.active[0].account_type.to_string(), "SUPER_ADMIN");
}

#[tokio::test]
async fn an_account_type_this_crate_does_not_list_can_still_be_sent_verbatim() {
    let server = server().await;
    expect_request(
        &server,
        request_body(
            invite_user::QUERY,
            "InviteUser",
            Some(json!({"email": "alice@acme.io", "accountType": "DATA_STEWARD"})),
        ),
        ok_json(json!({"data": {"inviteUser": {"ok": true}}})),
    )
    .await;

    client(&server)
        .invite_user(
            "alice@acme.io",
            UserAccountType::Other("DATA_STEWARD".into()),
        )
        .await
        .unwrap();
}
