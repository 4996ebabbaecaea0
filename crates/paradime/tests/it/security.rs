//! Credentials stay secret: never printed by the client or its errors, never sent over
//! plain HTTP to a remote host.

use std::time::Duration;

use serde_json::json;
use usermgmt_paradime::{Client, ClientOptions, Error, ParadimeCredentials, RetryPolicy};
use wiremock::ResponseTemplate;

use crate::support::{
    KEY, PATH, SECRET, answer_any_post, client_with, closed_endpoint, endpoint, server,
};

fn assert_no_secret(what: &str, printed: &str) {
    assert!(
        !printed.contains(KEY),
        "{what} shows the API key: {printed}"
    );
    assert!(
        !printed.contains(SECRET),
        "{what} shows the API secret: {printed}"
    );
}

#[tokio::test]
async fn credentials_never_appear_in_debug_or_display_of_the_client_or_its_errors() {
    let options = ClientOptions::default()
        .with_timeout(Duration::from_millis(200))
        .with_retry(RetryPolicy::none());
    let mut errors: Vec<Error> = Vec::new();
    for response in [
        ResponseTemplate::new(401).set_body_json(json!({"errors": [{"message": "bad key"}]})),
        ResponseTemplate::new(200)
            .set_body_json(json!({"errors": [{"message": "nope"}], "data": null})),
        ResponseTemplate::new(200).set_body_json(json!({"data": {"listUsers": {"ok": false}}})),
        ResponseTemplate::new(200).set_body_string("not json"),
        ResponseTemplate::new(200).set_delay(Duration::from_secs(2)),
    ] {
        let server = server().await;
        answer_any_post(&server, response).await;
        let client = client_with(&server, options.clone());
        assert_no_secret("Client Debug", &format!("{client:?}"));
        errors.push(client.list_users().await.unwrap_err());
    }
    let closed = Client::new(
        &closed_endpoint(),
        &ParadimeCredentials::new(KEY, SECRET),
        &options,
    )
    .unwrap();
    errors.push(closed.list_users().await.unwrap_err());

    let variants: Vec<&str> = errors
        .iter()
        .map(|err| match err {
            Error::Status { .. } => "Status",
            Error::GraphQl { .. } => "GraphQl",
            Error::NotOk { .. } => "NotOk",
            Error::Decode { .. } => "Decode",
            Error::Timeout { .. } => "Timeout",
            Error::Transport { .. } => "Transport",
            _ => "other",
        })
        .collect();
    assert_eq!(
        variants,
        [
            "Status",
            "GraphQl",
            "NotOk",
            "Decode",
            "Timeout",
            "Transport"
        ]
    );
    for err in &errors {
        assert_no_secret("error Display", &err.to_string());
        assert_no_secret("error Debug", &format!("{err:?}"));
        let mut source = std::error::Error::source(err);
        while let Some(inner) = source {
            assert_no_secret("error source", &format!("{inner} {inner:?}"));
            source = inner.source();
        }
    }
}

#[tokio::test]
async fn the_client_debug_shows_the_endpoint() {
    let server = server().await;
    let client = client_with(&server, ClientOptions::default());
    let printed = format!("{client:?}");
    assert_eq!(
        printed,
        format!("Client {{ endpoint: {:?}, .. }}", endpoint(&server))
    );
    assert!(printed.ends_with(&format!("{PATH}\", .. }}")));
}

#[test]
fn plain_http_to_a_remote_host_is_refused_before_any_request() {
    let credentials = ParadimeCredentials::new(KEY, SECRET);

    let err = Client::new(
        "http://example.com/api/v1/acme/graphql",
        &credentials,
        &ClientOptions::default(),
    )
    .unwrap_err();

    assert!(matches!(err, Error::InsecureUrl { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("https://"), "{text}");
    assert_no_secret("InsecureUrl", &format!("{text} {err:?}"));
}
