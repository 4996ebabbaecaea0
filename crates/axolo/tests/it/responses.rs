//! Axolo documents no success body, so every 2xx is success whatever it carries: no body,
//! an empty object, an object with unknown fields, plain text, or a 201.

use serde_json::json;
use wiremock::ResponseTemplate;

use crate::support::{offboard_body, onboard_body, post, setup};

/// Onboard once against a server answering `answer`, and return the status seen.
async fn onboard_answered_with(answer: ResponseTemplate) -> u16 {
    let (server, client) = setup().await;
    post("/engineer/onboard", onboard_body())
        .respond_with(answer)
        .expect(1)
        .mount(&server)
        .await;

    let response = client
        .onboard_engineer()
        .body_map(|b| {
            b.organization("org_name")
                .github_login("user123")
                .slack_id("U12345678")
        })
        .send()
        .await
        .expect("any 2xx is success");
    response.status().as_u16()
}

#[tokio::test]
async fn an_empty_200_is_success() {
    assert_eq!(onboard_answered_with(ResponseTemplate::new(200)).await, 200);
}

#[tokio::test]
async fn an_empty_json_object_is_success() {
    let answer = ResponseTemplate::new(200).set_body_json(json!({}));
    assert_eq!(onboard_answered_with(answer).await, 200);
}

#[tokio::test]
async fn a_json_object_with_unknown_fields_is_success() {
    let answer =
        ResponseTemplate::new(200).set_body_json(json!({"message": "ok", "anything": [1, 2]}));
    assert_eq!(onboard_answered_with(answer).await, 200);
}

#[tokio::test]
async fn a_plain_text_ok_is_success() {
    let answer = ResponseTemplate::new(200).set_body_raw("OK", "text/plain");
    assert_eq!(onboard_answered_with(answer).await, 200);
}

#[tokio::test]
async fn a_201_is_success() {
    let answer = ResponseTemplate::new(201).set_body_json(json!({"created": true}));
    assert_eq!(onboard_answered_with(answer).await, 201);
}

#[tokio::test]
async fn offboarding_accepts_a_plain_text_answer_too() {
    let (server, client) = setup().await;
    post("/engineer/offboard", offboard_body())
        .respond_with(ResponseTemplate::new(200).set_body_raw("User deprovisioned", "text/plain"))
        .expect(1)
        .mount(&server)
        .await;

    let response = client
        .offboard_engineer()
        .body_map(|b| b.organization("org_name").github_login("user123"))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
}
