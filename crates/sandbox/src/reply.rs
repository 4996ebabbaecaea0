//! The response a fake builds before it goes on the wire.
//!
//! Fakes return a [`Reply`] rather than a wiremock `ResponseTemplate` because faults need
//! to see (and cut) the body, and Axiom adds headers to every answer, faults included.

use std::time::Duration;

use serde::Serialize;
use wiremock::ResponseTemplate;

/// Status, extra headers and an optional JSON body (`None` for 204).
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Option<Vec<u8>>,
}

impl Reply {
    /// `status` with `body` serialised as JSON.
    pub(crate) fn json<T: Serialize + ?Sized>(status: u16, body: &T) -> Reply {
        match serde_json::to_vec(body) {
            Ok(bytes) => Reply::raw(status, bytes),
            Err(e) => Reply::raw(
                500,
                serde_json::json!({ "sandbox_error": e.to_string() })
                    .to_string()
                    .into_bytes(),
            ),
        }
    }

    /// `status` with bytes sent as-is under `Content-Type: application/json`.
    pub(crate) fn raw(status: u16, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Some(body),
        }
    }

    /// 204 No Content: no body and no content type.
    pub(crate) fn no_content() -> Reply {
        Reply {
            status: 204,
            headers: Vec::new(),
            body: None,
        }
    }

    /// Adds (or replaces) a header.
    pub(crate) fn header(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.set_header(name, value);
        self
    }

    /// Adds (or replaces) a header in place.
    pub(crate) fn set_header(&mut self, name: &'static str, value: impl Into<String>) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name, value.into()));
    }

    /// Keeps only the first half of the body (a response cut off mid-stream).
    pub(crate) fn truncate(&mut self) {
        if let Some(body) = &mut self.body {
            body.truncate(body.len() / 2);
        }
    }

    /// The wiremock template, delayed by `delay` if given.
    pub(crate) fn into_template(self, delay: Option<Duration>) -> ResponseTemplate {
        let mut template = ResponseTemplate::new(self.status);
        for (name, value) in self.headers {
            template = template.insert_header(name, value.as_str());
        }
        if let Some(body) = self.body {
            template = template.set_body_raw(body, "application/json");
        }
        match delay {
            Some(delay) => template.set_delay(delay),
            None => template,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_keeps_the_first_half_of_the_body() {
        let mut reply = Reply::json(200, &serde_json::json!({"a": "bcdef"}));
        let full = reply.body.clone().unwrap();
        reply.truncate();
        let cut = reply.body.unwrap();
        assert_eq!(cut.len(), full.len() / 2);
        assert!(full.starts_with(&cut));
    }

    #[test]
    fn set_header_replaces_case_insensitively() {
        let reply = Reply::no_content()
            .header("Retry-After", "1")
            .header("retry-after", "2");
        assert_eq!(reply.headers, vec![("retry-after", "2".to_owned())]);
        assert!(reply.body.is_none());
    }
}
