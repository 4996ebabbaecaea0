//! Shared fixtures: a mock Model-Prime API whose catch-all fails the test on any
//! unexpected request, a client for it, and a matcher for exact queries.

use usermgmt_modelprime::{Client, ClientOptions, ModelPrimeCredentials};
use usermgmt_testkit::mount_catch_all;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockBuilder, MockServer};

pub(crate) use usermgmt_testkit::{exact_query, json_answer, json_content};

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

/// A mock for `verb` on `suffix` (after the base path) carrying exactly
/// `Authorization: <email>:<token>` (not Bearer), with no query unless the test says.
pub(crate) fn request(verb: &str, suffix: &str) -> MockBuilder {
    Mock::given(method(verb))
        .and(path(format!("{PREFIX}{suffix}")))
        .and(header("authorization", format!("{EMAIL}:{TOKEN}")))
}

/// How many requests `server` received.
pub(crate) async fn received(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .expect("request recording is on")
        .len()
}
