//! Shared fixtures: a mock Axolo API whose catch-all fails the test on any unexpected
//! request, a client for it, and the seed page's request bodies.

use serde_json::{Value, json};
use usermgmt_axolo::{AxoloCredentials, Client, ClientOptions};
use usermgmt_testkit::mount_catch_all;
use wiremock::matchers::{header, method, path};
use wiremock::{Match, Mock, MockBuilder, MockServer, Request};

/// The version prefix of Axolo's base URL (`https://api.axolo.co/v1`).
pub(crate) const PREFIX: &str = "/v1";
/// The API key every test client sends.
pub(crate) const KEY: &str = "axolo-key-0123456789";

/// A mock server and a client for it with default options.
pub(crate) async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    let base_url = format!("{}{PREFIX}", server.uri());
    let client = Client::connect(
        &base_url,
        &AxoloCredentials::new(KEY),
        &ClientOptions::default(),
    )
    .expect("plain http to loopback is allowed");
    (server, client)
}

/// A mock for a JSON `POST` of exactly `body` to `suffix` (after `/v1`), authenticated
/// with `x-api-key` alone (no `Authorization` header) and without a query.
pub(crate) fn post(suffix: &str, body: Value) -> MockBuilder {
    Mock::given(method("POST"))
        .and(path(format!("{PREFIX}{suffix}")))
        .and(header("x-api-key", KEY))
        .and(NoHeader("authorization"))
        .and(NoQuery)
        .and(header("content-type", "application/json"))
        .and(wiremock::matchers::body_json(body))
}

/// Matches when the request has no header of this name.
#[derive(Debug)]
pub(crate) struct NoHeader(pub(crate) &'static str);

impl Match for NoHeader {
    fn matches(&self, request: &Request) -> bool {
        !request.headers.contains_key(self.0)
    }
}

/// Matches when the URL has no query string.
#[derive(Debug)]
pub(crate) struct NoQuery;

impl Match for NoQuery {
    fn matches(&self, request: &Request) -> bool {
        request.url.query().is_none()
    }
}

/// The seed's onboarding request body.
pub(crate) fn onboard_body() -> Value {
    json!({
        "organization": "org_name",
        "githubLogin": "user123",
        "slackId": "U12345678"
    })
}

/// The seed's offboarding request body.
pub(crate) fn offboard_body() -> Value {
    json!({
        "organization": "org_name",
        "githubLogin": "user123"
    })
}
