//! One test per way a call can fail: each asserts the error variant, that the message
//! names `Paradime <Operation>`, and that what the server said is kept.

use std::time::Duration;

use serde_json::json;
use usermgmt_paradime::{ClientOptions, Error, ParadimeCredentials, RetryPolicy, UserAccountType};
use wiremock::matchers::{body_partial_json, method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::{
    PATH, answer_any_post, client, client_with, closed_endpoint, ok_json, options, server,
};

#[tokio::test]
async fn a_401_is_a_status_error_with_the_servers_message_and_a_credentials_hint() {
    let server = server().await;
    answer_any_post(
        &server,
        ResponseTemplate::new(401)
            .set_body_json(json!({"errors": [{"message": "Invalid API key"}]})),
    )
    .await;

    let err = client(&server).list_users().await.unwrap_err();

    assert_eq!(err.status(), Some(401));
    match &err {
        Error::Status {
            operation,
            message,
            raw,
            ..
        } => {
            assert_eq!(operation, "ListUsers");
            assert_eq!(message.as_deref(), Some("Invalid API key"));
            assert!(raw.contains("Invalid API key"), "{raw}");
        }
        other => panic!("expected Status, got {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "401 from Paradime ListUsers: Invalid API key (check PARADIME_API_KEY and PARADIME_API_SECRET)"
    );
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "a 401 is not retried"
    );
}

#[tokio::test]
async fn a_500_on_a_mutation_is_a_status_error_and_is_never_retried() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(PATH))
        .respond_with(ResponseTemplate::new(500).set_body_string("Internal Server Error"))
        .expect(1)
        .mount(&server)
        .await;

    let err = client(&server)
        .invite_user("alice@acme.io", UserAccountType::Developer)
        .await
        .unwrap_err();

    match &err {
        Error::Status {
            status,
            operation,
            message,
            body,
            raw,
            ..
        } => {
            assert_eq!(*status, 500);
            assert_eq!(operation, "InviteUser");
            assert_eq!(message.as_deref(), Some("Internal Server Error"));
            assert_eq!(*body, None);
            assert_eq!(raw, "Internal Server Error");
        }
        other => panic!("expected Status, got {other:?}"),
    }
    let text = err.to_string();
    assert!(
        text.contains("Paradime InviteUser: Internal Server Error"),
        "{text}"
    );
}

#[tokio::test]
async fn a_503_on_a_query_is_retried_and_the_next_answer_is_used() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(PATH))
        .respond_with(ResponseTemplate::new(503).set_body_string("busy"))
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    answer_any_post(
        &server,
        ok_json(json!({"data": {"listWorkspaces": {"ok": true, "workspaces": []}}})),
    )
    .await;

    let workspaces = client(&server).list_workspaces().await.unwrap();

    assert!(workspaces.is_empty());
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_500_on_a_query_is_retried_because_queries_change_nothing() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path(PATH))
        .respond_with(ResponseTemplate::new(500).set_body_string("oops"))
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    answer_any_post(
        &server,
        ok_json(json!({"data": {"listWorkspaces": {"ok": true, "workspaces": []}}})),
    )
    .await;

    let workspaces = client(&server).list_workspaces().await.unwrap();

    assert!(workspaces.is_empty());
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn graphql_errors_are_a_graphql_error_that_keeps_the_partial_data() {
    let server = server().await;
    answer_any_post(
        &server,
        ok_json(json!({
            "errors": [
                {"message": "User not found", "path": ["disableUser"], "locations": [{"line": 2, "column": 3}]},
                {"message": "Audit log unavailable"}
            ],
            "data": {"disableUser": null}
        })),
    )
    .await;

    let err = client(&server).disable_user("0000").await.unwrap_err();

    match &err {
        Error::GraphQl {
            operation,
            errors,
            data,
            ..
        } => {
            assert_eq!(operation, "DisableUser");
            assert_eq!(errors.len(), 2);
            assert_eq!(errors[0].message, "User not found");
            assert_eq!(errors[0].path, Some(vec![json!("disableUser")]));
            assert_eq!(*data, Some(Box::new(json!({"disableUser": null}))));
        }
        other => panic!("expected GraphQl, got {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "Paradime DisableUser: GraphQL error: User not found; Audit log unavailable"
    );
}

#[tokio::test]
async fn ok_false_is_not_ok_naming_each_operation() {
    let server = server().await;
    for (operation, field) in [
        ("ListUsers", "listUsers"),
        ("InviteUser", "inviteUser"),
        ("UpdateUserAccountType", "updateUserAccountType"),
        ("DisableUser", "disableUser"),
    ] {
        // A refusing server may leave the rest of the payload null: still NotOk.
        Mock::given(method("POST"))
            .and(path(PATH))
            .and(body_partial_json(json!({"operationName": operation})))
            .respond_with(ok_json(
                json!({"data": {field: {"ok": false, "activeUsers": null}}}),
            ))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client(&server);

    let errors = [
        client.list_users().await.map(drop).unwrap_err(),
        client
            .invite_user("alice@acme.io", UserAccountType::Admin)
            .await
            .unwrap_err(),
        client
            .update_user_account_type("u1", UserAccountType::Business)
            .await
            .unwrap_err(),
        client.disable_user("u1").await.unwrap_err(),
    ];

    for (err, expected) in errors.iter().zip([
        "ListUsers",
        "InviteUser",
        "UpdateUserAccountType",
        "DisableUser",
    ]) {
        match err {
            Error::NotOk { operation, .. } => assert_eq!(operation, expected),
            other => panic!("expected NotOk for {expected}, got {other:?}"),
        }
        let text = err.to_string();
        assert!(
            text.starts_with(&format!("Paradime {expected}: ")),
            "{text}"
        );
        assert!(text.contains("ok: false"), "{text}");
    }
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_decode_error_keeping_the_raw_body() {
    let server = server().await;
    answer_any_post(
        &server,
        ResponseTemplate::new(200).set_body_string("not json"),
    )
    .await;

    let err = client(&server).list_users().await.unwrap_err();

    match &err {
        Error::Decode {
            operation,
            raw,
            message,
            ..
        } => {
            assert_eq!(operation, "ListUsers");
            assert_eq!(raw, "not json");
            assert!(message.contains("not a GraphQL response"), "{message}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    assert!(
        err.to_string()
            .starts_with("Paradime ListUsers: could not decode the response")
    );
}

#[tokio::test]
async fn data_of_the_wrong_shape_is_a_decode_error_naming_the_operation() {
    let server = server().await;
    let body = r#"{"data": {"listUsers": {"ok": "yes"}}}"#;
    answer_any_post(&server, ResponseTemplate::new(200).set_body_string(body)).await;

    let err = client(&server).list_users().await.unwrap_err();

    match &err {
        Error::Decode {
            operation,
            raw,
            message,
            ..
        } => {
            assert_eq!(operation, "ListUsers");
            assert_eq!(raw, body);
            assert!(message.contains("ListUsers selection"), "{message}");
            assert!(message.contains("expected a boolean"), "{message}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    assert!(err.to_string().contains("Paradime ListUsers"));
}

#[tokio::test]
async fn a_response_without_data_or_errors_is_a_decode_error() {
    let server = server().await;
    answer_any_post(&server, ok_json(json!({"data": null}))).await;

    let err = client(&server).list_workspaces().await.unwrap_err();

    match &err {
        Error::Decode {
            operation, message, ..
        } => {
            assert_eq!(operation, "ListWorkspaces");
            assert_eq!(message, "the response holds neither data nor errors");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn a_null_payload_without_errors_is_a_decode_error_naming_the_field() {
    let server = server().await;
    answer_any_post(&server, ok_json(json!({"data": {"inviteUser": null}}))).await;

    let err = client(&server)
        .invite_user("alice@acme.io", UserAccountType::Developer)
        .await
        .unwrap_err();

    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "Paradime InviteUser: could not decode the response: \
         `inviteUser` is null although the server reported no error"
    );
}

#[tokio::test]
async fn a_slow_server_is_a_timeout_naming_the_operation() {
    let server = server().await;
    answer_any_post(
        &server,
        ok_json(json!({"data": {"disableUser": {"ok": true}}})).set_delay(Duration::from_secs(2)),
    )
    .await;
    let options = ClientOptions::default()
        .with_timeout(Duration::from_millis(200))
        .with_retry(RetryPolicy::none());

    let err = client_with(&server, options)
        .disable_user("u1")
        .await
        .unwrap_err();

    match &err {
        Error::Timeout { operation, .. } => assert_eq!(operation, "DisableUser"),
        other => panic!("expected Timeout, got {other:?}"),
    }
    assert!(
        err.to_string()
            .starts_with("Paradime DisableUser: timed out")
    );
}

#[tokio::test]
async fn an_unreachable_server_is_a_transport_error_naming_the_operation() {
    let client = usermgmt_paradime::Client::new(
        &closed_endpoint(),
        &ParadimeCredentials::new("k", "s"),
        &options(),
    )
    .unwrap();

    let err = client.list_workspaces().await.unwrap_err();

    match &err {
        Error::Transport { operation, .. } => assert_eq!(operation, "ListWorkspaces"),
        other => panic!("expected Transport, got {other:?}"),
    }
    assert!(
        err.to_string()
            .starts_with("Paradime ListWorkspaces: could not reach the server")
    );
}

#[tokio::test]
async fn a_blank_uid_or_email_is_refused_before_any_request() {
    let server = server().await;
    let client = client(&server);

    let errors = [
        client.disable_user(" ").await.unwrap_err(),
        client
            .update_user_account_type("", UserAccountType::Admin)
            .await
            .unwrap_err(),
        client
            .invite_user("", UserAccountType::Admin)
            .await
            .unwrap_err(),
    ];

    for (err, operation) in
        errors
            .iter()
            .zip(["DisableUser", "UpdateUserAccountType", "InviteUser"])
    {
        assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
        assert!(err.to_string().contains(operation), "{err}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}
