//! Shared fixtures: a mock Axiom API whose catch-all fails the test on any unexpected
//! request, a client for it, matchers for exact queries and absent headers, and the
//! seed guide's example payloads.

use serde_json::{Value, json};
use usermgmt_axiom::{AxiomCredentials, Client, ClientOptions};
use wiremock::matchers::{any, header, method, path};
use wiremock::{Match, Mock, MockBuilder, MockServer, Request, Respond, ResponseTemplate};

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

/// Matches when the request has no header of this name.
#[derive(Debug)]
pub(crate) struct NoHeader(pub(crate) &'static str);

impl Match for NoHeader {
    fn matches(&self, request: &Request) -> bool {
        !request.headers.contains_key(self.0)
    }
}

/// Matches a JSON request: `Content-Type: application/json` (as the seed's curl sends).
pub(crate) fn json_content() -> impl Match {
    header("content-type", "application/json")
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
