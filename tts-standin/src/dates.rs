//! Dates: RFC 3339 timestamps in (the demo keys' expiry), HTTP dates (RFC 9110
//! IMF-fixdate, written by the `httpdate` crate) out, all in UTC.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch of an RFC 3339 UTC time `YYYY-MM-DDTHH:MM:SS[.frac]Z`.
pub(crate) fn unix_seconds(text: &str) -> Option<i64> {
    let number = |range: std::ops::Range<usize>| -> Option<i64> { text.get(range)?.parse().ok() };
    let bytes = text.as_bytes();
    if bytes.len() < 20 || bytes[4] != b'-' || bytes[10] != b'T' || !text.ends_with('Z') {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// The current time in seconds since the Unix epoch.
pub(crate) fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs() as i64)
        .unwrap_or(0)
}

/// The HTTP date of `unix` seconds, as Go's `http.TimeFormat`: `Mon, 02 Jan 2006 15:04:05 GMT`;
/// a time before 1970 is written as the epoch.
pub(crate) fn http_date(unix: i64) -> String {
    let since_epoch = Duration::from_secs(u64::try_from(unix).unwrap_or(0));
    httpdate::fmt_http_date(UNIX_EPOCH + since_epoch)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::{http_date, unix_seconds};

    #[track_caller]
    fn check(text: &str, seconds: Option<i64>, date: &str) {
        assert_eq!(unix_seconds(text), seconds);
        if let Some(seconds) = seconds {
            assert_eq!(http_date(seconds), date);
        }
    }

    #[test]
    fn converts_both_ways() {
        check(
            "1970-01-01T00:00:00Z",
            Some(0),
            "Thu, 01 Jan 1970 00:00:00 GMT",
        );
        check(
            "2024-01-01T00:00:00Z",
            Some(1_704_067_200),
            "Mon, 01 Jan 2024 00:00:00 GMT",
        );
        check(
            "2024-02-29T23:59:59Z",
            Some(1_709_251_199),
            "Thu, 29 Feb 2024 23:59:59 GMT",
        );
        check(
            "2099-12-31T00:00:00Z",
            Some(4_102_358_400),
            "Thu, 31 Dec 2099 00:00:00 GMT",
        );
        check(
            "2023-11-22T15:50:02.883333Z",
            Some(1_700_668_202),
            "Wed, 22 Nov 2023 15:50:02 GMT",
        );
        check("2024-01-01", None, "");
        assert_eq!(http_date(-1), "Thu, 01 Jan 1970 00:00:00 GMT");
    }
}
