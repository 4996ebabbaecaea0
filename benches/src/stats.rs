//! Small statistics helpers for the benchmarks.

use std::time::Duration;

/// The median of `samples` (sorted in place).
pub(crate) fn median(samples: &mut [Duration]) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    samples.sort_unstable();
    samples[samples.len() / 2]
}

/// Milliseconds with three decimals.
pub(crate) fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

/// `a / b` as a ratio.
pub(crate) fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(f64::MIN_POSITIVE)
}

/// A verdict line against a target.
pub(crate) fn verdict(met: bool) -> &'static str {
    if met { "target met" } else { "TARGET NOT MET" }
}
