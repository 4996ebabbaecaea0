//! The runtime against the sandbox's injected faults: 429s retried after `Retry-After`,
//! 5xx retried only where repeating cannot duplicate a change, undecodable and truncated
//! bodies reported as decode errors naming the operation, and timeouts.
//!
//! The sandbox records no requests, so attempts are counted through the fault queue: a
//! test queues one fault more than it expects to be consumed and checks what is left.

use std::time::{Duration, Instant};

use futures::TryStreamExt;
use usermgmt::paginate::PageOptions;
use usermgmt::{ClientOptions, Error, Provider, RetryPolicy, call};
use usermgmt_modelprime::PermissionRole;
use usermgmt_modelprime::types::ConnectionTypeInner;
use usermgmt_sandbox::{FakeApi as Fake, demo};

use crate::{
    adverity, axiom, axolo, expect_status, fast_retry, message_of, modelprime, options, paradime,
    start,
};

const AXIOM: Provider = Provider::Axiom;

async fn axiom_emails(client: &usermgmt_axiom::Client) -> Vec<String> {
    call(AXIOM, "list_users", client.list_users().send())
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.email)
        .collect()
}

#[tokio::test]
async fn a_get_rate_limited_twice_succeeds_on_the_third_attempt() {
    let sandbox = start().await;
    let faults = sandbox.faults(Fake::Axiom);
    faults.next_rate_limited(2, 0);
    let client = axiom(&sandbox, &options());
    let me = call(AXIOM, "get_current_user", client.get_current_user().send())
        .await
        .unwrap();
    assert_eq!(me.email, demo::OWNER_EMAIL);
    assert_eq!(faults.pending(), 0, "both 429s were answered and retried");
}

#[tokio::test]
async fn retry_after_is_waited_for_before_the_next_attempt() {
    let sandbox = start().await;
    sandbox.faults(Fake::Adverity).next_rate_limited(1, 1);
    let client = adverity(&sandbox, &options());
    let started = Instant::now();
    let page = call(
        Provider::Adverity,
        "list_users",
        client.list_users().page(1_u64).page_size(10_u64).send(),
    )
    .await
    .unwrap();
    assert!(page.count > 0);
    // The backoff is at most 20 ms: a wait of a second can only come from Retry-After.
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_retry_after_longer_than_the_policy_allows_returns_the_429_at_once() {
    let sandbox = start().await;
    let faults = sandbox.faults(Fake::Axiom);
    faults.next_rate_limited(1, 120);
    let options = ClientOptions::default()
        .with_retry(fast_retry().with_max_retry_after(Duration::from_secs(5)));
    let client = axiom(&sandbox, &options);
    let started = Instant::now();
    let error = expect_status(
        call(AXIOM, "list_users", client.list_users().send()).await,
        429,
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(message_of(&error), Some("rate limit exceeded"));
    assert!(
        error.to_string().contains("rate limited: retry later"),
        "{error}"
    );
    assert_eq!(faults.pending(), 0);
}

#[tokio::test]
async fn rate_limits_outlasting_the_attempts_return_the_last_429_after_exactly_four_requests() {
    let sandbox = start().await;
    let faults = sandbox.faults(Fake::ModelPrime);
    faults.next_rate_limited(5, 0);
    let client = modelprime(&sandbox, &options());
    let result = call(Provider::ModelPrime, "get_me", client.get_me().send()).await;
    expect_status(result, 429);
    assert_eq!(
        faults.pending(),
        1,
        "the default policy makes four attempts"
    );
}

#[tokio::test]
async fn a_500_on_a_create_is_returned_after_one_request_and_creates_no_user() {
    let sandbox = start().await;
    let faults = sandbox.faults(Fake::Axiom);
    faults.next_server_errors(2, 500);
    let client = axiom(&sandbox, &options());
    let result = call(
        AXIOM,
        "create_user",
        client
            .create_user()
            .body_map(|b| b.name("Barbara").email("barbara@acme.example").role("user"))
            .send(),
    )
    .await;
    let error = expect_status(result, 500);
    assert!(error.to_string().contains("server error"), "{error}");
    assert_eq!(faults.pending(), 1, "a POST that got a 500 is not repeated");
    faults.clear();
    assert!(
        !axiom_emails(&client)
            .await
            .contains(&"barbara@acme.example".to_string())
    );
}

#[tokio::test]
async fn a_500_on_every_provider_create_or_invite_is_not_retried() {
    let sandbox = start().await;
    for fake in [Fake::Adverity, Fake::ModelPrime, Fake::Axolo] {
        sandbox.faults(fake).next_server_errors(2, 500);
    }
    let adverity = adverity(&sandbox, &options());
    let created = call(
        Provider::Adverity,
        "create_user",
        adverity
            .create_user()
            .body_map(|b| {
                b.email("barbara@acme.example")
                    .first_name("Barbara")
                    .last_name("Liskov")
                    .groups(vec![])
                    .workspaces(vec![])
                    .active(true)
            })
            .send(),
    )
    .await;
    expect_status(created, 500);

    let modelprime = modelprime(&sandbox, &options());
    let invited = call(
        Provider::ModelPrime,
        "invite_user",
        modelprime
            .invite_user()
            .body_map(|b| {
                b.email("barbara@acme.example")
                    .name("Barbara Liskov")
                    .roles(vec![PermissionRole::Analyst])
                    .connection(Some(ConnectionTypeInner::GoogleOauth2))
            })
            .send(),
    )
    .await;
    expect_status(invited, 500);

    let axolo = axolo(&sandbox, &options());
    let onboarded = call(
        Provider::Axolo,
        "onboard_engineer",
        axolo
            .onboard_engineer()
            .body_map(|b| {
                b.organization(demo::AXOLO_ORGANIZATION)
                    .github_login("bliskov")
                    .slack_id("U01BARBARA")
            })
            .send(),
    )
    .await;
    expect_status(onboarded, 500);

    for fake in [Fake::Adverity, Fake::ModelPrime, Fake::Axolo] {
        assert_eq!(
            sandbox.faults(fake).pending(),
            1,
            "{fake}: one request only"
        );
        sandbox.faults(fake).clear();
    }
    let users = call(
        Provider::Adverity,
        "list_users",
        adverity.list_users().page(1_u64).page_size(100_u64).send(),
    )
    .await
    .unwrap();
    assert!(
        users
            .results
            .iter()
            .all(|u| u.email != "barbara@acme.example")
    );
    assert!(
        sandbox
            .modelprime_invitations()
            .iter()
            .all(|i| i.email != "barbara@acme.example")
    );
    assert!(
        sandbox
            .axolo_engineers()
            .iter()
            .all(|e| e.github_login != "bliskov")
    );
}

#[tokio::test]
async fn a_503_on_a_create_is_reported_not_retried_because_it_is_no_proof_nothing_happened() {
    let sandbox = start().await;
    let faults = sandbox.faults(Fake::Axiom);
    faults.next_server_errors(1, 503);
    let client = axiom(&sandbox, &options());
    let error = call(
        AXIOM,
        "create_user",
        client
            .create_user()
            .body_map(|b| b.name("Barbara").email("barbara@acme.example").role("user"))
            .send(),
    )
    .await
    .unwrap_err();
    assert_eq!(error.status(), Some(503), "{error}");
    let creates = faults
        .requests()
        .iter()
        .filter(|r| r.method == "POST")
        .count();
    assert_eq!(creates, 1, "sent once");
    // This fault answers before the fake acts, so nothing was created.
    let emails = axiom_emails(&client).await;
    assert!(!emails.iter().any(|e| e == "barbara@acme.example"));
}

#[tokio::test]
async fn server_errors_on_idempotent_requests_are_retried() {
    let sandbox = start().await;
    let client = axiom(&sandbox, &options());
    let faults = sandbox.faults(Fake::Axiom);
    let id = call(AXIOM, "list_users", client.list_users().send())
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.email == "claude@acme.example")
        .unwrap()
        .id;

    faults.next_server_errors(2, 502);
    let claude = call(AXIOM, "get_user", client.get_user().id(&id).send())
        .await
        .unwrap();
    assert_eq!(claude.email, "claude@acme.example");
    assert_eq!(faults.pending(), 0);

    faults.next_server_errors(1, 500);
    call(AXIOM, "delete_user", client.delete_user().id(&id).send())
        .await
        .unwrap();
    assert_eq!(faults.pending(), 0);
    expect_status(
        call(AXIOM, "get_user", client.get_user().id(&id).send()).await,
        404,
    );
}

#[tokio::test]
async fn a_malformed_body_is_a_decode_error_naming_the_operation_and_is_not_retried() {
    let sandbox = start().await;
    let faults = sandbox.faults(Fake::Axiom);
    faults.next_malformed(2);
    let client = axiom(&sandbox, &options());
    let result = call(AXIOM, "get_current_user", client.get_current_user().send()).await;
    match result {
        Err(Error::Decode {
            provider,
            operation,
            raw,
            ..
        }) => {
            assert_eq!(provider, Provider::Axiom);
            assert_eq!(operation, "get_current_user");
            assert!(raw.contains("malformed response injected"), "{raw}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert_eq!(faults.pending(), 1);
}

#[tokio::test]
async fn a_malformed_graphql_answer_is_a_decode_error_naming_the_graphql_operation() {
    let sandbox = start().await;
    sandbox.faults(Fake::Paradime).next_malformed(1);
    let client = paradime(&sandbox, &options());
    let result = client.list_users().await;
    assert!(
        matches!(&result, Err(Error::Decode { operation, .. }) if operation == "ListUsers"),
        "{result:?}"
    );
    let error = result.unwrap_err();
    assert!(error.to_string().contains("Paradime ListUsers"), "{error}");
    assert!(client.list_users().await.is_ok(), "the next answer is fine");
}

#[tokio::test]
async fn a_malformed_page_ends_the_facade_stream_with_the_page_and_the_operation() {
    let sandbox = start().await;
    sandbox.faults(Fake::ModelPrime).next_malformed(1);
    let client = modelprime(&sandbox, &options());
    let result: Result<Vec<_>, Error> =
        usermgmt::modelprime::users(&client, PageOptions::default(), None)
            .try_collect()
            .await;
    match result {
        Err(Error::Page { page: 1, source }) => match *source {
            Error::Decode { operation, .. } => assert_eq!(operation, "list_users"),
            other => panic!("expected a decode error, got {other:?}"),
        },
        other => panic!("expected a page error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_truncated_create_answer_is_a_decode_error_although_the_user_was_created() {
    let sandbox = start().await;
    let faults = sandbox.faults(Fake::Axiom);
    faults.next_truncated(1);
    let client = axiom(&sandbox, &options());
    let result = call(
        AXIOM,
        "create_user",
        client
            .create_user()
            .body_map(|b| b.name("Barbara").email("barbara@acme.example").role("user"))
            .send(),
    )
    .await;
    assert!(
        matches!(&result, Err(Error::Decode { operation, .. }) if operation == "create_user"),
        "{result:?}"
    );
    assert_eq!(faults.pending(), 0);
    // The server acted before the answer was cut: exactly why a POST is not repeated.
    let emails = axiom_emails(&client).await;
    assert_eq!(
        emails
            .iter()
            .filter(|e| *e == "barbara@acme.example")
            .count(),
        1
    );
}

#[tokio::test]
async fn a_server_slower_than_the_timeout_is_a_timeout_error() {
    let sandbox = start().await;
    let faults = sandbox.faults(Fake::Axiom);
    faults.latency(Duration::from_secs(3));
    let options = ClientOptions::default()
        .with_timeout(Duration::from_millis(200))
        .with_retry(RetryPolicy::none());
    let client = axiom(&sandbox, &options);
    let started = Instant::now();
    let result = call(AXIOM, "list_users", client.list_users().send()).await;
    assert!(
        matches!(&result, Err(Error::Timeout { operation, .. }) if operation == "list_users"),
        "{result:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    faults.clear();
    assert!(!axiom_emails(&client).await.is_empty());
}
