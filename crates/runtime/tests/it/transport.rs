//! A request that fails below HTTP names its cause in words (connection refused, DNS,
//! TLS) and what to check, never the HTTP stack's types; and no error's `Display` dumps
//! headers or a response's `Debug`.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use usermgmt_runtime::{
    AxiomCredentials, ClientOptions, Error, Provider, RetryPolicy, SendExt, connect,
    convert_observed,
};

/// The error of one GET to `url` through a client `connect` built, with no retries.
async fn get(url: &str) -> Error {
    let options = ClientOptions::default()
        .with_timeout(Duration::from_secs(5))
        .with_retry(RetryPolicy::none());
    let connection = connect(url, &AxiomCredentials::new("xaat-transport"), &options).unwrap();
    let source = connection
        .http
        .get(format!("{}/users", connection.base_url))
        .send()
        .await
        .unwrap_err();
    Error::from_reqwest(Provider::Axiom, "list_users", source)
}

/// What no message may contain: HTTP-stack type names and debug dumps.
fn assert_plain(line: &str) {
    for word in [
        "reqwest",
        "hyper",
        "Error {",
        "kind:",
        "Kind(",
        "InvalidContentType",
        "Os {",
    ] {
        assert!(!line.contains(word), "{word:?} in {line}");
    }
    assert!(!line.contains('\n'), "{line}");
}

#[tokio::test]
async fn a_closed_port_is_connection_refused_with_the_url_variable_to_check() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let error = get(&format!("http://127.0.0.1:{port}/v2")).await;
    let line = error.to_string();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert!(line.contains("connection refused"), "{line}");
    assert!(line.contains("check AXIOM_URL"), "{line}");
    assert!(line.contains("server is running"), "{line}");
    assert_plain(&line);
}

#[tokio::test]
async fn a_host_that_does_not_resolve_is_a_dns_failure() {
    // `.invalid` never resolves (RFC 2606), with or without a network.
    let line = get("https://nonexistent.invalid/v2").await.to_string();
    assert!(line.contains("DNS lookup failed"), "{line}");
    assert!(line.contains("host name in AXIOM_URL"), "{line}");
    assert_plain(&line);
}

#[tokio::test]
async fn https_to_a_plain_http_server_is_a_tls_handshake_failure() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Answers whatever arrives (a TLS ClientHello) the way a plain HTTP server does.
    let server = std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut buffer = [0u8; 1024];
            let _ = stream.read(&mut buffer);
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n");
        }
    });
    let line = get(&format!("https://127.0.0.1:{port}/v2"))
        .await
        .to_string();
    server.join().unwrap();
    assert!(line.contains("TLS handshake failed"), "{line}");
    assert!(line.contains("speaks https"), "{line}");
    assert_plain(&line);
}

#[tokio::test]
async fn error_lines_never_show_response_headers() {
    let secret = "hdr-value-3b1f9";
    let response = http::Response::builder()
        .status(502)
        .header("set-cookie", format!("session={secret}"))
        .header("x-internal-trace", secret)
        .body("<html>bad gateway</html>")
        .unwrap();
    let unexpected = progenitor_client::Error::<()>::UnexpectedResponse(response.into());
    let line = convert_observed(Provider::Axiom, "list_users", unexpected, None)
        .await
        .to_string();
    assert_eq!(
        line,
        "502 from Axiom list_users: <html>bad gateway</html> (Axiom had a server error: retry later)"
    );

    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-internal-trace", secret.parse().unwrap());
    let documented = progenitor_client::ResponseValue::new(
        serde_json::json!({"code": 403, "message": "forbidden"}),
        reqwest::StatusCode::FORBIDDEN,
        headers,
    );
    let call = async {
        Err::<progenitor_client::ResponseValue<()>, _>(progenitor_client::Error::ErrorResponse(
            documented,
        ))
    };
    let error = call.checked().await.unwrap_err();
    let line = error.to_string();
    for shown in [line.as_str(), &format!("{error:#}")] {
        assert!(!shown.contains(secret), "{shown}");
        assert!(!shown.to_ascii_lowercase().contains("header"), "{shown}");
        assert!(!shown.contains("x-internal-trace"), "{shown}");
    }
    assert_plain(&line);
}
