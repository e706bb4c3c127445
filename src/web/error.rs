//! JS-facing errors: a JS `Error` whose `message` says what to do and whose `code` is a
//! stable snake_case string the host page can branch on.
//!
//! Invariant: every message is a `&'static str` from the table below, never text built
//! from input, so no error can carry a secret.

use wasm_bindgen::JsValue;

/// Why an export failed, as JS sees it in `error.code`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum WebError {
    /// The options object was not of the documented shape.
    BadOptions,
    /// The key is not a well-formed API key (repair it first).
    InvalidKey,
    /// The base URL is not acceptable (scheme, user-info, syntax).
    InvalidBaseUrl,
    /// The host is outside the known clusters and was not confirmed.
    HostNotConfirmed,
    /// The request took longer than the timeout and was aborted.
    Timeout,
    /// The caller aborted the request (Cancel).
    Aborted,
    /// The browser is offline.
    Offline,
    /// No answer readable: the server is unreachable or the browser blocked it (CORS).
    Network,
    /// The answer was too large to be The Things Stack's.
    ResponseTooLarge,
    /// The server answered with a redirect, which the check does not follow.
    Redirected,
    /// The element given to `mount` cannot hold the widget.
    BadElement,
    /// Converting a result for JS failed (a bug).
    Internal,
}

impl WebError {
    pub(crate) fn code(self) -> &'static str {
        match self {
            WebError::BadOptions => "bad_options",
            WebError::InvalidKey => "invalid_key",
            WebError::InvalidBaseUrl => "invalid_base_url",
            WebError::HostNotConfirmed => "host_not_confirmed",
            WebError::Timeout => "timeout",
            WebError::Aborted => "aborted",
            WebError::Offline => "offline",
            WebError::Network => "network",
            WebError::ResponseTooLarge => "response_too_large",
            WebError::Redirected => "redirected",
            WebError::BadElement => "bad_element",
            WebError::Internal => "internal",
        }
    }

    pub(crate) fn message(self) -> &'static str {
        match self {
            WebError::BadOptions => "The options are not valid: see the JS API in the guide for their names and types.",
            WebError::InvalidKey => "The key is not a well-formed API key. Check it (and apply Repair) before testing it.",
            WebError::InvalidBaseUrl => "The cluster address is not valid. Use https://eu1.cloud.thethings.network or your tenant's address.",
            WebError::HostNotConfirmed => "This server is not a The Things Stack cloud cluster. Confirm that you trust it before your key is sent to it.",
            WebError::Timeout => "The Things Stack did not answer in time. Check the cluster address and your connection, then try again.",
            WebError::Aborted => "The check was cancelled. Nothing was changed.",
            WebError::Offline => "Your browser is offline. Connect to the internet and try again.",
            WebError::Network => "No answer could be read: the server is unreachable, or the browser blocked the answer (CORS). Check the cluster address; a proxy or browser extension may also block it.",
            WebError::ResponseTooLarge => "The server sent a much larger answer than The Things Stack does. Check the cluster address.",
            WebError::Redirected => "The server answered with a redirect to another address. The check does not follow redirects, so your key goes only to the server you chose. Check the cluster address: enter your cluster's own address (for example https://eu1.cloud.thethings.network), not one that forwards to it.",
            WebError::BadElement => "The widget needs an element to mount into.",
            WebError::Internal => "Something went wrong inside the key checker. Reload the page and try again.",
        }
    }

    /// Every kind, for tests and documentation.
    pub(crate) const ALL: [WebError; 12] = [
        WebError::BadOptions,
        WebError::InvalidKey,
        WebError::InvalidBaseUrl,
        WebError::HostNotConfirmed,
        WebError::Timeout,
        WebError::Aborted,
        WebError::Offline,
        WebError::Network,
        WebError::ResponseTooLarge,
        WebError::Redirected,
        WebError::BadElement,
        WebError::Internal,
    ];
}

impl From<WebError> for JsValue {
    fn from(err: WebError) -> JsValue {
        let error = js_sys::Error::new(err.message());
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&error, &"code".into(), &err.code().into());
        error.into()
    }
}
