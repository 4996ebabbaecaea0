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

#[tokio::test]
async fn an_empty_organization_login_or_slack_id_is_refused_before_any_request() {
    let (server, client) = setup().await;
    for (organization, login, slack) in [
        ("", "user123", "U1"),
        ("org", "", "U1"),
        ("org", "user123", ""),
    ] {
        let error = client
            .onboard_engineer()
            .body_map(|b| {
                b.organization(organization)
                    .github_login(login)
                    .slack_id(slack)
            })
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(error, usermgmt_axolo::Error::InvalidRequest(_)),
            "{organization:?} {login:?} {slack:?}: {error:?}"
        );
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}
