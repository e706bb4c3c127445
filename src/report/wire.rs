//! The wire types: the JSON the check reads from The Things Stack, as far as it reads it
//! (`reference/tts/NOTES.md` §2 and §3). [`AuthInfo`] is the answer to
//! `GET /api/v3/auth_info` (`AuthInfoResponse`), [`Status`] an error body
//! (`google.rpc.Status` with `ttn.lorawan.v3.ErrorDetails`). Each has a `from_json`
//! (in `read.rs`).
//!
//! Invariant: no type here has a field for a key's secret.

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
