//! Turn the answer to `GET /api/v3/auth_info` into a report: what the key belongs to, its
//! rights and the rights it lacks, its expiry, whether it matches the Key Id and
//! Organization Id the user entered, and, for every failure, a cause and a fix in plain
//! words.
//!
//! Facts from `reference/tts/NOTES.md` §2 (the `AuthInfoResponse` JSON) and §3
//! (the `google.rpc.Status` error body, the error names, the rate-limit headers).
//! The body is read with [`crate::json`] into a tree, and from that into the wire types
//! ([`AuthInfo::from_json`], [`Status::from_json`]). A 2xx body that is not JSON is
//! [`Outcome::NotJson`], one of another shape [`Outcome::UnexpectedResponse`]; an error
//! body that is not a `Status` leaves the outcome to the HTTP status.
//!
//! One job per file: this one holds the report itself (what was asked, what was found,
//! and the logic between them); `wire.rs` the wire types; `read.rs` how they are read from
//! JSON; `outcome.rs` the outcome and warning tables, with a cause and a fix for every
//! error name; `clean.rs` what is kept of server text; `rate_limit.rs` the rate-limit
//! headers ([`RateLimit`]); `time.rs` RFC 3339 dates.
//!
//! Invariant: the report holds no secret. The request's key never reaches this module,
//! and the `key` field of an API key is never read. Everything the server sent is
//! untrusted text: error names, IDs and right names are kept only when they have the
//! expected shape, and free text (the key's name, `X-Warning`) is cut short, stripped
//! of control characters, and dropped if it looks like it holds a token. Messages come
//! from the static tables of `outcome.rs`; numbers (days, seconds) are separate fields.

mod clean;
mod outcome;
mod rate_limit;
mod read;
mod time;
mod wire;

pub use outcome::{Outcome, Warning, EXPIRES_SOON_DAYS};
pub use rate_limit::RateLimit;
pub use time::{days_from_civil, parse_rfc3339};
pub use wire::{
    ApiKeyAccess, ApiKeyInfo, ApplicationIds, Attributes, AuthInfo, ClientIds, DeviceIds,
    EntityIds, ErrorDetails, GatewayIds, GatewayToken, OAuthAccessToken, OrganizationIds,
    RightsList, Status, UserIds, UserSession,
};

use serde::ser::{Serialize, Serializer};

use crate::value::{ToValue, Value};

use crate::ids::{self, IdKind};
use crate::json;
use crate::key;
use crate::rights;

use clean::{clean, clean_text};
use outcome::{outcome_of_name, outcome_of_status};
use read::{name_from_message, namespace_from_message};
use time::SECONDS_PER_DAY;

/// The HTTP response to check: status, headers, body.
#[derive(Clone, Copy, Debug)]
pub struct Response<'a> {
    /// The HTTP status code.
    pub status: u16,
    /// Headers as `(name, value)` pairs; names are matched without regard to case.
    pub headers: &'a [(&'a str, &'a str)],
    /// The body as text.
    pub body: &'a str,
}

impl<'a> Response<'a> {
    /// The first value of the header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.headers_named(name).next()
    }

    fn headers_named<'n>(&self, name: &'n str) -> impl Iterator<Item = &'a str> + 'n
    where
        'a: 'n,
    {
        self.headers
            .iter()
            .filter(move |(header, _)| header.eq_ignore_ascii_case(name))
            .map(|&(_, value)| value)
    }
}

/// What the user entered and what the key must allow.
#[derive(Clone, Copy, Default)]
pub struct Expectations<'a> {
    /// The Organization Id field; `None` (or blank) skips the check.
    pub organization_id: Option<&'a str>,
    /// The Key Id field; `None` (or blank) skips the check.
    pub key_id: Option<&'a str>,
    /// Rights the key must have, e.g. [`rights::IOTBRIDGE_PROFILE`].
    pub required_rights: &'a [&'a str],
}

/// Written by hand: the Key Id field may hold a whole key pasted by mistake, so it is
/// never printed.
impl std::fmt::Debug for Expectations<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Expectations")
            .field("organization_id", &self.organization_id)
            .field("key_id", &self.key_id.map(|_| "[REDACTED]"))
            .field("required_rights", &self.required_rights)
            .finish()
    }
}

/// How the request authenticated, as far as the server told. Serialized as its code.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum Access {
    /// No credentials recognised (`{}`).
    Anonymous,
    /// An API key: what IotBridge needs.
    ApiKey,
    /// An OAuth access token.
    OAuthAccessToken,
    /// A Console login session.
    UserSession,
    /// A gateway token.
    GatewayToken,
    /// A cluster key (internal to the server's components).
    ClusterKey,
}

impl Access {
    /// Stable snake_case code, as JS sees it.
    pub fn code(self) -> &'static str {
        match self {
            Access::Anonymous => "anonymous",
            Access::ApiKey => "api_key",
            Access::OAuthAccessToken => "oauth_access_token",
            Access::UserSession => "user_session",
            Access::GatewayToken => "gateway_token",
            Access::ClusterKey => "cluster_key",
        }
    }
}

impl ToValue for EntityRef {
    fn to_value(&self) -> Value {
        Value::Object(vec![
            ("kind", Value::Static(self.kind.code())),
            ("id", Value::text(self.id.as_deref())),
        ])
    }
}

impl ToValue for Expiry {
    /// `{ state }`, with `days` when it expires: `never`, `expired`, `expires`, `unreadable`.
    fn to_value(&self) -> Value {
        let state = |state| ("state", Value::Static(state));
        Value::Object(match self {
            Expiry::Never => vec![state("never")],
            Expiry::Expired => vec![state("expired")],
            Expiry::Expires { days } => vec![state("expires"), ("days", Value::Int(*days))],
            Expiry::Unreadable => vec![state("unreadable")],
        })
    }
}

impl ToValue for ErrorDetail {
    fn to_value(&self) -> Value {
        Value::Object(vec![
            ("namespace", Value::text(self.namespace.as_deref())),
            ("name", Value::text(self.name.as_deref())),
            ("correlationId", Value::text(self.correlation_id.as_deref())),
            ("uid", Value::text(self.uid.as_deref())),
        ])
    }
}

/// What JS gets from `liveCheck`: the same fields as the `Serialize` derive writes for
/// native users (`tests/report.rs` pins that both agree).
impl ToValue for Report {
    fn to_value(&self) -> Value {
        Value::Object(vec![
            ("outcome", self.outcome.to_value()),
            ("problems", Value::all(&self.problems)),
            ("warnings", Value::all(&self.warnings)),
            ("httpStatus", Value::Int(i64::from(self.http_status))),
            (
                "access",
                self.access
                    .map_or(Value::Null, |access| Value::Static(access.code())),
            ),
            ("entity", Value::maybe(self.entity.as_ref())),
            ("keyId", Value::text(self.key_id.as_deref())),
            ("keyName", Value::text(self.key_name.as_deref())),
            ("granted", Value::texts(&self.granted)),
            ("missing", Value::texts(&self.missing)),
            ("expiry", Value::maybe(self.expiry.as_ref())),
            ("expiresAt", Value::text(self.expires_at.as_deref())),
            ("keyIdMatches", Value::flag(self.key_id_matches)),
            (
                "organizationMatches",
                Value::flag(self.organization_matches),
            ),
            ("isAdmin", Value::Bool(self.is_admin)),
            ("serverWarnings", Value::texts(&self.server_warnings)),
            (
                "retryAfterSeconds",
                Value::int(
                    self.retry_after_seconds
                        .map(|s| i64::try_from(s).unwrap_or(i64::MAX)),
                ),
            ),
            ("error", Value::maybe(self.error.as_ref())),
        ])
    }
}

impl Serialize for Access {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// The entity a key or token belongs to.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EntityRef {
    /// What kind of entity.
    pub kind: IdKind,
    /// Its ID, when the server sent a well-formed one.
    pub id: Option<String>,
}

/// When a key or token expires.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Expiry {
    /// It has no expiry date.
    Never,
    /// It has expired.
    Expired,
    /// It expires in `days` whole days (0: within a day).
    Expires {
        /// Whole days left, rounded down.
        days: i64,
    },
    /// The server sent an expiry date this check cannot read.
    Unreadable,
}

/// The structured part of a server error, as far as it is safe to show.
#[derive(Clone, PartialEq, Eq, Debug, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ErrorDetail {
    /// E.g. `pkg/identityserver`.
    pub namespace: Option<String>,
    /// E.g. `api_key_not_found`.
    pub name: Option<String>,
    /// For support requests: ties the error to the server's logs.
    pub correlation_id: Option<String>,
    /// The entity the error is about (`uid` attribute), e.g. `my-org@ttn`.
    pub uid: Option<String>,
}

/// What the check found. Holds no secret; passed to JS as is (camelCase fields).
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Report {
    /// The most important problem, or [`Outcome::Ok`]: `problems[0]`, if any.
    pub outcome: Outcome,
    /// Every problem found, most important first; empty when the outcome is ok.
    pub problems: Vec<Outcome>,
    /// Things worth knowing that do not fail the check.
    pub warnings: Vec<Warning>,
    /// The HTTP status code.
    pub http_status: u16,
    /// How the request authenticated; `None` when the server refused it or the answer
    /// was unreadable.
    pub access: Option<Access>,
    /// What the key (or token) belongs to.
    pub entity: Option<EntityRef>,
    /// The key's ID (not secret).
    pub key_id: Option<String>,
    /// The key's name.
    pub key_name: Option<String>,
    /// The rights granted, expanded, in table order (see [`rights::expand`]).
    pub granted: Vec<String>,
    /// Required rights not granted; or, on an `insufficient_*_rights` error, the rights
    /// the server says are missing.
    pub missing: Vec<String>,
    /// When the key expires.
    pub expiry: Option<Expiry>,
    /// The expiry date as the server sent it (RFC 3339), when it is readable.
    pub expires_at: Option<String>,
    /// Whether the Key Id entered is this key's ID; `None` when not checked.
    pub key_id_matches: Option<bool>,
    /// Whether the key belongs to the Organization Id entered; `None` when not checked.
    pub organization_matches: Option<bool>,
    /// Whether the key's user is a server administrator.
    pub is_admin: bool,
    /// `X-Warning` headers, cleaned (untrusted text from the server).
    pub server_warnings: Vec<String>,
    /// Seconds to wait before retrying (`X-Rate-Limit-Retry`).
    pub retry_after_seconds: Option<u64>,
    /// The server's error, when it sent one.
    pub error: Option<ErrorDetail>,
}

/// Checks the answer to `GET /api/v3/auth_info` against what the user entered.
///
/// `now_unix_seconds` is the current time, for the expiry (the core reads no clock).
pub fn report(response: &Response<'_>, expect: &Expectations<'_>, now_unix_seconds: i64) -> Report {
    let mut report = Report {
        outcome: Outcome::Ok,
        problems: Vec::new(),
        warnings: Vec::new(),
        http_status: response.status,
        access: None,
        entity: None,
        key_id: None,
        key_name: None,
        granted: Vec::new(),
        missing: Vec::new(),
        expiry: None,
        expires_at: None,
        key_id_matches: None,
        organization_matches: None,
        is_admin: false,
        server_warnings: response
            .headers_named("x-warning")
            .filter_map(|value| clean_text(value, MAX_WARNING_CHARS))
            .collect(),
        // The Things Stack sends X-Rate-Limit-Retry on every answer once a limiter
        // applies (0 while requests remain), so only a refusal carries a retry time.
        retry_after_seconds: (response.status == 429)
            .then(|| RateLimit::read(response.headers).retry_seconds)
            .flatten(),
        error: None,
    };
    if !report.server_warnings.is_empty() {
        report.warnings.push(Warning::ServerWarning);
    }
    if (200..300).contains(&response.status) {
        success(response.body, expect, now_unix_seconds, &mut report);
    } else {
        failure(response, &mut report);
    }
    report.outcome = report.problems.first().copied().unwrap_or(Outcome::Ok);
    report
}

fn success(body: &str, expect: &Expectations<'_>, now: i64, report: &mut Report) {
    let Ok(json) = json::parse(body) else {
        return report.problems.push(Outcome::NotJson);
    };
    let Some(info) = AuthInfo::from_json(&json) else {
        return report.problems.push(Outcome::UnexpectedResponse);
    };
    report.is_admin = info.is_admin;
    if let Some(access) = &info.api_key {
        api_key(access, expect, now, report);
        if info.is_admin {
            report.warnings.push(Warning::AdminKey);
        }
    } else if let Some(token) = &info.oauth_access_token {
        report.access = Some(Access::OAuthAccessToken);
        report.problems.push(Outcome::OAuthAccessToken);
        report.entity = token.user_ids.as_ref().map(user_entity);
        report.granted = rights::expand(&token.rights);
        report.missing = rights::missing(&report.granted, expect.required_rights);
        set_expiry(token.expires_at.as_deref(), now, report);
    } else if let Some(session) = &info.user_session {
        // A session implies RIGHT_ALL, which auth_info does not list.
        report.access = Some(Access::UserSession);
        report.problems.push(Outcome::UserSession);
        report.entity = session.user_ids.as_ref().map(user_entity);
        set_expiry(session.expires_at.as_deref(), now, report);
    } else if let Some(token) = &info.gateway_token {
        report.access = Some(Access::GatewayToken);
        report.problems.push(Outcome::GatewayToken);
        report.entity = token
            .gateway_ids
            .as_ref()
            .map(|ids| entity(IdKind::Gateway, &ids.gateway_id));
        report.granted = rights::expand(&token.rights);
    } else if info.universal_rights.is_some() {
        report.access = Some(Access::ClusterKey);
        report.problems.push(Outcome::UnexpectedResponse);
    } else {
        report.access = Some(Access::Anonymous);
        report.problems.push(Outcome::Anonymous);
    }
}

fn api_key(access: &ApiKeyAccess, expect: &Expectations<'_>, now: i64, report: &mut Report) {
    let key = &access.api_key;
    report.access = Some(Access::ApiKey);
    report.key_id = key
        .id
        .as_deref()
        .filter(|id| key::is_key_id(id.as_bytes()))
        .map(str::to_owned);
    report.key_name = key
        .name
        .as_deref()
        .and_then(|name| clean_text(name, MAX_NAME_CHARS));
    report.granted = rights::expand(&key.rights);
    report.missing = rights::missing(&report.granted, expect.required_rights);
    set_expiry(key.expires_at.as_deref(), now, report);

    let (kind, id) = entity_of(&access.entity_ids);
    report.entity = kind.map(|kind| entity(kind, id));
    report.key_id_matches = given(expect.key_id).map(|given| Some(given) == key.id.as_deref());
    report.organization_matches = given(expect.organization_id)
        .map(|given| kind == Some(IdKind::Organization) && given == id);

    if report.expiry == Some(Expiry::Expired) {
        report.problems.push(Outcome::ApiKeyExpired);
    }
    match kind {
        Some(IdKind::Organization) if report.organization_matches == Some(false) => {
            report.problems.push(Outcome::WrongOrganization);
        }
        Some(IdKind::Organization) => {}
        Some(IdKind::User) => report.warnings.push(Warning::UserKey),
        Some(_) => report.problems.push(Outcome::WrongEntity),
        None => report.problems.push(Outcome::UnexpectedResponse),
    }
    if !report.missing.is_empty() {
        report.problems.push(Outcome::MissingRights);
        let lacks_application_rights = report
            .missing
            .iter()
            .any(|name| name.starts_with("RIGHT_APPLICATION_"));
        if lacks_application_rights && report.granted.iter().any(|r| r == "RIGHT_ORGANIZATION_ALL")
        {
            report.warnings.push(Warning::OrganizationAllOnly);
        }
    }
    if report.key_id_matches == Some(false) {
        report.problems.push(Outcome::KeyIdMismatch);
    }
}

fn failure(response: &Response<'_>, report: &mut Report) {
    let json = json::parse(response.body);
    let not_json = json.is_err();
    let status = json.ok().as_ref().and_then(Status::from_json);
    let details = status.as_ref().and_then(|status| status.details.first());
    let name = details
        .map(|details| details.name.as_str())
        .filter(|name| !name.is_empty())
        .or_else(|| status.as_ref().and_then(|s| name_from_message(&s.message)))
        .and_then(|name| {
            clean(name, 64, |b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'
            })
        });

    let outcome = name
        .as_deref()
        .and_then(outcome_of_name)
        .unwrap_or_else(|| outcome_of_status(response.status, not_json));
    report.problems.push(outcome);

    if status.is_some() {
        let namespace = details
            .map(|details| details.namespace.as_str())
            .or_else(|| {
                status
                    .as_ref()
                    .and_then(|s| namespace_from_message(&s.message))
            })
            .and_then(|namespace| {
                clean(namespace, 80, |b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b"_/.-".contains(&b)
                })
            });
        let correlation_id = details.and_then(|details| {
            clean(&details.correlation_id, 64, |b| {
                b.is_ascii_hexdigit() || b == b'-'
            })
        });
        let uid = details
            .and_then(|details| details.attributes.uid.as_deref())
            .and_then(|uid| {
                clean(uid, 80, |b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'@'
                })
            });
        report.error = Some(ErrorDetail {
            namespace,
            name,
            correlation_id,
            uid,
        });
    }
    match outcome {
        Outcome::InsufficientRights => {
            report.missing = details
                .map(|details| details.attributes.missing.clone())
                .unwrap_or_default();
        }
        Outcome::ApiKeyExpired => report.expiry = Some(Expiry::Expired),
        _ => {}
    }
}

fn user_entity(ids: &UserIds) -> EntityRef {
    entity(IdKind::User, &ids.user_id)
}

/// An entity reference; the ID is kept only when it is a well-formed ID.
fn entity(kind: IdKind, id: &str) -> EntityRef {
    EntityRef {
        kind,
        id: ids::is_valid(kind, id).then(|| id.to_owned()),
    }
}

/// The kind and raw ID of the one entity in `ids`.
fn entity_of(ids: &EntityIds) -> (Option<IdKind>, &str) {
    if let Some(ids) = &ids.organization_ids {
        (Some(IdKind::Organization), &ids.organization_id)
    } else if let Some(ids) = &ids.user_ids {
        (Some(IdKind::User), &ids.user_id)
    } else if let Some(ids) = &ids.application_ids {
        (Some(IdKind::Application), &ids.application_id)
    } else if let Some(ids) = &ids.gateway_ids {
        (Some(IdKind::Gateway), &ids.gateway_id)
    } else if let Some(ids) = &ids.client_ids {
        (Some(IdKind::Client), &ids.client_id)
    } else if let Some(ids) = &ids.device_ids {
        (Some(IdKind::Device), &ids.device_id)
    } else {
        (None, "")
    }
}

/// A field the user filled in, trimmed; `None` when blank.
fn given(field: Option<&str>) -> Option<&str> {
    field.map(str::trim).filter(|text| !text.is_empty())
}

fn set_expiry(expires_at: Option<&str>, now: i64, report: &mut Report) {
    let expires_at = given(expires_at);
    let parsed = expires_at.and_then(parse_rfc3339);
    report.expiry = Some(match (expires_at, parsed) {
        (None, _) => Expiry::Never,
        (Some(_), None) => Expiry::Unreadable,
        (Some(_), Some(at)) if at <= now => Expiry::Expired,
        (Some(_), Some(at)) => Expiry::Expires {
            days: at.saturating_sub(now) / SECONDS_PER_DAY,
        },
    });
    // Invariant: only a string that parsed as RFC 3339 is passed on, so it holds nothing
    // but digits, `-`, `:`, `.`, `T`, `Z` and `+`.
    report.expires_at = parsed.and(expires_at).map(str::to_owned);
    if let Some(Expiry::Expires { days }) = report.expiry {
        if days < EXPIRES_SOON_DAYS {
            report.warnings.push(Warning::ExpiresSoon);
        }
    }
}

const MAX_NAME_CHARS: usize = 50;
const MAX_WARNING_CHARS: usize = 200;
