//! Shared fixtures: a mock Adverity instance whose catch-all fails the test on any
//! unexpected request, a client for it, a matcher for exact queries, and user payloads
//! built from the fields the seed guide documents.

use serde_json::{Value, json};
use usermgmt_adverity::{AdverityCredentials, Client, ClientOptions};
use usermgmt_testkit::mount_catch_all;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockBuilder, MockServer};

pub(crate) use usermgmt_testkit::{exact_query, json_answer, json_content};

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

/// A mock for `verb` on `suffix` (after `/api/v1`, trailing slash included) carrying
/// exactly `Authorization: Bearer <key>`, with no query unless the test adds one.
pub(crate) fn request(verb: &str, suffix: &str) -> MockBuilder {
    Mock::given(method(verb))
        .and(path(format!("{PREFIX}{suffix}")))
        .and(header("authorization", format!("Bearer {KEY}")))
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
