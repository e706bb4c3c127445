//! A small JSON reader (RFC 8259) for the answers of The Things Stack: it turns text into
//! a [`Json`] tree, or fails with a [`ParseError`] (kind + byte offset).
//!
//! It is small in WebAssembly, where a general JSON library with float formatting and
//! parsing costs tens of kilobytes. It is strict where RFC 8259 is, and reads numbers only
//! as far as the report needs:
//!
//! - Numbers are checked against the RFC grammar and kept as their text; [`Json::as_u64`]
//!   and [`Json::as_i64`] read integers on demand. There is no float parsing, so a number
//!   too large for `f64` (`1e400`) is still valid JSON here.
//! - Strings are borrowed from the input unless they hold escapes. A `\u` escape of a
//!   UTF-16 surrogate must be a high surrogate followed by a `\u` escape of a low one;
//!   anything else is [`ErrorKind::LoneSurrogate`].
//! - Objects keep their members in order, duplicates included; [`Json::get`] returns the
//!   last value of a name, as JavaScript's `JSON.parse` does, and so does Go's
//!   `encoding/json` except for objects, which it merges with the earlier one
//!   (golang/go#24415); here an object is not merged. That is the one rule for a name
//!   given twice: the report reads every member through `get`.
//! - Arrays and objects nest at most [`MAX_DEPTH`] deep, so the recursive reader (and the
//!   tree's drop) never exhausts the stack.
//!
//! Invariant: no input makes it panic, and it runs in time linear in the input: every
//! byte is looked at a bounded number of times.

use std::borrow::Cow;

/// How deep arrays and objects may nest: the limit the report had before this reader.
pub const MAX_DEPTH: usize = 127;

/// A JSON value, borrowing from the text it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its text in the input (grammar checked, value not computed).
    Number(&'a str),
    /// A string, escapes decoded.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object: its members in input order, duplicate names included.
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl<'a> Json<'a> {
    /// The last value of member `name`, if this is an object that has one.
    pub fn get(&self, name: &str) -> Option<&Json<'a>> {
        self.as_object()?
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&[(Cow<'a, str>, Json<'a>)]> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The text, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    /// The value, if this is `true` or `false`.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(value) => Some(*value),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// The value, if this is a number written as an integer (no fraction, no exponent)
    /// in `0..=u64::MAX`.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(text) => digits_value(text),
            _ => None,
        }
    }

    /// The value, if this is a number written as an integer (no fraction, no exponent)
    /// in `i64::MIN..=i64::MAX`. `-0` is not one: it is the float `-0.0`, whose sign an
    /// integer would lose.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(text) => match text.strip_prefix('-') {
                Some(magnitude) => match digits_value(magnitude)? {
                    0 => None,
                    magnitude => 0i64.checked_sub_unsigned(magnitude),
                },
                None => i64::try_from(digits_value(text)?).ok(),
            },
            _ => None,
        }
    }
}

/// The value of `text` if it is only ASCII digits and fits a `u64`.
fn digits_value(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0u64, |value, b| {
        let digit = u64::from(b.checked_sub(b'0').filter(|d| *d < 10)?);
        value.checked_mul(10)?.checked_add(digit)
    })
}

/// Reads `text` as one JSON value, with optional whitespace around it.
pub fn parse(text: &str) -> Result<Json<'_>, ParseError> {
    let mut parser = Parser {
        text,
        pos: 0,
        depth: 0,
    };
    let value = parser.value()?;
    parser.skip_whitespace();
    match parser.peek() {
        None => Ok(value),
        Some(_) => Err(parser.error(ErrorKind::TrailingCharacters)),
    }
}

/// Why the text is not JSON, and the byte offset where that was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseError {
    kind: ErrorKind,
    offset: usize,
}

impl ParseError {
    /// What is wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The byte offset in the text: where the offending character, escape, literal or
    /// nesting starts, or the text's length when it ends too early.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at byte {}", self.kind.message(), self.offset)
    }
}

impl std::error::Error for ParseError {}

macro_rules! error_kinds {
    ($( $(#[$doc:meta])* $variant:ident = $message:literal; )*) => {
        /// What makes a text not JSON. Each has a [`message`](ErrorKind::message).
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
        #[non_exhaustive]
        pub enum ErrorKind {
            $( $(#[$doc])* $variant, )*
        }

        impl ErrorKind {
            /// Every kind, in table order.
            pub const ALL: &'static [ErrorKind] = &[$(ErrorKind::$variant,)*];

            /// What is wrong, lowercase, without a trailing period.
            pub fn message(self) -> &'static str {
                match self { $(ErrorKind::$variant => $message,)* }
            }
        }
    };
}

error_kinds! {
    /// The text ends inside a value, or holds no value at all.
    UnexpectedEnd = "unexpected end of input";
    /// A character that cannot start a value.
    ExpectedValue = "expected a value";
    /// Something other than a string where an object member's name belongs.
    ExpectedName = "expected a member name in double quotes";
    /// Something other than `:` after a member name.
    ExpectedColon = "expected `:` after the member name";
    /// Something other than `,` or the closing bracket after an item or member.
    ExpectedCommaOrClose = "expected `,` or a closing bracket";
    /// A word that is not `true`, `false` or `null`.
    InvalidLiteral = "expected `true`, `false` or `null`";
    /// A number that breaks the grammar: a leading zero, or a missing digit.
    InvalidNumber = "invalid number: a digit is missing, or a zero leads";
    /// A backslash followed by something other than an escape of RFC 8259.
    InvalidEscape = "invalid escape in string";
    /// A `\u` escape of a UTF-16 surrogate that is not part of a pair.
    LoneSurrogate = "unpaired UTF-16 surrogate in a `\\u` escape";
    /// A character below U+0020 inside a string, where it must be escaped.
    ControlCharacter = "control character in string: it must be escaped";
    /// Arrays and objects nested deeper than [`MAX_DEPTH`].
    TooDeep = "arrays and objects nested more than 127 levels deep";
    /// More than whitespace after the value.
    TrailingCharacters = "unexpected text after the value";
}

/// The reading position in the text, and how deep it is.
struct Parser<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, kind: ErrorKind) -> ParseError {
        self.error_at(kind, self.pos)
    }

    fn error_at(&self, kind: ErrorKind, offset: usize) -> ParseError {
        ParseError { kind, offset }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// The next byte, or [`ErrorKind::UnexpectedEnd`].
    fn next_byte(&mut self) -> Result<u8, ParseError> {
        let b = self
            .peek()
            .ok_or_else(|| self.error(ErrorKind::UnexpectedEnd))?;
        self.pos += 1;
        Ok(b)
    }

    /// The text from `start` to the current position.
    fn since(&self, start: usize) -> &'a str {
        // Invariant: callers pass positions next to ASCII bytes, which are char
        // boundaries, so `get` never returns `None`.
        self.text.get(start..self.pos).unwrap_or_default()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Json<'a>, ParseError> {
        self.skip_whitespace();
        match self.peek() {
            None => Err(self.error(ErrorKind::UnexpectedEnd)),
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(_) => Err(self.error(ErrorKind::ExpectedValue)),
        }
    }

    fn literal(&mut self, word: &str, value: Json<'a>) -> Result<Json<'a>, ParseError> {
        let rest = self.text.get(self.pos..).unwrap_or_default();
        if rest.starts_with(word) {
            self.pos += word.len();
            Ok(value)
        } else if word.starts_with(rest) {
            Err(self.error_at(ErrorKind::UnexpectedEnd, self.text.len()))
        } else {
            Err(self.error(ErrorKind::InvalidLiteral))
        }
    }

    fn number(&mut self) -> Result<Json<'a>, ParseError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        if self.peek() == Some(b'0') {
            self.pos += 1;
            if let Some(b'0'..=b'9') = self.peek() {
                return Err(self.error(ErrorKind::InvalidNumber));
            }
        } else {
            self.digits()?;
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            self.digits()?;
        }
        Ok(Json::Number(self.since(start)))
    }

    /// One or more ASCII digits.
    fn digits(&mut self) -> Result<(), ParseError> {
        match self.peek() {
            None => return Err(self.error(ErrorKind::UnexpectedEnd)),
            Some(b'0'..=b'9') => {}
            Some(_) => return Err(self.error(ErrorKind::InvalidNumber)),
        }
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        Ok(())
    }

    /// A string, from its opening quote; borrowed unless it holds escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        self.pos += 1;
        let mut decoded: Option<String> = None;
        let mut run = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.error(ErrorKind::UnexpectedEnd)),
                Some(b'"') => {
                    let tail = self.since(run);
                    self.pos += 1;
                    return Ok(match decoded {
                        None => Cow::Borrowed(tail),
                        Some(mut text) => {
                            text.push_str(tail);
                            Cow::Owned(text)
                        }
                    });
                }
                Some(b'\\') => {
                    let text = decoded.get_or_insert_with(String::new);
                    text.push_str(self.since(run));
                    text.push(self.escape()?);
                    run = self.pos;
                }
                Some(0..=0x1f) => return Err(self.error(ErrorKind::ControlCharacter)),
                Some(_) => self.pos += 1,
            }
        }
    }

    /// The character of the escape at the current position (a backslash).
    fn escape(&mut self) -> Result<char, ParseError> {
        let start = self.pos;
        self.pos += 1;
        let c = match self.next_byte()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4(start)?;
                let pair = match unit {
                    0xd800..=0xdbff => match self.text.as_bytes().get(self.pos..) {
                        Some([b'\\', b'u', ..]) => {
                            self.pos += 2;
                            Some(self.hex4(start)?)
                        }
                        Some([] | [b'\\']) => {
                            return Err(self.error_at(ErrorKind::UnexpectedEnd, self.text.len()))
                        }
                        _ => None,
                    },
                    _ => None,
                };
                let code = match (unit, pair) {
                    (0xd800..=0xdbff, Some(low @ 0xdc00..=0xdfff)) => {
                        0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)
                    }
                    (0xd800..=0xdfff, _) => {
                        return Err(self.error_at(ErrorKind::LoneSurrogate, start))
                    }
                    _ => unit,
                };
                // Invariant: `code` is not a surrogate, so this is never `None`.
                char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
            }
            _ => return Err(self.error_at(ErrorKind::InvalidEscape, start)),
        };
        Ok(c)
    }

    /// Four hex digits of the `\u` escape that starts at `start`.
    fn hex4(&mut self, start: usize) -> Result<u32, ParseError> {
        let mut unit = 0;
        for _ in 0..4 {
            let digit = char::from(self.next_byte()?)
                .to_digit(16)
                .ok_or_else(|| self.error_at(ErrorKind::InvalidEscape, start))?;
            unit = unit * 16 + digit;
        }
        Ok(unit)
    }

    fn array(&mut self) -> Result<Json<'a>, ParseError> {
        let mut items = Vec::new();
        self.items(b']', |parser| {
            items.push(parser.value()?);
            Ok(())
        })?;
        Ok(Json::Array(items))
    }

    fn object(&mut self) -> Result<Json<'a>, ParseError> {
        let mut members = Vec::new();
        self.items(b'}', |parser| {
            parser.skip_whitespace();
            match parser.peek() {
                Some(b'"') => {}
                None => return Err(parser.error(ErrorKind::UnexpectedEnd)),
                Some(_) => return Err(parser.error(ErrorKind::ExpectedName)),
            }
            let name = parser.string()?;
            parser.skip_whitespace();
            match parser.peek() {
                Some(b':') => parser.pos += 1,
                None => return Err(parser.error(ErrorKind::UnexpectedEnd)),
                Some(_) => return Err(parser.error(ErrorKind::ExpectedColon)),
            }
            members.push((name, parser.value()?));
            Ok(())
        })?;
        Ok(Json::Object(members))
    }

    /// The items of an array or the members of an object, from the opening bracket to
    /// `close`, each read by `item`.
    fn items(
        &mut self,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Result<(), ParseError>,
    ) -> Result<(), ParseError> {
        if self.depth == MAX_DEPTH {
            return Err(self.error(ErrorKind::TooDeep));
        }
        self.depth += 1;
        self.pos += 1;
        self.skip_whitespace();
        if self.peek() == Some(close) {
            self.pos += 1;
        } else {
            loop {
                item(self)?;
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b) if b == close => {
                        self.pos += 1;
                        break;
                    }
                    None => return Err(self.error(ErrorKind::UnexpectedEnd)),
                    Some(_) => return Err(self.error(ErrorKind::ExpectedCommaOrClose)),
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }
}
