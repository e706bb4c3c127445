//! The outcome table: every result of a check with a stable code, a cause and a fix in
//! plain words, one row per error name of The Things Stack (`reference/tts/NOTES.md` §3)
//! and per failure below it; the warnings, with their messages; and which outcome an error
//! name or an HTTP status stands for.
//!
//! Messages are `&'static str` from these tables, so they cannot echo server or user text.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::value::{ToValue, Value};

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
    /// A key of an application or a gateway. The Things Stack has API keys of users,
    /// organizations, applications and gateways only (the `api-keys` paths of
    /// lorawan-stack v3.32.1's `api/api.swagger.json`).
    WrongEntity = "wrong_entity",
        "This API key belongs to an application or a gateway, not to an organization.",
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

impl ToValue for Outcome {
    fn to_value(&self) -> Value {
        Value::Object(vec![
            ("code", Value::Static(self.code())),
            ("cause", Value::Static(self.cause())),
            ("fix", Value::Static(self.fix())),
        ])
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

impl ToValue for Warning {
    fn to_value(&self) -> Value {
        Value::Object(vec![
            ("code", Value::Static(self.code())),
            ("message", Value::Static(self.message())),
        ])
    }
}

/// The outcome for a known error name (without namespace).
pub(super) fn outcome_of_name(name: &str) -> Option<Outcome> {
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
pub(super) fn outcome_of_status(status: u16, not_json: bool) -> Outcome {
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
