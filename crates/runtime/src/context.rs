//! Running one request: the retry loop and its tracing span. Provider crates call
//! [`Context::execute`] from progenitor's `ClientHooks::exec`.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use backon::Retryable;
use bytes::Bytes;
use reqwest::{Method, Request, Response};
use tokio::time::Instant;
use tracing::{Instrument, field};

use crate::retry::{Failure, backoff};
use crate::{Provider, RetryPolicy};

/// Per-client state the generated code carries: which provider it talks to and how it
/// retries. Cheap to clone.
#[derive(Debug, Clone, PartialEq)]
pub struct Context {
    provider: Provider,
    retry: RetryPolicy,
    timeout: Duration,
    max_response_bytes: u64,
}

impl Context {
    /// A context for `provider` with the given retry policy and request timeout.
    pub fn new(provider: Provider, retry: RetryPolicy, timeout: Duration) -> Self {
        Self {
            provider,
            retry,
            timeout,
            max_response_bytes: crate::options::DEFAULT_MAX_RESPONSE_BYTES,
        }
    }

    /// The same context with a different response size limit (see
    /// [`ClientOptions::max_response_bytes`](crate::ClientOptions::max_response_bytes)).
    pub fn with_max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// The largest response body read.
    pub fn max_response_bytes(&self) -> u64 {
        self.max_response_bytes
    }

    /// The provider this client talks to.
    pub fn provider(&self) -> Provider {
        self.provider
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The whole-request timeout, for error messages.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Send `request` with `client`, retrying per the policy, inside a `usermgmt.request`
    /// span (provider, operation, method, status, attempts, elapsed). A response that is
    /// still retryable when the policy runs out is returned as it is, so the caller
    /// decodes the provider's error body. Reading more than
    /// [`max_response_bytes`](Self::max_response_bytes) of its body fails with an error
    /// that [`Error::from_reqwest`](crate::Error::from_reqwest) reports as
    /// [`Error::TooLarge`](crate::Error::TooLarge).
    pub async fn execute(
        &self,
        client: &reqwest::Client,
        request: Request,
        operation: &str,
    ) -> reqwest::Result<Response> {
        let idempotent = crate::retry::is_idempotent(request.method());
        self.run(client, request, operation, idempotent).await
    }

    /// Like [`execute`](Self::execute), for a request that changes nothing whatever its
    /// method (a GraphQL query sent with POST), so it is retried like a GET.
    pub async fn execute_read_only(
        &self,
        client: &reqwest::Client,
        request: Request,
        operation: &str,
    ) -> reqwest::Result<Response> {
        self.run(client, request, operation, true).await
    }

    async fn run(
        &self,
        client: &reqwest::Client,
        request: Request,
        operation: &str,
        idempotent: bool,
    ) -> reqwest::Result<Response> {
        let span = tracing::info_span!(
            "usermgmt.request",
            provider = self.provider.id(),
            operation,
            method = %request.method(),
            status = field::Empty,
            attempts = field::Empty,
            elapsed_ms = field::Empty,
        );
        crate::exchange::started(self.provider, operation, idempotent);
        let result = self
            .execute_with_retries(client, request, idempotent)
            .instrument(span)
            .await;
        result.map(|response| {
            crate::exchange::answered(response.status().as_u16());
            crate::limit::limit_body(response, self.max_response_bytes)
        })
    }

    async fn execute_with_retries(
        &self,
        client: &reqwest::Client,
        request: Request,
        idempotent: bool,
    ) -> reqwest::Result<Response> {
        let started = Instant::now();
        let attempts = AtomicU32::new(0);
        let template = Template::from(request);
        // A streaming body can be sent only once, so such a request gets one attempt.
        let policy = if template.is_replayable() {
            self.retry
        } else {
            RetryPolicy::none()
        };

        let outcome = (|| async {
            attempts.fetch_add(1, Ordering::Relaxed);
            match client.execute(template.build()).await {
                Ok(response)
                    if crate::retry::is_retryable_status(idempotent, response.status()) =>
                {
                    Err(Failure::Status(response))
                }
                Ok(response) => Ok(response),
                Err(error) => Err(Failure::Transport(error)),
            }
        })
        .retry(backoff(&policy))
        .sleep(tokio::time::sleep)
        .when(|failure: &Failure| failure.is_retryable(idempotent))
        .adjust(|failure: &Failure, computed: Option<Duration>| {
            // The backoff decides whether attempts remain; the server decides how long.
            let wait = match (computed, failure.retry_after()) {
                (None, _) => return None,
                (Some(_), Some(asked)) if asked > policy.max_retry_after => return None,
                (Some(_), Some(asked)) => asked,
                (Some(computed), None) => computed,
            };
            (started.elapsed() + wait <= policy.max_elapsed).then_some(wait)
        })
        .notify(|failure: &Failure, wait: Duration| {
            tracing::debug!(reason = %failure, wait_ms = wait.as_millis() as u64, "retrying");
        })
        .await;

        let span = tracing::Span::current();
        span.record("attempts", attempts.load(Ordering::Relaxed));
        span.record("elapsed_ms", started.elapsed().as_millis() as u64);
        let result = match outcome {
            Ok(response) | Err(Failure::Status(response)) => Ok(response),
            Err(Failure::Transport(error)) => Err(error),
        };
        match &result {
            Ok(response) => {
                span.record("status", response.status().as_u16());
                tracing::info!("request finished");
            }
            Err(error) => tracing::info!(timeout = error.is_timeout(), "request failed"),
        }
        result
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Status(response) => write!(f, "status {}", response.status()),
            // reqwest's Display names the URL, never headers.
            Failure::Transport(error) => write!(f, "{error}"),
        }
    }
}

/// The parts of a request needed to send it again. The generated clients only send
/// in-memory bodies, so a copy is always possible (a streaming body is sent once).
struct Template {
    method: Method,
    url: reqwest::Url,
    headers: reqwest::header::HeaderMap,
    timeout: Option<Duration>,
    version: reqwest::Version,
    body: Option<Bytes>,
    stream: std::sync::Mutex<Option<reqwest::Body>>,
}

impl From<Request> for Template {
    fn from(mut request: Request) -> Self {
        let body = request
            .body()
            .and_then(|b| b.as_bytes())
            .map(Bytes::copy_from_slice);
        let stream = if body.is_none() {
            request.body_mut().take()
        } else {
            None
        };
        Self {
            method: request.method().clone(),
            url: request.url().clone(),
            headers: request.headers().clone(),
            timeout: request.timeout().copied(),
            version: request.version(),
            body,
            stream: std::sync::Mutex::new(stream),
        }
    }
}

impl Template {
    fn is_replayable(&self) -> bool {
        self.stream.lock().map(|s| s.is_none()).unwrap_or(false)
    }

    fn build(&self) -> Request {
        let mut request = Request::new(self.method.clone(), self.url.clone());
        *request.headers_mut() = self.headers.clone();
        *request.timeout_mut() = self.timeout;
        *request.version_mut() = self.version;
        *request.body_mut() = match &self.body {
            Some(bytes) => Some(bytes.clone().into()),
            // Sent once: such requests are not retried (see `is_replayable`).
            None => self.stream.lock().ok().and_then(|mut s| s.take()),
        };
        request
    }
}
