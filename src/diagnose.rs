//! Checks a pasted key: reports every problem with its UTF-16 span, and repairs what a
//! paste typically does to a key (whitespace, quotes, `Bearer `, invisible characters,
//! lower case, look-alike characters, a double paste) without ever inventing a character.
//!
//! One pass does both jobs. `clean` walks the input once and maps each character to a
//! key character (or marks it unusable), noting a problem for everything it had to
//! change; `structure` then checks the cleaned characters against the key format and
//! maps every finding back to a span of the original input. The repair candidate is the
//! cleaned text, offered only when every problem was repairable and the result is a
//! well-formed key.

use crate::error::{ErrorKind, ParseError};
use crate::key::{
    is_base32, is_id_last, is_secret_last, ApiKey, Redacted, TokenKind, ID_LEN, KEY_LEN,
    PREFIX_LEN, SECRET_LEN, SECRET_MASK,
};
use crate::mask;
use crate::text::{is_invisible, utf16_len};

/// What [`check`] found out about a paste.
///
/// Holds no secret except inside `repaired`, whose `Debug` is redacted.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Check {
    /// Whether the input is, byte for byte, a well-formed API key.
    pub valid: bool,
    /// The token kind the input looks like once cleaned, when it is recognisable.
    pub kind: Option<TokenKind>,
    /// The Key ID, when the masking rule ([`crate::mask`]) lets it be shown: 39
    /// characters in the ID's place of a paste that is otherwise a key. Not secret.
    pub key_id: Option<String>,
    /// A form of the input that is safe to show: the token kind and Key ID with the
    /// secret masked, or just the mask.
    pub redacted: String,
    /// What each character of the input is, as far as showing it goes: consecutive
    /// characters of one role merged, in order, covering the whole input. Only
    /// [`Role::TokenType`] and [`Role::KeyId`] characters may be shown as they are.
    pub parts: Vec<Part>,
    /// The repaired key, when the input is not valid but every problem is repairable.
    pub repaired: Option<ApiKey>,
    /// What the repair changed, with spans in the original input (empty without a repair).
    pub fixes: Vec<Fix>,
    /// Every problem, ordered by position (empty exactly when `valid`).
    pub problems: Vec<ParseError>,
}

/// One change the repair made, and where in the original input.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Fix {
    kind: ErrorKind,
    start: usize,
    end: usize,
}

impl Fix {
    /// The problem this fix removes; `kind().code()` is the fix's stable code.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// What the repair did, as a sentence.
    pub fn message(&self) -> &'static str {
        self.kind.fix_message()
    }
    /// Start of the changed text, in UTF-16 code units of the original input.
    pub fn start(&self) -> usize {
        self.start
    }
    /// End (exclusive) of the changed text, in UTF-16 code units.
    pub fn end(&self) -> usize {
        self.end
    }
}

/// What a character of a paste is, as far as showing it goes (see [`crate::mask`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum Role {
    /// Part of the token type (`NNSXS`): may be shown.
    TokenType,
    /// Part of a Key ID the masking rule lets be shown.
    KeyId,
    /// A dot between the parts: shown as a divider (no key character is a dot).
    Separator,
    /// Whitespace, a line break or an invisible character: shown as a mark of its class.
    Blank,
    /// Anything else, the secret included: never shown, only its place.
    Hidden,
}

/// A stretch of the input whose characters all have one [`Role`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Part {
    /// What the characters are.
    pub role: Role,
    /// Start, in UTF-16 code units of the input.
    pub start: usize,
    /// End (exclusive), in UTF-16 code units.
    pub end: usize,
}

/// Checks a pasted API key: every problem with its span, and a repair when one is safe.
///
/// Linear in the length of `input`.
pub fn check(input: &str) -> Check {
    if let Some(key) = ApiKey::from_exact(input) {
        let part = |role, start, end| Part { role, start, end };
        return Check {
            valid: true,
            kind: Some(TokenKind::ApiKey),
            key_id: Some(key.id().to_owned()),
            redacted: key.redacted().to_string(),
            parts: vec![
                part(Role::TokenType, 0, PREFIX_LEN),
                part(Role::Separator, PREFIX_LEN, PREFIX_LEN + 1),
                part(Role::KeyId, PREFIX_LEN + 1, PREFIX_LEN + 1 + ID_LEN),
                part(
                    Role::Separator,
                    PREFIX_LEN + 1 + ID_LEN,
                    PREFIX_LEN + 2 + ID_LEN,
                ),
                part(Role::Hidden, PREFIX_LEN + 2 + ID_LEN, KEY_LEN),
            ],
            repaired: None,
            fixes: Vec::new(),
            problems: Vec::new(),
        };
    }
    let analysis = analyze(input);
    let repaired = if analysis.problems.iter().all(|p| p.kind().is_repairable()) {
        ApiKey::from_exact(&analysis.cleaned)
    } else {
        None
    };
    let fixes = match repaired {
        Some(_) => analysis
            .problems
            .iter()
            .map(|p| Fix {
                kind: p.kind(),
                start: p.start(),
                end: p.end(),
            })
            .collect(),
        None => Vec::new(),
    };
    let redacted = match (analysis.kind, analysis.key_id.as_deref()) {
        (Some(kind), id) => Redacted::new(kind, id).to_string(),
        // Invariant: the masking rule shows a Key ID only in a paste that is otherwise a
        // key, so a missing type is an API key's.
        (None, Some(id)) => Redacted::new(TokenKind::ApiKey, Some(id)).to_string(),
        (None, None) if input.is_empty() => String::new(),
        (None, None) => SECRET_MASK.to_owned(),
    };
    Check {
        valid: false,
        kind: analysis.kind,
        key_id: analysis.key_id,
        redacted,
        parts: analysis.parts,
        repaired,
        fixes,
        problems: analysis.problems,
    }
}

impl ApiKey {
    /// Parses an API key exactly as The Things Stack issues it: no repair, no trimming.
    ///
    /// On failure the error is the first problem [`check`] reports. (Defined here, not
    /// in `key`, so that `key` knows nothing of the diagnosis.)
    pub fn parse(input: &str) -> Result<ApiKey, ParseError> {
        match ApiKey::from_exact(input) {
            Some(key) => Ok(key),
            None => Err(first_problem(input)),
        }
    }
}

/// The first problem of an input that is not a well-formed key (for [`ApiKey::parse`]).
fn first_problem(input: &str) -> ParseError {
    let len = utf16_len(input);
    analyze(input)
        .problems
        .first()
        .copied()
        // Invariant: analyze reports at least one problem for any input that is not a
        // well-formed key; this fallback only keeps the function total.
        .unwrap_or_else(|| ParseError::new(ErrorKind::InvalidCharacter, 0, len))
}

/// A character of the input after cleaning: the key character it stands for (or
/// [`UNUSABLE`]) and the UTF-16 span of the original character(s).
#[derive(Clone, Copy, Debug)]
struct Cell {
    byte: u8,
    /// The UTF-16 length of the original character (1 or 2).
    len: u8,
    start: usize,
}

impl Cell {
    fn end(&self) -> usize {
        self.start + usize::from(self.len)
    }
}

/// Stands for a character that has no safe key-character reading.
const UNUSABLE: u8 = 0;

#[derive(Debug)]
struct Analysis {
    /// The cleaned text: what the repair would produce.
    cleaned: String,
    kind: Option<TokenKind>,
    key_id: Option<String>,
    parts: Vec<Part>,
    problems: Vec<ParseError>,
}

fn analyze(input: &str) -> Analysis {
    let mut problems = Problems::default();
    let input_len = utf16_len(input);
    // A redacted key cannot be repaired or checked further: say so and stop.
    if let Some(at) = crate::text::find(input, SECRET_MASK) {
        let start = utf16_len(input.get(..at).unwrap_or_default());
        problems.push(ErrorKind::Redacted, start, start + SECRET_MASK.len());
        return Analysis {
            cleaned: String::new(),
            kind: None,
            key_id: None,
            parts: vec![Part {
                role: Role::Hidden,
                start: 0,
                end: input_len,
            }],
            problems: problems.finish(),
        };
    }
    let cells = clean(input, &mut problems);
    problems.structure_follows();
    let kind = structure(&cells, input_len, &mut problems);
    let bytes: Vec<u8> = cells.iter().map(|c| c.byte).collect();
    // The one masking rule decides what may be shown; the diagnosis above decides nothing.
    let reading = mask::reading(&bytes);
    Analysis {
        cleaned: bytes
            .iter()
            .filter(|&&b| b != UNUSABLE)
            .map(|&b| char::from(b))
            .collect(),
        kind: reading.kind.or(kind),
        key_id: reading.key_id(&bytes).map(str::to_owned),
        parts: parts(input, &cells, &reading),
        problems: problems.finish(),
    }
}

/// The role of every character of `input` (see [`Part`]), from the cleaned cells and the
/// masking rule's reading of them.
fn parts(input: &str, cells: &[Cell], reading: &mask::Reading) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    let mut next_cell = cells.iter().enumerate().peekable();
    let mut pos = 0;
    for ch in input.chars() {
        let start = pos;
        pos += ch.len_utf16();
        let cell = next_cell.next_if(|(_, cell)| cell.start == start);
        let role = match cell {
            Some((index, cell)) => {
                if reading.kind.is_some() && index < PREFIX_LEN {
                    Role::TokenType
                } else if reading.shows(index) {
                    Role::KeyId
                } else if cell.byte == mask::SEPARATOR {
                    Role::Separator
                } else {
                    Role::Hidden
                }
            }
            None if ch.is_whitespace() || is_invisible(ch) || ch.is_control() => Role::Blank,
            None => Role::Hidden,
        };
        match parts.last_mut() {
            Some(last) if last.role == role => last.end = pos,
            _ => parts.push(Part {
                role,
                start,
                end: pos,
            }),
        }
    }
    parts
}

/// Collects problems, merging a problem into the previous one of the same kind when
/// their spans touch (one report for a run of lower-case letters, not one per letter).
///
/// Problems come in nearly in order: peeling pushes them from both ends inwards, the
/// character pass from left to right, and the structure check only a few. Keeping the
/// back-peeled ones apart makes the final order a merge, not a sort of every problem.
#[derive(Default, Debug)]
struct Problems {
    /// Pushed in ascending order: peeled from the front, then the character pass.
    front: Vec<ParseError>,
    /// Peeled from the back, in descending order.
    back: Vec<ParseError>,
    /// The structure check's few, in any order.
    other: Vec<ParseError>,
    /// Where new problems go.
    side: Side,
}

#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    #[default]
    Front,
    Back,
    Other,
}

impl Problems {
    fn push(&mut self, kind: ErrorKind, start: usize, end: usize) {
        let list = match self.side {
            Side::Front => &mut self.front,
            Side::Back => &mut self.back,
            Side::Other => &mut self.other,
        };
        // Character mappings (case, look-alikes) merge across the untouched characters
        // between them, so a lower-cased key is one problem, not one per letter run.
        let spans_gaps = matches!(
            kind,
            ErrorKind::Lowercase | ErrorKind::Lookalike | ErrorKind::DigitLookalike
        );
        if let Some(last) = list.last_mut() {
            // Spans that touch merge, whichever side they touch on (trailing characters
            // are stripped from the end backwards).
            if last.kind() == kind && (last.end() == start || last.start() == end || spans_gaps) {
                *last = ParseError::new(kind, last.start().min(start), last.end().max(end));
                return;
            }
        }
        list.push(ParseError::new(kind, start, end));
    }

    /// Pushes a problem found at the back while peeling.
    fn push_back(&mut self, kind: ErrorKind, start: usize, end: usize) {
        let side = std::mem::replace(&mut self.side, Side::Back);
        self.push(kind, start, end);
        self.side = side;
    }

    /// From now on, problems come from the structure check.
    fn structure_follows(&mut self) {
        self.side = Side::Other;
    }

    fn finish(self) -> Vec<ParseError> {
        let key = |p: &ParseError| (p.start(), p.end(), p.kind() as u8);
        let mut ordered = self.front;
        ordered.extend(self.back.into_iter().rev());
        // Nearly always sorted already; when not (a peel pushed at the front after the
        // character pass, which cannot happen, or merged spans), sort once.
        if !ordered.is_sorted_by_key(key) {
            crate::order::sort_by_key(&mut ordered, key);
        }
        let mut other = self.other;
        if other.is_empty() {
            return ordered;
        }
        // An unstable sort (the core's one, `order`); the kind breaks ties, so the
        // order is still fully determined. `other` holds a few problems at most.
        crate::order::sort_by_key(&mut other, key);
        let mut merged = Vec::with_capacity(ordered.len() + other.len());
        let (mut a, mut b) = (ordered.into_iter().peekable(), other.into_iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if key(x) <= key(y) => a.next(),
                (Some(_), Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, Some(_)) => b.next(),
                (None, None) => break,
            };
            merged.extend(next);
        }
        merged
    }
}

/// A character of the input with its UTF-16 span.
#[derive(Clone, Copy, Debug)]
struct Char {
    ch: char,
    /// How many dots (`.` or `．`) the input has before this character.
    dots_before: u32,
    start: usize,
}

impl Char {
    fn end(&self) -> usize {
        self.start + self.ch.len_utf16()
    }
}

fn is_dot(ch: char) -> bool {
    matches!(ch, '.' | '．')
}

/// Strips what surrounds a key and maps every remaining character to a key character.
fn clean(input: &str, problems: &mut Problems) -> Vec<Cell> {
    let mut chars = Vec::with_capacity(input.len());
    let mut pos = 0;
    let mut dots_before: u32 = 0;
    for ch in input.chars() {
        chars.push(Char {
            ch,
            dots_before,
            start: pos,
        });
        pos += ch.len_utf16();
        dots_before = dots_before.saturating_add(u32::from(is_dot(ch)));
    }
    let mut rest: &[Char] = &chars;
    // Peel layers from the outside in: whitespace, then quotes or a `Bearer ` prefix,
    // then whitespace again, until nothing changes. Each round removes at least one
    // character and costs a constant plus what it removes, so this ends in linear time.
    loop {
        let before = rest.len();
        rest = trim_blank(rest, problems);
        rest = strip_wrappers(rest, problems);
        rest = strip_bearer(rest, problems);
        rest = strip_trailing_punctuation(rest, problems);
        if rest.len() == before {
            break;
        }
    }
    let mut cells = Vec::with_capacity(rest.len());
    for c in rest {
        let (byte, kind) = map_char(c.ch);
        if let Some(kind) = kind {
            problems.push(kind, c.start, c.end());
        }
        if byte != DROP {
            cells.push(Cell {
                byte,
                len: c.ch.len_utf16() as u8,
                start: c.start,
            });
        }
    }
    drop_second_copy(cells, problems)
}

/// Marks a character that the repair removes.
const DROP: u8 = 1;

fn trim_blank<'a>(mut rest: &'a [Char], problems: &mut Problems) -> &'a [Char] {
    while let Some((first, tail)) = rest.split_first() {
        if !note_blank(first, problems, Problems::push) {
            break;
        }
        rest = tail;
    }
    while let Some((last, head)) = rest.split_last() {
        if !note_blank(last, problems, Problems::push_back) {
            break;
        }
        rest = head;
    }
    rest
}

/// Notes a blank character (whitespace or invisible) around the key as a problem, with
/// `push` (at the front or the back); false if not blank.
fn note_blank(
    c: &Char,
    problems: &mut Problems,
    push: fn(&mut Problems, ErrorKind, usize, usize),
) -> bool {
    if c.ch.is_whitespace() {
        push(problems, ErrorKind::SurroundingWhitespace, c.start, c.end());
        true
    } else if is_invisible(c.ch) {
        push(problems, ErrorKind::InvisibleCharacter, c.start, c.end());
        true
    } else {
        false
    }
}

fn is_wrapper(ch: char) -> bool {
    matches!(
        ch,
        '"' | '\''
            | '`'
            | '<'
            | '>'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201E}'
            | '\u{00AB}'
            | '\u{00BB}'
    )
}

fn strip_wrappers<'a>(mut rest: &'a [Char], problems: &mut Problems) -> &'a [Char] {
    if let Some((first, tail)) = rest.split_first() {
        if is_wrapper(first.ch) {
            problems.push(ErrorKind::Quotes, first.start, first.end());
            rest = tail;
        }
    }
    if let Some((last, head)) = rest.split_last() {
        if is_wrapper(last.ch) {
            problems.push_back(ErrorKind::Quotes, last.start, last.end());
            rest = head;
        }
    }
    rest
}

/// Strips `Authorization:` and `Bearer ` (any case) from the front.
fn strip_bearer<'a>(rest: &'a [Char], problems: &mut Problems) -> &'a [Char] {
    let Some(first) = rest.first() else {
        return rest;
    };
    let mut n = 0;
    if starts_with_ignore_case(rest, "authorization") {
        n = "authorization".len();
        while rest.get(n).is_some_and(|c| c.ch == ' ' || c.ch == '\t') {
            n += 1;
        }
        if rest.get(n).is_some_and(|c| c.ch == ':') {
            n += 1;
        } else {
            return rest;
        }
        while rest.get(n).is_some_and(|c| c.ch.is_whitespace()) {
            n += 1;
        }
    }
    if starts_with_ignore_case(&rest[n..], "bearer") {
        let after = n + "bearer".len();
        let mut m = after;
        while rest.get(m).is_some_and(|c| c.ch.is_whitespace()) {
            m += 1;
        }
        // `Bearer` must be followed by a separator, or it is the start of something else.
        if m > after || rest.get(after).is_some_and(|c| c.ch == ':') {
            if rest.get(m).is_some_and(|c| c.ch == ':') {
                m += 1;
                while rest.get(m).is_some_and(|c| c.ch.is_whitespace()) {
                    m += 1;
                }
            }
            n = m;
        }
    }
    if n == 0 {
        return rest;
    }
    problems.push(ErrorKind::BearerPrefix, first.start, rest[n - 1].end());
    &rest[n..]
}

fn starts_with_ignore_case(rest: &[Char], word: &str) -> bool {
    rest.len() >= word.len()
        && rest
            .iter()
            .zip(word.chars())
            .all(|(c, w)| c.ch.to_ascii_lowercase() == w)
}

/// Strips a full stop, comma or semicolon after a key that already has both its dots,
/// as when a key is copied with the end of the sentence around it.
fn strip_trailing_punctuation<'a>(rest: &'a [Char], problems: &mut Problems) -> &'a [Char] {
    let Some((last, head)) = rest.split_last() else {
        return rest;
    };
    // The dots in `head`, from the counts kept per character (no rescan per round).
    let dots_in_head = head
        .first()
        .map_or(0, |first| last.dots_before - first.dots_before);
    if matches!(last.ch, '.' | ',' | ';') && dots_in_head == 2 {
        problems.push_back(ErrorKind::TrailingPunctuation, last.start, last.end());
        return head;
    }
    rest
}

/// Maps one character inside the key to the key character it stands for: the byte
/// (or [`DROP`] / [`UNUSABLE`]) and the problem to note, if any.
fn map_char(ch: char) -> (u8, Option<ErrorKind>) {
    match ch {
        'A'..='Z' | '2'..='7' | '.' => (ch as u8, None),
        'a'..='z' => (ch.to_ascii_uppercase() as u8, Some(ErrorKind::Lowercase)),
        '0' => (b'O', Some(ErrorKind::DigitLookalike)),
        '8' => (b'B', Some(ErrorKind::DigitLookalike)),
        // 1 reads as I or L, and 9 as g or q: no safe guess.
        '1' | '9' => (UNUSABLE, Some(ErrorKind::AmbiguousCharacter)),
        _ if ch.is_whitespace() => (DROP, Some(ErrorKind::InnerWhitespace)),
        _ if is_invisible(ch) => (DROP, Some(ErrorKind::InvisibleCharacter)),
        _ => match lookalike(ch) {
            Some(byte) => (byte, Some(ErrorKind::Lookalike)),
            None if is_ambiguous_lookalike(ch) => (UNUSABLE, Some(ErrorKind::AmbiguousCharacter)),
            None => (UNUSABLE, Some(ErrorKind::InvalidCharacter)),
        },
    }
}

/// The key character a Cyrillic, Greek or full-width character unambiguously looks like.
fn lookalike(ch: char) -> Option<u8> {
    let code = ch as u32;
    // Full-width Latin letters and digits (U+FF21.., U+FF41.., U+FF10..) and the
    // full-width full stop.
    if (0xFF21..=0xFF3A).contains(&code) {
        return u8::try_from(code - 0xFF21 + u32::from(b'A')).ok();
    }
    if (0xFF41..=0xFF5A).contains(&code) {
        return u8::try_from(code - 0xFF41 + u32::from(b'A')).ok();
    }
    if (0xFF12..=0xFF17).contains(&code) {
        return u8::try_from(code - 0xFF10 + u32::from(b'0')).ok();
    }
    let byte = match ch {
        '．' => b'.',
        '０' => b'O',
        '８' => b'B',
        // Cyrillic capitals.
        'А' => b'A',
        'В' => b'B',
        'С' => b'C',
        'Е' => b'E',
        'Н' => b'H',
        'І' => b'I',
        'Ј' => b'J',
        'К' => b'K',
        'М' => b'M',
        'О' => b'O',
        'Р' => b'P',
        'Ѕ' => b'S',
        'Т' => b'T',
        'Х' => b'X',
        'Ү' => b'Y',
        'Ԛ' => b'Q',
        'Ԝ' => b'W',
        // Cyrillic small letters that look like Latin small letters (keys are upper
        // case, so a small letter stands for its capital).
        'а' => b'A',
        'с' => b'C',
        'е' => b'E',
        'һ' => b'H',
        'і' => b'I',
        'ј' => b'J',
        'о' => b'O',
        'р' => b'P',
        'ԛ' => b'Q',
        'ѕ' => b'S',
        'ԝ' => b'W',
        'х' => b'X',
        'у' => b'Y',
        // Greek capitals.
        'Α' => b'A',
        'Β' => b'B',
        'Ε' => b'E',
        'Ζ' => b'Z',
        'Η' => b'H',
        'Ι' => b'I',
        'Κ' => b'K',
        'Μ' => b'M',
        'Ν' => b'N',
        'Ο' => b'O',
        'Ρ' => b'P',
        'Τ' => b'T',
        'Υ' => b'Y',
        'Χ' => b'X',
        // Greek small letters with one clear Latin reading.
        'ο' => b'O',
        'α' => b'A',
        'κ' => b'K',
        'ν' => b'V',
        _ => return None,
    };
    Some(byte)
}

/// Look-alikes with more than one plausible reading: pointed at, never guessed.
fn is_ambiguous_lookalike(ch: char) -> bool {
    matches!(ch, '１' | '９' | 'ǀ' | 'Ⅰ' | 'ⅼ' | '|' | 'ι' | 'Ӏ' | 'ӏ')
}

/// Drops the second copy of a key pasted twice in a row.
fn drop_second_copy(mut cells: Vec<Cell>, problems: &mut Problems) -> Vec<Cell> {
    if cells.len() == 2 * KEY_LEN {
        let (first, second) = cells.split_at(KEY_LEN);
        let same = first.iter().zip(second).all(|(a, b)| a.byte == b.byte);
        if same && first[0].byte == b'N' {
            problems.structure_follows();
            problems.push(
                ErrorKind::PastedTwice,
                second[0].start,
                second[KEY_LEN - 1].end(),
            );
            cells.truncate(KEY_LEN);
        }
    }
    cells
}

/// What the structure of the cleaned characters says: the token kind, when recognisable.
#[derive(Debug)]
struct Shape {
    kind: Option<TokenKind>,
}

/// Checks the cleaned characters against `NNSXS.<id>.<secret>`, reporting every problem,
/// and returns the token kind when it is recognisable. What may be shown is not decided
/// here but by [`mask::reading`].
fn structure(cells: &[Cell], input_len: usize, problems: &mut Problems) -> Option<TokenKind> {
    let mut shape = Shape { kind: None };
    structure_into(cells, input_len, problems, &mut shape);
    shape.kind
}

fn structure_into(cells: &[Cell], input_len: usize, problems: &mut Problems, shape: &mut Shape) {
    let Some(last) = cells.last() else {
        problems.push(ErrorKind::Empty, 0, input_len);
        return;
    };
    let end = last.end();
    let bytes: Vec<u8> = cells.iter().map(|c| c.byte).collect();
    let span = |from: usize, to: usize| (cells[from].start, cells[to - 1].end());
    let all_base32 = |from: usize, to: usize| bytes[from..to].iter().all(|&b| is_base32(b));
    let dots: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] == b'.').collect();

    // The first part: a token type, or the Key ID when the type is missing.
    let first_end = dots.first().copied().unwrap_or(bytes.len());
    let mut id_start = first_end + 1;
    let mut dots_after_type = &dots[..];
    match TokenKind::from_prefix(&bytes[..first_end.min(PREFIX_LEN)]) {
        Some(kind)
            if first_end == PREFIX_LEN || dots.is_empty() || first_end == PREFIX_LEN + ID_LEN =>
        {
            shape.kind = Some(kind);
            if let Some(problem) = other_kind_problem(kind) {
                problems.push(problem, 0, input_len);
                return;
            }
            if first_end == PREFIX_LEN + ID_LEN {
                // `NNSXS<id>.<secret>`: the first dot is missing.
                let (at, _) = span(PREFIX_LEN, PREFIX_LEN + 1);
                problems.push(ErrorKind::MissingSeparator, at, at);
                id_start = PREFIX_LEN;
            } else if dots.is_empty() {
                // `NNSXS<id><secret>` or a cut-off `NNSXS`.
                if bytes.len() == PREFIX_LEN {
                    problems.push(ErrorKind::Truncated, end, end);
                    return;
                }
                let (at, _) = span(PREFIX_LEN, PREFIX_LEN + 1);
                problems.push(ErrorKind::MissingSeparator, at, at);
                id_start = PREFIX_LEN;
            } else {
                dots_after_type = &dots[1..];
            }
        }
        _ if dots.is_empty() => {
            classify_lone_part(&bytes, cells, input_len, problems, shape);
            return;
        }
        _ if first_end == ID_LEN && all_base32(0, ID_LEN) => {
            let (from, to) = span(0, ID_LEN);
            problems.push(ErrorKind::MissingPrefix, from, to);
            shape.kind = Some(TokenKind::ApiKey);
            id_start = 0;
        }
        _ => {
            let (from, to) = span(0, first_end.max(1));
            problems.push(ErrorKind::UnknownPrefix, from, to);
            return;
        }
    }

    // The Key ID: up to the next dot.
    let id_end = dots_after_type.first().copied().unwrap_or(bytes.len());
    let id_len = id_end - id_start.min(id_end);
    if dots_after_type.is_empty() {
        // No second dot: a cut-off key, or a missing dot between Key ID and secret.
        if id_len > ID_LEN {
            let (at, _) = span(id_start + ID_LEN, id_start + ID_LEN + 1);
            problems.push(ErrorKind::MissingSeparator, at, at);
            check_id(&bytes, cells, id_start, problems);
            check_secret(&bytes, cells, id_start + ID_LEN, end, problems);
        } else {
            if id_len == ID_LEN {
                check_id(&bytes, cells, id_start, problems);
            }
            problems.push(ErrorKind::Truncated, end, end);
        }
        return;
    }
    if id_len == ID_LEN {
        check_id(&bytes, cells, id_start, problems);
    } else {
        let (from, to) = if id_len == 0 {
            let at = cells[id_end].start;
            (at, at)
        } else {
            span(id_start, id_end)
        };
        problems.push(ErrorKind::IdLength, from, to);
    }

    // The secret: after the second dot, up to a third dot if any.
    let secret_start = id_end + 1;
    if let Some(&extra_dot) = dots_after_type.get(1) {
        let (from, to) = span(extra_dot, extra_dot + 1);
        problems.push(ErrorKind::ExtraSeparator, from, to);
        check_secret(
            &bytes,
            cells,
            secret_start,
            cells[extra_dot].start,
            problems,
        );
    } else {
        check_secret(&bytes, cells, secret_start, end, problems);
    }
}

fn other_kind_problem(kind: TokenKind) -> Option<ErrorKind> {
    match kind {
        TokenKind::ApiKey => None,
        TokenKind::OAuthAccessToken => Some(ErrorKind::OAuthAccessToken),
        TokenKind::OAuthRefreshToken => Some(ErrorKind::OAuthRefreshToken),
        TokenKind::AuthorizationCode => Some(ErrorKind::AuthorizationCode),
        TokenKind::SessionToken => Some(ErrorKind::SessionToken),
    }
}

/// A paste without any dot: a Key ID or secret alone, a cut-off prefix, or not a key.
fn classify_lone_part(
    bytes: &[u8],
    cells: &[Cell],
    input_len: usize,
    problems: &mut Problems,
    shape: &mut Shape,
) {
    let all_base32 = bytes.iter().all(|&b| is_base32(b));
    let (from, to) = (cells[0].start, cells[cells.len() - 1].end());
    let prefix = TokenKind::ApiKey.prefix().as_bytes();
    if all_base32 && bytes.len() == ID_LEN {
        problems.push(ErrorKind::KeyIdOnly, from, to);
        if !is_id_last(bytes[ID_LEN - 1]) {
            problems.push(ErrorKind::IdLastCharacter, cells[ID_LEN - 1].start, to);
        }
    } else if all_base32 && bytes.len() == SECRET_LEN {
        problems.push(ErrorKind::SecretOnly, from, to);
    } else if bytes.len() < PREFIX_LEN && prefix.starts_with(bytes) {
        shape.kind = Some(TokenKind::ApiKey);
        problems.push(ErrorKind::Truncated, to, to);
    } else {
        problems.push(ErrorKind::UnknownPrefix, 0, input_len);
    }
}

/// Checks the 39 characters of a Key ID starting at `start` (the length is known).
fn check_id(bytes: &[u8], cells: &[Cell], start: usize, problems: &mut Problems) {
    let id = &bytes[start..start + ID_LEN];
    if !id.iter().all(|&b| is_base32(b)) {
        // The unusable characters were reported where they were found.
        return;
    }
    if !is_id_last(id[ID_LEN - 1]) {
        let last = cells[start + ID_LEN - 1];
        problems.push(ErrorKind::IdLastCharacter, last.start, last.end());
    }
}

/// Checks the secret from cell `start` to the UTF-16 offset `end` of its last character.
fn check_secret(bytes: &[u8], cells: &[Cell], start: usize, end: usize, problems: &mut Problems) {
    let stop = cells
        .iter()
        .position(|c| c.start >= end)
        .unwrap_or(cells.len());
    let secret_len = stop.saturating_sub(start);
    if secret_len < SECRET_LEN {
        problems.push(ErrorKind::Truncated, end, end);
    } else if secret_len > SECRET_LEN {
        let extra = start + SECRET_LEN;
        problems.push(
            ErrorKind::TooLong,
            cells[extra].start,
            cells[stop - 1].end(),
        );
    } else {
        let secret = &bytes[start..stop];
        let last = cells[stop - 1];
        if secret.iter().all(|&b| is_base32(b)) && !is_secret_last(secret[SECRET_LEN - 1]) {
            problems.push(ErrorKind::SecretLastCharacter, last.start, last.end());
        }
    }
}
