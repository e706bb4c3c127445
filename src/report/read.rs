//! Reading the answer: the wire types from a [`Json`] tree (a `from_json` for each), the
//! right names of a list or of the `missing` attribute, and the error name and namespace
//! of a `Status` message. The body is parsed by [`crate::json`].

use crate::json::Json;
use crate::rights;

use super::clean::clean_right;
use super::wire::{
    ApiKeyAccess, ApiKeyInfo, ApplicationIds, Attributes, AuthInfo, ClientIds, DeviceIds,
    EntityIds, ErrorDetails, GatewayIds, GatewayToken, OAuthAccessToken, OrganizationIds,
    RightsList, Status, UserIds, UserSession,
};

// The `from_json` functions read the wire types from a `Json` tree by the rules serde's
// derive had: an object is required, unknown members are ignored, a missing member takes
// its default, `null` is `None` for an `Option` (and nothing for the lenient `rights` and
// `is_admin`) but wrong for a `String`, a list or a number, and a member given more than
// once counts with its last value, the one rule of `Json::get` (as in JavaScript's
// `JSON.parse`; `json.rs` says how Go differs). `None` means the JSON does not have the
// expected shape.

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
struct Fields<'j, 'a>(&'j Json<'a>);

impl<'j, 'a> Fields<'j, 'a> {
    /// The members of `json`; `None` when it is not an object.
    fn of(json: &'j Json<'a>) -> Option<Self> {
        json.as_object()?;
        Some(Fields(json))
    }

    /// The value of member `name`, if the object has one; a name given more than once
    /// counts with its last value ([`Json::get`]).
    fn get(&self, name: &str) -> Option<&'j Json<'a>> {
        self.0.get(name)
    }

    /// An optional member: absent or `null` is `Some(None)`, anything else goes to `read`.
    fn optional<T>(
        &self,
        name: &str,
        read: impl Fn(&'j Json<'a>) -> Option<T>,
    ) -> Option<Option<T>> {
        match self.get(name) {
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
        match self.get(name) {
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

/// `name` from a message `error:<namespace>:<name> (<text>)`.
pub(super) fn name_from_message(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("error:")?;
    let head = rest.split(' ').next()?;
    head.rsplit_once(':').map(|(_, name)| name)
}

/// `namespace` from a message `error:<namespace>:<name> (<text>)`.
pub(super) fn namespace_from_message(message: &str) -> Option<&str> {
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
    // Each name once, where it first appears.
    let canonical: Vec<&str> = names.iter().map(|name| rights::canonical(name)).collect();
    rights::first_of_each(&canonical)
        .into_iter()
        .map(str::to_owned)
        .collect()
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
