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

/// A raw server for failures wiremock cannot produce: it reads each request's head,
/// then resets the connection (`SO_LINGER` 0) for the first `resets` connections and
/// answers `200 {}` afterwards. Returns its base URL and a count of requests read.
pub(crate) async fn resetting_server(
    resets: usize,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let mut head = Vec::new();
            let mut buf = [0u8; 1024];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            let n = counter.fetch_add(1, Ordering::SeqCst);
            if n < resets {
                stream.set_zero_linger().unwrap();
                drop(stream);
            } else {
                let _ = stream
                    .write_all(
                        b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}",
                    )
                    .await;
            }
        }
    });
    (url, seen)
}
