//! Plain HTTP to a remote host is refused; to loopback it is allowed. (The token in
//! Debug, Display and traces is checked in `tests/trace.rs`.)

use reqwest::Method;
use usermgmt_runtime::{AxiomCredentials, ClientOptions, Error, RetryPolicy, connect};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{TOKEN, connection, send};

#[tokio::test]
async fn plain_http_to_a_remote_host_is_refused_before_any_request() {
    let error = connect(
        "http://example.com/v2",
        &AxiomCredentials::new(TOKEN),
        &ClientOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(error, Error::InsecureUrl { .. }), "{error:?}");
    assert!(!format!("{error} {error:?}").contains(TOKEN));
}

#[tokio::test]
async fn plain_http_to_loopback_is_allowed_and_sends_the_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(wiremock::matchers::header(
            "authorization",
            format!("Bearer {TOKEN}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let response = send(
        &connection(&server, RetryPolicy::none()),
        Method::GET,
        "/user",
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 200);
}
