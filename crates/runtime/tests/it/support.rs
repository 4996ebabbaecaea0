//! Shared test setup: a client for a wiremock server, and request counting.

use std::time::Duration;

use usermgmt_runtime::{AxiomCredentials, Context, Credentials, Error, Provider, RetryPolicy};
use wiremock::MockServer;

/// The token every test client sends; tests assert it never shows up in output.
pub(crate) const TOKEN: &str = "xaat-0123456789-SECRET";

/// A client for a wiremock server, as `connect` builds it but without timeouts: under
/// tokio's paused clock a pending timeout fires at once while the real server answers.
#[derive(Debug)]
pub(crate) struct Connection {
    pub(crate) base_url: String,
    pub(crate) http: reqwest::Client,
    pub(crate) context: Context,
}

/// A connection to `server` with the given retry policy.
pub(crate) fn connection(server: &MockServer, retry: RetryPolicy) -> Connection {
    let headers = AxiomCredentials::new(TOKEN).auth_headers().unwrap();
    Connection {
        base_url: server.uri(),
        // No idle-pool timer either: paused time would jump to it while a request waits.
        http: reqwest::Client::builder()
            .default_headers(headers)
            .pool_idle_timeout(None)
            .build()
            .unwrap(),
        context: Context::new(Provider::Axiom, retry, Duration::from_secs(30)),
    }
}

/// Send `method path` through the runtime, as a generated client's hooks would.
pub(crate) async fn send(
    connection: &Connection,
    method: reqwest::Method,
    path: &str,
) -> Result<reqwest::Response, reqwest::Error> {
    let url = format!("{}{path}", connection.base_url);
    let request = connection.http.request(method, url).body("{}").build()?;
    connection
        .context
        .execute(&connection.http, request, "test_operation")
        .await
}

/// How many requests `server` received.
pub(crate) async fn requests(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .map(|r| r.len())
        .unwrap_or(0)
}

/// The runtime error for a final response, as a provider crate would build it.
pub(crate) async fn error_of(response: reqwest::Response) -> Error {
    let status = response.status().as_u16();
    let body = response.text().await.unwrap_or_default();
    Error::from_status(Provider::Axiom, "test_operation", status, body)
}
