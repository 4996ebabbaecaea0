//! Reading what the fakes need from a wiremock request: path segments, query, headers, JSON.
//!
//! Kept apart from the fakes so each provider module reads as routing plus rules.

use serde_json::Value;
use wiremock::Request;

/// The path segments after `prefix` (which must match exactly, segment-wise), and whether
/// the path ended with a slash. `None` if the path does not start with `prefix`.
pub(crate) fn segments_after(request: &Request, prefix: &str) -> Option<(Vec<String>, bool)> {
    let path = request.url.path();
    let rest = path.strip_prefix(prefix)?;
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    let trailing = rest.len() > 1 && rest.ends_with('/');
    let segments = rest
        .trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .map(percent_decode)
        .collect();
    Some((segments, trailing))
}

/// Decodes `%XX` escapes (path ids such as `auth0%7C...`); invalid escapes stay as they are.
pub(crate) fn percent_decode(segment: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", segment.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| segment.to_owned())
}

/// Query parameters in order, decoded.
pub(crate) fn query_pairs(request: &Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The first value of query parameter `name`.
pub(crate) fn query_param(request: &Request, name: &str) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// A header's value as text (`None` if absent or not visible ASCII).
pub(crate) fn header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

/// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive).
pub(crate) fn bearer(request: &Request) -> Option<&str> {
    let value = header(request, "authorization")?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// The body parsed as JSON.
pub(crate) fn json_body(request: &Request) -> Result<Value, serde_json::Error> {
    serde_json::from_slice(&request.body)
}

/// A JSON object member as the validators see it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Field<'a> {
    /// Not in the object.
    Missing,
    /// Present and `null`.
    Null,
    /// A string.
    Str(&'a str),
    /// Anything else.
    Other(&'a Value),
}

/// Looks up `name` in `object`.
pub(crate) fn field<'a>(object: &'a serde_json::Map<String, Value>, name: &str) -> Field<'a> {
    match object.get(name) {
        None => Field::Missing,
        Some(Value::Null) => Field::Null,
        Some(Value::String(s)) => Field::Str(s),
        Some(other) => Field::Other(other),
    }
}

/// A loose email check (`local@domain.tld`, no spaces): enough to reject obvious typos.
pub(crate) fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// The reason phrase for the statuses the fakes send.
pub(crate) fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_like_email_accepts_addresses_and_rejects_typos() {
        assert!(looks_like_email("ada@acme.example"));
        for bad in [
            "ada",
            "ada@",
            "@acme.example",
            "ada@acme",
            "a da@acme.example",
            "a@b@c.d",
        ] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }

    #[test]
    fn percent_decode_handles_auth0_ids_and_plus_signs() {
        assert_eq!(percent_decode("auth0%7Cabc"), "auth0|abc");
        assert_eq!(percent_decode("a+b"), "a+b");
        assert_eq!(percent_decode("plain"), "plain");
    }
}
