//! Fault answers for the demo fault keys: what a broken server or proxy might send.
//!
//! None of these is TTS behavior from `reference/tts/NOTES.md`; they exist so the widget's
//! failure paths can be tried by key. The slow answer and the connection reset are made in
//! `auth.rs`, since one needs the request's time and the other its connection.

use std::sync::OnceLock;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::access::api_key_access;
use crate::errors::{self, json_response, TtsError};
use crate::keys::StoredKey;

/// The size of the `fault-huge-body` answer: 10 MiB.
pub(crate) const HUGE_BODY_BYTES: usize = 10 * 1024 * 1024;

/// The page an nginx-based load balancer sends when the upstream fails.
const BAD_GATEWAY_HTML: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n";

/// 500 with the error TTS sends when a gRPC handler panics.
pub(crate) fn internal_error() -> Response {
    TtsError::new(&errors::RPC_RECOVERED).gateway_response()
}

/// 502 with an HTML page.
pub(crate) fn bad_gateway() -> Response {
    let mut res = (StatusCode::BAD_GATEWAY, BAD_GATEWAY_HTML).into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
    res
}

/// Where the `fault-redirect` answer points: another loopback port, where nothing
/// listens (port 9, discard), so a client that followed it would fail visibly.
pub(crate) const REDIRECT_TARGET: &str = "http://127.0.0.1:9/api/v3/auth_info";

/// 307 to another server, as a load balancer forwarding to another cluster might send.
pub(crate) fn redirect() -> Response {
    let mut res = StatusCode::TEMPORARY_REDIRECT.into_response();
    res.headers_mut()
        .insert(header::LOCATION, HeaderValue::from_static(REDIRECT_TARGET));
    res
}

/// 200 with the key's `auth_info` JSON cut off at half its length.
pub(crate) fn malformed_json(stored: &StoredKey) -> Response {
    let mut body = api_key_access(stored).compact();
    // Invariant: the JSON is ASCII, so every index is a char boundary.
    body.truncate(body.len() / 2);
    json_response(StatusCode::OK, body)
}

/// 200 with a valid JSON object of exactly [`HUGE_BODY_BYTES`] bytes.
pub(crate) fn huge_body() -> Response {
    static BODY: OnceLock<Bytes> = OnceLock::new();
    let body = BODY.get_or_init(|| {
        let (head, tail) = (b"{\"padding\":\"".as_slice(), b"\"}".as_slice());
        let mut body = Vec::with_capacity(HUGE_BODY_BYTES);
        body.extend_from_slice(head);
        body.resize(HUGE_BODY_BYTES - tail.len(), b'x');
        body.extend_from_slice(tail);
        Bytes::from(body)
    });
    let mut res = Response::new(Body::from(body.clone()));
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}
