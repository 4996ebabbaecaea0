//! The response size limit: a body is read through `http_body_util::Limited`, so a
//! hostile or broken server cannot make the process buffer gigabytes.

use http_body_util::{BodyExt, LengthLimitError, Limited};
use reqwest::ResponseBuilderExt;

/// The error a body read fails with once it passes the limit; it names the limit,
/// which `http_body_util`'s own [`LengthLimitError`] does not.
#[derive(Debug, thiserror::Error)]
#[error("the response body is longer than {limit} bytes")]
pub(crate) struct OverLimit {
    pub(crate) limit: u64,
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// `response` with a body that fails with [`OverLimit`] once more than `limit` bytes
/// have arrived.
pub(crate) fn limit_body(response: reqwest::Response, limit: u64) -> reqwest::Response {
    let url = response.url().clone();
    let (mut parts, body) = http::Response::from(response).into_parts();
    // The conversion drops the URL extension; put it back so errors still name it.
    if let Ok(with_url) = http::Response::builder().url(url).body(()) {
        parts.extensions.extend(with_url.into_parts().0.extensions);
    }
    let cap = usize::try_from(limit).unwrap_or(usize::MAX);
    let body = Limited::new(body, cap).map_err(move |error: BoxError| -> BoxError {
        if error.is::<LengthLimitError>() {
            Box::new(OverLimit { limit })
        } else {
            error
        }
    });
    reqwest::Response::from(http::Response::from_parts(parts, reqwest::Body::wrap(body)))
}

/// The limit `error` (or anything it was caused by) reports having passed, if any.
pub(crate) fn passed_limit(error: &(dyn std::error::Error + 'static)) -> Option<u64> {
    let mut cause = Some(error);
    while let Some(error) = cause {
        if let Some(over) = error.downcast_ref::<OverLimit>() {
            return Some(over.limit);
        }
        cause = error.source();
    }
    None
}
