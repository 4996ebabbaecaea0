//! Integration tests over real HTTP, with reqwest as a raw client (not the generated SDKs):
//! every operation of every fake, pagination, faults, and the sandbox's own API.
//!
//! One test binary (modules below) so it links once.

// Test helpers outside `#[test]` functions unwrap on purpose: a panic is a failed test.
#![allow(clippy::unwrap_used)]

mod adverity;
mod axiom;
mod axolo;
mod faults;
mod modelprime;
mod paradime;
mod persist;
mod sandbox;

use std::sync::LazyLock;

use reqwest::Client;
use reqwest::header::HeaderMap;
use serde_json::Value;
use usermgmt_sandbox::Sandbox;

/// One HTTP client for all tests: building a client loads TLS roots, which costs more
/// than the requests. No idle connections are kept, so nothing crosses the tests' runtimes.
static CLIENT: LazyLock<Client> = LazyLock::new(|| {
    Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("an HTTP client")
});

/// The shared HTTP client.
pub(crate) fn http() -> Client {
    CLIENT.clone()
}

/// A started sandbox with the demo seed.
pub(crate) async fn start() -> Sandbox {
    Sandbox::start().await.expect("the sandbox starts")
}

/// What a test needs of a response.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) text: String,
}

impl Answer {
    /// The body as JSON (panics with the body if it is not JSON).
    pub(crate) fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {:?}", self.text))
    }

    /// A header's value.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts the status and returns the JSON body.
    #[track_caller]
    pub(crate) fn expect(&self, status: u16) -> Value {
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.text
        );
        if status == 204 {
            assert!(self.text.is_empty(), "204 with a body: {}", self.text);
            assert!(self.header("content-type").is_none());
            return Value::Null;
        }
        assert_eq!(self.header("content-type"), Some("application/json"));
        self.json()
    }
}

/// Sends a request and reads the whole answer.
pub(crate) async fn send(request: reqwest::RequestBuilder) -> Answer {
    let response = request
        .send()
        .await
        .expect("the request reaches the sandbox");
    Answer {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        text: response.text().await.expect("the body can be read"),
    }
}

/// The value of credential `name` of an endpoint.
pub(crate) fn credential(endpoint: &usermgmt_sandbox::Endpoint, name: &str) -> String {
    endpoint
        .credential(name)
        .unwrap_or_else(|| panic!("no credential {name}"))
        .to_owned()
}
