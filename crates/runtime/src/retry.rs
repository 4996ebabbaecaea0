//! Retry decisions: which failures are safe to retry for which methods, how long to
//! wait (exponential backoff with full jitter, or the server's `Retry-After`).

use std::time::{Duration, SystemTime};

use backon::{BackoffBuilder, ExponentialBuilder};
use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

use crate::RetryPolicy;

/// Why an attempt did not produce a final answer.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The server answered with a status that may be retried.
    Status(reqwest::Response),
    /// The request did not complete.
    Transport(reqwest::Error),
}

impl Failure {
    /// Whether retrying `method` after this failure cannot duplicate a side effect.
    ///
    /// Idempotent requests retry on any transport failure (no connection, a reset or
    /// close mid-exchange, a timeout) and on 408/429/500/502/503/504. POST and PATCH
    /// retry only where the server cannot have acted: the connection was never made, or
    /// it answered 429. A 503 is no such proof (a proxy may answer it after the origin
    /// acted). Other 4xx are never retried.
    pub(crate) fn is_retryable(&self, idempotent: bool) -> bool {
        match self {
            Failure::Status(response) => is_retryable_status(idempotent, response.status()),
            Failure::Transport(error) => is_retryable_transport(idempotent, error),
        }
    }

    /// The wait the server asked for, if any.
    pub(crate) fn retry_after(&self) -> Option<Duration> {
        match self {
            Failure::Status(response) => retry_after(response.headers(), SystemTime::now()),
            Failure::Transport(_) => None,
        }
    }
}

/// GET, HEAD, PUT, DELETE, OPTIONS and TRACE: repeating them has the effect of one.
pub(crate) fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE
    )
}

/// See [`Failure::is_retryable`].
pub(crate) fn is_retryable_status(idempotent: bool, status: StatusCode) -> bool {
    match status.as_u16() {
        429 => true,
        408 | 500 | 502 | 503 | 504 => idempotent,
        _ => false,
    }
}

/// See [`Failure::is_retryable`]. A connect error means the request never left; any
/// other transport failure (reset, close, timeout, protocol error) may have reached the
/// server, which only idempotent methods can afford.
fn is_retryable_transport(idempotent: bool, error: &reqwest::Error) -> bool {
    error.is_connect() || (idempotent && !error.is_builder() && !error.is_redirect())
}

/// `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3); a date in the
/// past means "now".
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The backoff schedule: `initial × 2^n` capped at `max_backoff`, each wait drawn
/// uniformly from `[0, backoff]` ("full jitter"), at most `max_attempts - 1` waits.
/// backon's own jitter adds to the delay instead, so the draw is done here.
pub(crate) fn backoff(
    policy: &RetryPolicy,
) -> impl Iterator<Item = Duration> + Send + Sync + Unpin + use<> {
    ExponentialBuilder::new()
        .with_min_delay(policy.initial_backoff)
        .with_max_delay(policy.max_backoff)
        .with_factor(2.0)
        .with_max_times(policy.max_attempts.saturating_sub(1) as usize)
        .build()
        .map(|ceiling| ceiling.mul_f64(fastrand::f64()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn idempotent_methods_retry_server_errors_and_post_only_429() {
        for status in [408, 429, 500, 502, 503, 504] {
            let status = StatusCode::from_u16(status).unwrap();
            assert!(
                is_retryable_status(is_idempotent(&Method::GET), status),
                "{status}"
            );
            assert!(
                is_retryable_status(is_idempotent(&Method::DELETE), status),
                "{status}"
            );
            assert!(
                is_retryable_status(is_idempotent(&Method::PUT), status),
                "{status}"
            );
        }
        for (status, expected) in [
            (429, true),
            (503, false),
            (500, false),
            (502, false),
            (504, false),
            (408, false),
        ] {
            let status = StatusCode::from_u16(status).unwrap();
            assert_eq!(
                is_retryable_status(is_idempotent(&Method::POST), status),
                expected,
                "POST {status}"
            );
            assert_eq!(
                is_retryable_status(is_idempotent(&Method::PATCH), status),
                expected,
                "PATCH {status}"
            );
        }
        for status in [400, 401, 403, 404, 409, 422, 501] {
            let status = StatusCode::from_u16(status).unwrap();
            assert!(
                !is_retryable_status(is_idempotent(&Method::GET), status),
                "{status}"
            );
        }
    }

    #[tokio::test]
    async fn a_refused_connection_is_retried_for_every_method_because_nothing_was_sent() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/users", listener.local_addr().unwrap());
        drop(listener);
        let error = reqwest::Client::new().post(url).send().await.unwrap_err();
        let failure = Failure::Transport(error);
        assert!(failure.is_retryable(false), "{failure}");
        assert!(failure.is_retryable(true), "{failure}");
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = httpdate::parse_http_date("Sun, 22 Nov 2026 10:00:00 GMT").unwrap();
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("2"));
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(2)));
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Sun, 22 Nov 2026 10:00:30 GMT"),
        );
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(30)));
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Sun, 22 Nov 2026 09:00:00 GMT"),
        );
        assert_eq!(retry_after(&headers, now), Some(Duration::ZERO));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers, now), None);
    }

    #[test]
    fn backoff_is_bounded_in_count_and_size() {
        let policy = RetryPolicy::default()
            .with_max_attempts(6)
            .with_backoff(Duration::from_millis(100), Duration::from_millis(400));
        let waits: Vec<Duration> = backoff(&policy).collect();
        assert_eq!(waits.len(), 5);
        let ceilings = [100, 200, 400, 400, 400];
        for (wait, ceiling) in waits.iter().zip(ceilings) {
            assert!(
                *wait <= Duration::from_millis(ceiling),
                "{wait:?} > {ceiling}ms"
            );
        }
        assert_eq!(backoff(&RetryPolicy::none()).count(), 0);
    }
}
