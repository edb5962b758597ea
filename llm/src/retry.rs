//! When and how long to wait before trying a call again.
//!
//! Only answers that say "later" are retried: 429 (unless it is a quota/credit refusal,
//! which waiting does not fix), 408 and 5xx. Every other 4xx is final, and so is a timeout
//! (the user already waited the full timeout once). Waits grow exponentially, honour the
//! provider's `retry-after`, and are bounded both per attempt count and in total, so a
//! stuck provider cannot keep the UI spinning.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Bounds on retrying one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RetryPolicy {
    /// Attempts in total, including the first (1 = never retry).
    pub max_attempts: u32,
    /// Wait before the first retry when the provider gives no `retry-after`; doubles after.
    pub base_delay: Duration,
    /// Cap on one computed wait.
    pub max_delay: Duration,
    /// Cap on all waits of one call together. A `retry-after` beyond what is left ends the
    /// retries at once with `RateLimited { retry_after }`, so the UI can say how long.
    pub max_total_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            base_delay: Duration::from_millis(1000),
            max_delay: Duration::from_secs(20),
            max_total_wait: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    pub fn never() -> Self {
        Self { max_attempts: 1, ..Self::default() }
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1), or `None` to stop.
    /// `waited` is the total already slept for this call.
    pub(crate) fn next_delay(&self, attempt: u32, retry_after: Option<Duration>, waited: Duration) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let exponential = self
            .base_delay
            .checked_mul(2u32.saturating_pow(attempt.saturating_sub(1)))
            .unwrap_or(self.max_delay)
            .min(self.max_delay);
        // A provider's retry-after is a floor, never shortened to our schedule.
        let delay = retry_after.map_or(exponential, |r| r.max(Duration::from_millis(1)));
        let left = self.max_total_wait.checked_sub(waited)?;
        (delay <= left).then_some(delay)
    }
}

/// Reads a `retry-after` value: delay-seconds (`"7"`, also `"1.5"`, which some providers
/// send) or an HTTP date. A date in the past means "now". Anything else is ignored.
pub fn parse_retry_after(value: &str, now_unix_ms: u64) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(86_400.0)));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    let when_ms = when.duration_since(std::time::UNIX_EPOCH).ok()?.as_millis() as u64;
    Some(Duration::from_millis(when_ms.saturating_sub(now_unix_ms).min(86_400_000)))
}

/// Whether a status may succeed if tried again.
pub(crate) fn retryable_status(status: u16) -> bool {
    status == 429 || status == 408 || (500..=599).contains(&status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        assert_eq!(parse_retry_after("7", 0), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after(" 1.5 ", 0), Some(Duration::from_millis(1500)));
        assert_eq!(parse_retry_after("-3", 0), None);
        assert_eq!(parse_retry_after("soon", 0), None);
        // Sun, 06 Nov 1994 08:49:37 GMT = 784111777 s.
        let date = "Sun, 06 Nov 1994 08:49:37 GMT";
        assert_eq!(parse_retry_after(date, 784_111_775_000), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after(date, 784_111_999_000), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("99999999999", 0), Some(Duration::from_secs(86_400)));
    }

    #[test]
    fn backoff_doubles_caps_and_stops() {
        let p = RetryPolicy {
            max_attempts: 5,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(300),
            max_total_wait: Duration::from_millis(1000),
        };
        assert_eq!(p.next_delay(1, None, Duration::ZERO), Some(Duration::from_millis(100)));
        assert_eq!(p.next_delay(2, None, Duration::ZERO), Some(Duration::from_millis(200)));
        assert_eq!(p.next_delay(3, None, Duration::ZERO), Some(Duration::from_millis(300)));
        assert_eq!(p.next_delay(5, None, Duration::ZERO), None, "attempts exhausted");
        assert_eq!(p.next_delay(1, Some(Duration::from_millis(700)), Duration::ZERO), Some(Duration::from_millis(700)));
        assert_eq!(p.next_delay(1, Some(Duration::from_millis(700)), Duration::from_millis(400)), None, "total wait exceeded");
        assert_eq!(p.next_delay(1, None, Duration::from_secs(5)), None);
        assert_eq!(p.next_delay(40, None, Duration::ZERO), None);
        let huge = RetryPolicy { max_attempts: 100, ..p };
        assert_eq!(huge.next_delay(64, None, Duration::ZERO), Some(Duration::from_millis(300)), "no overflow");
        assert!(retryable_status(429) && retryable_status(503) && retryable_status(408));
        assert!(!retryable_status(400) && !retryable_status(401) && !retryable_status(404));
    }
}
