//! Axiom's error body `{code, message}`: `code` a number or a string, or absent (429).
//! Each decodes into the typed error, and `usermgmt_runtime::convert` turns it into an
//! error whose message a person can read.

use serde_json::json;
use usermgmt_axiom::types::{Error as AxiomError, ErrorCode};
use usermgmt_axiom::{AxiomCredentials, ClientOptions, RetryPolicy};
use usermgmt_runtime::{Error, Provider, convert};
use wiremock::ResponseTemplate;

use crate::support::{ORG_ID, TOKEN, request, setup, setup_with};

/// The typed error body of an `ErrorResponse` with `status`; panics on anything else.
fn typed_body(error: &usermgmt_axiom::Error<AxiomError>, status: u16) -> AxiomError {
    match error {
        usermgmt_axiom::Error::ErrorResponse(response) => {
            assert_eq!(response.status(), status);
            (**response).clone()
        }
        other => panic!("expected a typed error response, got {other:?}"),
    }
}

#[tokio::test]
async fn a_403_with_a_numeric_code_decodes_and_converts_with_its_message() {
    let (server, client) = setup().await;
    request("GET", "/users/abc123")
        .respond_with(
            ResponseTemplate::new(403).set_body_json(json!({"code": 403, "message": "Forbidden"})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let error = client.get_user().id("abc123").send().await.unwrap_err();

    assert_eq!(
        typed_body(&error, 403),
        AxiomError {
            code: Some(ErrorCode::Integer(403)),
            message: "Forbidden".into(),
        }
    );
    let error = convert(Provider::Axiom, "get_user", error).await;
    assert_eq!(error.status(), Some(403));
    let text = error.to_string();
    assert!(text.contains("403") && text.contains("Forbidden"), "{text}");
}

#[tokio::test]
async fn a_403_with_a_string_code_decodes_and_converts_with_its_message() {
    let (server, client) = setup().await;
    request("GET", "/users")
        .respond_with(
            ResponseTemplate::new(403).set_body_json(json!({"code": "forbidden", "message": "no"})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let error = client.list_users().send().await.unwrap_err();

    assert_eq!(
        typed_body(&error, 403),
        AxiomError {
            code: Some(ErrorCode::String("forbidden".into())),
            message: "no".into(),
        }
    );
    let error = convert(Provider::Axiom, "list_users", error).await;
    match &error {
        Error::Status {
            status, message, ..
        } => {
            assert_eq!(*status, 403);
            assert_eq!(message.as_deref(), Some("no"));
        }
        other => panic!("expected a status error, got {other:?}"),
    }
    assert!(error.to_string().contains(": no"), "{error}");
}

#[tokio::test]
async fn a_429_without_a_code_decodes_and_converts_with_its_message() {
    let (server, client) = setup_with(
        AxiomCredentials::new(TOKEN).with_org_id(ORG_ID),
        &ClientOptions::default().with_retry(RetryPolicy::none()),
    )
    .await;
    request("GET", "/users")
        .respond_with(
            ResponseTemplate::new(429).set_body_json(json!({"message": "rate limit exceeded"})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let error = client.list_users().send().await.unwrap_err();

    assert_eq!(
        typed_body(&error, 429),
        AxiomError {
            code: None,
            message: "rate limit exceeded".into(),
        }
    );
    let error = convert(Provider::Axiom, "list_users", error).await;
    assert_eq!(error.status(), Some(429));
    assert!(error.to_string().contains("rate limit exceeded"), "{error}");
}

#[tokio::test]
async fn a_404_converts_into_a_not_found_error() {
    let (server, client) = setup().await;
    request("DELETE", "/users/nobody")
        .respond_with(
            ResponseTemplate::new(404).set_body_json(json!({"code": 404, "message": "not found"})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let error = client.delete_user().id("nobody").send().await.unwrap_err();

    let error = convert(Provider::Axiom, "delete_user", error).await;
    assert!(error.is_not_found(), "{error:?}");
    assert!(error.to_string().contains("not found"), "{error}");
}
