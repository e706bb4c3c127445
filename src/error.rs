//! Problems found in a pasted key: a `Copy` kind with a stable code and a static message,
//! plus the span it concerns, in UTF-16 code units of the original input (what JS needs
//! to highlight).
//!
//! Invariant: messages are `&'static str` from the table below, so no message can ever
//! contain a character of the input, let alone of a secret.

use std::fmt;

/// One problem with a pasted key, and where it is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ParseError {
    kind: ErrorKind,
    start: usize,
    end: usize,
}

impl ParseError {
    pub(crate) fn new(kind: ErrorKind, start: usize, end: usize) -> ParseError {
        ParseError { kind, start, end }
    }

    /// What is wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Where the problem starts, in UTF-16 code units of the original input.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Where the problem ends (exclusive), in UTF-16 code units; equal to `start` when
    /// the problem is something missing at that point.
    pub fn end(&self) -> usize {
        self.end
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.message())
    }
}

impl std::error::Error for ParseError {}

macro_rules! error_kinds {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $fix:literal, $message:literal; )*) => {
        /// What is wrong with a pasted key. Each kind has a stable snake_case
        /// [`code`](ErrorKind::code) and a message that says what to do next.
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
        #[non_exhaustive]
        pub enum ErrorKind {
            $( $(#[$doc])* $variant, )*
        }

        impl ErrorKind {
            /// Every kind, in table order.
            pub const ALL: &'static [ErrorKind] = &[$(ErrorKind::$variant,)*];

            /// The stable snake_case code, as JS sees it.
            pub fn code(self) -> &'static str {
                match self { $(ErrorKind::$variant => $code,)* }
            }

            /// What the user should know and do, in one or two sentences.
            pub fn message(self) -> &'static str {
                match self { $(ErrorKind::$variant => $message,)* }
            }

            /// Whether the paste repair removes this problem without inventing characters.
            pub fn is_repairable(self) -> bool {
                !self.fix_message().is_empty()
            }

            /// What the repair did about this problem (empty for kinds it cannot repair).
            pub fn fix_message(self) -> &'static str {
                match self { $(ErrorKind::$variant => $fix,)* }
            }
        }
    };
}

error_kinds! {
    /// Nothing was pasted.
    Empty = "empty", "",
        "Paste the API key here. It starts with NNSXS. and is 98 characters long.";
    /// Spaces or line breaks before or after the key.
    SurroundingWhitespace = "surrounding_whitespace", "Removed spaces and line breaks around the key.",
        "There are spaces or line breaks around the key. Repair removes them.";
    /// Spaces or line breaks inside the key, as when a key is wrapped in an e-mail.
    InnerWhitespace = "inner_whitespace", "Joined the pieces: removed spaces and line breaks inside the key.",
        "The key contains spaces or line breaks, probably from wrapped text. Repair joins the pieces.";
    /// Quotes, backticks or angle brackets around the key.
    Quotes = "quotes", "Removed quotes, backticks or angle brackets around the key.",
        "The key is wrapped in quotes, backticks or angle brackets. Repair removes them.";
    /// A `Bearer ` or `Authorization: Bearer ` prefix was copied along.
    BearerPrefix = "bearer_prefix", "Removed the \"Bearer\" prefix.",
        "This is the Authorization header text. Enter only the key after \"Bearer\"; Repair removes the prefix.";
    /// Zero-width characters, a byte-order mark, or a soft hyphen.
    InvisibleCharacter = "invisible_character", "Removed invisible characters.",
        "The key contains invisible characters (zero-width space, byte-order mark or similar). Repair removes them.";
    /// Lower-case letters: keys are upper case.
    Lowercase = "lowercase", "Converted lower-case letters to upper case.",
        "API keys are upper case. Something changed the letters to lower case; Repair converts them back.";
    /// A Cyrillic, Greek or full-width character that looks like a key character.
    Lookalike = "lookalike_character", "Replaced look-alike characters with the Latin letters they stand for.",
        "This character only looks like a Latin letter or digit (Cyrillic, Greek or full-width). Repair replaces it with the letter it stands for.";
    /// `0` or `8`, which keys never contain, where the letter `O` or `B` was meant.
    DigitLookalike = "digit_not_in_alphabet", "Replaced the digit 0 with the letter O and 8 with B.",
        "API keys never contain the digits 0, 1, 8 or 9. This one stands for a letter (0 for O, 8 for B); Repair replaces it.";
    /// A character that could stand for more than one key character.
    AmbiguousCharacter = "ambiguous_character", "",
        "API keys never contain the digits 0, 1, 8 or 9, and this character could stand for more than one letter. Copy the key again instead of typing it.";
    /// A character that is never part of a key.
    InvalidCharacter = "invalid_character", "",
        "This character is not part of an API key, which only holds A to Z, 2 to 7 and two dots. Copy the key again.";
    /// The same key pasted twice in a row.
    PastedTwice = "pasted_twice", "Kept one copy of the key that was pasted twice.",
        "The key was pasted twice. Repair keeps one copy.";
    /// An OAuth access token (`MFRWG.`) instead of an API key.
    OAuthAccessToken = "oauth_access_token", "",
        "This is an OAuth access token (it starts with MFRWG.), which expires within hours. Create an API key in the Console under your organization's API keys instead.";
    /// An OAuth refresh token (`OJSWM.`) instead of an API key.
    OAuthRefreshToken = "oauth_refresh_token", "",
        "This is an OAuth refresh token (it starts with OJSWM.), not an API key. Create an API key in the Console under your organization's API keys instead.";
    /// An OAuth authorization code (`MF2XI.`) instead of an API key.
    AuthorizationCode = "authorization_code", "",
        "This is an OAuth authorization code (it starts with MF2XI.), not an API key. Create an API key in the Console under your organization's API keys instead.";
    /// A Console session token (`ONZW4.`) instead of an API key.
    SessionToken = "session_token", "",
        "This is a Console session token (it starts with ONZW4.), which ends when you log out. Create an API key in the Console under your organization's API keys instead.";
    /// A first part that is no token type of The Things Stack.
    UnknownPrefix = "unknown_prefix", "",
        "An API key starts with NNSXS. but this starts differently. Check that you copied an API key of The Things Stack, from its first character.";
    /// The `NNSXS.` part is missing: the paste starts with the Key ID.
    MissingPrefix = "missing_prefix", "",
        "The key's first part, NNSXS., is missing. Copy the whole key again, from its first character.";
    /// Only the Key ID was pasted.
    KeyIdOnly = "key_id_only", "",
        "This is the Key ID, not the key. The Key ID goes in the Key Id field; the Key Secret field needs the whole key, which starts with NNSXS. and which the Console showed once when the key was created.";
    /// Only the secret part was pasted.
    SecretOnly = "secret_only", "",
        "This looks like the secret part of a key only. Paste the whole key, which starts with NNSXS.";
    /// The key ends early.
    Truncated = "truncated", "",
        "The key ends early here: a whole key is 98 characters. Copy it again from where you saved it; if you no longer have it, create a new key.";
    /// More characters follow the secret.
    TooLong = "too_long", "",
        "There are extra characters after the end of the key. Remove them, or copy the key again.";
    /// A dot is missing between two parts.
    MissingSeparator = "missing_separator", "",
        "A dot is missing between the parts of the key: NNSXS, a dot, the 39-character Key ID, a dot, the 52-character secret. Copy the key again.";
    /// More dots than a key has.
    ExtraSeparator = "extra_separator", "",
        "This has more dots than an API key, which has exactly two. Paste just one key.";
    /// The Key ID part is not 39 characters long.
    IdLength = "id_length", "",
        "The Key ID part (between the two dots) must be 39 characters. Copy the key again.";
    /// A full stop, comma or semicolon copied along from the end of a sentence.
    TrailingPunctuation = "trailing_punctuation", "Removed the punctuation after the key.",
        "There is punctuation after the key, probably from the end of a sentence. Repair removes it.";
    /// The last Key ID character is impossible (must be A, I, Q or Y).
    IdLastCharacter = "id_last_character", "",
        "A Key ID always ends in A, I, Q or Y, so a character of the Key ID was changed. Copy the key again.";
    /// The last secret character is impossible (must be A or Q).
    SecretLastCharacter = "secret_last_character", "",
        "A key always ends in A or Q, so a character at the end was changed or the key is cut off. Copy the key again.";
    /// A redacted key, whose secret is hidden.
    Redacted = "redacted_key", "",
        "This key was redacted: its secret is hidden. Paste the full key from where you saved it; if you no longer have it, create a new key.";
}
