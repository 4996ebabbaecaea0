//! A server that never answers in time gives a timeout error, not a hang.

use std::time::Duration;

use usermgmt_runtime::{AxiomCredentials, ClientOptions, Error, Provider, RetryPolicy, connect};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::requests;

#[tokio::test]
async fn a_hung_server_is_reported_as_a_timeout_after_bounded_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    let options = ClientOptions::default()
        .with_timeout(Duration::from_millis(150))
        .with_retry(
            RetryPolicy::default()
                .with_max_attempts(2)
                .with_backoff(Duration::from_millis(10), Duration::from_millis(10)),
        );
    let connection = connect(&server.uri(), &AxiomCredentials::new("t"), &options).unwrap();

    let request = connection
        .http
        .get(format!("{}/users", connection.base_url))
        .build()
        .unwrap();
    let error = connection
        .context
        .execute(&connection.http, request, "list_users")
        .await
        .unwrap_err();
    let error = Error::from_reqwest(Provider::Axiom, "list_users", error);

    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "Axiom list_users: timed out waiting for the server; retry later or raise the timeout"
    );
    // GET is idempotent: the timed-out request was tried again once.
    assert_eq!(requests(&server).await, 2);
}
