//! The response size limit: a longer body is a clean `TooLarge` error, a shorter one
//! reads as usual.

use reqwest::Method;
use usermgmt_runtime::{Error, Provider, RetryPolicy};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{connection, send};

async fn body_of(bytes: usize, limit: u64) -> Result<bytes::Bytes, Error> {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("x".repeat(bytes)))
        .mount(&server)
        .await;
    let mut connection = connection(&server, RetryPolicy::none());
    connection.context = connection.context.with_max_response_bytes(limit);
    let response = send(&connection, Method::GET, "/users").await.unwrap();
    response
        .bytes()
        .await
        .map_err(|e| Error::from_reqwest(Provider::Axiom, "list_users", e))
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_too_large_error_naming_the_limit() {
    let error = body_of(4096, 1024).await.unwrap_err();
    assert!(
        matches!(error, Error::TooLarge { limit: 1024, .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "Axiom list_users: the response is larger than the limit of 1 KiB and was not read"
    );
}

#[tokio::test]
async fn a_body_at_the_limit_reads_whole() {
    assert_eq!(body_of(1024, 1024).await.unwrap().len(), 1024);
}
