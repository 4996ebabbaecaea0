//! Which failures are retried, how often, and how long the runtime waits.

use std::time::Duration;

use reqwest::Method;
use tokio::time::Instant;
use usermgmt_runtime::RetryPolicy;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use std::sync::atomic::Ordering;

use crate::support::{Connection, connection, error_of, requests, resetting_server, send};

fn fast() -> RetryPolicy {
    RetryPolicy::default().with_backoff(Duration::from_millis(100), Duration::from_secs(1))
}

#[tokio::test(start_paused = true)]
async fn get_answered_503_twice_then_200_succeeds_on_the_third_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("[]"))
        .mount(&server)
        .await;

    let response = send(&connection(&server, fast()), Method::GET, "/users")
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test(start_paused = true)]
async fn a_429_with_retry_after_2_waits_two_seconds_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "2"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;

    let started = Instant::now();
    let response = send(&connection(&server, fast()), Method::GET, "/users")
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(requests(&server).await, 2);
    let waited = started.elapsed();
    assert!(waited >= Duration::from_secs(2), "waited {waited:?}");
    assert!(waited < Duration::from_secs(3), "waited {waited:?}");
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_longer_than_the_cap_is_not_waited_for() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "3600"))
        .mount(&server)
        .await;

    let response = send(&connection(&server, fast()), Method::GET, "/users")
        .await
        .unwrap();

    assert_eq!(response.status(), 429);
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test(start_paused = true)]
async fn post_answered_500_is_sent_exactly_once_and_the_error_returned() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).set_body_string(r#"{"message":"boom"}"#))
        .mount(&server)
        .await;

    let response = send(&connection(&server, fast()), Method::POST, "/users")
        .await
        .unwrap();

    assert_eq!(requests(&server).await, 1);
    let error = error_of(response).await;
    assert_eq!(error.status(), Some(500));
    assert!(error.to_string().contains("boom"), "{error}");
}

#[tokio::test(start_paused = true)]
async fn post_answered_429_is_retried_because_the_server_did_not_process_it() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;

    let response = send(&connection(&server, fast()), Method::POST, "/users")
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test(start_paused = true)]
async fn client_errors_400_and_404_are_sent_once() {
    for status in [400, 404] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status))
            .mount(&server)
            .await;

        let response = send(&connection(&server, fast()), Method::GET, "/users/x")
            .await
            .unwrap();

        assert_eq!(response.status(), status);
        assert_eq!(requests(&server).await, 1, "status {status}");
    }
}

#[tokio::test(start_paused = true)]
async fn retries_stop_after_max_attempts_and_return_the_last_answer() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;

    let policy = fast().with_max_attempts(3);
    let response = send(&connection(&server, policy), Method::DELETE, "/users/x")
        .await
        .unwrap();

    assert_eq!(response.status(), 502);
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test(start_paused = true)]
async fn retries_stop_when_the_time_budget_would_be_exceeded() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "5"))
        .mount(&server)
        .await;

    let policy = fast()
        .with_max_attempts(10)
        .with_max_elapsed(Duration::from_secs(12));
    let response = send(&connection(&server, policy), Method::GET, "/users")
        .await
        .unwrap();

    assert_eq!(response.status(), 503);
    // 0 s, 5 s, 10 s; a fourth attempt would start at 15 s > 12 s.
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test(start_paused = true)]
async fn post_answered_503_is_sent_exactly_once_because_the_server_may_have_acted() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;

    let response = send(&connection(&server, fast()), Method::POST, "/users")
        .await
        .unwrap();

    assert_eq!(response.status(), 503);
    assert_eq!(requests(&server).await, 1);
}

/// A connection to a raw server; real time, since the server runs on real sockets.
fn raw_connection(url: String) -> Connection {
    Connection {
        base_url: url,
        http: reqwest::Client::builder().build().unwrap(),
        context: usermgmt_runtime::Context::new(
            usermgmt_runtime::Provider::Axiom,
            RetryPolicy::default().with_backoff(Duration::from_millis(1), Duration::from_millis(5)),
            Duration::from_secs(5),
        ),
    }
}

#[tokio::test]
async fn get_and_delete_are_retried_after_the_server_resets_the_connection() {
    for verb in [Method::GET, Method::DELETE, Method::PUT] {
        let (url, seen) = resetting_server(2).await;
        let response = send(&raw_connection(url), verb.clone(), "/users/x")
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{verb}");
        assert_eq!(
            seen.load(Ordering::SeqCst),
            3,
            "{verb}: two resets, then the answer"
        );
    }
}

#[tokio::test]
async fn post_and_patch_reset_after_being_read_are_sent_exactly_once() {
    for verb in [Method::POST, Method::PATCH] {
        let (url, seen) = resetting_server(1).await;
        let error = send(&raw_connection(url), verb.clone(), "/users")
            .await
            .unwrap_err();
        assert!(!error.is_connect(), "{verb}: {error}");
        assert_eq!(
            seen.load(Ordering::SeqCst),
            1,
            "{verb}: the server read it once"
        );
    }
}
