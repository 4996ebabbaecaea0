//! The token never appears in Debug or Display of clients, credentials and errors, nor
//! in the traced output of failing requests. Its own test binary: tracing caches callsite
//! interest process-wide, so a test-scoped subscriber would race other tests' threads.

#![allow(clippy::unwrap_used)] // test helpers may panic: a panic is a test failure

#[path = "it/support.rs"]
#[allow(dead_code)] // shared with the `it` binary, which uses all of it
mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use reqwest::Method;
use usermgmt_runtime::{AxiomCredentials, ClientOptions, Error, RetryPolicy, connect};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use support::{TOKEN, connection, error_of, send};

/// Collects everything the tracing subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_token_appears_in_no_debug_display_or_trace_output() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401).set_body_string(r#"{"code":401,"message":"bad token"}"#),
        )
        .mount(&server)
        .await;
    let connection = connection(&server, RetryPolicy::none());
    let response = send(&connection, Method::GET, "/user").await.unwrap();
    let error = error_of(response).await;

    let mut printed = vec![
        format!("{connection:?}"),
        format!("{:?}", AxiomCredentials::new(TOKEN).with_org_id("org")),
        format!("{error:?}"),
        error.to_string(),
    ];
    // A transport error too: nothing listens on port 9 of loopback.
    let options = ClientOptions::default().with_retry(RetryPolicy::none());
    let dead = connect(
        "http://127.0.0.1:9/v2",
        &AxiomCredentials::new(TOKEN),
        &options,
    )
    .unwrap();
    let transport = dead
        .context
        .execute(
            &dead.http,
            dead.http
                .get(format!("{}/user", dead.base_url))
                .build()
                .unwrap(),
            "get_current_user",
        )
        .await
        .unwrap_err();
    let transport = Error::from_reqwest(
        usermgmt_runtime::Provider::Axiom,
        "get_current_user",
        transport,
    );
    printed.push(format!("{transport:?}"));
    printed.push(transport.to_string());
    printed.push(String::from_utf8_lossy(&captured.0.lock().unwrap()).into_owned());

    for text in &printed {
        assert!(!text.contains(TOKEN), "token leaked in: {text}");
    }
    let trace = printed.last().unwrap();
    assert!(
        trace.contains("usermgmt.request"),
        "no request span traced: {trace}"
    );
    assert!(trace.contains("status=401"), "status not traced: {trace}");
    assert!(error.to_string().contains("check AXIOM_TOKEN"), "{error}");
}
