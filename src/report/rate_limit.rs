//! The rate-limit headers of an answer, read once for the report and for the support
//! panel's pauses: The Things Stack's `X-Rate-Limit-Available`, `-Reset` and `-Retry`
//! (whole seconds; `reference/tts/NOTES.md` §3), and a proxy's `Retry-After`.
//! `X-Rate-Limit-Limit` (the requests a period allows) is not read: nothing shows it.

/// What an answer's rate-limit headers say. A header that is absent, or not a whole
/// number of seconds, is `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// `X-Rate-Limit-Available`: how many are left.
    pub available: Option<u64>,
    /// `X-Rate-Limit-Reset`: seconds until all are available again.
    pub reset_seconds: Option<u64>,
    /// Seconds to wait before trying again: `X-Rate-Limit-Retry`, or `Retry-After` (its
    /// seconds form) when there is no `X-Rate-Limit-Retry`. The Things Stack sends
    /// `X-Rate-Limit-Retry: 0` on every answer once a limiter applies.
    pub retry_seconds: Option<u64>,
}

impl RateLimit {
    /// Reads `headers`, `(name, value)` pairs whose names match in any case; the first
    /// header of a name counts.
    pub fn read(headers: &[(&str, &str)]) -> RateLimit {
        let header = |name: &str| {
            headers
                .iter()
                .find(|(header, _)| header.eq_ignore_ascii_case(name))
                .map(|&(_, value)| value)
        };
        let number = |name: &str| header(name).and_then(|value| value.trim().parse().ok());
        RateLimit {
            available: number("x-rate-limit-available"),
            reset_seconds: number("x-rate-limit-reset"),
            retry_seconds: match header("x-rate-limit-retry") {
                Some(value) => value.trim().parse().ok(),
                None => number("retry-after"),
            },
        }
    }

    /// Seconds to wait before the next request: the retry time when there is one; else,
    /// when no request is left, the time to the reset (1 when that is missing too); else 0.
    pub fn wait_seconds(&self) -> u64 {
        match (self.retry_seconds, self.available) {
            (Some(retry), _) => retry,
            (None, Some(0)) => self.reset_seconds.unwrap_or(1),
            _ => 0,
        }
    }
}
