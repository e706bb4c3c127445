//! Identifier rules of The Things Stack: check an organization (or user, application,
//! gateway, client, device) ID, report every problem with its span, and suggest the
//! corrected ID when the fix is mechanical.
//!
//! Rules from `api/ttn/lorawan/v3/identifiers.proto` (`reference/tts/NOTES.md` §6):
//! `^[a-z0-9](?:[-]?[a-z0-9]){2,}$`, at most 36 characters, for organization, application,
//! gateway, client and device IDs; `^[a-z0-9](?:[-]?[a-z0-9]){1,}$`, at most 36, for user
//! IDs. That is: lower-case letters, digits and single dashes between them, with at least
//! 3 (users: 2) letters or digits. Written by hand: the crate has no regex dependency.
//!
//! Spans are in UTF-16 code units of the original input, what JS needs to highlight.
//! Invariant: messages are `&'static str` from the table below and never contain input.

use std::fmt;

use serde::ser::SerializeStruct;
use serde::Serialize;

use crate::text::{is_invisible, utf16_len};

/// The longest ID the server accepts, in characters.
pub const MAX_LEN: usize = 36;

/// Which kind of ID is checked: they differ in minimum length and in where a URL holds them.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IdKind {
    /// An organization ID, what IotBridge asks for.
    Organization,
    /// A user ID (shares its namespace with organization IDs, but may be 2 characters).
    User,
    /// An application ID.
    Application,
    /// A gateway ID.
    Gateway,
    /// An OAuth client ID.
    Client,
    /// An end device ID.
    Device,
}

impl IdKind {
    /// Every kind.
    pub const ALL: [IdKind; 6] = [
        IdKind::Organization,
        IdKind::User,
        IdKind::Application,
        IdKind::Gateway,
        IdKind::Client,
        IdKind::Device,
    ];

    /// Stable snake_case code, as JS sees it.
    pub fn code(self) -> &'static str {
        match self {
            IdKind::Organization => "organization",
            IdKind::User => "user",
            IdKind::Application => "application",
            IdKind::Gateway => "gateway",
            IdKind::Client => "client",
            IdKind::Device => "device",
        }
    }

    /// The fewest letters and digits an ID of this kind has.
    pub fn min_len(self) -> usize {
        match self {
            IdKind::User => 2,
            _ => 3,
        }
    }

    /// The URL path segments after which an ID of this kind stands, in Console and API
    /// URLs (`/console/organizations/my-org`, `/api/v3/applications/my-app/devices/dev1`).
    fn url_segments(self) -> &'static [&'static str] {
        match self {
            IdKind::Organization => &["organizations"],
            IdKind::User => &["users"],
            IdKind::Application => &["applications"],
            IdKind::Gateway => &["gateways"],
            IdKind::Client => &["oauth-clients", "clients"],
            IdKind::Device => &["devices"],
        }
    }
}

/// One problem with an ID, and where it is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct IdError {
    kind: IdErrorKind,
    start: usize,
    end: usize,
}

impl IdError {
    /// What is wrong.
    pub fn kind(&self) -> IdErrorKind {
        self.kind
    }

    /// Where the problem starts, in UTF-16 code units of the original input.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Where the problem ends (exclusive), in UTF-16 code units.
    pub fn end(&self) -> usize {
        self.end
    }
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.message())
    }
}

impl std::error::Error for IdError {}

/// `{code, message, start, end}`, the shape JS gets.
impl Serialize for IdError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("IdError", 4)?;
        state.serialize_field("code", self.kind.code())?;
        state.serialize_field("message", self.kind.message())?;
        state.serialize_field("start", &self.start)?;
        state.serialize_field("end", &self.end)?;
        state.end()
    }
}

macro_rules! id_error_kinds {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $mechanical:literal, $message:literal; )*) => {
        /// What is wrong with an ID. Each kind has a stable snake_case
        /// [`code`](IdErrorKind::code) and a message that says what to do.
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
        #[non_exhaustive]
        pub enum IdErrorKind {
            $( $(#[$doc])* $variant, )*
        }

        impl IdErrorKind {
            /// Every kind, in table order.
            pub const ALL: &'static [IdErrorKind] = &[$(IdErrorKind::$variant,)*];

            /// The stable snake_case code, as JS sees it.
            pub fn code(self) -> &'static str {
                match self { $(IdErrorKind::$variant => $code,)* }
            }

            /// What the user should know and do, in one or two sentences.
            pub fn message(self) -> &'static str {
                match self { $(IdErrorKind::$variant => $message,)* }
            }

            /// Whether [`suggest`] fixes this problem without guessing.
            pub fn is_mechanical(self) -> bool {
                match self { $(IdErrorKind::$variant => $mechanical,)* }
            }
        }
    };
}

id_error_kinds! {
    /// Nothing was entered.
    Empty = "empty", false,
        "Enter the ID. It is shown in the Console under the name, and uses lower-case letters, digits and dashes.";
    /// Spaces or line breaks before or after the ID.
    SurroundingWhitespace = "surrounding_whitespace", true,
        "There are spaces or line breaks around the ID. Remove them.";
    /// Zero-width characters, a byte-order mark or a soft hyphen.
    InvisibleCharacter = "invisible_character", true,
        "The ID contains invisible characters (zero-width space or similar), probably from copying. Remove them.";
    /// A Console or API web address instead of the ID; the ID was found in it.
    ConsoleUrl = "console_url", true,
        "This is a web address, not an ID. The ID is the part after /organizations/ (or /applications/, /gateways/); use the suggested ID.";
    /// A web address without the kind of ID asked for.
    UrlWithoutId = "url_without_id", false,
        "This is a web address, not an ID, and it holds no ID of the kind asked for. Open the organization in the Console and copy the ID shown under its name.";
    /// An e-mail address instead of an ID.
    Email = "email", false,
        "This is an e-mail address, not an ID. Enter the ID, which the Console shows under the name.";
    /// `id@tenant`, as error messages write it on multi-tenant servers.
    TenantSuffix = "tenant_suffix", true,
        "This ID carries a tenant suffix after the @ (such as @ttn). Enter only the part before the @.";
    /// Upper-case letters.
    Uppercase = "uppercase", true,
        "IDs are lower case. Use lower-case letters.";
    /// An underscore.
    Underscore = "underscore", false,
        "IDs cannot contain underscores (_). The ID probably has a dash (-) here; check it in the Console.";
    /// A space or other whitespace inside the ID.
    Space = "space", false,
        "IDs cannot contain spaces. This may be the name rather than the ID; the Console shows the ID under the name.";
    /// A dot.
    Dot = "dot", false,
        "IDs cannot contain dots. Enter only the ID, not a host name or a file name.";
    /// Any other character that is not a lower-case letter, digit or dash.
    InvalidCharacter = "invalid_character", false,
        "IDs contain only lower-case letters a to z, digits and dashes; this character is none of those. Check the ID in the Console.";
    /// A dash at the start.
    LeadingDash = "leading_dash", false,
        "IDs cannot start with a dash. Check the ID in the Console.";
    /// A dash at the end.
    TrailingDash = "trailing_dash", false,
        "IDs cannot end with a dash. Check the ID in the Console.";
    /// Two or more dashes in a row.
    DoubleDash = "double_dash", false,
        "IDs cannot have two dashes in a row. Check the ID in the Console.";
    /// Fewer letters and digits than the minimum.
    TooShort = "too_short", false,
        "This ID is too short: IDs have at least 3 letters or digits (user IDs at least 2).";
    /// More than 36 characters.
    TooLong = "too_long", false,
        "This ID is too long: IDs have at most 36 characters.";
}

/// Every problem with `input` as an ID of `kind`, in order of position; empty when the
/// server would accept it.
pub fn check(kind: IdKind, input: &str) -> Vec<IdError> {
    let mut problems = Vec::new();
    let core = input.trim_matches(is_edge);
    let leading = input.len() - input.trim_start_matches(is_edge).len();
    let core_start = utf16_len(input.get(..leading).unwrap_or_default());
    if core.is_empty() {
        problems.push(IdError {
            kind: IdErrorKind::Empty,
            start: 0,
            end: utf16_len(input),
        });
        return problems;
    }
    surrounding(input, &mut problems);

    let core_end = core_start + utf16_len(core);
    if looks_like_url(core) {
        let kind = match id_from_url(kind, core) {
            Some(_) => IdErrorKind::ConsoleUrl,
            None => IdErrorKind::UrlWithoutId,
        };
        problems.push(span(kind, core_start, core_end));
        return sorted(problems);
    }
    let mut id = core;
    if let Some(at) = core.find('@') {
        if core.get(at..).unwrap_or_default().contains('.') {
            problems.push(span(IdErrorKind::Email, core_start, core_end));
            return sorted(problems);
        }
        problems.push(span(
            IdErrorKind::TenantSuffix,
            core_start + utf16_len(core.get(..at).unwrap_or_default()),
            core_end,
        ));
        id = core.get(..at).unwrap_or_default();
    }
    characters(id, core_start, &mut problems);

    let n_chars = id.chars().filter(|&c| !is_invisible(c)).count();
    let n_alphanumeric = id.chars().filter(char::is_ascii_alphanumeric).count();
    if n_alphanumeric < kind.min_len() {
        let id_end = core_start + utf16_len(id);
        problems.push(span(IdErrorKind::TooShort, core_start, id_end));
    }
    if n_chars > MAX_LEN {
        let mut offset = core_start;
        let mut seen = 0;
        for c in id.chars() {
            if seen == MAX_LEN {
                break;
            }
            if !is_invisible(c) {
                seen += 1;
            }
            offset += c.len_utf16();
        }
        let id_end = core_start + utf16_len(id);
        problems.push(span(IdErrorKind::TooLong, offset, id_end));
    }
    sorted(problems)
}

/// Whether the server accepts `input` as an ID of `kind`.
pub fn is_valid(kind: IdKind, input: &str) -> bool {
    check(kind, input).is_empty()
}

/// The corrected ID when `input` is not valid but every problem is mechanical: trimming,
/// removing invisible characters, lower-casing, dropping a tenant suffix, or taking the
/// ID out of a Console URL. `None` when `input` is valid or needs a human.
pub fn suggest(kind: IdKind, input: &str) -> Option<String> {
    if is_valid(kind, input) {
        return None;
    }
    let mut text: String = input.chars().filter(|&c| !is_invisible(c)).collect();
    text = text.trim().to_owned();
    if looks_like_url(&text) {
        text = id_from_url(kind, &text)?.to_owned();
    }
    if let Some(at) = text.find('@') {
        if text.get(at..).unwrap_or_default().contains('.') {
            return None;
        }
        text.truncate(at);
    }
    let suggestion = text.to_ascii_lowercase();
    is_valid(kind, &suggestion).then_some(suggestion)
}

/// The ID of `kind` in a Console or API URL, such as `my-org` in
/// `https://eu1.cloud.thethings.network/console/organizations/my-org/api-keys`: the path
/// segment after `organizations` (for applications `applications`, and so on). The scheme
/// and host are optional; a query or fragment is ignored. The ID is returned as found,
/// unchecked.
pub fn id_from_url(kind: IdKind, input: &str) -> Option<&str> {
    let input = input.trim();
    let without_scheme = crate::text::split_once(input, "://").map_or(input, |(_, rest)| rest);
    let path = without_scheme
        .split(['?', '#'])
        .next()
        .unwrap_or(without_scheme);
    let mut segments = path.split('/');
    while let Some(segment) = segments.next() {
        if kind
            .url_segments()
            .iter()
            .any(|name| segment.eq_ignore_ascii_case(name))
        {
            return segments.next().filter(|id| !id.is_empty());
        }
    }
    None
}

/// Whether `text` is a web address or path rather than an ID: IDs never hold a slash.
fn looks_like_url(text: &str) -> bool {
    text.contains('/')
}

/// What a single character is, as far as the ID rules go.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Valid,
    Dash,
    Problem(IdErrorKind),
}

fn classify(c: char) -> Class {
    match c {
        'a'..='z' | '0'..='9' => Class::Valid,
        '-' => Class::Dash,
        'A'..='Z' => Class::Problem(IdErrorKind::Uppercase),
        '_' => Class::Problem(IdErrorKind::Underscore),
        '.' => Class::Problem(IdErrorKind::Dot),
        c if is_invisible(c) => Class::Problem(IdErrorKind::InvisibleCharacter),
        c if c.is_whitespace() => Class::Problem(IdErrorKind::Space),
        _ => Class::Problem(IdErrorKind::InvalidCharacter),
    }
}

/// Character-class problems of `id` (which starts at UTF-16 offset `base`), one per run of
/// neighboring characters of the same class; dash runs are judged by where they stand.
fn characters(id: &str, base: usize, problems: &mut Vec<IdError>) {
    let mut runs: Vec<(Class, usize, usize)> = Vec::new();
    let mut offset = base;
    for c in id.chars() {
        let class = classify(c);
        let width = c.len_utf16();
        match runs.last_mut() {
            Some((last, _, end)) if *last == class => *end += width,
            _ => runs.push((class, offset, offset + width)),
        }
        offset += width;
    }
    let n_runs = runs.len();
    for (index, &(class, start, end)) in runs.iter().enumerate() {
        let kind = match class {
            Class::Valid => continue,
            Class::Problem(kind) => kind,
            Class::Dash if index == 0 => IdErrorKind::LeadingDash,
            Class::Dash if index + 1 == n_runs => IdErrorKind::TrailingDash,
            Class::Dash if end - start > 1 => IdErrorKind::DoubleDash,
            Class::Dash => continue,
        };
        problems.push(span(kind, start, end));
    }
}

/// Problems for whitespace and invisible characters before and after the ID.
fn surrounding(input: &str, problems: &mut Vec<IdError>) {
    let leading = input.len() - input.trim_start_matches(is_edge).len();
    let trailing_start = input.trim_end_matches(is_edge).len();
    for (start, end) in [(0, leading), (trailing_start, input.len())] {
        let edge = input.get(start..end).unwrap_or_default();
        if edge.is_empty() {
            continue;
        }
        let kind = if edge.chars().any(char::is_whitespace) {
            IdErrorKind::SurroundingWhitespace
        } else {
            IdErrorKind::InvisibleCharacter
        };
        let start_utf16 = utf16_len(input.get(..start).unwrap_or_default());
        problems.push(span(kind, start_utf16, start_utf16 + utf16_len(edge)));
    }
}

fn is_edge(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

fn span(kind: IdErrorKind, start: usize, end: usize) -> IdError {
    IdError { kind, start, end }
}

fn sorted(mut problems: Vec<IdError>) -> Vec<IdError> {
    // The core's one sort (`order`, unstable); the end and kind break ties.
    crate::order::sort_by_key(&mut problems, |problem| {
        (problem.start, problem.end, problem.kind as u8)
    });
    problems
}
