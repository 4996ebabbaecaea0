//! Shared fixtures: a mock Paradime endpoint, clients for it, and the exact request
//! bodies the docs show.

use std::time::Duration;

use serde_json::{Value, json};
use usermgmt_paradime::{Client, ClientOptions, ParadimeCredentials, RetryPolicy};
use wiremock::matchers::{any, body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The endpoint path: Paradime's per-company `/api/v1/<company token>/graphql`.
pub(crate) const PATH: &str = "/api/v1/acme-company-token/graphql";
/// An API key that must never show up in any output.
pub(crate) const KEY: &str = "KEY-k9Fq2LrT";
/// An API secret that must never show up in any output.
pub(crate) const SECRET: &str = "SECRET-zX81pWmA";

/// The `listUsers` example response, copied verbatim from Paradime's docs.
pub(crate) const LIST_USERS_EXAMPLE: &str = include_str!("fixtures/list_users.json");

/// A mock server whose catch-all answers anything unexpected with a 599 and fails the
/// test when it is dropped.
pub(crate) async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(599).set_body_string("unexpected request"))
        .with_priority(u8::MAX)
        .expect(0)
        .named("catch-all: a request no test expected")
        .mount(&server)
        .await;
    server
}

/// The endpoint URL on `server`.
pub(crate) fn endpoint(server: &MockServer) -> String {
    format!("{}{PATH}", server.uri())
}

/// Fast retries, so that retry tests do not sleep.
pub(crate) fn options() -> ClientOptions {
    ClientOptions::default().with_retry(
        RetryPolicy::default().with_backoff(Duration::from_millis(1), Duration::from_millis(2)),
    )
}

/// An endpoint on a loopback port nothing listens on: connecting is refused.
pub(crate) fn closed_endpoint() -> String {
    // Bind then drop a listener, so the port was free a moment ago.
    let port = match std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()) {
        Ok(address) => address.port(),
        Err(err) => panic!("cannot bind a loopback port: {err}"),
    };
    format!("http://127.0.0.1:{port}{PATH}")
}

/// A client with the key pair.
pub(crate) fn client(server: &MockServer) -> Client {
    client_with(server, options())
}

/// A client with the key pair and `options`.
pub(crate) fn client_with(server: &MockServer, options: ClientOptions) -> Client {
    let credentials = ParadimeCredentials::new(KEY, SECRET);
    match Client::new(&endpoint(server), &credentials, &options) {
        Ok(client) => client,
        Err(err) => panic!("loopback endpoint refused: {err}"),
    }
}

/// The body the client must send: the generated query document, the operation name and,
/// when the operation has any, exactly these variables.
pub(crate) fn request_body(query: &str, operation: &str, variables: Option<Value>) -> Value {
    let mut body = json!({"query": query, "operationName": operation});
    if let Some(variables) = variables {
        body["variables"] = variables;
    }
    body
}

/// Expect exactly one POST of `body` to the endpoint with both key-pair headers, and
/// answer it with `response`.
pub(crate) async fn expect_request(server: &MockServer, body: Value, response: ResponseTemplate) {
    Mock::given(method("POST"))
        .and(path(PATH))
        .and(header("x-api-key", KEY))
        .and(header("x-api-secret", SECRET))
        .and(header("content-type", "application/json"))
        .and(body_json(body))
        .respond_with(response)
        .expect(1)
        .mount(server)
        .await;
}

/// A 200 answer with a JSON body.
pub(crate) fn ok_json(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// Any POST to the endpoint gets `response` (for error-path tests, where the request
/// itself is checked elsewhere).
pub(crate) async fn answer_any_post(server: &MockServer, response: ResponseTemplate) {
    Mock::given(method("POST"))
        .and(path(PATH))
        .respond_with(response)
        .mount(server)
        .await;
}

/// `text` with runs of whitespace collapsed, to compare query documents.
pub(crate) fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
