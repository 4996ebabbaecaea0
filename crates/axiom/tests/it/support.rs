//! Shared fixtures: a mock Axiom API whose catch-all fails the test on any unexpected
//! request, a client for it, matchers for exact queries and absent headers, and the
//! seed guide's example payloads.

use serde_json::{Value, json};
use usermgmt_axiom::{AxiomCredentials, Client, ClientOptions};
use usermgmt_testkit::mount_catch_all;
use wiremock::matchers::{header, method, path};
use wiremock::{Match, Mock, MockBuilder, MockServer, Request, ResponseTemplate};

pub(crate) use usermgmt_testkit::{exact_query, json_content};

/// The version prefix of Axiom's base URL (`https://api.axiom.co/v2`).
pub(crate) const PREFIX: &str = "/v2";
/// The bearer token every test client sends.
pub(crate) const TOKEN: &str = "xapt-test-0123456789";
/// The organization id sent with personal access tokens.
pub(crate) const ORG_ID: &str = "acme-1234";

/// A mock server and a client for it that authenticates with a personal access token and
/// an organization id, with default options.
pub(crate) async fn setup() -> (MockServer, Client) {
    setup_with(
        AxiomCredentials::new(TOKEN).with_org_id(ORG_ID),
        &ClientOptions::default(),
    )
    .await
}

/// A mock server and a client for it with `credentials` and `options`.
pub(crate) async fn setup_with(
    credentials: AxiomCredentials,
    options: &ClientOptions,
) -> (MockServer, Client) {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    let base_url = format!("{}{PREFIX}", server.uri());
    let client = Client::connect(&base_url, &credentials, options)
        .expect("plain http to loopback is allowed");
    (server, client)
}

/// A mock for `verb` on `suffix` (after the version prefix) carrying exactly the auth
/// headers Axiom wants for a personal access token: `Authorization: Bearer <token>` and
/// `X-Axiom-Org-Id`.
pub(crate) fn request(verb: &str, suffix: &str) -> MockBuilder {
    Mock::given(method(verb))
        .and(path(format!("{PREFIX}{suffix}")))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("x-axiom-org-id", ORG_ID))
        .and(exact_query(&[]))
}

/// A mock for `verb` on `suffix` carrying the bearer token and no `X-Axiom-Org-Id`: the
/// org-less calls on the caller (`GET`/`PUT /user`).
pub(crate) fn org_less_request(verb: &str, suffix: &str) -> MockBuilder {
    Mock::given(method(verb))
        .and(path(format!("{PREFIX}{suffix}")))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(NoHeader("x-axiom-org-id"))
        .and(exact_query(&[]))
}

/// Matches when the request has no header of this name.
#[derive(Debug)]
pub(crate) struct NoHeader(pub(crate) &'static str);

impl Match for NoHeader {
    fn matches(&self, request: &Request) -> bool {
        !request.headers.contains_key(self.0)
    }
}

/// A 200 answer with a JSON body.
pub(crate) fn ok_json(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// The seed's "get information about specific user" and "create users" example answer.
pub(crate) fn seed_user() -> Value {
    json!({
        "email": "example@abc.com",
        "id": "abc123",
        "name": "test_user",
        "role": {"id": "admin", "name": "admin"}
    })
}
