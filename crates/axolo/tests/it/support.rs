//! Shared fixtures: a mock Axolo API whose catch-all fails the test on any unexpected
//! request, a client for it, and the seed page's request bodies.

use serde_json::{Value, json};
use usermgmt_axolo::{AxoloCredentials, Client, ClientOptions};
use wiremock::matchers::{any, header, method, path};
use wiremock::{Match, Mock, MockBuilder, MockServer, Request, Respond, ResponseTemplate};

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

/// Answers, with a 418 nothing decodes, every request no other mock matches, and fails
/// the test when the server is dropped if it answered any. Its priority is the lowest,
/// so it acts as if mounted last whatever the order tests mount their mocks in.
async fn mount_catch_all(server: &MockServer) {
    Mock::given(any())
        .respond_with(Unexpected)
        .with_priority(u8::MAX)
        .expect(0)
        .named("catch-all: a request no test expected")
        .mount(server)
        .await;
}

/// The catch-all's answer: a 418 whose `x-unexpected-request` header and body describe
/// the request (method, URL, headers, body), so the panic of a test whose request did
/// not match shows what was actually sent.
struct Unexpected;

impl Respond for Unexpected {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let headers: Vec<String> = request
            .headers
            .iter()
            .map(|(name, value)| format!("{name}: {}", value.to_str().unwrap_or("?")))
            .collect();
        let description = format!(
            "{} {} [{}] {}",
            request.method,
            request.url,
            headers.join("; "),
            String::from_utf8_lossy(&request.body)
        );
        let printable: String = description
            .chars()
            .map(|c| {
                if c.is_ascii_graphic() || c == ' ' {
                    c
                } else {
                    '?'
                }
            })
            .collect();
        ResponseTemplate::new(418)
            .insert_header("x-unexpected-request", printable.as_str())
            .set_body_string(printable)
    }
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
