//! Shared fixtures: a mock Model-Prime API whose catch-all fails the test on any
//! unexpected request, a client for it, and a matcher for exact queries.

use serde_json::Value;
use usermgmt_modelprime::{Client, ClientOptions, ModelPrimeCredentials};
use wiremock::matchers::{any, header, method, path};
use wiremock::{Match, Mock, MockBuilder, MockServer, Request, Respond, ResponseTemplate};

/// The path of the (inferred) base URL `https://api.model-prime.com/api/oum/v1`.
pub(crate) const PREFIX: &str = "/api/oum/v1";
/// The account email sent before the token.
pub(crate) const EMAIL: &str = "me@acme.example";
/// The personal access token every test client sends.
pub(crate) const TOKEN: &str = "mpat_0123456789abcdef";

/// A mock server and a client for it with default options.
pub(crate) async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    let base_url = format!("{}{PREFIX}", server.uri());
    let client = Client::connect(
        &base_url,
        &ModelPrimeCredentials::new(EMAIL, TOKEN),
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

/// A mock for `verb` on `suffix` (after the base path) carrying exactly
/// `Authorization: <email>:<token>` (not Bearer), with no query unless the test says.
pub(crate) fn request(verb: &str, suffix: &str) -> MockBuilder {
    Mock::given(method(verb))
        .and(path(format!("{PREFIX}{suffix}")))
        .and(header("authorization", format!("{EMAIL}:{TOKEN}")))
}

/// Matches when the query string holds exactly these pairs, in any order.
#[derive(Debug)]
pub(crate) struct ExactQuery(Vec<(String, String)>);

/// See [`ExactQuery`]; `&[]` asserts there is no query at all.
pub(crate) fn exact_query(pairs: &[(&str, &str)]) -> ExactQuery {
    ExactQuery(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

impl Match for ExactQuery {
    fn matches(&self, request: &Request) -> bool {
        let mut sent: Vec<(String, String)> = request
            .url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let mut wanted = self.0.clone();
        sent.sort();
        wanted.sort();
        sent == wanted
    }
}

/// Matches a JSON request: `Content-Type: application/json`.
pub(crate) fn json_content() -> impl Match {
    header("content-type", "application/json")
}

/// A JSON answer with `status`.
pub(crate) fn json_answer(status: u16, body: Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

/// How many requests `server` received.
pub(crate) async fn received(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .expect("request recording is on")
        .len()
}
