//! `GET /api/v3/auth_info`: the Authorization header, the token, the key store, the answer.
//!
//! The steps follow TTS (`reference/tts/NOTES.md` §1 and §2): `rpcmetadata.FromMetadata`
//! splits the last `Authorization` value at its first space (no space means no auth type, so
//! the caller is anonymous and gets `{}`); the scheme must be `bearer` in any case;
//! `auth.SplitToken` checks the structure only; and `entityAccess.authInfo` looks the ID
//! up, checks the secret, then the expiry, and answers with the key (secret blanked, rights
//! expanded) and its entity.
//! Before that, the demo fault keys act like broken infrastructure, and the rate-limited key
//! passes through the rate limiter, as the gRPC interceptor runs before the handler.

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::access::api_key_access;
use crate::conn::ConnAddr;
use crate::errors::{self, json_response, Attribute, TtsError};
use crate::json::Json;
use crate::keys::{self, Mode};
use crate::{dates, faults, App};

/// The token types of `pkg/auth/auth.go`, by their base32 prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenType {
    /// `NNSXS` ("key").
    ApiKey,
    /// `MFRWG` ("acc"), an OAuth access token.
    AccessToken,
    /// `OJSWM` ("ref"), an OAuth refresh token.
    RefreshToken,
    /// `MF2XI` ("aut"), an OAuth authorization code.
    AuthorizationCode,
    /// `ONZW4` ("ssn"), a browser session.
    SessionToken,
}

/// A token split into its three parts.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    kind: TokenType,
    id: &'a str,
}

/// `auth.SplitToken`: exactly three dot-separated parts and a known prefix, nothing more.
fn split_token(value: &str) -> Result<(Token<'_>, &str), TtsError> {
    let parts: Vec<&str> = value.split('.').collect();
    let [prefix, id, secret] = parts[..] else {
        return Err(TtsError::new(&errors::INVALID_TOKEN));
    };
    let kind = match prefix {
        "NNSXS" => TokenType::ApiKey,
        "MFRWG" => TokenType::AccessToken,
        "OJSWM" => TokenType::RefreshToken,
        "MF2XI" => TokenType::AuthorizationCode,
        "ONZW4" => TokenType::SessionToken,
        _ => return Err(TtsError::new(&errors::INVALID_TOKEN)),
    };
    Ok((Token { kind, id }, secret))
}

/// `rpcmetadata.FromMetadata`: the last `Authorization` value split at its first space into
/// auth type and auth value; `None` when there is no header or no space.
fn authorization(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get_all(header::AUTHORIZATION).iter().next_back()?;
    let value = String::from_utf8_lossy(value.as_bytes());
    let (auth_type, auth_value) = value.split_once(' ')?;
    Some((auth_type.to_owned(), auth_value.to_owned()))
}

/// The rate-limit resource key of `grpcMethodResource` for this call.
fn resource_key(token_id: &str) -> String {
    // The request (google.protobuf.Empty) names no entity, hence the empty field.
    format!("grpc:method:/ttn.lorawan.v3.EntityAccess/AuthInfo::token:{token_id}")
}

/// Answers `GET /api/v3/auth_info`.
pub(crate) async fn auth_info(app: &App, conn: &ConnAddr, headers: &HeaderMap) -> Response {
    let authorization = authorization(headers);
    let stored = authorization
        .as_ref()
        .and_then(|(_, value)| {
            let (token, _) = split_token(value).ok()?;
            (token.kind == TokenType::ApiKey).then(|| keys::find(token.id))?
        })
        .copied();

    // The fault keys stand for broken infrastructure, so they act before TTS's own checks.
    if let Some(stored) = &stored {
        match stored.mode {
            Mode::Reset => {
                conn.reset.trigger();
                // Invariant: this response is never written; the connection fails first.
                return StatusCode::OK.into_response();
            }
            Mode::InternalError => return faults::internal_error(),
            Mode::BadGateway => return faults::bad_gateway(),
            Mode::MalformedJson => return faults::malformed_json(stored),
            Mode::HugeBody => return faults::huge_body(),
            Mode::Redirect => return faults::redirect(),
            // Dropping this future (client gone, server stopped) cancels the sleep.
            Mode::Slow => tokio::time::sleep(app.config.slow_delay).await,
            Mode::Normal | Mode::RateLimited => {}
        }
    }

    let verdict = stored
        .filter(|stored| stored.mode == Mode::RateLimited)
        .map(|stored| {
            let key = resource_key(stored.id());
            (app.limiter.take(&key), key)
        });
    let mut res = match &verdict {
        Some((verdict, key)) if verdict.limited => TtsError::new(&errors::RATE_LIMIT_EXCEEDED)
            .with("key", Attribute::Str(key.clone()))
            .with("rate", Attribute::Int(i64::from(verdict.limit())))
            .gateway_response(),
        _ => match resolve(authorization, dates::now_unix()) {
            Ok(body) => json_response(StatusCode::OK, body.compact()),
            Err(err) => err.gateway_response(),
        },
    };
    if let Some((verdict, _)) = verdict {
        verdict.add_headers(res.headers_mut());
    }
    res
}

/// `entityAccess.authInfo` for the stand-in's store.
fn resolve(authorization: Option<(String, String)>, now_unix: i64) -> Result<Json, TtsError> {
    let Some((auth_type, auth_value)) = authorization else {
        return Ok(Json::Obj(Vec::new()));
    };
    // Cluster keys and gateway tokens are internal to a deployment; they get this too.
    if auth_type.to_lowercase() != "bearer" {
        return Err(TtsError::new(&errors::UNSUPPORTED_AUTHORIZATION));
    }
    let (token, secret) = split_token(&auth_value)?;
    let not_found = |cause: &'static errors::Definition, attribute: &'static str| {
        TtsError::new(&errors::TOKEN_NOT_FOUND)
            .caused_by(TtsError::new(cause).with(attribute, Attribute::Str(token.id.to_owned())))
    };
    match token.kind {
        TokenType::ApiKey => {}
        TokenType::AccessToken => {
            return Err(not_found(
                &errors::STORE_ACCESS_TOKEN_NOT_FOUND,
                "access_token_id",
            ))
        }
        TokenType::SessionToken => {
            return Err(not_found(
                &errors::STORE_USER_SESSION_NOT_FOUND,
                "session_id",
            ))
        }
        TokenType::RefreshToken | TokenType::AuthorizationCode => {
            return Err(TtsError::new(&errors::UNSUPPORTED_AUTHORIZATION))
        }
    }
    let Some(stored) = keys::find(token.id) else {
        let cause = TtsError::new(&errors::STORE_API_KEY_NOT_FOUND)
            .with("api_key_id", Attribute::Str(token.id.to_owned()));
        return Err(TtsError::new(&errors::API_KEY_NOT_FOUND).caused_by(cause));
    };
    if !stored.secret_matches(secret) {
        return Err(TtsError::new(&errors::INVALID_AUTHORIZATION));
    }
    if stored.is_expired(now_unix) {
        return Err(TtsError::new(&errors::API_KEY_EXPIRED));
    }
    Ok(api_key_access(stored))
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, HeaderValue};

    use super::{authorization, split_token, TokenType};

    #[track_caller]
    fn check_header(values: &[&str], expected: Option<(&str, &str)>) {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append("authorization", HeaderValue::from_str(value).unwrap());
        }
        let got = authorization(&headers);
        let got = got.as_ref().map(|(t, v)| (t.as_str(), v.as_str()));
        assert_eq!(got, expected);
    }

    #[track_caller]
    fn check_token(value: &str, expected: Option<(TokenType, &str, &str)>) {
        let got = split_token(value)
            .ok()
            .map(|(token, secret)| (token.kind, token.id, secret));
        assert_eq!(got, expected);
    }

    #[test]
    fn splits_the_header_like_rpcmetadata() {
        check_header(&[], None);
        check_header(&["NNSXS.A.B"], None);
        check_header(&["Bearer NNSXS.A.B"], Some(("Bearer", "NNSXS.A.B")));
        check_header(&["Bearer  NNSXS.A.B"], Some(("Bearer", " NNSXS.A.B")));
        check_header(&["Basic a b"], Some(("Basic", "a b")));
        check_header(&["Bearer first", "Basic second"], Some(("Basic", "second")));
    }

    #[test]
    fn splits_tokens_like_pkg_auth() {
        check_token("FOO", None);
        check_token("FOO.FOO", None);
        check_token("FOO.FOO.FOO", None);
        check_token("FOO.FOO.FOO.FOO", None);
        check_token("nnsxs.A.B", None);
        check_token("NNSXS.A.B", Some((TokenType::ApiKey, "A", "B")));
        check_token("NNSXS..", Some((TokenType::ApiKey, "", "")));
        check_token("MFRWG.A.B", Some((TokenType::AccessToken, "A", "B")));
        check_token("OJSWM.A.B", Some((TokenType::RefreshToken, "A", "B")));
        check_token("MF2XI.A.B", Some((TokenType::AuthorizationCode, "A", "B")));
        check_token("ONZW4.A.B", Some((TokenType::SessionToken, "A", "B")));
        check_token("MFZWC.A.B", None);
    }
}
