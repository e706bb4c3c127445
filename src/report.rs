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
//! Invariant: the report holds no secret. The request's key never reaches this module,
//! and the `key` field of an API key is never read. Everything the server sent is
//! untrusted text: error names, IDs and right names are kept only when they have the
//! expected shape, and free text (the key's name, `X-Warning`) is cut short, stripped
//! of control characters, and dropped if it looks like it holds a token. Messages come
//! from the static tables below; numbers (days, seconds) are separate fields.

use std::borrow::Cow;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::ids::{self, IdKind};
use crate::json::{self, Json};
use crate::key::{self, TokenKind};
use crate::rights;

// ANCHOR: wire

/// The JSON body of `GET /api/v3/auth_info` (`AuthInfoResponse`). At most one access
/// method is set; all are absent in the `{}` the server sends for an anonymous request.
/// Unknown fields are ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuthInfo {
    /// Set when the request carried an API key.
    pub api_key: Option<ApiKeyAccess>,
    /// Set when the request carried an OAuth access token.
    pub oauth_access_token: Option<OAuthAccessToken>,
    /// Set when the request carried a Console session.
    pub user_session: Option<UserSession>,
    /// Set when the request carried a gateway token.
    pub gateway_token: Option<GatewayToken>,
    /// Rights that hold on every entity (admins; cluster keys).
    pub universal_rights: Option<RightsList>,
    /// Whether the caller is an administrator of the server.
    pub is_admin: bool,
}

/// An API key and the entity it belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiKeyAccess {
    /// The key, without its secret.
    pub api_key: ApiKeyInfo,
    /// The entity the key belongs to.
    pub entity_ids: EntityIds,
}

/// An API key as the server describes it.
///
/// Invariant: there is no `key` field, so even a response that carried the secret (the
/// create call does, once) would never have it read into this type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiKeyInfo {
    /// The Key ID (39 base32 characters), not secret.
    pub id: Option<String>,
    /// The name its creator gave it.
    pub name: Option<String>,
    /// Its rights, expanded by the server; names that are not right-shaped are dropped,
    /// numbers are mapped to names.
    pub rights: Vec<String>,
    /// RFC 3339.
    pub created_at: Option<String>,
    /// RFC 3339.
    pub updated_at: Option<String>,
    /// RFC 3339; absent when the key never expires.
    pub expires_at: Option<String>,
}

/// Exactly one entity's identifiers (a protobuf `oneof`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct EntityIds {
    /// An application.
    pub application_ids: Option<ApplicationIds>,
    /// An OAuth client.
    pub client_ids: Option<ClientIds>,
    /// An end device.
    pub device_ids: Option<DeviceIds>,
    /// A gateway.
    pub gateway_ids: Option<GatewayIds>,
    /// An organization.
    pub organization_ids: Option<OrganizationIds>,
    /// A user.
    pub user_ids: Option<UserIds>,
}

/// `{"application_id": …}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApplicationIds {
    /// The application ID.
    pub application_id: String,
}

/// `{"client_id": …}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ClientIds {
    /// The OAuth client ID.
    pub client_id: String,
}

/// `{"device_id": …, "application_ids": {…}}` (EUIs are ignored).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeviceIds {
    /// The end device ID.
    pub device_id: String,
    /// The application the device is in.
    pub application_ids: Option<ApplicationIds>,
}

/// `{"gateway_id": …}` (the EUI is ignored).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct GatewayIds {
    /// The gateway ID.
    pub gateway_id: String,
}

/// `{"organization_id": …}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct OrganizationIds {
    /// The organization ID.
    pub organization_id: String,
}

/// `{"user_id": …}` (the e-mail address is ignored).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct UserIds {
    /// The user ID.
    pub user_id: String,
}

/// An OAuth access token, without its secret.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct OAuthAccessToken {
    /// The user it acts for.
    pub user_ids: Option<UserIds>,
    /// The OAuth client it was issued to.
    pub client_ids: Option<ClientIds>,
    /// The token ID.
    pub id: Option<String>,
    /// Its rights, expanded.
    pub rights: Vec<String>,
    /// RFC 3339.
    pub created_at: Option<String>,
    /// RFC 3339.
    pub expires_at: Option<String>,
}

/// A Console login session, without its secret.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct UserSession {
    /// The user logged in.
    pub user_ids: Option<UserIds>,
    /// RFC 3339.
    pub created_at: Option<String>,
    /// RFC 3339.
    pub expires_at: Option<String>,
}

/// A gateway token.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct GatewayToken {
    /// The gateway.
    pub gateway_ids: Option<GatewayIds>,
    /// Its rights.
    pub rights: Vec<String>,
}

/// `{"rights": […]}`: the `Rights` message is an object, not an array.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RightsList {
    /// The rights.
    pub rights: Vec<String>,
}

/// An error body of the HTTP API (`google.rpc.Status`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Status {
    /// The gRPC status code (16 unauthenticated, 7 permission denied, …).
    pub code: i64,
    /// `error:<namespace>:<name> (<formatted message>)`.
    pub message: String,
    /// Usually one `ttn.lorawan.v3.ErrorDetails`.
    pub details: Vec<ErrorDetails>,
}

/// `ttn.lorawan.v3.ErrorDetails`: the structured part of an error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorDetails {
    /// `@type`: `type.googleapis.com/ttn.lorawan.v3.ErrorDetails`.
    pub type_url: String,
    /// The Go package that defined the error, e.g. `pkg/identityserver`.
    pub namespace: String,
    /// The error name, e.g. `api_key_not_found`.
    pub name: String,
    /// The message with `{placeholders}` for the attributes.
    pub message_format: String,
    /// The public attributes this check reads (others, e.g. `rate`, are ignored).
    pub attributes: Attributes,
    /// Ties the error to the server's logs.
    pub correlation_id: String,
    /// The error that caused this one.
    pub cause: Option<Box<ErrorDetails>>,
    /// The gRPC status code.
    pub code: u32,
}

/// The public attributes of an error that this check reads, from the `attributes` object.
/// A duplicated name counts with its last value, as in JavaScript.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Attributes {
    /// `uid`, the entity the error is about (e.g. `my-org@ttn`), when it is a string.
    pub uid: Option<String>,
    /// `missing`, the rights lacking, from a list of names (or numbers), or from one string
    /// of names separated by commas or spaces; right-shaped names only, canonical, each
    /// once.
    pub missing: Vec<String>,
}

// ANCHOR_END: wire

// The `from_json` functions read the wire types from a `Json` tree by the rules serde's
// derive had: an object is required, unknown members are ignored, a missing member takes
// its default, `null` is `None` for an `Option` (and nothing for the lenient `rights` and
// `is_admin`) but wrong for a `String`, a list or a number, and a member given twice
// makes the object unreadable. `None` means the JSON does not have the expected shape.

impl AuthInfo {
    /// Reads an `auth_info` answer; `None` when the JSON does not have this shape.
    pub fn from_json(json: &Json<'_>) -> Option<Self> {
        let fields = Fields::of(json)?;
        Some(AuthInfo {
            api_key: fields.optional("api_key", ApiKeyAccess::from_json)?,
            oauth_access_token: fields
                .optional("oauth_access_token", OAuthAccessToken::from_json)?,
            user_session: fields.optional("user_session", UserSession::from_json)?,
            gateway_token: fields.optional("gateway_token", GatewayToken::from_json)?,
            universal_rights: fields.optional("universal_rights", RightsList::from_json)?,
            is_admin: fields.optional("is_admin", Json::as_bool)?.unwrap_or(false),
        })
    }
}

impl ApiKeyAccess {
    /// Reads `{api_key, entity_ids}`; `None` when the JSON does not have this shape.
    pub fn from_json(json: &Json<'_>) -> Option<Self> {
        let fields = Fields::of(json)?;
        Some(ApiKeyAccess {
            api_key: fields.or_default("api_key", ApiKeyInfo::from_json)?,
            entity_ids: fields.or_default("entity_ids", EntityIds::from_json)?,
        })
    }
}

impl ApiKeyInfo {
    /// Reads an API key (never its `key`); `None` when the JSON does not have this shape.
    pub fn from_json(json: &Json<'_>) -> Option<Self> {
        let fields = Fields::of(json)?;
        Some(ApiKeyInfo {
            id: fields.optional("id", string)?,
            name: fields.optional("name", string)?,
            rights: fields.rights()?,
            created_at: fields.optional("created_at", string)?,
            updated_at: fields.optional("updated_at", string)?,
            expires_at: fields.optional("expires_at", string)?,
        })
    }
}

impl EntityIds {
    /// Reads entity identifiers; `None` when the JSON does not have this shape.
    pub fn from_json(json: &Json<'_>) -> Option<Self> {
        let fields = Fields::of(json)?;
        Some(EntityIds {
            application_ids: fields.optional("application_ids", ApplicationIds::from_json)?,
            client_ids: fields.optional("client_ids", ClientIds::from_json)?,
            device_ids: fields.optional("device_ids", DeviceIds::from_json)?,
            gateway_ids: fields.optional("gateway_ids", GatewayIds::from_json)?,
            organization_ids: fields.optional("organization_ids", OrganizationIds::from_json)?,
            user_ids: fields.optional("user_ids", UserIds::from_json)?,
        })
    }
}

impl ApplicationIds {
    /// Reads `{application_id}`; `None` when the JSON does not have this shape.
    pub fn from_json(json: &Json<'_>) -> Option<Self> {
        let fields = Fields::of(json)?;
        Some(ApplicationIds {
            application_id: fields.or_default("application_id", string)?,
        })
    }
}

impl ClientIds {
    /// Reads `{client_id}`; `None` when the JSON does not have this shape.
    pub fn from_json(json: &Json<'_>) -> Option<Self> {
        let fields = Fields::of(json)?;
        Some(ClientIds {
            client_id: fields.or_default("client_id", string)?,
        })
    }
}

impl DeviceIds {
    /// Reads `{device_id, application_ids}`; `None` when the JSON does not have this shape.
    pub fn from_json(json: &Json<'_>) -> Option<Self> {
        let fields = Fields::of(json)?;
        Some(DeviceIds {
            device_id: fields.or_default("device_id", string)?,
            application_ids: fields.optional("application_ids", ApplicationIds::from_json)?,
        })
    }
}

impl GatewayIds {
    /// Reads `{gateway_id}`; `None` when the JSON does not have this shape.
    pub fn from_json(json: &Json<'_>) -> Option<Self> {
        let fields = Fields::of(json)?;
        Some(GatewayIds {
            gateway_id: fields.or_default("gateway_id", string)?,
        })
    }
}

impl OrganizationIds {
    /// Reads `{organization_id}`; `None` when the JSON does not have this shape.
    pub fn from_json(json: &Json<'_>) -> Option<Self> {
        let fields = Fields::of(json)?;
        Some(OrganizationIds {
            organization_id: fields.or_default("organization_id", string)?,
        })
    }
}

impl UserIds {
    /// Reads `{user_id}`; `None` when the JSON does not have this shape.
    pub fn from_json(json: &Json<'_>) -> Option<Self> {
        let fields = Fields::of(json)?;
        Some(UserIds {
            user_id: fields.or_default("user_id", string)?,
        })
    }
}

impl OAuthAccessToken {
    /// Reads an OAuth access token; `None` when the JSON does not have this shape.
    pub fn from_json(json: &Json<'_>) -> Option<Self> {
        let fields = Fields::of(json)?;
        Some(OAuthAccessToken {
            user_ids: fields.optional("user_ids", UserIds::from_json)?,
            client_ids: fields.optional("client_ids", ClientIds::from_json)?,
            id: fields.optional("id", string)?,
            rights: fields.rights()?,
            created_at: fields.optional("created_at", string)?,
            expires_at: fields.optional("expires_at", string)?,
        })
    }
}

impl UserSession {
    /// Reads a user session; `None` when the JSON does not have this shape.
    pub fn from_json(json: &Json<'_>) -> Option<Self> {
        let fields = Fields::of(json)?;
        Some(UserSession {
            user_ids: fields.optional("user_ids", UserIds::from_json)?,
            created_at: fields.optional("created_at", string)?,
            expires_at: fields.optional("expires_at", string)?,
        })
    }
}

impl GatewayToken {
    /// Reads a gateway token; `None` when the JSON does not have this shape.
    pub fn from_json(json: &Json<'_>) -> Option<Self> {
        let fields = Fields::of(json)?;
        Some(GatewayToken {
            gateway_ids: fields.optional("gateway_ids", GatewayIds::from_json)?,
            rights: fields.rights()?,
        })
    }
}

impl RightsList {
    /// Reads `{rights}`; `None` when the JSON does not have this shape.
    pub fn from_json(json: &Json<'_>) -> Option<Self> {
        let fields = Fields::of(json)?;
        Some(RightsList {
            rights: fields.rights()?,
        })
    }
}

impl Status {
    /// Reads an error body; `None` when the JSON does not have this shape.
    pub fn from_json(json: &Json<'_>) -> Option<Self> {
        let fields = Fields::of(json)?;
        Some(Status {
            code: fields.or_default("code", Json::as_i64)?,
            message: fields.or_default("message", string)?,
            details: fields.or_default("details", |json| {
                json.as_array()?
                    .iter()
                    .map(ErrorDetails::from_json)
                    .collect()
            })?,
        })
    }
}

impl ErrorDetails {
    /// Reads `ErrorDetails`, its causes included; `None` when the JSON does not have this
    /// shape.
    pub fn from_json(json: &Json<'_>) -> Option<Self> {
        let fields = Fields::of(json)?;
        Some(ErrorDetails {
            type_url: fields.or_default("@type", string)?,
            namespace: fields.or_default("namespace", string)?,
            name: fields.or_default("name", string)?,
            message_format: fields.or_default("message_format", string)?,
            attributes: fields.or_default("attributes", Attributes::from_json)?,
            correlation_id: fields.or_default("correlation_id", string)?,
            cause: fields.optional("cause", |json| ErrorDetails::from_json(json).map(Box::new))?,
            code: fields.or_default("code", |json| u32::try_from(json.as_u64()?).ok())?,
        })
    }
}

impl Attributes {
    /// Reads the attributes this check uses; `None` when the JSON is not an object.
    pub fn from_json(json: &Json<'_>) -> Option<Self> {
        json.as_object()?;
        Some(Attributes {
            uid: json.get("uid").and_then(string),
            missing: json
                .get("missing")
                .map(rights_of_attribute)
                .unwrap_or_default(),
        })
    }
}

/// The members of a JSON object, read by name.
struct Fields<'j, 'a>(&'j [(Cow<'a, str>, Json<'a>)]);

impl<'j, 'a> Fields<'j, 'a> {
    fn of(json: &'j Json<'a>) -> Option<Self> {
        json.as_object().map(Fields)
    }

    /// The value of member `name`: `Some(None)` when it is absent, `None` when it appears
    /// more than once.
    fn get(&self, name: &str) -> Option<Option<&'j Json<'a>>> {
        let mut values = self.0.iter().filter(|(key, _)| key == name);
        let first = values.next().map(|(_, value)| value);
        values.next().is_none().then_some(first)
    }

    /// An optional member: absent or `null` is `Some(None)`, anything else goes to `read`.
    fn optional<T>(
        &self,
        name: &str,
        read: impl Fn(&'j Json<'a>) -> Option<T>,
    ) -> Option<Option<T>> {
        match self.get(name)? {
            None | Some(Json::Null) => Some(None),
            Some(value) => read(value).map(Some),
        }
    }

    /// A member with a default: absent is the default, anything else (`null` included)
    /// goes to `read`.
    fn or_default<T: Default>(
        &self,
        name: &str,
        read: impl Fn(&'j Json<'a>) -> Option<T>,
    ) -> Option<T> {
        match self.get(name)? {
            None => Some(T::default()),
            Some(value) => read(value),
        }
    }

    /// The `rights` member: absent or `null` is none; otherwise a list, whose right-shaped
    /// names are kept and whose numbers are mapped to names.
    fn rights(&self) -> Option<Vec<String>> {
        let rights = self.optional("rights", |json| {
            Some(json.as_array()?.iter().filter_map(right_of_value).collect())
        })?;
        Some(rights.unwrap_or_default())
    }
}

fn string(json: &Json<'_>) -> Option<String> {
    json.as_str().map(str::to_owned)
}

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

macro_rules! outcomes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $cause:literal, $fix:literal; )*) => {
        /// The result of the check: `Ok`, or what went wrong. Each has a stable snake_case
        /// [`code`](Outcome::code), a [`cause`](Outcome::cause) and a [`fix`](Outcome::fix).
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
        #[non_exhaustive]
        pub enum Outcome {
            $( $(#[$doc])* $variant, )*
        }

        impl Outcome {
            /// Every outcome, in table order.
            pub const ALL: &'static [Outcome] = &[$(Outcome::$variant,)*];

            /// The stable snake_case code, as JS sees it.
            pub fn code(self) -> &'static str {
                match self { $(Outcome::$variant => $code,)* }
            }

            /// What happened, in plain words.
            pub fn cause(self) -> &'static str {
                match self { $(Outcome::$variant => $cause,)* }
            }

            /// What the user should do next.
            pub fn fix(self) -> &'static str {
                match self { $(Outcome::$variant => $fix,)* }
            }
        }
    };
}

outcomes! {
    /// The key works and passed every check asked for.
    Ok = "ok",
        "The key works and passed every check.",
        "Nothing to do.";
    /// 200 `{}`: the server recognised no credentials.
    Anonymous = "anonymous",
        "The server did not recognise a key in the request and answered as for an anonymous visitor.",
        "Send the key in the Authorization header as the word Bearer, a space, and the key. Without the space the server ignores the key.";
    /// An OAuth access token instead of an API key.
    OAuthAccessToken = "oauth_access_token",
        "This is an OAuth access token, not an API key. It expires within hours.",
        "Create an API key in the Console: open your organization, then API keys, then Add API key.";
    /// A Console session instead of an API key.
    UserSession = "user_session",
        "The request was signed in with a Console login session, not with an API key.",
        "Create an API key in the Console: open your organization, then API keys, then Add API key.";
    /// A gateway token instead of an API key.
    GatewayToken = "gateway_token",
        "This is a gateway token, not an API key.",
        "Create an API key in the Console: open your organization, then API keys, then Add API key.";
    /// A key of an application, gateway, OAuth client or end device.
    WrongEntity = "wrong_entity",
        "This API key belongs to an application, gateway, OAuth client or end device, not to an organization.",
        "Create the key under the organization instead: open the organization in the Console, then API keys, then Add API key.";
    /// An organization key of another organization than the one entered.
    WrongOrganization = "wrong_organization",
        "This API key belongs to a different organization than the Organization Id you entered.",
        "Enter the organization the key belongs to (shown in this report), or create a key under the organization you entered.";
    /// The key lacks required rights.
    MissingRights = "missing_rights",
        "The key lacks rights that are needed; they are listed as missing.",
        "In the Console, open the organization, then API keys, select this key, tick the missing rights and save. Or create a new key with them.";
    /// The Key Id entered is not this key's ID.
    KeyIdMismatch = "key_id_mismatch",
        "The Key Id you entered is not the ID of this key.",
        "Enter this key's ID, shown in this report and in the Console's list of API keys. It is the part of the key between the two dots.";
    /// The key has expired.
    ApiKeyExpired = "api_key_expired",
        "The key has expired.",
        "Create a new key without an expiry date, or with a later one, and enter it here.";
    /// No key with this ID exists on the server.
    ApiKeyNotFound = "api_key_not_found",
        "The server has no key with this Key ID: the key was deleted, or it was created on another server or cluster.",
        "Check that the server address is where you created the key (The Things Network and The Things Stack Cloud are separate). Otherwise create a new key.";
    /// The Key ID exists but the secret does not match.
    InvalidAuthorization = "invalid_authorization",
        "The server knows this Key ID, but the rest of the key does not match it: part of the key was changed or lost while copying.",
        "Copy the whole key again from where you saved it. If you no longer have it, create a new key: the Console shows a key only once.";
    /// The server could not read the token (400 `token`).
    MalformedToken = "malformed_token",
        "The server could not read the key: an API key starts with NNSXS and has three parts separated by dots.",
        "Paste the whole API key exactly as the Console showed it.";
    /// The Authorization header is not `Bearer`.
    UnsupportedAuthorization = "unsupported_authorization",
        "The Authorization header uses a method other than Bearer.",
        "Send the key in the Authorization header as the word Bearer, a space, and the key.";
    /// An OAuth or session token the server does not know.
    TokenNotFound = "token_not_found",
        "The server does not know this OAuth or session token: it was revoked, or it belongs to another server.",
        "Use an organization API key instead: open the organization in the Console, then API keys, then Add API key.";
    /// An expired OAuth or session token.
    TokenExpired = "token_expired",
        "This OAuth or session token has expired.",
        "Use an organization API key instead: open the organization in the Console, then API keys, then Add API key.";
    /// The server saw no credentials where they are required.
    Unauthenticated = "unauthenticated",
        "The server saw no key in the request.",
        "Send the key in the Authorization header as the word Bearer, a space, and the key.";
    /// No rights at all on the entity, or the entity does not exist.
    NoRights = "no_rights",
        "The key has no rights on the requested organization or entity, or that entity does not exist.",
        "Check the ID you entered, and that the key was created under that organization.";
    /// Some rights on the entity, but not all the request needs.
    InsufficientRights = "insufficient_rights",
        "The key has some rights on the entity, but not all that this request needs; the missing ones are listed.",
        "Add the missing rights to the key in the Console (organization, API keys, this key), or create a new key with them.";
    /// The account the key belongs to is suspended.
    UserSuspended = "user_suspended",
        "The account this key belongs to is suspended, so its keys do not work.",
        "Contact the administrator of the server.";
    /// The account's registration was rejected.
    UserRejected = "user_rejected",
        "The registration of the account this key belongs to was rejected, so its keys do not work.",
        "Contact the administrator of the server.";
    /// The account awaits approval.
    UserRequested = "user_requested",
        "The account this key belongs to is still waiting for an administrator's approval.",
        "Wait for the approval, then try again.";
    /// Too many requests.
    RateLimitExceeded = "rate_limit_exceeded",
        "The server received too many requests and asks to slow down.",
        "Wait before trying again: the number of seconds shown, or a minute if none is shown.";
    /// The server rejected a value in the request.
    Validation = "validation",
        "The server rejected a value in the request as invalid.",
        "Check the IDs you entered: lower-case letters, digits and single dashes only.";
    /// No such address on the server.
    NotFound = "not_found",
        "The server has no such address: the server URL is wrong, or the ID in it does not exist.",
        "Use the Identity Server address of your deployment, on the eu1 cluster: https://eu1.cloud.thethings.network for The Things Network, or your tenant's address on eu1.cloud.thethings.industries for The Things Stack Cloud.";
    /// 5xx: a problem on the server's side.
    ServerError = "server_error",
        "The server had an internal problem or is unavailable. This says nothing about the key.",
        "Try again in a few minutes.";
    /// The answer is not JSON, e.g. an HTML page.
    NotJson = "not_json",
        "The answer is not from The Things Stack API: it is not JSON (for example an HTML page from a proxy or a login page).",
        "Check the server address. Use your deployment's eu1 address, such as https://eu1.cloud.thethings.network.";
    /// JSON, but not the shape expected.
    UnexpectedResponse = "unexpected_response",
        "The server's answer does not have the expected form.",
        "Check the server address. If it is right, try again later.";
    /// A server error this check does not know.
    UnknownError = "unknown_error",
        "The server refused the request with an error this check does not know.",
        "Try again. If it persists, give the error name and correlation ID shown here when you ask for support.";
}

impl Outcome {
    /// Whether this is [`Outcome::Ok`].
    pub fn is_ok(self) -> bool {
        self == Outcome::Ok
    }
}

/// `{code, cause, fix}`, the shape JS gets.
impl Serialize for Outcome {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Outcome", 3)?;
        state.serialize_field("code", self.code())?;
        state.serialize_field("cause", self.cause())?;
        state.serialize_field("fix", self.fix())?;
        state.end()
    }
}

/// How many days before expiry [`Warning::ExpiresSoon`] starts.
pub const EXPIRES_SOON_DAYS: i64 = 30;

macro_rules! warnings {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $message:literal; )*) => {
        /// Something worth knowing that does not make the check fail. Each has a stable
        /// snake_case [`code`](Warning::code) and a [`message`](Warning::message).
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
        #[non_exhaustive]
        pub enum Warning {
            $( $(#[$doc])* $variant, )*
        }

        impl Warning {
            /// Every warning, in table order.
            pub const ALL: &'static [Warning] = &[$(Warning::$variant,)*];

            /// The stable snake_case code, as JS sees it.
            pub fn code(self) -> &'static str {
                match self { $(Warning::$variant => $code,)* }
            }

            /// What the user should know, and do.
            pub fn message(self) -> &'static str {
                match self { $(Warning::$variant => $message,)* }
            }
        }
    };
}

warnings! {
    /// A personal (user) key where an organization key is expected.
    UserKey = "user_key",
        "This is a personal (user) API key. IotBridge expects an organization API key, which keeps working when people leave. Create one: open the organization in the Console, then API keys, then Add API key.";
    /// The key belongs to a server administrator.
    AdminKey = "admin_key",
        "This key belongs to an administrator and can reach every organization on the server. Give IotBridge an organization key with only the rights it needs.";
    /// The key expires within [`EXPIRES_SOON_DAYS`].
    ExpiresSoon = "expires_soon",
        "The key expires soon, and IotBridge stops working then. Create a key without an expiry date, or with a later one.";
    /// The server sent an `X-Warning` header.
    ServerWarning = "server_warning",
        "The server sent a warning with its answer (shown below). For a personal key this usually means the account is pending or its e-mail address is not validated, which restricts the key's rights.";
    /// `RIGHT_ORGANIZATION_ALL` is granted but application rights are missing.
    OrganizationAllOnly = "organization_all_only",
        "The key has all organization rights, but those do not include the organization's applications and devices. Add the application rights as well.";
}

/// `{code, message}`, the shape JS gets.
impl Serialize for Warning {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Warning", 2)?;
        state.serialize_field("code", self.code())?;
        state.serialize_field("message", self.message())?;
        state.end()
    }
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
            .then(|| {
                response
                    .header("x-rate-limit-retry")
                    .or_else(|| response.header("retry-after"))
                    .and_then(|value| value.trim().parse().ok())
            })
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

/// The outcome for a known error name (without namespace).
fn outcome_of_name(name: &str) -> Option<Outcome> {
    let outcome = match name {
        "api_key_not_found" => Outcome::ApiKeyNotFound,
        "invalid_authorization" => Outcome::InvalidAuthorization,
        "api_key_expired" => Outcome::ApiKeyExpired,
        "token" => Outcome::MalformedToken,
        "unsupported_authorization" => Outcome::UnsupportedAuthorization,
        "token_not_found" => Outcome::TokenNotFound,
        "token_expired" => Outcome::TokenExpired,
        "unauthenticated" => Outcome::Unauthenticated,
        "user_suspended" => Outcome::UserSuspended,
        "user_rejected" => Outcome::UserRejected,
        "user_requested" => Outcome::UserRequested,
        "rate_limit_exceeded" => Outcome::RateLimitExceeded,
        "validation" | "field_mask_paths" => Outcome::Validation,
        "route_not_found" => Outcome::NotFound,
        name if name.starts_with("insufficient_") && name.ends_with("rights") => {
            Outcome::InsufficientRights
        }
        name if name.starts_with("no_") && name.ends_with("_rights") => Outcome::NoRights,
        _ => return None,
    };
    Some(outcome)
}

/// The outcome when the error name is unknown or absent.
fn outcome_of_status(status: u16, not_json: bool) -> Outcome {
    match status {
        500..=599 => Outcome::ServerError,
        429 => Outcome::RateLimitExceeded,
        404 => Outcome::NotFound,
        401 => Outcome::Unauthenticated,
        403 => Outcome::NoRights,
        400..=499 if not_json => Outcome::NotJson,
        400..=499 => Outcome::UnknownError,
        _ => Outcome::UnexpectedResponse,
    }
}

/// `name` from a message `error:<namespace>:<name> (<text>)`.
fn name_from_message(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("error:")?;
    let head = rest.split(' ').next()?;
    head.rsplit_once(':').map(|(_, name)| name)
}

/// `namespace` from a message `error:<namespace>:<name> (<text>)`.
fn namespace_from_message(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("error:")?;
    let head = rest.split(' ').next()?;
    head.rsplit_once(':').map(|(namespace, _)| namespace)
}

/// Right names from the `missing` attribute: a list of names (or numbers), or one string
/// of names separated by commas or spaces.
fn rights_of_attribute(value: &Json<'_>) -> Vec<String> {
    let names: Vec<String> = match value {
        Json::Array(items) => items.iter().filter_map(right_of_value).collect(),
        Json::String(text) => text.split([',', ' ']).filter_map(clean_right).collect(),
        _ => Vec::new(),
    };
    let mut unique: Vec<String> = Vec::new();
    for name in names {
        let name = rights::canonical(&name).to_owned();
        if !unique.contains(&name) {
            unique.push(name);
        }
    }
    unique
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

const SECONDS_PER_DAY: i64 = 86_400;
const MAX_NAME_CHARS: usize = 50;
const MAX_WARNING_CHARS: usize = 200;

/// `text` when it is 1..=`max` bytes that all pass `allowed`.
fn clean(text: &str, max: usize, allowed: impl Fn(u8) -> bool) -> Option<String> {
    (!text.is_empty() && text.len() <= max && text.bytes().all(allowed)).then(|| text.to_owned())
}

/// A right name from the server: letters, digits and underscores, at most 64.
fn clean_right(text: &str) -> Option<String> {
    clean(text.trim(), 64, |b| b.is_ascii_alphanumeric() || b == b'_')
}

/// A right from a list: a right-shaped name, or the number of a known right.
fn right_of_value(value: &Json<'_>) -> Option<String> {
    match value {
        Json::String(text) => clean_right(text),
        Json::Number(_) => value
            .as_u64()
            .and_then(|n| u16::try_from(n).ok())
            .and_then(rights::by_number)
            .map(|right| right.name.to_owned()),
        _ => None,
    }
}

/// Free text from the server, made safe to show: control characters removed, cut to
/// `max` characters, and dropped entirely if it seems to hold a token (`NNSXS.` and the
/// other token prefixes).
fn clean_text(text: &str, max: usize) -> Option<String> {
    let upper = text.to_ascii_uppercase();
    let holds_token = TokenKind::ALL.iter().any(|kind| {
        upper
            .match_indices(kind.prefix())
            .any(|(at, prefix)| upper[at + prefix.len()..].starts_with('.'))
    });
    if holds_token {
        return None;
    }
    let cleaned: String = text.chars().filter(|c| !c.is_control()).take(max).collect();
    let cleaned = cleaned.trim();
    (!cleaned.is_empty()).then(|| cleaned.to_owned())
}

/// Seconds since 1970-01-01T00:00:00Z for an RFC 3339 date-time such as
/// `2024-11-23T00:00:00Z`, `2023-11-22T15:50:02.883333Z` or `2024-11-23T01:00:00+01:00`;
/// fractions of a second are dropped. `None` when `text` is not one.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = bytes.get(range)?;
        digits.iter().try_fold(0i64, |value, &b| {
            b.is_ascii_digit().then(|| value * 10 + i64::from(b - b'0'))
        })
    };
    let separator =
        |index: usize, allowed: &[u8]| bytes.get(index).is_some_and(|b| allowed.contains(b));
    if !(separator(4, b"-")
        && separator(7, b"-")
        && separator(10, b"Tt ")
        && separator(13, b":")
        && separator(16, b":"))
    {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let month = u32::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
    let day = u32::try_from(day).ok()?;
    if day < 1 || day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = &bytes[19..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let n_digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if n_digits == 0 {
            return None;
        }
        rest = &fraction[n_digits..];
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let digits = [*h1, *h2, *m1, *m2];
            if !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let value = |a: u8, b: u8| i64::from(a - b'0') * 10 + i64::from(b - b'0');
            let (hours, minutes) = (value(*h1, *h2), value(*m1, *m2));
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = hours * 3600 + minutes * 60;
            if *sign == b'-' {
                -offset
            } else {
                offset
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    Some(days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second - offset)
}

/// Days since 1970-01-01 of the proleptic Gregorian date `year-month-day` (negative
/// before 1970); Howard Hinnant's `days_from_civil`. `month` is 1..=12 and `day` 1..=31;
/// other values give a meaningless number, never a panic.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let month = i64::from(month);
    let day = i64::from(day);
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month_from_march = (month + 9).rem_euclid(12);
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}
