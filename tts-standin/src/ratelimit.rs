//! Rate limiting as TTS does it: throttled's GCRA limiter behind `pkg/ratelimit`
//! (`reference/tts/NOTES.md` §3).
//!
//! A profile of `n` per minute becomes `throttled.RateQuota{PerMin(n), MaxBurst: n - 1}`:
//! one request every `60 s / n` on average and bursts of up to `n`. The result travels as
//! `X-Rate-Limit-Limit`, `-Available`, `-Reset` and `-Retry` (whole seconds, truncated like
//! Go's `Duration / time.Second`), on successes and on the 429 alike.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use axum::http::{HeaderMap, HeaderValue};

/// The `ratelimit.Result` of one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Verdict {
    /// Whether the request is over the limit.
    pub(crate) limited: bool,
    limit: u32,
    remaining: i128,
    reset_after_nanos: i128,
    retry_after_nanos: i128,
}

impl Verdict {
    /// The limit, for the `rate` attribute of the 429.
    pub(crate) fn limit(&self) -> u32 {
        self.limit
    }

    /// Adds the four headers (`Result.GRPCHeaders`, forwarded by the gateway).
    pub(crate) fn add_headers(&self, out: &mut HeaderMap) {
        let seconds = |nanos: i128| nanos / 1_000_000_000;
        let pairs = [
            ("x-rate-limit-limit", i128::from(self.limit)),
            ("x-rate-limit-available", self.remaining),
            ("x-rate-limit-reset", seconds(self.reset_after_nanos)),
            ("x-rate-limit-retry", seconds(self.retry_after_nanos)),
        ];
        for (name, value) in pairs {
            if let Ok(value) = HeaderValue::from_str(&value.to_string()) {
                out.insert(name, value);
            }
        }
    }
}

/// A GCRA limiter keyed by resource, with theoretical arrival times kept in memory.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    per_minute: u32,
    origin: Instant,
    arrivals: Mutex<HashMap<String, i128>>,
}

impl RateLimiter {
    /// A limiter allowing `per_minute` requests a minute per resource key (at least 1).
    pub(crate) fn new(per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_minute: per_minute.max(1),
            origin: Instant::now(),
            arrivals: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request for `key` now.
    pub(crate) fn take(&self, key: &str) -> Verdict {
        let now = self.origin.elapsed().as_nanos() as i128;
        self.take_at(key, now)
    }

    /// `GCRARateLimiterCtx.RateLimitCtx` with quantity 1, at `now` nanoseconds.
    fn take_at(&self, key: &str, now: i128) -> Verdict {
        let per_minute = i128::from(self.per_minute);
        let emission_interval = 60_000_000_000 / per_minute;
        // throttled: delayVariationTolerance = period * (MaxBurst + 1).
        let tolerance = emission_interval * per_minute;
        let mut arrivals = match self.arrivals.lock() {
            Ok(arrivals) => arrivals,
            Err(poisoned) => poisoned.into_inner(),
        };
        let tat = arrivals.get(key).copied().unwrap_or(now);
        let new_tat = tat.max(now) + emission_interval;
        let allow_at = new_tat - tolerance;
        let (limited, ttl, retry_after) = if now < allow_at {
            (true, tat - now, allow_at - now)
        } else {
            arrivals.insert(key.to_owned(), new_tat);
            // throttled reports -1 ns when allowed; Go's integer division makes that 0 s.
            (false, new_tat - now, -1)
        };
        let next = tolerance - ttl;
        let remaining = if next > -emission_interval {
            next / emission_interval
        } else {
            0
        };
        Verdict {
            limited,
            limit: self.per_minute,
            remaining,
            reset_after_nanos: ttl,
            retry_after_nanos: retry_after,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RateLimiter;

    const SECOND: i128 = 1_000_000_000;

    #[track_caller]
    fn check(limiter: &RateLimiter, at: i128, expected: (bool, i128, i128, i128)) {
        let verdict = limiter.take_at("k", at);
        let seconds = |nanos: i128| nanos / SECOND;
        let got = (
            verdict.limited,
            verdict.remaining,
            seconds(verdict.reset_after_nanos),
            seconds(verdict.retry_after_nanos),
        );
        assert_eq!(got, expected, "at {at}");
    }

    #[test]
    fn three_per_minute() {
        let limiter = RateLimiter::new(3);
        check(&limiter, 0, (false, 2, 20, 0));
        check(&limiter, 1, (false, 1, 39, 0));
        check(&limiter, 2, (false, 0, 59, 0));
        check(&limiter, 3, (true, 0, 59, 19));
        check(&limiter, 20 * SECOND, (false, 0, 60, 0));
        check(&limiter, 21 * SECOND, (true, 0, 59, 19));
        check(&limiter, 200 * SECOND, (false, 2, 20, 0));
    }
}
