//! `POST /engineer/offboard` with the seed page's body.

use wiremock::ResponseTemplate;

use crate::support::{offboard_body, post, setup};

#[tokio::test]
async fn offboard_engineer_posts_organization_and_github_login_only() {
    let (server, client) = setup().await;
    post("/engineer/offboard", offboard_body())
        .respond_with(ResponseTemplate::new(200))
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
