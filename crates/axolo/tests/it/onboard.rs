//! `POST /engineer/onboard` with the seed page's body.

use wiremock::ResponseTemplate;

use crate::support::{onboard_body, post, setup};

#[tokio::test]
async fn onboard_engineer_posts_organization_github_login_and_slack_id() {
    let (server, client) = setup().await;
    post("/engineer/onboard", onboard_body())
        .respond_with(ResponseTemplate::new(200))
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
        .unwrap();

    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn onboard_engineer_keeps_the_organizations_case() {
    let (server, client) = setup().await;
    post(
        "/engineer/onboard",
        serde_json::json!({
            "organization": "Acme-Robotics",
            "githubLogin": "Ada-L",
            "slackId": "U0ADA"
        }),
    )
    .respond_with(ResponseTemplate::new(200))
    .expect(1)
    .mount(&server)
    .await;

    let response = client
        .onboard_engineer()
        .body_map(|b| {
            b.organization("Acme-Robotics")
                .github_login("Ada-L")
                .slack_id("U0ADA")
        })
        .send()
        .await
        .unwrap();

    assert!(response.status().is_success());
}
