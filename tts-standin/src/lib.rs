//! A loopback stand-in for The Things Stack's `GET /api/v3/auth_info`.
//!
//! It answers like TTS v3.32 as described in `reference/tts/NOTES.md`: the
//! `Authorization` parsing of `rpcmetadata` and `pkg/auth` (§1), the `AuthInfoResponse` JSON
//! with expanded rights (§2, §5), TTS error bodies, statuses and headers (§3), and the CSRF
//! and CORS layers in front of it (§4). A table of demo keys ([`DEMO_KEYS`]) covers the valid,
//! invalid and rate-limited cases, and fault keys make it fail in the ways a widget must
//! survive: too slow, 500, 502 with HTML, broken JSON, a 10 MiB body, a reset connection.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! println!("listening on http://{}", listener.local_addr()?);
//! tts_standin::serve(listener, tts_standin::Config::default()).await
//! # }
//! ```
//!
//! # Scope of this crate
//!
//! Only `auth_info` is served, for API keys; OAuth and session tokens are never found, and
//! other `/api/v3/` paths are 404. The stand-in is for tests and offline demos on
//! 127.0.0.1; [`serve`] refuses any other address. Its keys are public and grant nothing.
//! It owns `GET /demo/keys` (the table as JSON) and `GET /` (a short help text).
//!
//! # Request pipeline
//!
//! The layers mirror `pkg/web/web.go`: every `/api/` response gets the root middleware's
//! `X-Request-Id`, security and no-cache headers; `/api/v3/` goes through TTS's CSRF layer,
//! gorilla's CORS and then the gRPC gateway's routing; other `/api/` paths get
//! `route_not_found` without either layer, as gorilla/mux runs no middleware for its
//! NotFound handler.

#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]

mod access;
mod auth;
mod conn;
mod cors;
mod csrf;
mod dates;
mod errors;
mod faults;
mod ids;
mod json;
mod keys;
mod ratelimit;
mod rights;

use std::io;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tokio::net::TcpListener;

pub use keys::{keys_markdown, DemoKey, DEMO_KEYS};

use conn::{ConnAddr, StandinListener};
use cors::Cors;
use errors::{Attribute, TtsError};
use json::Json;
use ratelimit::RateLimiter;

/// Options of the stand-in.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Config {
    /// How long `fault-slow` waits before it answers (default 15 s).
    pub slow_delay: Duration,
    /// How many requests a minute `rate-limited` may make (default 3).
    pub rate_limit_per_minute: u32,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            slow_delay: Duration::from_secs(15),
            rate_limit_per_minute: 3,
        }
    }
}

/// The state every request sees.
#[derive(Debug)]
struct App {
    config: Config,
    limiter: RateLimiter,
}

/// Serves the stand-in on `listener` until the future is dropped.
///
/// Fails at once with `InvalidInput` unless the listener is bound to a loopback address.
pub async fn serve(listener: TcpListener, config: Config) -> io::Result<()> {
    if !listener.local_addr()?.ip().is_loopback() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the stand-in only listens on loopback addresses",
        ));
    }
    let app = App {
        limiter: RateLimiter::new(config.rate_limit_per_minute),
        config,
    };
    let router = Router::new().fallback(handle).with_state(Arc::new(app));
    let service = router.into_make_service_with_connect_info::<ConnAddr>();
    axum::serve(StandinListener(listener), service).await
}

/// The security headers (`SecurityHeaders`) and no-cache headers (`NoCache`) of the root router.
const ROOT_HEADERS: &[(&str, &str)] = &[
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "SAMEORIGIN"),
    ("x-xss-protection", "1; mode=block"),
    ("cache-control", "no-store"),
    ("pragma", "no-cache"),
];

/// Dispatches every request.
async fn handle(
    State(app): State<Arc<App>>,
    ConnectInfo(conn): ConnectInfo<ConnAddr>,
    req: Request,
) -> Response {
    let path = req.uri().path().to_owned();
    match path.as_str() {
        "/demo/keys" => return demo_keys(req.method(), &app.config),
        "/" => return index(),
        _ if !path.starts_with("/api/") => {
            return text(StatusCode::NOT_FOUND, "404 page not found\n")
        }
        _ => {}
    }
    // The root middleware sets these before the inner handlers, which may override them.
    let request_id = req
        .headers()
        .get("x-request-id")
        .filter(|value| !value.is_empty())
        .cloned()
        .or_else(|| HeaderValue::from_str(&ids::request_id()).ok());
    let mut res = api(&app, &conn, req.method(), req.headers(), &path).await;
    let out = res.headers_mut();
    if let Some(request_id) = request_id {
        out.entry("x-request-id").or_insert(request_id);
    }
    for (name, value) in ROOT_HEADERS {
        out.entry(*name).or_insert(HeaderValue::from_static(value));
    }
    res
}

/// Everything under `/api/`.
async fn api(
    app: &App,
    conn: &ConnAddr,
    method: &Method,
    headers: &HeaderMap,
    path: &str,
) -> Response {
    if !path.starts_with("/api/v3/") {
        return TtsError::new(&errors::ROUTE_NOT_FOUND)
            .with("route", Attribute::Str(percent_decode(path)))
            .webhandler_response();
    }
    // The API router's middleware, outermost first: CSRF, then CORS, then the gateway.
    let csrf = csrf::evaluate(method, headers);
    let mut res = if csrf.rejects() {
        TtsError::new(&errors::INVALID_CSRF_TOKEN).webhandler_response()
    } else {
        match cors::classify(method, headers) {
            Cors::Preflight(res) => res,
            // gorilla returns without writing for an OPTIONS without Origin: Go sends an empty 200.
            Cors::NoOrigin if method == Method::OPTIONS => StatusCode::OK.into_response(),
            Cors::NoOrigin => gateway(app, conn, method, headers, path).await,
            Cors::Actual => {
                let mut res = gateway(app, conn, method, headers, path).await;
                cors::add_actual_headers(res.headers_mut());
                res
            }
        }
    };
    csrf.add_headers(res.headers_mut());
    res
}

/// The gRPC gateway's routing: one route, 501 for other methods on it, 404 elsewhere.
async fn gateway(
    app: &App,
    conn: &ConnAddr,
    method: &Method,
    headers: &HeaderMap,
    path: &str,
) -> Response {
    if path != "/api/v3/auth_info" {
        return errors::plain_status(5, "Not Found");
    }
    if method != Method::GET {
        // grpc-gateway reports 405 routing errors as Unimplemented, which maps to 501.
        return errors::plain_status(12, "Method Not Allowed");
    }
    auth::auth_info(app, conn, headers).await
}

/// `GET /demo/keys`: the table as JSON, readable from any origin.
fn demo_keys(method: &Method, config: &Config) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut res = text(StatusCode::METHOD_NOT_ALLOWED, "405 method not allowed\n");
        res.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return res;
    }
    let keys = DEMO_KEYS
        .iter()
        .map(|demo| {
            let error = match demo.error {
                "" => Json::Null,
                error => Json::str(error),
            };
            Json::Obj(vec![
                ("name", Json::str(demo.name)),
                ("key", Json::str(demo.key)),
                ("status", Json::Int(i64::from(demo.status))),
                ("error", error),
                ("expect", Json::str(demo.expect)),
            ])
        })
        .collect();
    let body = Json::Obj(vec![
        ("keys", Json::Arr(keys)),
        (
            "rate_limit_per_minute",
            Json::Int(i64::from(config.rate_limit_per_minute)),
        ),
        (
            "slow_delay_ms",
            Json::Int(config.slow_delay.as_millis().try_into().unwrap_or(i64::MAX)),
        ),
    ]);
    let mut res = errors::json_response(StatusCode::OK, body.indented());
    let out = res.headers_mut();
    out.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// `GET /`: what this server is.
fn index() -> Response {
    text(
        StatusCode::OK,
        "tts-standin: a local stand-in for The Things Stack's HTTP API.\n\
         GET /api/v3/auth_info  with `Authorization: Bearer <key>`\n\
         GET /demo/keys         the demo keys and what each one does\n",
    )
}

/// The decoded path, as Go's `r.URL.Path` holds it.
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|hex| hex.iter().all(u8::is_ascii_hexdigit))
            .and_then(|hex| std::str::from_utf8(hex).ok());
        match hex.and_then(|hex| u8::from_str_radix(hex, 16).ok()) {
            Some(byte) if bytes[i] == b'%' => {
                out.push(byte);
                i += 3;
            }
            _ => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn text(status: StatusCode, body: &'static str) -> Response {
    let mut res = (status, body).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    res
}
