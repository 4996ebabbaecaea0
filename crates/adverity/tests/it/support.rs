//! Shared fixtures: a mock Adverity instance whose catch-all fails the test on any
//! unexpected request, a client for it, a matcher for exact queries, and user payloads
//! built from the fields the seed guide documents.

use serde_json::{Value, json};
use usermgmt_adverity::{AdverityCredentials, Client, ClientOptions};
use wiremock::matchers::{any, header, method, path};
use wiremock::{Match, Mock, MockBuilder, MockServer, Request, Respond, ResponseTemplate};

/// The path of an instance's Management API (`https://<instance>/api/v1`).
pub(crate) const PREFIX: &str = "/api/v1";
/// The API key every test client sends.
pub(crate) const KEY: &str = "adv-ui-key-0123456789";

/// A mock server and a client for it with default options.
pub(crate) async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    let base_url = format!("{}{PREFIX}", server.uri());
    let client = Client::connect(
        &base_url,
        &AdverityCredentials::new(KEY),
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

/// A mock for `verb` on `suffix` (after `/api/v1`, trailing slash included) carrying
/// exactly `Authorization: Bearer <key>`, with no query unless the test adds one.
pub(crate) fn request(verb: &str, suffix: &str) -> MockBuilder {
    Mock::given(method(verb))
        .and(path(format!("{PREFIX}{suffix}")))
        .and(header("authorization", format!("Bearer {KEY}")))
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

/// Matches a JSON request: `Content-Type: application/json`, as the seed asks.
pub(crate) fn json_content() -> impl Match {
    header("content-type", "application/json")
}

/// A JSON answer with `status`.
pub(crate) fn json_answer(status: u16, body: Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

/// The seed guide's create/edit request body, all six fields.
pub(crate) fn seed_request_body() -> Value {
    json!({
        "email": "user@example.com",
        "first_name": "string",
        "last_name": "string",
        "groups": [],
        "workspaces": [],
        "active": true
    })
}

/// A user with every field the seed documents, timestamps as `YYYY-MM-DDTHH:MM:SSZ`.
pub(crate) fn ada() -> Value {
    json!({
        "id": 42,
        "email": "ada@acme.example",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "active": true,
        "groups": [3],
        "workspaces": [7, 9],
        "workspace_names": ["Marketing", "Sales"],
        "created": "2024-01-15T09:30:00Z",
        "last_login": "2024-06-01T12:00:00Z",
        "last_modified": "2024-05-20T08:15:00Z"
    })
}

/// A user who never logged in (`last_login: null`), in no group or workspace.
pub(crate) fn grace() -> Value {
    json!({
        "id": 43,
        "email": "grace@acme.example",
        "first_name": "Grace",
        "last_name": "Hopper",
        "active": false,
        "groups": [],
        "workspaces": [],
        "workspace_names": [],
        "created": "2024-02-01T00:00:00Z",
        "last_login": null,
        "last_modified": "2024-02-01T00:00:00Z"
    })
}

/// A UTC timestamp from its text.
pub(crate) fn utc(text: &str) -> chrono::DateTime<chrono::Utc> {
    text.parse().expect("a valid RFC 3339 timestamp")
}
