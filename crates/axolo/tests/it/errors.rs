//! Axolo documents no error body, so a non-2xx answer must reach the caller verbatim:
//! through `usermgmt_runtime::convert`, the status and the body's text are in the error's
//! message, whether the body is plain text or JSON.

use serde_json::json;
use usermgmt_runtime::{Error, Provider, convert};
use wiremock::ResponseTemplate;

use crate::support::{offboard_body, onboard_body, post, setup};

#[tokio::test]
async fn a_400_with_a_plain_text_body_surfaces_status_and_text_through_convert() {
    let (server, client) = setup().await;
    post("/engineer/onboard", onboard_body())
        .respond_with(
            ResponseTemplate::new(400).set_body_raw("organization not found", "text/plain"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let error = client
        .onboard_engineer()
        .body_map(|b| {
            b.organization("org_name")
                .github_login("user123")
                .slack_id("U12345678")
        })
        .send()
        .await
        .unwrap_err();

    let error = convert(Provider::Axolo, "onboard_engineer", error).await;
    assert_eq!(
        error.to_string(),
        "400 from Axolo onboard_engineer: organization not found"
    );
    match error {
        Error::Status { status, raw, .. } => {
            assert_eq!(status, 400);
            assert_eq!(raw, "organization not found");
        }
        other => panic!("expected a status error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_400_with_a_json_body_surfaces_status_and_message_through_convert() {
    let (server, client) = setup().await;
    let body = json!({"error": "user123 is not a member of org_name"});
    post("/engineer/offboard", offboard_body())
        .respond_with(ResponseTemplate::new(400).set_body_json(&body))
        .expect(1)
        .mount(&server)
        .await;

    let error = client
        .offboard_engineer()
        .body_map(|b| b.organization("org_name").github_login("user123"))
        .send()
        .await
        .unwrap_err();

    // Axolo documents no error body, so the client hands back the response untouched.
    match &error {
        usermgmt_axolo::Error::UnexpectedResponse(response) => assert_eq!(response.status(), 400),
        other => panic!("expected the raw response, got {other:?}"),
    }
    let error = convert(Provider::Axolo, "offboard_engineer", error).await;
    assert_eq!(
        error.to_string(),
        "400 from Axolo offboard_engineer: user123 is not a member of org_name"
    );
    match error {
        Error::Status { status, raw, .. } => {
            assert_eq!(status, 400);
            assert_eq!(raw, body.to_string());
        }
        other => panic!("expected a status error, got {other:?}"),
    }
}
