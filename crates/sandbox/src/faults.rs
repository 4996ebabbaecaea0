//! Fault injection: latency on every answer, and queued bad answers for the next requests.
//!
//! Queued faults fire in the order they were injected, one per request, before the fake
//! looks at auth or input (so a rate-limited request changes nothing) — except truncation,
//! which cuts the real answer and so happens after the request was processed.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// A handle to the faults of one provider; clones share the same queue.
///
/// ```no_run
/// # async fn demo() -> Result<(), usermgmt_sandbox::SandboxError> {
/// use std::time::Duration;
/// use usermgmt_sandbox::{FakeApi, Sandbox};
///
/// let sandbox = Sandbox::start().await?;
/// sandbox
///     .faults(FakeApi::Axiom)
///     .latency(Duration::from_millis(50))
///     .next_rate_limited(2, 1) // two 429s with `Retry-After: 1` ...
///     .next_server_errors(1, 503); // ... then one 503, then normal answers
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Default)]
pub struct Faults {
    plan: Arc<Mutex<Plan>>,
    log: Arc<Mutex<VecDeque<ReceivedRequest>>>,
}

/// The newest requests kept per provider, so a long-running `sandbox serve` stays bounded.
const LOG_CAPACITY: usize = 10_000;

/// A request the fake received (after faults, whatever it answered), for tests that
/// count what was sent: "no invitation was sent twice".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedRequest {
    /// The HTTP method.
    pub method: String,
    /// The path, version prefix included.
    pub path: String,
    /// The body as text (lossy).
    pub body: String,
}

#[derive(Debug, Default)]
struct Plan {
    latency: Option<Latency>,
    queue: VecDeque<(Fault, usize)>,
}

#[derive(Debug, Clone, Copy)]
enum Latency {
    Fixed(Duration),
    Random { min: Duration, max: Duration },
}

/// One bad answer, as the server applies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    /// 429 with `Retry-After: <secs>` and the provider's error body.
    RateLimited {
        /// Value of the `Retry-After` header, in seconds.
        retry_after_secs: u64,
    },
    /// A 5xx with the provider's error body.
    ServerError {
        /// The status to send (500..=599).
        status: u16,
    },
    /// 200 with a body that is not JSON.
    Malformed,
    /// `status` with an HTML page for a body, as a gateway or proxy in front of the API
    /// sends: not the provider's documented error shape.
    Html {
        /// The status to send.
        status: u16,
    },
    /// The real answer with its body cut in half.
    Truncated,
}

impl Faults {
    /// Delays every answer by `delay` (until [`Faults::clear`]).
    pub fn latency(&self, delay: Duration) -> &Self {
        self.lock().latency = Some(Latency::Fixed(delay));
        self
    }

    /// Delays every answer by a uniformly random time in `min..=max` (swapped if reversed).
    pub fn random_latency(&self, min: Duration, max: Duration) -> &Self {
        let (min, max) = if min <= max { (min, max) } else { (max, min) };
        self.lock().latency = Some(Latency::Random { min, max });
        self
    }

    /// The next `n` requests get 429 with `Retry-After: retry_after_secs` and are not processed.
    pub fn next_rate_limited(&self, n: usize, retry_after_secs: u64) -> &Self {
        self.push(Fault::RateLimited { retry_after_secs }, n)
    }

    /// The next `n` requests get `status` (a 5xx; anything outside 500..=599 becomes 500)
    /// and are not processed.
    pub fn next_server_errors(&self, n: usize, status: u16) -> &Self {
        let status = if (500..=599).contains(&status) {
            status
        } else {
            500
        };
        self.push(Fault::ServerError { status }, n)
    }

    /// The next `n` requests get 200 with a body that is not valid JSON, and are not processed.
    pub fn next_malformed(&self, n: usize) -> &Self {
        self.push(Fault::Malformed, n)
    }

    /// The next `n` requests get `status` (any 4xx or 5xx; others become 502) with an
    /// HTML page instead of the provider's error body, and are not processed.
    pub fn next_html_errors(&self, n: usize, status: u16) -> &Self {
        let status = if (400..=599).contains(&status) {
            status
        } else {
            502
        };
        self.push(Fault::Html { status }, n)
    }

    /// The next `n` requests are processed normally (state changes happen) but their
    /// answer's body is cut in half, as if the connection dropped mid-response.
    pub fn next_truncated(&self, n: usize) -> &Self {
        self.push(Fault::Truncated, n)
    }

    /// Removes the latency and every queued fault.
    pub fn clear(&self) {
        let mut plan = self.lock();
        plan.latency = None;
        plan.queue.clear();
    }

    /// The requests received so far (the newest 10,000), oldest first.
    pub fn requests(&self) -> Vec<ReceivedRequest> {
        let log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        log.iter().cloned().collect()
    }

    pub(crate) fn record(&self, request: ReceivedRequest) {
        let mut log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        if log.len() == LOG_CAPACITY {
            log.pop_front();
        }
        log.push_back(request);
    }

    /// How many queued bad answers are still to come.
    pub fn pending(&self) -> usize {
        self.lock().queue.iter().map(|(_, n)| n).sum()
    }

    /// Takes the fault for the request being answered (if any) and its delay.
    pub(crate) fn take(&self) -> (Option<Fault>, Option<Duration>) {
        let mut plan = self.lock();
        let fault = match plan.queue.front_mut() {
            Some((fault, left)) => {
                let fault = *fault;
                *left -= 1;
                if *left == 0 {
                    plan.queue.pop_front();
                }
                Some(fault)
            }
            None => None,
        };
        let delay = plan.latency.map(|latency| match latency {
            Latency::Fixed(d) => d,
            Latency::Random { min, max } => {
                let span = max.saturating_sub(min).as_micros();
                let span = u64::try_from(span).unwrap_or(u64::MAX);
                min + Duration::from_micros(fastrand::u64(0..=span))
            }
        });
        (fault, delay)
    }

    fn push(&self, fault: Fault, n: usize) -> &Self {
        if n > 0 {
            self.lock().queue.push_back((fault, n));
        }
        self
    }

    fn lock(&self) -> MutexGuard<'_, Plan> {
        self.plan.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queued_faults_fire_in_injection_order_then_stop() {
        let faults = Faults::default();
        faults
            .next_rate_limited(2, 7)
            .next_server_errors(1, 503)
            .next_malformed(1);
        assert_eq!(faults.pending(), 4);
        let taken: Vec<_> = (0..5).map(|_| faults.take().0).collect();
        assert_eq!(
            taken,
            vec![
                Some(Fault::RateLimited {
                    retry_after_secs: 7
                }),
                Some(Fault::RateLimited {
                    retry_after_secs: 7
                }),
                Some(Fault::ServerError { status: 503 }),
                Some(Fault::Malformed),
                None,
            ]
        );
    }

    #[test]
    fn server_error_status_outside_5xx_becomes_500() {
        let faults = Faults::default();
        faults.next_server_errors(1, 404);
        assert_eq!(faults.take().0, Some(Fault::ServerError { status: 500 }));
    }

    #[test]
    fn latency_stays_until_cleared_and_random_latency_stays_in_range() {
        let faults = Faults::default();
        faults.latency(Duration::from_millis(5));
        assert_eq!(faults.take().1, Some(Duration::from_millis(5)));
        assert_eq!(faults.take().1, Some(Duration::from_millis(5)));
        faults.random_latency(Duration::from_millis(30), Duration::from_millis(10));
        for _ in 0..100 {
            let d = faults.take().1.unwrap();
            assert!(d >= Duration::from_millis(10) && d <= Duration::from_millis(30));
        }
        faults.next_truncated(3).clear();
        assert_eq!(faults.take(), (None, None));
        assert_eq!(faults.pending(), 0);
    }
}
