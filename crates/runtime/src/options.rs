//! Client options: timeouts, retry policy and user agent, with defaults that suit an
//! interactive CLI and a batch job alike.

use std::time::Duration;

/// How a client talks to its provider.
///
/// No field is required: [`ClientOptions::default()`] is complete (each field's default
/// is on the field) and every `with_*` setter replaces one default. Credentials and the
/// base URL are not options: they are the other arguments of `Client::connect` (or come
/// from the environment with `Client::from_env`).
///
/// ```
/// use std::time::Duration;
/// use usermgmt_runtime::{ClientOptions, RetryPolicy};
///
/// let options = ClientOptions::default()
///     .with_timeout(Duration::from_secs(10))
///     .with_retry(RetryPolicy::default().with_max_attempts(5));
/// assert_eq!(options.retry.max_attempts, 5);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ClientOptions {
    /// Time allowed to establish a connection. Default 10 s.
    pub connect_timeout: Duration,
    /// Time allowed for one whole request, from sending to the last byte of the body.
    /// Default 30 s. Retries each get their own budget; [`RetryPolicy::max_elapsed`] caps the sum.
    pub timeout: Duration,
    /// When and how to retry.
    pub retry: RetryPolicy,
    /// The `User-Agent` header. Default `usermgmt/<version>`.
    pub user_agent: String,
    /// The largest response body read, in bytes; a longer one is
    /// [`Error::TooLarge`](crate::Error::TooLarge). Default 64 MiB.
    pub max_response_bytes: u64,
}

/// The default of [`ClientOptions::max_response_bytes`]: 64 MiB, far above any page of
/// users a provider sends.
pub(crate) const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            user_agent: concat!("usermgmt/", env!("CARGO_PKG_VERSION")).to_string(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }
}

impl ClientOptions {
    /// Set the connect timeout.
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Set the whole-request timeout.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Set the retry policy.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Set the response size limit in bytes.
    pub fn with_max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Set the user agent.
    pub fn with_user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }
}

/// When to retry and how long to wait.
///
/// No field is required: [`RetryPolicy::default()`] is complete and [`RetryPolicy::none`]
/// turns retries off; the `with_*` setters replace one default each, clamping nonsense
/// (zero attempts becomes 1, a maximum backoff below the initial one becomes the initial).
///
/// Waits grow exponentially from `initial_backoff` (×2 each retry, capped at
/// `max_backoff`) with full jitter: each wait is uniform in `[0, backoff]`. A
/// `Retry-After` header replaces the computed wait, unless it asks for more than
/// `max_retry_after`, in which case the response is returned as it is. No retry starts
/// once `max_elapsed` would be exceeded.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Attempts in all, the first included; 1 disables retries. Default 4.
    pub max_attempts: u32,
    /// The first backoff. Default 250 ms.
    pub initial_backoff: Duration,
    /// The largest backoff. Default 8 s.
    pub max_backoff: Duration,
    /// The longest `Retry-After` honoured. Default 60 s.
    pub max_retry_after: Duration,
    /// The time budget for all attempts and waits together. Default 90 s.
    pub max_elapsed: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
            max_elapsed: Duration::from_secs(90),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Set the number of attempts (at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Set the first and the largest backoff.
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// Set the longest `Retry-After` honoured.
    pub fn with_max_retry_after(mut self, max: Duration) -> Self {
        self.max_retry_after = max;
        self
    }

    /// Set the total time budget.
    pub fn with_max_elapsed(mut self, max: Duration) -> Self {
        self.max_elapsed = max;
        self
    }
}
