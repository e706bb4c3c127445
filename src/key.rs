//! The token format of The Things Stack: token kinds, the base32 alphabet, the fixed
//! lengths, the secret mask, and the validated [`ApiKey`].
//!
//! Facts from `pkg/auth/auth.go` (see `reference/tts/NOTES.md` §1): a token is
//! `<type>.<id>.<secret>`, RFC 4648 base32 upper case without padding; an API key id is
//! 24 random bytes (39 chars), its secret 32 random bytes (52 chars), 98 chars in all.

use std::fmt;

/// Characters in the token-type part.
pub const PREFIX_LEN: usize = 5;
/// Characters in the Key ID (24 bytes in unpadded base32).
pub const ID_LEN: usize = 39;
/// Characters in the secret (32 bytes in unpadded base32).
pub const SECRET_LEN: usize = 52;
/// Characters in a whole API key: `NNSXS` `.` id `.` secret.
pub const KEY_LEN: usize = PREFIX_LEN + 1 + ID_LEN + 1 + SECRET_LEN;

/// What stands in place of a secret in every redacted form.
///
/// Invariant: fixed text, so a redacted key says nothing about the secret, not even its
/// length; it holds characters outside the base32 alphabet, so it can never be mistaken
/// for (or re-redacted as) a secret.
pub const SECRET_MASK: &str = "[REDACTED]";

/// The kinds of bearer token The Things Stack issues, told apart by their first part.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum TokenKind {
    /// An API key (`NNSXS`, "key" in base32): what IotBridge needs.
    ApiKey,
    /// An OAuth access token (`MFRWG`, "acc").
    OAuthAccessToken,
    /// An OAuth refresh token (`OJSWM`, "ref").
    OAuthRefreshToken,
    /// An OAuth authorization code (`MF2XI`, "aut").
    AuthorizationCode,
    /// A browser session token (`ONZW4`, "ssn"), made from the Console's session cookie.
    SessionToken,
}

impl TokenKind {
    /// Every kind, API key first.
    pub const ALL: [TokenKind; 5] = [
        TokenKind::ApiKey,
        TokenKind::OAuthAccessToken,
        TokenKind::OAuthRefreshToken,
        TokenKind::AuthorizationCode,
        TokenKind::SessionToken,
    ];

    /// The token-type part, e.g. `NNSXS`.
    pub fn prefix(self) -> &'static str {
        match self {
            TokenKind::ApiKey => "NNSXS",
            TokenKind::OAuthAccessToken => "MFRWG",
            TokenKind::OAuthRefreshToken => "OJSWM",
            TokenKind::AuthorizationCode => "MF2XI",
            TokenKind::SessionToken => "ONZW4",
        }
    }

    /// The kind whose token-type part is exactly `prefix` (upper case).
    pub fn from_prefix(prefix: &[u8]) -> Option<TokenKind> {
        TokenKind::ALL
            .into_iter()
            .find(|kind| kind.prefix().as_bytes() == prefix)
    }

    /// Stable snake_case name, as JS sees it in `kind`.
    pub fn code(self) -> &'static str {
        match self {
            TokenKind::ApiKey => "api_key",
            TokenKind::OAuthAccessToken => "oauth_access_token",
            TokenKind::OAuthRefreshToken => "oauth_refresh_token",
            TokenKind::AuthorizationCode => "authorization_code",
            TokenKind::SessionToken => "session_token",
        }
    }

    /// Human name for messages and labels.
    pub fn label(self) -> &'static str {
        match self {
            TokenKind::ApiKey => "API key",
            TokenKind::OAuthAccessToken => "OAuth access token",
            TokenKind::OAuthRefreshToken => "OAuth refresh token",
            TokenKind::AuthorizationCode => "OAuth authorization code",
            TokenKind::SessionToken => "Console session token",
        }
    }
}

/// Whether `byte` is in the RFC 4648 base32 alphabet, upper case (`A–Z`, `2–7`).
pub fn is_base32(byte: u8) -> bool {
    matches!(byte, b'A'..=b'Z' | b'2'..=b'7')
}

/// Whether `byte` can end a Key ID: 39 chars carry 195 bits for 192 data bits, so the
/// last char's 3 low bits are zero.
pub fn is_id_last(byte: u8) -> bool {
    matches!(byte, b'A' | b'I' | b'Q' | b'Y')
}

/// Whether `byte` can end a secret: 52 chars carry 260 bits for 256 data bits, so the
/// last char's 4 low bits are zero.
pub fn is_secret_last(byte: u8) -> bool {
    matches!(byte, b'A' | b'Q')
}

/// Whether `part` is a well-formed Key ID (length, alphabet, last char).
pub fn is_key_id(part: &[u8]) -> bool {
    part.len() == ID_LEN && part.iter().all(|&b| is_base32(b)) && is_id_last(part[ID_LEN - 1])
}

/// Whether `part` is a well-formed secret (length, alphabet, last char).
pub fn is_secret(part: &[u8]) -> bool {
    part.len() == SECRET_LEN
        && part.iter().all(|&b| is_base32(b))
        && is_secret_last(part[SECRET_LEN - 1])
}

/// A well-formed The Things Stack API key.
///
/// Built only by `ApiKey::parse` (in `diagnose`, which knows the problems) or the repair
/// in [`crate::check`], so holding one
/// proves the format. Invariant: neither `Debug` nor `Display` prints the secret;
/// `Display` prints the redacted form.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey {
    // Invariant: exactly KEY_LEN ASCII bytes in the form `NNSXS.<id>.<secret>`.
    text: String,
}

impl ApiKey {
    /// The fast path: `Some` only for a byte-exact, well-formed key.
    pub(crate) fn from_exact(input: &str) -> Option<ApiKey> {
        let bytes = input.as_bytes();
        let well_formed = bytes.len() == KEY_LEN
            && &bytes[..PREFIX_LEN] == TokenKind::ApiKey.prefix().as_bytes()
            && bytes[PREFIX_LEN] == b'.'
            && bytes[PREFIX_LEN + 1 + ID_LEN] == b'.'
            && is_key_id(&bytes[PREFIX_LEN + 1..PREFIX_LEN + 1 + ID_LEN])
            && is_secret(&bytes[KEY_LEN - SECRET_LEN..]);
        well_formed.then(|| ApiKey {
            text: input.to_owned(),
        })
    }

    /// The Key ID: not secret; the Console lists keys by it.
    pub fn id(&self) -> &str {
        self.text
            .get(PREFIX_LEN + 1..PREFIX_LEN + 1 + ID_LEN)
            .unwrap_or_default()
    }

    /// The whole key, secret included, for the `Authorization: Bearer` header and for
    /// an explicit "copy the full key" action. Named so every use stands out in review.
    pub fn expose_secret(&self) -> &str {
        &self.text
    }

    /// The key with its secret replaced by [`SECRET_MASK`].
    pub fn redacted(&self) -> Redacted<'_> {
        Redacted {
            kind: TokenKind::ApiKey,
            id: Some(self.id()),
        }
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiKey")
            .field("id", &self.id())
            .field("secret", &format_args!("{SECRET_MASK}"))
            .finish()
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.redacted().fmt(f)
    }
}

/// The redacted form of a token: `<type>.<id>.[REDACTED]`, or `<type>.[REDACTED]` when
/// the id is not readable (then the whole rest is masked, as it may hold secret text).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Redacted<'a> {
    kind: TokenKind,
    id: Option<&'a str>,
}

impl<'a> Redacted<'a> {
    /// The redacted form of a token of `kind` whose id is `id` (when readable).
    ///
    /// Invariant: callers pass an `id` only when it is a well-formed Key ID, never text
    /// that could hold part of a secret.
    pub fn new(kind: TokenKind, id: Option<&'a str>) -> Redacted<'a> {
        Redacted { kind, id }
    }
}

impl Redacted<'_> {
    /// Appends the redacted form to `out` (what `Display` prints, without `core::fmt`).
    /// Redaction uses it; the form's wasm build, which has none, does not.
    #[cfg_attr(
        all(target_arch = "wasm32", not(feature = "support")),
        allow(dead_code)
    )]
    pub(crate) fn write_to(&self, out: &mut String) {
        out.push_str(self.kind.prefix());
        out.push('.');
        if let Some(id) = self.id {
            out.push_str(id);
            out.push('.');
        }
        out.push_str(SECRET_MASK);
    }
}

impl fmt::Display for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.id {
            Some(id) => write!(f, "{}.{}.{}", self.kind.prefix(), id, SECRET_MASK),
            None => write!(f, "{}.{}", self.kind.prefix(), SECRET_MASK),
        }
    }
}
