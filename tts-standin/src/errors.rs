//! TTS error definitions and their HTTP form (`reference/tts/NOTES.md` §3).
//!
//! An error is a definition (namespace, name, message format, gRPC code) plus public
//! attributes and an optional cause. Over HTTP it becomes a `google.rpc.Status`:
//! `{"code", "message": "error:<namespace>:<name> (<formatted>)", "details": [ErrorDetails]}`
//! with the HTTP status from grpc-gateway's `HTTPStatusFromCode`, and on 401 a
//! `WWW-Authenticate` header holding the status message.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::ids::correlation_id;
use crate::json::Json;

/// A TTS error definition (`errors.Define…` in Go).
#[derive(Debug)]
pub(crate) struct Definition {
    namespace: &'static str,
    name: &'static str,
    message_format: &'static str,
    code: u32,
}

/// gRPC status codes used below.
const INVALID_ARGUMENT: u32 = 3;
const NOT_FOUND: u32 = 5;
const PERMISSION_DENIED: u32 = 7;
const RESOURCE_EXHAUSTED: u32 = 8;
const INTERNAL: u32 = 13;
const UNAUTHENTICATED: u32 = 16;

macro_rules! definitions {
    ($($(#[$doc:meta])* $ident:ident = $namespace:literal, $name:literal, $format:literal, $code:expr;)*) => {
        $($(#[$doc])* pub(crate) static $ident: Definition = Definition {
            namespace: $namespace, name: $name, message_format: $format, code: $code,
        };)*

        /// Every definition, for the conformance test.
        #[cfg(test)]
        static DEFINITIONS: &[&Definition] = &[$(&$ident,)*];
    };
}

definitions! {
    /// `pkg/auth/auth.go` `errInvalidToken`: not three parts, or an unknown prefix.
    INVALID_TOKEN = "pkg/auth", "token", "invalid token", INVALID_ARGUMENT;
    /// `entity_access.go`: a scheme other than `Bearer`, or a token type auth_info does not take.
    UNSUPPORTED_AUTHORIZATION = "pkg/identityserver", "unsupported_authorization", "unsupported authorization method", UNAUTHENTICATED;
    /// `entity_access.go`: the key ID is not in the store.
    API_KEY_NOT_FOUND = "pkg/identityserver", "api_key_not_found", "API key not found", UNAUTHENTICATED;
    /// `entity_access.go`: the key ID exists but the secret does not match.
    INVALID_AUTHORIZATION = "pkg/identityserver", "invalid_authorization", "invalid authorization", UNAUTHENTICATED;
    /// `entity_access.go`: the key has expired.
    API_KEY_EXPIRED = "pkg/identityserver", "api_key_expired", "api key expired", UNAUTHENTICATED;
    /// `entity_access.go`: an OAuth access token or session that is not in the store.
    TOKEN_NOT_FOUND = "pkg/identityserver", "token_not_found", "token not found", UNAUTHENTICATED;
    /// `store/errors.go`: the cause of `API_KEY_NOT_FOUND`.
    STORE_API_KEY_NOT_FOUND = "pkg/identityserver/store", "api_key_not_found", "api key with id `{api_key_id}` not found", NOT_FOUND;
    /// `store/errors.go`: the cause of `TOKEN_NOT_FOUND` for OAuth access tokens.
    STORE_ACCESS_TOKEN_NOT_FOUND = "pkg/identityserver/store", "access_token_not_found", "access token with id `{access_token_id}` not found", NOT_FOUND;
    /// `store/errors.go`: the cause of `TOKEN_NOT_FOUND` for session tokens.
    STORE_USER_SESSION_NOT_FOUND = "pkg/identityserver/store", "user_session_not_found", "user session with id `{session_id}` not found", NOT_FOUND;
    /// `pkg/ratelimit/config.go`: the rate limit of the resource is used up.
    RATE_LIMIT_EXCEEDED = "pkg/ratelimit", "rate_limit_exceeded", "rate limit of `{rate}` accesses per minute exceeded for resource `{key}`", RESOURCE_EXHAUSTED;
    /// `pkg/webhandlers/error.go`: no route under `/api/` matched.
    ROUTE_NOT_FOUND = "pkg/webhandlers", "route_not_found", "route `{route}` not found", NOT_FOUND;
    /// `pkg/webmiddleware/csrf.go`: an unsafe method with a bearer token but no valid CSRF token.
    INVALID_CSRF_TOKEN = "pkg/webmiddleware", "invalid_csrf_token", "invalid csrf token", PERMISSION_DENIED;
    /// `pkg/rpcserver/rpcserver.go`: a gRPC handler panicked (used by the 500 fault).
    RPC_RECOVERED = "pkg/rpcserver", "rpc_recovered", "Internal Server Error", INTERNAL;
}

/// An attribute value: TTS attributes travel as a `google.protobuf.Struct`.
#[derive(Debug, Clone)]
pub(crate) enum Attribute {
    /// A string attribute.
    Str(String),
    /// A number attribute, written without a fraction like Go writes whole floats.
    Int(i64),
}

/// An error instance: a definition with attributes, a cause and a fresh correlation ID.
#[derive(Debug)]
pub(crate) struct TtsError {
    definition: &'static Definition,
    attributes: Vec<(&'static str, Attribute)>,
    cause: Option<Box<TtsError>>,
    correlation_id: String,
}

impl TtsError {
    /// An instance of `definition` without attributes.
    pub(crate) fn new(definition: &'static Definition) -> TtsError {
        TtsError {
            definition,
            attributes: Vec::new(),
            cause: None,
            correlation_id: correlation_id(),
        }
    }

    /// Adds a public attribute.
    pub(crate) fn with(mut self, name: &'static str, value: Attribute) -> TtsError {
        self.attributes.push((name, value));
        self
    }

    /// Sets the cause.
    pub(crate) fn caused_by(mut self, cause: TtsError) -> TtsError {
        self.cause = Some(Box::new(cause));
        self
    }

    /// The message format with the attributes filled in.
    fn formatted(&self) -> String {
        let mut text = self.definition.message_format.to_owned();
        for (name, value) in &self.attributes {
            let value = match value {
                Attribute::Str(text) => text.clone(),
                Attribute::Int(n) => n.to_string(),
            };
            text = text.replace(&format!("{{{name}}}"), &value);
        }
        text
    }

    /// The status message, `error:<namespace>:<name> (<formatted message>)`.
    pub(crate) fn message(&self) -> String {
        let definition = self.definition;
        format!(
            "error:{}:{} ({})",
            definition.namespace,
            definition.name,
            self.formatted()
        )
    }

    /// The `ttn.lorawan.v3.ErrorDetails` message, fields in proto order.
    fn details(&self, with_type: bool) -> Json {
        let definition = self.definition;
        let mut fields = Vec::new();
        if with_type {
            fields.push((
                "@type",
                Json::str("type.googleapis.com/ttn.lorawan.v3.ErrorDetails"),
            ));
        }
        fields.push(("namespace", Json::str(definition.namespace)));
        fields.push(("name", Json::str(definition.name)));
        fields.push(("message_format", Json::str(definition.message_format)));
        if !self.attributes.is_empty() {
            let attributes = self
                .attributes
                .iter()
                .map(|(name, value)| {
                    let value = match value {
                        Attribute::Str(text) => Json::str(text.clone()),
                        Attribute::Int(n) => Json::Int(*n),
                    };
                    (*name, value)
                })
                .collect();
            fields.push(("attributes", Json::Obj(attributes)));
        }
        fields.push(("correlation_id", Json::str(self.correlation_id.clone())));
        if let Some(cause) = &self.cause {
            fields.push(("cause", cause.details(false)));
        }
        fields.push(("code", Json::Int(i64::from(definition.code))));
        Json::Obj(fields)
    }

    /// The `google.rpc.Status` body.
    pub(crate) fn status_json(&self) -> Json {
        Json::Obj(vec![
            ("code", Json::Int(i64::from(self.definition.code))),
            ("message", Json::str(self.message())),
            ("details", Json::Arr(vec![self.details(true)])),
        ])
    }

    /// The HTTP status for the gRPC code.
    pub(crate) fn http_status(&self) -> StatusCode {
        http_status(self.definition.code)
    }

    /// The response the gRPC gateway writes (`runtime.DefaultHTTPErrorHandler`): compact JSON,
    /// and `WWW-Authenticate: <status message>` when the code is Unauthenticated.
    pub(crate) fn gateway_response(&self) -> Response {
        let mut res = json_response(self.http_status(), self.status_json().compact());
        if self.definition.code == UNAUTHENTICATED {
            if let Ok(value) = HeaderValue::from_str(&self.message()) {
                res.headers_mut().insert(header::WWW_AUTHENTICATE, value);
            }
        }
        res
    }

    /// The response `webhandlers.Error` writes: the same Status, indented by Go's encoder.
    pub(crate) fn webhandler_response(&self) -> Response {
        json_response(self.http_status(), self.status_json().indented())
    }
}

/// A `google.rpc.Status` without details, as grpc-gateway writes its own routing errors.
pub(crate) fn plain_status(code: u32, message: &str) -> Response {
    let body = Json::Obj(vec![
        ("code", Json::Int(i64::from(code))),
        ("message", Json::str(message)),
    ]);
    json_response(http_status(code), body.compact())
}

/// A response with `Content-Type: application/json`.
pub(crate) fn json_response(status: StatusCode, body: String) -> Response {
    let mut res = (status, body).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}

/// grpc-gateway v2 `HTTPStatusFromCode`.
fn http_status(code: u32) -> StatusCode {
    let status = match code {
        0 => 200,
        1 => 499,
        2 => 500,
        3 => 400,
        4 => 504,
        5 => 404,
        6 => 409,
        7 => 403,
        8 => 429,
        9 => 400,
        10 => 409,
        11 => 400,
        12 => 501,
        13 => 500,
        14 => 503,
        15 => 500,
        16 => 401,
        _ => 500,
    };
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

#[cfg(test)]
mod tests {
    use super::{
        Attribute, TtsError, API_KEY_NOT_FOUND, DEFINITIONS, RATE_LIMIT_EXCEEDED,
        STORE_API_KEY_NOT_FOUND,
    };

    #[track_caller]
    fn check(error: TtsError, status: u16, message: &str) {
        assert_eq!(error.http_status().as_u16(), status);
        assert_eq!(error.message(), message);
    }

    #[rustfmt::skip]
    #[test]
    fn messages() {
        check(TtsError::new(&API_KEY_NOT_FOUND), 401, "error:pkg/identityserver:api_key_not_found (API key not found)");
        check(TtsError::new(&STORE_API_KEY_NOT_FOUND).with("api_key_id", Attribute::Str("ABC".into())), 404, "error:pkg/identityserver/store:api_key_not_found (api key with id `ABC` not found)");
        check(TtsError::new(&RATE_LIMIT_EXCEEDED).with("key", Attribute::Str("k".into())).with("rate", Attribute::Int(3)), 429, "error:pkg/ratelimit:rate_limit_exceeded (rate limit of `3` accesses per minute exceeded for resource `k`)");
    }

    /// Every error the stand-in sends is one of upstream's, with its namespace, name and
    /// message format as in lorawan-stack's `config/messages.json`
    /// (`reference/tts/messages.json`, see `reference/README.md`).
    #[test]
    fn definitions_are_upstream_errors() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../reference/tts/messages.json"
        );
        let text = std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{path}: {err}"));
        let catalogue: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(DEFINITIONS.len(), 13);
        for definition in DEFINITIONS {
            let id = format!("error:{}:{}", definition.namespace, definition.name);
            let upstream = catalogue[&id]["translations"]["en"].as_str();
            assert_eq!(upstream, Some(definition.message_format), "{id}");
        }
    }
}
