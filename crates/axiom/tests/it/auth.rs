//! Authentication headers: `Authorization: Bearer <token>` always, `X-Axiom-Org-Id` only
//! when an organization id is configured (API tokens belong to one organization).

use usermgmt_axiom::{AxiomCredentials, ClientOptions};
use wiremock::Mock;
use wiremock::matchers::{header, method, path};

use crate::support::{NoHeader, PREFIX, TOKEN, exact_query, ok_json, seed_user, setup_with};

#[tokio::test]
async fn an_api_token_without_org_id_sends_bearer_and_no_org_header() {
    let (server, client) =
        setup_with(AxiomCredentials::new(TOKEN), &ClientOptions::default()).await;
    Mock::given(method("GET"))
        .and(path(format!("{PREFIX}/users/abc123")))
        .and(header("authorization", format!("Bearer {TOKEN}")))
        .and(NoHeader("x-axiom-org-id"))
        .and(exact_query(&[]))
        .respond_with(ok_json(seed_user()))
        .expect(1)
        .mount(&server)
        .await;

    let user = client
        .get_user()
        .id("abc123")
        .send()
        .await
        .unwrap()
        .into_inner();

    assert_eq!(user.id, "abc123");
}
