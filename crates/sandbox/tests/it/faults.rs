//! Fault injection over HTTP: 429 with Retry-After, 5xx, malformed and truncated bodies,
//! latency, and clearing — each before auth and without side effects (except truncation).

use std::time::{Duration, Instant};

use serde_json::json;
use usermgmt_sandbox::{FakeApi, demo};

use crate::{credential, http, send, start};

#[tokio::test]
async fn rate_limited_requests_get_429_with_retry_after_and_change_nothing() {
    let sandbox = start().await;
    sandbox.faults(FakeApi::Axolo).next_rate_limited(2, 7);
    let url = format!("{}/engineer/onboard", sandbox.axolo().base_url);
    let key = credential(sandbox.axolo(), "AXOLO_API_KEY");
    let body =
        json!({"organization": demo::AXOLO_ORGANIZATION, "githubLogin": "rl-dev", "slackId": "U1"});
    for _ in 0..2 {
        let answer = send(http().post(&url).header("x-api-key", &key).json(&body)).await;
        assert_eq!(answer.header("retry-after"), Some("7"));
        assert_eq!(answer.expect(429)["success"], false);
    }
    assert!(
        sandbox
            .axolo_engineers()
            .iter()
            .all(|e| e.github_login != "rl-dev")
    );
    send(http().post(&url).header("x-api-key", &key).json(&body))
        .await
        .expect(200);
    assert_eq!(sandbox.faults(FakeApi::Axolo).pending(), 0);
}

#[tokio::test]
async fn faults_apply_before_auth_and_carry_the_providers_error_shape() {
    let sandbox = start().await;
    sandbox.faults(FakeApi::Axiom).next_rate_limited(1, 1);
    let url = format!("{}/users", sandbox.axiom().base_url);
    let answer = send(http().get(&url)).await;
    assert_eq!(
        answer.expect(429),
        json!({"message": "rate limit exceeded"})
    );
    assert_eq!(answer.header("x-ratelimit-remaining"), Some("0"));
    assert!(answer.header("x-axiom-trace-id").is_some());
    send(http().get(&url)).await.expect(401);

    sandbox.faults(FakeApi::Adverity).next_rate_limited(1, 3);
    let throttled = send(http().get(format!("{}/users/", sandbox.adverity().base_url)))
        .await
        .expect(429);
    assert_eq!(
        throttled["detail"],
        "Request was throttled. Expected available in 3 seconds."
    );
}

#[tokio::test]
async fn server_errors_come_in_the_asked_number_and_status() {
    let sandbox = start().await;
    sandbox
        .faults(FakeApi::ModelPrime)
        .next_server_errors(2, 503);
    let url = format!("{}/organization", sandbox.modelprime().base_url);
    let auth = format!(
        "{}:{}",
        credential(sandbox.modelprime(), "MODELPRIME_EMAIL"),
        credential(sandbox.modelprime(), "MODELPRIME_TOKEN")
    );
    for _ in 0..2 {
        let body = send(http().get(&url).header("Authorization", &auth))
            .await
            .expect(503);
        assert_eq!(body, json!({"detail": "Service Unavailable"}));
    }
    send(http().get(&url).header("Authorization", &auth))
        .await
        .expect(200);

    sandbox.faults(FakeApi::Paradime).next_server_errors(1, 500);
    let paradime = send(
        http()
            .post(&sandbox.paradime().base_url)
            .json(&json!({"query": "{ listUsers { ok } }"})),
    )
    .await;
    assert!(paradime.expect(500)["errors"][0]["message"].is_string());
}

#[tokio::test]
async fn malformed_bodies_are_not_json_but_say_they_are() {
    let sandbox = start().await;
    sandbox.faults(FakeApi::Axiom).next_malformed(1);
    let request = || {
        http()
            .get(format!("{}/users", sandbox.axiom().base_url))
            .bearer_auth(credential(sandbox.axiom(), "AXIOM_TOKEN"))
    };
    let answer = send(request()).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert!(serde_json::from_str::<serde_json::Value>(&answer.text).is_err());
    assert!(send(request()).await.expect(200).is_array());
}

#[tokio::test]
async fn truncated_bodies_are_half_of_the_real_answer_and_the_request_was_processed() {
    let sandbox = start().await;
    let endpoint = sandbox.adverity();
    let request = || {
        http()
            .get(format!("{}/users/", endpoint.base_url))
            .bearer_auth(credential(endpoint, "ADVERITY_TOKEN"))
    };
    let full = send(request()).await;
    sandbox.faults(FakeApi::Adverity).next_truncated(1);
    let cut = send(request()).await;
    assert_eq!(cut.status, 200);
    assert_eq!(cut.text.len(), full.text.len() / 2);
    assert!(full.text.starts_with(&cut.text));
    assert!(serde_json::from_str::<serde_json::Value>(&cut.text).is_err());

    sandbox.faults(FakeApi::Axolo).next_truncated(1);
    let body = json!({"organization": demo::AXOLO_ORGANIZATION, "githubLogin": "cut-dev", "slackId": "U1"});
    let onboard = http()
        .post(format!("{}/engineer/onboard", sandbox.axolo().base_url))
        .header("x-api-key", credential(sandbox.axolo(), "AXOLO_API_KEY"))
        .json(&body);
    let answer = send(onboard).await;
    assert_eq!(answer.status, 200);
    assert!(serde_json::from_str::<serde_json::Value>(&answer.text).is_err());
    assert!(
        sandbox
            .axolo_engineers()
            .iter()
            .any(|e| e.github_login == "cut-dev")
    );
}

#[tokio::test]
async fn latency_delays_every_answer_until_cleared() {
    let sandbox = start().await;
    let faults = sandbox.faults(FakeApi::Paradime);
    let url = sandbox.paradime().base_url.clone();
    let delay = Duration::from_millis(300);
    faults.latency(delay);
    for _ in 0..2 {
        let started = Instant::now();
        send(
            http()
                .post(&url)
                .json(&json!({"query": "{ listUsers { ok } }"})),
        )
        .await
        .expect(401);
        assert!(started.elapsed() >= delay);
    }
    let timed_out = http()
        .post(&url)
        .timeout(Duration::from_millis(50))
        .json(&json!({"query": "{ listUsers { ok } }"}))
        .send()
        .await
        .unwrap_err();
    assert!(timed_out.is_timeout());

    faults.random_latency(Duration::from_millis(200), Duration::from_millis(250));
    let started = Instant::now();
    send(http().post(&url).json(&json!({}))).await.expect(401);
    assert!(started.elapsed() >= Duration::from_millis(200));
}

#[tokio::test]
async fn clear_drops_queued_faults() {
    let sandbox = start().await;
    let faults = sandbox.faults(FakeApi::Axolo);
    faults
        .next_server_errors(5, 502)
        .next_malformed(5)
        .latency(Duration::from_secs(30));
    assert_eq!(faults.pending(), 10);
    faults.clear();
    let answer = send(http().post(format!("{}/engineer/onboard", sandbox.axolo().base_url))).await;
    answer.expect(401);
}
