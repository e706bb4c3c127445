//! The live request: `GET {base}/api/v3/auth_info` with only `Authorization: Bearer …`
//! and `Accept: application/json`, bounded by a timeout and cancellable.
//!
//! Invariant: the answer always comes from the server the user chose. Redirects are not
//! followed (`redirect: "manual"`): a redirect is reported as `redirected`, so a cluster
//! that forwards to another host never has that host's answer reported as its own, and
//! the key is never sent on to it.
//!
//! Invariant: the whole key leaves this module only in the `Authorization` header of
//! this one request. No other header is set (anything else fails the CORS preflight of
//! The Things Stack), credentials are omitted (its CORS answer is `*`, which browsers
//! refuse with credentials), the referrer is not sent, and nothing is cached. The
//! request is never `Debug`-formatted: gloo-net prints headers there.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::{Method, RequestBuilder};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    AbortController, AbortSignal, ReferrerPolicy, RequestCache, RequestCredentials,
    RequestRedirect, ResponseType,
};

use super::WebError;
use crate::report::{self, Expectations, Report, Response};
use crate::ApiKey;

/// Answers larger than this are not The Things Stack's `auth_info` (a few KB at most).
const MAX_BODY_BYTES: usize = 1 << 20;

/// The request to make.
pub(crate) struct LiveRequest<'a> {
    /// `{base}/api/v3/auth_info` on the cluster the user chose.
    pub(crate) url: &'a str,
    pub(crate) key: &'a ApiKey,
    pub(crate) timeout_ms: u32,
    /// The caller's cancel signal, if any.
    pub(crate) signal: Option<AbortSignal>,
}

/// What came back, when anything did.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: String,
}

/// What the user entered, for the report's cross-checks.
pub(crate) struct Expected<'a> {
    pub(crate) organization_id: Option<&'a str>,
    pub(crate) key_id: Option<&'a str>,
    pub(crate) required_rights: &'a [String],
}

/// The report on an answer, and the answer's headers (for rate-limit pacing).
pub(crate) struct LiveAnswer {
    pub(crate) report: Report,
    // Read by the support panel's pacing, which the form-only build leaves out.
    #[cfg_attr(not(feature = "support"), allow(dead_code))]
    pub(crate) headers: Vec<(String, String)>,
}

/// Makes the request and turns the answer into a report; fails only when no HTTP
/// answer could be read.
pub(crate) async fn live_report(
    request: LiveRequest<'_>,
    expected: &Expected<'_>,
) -> Result<LiveAnswer, WebError> {
    let raw = fetch_auth_info(request).await?;
    let headers: Vec<(&str, &str)> = raw
        .headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    let required: Vec<&str> = expected
        .required_rights
        .iter()
        .map(String::as_str)
        .collect();
    let report = report::report(
        &Response {
            status: raw.status,
            headers: &headers,
            body: &raw.body,
        },
        &Expectations {
            organization_id: entered(expected.organization_id),
            key_id: entered(expected.key_id),
            required_rights: &required,
        },
        (js_sys::Date::now() / 1000.0) as i64,
    );
    Ok(LiveAnswer {
        report,
        headers: raw.headers,
    })
}

/// A field as entered, or `None` when it is blank.
fn entered(field: Option<&str>) -> Option<&str> {
    field.map(str::trim).filter(|s| !s.is_empty())
}

/// Makes the request; fails only when no HTTP answer could be read.
async fn fetch_auth_info(request: LiveRequest<'_>) -> Result<RawResponse, WebError> {
    if request.signal.as_ref().is_some_and(AbortSignal::aborted) {
        return Err(WebError::Aborted);
    }
    let window = web_sys::window().ok_or(WebError::Internal)?;
    let controller = AbortController::new().map_err(|_| WebError::Internal)?;

    // The timeout aborts the same controller as Cancel; the flag tells them apart.
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let controller = controller.clone();
        let timed_out = Rc::clone(&timed_out);
        Closure::once(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.as_ref().unchecked_ref(),
            i32::try_from(request.timeout_ms).unwrap_or(i32::MAX),
        )
        .map_err(|_| WebError::Internal)?;
    let on_cancel = {
        let controller = controller.clone();
        Closure::<dyn FnMut()>::new(move || controller.abort())
    };
    if let Some(signal) = &request.signal {
        let _ =
            signal.add_event_listener_with_callback("abort", on_cancel.as_ref().unchecked_ref());
    }

    let result = send(&request, &controller).await;

    window.clear_timeout_with_handle(timer);
    if let Some(signal) = &request.signal {
        let _ =
            signal.remove_event_listener_with_callback("abort", on_cancel.as_ref().unchecked_ref());
    }
    // Both closures are dropped here, after the timer is cleared and the listener
    // removed, so neither can be called afterwards.
    drop(on_timeout);
    drop(on_cancel);

    result.map_err(|err| match err {
        SendError::TooLarge => WebError::ResponseTooLarge,
        SendError::Redirected => WebError::Redirected,
        SendError::Failed if timed_out.get() => WebError::Timeout,
        SendError::Failed if request.signal.as_ref().is_some_and(AbortSignal::aborted) => {
            WebError::Aborted
        }
        SendError::Failed if !window.navigator().on_line() => WebError::Offline,
        SendError::Failed => WebError::Network,
    })
}

enum SendError {
    /// The fetch or the body read failed (network, CORS, abort).
    Failed,
    TooLarge,
    /// The server answered with a redirect (an opaque-redirect response).
    Redirected,
}

async fn send(
    request: &LiveRequest<'_>,
    controller: &AbortController,
) -> Result<RawResponse, SendError> {
    let authorization = format!("Bearer {}", request.key.expose_secret());
    let response = RequestBuilder::new(request.url)
        .method(Method::GET)
        .header("Accept", "application/json")
        .header("Authorization", &authorization)
        .credentials(RequestCredentials::Omit)
        .cache(RequestCache::NoStore)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .redirect(RequestRedirect::Manual)
        .abort_signal(Some(&controller.signal()))
        .send()
        .await
        .map_err(|_| SendError::Failed)?;
    if response.type_() == ResponseType::Opaqueredirect {
        return Err(SendError::Redirected);
    }
    let headers: Vec<(String, String)> = response.headers().entries().collect();
    let declared_len = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse::<usize>().ok());
    if declared_len.is_some_and(|len| len > MAX_BODY_BYTES) {
        controller.abort();
        return Err(SendError::TooLarge);
    }
    let body = response.text().await.map_err(|_| SendError::Failed)?;
    if body.len() > MAX_BODY_BYTES {
        return Err(SendError::TooLarge);
    }
    Ok(RawResponse {
        status: response.status(),
        headers,
        body,
    })
}
