//! The CSRF layer that TTS runs before CORS on its API routes.
//!
//! `pkg/webmiddleware/csrf.go` skips gorilla/csrf (v1.7.2) entirely when the first
//! `Authorization` value is `Bearer ` and an API key or OAuth access token. Every other
//! request, preflights included, goes through it: without a `_csrf` cookie, gorilla mints
//! a token and sets the cookie (`Path=/`, 12 hours, `HttpOnly`, `SameSite=Strict`, and not
//! `Secure` over plain HTTP); safe methods then get `Vary: Cookie`; unsafe methods fail the
//! token check and reach TTS's error handler, which lets them through unless they carry a
//! well-formed bearer token, and answers `invalid_csrf_token` otherwise.
//!
//! Browsers ignore `Set-Cookie` on cross-origin fetches without credentials, so none of this
//! changes what the widget sees; it is here so the headers match. The cookie value has the
//! shape of a securecookie (`base64url(timestamp|value|mac)`) but no valid MAC, and any
//! `_csrf` cookie a client sends back is taken as valid.

use axum::http::{header, HeaderMap, HeaderValue, Method};

use crate::{dates, ids};

/// gorilla/csrf `safeMethods`.
const SAFE_METHODS: &[&str] = &["GET", "HEAD", "OPTIONS", "TRACE"];

/// The cookie lifetime, gorilla's default `MaxAge` of 12 hours.
const MAX_AGE_SECONDS: i64 = 12 * 3600;

/// What the CSRF layer does with a request.
#[derive(Debug)]
pub(crate) struct Csrf {
    set_cookie: Option<HeaderValue>,
    vary: bool,
    reject: bool,
}

impl Csrf {
    /// Whether the layer answers 403 `invalid_csrf_token` itself.
    pub(crate) fn rejects(&self) -> bool {
        self.reject
    }

    /// Adds the headers the layer sets before calling the inner handler.
    pub(crate) fn add_headers(self, out: &mut HeaderMap) {
        if let Some(cookie) = self.set_cookie {
            out.append(header::SET_COOKIE, cookie);
        }
        if self.vary {
            out.append(header::VARY, HeaderValue::from_static("Cookie"));
        }
    }
}

/// Runs the layer's decisions for a request.
pub(crate) fn evaluate(method: &Method, headers: &HeaderMap) -> Csrf {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
        .unwrap_or_default();
    let bearer = authorization.strip_prefix("Bearer ").map(token_prefix);
    if let Some(Some("NNSXS" | "MFRWG")) = bearer {
        return Csrf {
            set_cookie: None,
            vary: false,
            reject: false,
        };
    }
    let set_cookie = (!has_csrf_cookie(headers)).then(new_cookie).flatten();
    if SAFE_METHODS.contains(&method.as_str()) {
        return Csrf {
            set_cookie,
            vary: true,
            reject: false,
        };
    }
    // The token check fails; TTS's error handler passes the request on unless it is a
    // well-formed bearer token (a session, refresh token or authorization code here).
    Csrf {
        set_cookie,
        vary: false,
        reject: matches!(bearer, Some(Some(_))),
    }
}

/// The prefix of a structurally valid token (`auth.SplitToken`), or `None`.
fn token_prefix(token: &str) -> Option<&str> {
    let parts: Vec<&str> = token.split('.').collect();
    match parts[..] {
        [prefix @ ("NNSXS" | "MFRWG" | "OJSWM" | "MF2XI" | "ONZW4"), _, _] => Some(prefix),
        _ => None,
    }
}

/// Whether the request sends a non-empty `_csrf` cookie.
fn has_csrf_cookie(headers: &HeaderMap) -> bool {
    headers.get_all(header::COOKIE).iter().any(|value| {
        String::from_utf8_lossy(value.as_bytes())
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .any(|(name, value)| name == "_csrf" && !value.is_empty())
    })
}

/// A fresh `Set-Cookie` value as `http.SetCookie` writes gorilla's cookie.
fn new_cookie() -> Option<HeaderValue> {
    let now = dates::now_unix();
    let token = format!("\"{}\"", base64(&ids::random_bytes(32), STANDARD));
    let mut signed = format!("{now}|{}|", base64(token.as_bytes(), URL_SAFE)).into_bytes();
    signed.extend_from_slice(&ids::random_bytes(32));
    let cookie = format!(
        "_csrf={}; Path=/; Expires={}; Max-Age={MAX_AGE_SECONDS}; HttpOnly; SameSite=Strict",
        base64(&signed, URL_SAFE),
        dates::http_date(now + MAX_AGE_SECONDS),
    );
    HeaderValue::from_str(&cookie).ok()
}

const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Padded base64 with the given alphabet, as Go's `base64.StdEncoding` and `URLEncoding`.
fn base64(bytes: &[u8], alphabet: &[u8; 64]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(alphabet[((n >> (18 - 6 * i)) & 0x3f) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, HeaderValue, Method};

    use super::{base64, evaluate, STANDARD, URL_SAFE};

    #[test]
    fn base64_like_go() {
        assert_eq!(base64(b"", STANDARD), "");
        assert_eq!(base64(b"f", STANDARD), "Zg==");
        assert_eq!(base64(b"fo", STANDARD), "Zm8=");
        assert_eq!(base64(b"foo", STANDARD), "Zm9v");
        assert_eq!(base64(&[0xfb, 0xff], STANDARD), "+/8=");
        assert_eq!(base64(&[0xfb, 0xff], URL_SAFE), "-_8=");
    }

    /// `(sets a cookie, adds Vary, rejects)` for a request.
    #[track_caller]
    fn check(method: Method, headers: &[(&'static str, &str)], expected: (bool, bool, bool)) {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        let csrf = evaluate(&method, &map);
        assert_eq!(
            (csrf.set_cookie.is_some(), csrf.vary, csrf.reject),
            expected
        );
    }

    #[rustfmt::skip]
    #[test]
    fn decides_like_tts() {
        check(Method::GET, &[("authorization", "Bearer NNSXS.A.B")], (false, false, false));
        check(Method::POST, &[("authorization", "Bearer MFRWG.A.B")], (false, false, false));
        check(Method::GET, &[], (true, true, false));
        check(Method::OPTIONS, &[], (true, true, false));
        check(Method::GET, &[("cookie", "a=b; _csrf=xyz")], (false, true, false));
        check(Method::GET, &[("authorization", "bearer NNSXS.A.B")], (true, true, false));
        check(Method::GET, &[("authorization", "Bearer FOO")], (true, true, false));
        check(Method::GET, &[("authorization", "Basic x"), ("authorization", "Bearer NNSXS.A.B")], (true, true, false));
        check(Method::POST, &[], (true, false, false));
        check(Method::POST, &[("authorization", "Bearer FOO")], (true, false, false));
        check(Method::POST, &[("authorization", "Bearer ONZW4.A.B")], (true, false, true));
        check(Method::DELETE, &[("authorization", "Bearer OJSWM.A.B")], (true, false, true));
    }
}
