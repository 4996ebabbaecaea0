//! Helpers shared by the crates' tests: a catch-all mock that fails the test on any
//! unexpected request (and describes it), a matcher for exact queries, a matcher for
//! JSON requests and JSON answers, and [`Garbler`], hostile bodies for decode tests.
//!
//! Provider-specific fixtures (setup, request builders, credentials, seed bodies) stay in
//! each crate's `tests/it/support.rs`.

mod garble;

pub use garble::Garbler;

use serde_json::Value;
use wiremock::matchers::{any, header};
use wiremock::{Match, Mock, MockServer, Request, Respond, ResponseTemplate};

/// Answers, with a 418 nothing decodes, every request no other mock matches, and fails
/// the test when the server is dropped if it answered any. Its priority is the lowest,
/// so it acts as if mounted last whatever the order tests mount their mocks in.
pub async fn mount_catch_all(server: &MockServer) {
    Mock::given(any())
        .respond_with(Unexpected)
        .with_priority(u8::MAX)
        .expect(0)
        .named("catch-all: a request no test expected")
        .mount(server)
        .await;
}

/// The catch-all's answer: a 418 whose `x-unexpected-request` header and body describe
/// the request (method, URL, headers, body), so the panic of a test whose request did
/// not match shows what was actually sent.
#[derive(Debug)]
pub struct Unexpected;

impl Respond for Unexpected {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let headers: Vec<String> = request
            .headers
            .iter()
            .map(|(name, value)| format!("{name}: {}", value.to_str().unwrap_or("?")))
            .collect();
        let description = format!(
            "{} {} [{}] {}",
            request.method,
            request.url,
            headers.join("; "),
            String::from_utf8_lossy(&request.body)
        );
        let printable: String = description
            .chars()
            .map(|c| {
                if c.is_ascii_graphic() || c == ' ' {
                    c
                } else {
                    '?'
                }
            })
            .collect();
        ResponseTemplate::new(418)
            .insert_header("x-unexpected-request", printable.as_str())
            .set_body_string(printable)
    }
}

/// Matches when the query string holds exactly these pairs, in any order.
#[derive(Debug)]
pub struct ExactQuery(Vec<(String, String)>);

/// See [`ExactQuery`]; `&[]` asserts there is no query at all.
pub fn exact_query(pairs: &[(&str, &str)]) -> ExactQuery {
    ExactQuery(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

impl Match for ExactQuery {
    fn matches(&self, request: &Request) -> bool {
        let mut sent: Vec<(String, String)> = request
            .url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let mut wanted = self.0.clone();
        sent.sort();
        wanted.sort();
        sent == wanted
    }
}

/// Matches a JSON request: `Content-Type: application/json`.
pub fn json_content() -> impl Match {
    header("content-type", "application/json")
}

/// A JSON answer with `status`.
pub fn json_answer(status: u16, body: Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

#[cfg(test)]
mod tests {
    use wiremock::http::{HeaderMap, Method, Url};

    use super::*;

    fn get(url: &str) -> Request {
        Request {
            url: Url::parse(url).expect("a valid test URL"),
            method: Method::GET,
            headers: HeaderMap::new(),
            body: Vec::new(),
        }
    }

    #[test]
    fn exact_query_matches_the_same_pairs_in_any_order() {
        let matcher = exact_query(&[("page", "2"), ("size", "50")]);
        assert!(matcher.matches(&get("http://h/users?page=2&size=50")));
        assert!(matcher.matches(&get("http://h/users?size=50&page=2")));
        assert!(!matcher.matches(&get("http://h/users?page=2")));
        assert!(!matcher.matches(&get("http://h/users?page=2&size=50&extra=1")));
        assert!(!matcher.matches(&get("http://h/users?page=3&size=50")));
    }

    #[test]
    fn an_empty_exact_query_means_no_query_at_all() {
        let matcher = exact_query(&[]);
        assert!(matcher.matches(&get("http://h/users")));
        assert!(!matcher.matches(&get("http://h/users?page=1")));
    }
}
