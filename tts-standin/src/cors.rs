//! CORS exactly as gorilla/handlers v1.5.2 `cors.go` answers with the configuration that
//! `pkg/web/web.go` hard-codes for `/api/` (`reference/tts/NOTES.md` §4).
//!
//! That configuration: allowed headers `Authorization`, `Content-Type`, `X-CSRF-Token` (added to
//! gorilla's defaults `Accept`, `Accept-Language`, `Content-Language`, `Origin`), methods
//! `GET POST PUT PATCH DELETE`, origins `*`, nine exposed headers, max age 600, and no
//! credentials. gorilla only acts on requests with a non-empty `Origin` header.

use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

/// `defaultCorsHeaders`: always allowed, and never echoed in `Access-Control-Allow-Headers`.
const DEFAULT_HEADERS: &[&str] = &["Accept", "Accept-Language", "Content-Language", "Origin"];

/// The defaults plus TTS's `AllowedHeaders`, canonicalized as `combineAllowedHeaders` does.
const ALLOWED_HEADERS: &[&str] = &[
    "Accept",
    "Accept-Language",
    "Content-Language",
    "Origin",
    "Authorization",
    "Content-Type",
    "X-Csrf-Token",
];

/// TTS's `AllowedMethods` (replacing gorilla's defaults).
const ALLOWED_METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];

/// `defaultCorsMethods`: preflights for these get no `Access-Control-Allow-Methods`.
const SIMPLE_METHODS: &[&str] = &["GET", "HEAD", "POST"];

/// TTS's `ExposedHeaders`, joined with commas as gorilla writes them.
pub(crate) const EXPOSED_HEADERS: &str = "Date,Content-Length,X-Rate-Limit-Limit,X-Rate-Limit-Available,X-Rate-Limit-Reset,X-Rate-Limit-Retry,X-Request-Id,X-Total-Count,X-Warning";

/// What gorilla's `ServeHTTP` does with a request.
#[derive(Debug)]
pub(crate) enum Cors {
    /// No `Origin`: other methods pass through untouched, and `OPTIONS` gets an empty 200.
    NoOrigin,
    /// A preflight, answered here without calling the inner handler.
    Preflight(Response),
    /// An actual cross-origin request: the inner response gets [`add_actual_headers`].
    Actual,
}

/// Classifies a request the way gorilla's `ServeHTTP` branches.
pub(crate) fn classify(method: &Method, headers: &HeaderMap) -> Cors {
    let origin = first(headers, header::ORIGIN.as_str()).unwrap_or_default();
    if origin.is_empty() {
        return Cors::NoOrigin;
    }
    if method != Method::OPTIONS {
        return Cors::Actual;
    }
    Cors::Preflight(preflight(headers))
}

/// The preflight branch of `ServeHTTP`.
fn preflight(headers: &HeaderMap) -> Response {
    // gorilla checks the map entry, so an empty value still counts as present.
    let Some(method) = first(headers, "access-control-request-method") else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    // Invariant: the comparison is exact, as Go's isMatch; `get` is not `GET`.
    if !ALLOWED_METHODS.contains(&method.as_str()) {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let requested = first(headers, "access-control-request-headers").unwrap_or_default();
    let mut allowed = Vec::new();
    for name in requested.split(',') {
        let canonical = canonical_header_key(name.trim());
        if canonical.is_empty() || DEFAULT_HEADERS.contains(&canonical.as_str()) {
            continue;
        }
        if !ALLOWED_HEADERS.contains(&canonical.as_str()) {
            // The 403 carries no CORS headers, so the browser blocks the real request.
            return StatusCode::FORBIDDEN.into_response();
        }
        allowed.push(canonical);
    }
    let mut res = StatusCode::OK.into_response();
    let out = res.headers_mut();
    if !allowed.is_empty() {
        insert(out, "access-control-allow-headers", &allowed.join(","));
    }
    insert(out, "access-control-max-age", "600");
    if !SIMPLE_METHODS.contains(&method.as_str()) {
        insert(out, "access-control-allow-methods", &method);
    }
    insert(out, "access-control-allow-origin", "*");
    res
}

/// The headers gorilla sets on an actual request before calling the inner handler.
pub(crate) fn add_actual_headers(out: &mut HeaderMap) {
    insert(out, "access-control-expose-headers", EXPOSED_HEADERS);
    insert(out, "access-control-allow-origin", "*");
}

/// `r.Header.Get(name)`: the first value, bytes taken as they are.
fn first(headers: &HeaderMap, name: &str) -> Option<String> {
    let value = headers.get(name)?;
    Some(String::from_utf8_lossy(value.as_bytes()).into_owned())
}

fn insert(out: &mut HeaderMap, name: &'static str, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        out.insert(name, value);
    }
}

/// Go's `http.CanonicalHeaderKey`: `x-csrf-token` becomes `X-Csrf-Token`; a name with a
/// byte outside the RFC 7230 token set comes back unchanged.
pub(crate) fn canonical_header_key(name: &str) -> String {
    let is_token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    if !name.bytes().all(is_token) {
        return name.to_owned();
    }
    let mut upper = true;
    name.chars()
        .map(|c| {
            let out = if upper {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            };
            upper = c == '-';
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::canonical_header_key;

    #[track_caller]
    fn check(name: &str, canonical: &str) {
        assert_eq!(canonical_header_key(name), canonical);
    }

    #[test]
    fn canonicalizes_like_go() {
        check("authorization", "Authorization");
        check("x-csrf-token", "X-Csrf-Token");
        check("X-CSRF-TOKEN", "X-Csrf-Token");
        check("content-TYPE", "Content-Type");
        check("x--y", "X--Y");
        check("-a", "-A");
        check("a b", "a b");
        check("ümlaut", "ümlaut");
        check("", "");
    }
}
