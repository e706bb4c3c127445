//! Finds and redacts The Things Stack tokens in arbitrary pasted text: support tickets,
//! e-mail replies (quoted, hard-wrapped, quoted-printable), logs, JSON, YAML, `.env`
//! files, command lines, HTTP headers and URLs.
//!
//! # What is redacted
//!
//! - **Tokens.** A token-type prefix (`NNSXS`, `MFRWG`, `OJSWM`, `MF2XI`, `ONZW4`), in
//!   any case and glued to anything before it, then `.` (or a percent-encoded `%2E`),
//!   then at least one alphanumeric character. The token runs over alphanumerics, inner
//!   `-`/`_` joiners and further `.` parts, and across a line break that wraps it (see
//!   below). It becomes `<PREFIX>.<ID>.[REDACTED]` (the prefix in upper case) when its
//!   first part is a well-formed Key ID, else `<PREFIX>.[REDACTED]`. Near misses (wrong
//!   lengths, extra characters glued on, lower case, a wrong last character, truncation)
//!   are redacted the same way: when in doubt, redact.
//! - **Wrapped tokens.** A token whose id or secret is still short of its length at the
//!   end of a line goes on at the start of the next line, after any `>` quote markers and
//!   indentation. After a quoted-printable soft break (`=` at the end of the line) it
//!   always goes on. After a hard break it goes on only when the next line starts with at
//!   least 8 characters of the token's case, or with exactly the rest of it: so a
//!   truncated key followed by a line starting "I think" keeps that line intact, and at
//!   most 7 characters of a secret can be left behind.
//! - **Bare secrets.** A run of exactly 52 base32 characters (upper case) ending in `A`
//!   or `Q`, bounded by non-alphanumerics, becomes `[REDACTED]`. A percent escape
//!   (`%20`), a quoted-printable escape (`=3D`) or a JSON escape (`\n`) glued on in front
//!   counts as a boundary.
//!
//! # What is left alone
//!
//! - Prose naming a prefix with nothing token-like after it: `NNSXS`, `NNSXS.`,
//!   `NNSXS...`, `NNSXS.<id>.<secret>`.
//! - A bare Key ID (39 base32 characters): it is not secret, so it is neither redacted
//!   nor reported.
//! - Already-redacted text: `<PREFIX>.[REDACTED]`, `<PREFIX>.<ID>.[REDACTED]` and a
//!   lone `[REDACTED]` are kept as they are and not reported, so redaction is idempotent.
//! - Hex hashes, UUIDs, base64 and lower-case or mixed-case runs that are not behind a
//!   token prefix.
//!
//! # How it scans
//!
//! One forward pass over the bytes, no regex and no backtracking, in blocks of 48 bytes
//! (`SAMPLE_STRIDE`). Word-at-a-time (SWAR) arithmetic marks each `.` or `%` whose
//! byte two before is `X` or `W` (ASCII case folded): the 4th character of every prefix,
//! rare in text, so most blocks take one well-predicted branch. At a marked byte the 5
//! bytes before it are compared with the prefixes. The first byte of each block is a
//! sample: a 52-character secret always holds one, and only a sample with 8 base32
//! characters on one side starts the search for a bare secret around it. Lookbacks are
//! bounded (5 bytes for a prefix, 55 for a run), and a token's lookahead across a line
//! break is bounded too, so the whole pass is linear. Untouched stretches are copied
//! with one `push_str`, and UTF-16 offsets are counted (a vectorized byte count) only
//! for the stretches before a finding.
//!
//! Architecture Invariant: every position the scan cuts the text at is next to an ASCII
//! byte, so slicing the `&str` there is always on a character boundary; all other byte
//! access goes through bounds-checked reads, so no input can make it panic.

use std::fmt::Write as _;

use crate::key::{
    is_base32, is_key_id, is_secret, Redacted, TokenKind, ID_LEN, PREFIX_LEN, SECRET_LEN,
    SECRET_MASK,
};
use crate::text::utf16_len_of_utf8;

/// The redacted text and what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    /// The input with every token's secret part replaced.
    pub text: String,
    /// Every token and bare secret found, in the order they appear.
    pub findings: Vec<Finding>,
}

/// One token (or token-shaped near miss) found in a text.
///
/// Holds no secret text: only the kind, the Key ID when it is well-formed, and where the
/// token was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What was found.
    pub kind: FindingKind,
    /// The id part, only when it is a well-formed 39-character Key ID (the id of a token
    /// is not secret). Always `None` for a bare secret.
    pub key_id: Option<String>,
    /// Start, in UTF-16 code units (JS string positions) into the original text.
    pub start: usize,
    /// End (exclusive), in UTF-16 code units into the original text.
    pub end: usize,
    /// Whether the span is exactly a well-formed API key as The Things Stack issues it,
    /// `NNSXS.<id>.<secret>` (98 characters): so it parses as an [`crate::ApiKey`]. A
    /// key wrapped across lines is redacted and reported with its Key ID, but is not
    /// `valid`: its span holds the line break.
    pub valid: bool,
}

/// What a [`Finding`] is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum FindingKind {
    /// A token behind a token-type prefix (`NNSXS.`, `MFRWG.`, …), well-formed or not.
    Token(TokenKind),
    /// A secret standing alone: 52 base32 characters ending in `A` or `Q`.
    BareSecret,
}

impl FindingKind {
    /// Stable snake_case name, as JS sees it in `kind`: the token kind's code, or
    /// `bare_secret`.
    pub fn code(self) -> &'static str {
        match self {
            FindingKind::Token(kind) => kind.code(),
            FindingKind::BareSecret => "bare_secret",
        }
    }

    /// Human name for messages and labels.
    pub fn label(self) -> &'static str {
        match self {
            FindingKind::Token(kind) => kind.label(),
            FindingKind::BareSecret => "secret",
        }
    }

    /// The token kind, unless this is a bare secret.
    pub fn token_kind(self) -> Option<TokenKind> {
        match self {
            FindingKind::Token(kind) => Some(kind),
            FindingKind::BareSecret => None,
        }
    }
}

/// Finds every token and bare secret in `text` and masks its secret part.
///
/// Runs in linear time and never panics.
pub fn redact_text(text: &str) -> Redaction {
    let mut scanner = Scanner::new(text);
    scanner.run();
    scanner.finish()
}

/// Distance between the bytes sampled for bare secrets, a multiple of 8.
///
/// Invariant: at most [`SECRET_LEN`], so every run of 52 characters holds a sample (the
/// scan also samples wherever it resumes).
const SAMPLE_STRIDE: usize = 48;

/// How far back from a sample a run is followed before it counts as too long to be a
/// bare secret (52 characters plus up to 2 escape characters glued on).
const MAX_RUN: usize = SECRET_LEN + 3;

/// At least this many characters on the next line continue a token across a hard break.
const MIN_CONTINUATION: usize = 8;

/// Most spaces, tabs and `>` quote markers skipped after a line break.
const MAX_QUOTE_MARKERS: usize = 16;

/// Most spaces and tabs skipped before a hard line break.
const MAX_TRAILING_SPACE: usize = 8;

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    out: String,
    findings: Vec<Finding>,
    // Invariant: `out` holds the redacted form of `text[..copied_to]`.
    copied_to: usize,
    // Invariant: `floor >= copied_to`; nothing new starts before `floor` (it is the end
    // of the last token handled, redacted or left as already redacted).
    floor: usize,
    // The UTF-16 length of `text[..utf16_byte]` is `utf16_units`.
    utf16_byte: usize,
    utf16_units: usize,
    // The current token's body with line breaks removed and separators as `.`.
    logical: Vec<u8>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Scanner<'a> {
        Scanner {
            text,
            bytes: text.as_bytes(),
            out: String::new(),
            findings: Vec::new(),
            copied_to: 0,
            floor: 0,
            utf16_byte: 0,
            utf16_units: 0,
            logical: Vec::new(),
        }
    }

    fn run(&mut self) {
        let mut pos = 0;
        loop {
            match next_event(self.bytes, pos, self.floor) {
                Event::Candidate(at) => pos = self.at_separator(at),
                // Invariant: the scan goes on after the sample, or it would sample it
                // again.
                Event::Sample(sample) => pos = self.at_sample(sample).max(sample + 1),
                Event::End => break,
            }
        }
    }

    fn finish(mut self) -> Redaction {
        if self.findings.is_empty() {
            return Redaction {
                text: self.text.to_owned(),
                findings: self.findings,
            };
        }
        self.copy_original(self.bytes.len());
        Redaction {
            text: self.out,
            findings: self.findings,
        }
    }

    /// Handles the `.` or `%` at `at`; returns where the scan goes on.
    fn at_separator(&mut self, at: usize) -> usize {
        let bytes = self.bytes;
        let sep_len = separator_len(bytes, at);
        if sep_len == 0 {
            return at + 1;
        }
        let Some(start) = at.checked_sub(PREFIX_LEN).filter(|&s| s >= self.floor) else {
            return at + 1;
        };
        let Some(kind) = prefix_kind(bytes, start) else {
            return at + 1;
        };
        match parse_body(bytes, at + sep_len, &mut self.logical) {
            Body::Empty => at + 1,
            Body::AlreadyRedacted { end } => {
                self.floor = end;
                end
            }
            Body::Token { end, exact } => {
                self.emit_token(kind, start, end, exact);
                end
            }
        }
    }

    /// Examines the byte at `sample` for a bare secret; returns where the scan goes on.
    fn at_sample(&mut self, sample: usize) -> usize {
        let bytes = self.bytes;
        if !is_base32(at(bytes, sample)) {
            return sample;
        }
        let lowest = self.floor.max(sample.saturating_sub(MAX_RUN));
        let mut run_start = sample;
        while run_start > lowest && at(bytes, run_start - 1).is_ascii_alphanumeric() {
            run_start -= 1;
        }
        let too_long = run_start == lowest
            && run_start > self.floor
            && at(bytes, run_start - 1).is_ascii_alphanumeric();
        let mut run_end = sample;
        while at(bytes, run_end).is_ascii_alphanumeric() {
            run_end += 1;
        }
        // Invariant: an alphanumeric run holds no `.` or `%`, so skipping it skips no
        // token.
        if !too_long {
            if let Some(secret_start) = bare_secret_start(bytes, run_start, run_end) {
                self.emit_bare_secret(secret_start, run_end);
            }
        }
        run_end
    }

    fn emit_token(&mut self, kind: TokenKind, start: usize, end: usize, exact: bool) {
        let mut parts = self.logical.split(|&b| b == b'.');
        let id_part = parts.next().unwrap_or_default();
        let secret_part = parts.next();
        let extra_part = parts.next().is_some();
        let key_id = if is_key_id(id_part) {
            std::str::from_utf8(id_part).ok().map(str::to_owned)
        } else {
            None
        };
        let exact_prefix = self.bytes.get(start..start + PREFIX_LEN)
            == Some(TokenKind::ApiKey.prefix().as_bytes());
        let valid = kind == TokenKind::ApiKey
            && exact_prefix
            && exact
            && !extra_part
            && key_id.is_some()
            && secret_part.is_some_and(is_secret);
        let (start_utf16, end_utf16) = self.replace_span(start, end);
        let _ = write!(self.out, "{}", Redacted::new(kind, key_id.as_deref()));
        self.findings.push(Finding {
            kind: FindingKind::Token(kind),
            key_id,
            start: start_utf16,
            end: end_utf16,
            valid,
        });
    }

    fn emit_bare_secret(&mut self, start: usize, end: usize) {
        let (start_utf16, end_utf16) = self.replace_span(start, end);
        self.out.push_str(SECRET_MASK);
        self.findings.push(Finding {
            kind: FindingKind::BareSecret,
            key_id: None,
            start: start_utf16,
            end: end_utf16,
            valid: false,
        });
    }

    /// Copies the text up to `start`, skips the span up to `end` (the caller writes its
    /// replacement) and returns the span in UTF-16 units.
    fn replace_span(&mut self, start: usize, end: usize) -> (usize, usize) {
        if self.out.capacity() == 0 {
            self.out.reserve(self.bytes.len());
        }
        self.copy_original(start);
        let start_utf16 = self.utf16_offset(start);
        let end_utf16 = self.utf16_offset(end);
        self.copied_to = end;
        self.floor = end;
        (start_utf16, end_utf16)
    }

    fn copy_original(&mut self, end: usize) {
        if let Some(stretch) = self.text.get(self.copied_to..end) {
            self.out.push_str(stretch);
        } else if let Some(raw) = self.bytes.get(self.copied_to..end) {
            // Unreachable by the module invariant; kept so a bug cannot drop text.
            self.out.push_str(&String::from_utf8_lossy(raw));
        }
        self.copied_to = end;
    }

    fn utf16_offset(&mut self, byte: usize) -> usize {
        if let Some(stretch) = self.bytes.get(self.utf16_byte..byte) {
            self.utf16_units += utf16_len_of_utf8(stretch);
            self.utf16_byte = byte;
        }
        self.utf16_units
    }
}

/// What follows a token prefix and its separator.
enum Body {
    /// Nothing token-like: the prefix is just a word.
    Empty,
    /// A token in its redacted form, left as it is; it ends at `end`.
    AlreadyRedacted { end: usize },
    /// A token ending at `end`; its body is in the logical buffer. `exact` when the span
    /// is the body as it is: no line breaks, no `-`/`_` joiners, no percent-encoded
    /// separators.
    Token { end: usize, exact: bool },
}

/// Where a token body is: which part, how long it is so far, and its letter case.
#[derive(Clone, Copy)]
struct BodyState {
    part_index: usize,
    part_len: usize,
    has_upper: bool,
    has_lower: bool,
}

impl BodyState {
    /// How many characters the current part still lacks to be as long as it should be.
    fn needed(&self) -> usize {
        let expected = match self.part_index {
            0 => ID_LEN,
            1 => SECRET_LEN,
            _ => 0,
        };
        expected.saturating_sub(self.part_len)
    }

    /// Whether `byte` matches the letter case of the body so far.
    fn in_case(&self, byte: u8) -> bool {
        match (self.has_upper, self.has_lower) {
            (_, false) => byte.is_ascii_uppercase() || byte.is_ascii_digit(),
            (false, true) => byte.is_ascii_lowercase() || byte.is_ascii_digit(),
            (true, true) => byte.is_ascii_alphanumeric(),
        }
    }

    fn next_part(&mut self) {
        self.part_index += 1;
        self.part_len = 0;
    }
}

/// Reads the token body starting at `body_start` into `logical`.
fn parse_body(bytes: &[u8], body_start: usize, logical: &mut Vec<u8>) -> Body {
    logical.clear();
    if starts_with_mask(bytes, body_start) {
        return Body::AlreadyRedacted {
            end: body_start + SECRET_MASK.len(),
        };
    }
    let mut state = BodyState {
        part_index: 0,
        part_len: 0,
        has_upper: false,
        has_lower: false,
    };
    let mut i = body_start;
    let mut run_start = i;
    // Whether the span is the body as it is (see `Body::Token`).
    let mut exact = true;
    loop {
        while let Some(&byte) = bytes.get(i) {
            if byte.is_ascii_alphanumeric() {
                state.has_upper |= byte.is_ascii_uppercase();
                state.has_lower |= byte.is_ascii_lowercase();
            } else if matches!(byte, b'-' | b'_')
                && i > run_start
                && at(bytes, i + 1).is_ascii_alphanumeric()
            {
                exact = false;
            } else {
                break;
            }
            logical.push(byte);
            state.part_len += 1;
            i += 1;
        }

        let sep_len = separator_len(bytes, i);
        if sep_len > 0 {
            // A Key ID may itself end in a prefix (`…MF2XI`, since `I` is a valid last
            // character): a well-formed Key ID followed by its separator is this token's
            // id, not the end of it.
            let whole_key_id = state.part_index == 0 && is_key_id(logical);
            if !whole_key_id
                && i >= run_start + PREFIX_LEN
                && prefix_kind(bytes, i - PREFIX_LEN).is_some()
            {
                // A new token is glued on: this one ends where that one begins.
                logical.truncate(logical.len().saturating_sub(PREFIX_LEN));
                return finish_body(logical, i - PREFIX_LEN, exact);
            }
            let next = i + sep_len;
            if at(bytes, next).is_ascii_alphanumeric() {
                logical.push(b'.');
                exact &= sep_len == 1;
                state.next_part();
                i = next;
                run_start = next;
                continue;
            }
            if starts_with_mask(bytes, next) {
                let end = next + SECRET_MASK.len();
                if state.part_index == 0 && exact && is_key_id(logical) {
                    return Body::AlreadyRedacted { end };
                }
                return finish_body(logical, end, false);
            }
            if !logical.is_empty() {
                let next_state = BodyState {
                    part_index: state.part_index + 1,
                    part_len: 0,
                    ..state
                };
                if let Some(resume) = continuation(bytes, next, &next_state) {
                    logical.push(b'.');
                    state = next_state;
                    exact = false;
                    i = resume;
                    run_start = resume;
                    continue;
                }
            }
            return finish_body(logical, i, exact);
        }

        if logical.is_empty() {
            // Right after the prefix only a soft break goes on: prose may well end a
            // line with "NNSXS.".
            match skip_break(bytes, i) {
                Some((resume, true)) if at(bytes, resume).is_ascii_alphanumeric() => {
                    exact = false;
                    i = resume;
                    run_start = resume;
                    continue;
                }
                _ => return Body::Empty,
            }
        }
        if let Some(resume) = continuation(bytes, i, &state) {
            exact = false;
            i = resume;
            run_start = resume;
            continue;
        }
        return finish_body(logical, i, exact);
    }
}

fn finish_body(logical: &[u8], end: usize, exact: bool) -> Body {
    if logical.iter().any(u8::is_ascii_alphanumeric) {
        Body::Token { end, exact }
    } else {
        Body::Empty
    }
}

/// Where the token goes on when a line break at `at_break` wraps it, if it does.
fn continuation(bytes: &[u8], at_break: usize, state: &BodyState) -> Option<usize> {
    let (resume, soft) = skip_break(bytes, at_break)?;
    let first = at(bytes, resume);
    if soft {
        let goes_on = first.is_ascii_alphanumeric() || separator_len(bytes, resume) > 0;
        return goes_on.then_some(resume);
    }
    let needed = state.needed();
    if needed == 0 {
        return None;
    }
    // Measure the run on the next line, as far as the decision needs.
    let horizon = needed.max(MIN_CONTINUATION) + 1;
    let mut n_in_case = 0;
    while n_in_case < horizon && state.in_case(at(bytes, resume + n_in_case)) {
        n_in_case += 1;
    }
    let run_ends = !at(bytes, resume + n_in_case).is_ascii_alphanumeric();
    let goes_on =
        n_in_case >= MIN_CONTINUATION || (n_in_case >= needed && n_in_case > 0 && run_ends);
    goes_on.then_some(resume)
}

/// A line break at `at_break`: a quoted-printable soft break (`=` then the line end, `true`)
/// or a hard one (optional trailing spaces, then the line end, `false`). Returns where
/// the next line's text starts, after quote markers and indentation.
fn skip_break(bytes: &[u8], at_break: usize) -> Option<(usize, bool)> {
    let mut i = at_break;
    let soft = at(bytes, i) == b'=';
    if soft {
        i += 1;
    } else {
        let mut n_spaces = 0;
        while n_spaces < MAX_TRAILING_SPACE && matches!(at(bytes, i), b' ' | b'\t') {
            i += 1;
            n_spaces += 1;
        }
    }
    match at(bytes, i) {
        b'\r' => {
            i += 1;
            if at(bytes, i) == b'\n' {
                i += 1;
            }
        }
        b'\n' => i += 1,
        _ => return None,
    }
    let mut n_markers = 0;
    while n_markers < MAX_QUOTE_MARKERS && matches!(at(bytes, i), b' ' | b'\t' | b'>') {
        i += 1;
        n_markers += 1;
    }
    Some((i, soft))
}

/// Where the bare secret in the alphanumeric run `run_start..run_end` starts, if the run
/// is one (possibly behind a glued-on escape).
fn bare_secret_start(bytes: &[u8], run_start: usize, run_end: usize) -> Option<usize> {
    if bytes.get(run_start..run_end).is_some_and(is_secret) {
        return Some(run_start);
    }
    let before = run_start.checked_sub(1).map_or(0, |i| at(bytes, i));
    let secret_start = match before {
        b'%' | b'='
            if at(bytes, run_start).is_ascii_hexdigit()
                && at(bytes, run_start + 1).is_ascii_hexdigit() =>
        {
            run_start + 2
        }
        b'\\' if matches!(at(bytes, run_start), b'n' | b'r' | b't') => run_start + 1,
        _ => return None,
    };
    bytes
        .get(secret_start..run_end)
        .is_some_and(is_secret)
        .then_some(secret_start)
}

/// The token kind whose prefix (ASCII case folded) is at `start`.
#[inline]
fn prefix_kind(bytes: &[u8], start: usize) -> Option<TokenKind> {
    let candidate = bytes.get(start..)?.first_chunk::<PREFIX_LEN>()?;
    // A quick test on the bytes with bit 5 set (lower case for letters), then an exact
    // case-insensitive comparison: setting bit 5 also maps a few control bytes onto
    // digits.
    let folded = fold_prefix(candidate);
    let kind = TokenKind::ALL.into_iter().find(|kind| {
        let prefix = kind.prefix().as_bytes().first_chunk::<PREFIX_LEN>();
        prefix.is_some_and(|prefix| fold_prefix(prefix) == folded)
    })?;
    candidate
        .eq_ignore_ascii_case(kind.prefix().as_bytes())
        .then_some(kind)
}

#[inline]
const fn fold_prefix(prefix: &[u8; PREFIX_LEN]) -> u64 {
    let word = (prefix[0] as u64)
        | (prefix[1] as u64) << 8
        | (prefix[2] as u64) << 16
        | (prefix[3] as u64) << 24
        | (prefix[4] as u64) << 32;
    word | 0x20_2020_2020
}

/// The length of the token separator at `at_sep`: 1 for `.`, 3 for `%2E`, else 0.
fn separator_len(bytes: &[u8], at_sep: usize) -> usize {
    match at(bytes, at_sep) {
        b'.' => 1,
        b'%' if at(bytes, at_sep + 1) == b'2' && matches!(at(bytes, at_sep + 2), b'E' | b'e') => 3,
        _ => 0,
    }
}

fn starts_with_mask(bytes: &[u8], at_mask: usize) -> bool {
    bytes
        .get(at_mask..)
        .is_some_and(|rest| rest.starts_with(SECRET_MASK.as_bytes()))
}

/// The byte at `i`, or 0 (which is in no class the scan looks for) past the end.
#[inline]
fn at(bytes: &[u8], i: usize) -> u8 {
    bytes.get(i).copied().unwrap_or(0)
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` that equals `byte` (and maybe of a byte after
/// one, see [`approx_zero_bytes`]).
#[inline]
fn bytes_equal(word: u64, byte: u8) -> u64 {
    approx_zero_bytes(word ^ (LOW_BITS * u64::from(byte)))
}

/// The high bit of each byte of `word` that is zero, and maybe of a byte after one (the
/// borrow of the subtraction): callers check each hit.
#[inline]
fn approx_zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(LOW_BITS) & !word & HIGH_BITS
}

/// Where the fast scan stopped.
enum Event {
    /// A `.` or `%2E` at this position with a prefix (folded) in the 5 bytes before it.
    Candidate(usize),
    /// A sampled byte that may be inside a bare secret.
    Sample(usize),
    /// The end of the text.
    End,
}

/// Scans from `from` to the next [`Event`], a block of [`SAMPLE_STRIDE`] bytes at a
/// time: the first byte of each block is the sample, and the block is searched for `.`
/// and `%` eight bytes at a time.
#[inline]
fn next_event(bytes: &[u8], from: usize, floor: usize) -> Event {
    let mut i = from;
    while let Some(block) = bytes
        .get(i..)
        .and_then(<[u8]>::first_chunk::<SAMPLE_STRIDE>)
    {
        if may_hold_secret(bytes, i) {
            return Event::Sample(i);
        }
        // One bit per `.` or `%` of the block with `X` or `W` (the 4th character of
        // every prefix, and rare in text) two bytes before it, at bit `8 * j + k` for
        // byte `j` of word `k`: the common block without one costs one well-predicted
        // branch, where a branch per `.` would be mispredicted again and again.
        // Invariant: every prefix has `X` or `W` as its 4th character (a test checks).
        let mut hits = 0u64;
        let mut previous = (u64::from(at(bytes, i.wrapping_sub(2))) << 48)
            | (u64::from(at(bytes, i.wrapping_sub(1))) << 56);
        for k in 0..SAMPLE_STRIDE / 8 {
            let word = block.get(8 * k..).and_then(<[u8]>::first_chunk::<8>);
            let word = word.map_or(0, |word| u64::from_le_bytes(*word));
            let two_before = ((word << 16) | (previous >> 48)) | (LOW_BITS * 0x20);
            previous = word;
            let separators = bytes_equal(word, b'.') | bytes_equal(word, b'%');
            let fourths = bytes_equal(two_before, b'x') | bytes_equal(two_before, b'w');
            hits |= ((separators & fourths) >> 7) << k;
        }
        if hits != 0 {
            // The bits are not in text order: take the first candidate.
            let mut first = None;
            while hits != 0 {
                let bit = hits.trailing_zeros() as usize;
                let found = i + 8 * (bit % 8) + bit / 8;
                if first.is_none_or(|first| found < first) && is_candidate(bytes, found, floor) {
                    first = Some(found);
                }
                hits &= hits - 1;
            }
            if let Some(found) = first {
                return Event::Candidate(found);
            }
        }
        i += SAMPLE_STRIDE;
    }
    if may_hold_secret(bytes, i) {
        return Event::Sample(i);
    }
    while i < bytes.len() {
        if is_candidate(bytes, i, floor) {
            return Event::Candidate(i);
        }
        i += 1;
    }
    Event::End
}

/// Whether the byte at `sample` may be inside a bare secret: 52 base32 characters hold
/// at least 26 on one side of any of them, so 8 on one side (the sample included) must
/// be base32.
#[inline]
fn may_hold_secret(bytes: &[u8], sample: usize) -> bool {
    if !is_base32(at(bytes, sample)) {
        return false;
    }
    let after = bytes.get(sample..).and_then(<[u8]>::first_chunk::<8>);
    let before = sample
        .checked_sub(7)
        .and_then(|start| bytes.get(start..))
        .and_then(<[u8]>::first_chunk::<8>);
    after.is_some_and(|word| all_base32(u64::from_le_bytes(*word)))
        || before.is_some_and(|word| all_base32(u64::from_le_bytes(*word)))
}

/// Whether all 8 bytes of `word` are base32 (`A–Z`, `2–7`).
#[inline]
fn all_base32(word: u64) -> bool {
    // For bytes below 0x80, adding `0x80 - bound` sets bit 7 exactly when the byte is at
    // least `bound`, with no carry into the next byte.
    let at_least = |bound: u8| word.wrapping_add(LOW_BITS * u64::from(0x80 - bound));
    let letters = at_least(b'A') & !at_least(b'Z' + 1);
    let digits = at_least(b'2') & !at_least(b'7' + 1);
    word & HIGH_BITS == 0 && (letters | digits) & HIGH_BITS == HIGH_BITS
}

/// Whether the byte at `at_sep` is a separator with a token prefix, at or after
/// `floor`, in front of it.
#[inline]
fn is_candidate(bytes: &[u8], at_sep: usize, floor: usize) -> bool {
    separator_len(bytes, at_sep) > 0
        && at_sep
            .checked_sub(PREFIX_LEN)
            .is_some_and(|start| start >= floor && prefix_kind(bytes, start).is_some())
}
