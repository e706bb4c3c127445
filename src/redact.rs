//! Finds and redacts The Things Stack tokens in arbitrary pasted text: support tickets,
//! e-mail replies (quoted, hard-wrapped, quoted-printable), logs, JSON, YAML, `.env`
//! files, command lines, HTTP headers, URLs and HTML.
//!
//! # What is redacted
//!
//! - **Tokens.** A token-type prefix (`NNSXS`, `MFRWG`, `OJSWM`, `MF2XI`, `ONZW4`) in any
//!   case, glued to anything before it, then the token's body: the Key ID, the secret and
//!   what separates them. Letters glued on in front stay, unless they and the prefix make
//!   8 letters of one case (a secret that happens to hold a prefix): then they go too. The token becomes `<PREFIX>.<ID>.[REDACTED]` (prefix and ID in
//!   upper case) when the one masking rule ([`crate::mask`]) lets its Key ID be shown,
//!   else `<PREFIX>.[REDACTED]`. Near misses (wrong lengths, typos, extra characters glued
//!   on, lower case, truncation) are redacted the same way: when in doubt, redact.
//! - **What a paste does to a token** is read through, anywhere in it, the prefix
//!   included:
//!   - invisible characters (the one set of `text::is_invisible`: zero-width spaces and
//!     joiners, soft hyphens, byte-order marks, direction marks) and quoted-printable
//!     soft breaks (`=` at the end of a line) are skipped;
//!   - a no-break space is skipped inside the prefix and treated as a space elsewhere;
//!   - a separator is a `.`, a full-width `．`, or an escaped dot: `%2E`, `%252E`
//!     (percent-encoded twice), `=2E` (quoted-printable), `\u002E`, `\x2E`, `&#46;`,
//!     `&#x2E;`, `&period;`; after the prefix it may also be missing or be one of
//!     `,;:-_/·` when at least 8 characters of the body follow;
//!   - inside the body, `-` and `_` between characters are kept in the token.
//! - **Wrapped tokens.** A token goes on across a space, a no-break space or a line break
//!   (after up to [`MAX_QUOTE_MARKERS`] quote markers and indentation, `>`, `|`, `:`,
//!   spaces and tabs in any mix and depth, at the start of the next line; across a hyphen
//!   a word processor put before the break; across an escaped line break, `\n` or `\r\n`,
//!   in a JSON or C string) when what follows is exactly the rest of its part (the Key ID,
//!   the secret, or the 91 characters of both when their dot is missing), or is at least
//!   8 letters and digits while the part still lacks 8 or more, before the second dot or
//!   after 8 characters of the token. A dot and then a break go on only after a whole Key
//!   ID. So a truncated key followed by "I think" keeps those words, and at most 7
//!   characters of a secret can be left behind. A token that ran into a neighbour still
//!   takes that neighbour's wrapped secret when the next piece is its exact rest. A
//!   prefix among the first 13 letters of the next piece begins a token of its own
//!   unless fewer than 8 letters are glued after it, or the piece is exactly the part's
//!   rest; a prefix right after an inserted character likewise, where glued letters
//!   count only once the part is whole. Otherwise its letters are the secret's (`…tgtuu`
//!   and `h7nnsxsgf3` on the next line, `NNSXS.Q` and a soft hyphen before `ONZW4…` in
//!   a Key ID) and the token goes on: that only hides more.
//! - **Stretches inside a secret.** After a whole Key ID and its separator, a stretch of
//!   up to 24 bytes (`MAX_GAP`) the readers do not know (`\n\r`, `=20` and a break,
//!   `%0D%0A`, `+`, `<br>`, `&#8203;`, `"…" +` and a new line, a look-alike letter) does
//!   not end the secret when a run of 8 or more base32 characters in its letter case
//!   follows, no longer than what the secret lacks and holding no prefix: that run is
//!   the secret's rest (`secret_gap`).
//! - **Bare secrets.** A run of exactly 52 base32 characters in one letter case, ending in
//!   `A` or `Q` (`a`, `q`), bounded by characters that are not letters or digits, becomes
//!   `[REDACTED]`. Invisible characters and soft breaks inside it are read through, and a
//!   run split by one space or line break (with quote markers) counts when its two pieces
//!   add up to 52. A piece that holds a prefix with 8 or more letters after it is a token
//!   glued on (`NNSXSU4H3…`), read as one; a prefix nearer the end is the secret's. An
//!   escape glued on in front (`%20`, `%252E`, `=3D`, `\n`, `\x2E`, `\u002E`) counts as a
//!   boundary, and `=` at a line end is read both as a soft break and as a plain `=`
//!   (`TTS_API_KEY=` and the value on the next line).
//!
//! # What is left alone
//!
//! - Prose naming a prefix with nothing token-like after it: `NNSXS`, `NNSXS.`,
//!   `NNSXS...`, `NNSXS.<id>.<secret>`, `NNSXS-prefixed`.
//! - A bare Key ID (39 base32 characters): it is not secret, so it is neither redacted
//!   nor reported.
//! - Already-redacted text: `<PREFIX>.[REDACTED]`, `<PREFIX>.<ID>.[REDACTED]` and a
//!   lone `[REDACTED]` are kept as they are and not reported, so redaction is idempotent.
//! - Placeholders whose pieces are all shorter than 8 characters, so that no secret could
//!   hide in one: `MFRWG.token_id.token_key`, `NNSXS.XXXX.YYYY`, `NNSXS.your-key-id`. A
//!   part with a `-` or `_` inside (which no key has) does not go on across a break.
//! - Hex hashes, UUIDs, base64 and letter-and-digit runs that are not behind a token
//!   prefix and are not a bare secret.
//! - Damage that leaves nothing to recognise: a secret without its prefix that is also
//!   cut short, has a typo, or is split more than once; a prefix broken by a space or a
//!   hard line break *and* a secret damaged in the same way; the start of a token cut off
//!   within 8 characters after a break. There is no telling such text from ordinary
//!   words.
//! - Two damaged keys with only a space or a line break between them may read as one
//!   token: both are hidden, but they are reported as one finding.
//! - Not read yet, so left as they are: letters that are not ASCII (a key in full-width
//!   or look-alike letters), keys escaped letter by letter (`%4E%4E…`), letters spaced
//!   out one by one or wrapped every 7 characters or fewer, a stretch the readers do not
//!   know inside a Key ID, and UTF-16 bytes (`redactFile` decodes a file with a mark).
//!
//! # How it scans
//!
//! One forward pass over the bytes, no regex and no backtracking. Its fast stage, in the
//! crate `tts_keycheck_scan` (`scan/`, built for speed while the wasm package is built
//! for size), finds the places worth a closer look: each `X` or `W` (case folded; the 4th
//! character of every prefix) followed by a prefix's 5th character, each character a
//! paste inserts (it asks the reader of units at a byte above 0x7F, at `=` before a line
//! end and at `&` before `s` or `n`), and samples: words of an 8-byte grid where 16
//! base32 letters begin. A secret's 52 letters, or the longer of its two pieces when it
//! is split, always hold one, and only there does the search for a bare secret around it
//! start. It reads 32 bytes a step with SIMD (WebAssembly `simd128` in the support
//! panel's build; SSE2 natively), else 48 with word-at-a-time (SWAR) arithmetic, and it
//! returns exactly the events of a plain byte-at-a-time look (`scan/tests` compares
//! them). Every look is bounded (a prefix is matched over at most 5 letters and the
//! characters skipped between them, a bare secret over at most 53 letters, a continuation
//! over one line break and its markers), and the scan never goes back past the end of the
//! last token, so the whole pass is linear. Untouched stretches are copied with one
//! `push_str`, and UTF-16 offsets are counted (a vectorized byte count) only for the
//! stretches before a finding.
//!
//! Architecture Invariant: every position the scan cuts the text at is the start of a
//! character (an ASCII byte, or the lead byte of a character the reader decoded), so
//! slicing the `&str` there is always on a character boundary; all other byte access goes
//! through bounds-checked reads, so no input can make it panic.

use crate::key::{
    is_base32, is_key_id, ApiKey, Redacted, TokenKind, PREFIX_LEN, SECRET_LEN, SECRET_MASK,
};
use crate::mask::{self, OTHER, SEPARATOR};
use crate::text::{is_invisible, utf16_len_of_utf8};
use tts_keycheck_scan::Event;

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
/// Holds no secret text: only the kind, the Key ID when the masking rule shows it, and
/// where the token was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What was found.
    pub kind: FindingKind,
    /// The Key ID (upper case), when the masking rule ([`crate::mask`]) lets it be shown:
    /// 39 characters in the ID's place of a token that is otherwise whole. Always `None`
    /// for a bare secret.
    pub key_id: Option<String>,
    /// Start, in UTF-16 code units (JS string positions) into the original text.
    pub start: usize,
    /// End (exclusive), in UTF-16 code units into the original text.
    pub end: usize,
    /// Whether the span is exactly a well-formed API key as The Things Stack issues it,
    /// `NNSXS.<id>.<secret>` (98 characters): so it parses as an [`crate::ApiKey`].
    pub valid: bool,
    /// Whether the span is not `valid` but reads as a whole, well-formed API key once what
    /// a paste did to it is undone (letter case, line wraps, invisible characters, escaped
    /// dots): the customer's key, intact. Its Key ID is always shown.
    pub repairable: bool,
}

impl Finding {
    /// What replaces the finding's span in the redacted text: `<PREFIX>.<ID>.[REDACTED]`
    /// or `<PREFIX>.[REDACTED]` for a token, `[REDACTED]` for a bare secret.
    pub fn redacted(&self) -> String {
        match self.kind {
            FindingKind::Token(kind) => {
                let mut text = String::new();
                Redacted::new(kind, self.key_id.as_deref()).write_to(&mut text);
                text
            }
            FindingKind::BareSecret => SECRET_MASK.to_owned(),
        }
    }
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
    let mut scanner = Scanner::new(text.as_bytes(), true);
    scanner.run(None);
    if scanner.findings.is_empty() {
        return Redaction {
            text: text.to_owned(),
            findings: scanner.findings,
        };
    }
    scanner.copy_original(text.len());
    // Every cut is at a character boundary of `text` (the module invariant) and every
    // replacement is ASCII, so the output is UTF-8; the fallback only guards that.
    let text = String::from_utf8(scanner.out)
        .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned());
    Redaction {
        text,
        findings: scanner.findings,
    }
}

/// Finds every token and bare secret in `text`, without building the redacted text:
/// the findings, and for each its span in bytes of `text`. What [`redact_text`] would
/// return is `text` with each span replaced by the finding's redacted form
/// ([`Finding::redacted`]); the wasm boundary hands JS the spans to splice.
pub fn find_spans(text: &[u8]) -> (Vec<Finding>, Vec<ByteSpan>) {
    let mut scanner = Scanner::new(text, false);
    scanner.run(None);
    (scanner.findings, scanner.spans)
}

/// A finding's span in bytes of the text it was found in: `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteSpan {
    /// The first byte of the finding.
    pub start: usize,
    /// The byte after its last.
    pub end: usize,
}

/// At least this many characters after a break continue a token across it.
const MIN_CONTINUATION: usize = 8;

/// Most spaces, tabs, `>`, `|` and `:` quote markers skipped after a line break.
pub const MAX_QUOTE_MARKERS: usize = 64;

/// Most spaces and tabs skipped before a line break, or between two pieces of a token on
/// one line.
const MAX_SPACES: usize = 8;

/// Where a scan of part of a text stopped (see [`Scanner::run`]).
pub(crate) struct Paused;

pub(crate) struct Scanner<'a> {
    pub(crate) bytes: &'a [u8],
    /// Whether `out` is written; without it only the findings and spans are kept.
    collect: bool,
    pub(crate) out: Vec<u8>,
    pub(crate) findings: Vec<Finding>,
    pub(crate) spans: Vec<ByteSpan>,
    // Invariant: `out` holds the redacted form of `bytes[..copied_to]`.
    pub(crate) copied_to: usize,
    // Invariant: `floor >= copied_to`; nothing new starts before `floor` (it is the end
    // of the last token handled, redacted or left as already redacted).
    pub(crate) floor: usize,
    // The UTF-16 length of `bytes[..utf16_byte]` is `utf16_units`.
    utf16_byte: usize,
    utf16_units: usize,
    // Where the next event is looked for, and where the next sample may be: a sample
    // that finds nothing resumes the scan at its word, for the hints there, but samples
    // again only after the run it was in.
    pub(crate) pos: usize,
    pub(crate) sample_from: usize,
    // The furthest a token body was read while handling the current event.
    reach: usize,
    // The current token read into cells for the masking rule: the prefix, then the body.
    cells: Vec<u8>,
    // The redacted form of the current token.
    scratch: String,
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(bytes: &'a [u8], collect: bool) -> Scanner<'a> {
        Scanner {
            bytes,
            collect,
            out: Vec::new(),
            findings: Vec::new(),
            spans: Vec::new(),
            copied_to: 0,
            floor: 0,
            utf16_byte: 0,
            utf16_units: 0,
            pos: 0,
            sample_from: 0,
            reach: 0,
            cells: Vec::new(),
            scratch: String::new(),
        }
    }

    /// Moves the scanner onto `bytes`, a later window of the same stream: the old window
    /// from `cut` on is its start, and everything the scanner holds (output, findings,
    /// positions) is moved by `cut`. UTF-16 counts restart at the new window's start.
    pub(crate) fn rebase(self, bytes: &[u8], cut: usize) -> Scanner<'_> {
        let back = |at: usize| at.saturating_sub(cut);
        Scanner {
            bytes,
            collect: self.collect,
            out: self.out,
            findings: self.findings,
            spans: self.spans,
            copied_to: back(self.copied_to),
            floor: back(self.floor),
            utf16_byte: 0,
            utf16_units: 0,
            pos: back(self.pos),
            sample_from: back(self.sample_from),
            reach: 0,
            cells: self.cells,
            scratch: self.scratch,
        }
    }

    /// Scans from `pos`. With a `limit` (the text is a window that more text may follow),
    /// stops before an event past it, or whose handling read past it, and returns
    /// [`Paused`] with `pos` at a place where the scan goes on as it would have in one
    /// piece; without one, scans to the end.
    pub(crate) fn run(&mut self, limit: Option<usize>) -> Option<Paused> {
        loop {
            // Invariant: every handler returns a position after the event (or, for a
            // sample, the same position with `sample_from` moved past it), so the scan
            // moves on.
            let event = next_event(self.bytes, self.pos, self.sample_from);
            let Some(limit) = limit else {
                if !self.handle(event) {
                    return None;
                }
                continue;
            };
            let at = match event {
                Event::Prefix(at) | Event::Skippable(at) | Event::Sample(at) => at,
                Event::End => self.bytes.len(),
            };
            if at > limit {
                // No event before `at`: the scan may resume further on, on the same grid
                // of 8-byte words (samples are taken on it).
                let to = at.min(limit);
                if to > self.pos {
                    self.pos += (to - self.pos) / 8 * 8;
                }
                return Some(Paused);
            }
            let saved = (
                self.out.len(),
                self.findings.len(),
                self.floor,
                self.copied_to,
                self.utf16_byte,
                self.utf16_units,
                self.pos,
                self.sample_from,
            );
            self.reach = 0;
            self.handle(event);
            let reach = self
                .reach
                .max(self.pos)
                .max(self.sample_from)
                .max(self.floor);
            if reach > limit {
                // What the event read may go on in the text to come: undo it, and look
                // again with more text.
                self.out.truncate(saved.0);
                self.findings.truncate(saved.1);
                self.spans.truncate(saved.1);
                (
                    self.floor,
                    self.copied_to,
                    self.utf16_byte,
                    self.utf16_units,
                    self.pos,
                    self.sample_from,
                ) = (saved.2, saved.3, saved.4, saved.5, saved.6, saved.7);
                return Some(Paused);
            }
        }
    }

    /// Handles the next event, however far it reads.
    pub(crate) fn step(&mut self) {
        let event = next_event(self.bytes, self.pos, self.sample_from);
        self.handle(event);
    }

    /// Handles one event; `false` at the end of the text.
    #[inline]
    fn handle(&mut self, event: Event) -> bool {
        match event {
            Event::Prefix(fourth) => self.pos = self.at_prefix_hint(fourth).max(fourth + 1),
            Event::Skippable(at) => self.pos = self.at_skippable(at).max(at + 1),
            Event::Sample(word) => match bare_secret_around(self.bytes, word, self.floor) {
                Ok((start, end)) => {
                    self.emit_bare_secret(start, end);
                    self.pos = end.max(word + 1);
                }
                Err(run_end) => {
                    self.pos = word;
                    self.sample_from = run_end.max(word + 1);
                }
            },
            Event::End => return false,
        }
        true
    }

    /// An `X` or `W` at `fourth` followed by a prefix's 5th character: a prefix starts 3
    /// characters before it, if the 3 before are a prefix's first three.
    fn at_prefix_hint(&mut self, fourth: usize) -> usize {
        match fourth.checked_sub(3) {
            Some(start) if start >= self.floor => self.try_token(start).unwrap_or(fourth + 1),
            _ => fourth + 1,
        }
    }

    /// A byte at `at` that may start something a paste inserts (an invisible character,
    /// a no-break space, a soft break): a prefix or a bare secret may run through it.
    fn at_skippable(&mut self, at: usize) -> usize {
        let bytes = self.bytes;
        let (unit, len) = unit_at(bytes, at);
        if !matches!(unit, Unit::Skip | Unit::NoBreakSpace) {
            return at + 1;
        }
        // A prefix with this character inside it: its first letter is 1 to 4 letters
        // back (skipping more such characters), and its last one after this character.
        let mut start = at;
        for _ in 0..PREFIX_LEN - 1 {
            let Some(letter) = letter_before(bytes, start, self.floor) else {
                break;
            };
            start = letter;
            if let Some(end) = self.try_token(start) {
                return end;
            }
        }
        // A bare secret with this character inside it.
        if unit == Unit::Skip {
            if let Some(end) = self.try_bare_secret(at) {
                return end;
            }
        }
        at + len
    }

    /// Reads a token whose prefix starts at `start`; redacts it (or notes it as already
    /// redacted) and returns its end, or `None` if there is no token there.
    fn try_token(&mut self, start: usize) -> Option<usize> {
        let bytes = self.bytes;
        let (kind, prefix_end) = match_prefix(bytes, start)?;
        self.cells.clear();
        self.cells.extend_from_slice(kind.prefix().as_bytes());
        let mut reached = prefix_end;
        let body = parse_body(bytes, prefix_end, &mut self.cells, &mut reached);
        self.reach = self.reach.max(reached);
        match body {
            Body::Empty => None,
            Body::AlreadyRedacted { end } => {
                self.floor = end;
                Some(end)
            }
            Body::Token { end } => {
                // Letters glued on in front stay, unless they and the prefix make 8 or more
                // letters of one case: then they may be a secret that happens to hold a
                // prefix, and go too.
                let bare = Bare {
                    bytes,
                    floor: self.floor,
                    soft_breaks_join: true,
                };
                let (glued_start, n_glued) = bare.letters_before(start, MIN_CONTINUATION);
                // (Not after an escape or a dot, whose text would change its meaning.)
                let after_escape = glued_start > self.floor
                    && matches!(at(bytes, glued_start - 1), b'%' | b'=' | b'\\' | b'&');
                let glued_like_secret = n_glued + PREFIX_LEN >= MIN_CONTINUATION
                    && !after_escape
                    && bytes.get(glued_start..prefix_end).is_some_and(|glued| {
                        // The glued letters and the prefix as written, in one case.
                        let letters: Vec<u8> = glued
                            .iter()
                            .copied()
                            .filter(u8::is_ascii_alphanumeric)
                            .collect();
                        one_case_base32(&letters)
                    });
                let span_start = if glued_like_secret {
                    glued_start
                } else {
                    start
                };
                self.emit_token(kind, span_start, start, end);
                Some(end)
            }
        }
    }

    /// Redacts the bare secret whose run holds the byte at `at`, if there is one, and
    /// returns its end.
    fn try_bare_secret(&mut self, at: usize) -> Option<usize> {
        let (start, end) = bare_secret_around(self.bytes, at, self.floor).ok()?;
        self.emit_bare_secret(start, end);
        Some(end)
    }

    /// Redacts the token whose prefix starts at `token_start`, replacing `start..end`
    /// (which may also hold letters glued on in front).
    fn emit_token(&mut self, kind: TokenKind, start: usize, token_start: usize, end: usize) {
        let reading = mask::reading(&self.cells);
        let key_id = reading.key_id(&self.cells).map(str::to_owned);
        let valid = kind == TokenKind::ApiKey
            && self
                .bytes
                .get(token_start..end)
                .and_then(|span| std::str::from_utf8(span).ok())
                .and_then(ApiKey::from_exact)
                .is_some();
        let repairable = !valid && kind == TokenKind::ApiKey && reading.complete;
        let (start_utf16, end_utf16) = self.replace_span(start, end);
        if self.collect {
            self.scratch.clear();
            Redacted::new(kind, key_id.as_deref()).write_to(&mut self.scratch);
            self.out.extend_from_slice(self.scratch.as_bytes());
        }
        self.findings.push(Finding {
            kind: FindingKind::Token(kind),
            key_id,
            start: start_utf16,
            end: end_utf16,
            valid,
            repairable,
        });
    }

    fn emit_bare_secret(&mut self, start: usize, end: usize) {
        let (start_utf16, end_utf16) = self.replace_span(start, end);
        if self.collect {
            self.out.extend_from_slice(SECRET_MASK.as_bytes());
        }
        self.findings.push(Finding {
            kind: FindingKind::BareSecret,
            key_id: None,
            start: start_utf16,
            end: end_utf16,
            valid: false,
            repairable: false,
        });
    }

    /// Copies the text up to `start`, skips the span up to `end` (the caller writes its
    /// replacement) and returns the span in UTF-16 units.
    fn replace_span(&mut self, start: usize, end: usize) -> (usize, usize) {
        if self.collect && self.out.capacity() == 0 {
            self.out.reserve(self.bytes.len());
        }
        self.copy_original(start);
        self.spans.push(ByteSpan { start, end });
        let start_utf16 = self.utf16_offset(start);
        let end_utf16 = self.utf16_offset(end);
        self.copied_to = end;
        self.floor = end;
        (start_utf16, end_utf16)
    }

    pub(crate) fn copy_original(&mut self, end: usize) {
        if self.collect {
            if let Some(stretch) = self.bytes.get(self.copied_to..end) {
                self.out.extend_from_slice(stretch);
            }
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

/// What the reader sees at a position: one unit of text as far as tokens go.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Unit {
    /// An ASCII letter or digit.
    Alnum(u8),
    /// A dot, a full-width dot, or an escaped dot.
    Dot,
    /// Something a paste inserts that stands for nothing: an invisible character, or a
    /// quoted-printable soft break (`=` and the line end).
    Skip,
    /// A no-break space (U+00A0, U+2007, U+202F).
    NoBreakSpace,
    /// A space or a tab.
    Space,
    /// A line break (CR, LF, CRLF), or one escaped in a JSON or C string (`\n`, `\r`,
    /// `\r\n`).
    LineBreak,
    /// `-` or `_`.
    Dash,
    /// A character that may replace the dot after a prefix: `, ; : / ·`.
    Punct,
    /// Anything else, and the end of the text.
    Other,
}

/// The unit at byte `i` (the start of a character) and its length in bytes; at least 1,
/// except at the end of the text.
fn unit_at(bytes: &[u8], i: usize) -> (Unit, usize) {
    let Some(&byte) = bytes.get(i) else {
        return (Unit::Other, 0);
    };
    let unit = match byte {
        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => Unit::Alnum(byte),
        b'.' => Unit::Dot,
        b' ' | b'\t' => Unit::Space,
        b'\n' => Unit::LineBreak,
        b'\r' => {
            let len = if at(bytes, i + 1) == b'\n' { 2 } else { 1 };
            return (Unit::LineBreak, len);
        }
        b'-' | b'_' => Unit::Dash,
        b',' | b';' | b':' | b'/' => Unit::Punct,
        b'=' => {
            return match (at(bytes, i + 1), at(bytes, i + 2)) {
                (b'\n', _) => (Unit::Skip, 2),
                (b'\r', b'\n') => (Unit::Skip, 3),
                (b'\r', _) => (Unit::Skip, 2),
                (b'2', b'E' | b'e') => (Unit::Dot, 3),
                _ => (Unit::Other, 1),
            };
        }
        b'%' => {
            return if starts_with_folded(bytes, i + 1, b"2e") {
                (Unit::Dot, 3)
            } else if starts_with_folded(bytes, i + 1, b"252e") {
                (Unit::Dot, 5)
            } else {
                (Unit::Other, 1)
            };
        }
        b'\\' => {
            return match at(bytes, i + 1) {
                b'n' => (Unit::LineBreak, 2),
                b'r' if at(bytes, i + 2) == b'\\' && at(bytes, i + 3) == b'n' => {
                    (Unit::LineBreak, 4)
                }
                b'r' => (Unit::LineBreak, 2),
                b'u' | b'U' if starts_with_folded(bytes, i + 2, b"002e") => (Unit::Dot, 6),
                b'x' | b'X' if starts_with_folded(bytes, i + 2, b"2e") => (Unit::Dot, 4),
                _ => (Unit::Other, 1),
            };
        }
        b'&' => {
            return if starts_with_folded(bytes, i + 1, b"#46;") {
                (Unit::Dot, 5)
            } else if starts_with_folded(bytes, i + 1, b"#x2e;") {
                (Unit::Dot, 6)
            } else if starts_with_folded(bytes, i + 1, b"period;") {
                (Unit::Dot, 8)
            } else if starts_with_folded(bytes, i + 1, b"shy;") {
                (Unit::Skip, 5)
            } else if starts_with_folded(bytes, i + 1, b"nbsp;") {
                (Unit::NoBreakSpace, 6)
            } else {
                (Unit::Other, 1)
            };
        }
        0x80.. => {
            let (ch, len) = decode(bytes, i);
            let unit = match ch {
                Some(ch) if is_invisible(ch) => Unit::Skip,
                Some('\u{A0}' | '\u{2007}' | '\u{202F}') => Unit::NoBreakSpace,
                Some('\u{FF0E}') => Unit::Dot,
                Some('\u{B7}') => Unit::Punct,
                _ => Unit::Other,
            };
            return (unit, len.max(1));
        }
        _ => Unit::Other,
    };
    (unit, 1)
}

/// The character whose UTF-8 encoding starts at `i`, and its length (1 for a byte that
/// starts none, which cannot happen at a character boundary of a `&str`).
fn decode(bytes: &[u8], i: usize) -> (Option<char>, usize) {
    let lead = at(bytes, i);
    let len = match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return (None, 1),
    };
    let ch = bytes
        .get(i..i + len)
        .and_then(|encoded| std::str::from_utf8(encoded).ok())
        .and_then(|s| s.chars().next());
    (ch, if ch.is_some() { len } else { 1 })
}

/// The start of the character that ends just before byte `end`, if it is one the reader
/// skips inside a prefix (an invisible character, a soft break or a no-break space),
/// staying at or after `floor`.
fn skippable_before(bytes: &[u8], end: usize, floor: usize) -> Option<usize> {
    if end <= floor {
        return None;
    }
    // A soft break ends in LF or CR.
    if matches!(at(bytes, end - 1), b'\n' | b'\r') {
        let mut start = end - 1;
        if at(bytes, start) == b'\n' && start > floor && at(bytes, start - 1) == b'\r' {
            start -= 1;
        }
        return (start > floor && at(bytes, start - 1) == b'=').then(|| start - 1);
    }
    if at(bytes, end - 1) == b';' {
        // `&shy;` and `&nbsp;`.
        for entity in [&b"&shy;"[..], b"&nbsp;"] {
            if let Some(start) = end.checked_sub(entity.len()).filter(|&s| s >= floor) {
                if bytes
                    .get(start..end)
                    .is_some_and(|found| found.eq_ignore_ascii_case(entity))
                {
                    return Some(start);
                }
            }
        }
        return None;
    }
    // A character above U+007F: step back over its continuation bytes.
    let mut start = end - 1;
    while start > floor && end - start < 4 && (0x80..0xC0).contains(&at(bytes, start)) {
        start -= 1;
    }
    match unit_at(bytes, start) {
        (Unit::Skip | Unit::NoBreakSpace, len) if start + len == end => Some(start),
        _ => None,
    }
}

/// The position of the letter or digit before byte `end`, skipping what a paste inserts
/// inside a prefix; at or after `floor`.
fn letter_before(bytes: &[u8], mut end: usize, floor: usize) -> Option<usize> {
    // Bounded: a prefix holds at most a few inserted characters between two letters.
    for _ in 0..8 {
        if end <= floor {
            return None;
        }
        if at(bytes, end - 1).is_ascii_alphanumeric() {
            return Some(end - 1);
        }
        end = skippable_before(bytes, end, floor)?;
    }
    None
}

/// The token kind whose prefix starts at `start` (in any case, with invisible characters,
/// soft breaks and no-break spaces between its letters), and where the prefix ends.
fn match_prefix(bytes: &[u8], start: usize) -> Option<(TokenKind, usize)> {
    let mut letters = [0u8; PREFIX_LEN];
    let mut i = start;
    for (n, letter) in letters.iter_mut().enumerate() {
        // Between letters (not before the first), skip what a paste inserts.
        let mut n_skipped = 0;
        loop {
            match unit_at(bytes, i) {
                (Unit::Alnum(byte), _) => {
                    *letter = byte.to_ascii_uppercase();
                    i += 1;
                    break;
                }
                (Unit::Skip | Unit::NoBreakSpace, len) if n > 0 && n_skipped < 4 => {
                    i += len;
                    n_skipped += 1;
                }
                _ => return None,
            }
        }
    }
    TokenKind::from_prefix(&letters).map(|kind| (kind, i))
}

/// What follows a token prefix.
enum Body {
    /// Nothing token-like: the prefix is just a word.
    Empty,
    /// A token in its redacted form, left as it is; it ends at `end`.
    AlreadyRedacted { end: usize },
    /// A token ending at `end`; its body is in the cells.
    Token { end: usize },
}

/// Where a token body is: which part, how long it is so far, and its letter case.
#[derive(Clone, Copy)]
struct BodyState {
    /// The part being read: 0 the Key ID (or the Key ID and the secret while no
    /// separator has been seen), 1 the secret, 2 and on what follows.
    part_index: usize,
    part_len: usize,
    /// Letters and digits since the last dot, dash or break.
    piece_len: usize,
    /// Letters and digits in the whole body.
    n_letters: usize,
    /// The longest such piece so far.
    longest_piece: usize,
    /// The longest piece before the current one.
    longest_done: usize,
    /// Whether the current part holds a `-` or `_` between characters, which no key
    /// has: such a part (`token_id`, `auth-code`) does not go on across a break.
    has_dash: bool,
}

impl BodyState {
    /// How many characters the current part still lacks to be as long as it should be.
    fn needed(&self) -> usize {
        match self.part_index {
            // The Key ID; past its length, the Key ID and secret with their dot missing.
            0 if self.part_len < crate::key::ID_LEN => crate::key::ID_LEN - self.part_len,
            0 => (crate::key::ID_LEN + SECRET_LEN).saturating_sub(self.part_len),
            // The secret, and any part after it: a token with more dots than a key may
            // have run into the next key's parts, which are read like a secret.
            _ => SECRET_LEN.saturating_sub(self.part_len),
        }
    }

    /// The most characters the current part may still lack: before the second dot, the
    /// body may be a Key ID, a secret with its Key ID missing, or both with their dot
    /// missing (91 characters).
    fn most_needed(&self) -> usize {
        match self.part_index {
            0 => (crate::key::ID_LEN + SECRET_LEN).saturating_sub(self.part_len),
            _ => self.needed(),
        }
    }

    /// Whether the current part is longer than any reading of it: the token ran into a
    /// neighbour.
    fn overflows(&self) -> bool {
        let longest = match self.part_index {
            0 => crate::key::ID_LEN + SECRET_LEN,
            _ => SECRET_LEN,
        };
        self.part_len > longest
    }

    fn push(&mut self) {
        self.n_letters += 1;
        self.part_len += 1;
        self.piece_len += 1;
        self.longest_piece = self.longest_piece.max(self.piece_len);
    }

    /// A dot, dash or break ends a piece.
    fn end_piece(&mut self) {
        self.longest_done = self.longest_done.max(self.piece_len);
        self.piece_len = 0;
    }

    fn next_part(&mut self) {
        self.end_piece();
        self.part_index += 1;
        self.part_len = 0;
        self.has_dash = false;
    }
}

/// The cell for a letter or digit of a token: its upper-case form when it is base32,
/// else [`OTHER`].
fn cell(byte: u8) -> u8 {
    let upper = byte.to_ascii_uppercase();
    if is_base32(upper) {
        upper
    } else {
        OTHER
    }
}

/// Skips what a paste inserts (invisible characters, soft breaks) from `i`.
fn skip_inserted(bytes: &[u8], mut i: usize) -> usize {
    // Bounded per call by the text; every skipped unit is consumed.
    loop {
        match unit_at(bytes, i) {
            (Unit::Skip, len) if len > 0 => i += len,
            _ => return i,
        }
    }
}

/// How many letters and digits follow from `i`, reading through inserted characters,
/// up to `limit`.
fn run_len(bytes: &[u8], mut i: usize, limit: usize) -> usize {
    let mut n = 0;
    while n < limit {
        i = skip_inserted(bytes, i);
        if !at(bytes, i).is_ascii_alphanumeric() {
            break;
        }
        n += 1;
        i += 1;
    }
    n
}

/// Reads the token body starting at `body_start` (just after the prefix) into `cells`.
///
/// `reached` is set to the furthest position the loop read from, for a scan of a window
/// of a longer text (what it reads past that is bounded, see `stream::LOOKAHEAD`).
fn parse_body(bytes: &[u8], body_start: usize, cells: &mut Vec<u8>, reached: &mut usize) -> Body {
    let mut state = BodyState {
        part_index: 0,
        part_len: 0,
        piece_len: 0,
        n_letters: 0,
        longest_piece: 0,
        longest_done: 0,
        has_dash: false,
    };
    // The separator after the prefix.
    let mut i = skip_inserted(bytes, body_start);
    match unit_at(bytes, i) {
        (Unit::Dot, _) => {
            let (n_dots, next) = dots_at(bytes, i);
            if n_dots == 1 && starts_with_mask(bytes, next) {
                return Body::AlreadyRedacted {
                    end: next + SECRET_MASK.len(),
                };
            }
            if !at(bytes, next).is_ascii_alphanumeric() {
                // `NNSXS.`, `NNSXS...`, `NNSXS.<id>`: prose about the prefix.
                return Body::Empty;
            }
            cells.extend(std::iter::repeat_n(SEPARATOR, n_dots));
            i = next;
        }
        // The dot missing (`NNSXSU4H3…`): 8 characters must follow, maybe across a wrap.
        (Unit::Alnum(_), _) if body_follows(bytes, i) => {}
        // The dot replaced by punctuation (`NNSXS,U4H3…`): likewise. A dash is not read
        // so: `NNSXS-prefixed` is a word.
        (Unit::Punct, len) if body_follows(bytes, i + len) => {
            cells.push(OTHER);
            i += len;
        }
        _ => return Body::Empty,
    }
    // Where the last letter or digit of the body ends: the token ends there.
    let mut end = i;
    loop {
        *reached = i;
        let (unit, len) = unit_at(bytes, i);
        match unit {
            Unit::Alnum(byte) => {
                cells.push(cell(byte));
                state.push();
                i += 1;
                end = i;
            }
            Unit::Skip => {
                // A prefix right after an inserted character starts a token of its own
                // (`TTS_API_KEY=` and a soft break before a key): this one ends here.
                // Not where no token may start after it, nor where letters glued after
                // it may still be this part's (`NNSXS.Q\u{ad}ONZW4…`, a Key ID that holds
                // a prefix): those letters are this token's.
                let after = skip_inserted(bytes, i);
                if state.piece_len > 0
                    && prefix_at(bytes, after)
                    && token_may_start_after(bytes, after + PREFIX_LEN, state.needed() == 0)
                {
                    break;
                }
                i += len;
            }
            Unit::Dot => {
                // A Key ID may itself end in a prefix (`…MF2XI`, since `I` is a valid last
                // character): a well-formed Key ID followed by its separator is this
                // token's id, not the end of it. Otherwise a prefix just before the dot
                // starts a new token glued on.
                let whole_key_id = state.part_index == 0 && is_key_id(id_cells(cells));
                if !whole_key_id && state.part_len >= PREFIX_LEN && end == i {
                    if let Some(glued) = i.checked_sub(PREFIX_LEN) {
                        if prefix_at(bytes, glued) {
                            cells.truncate(cells.len() - PREFIX_LEN);
                            // The glued prefix's letters end the last piece.
                            let longest = state.longest_done.max(state.piece_len - PREFIX_LEN);
                            if longest < MIN_CONTINUATION {
                                // `NNSXS.NNSXS.…`: the first prefix is a word.
                                return Body::Empty;
                            }
                            return Body::Token { end: glued };
                        }
                    }
                }
                let (n_dots, next) = dots_at(bytes, i);
                debug_assert!(n_dots >= 1 && next >= i + len);
                if at(bytes, next).is_ascii_alphanumeric() {
                    cells.extend(std::iter::repeat_n(SEPARATOR, n_dots));
                    state.next_part();
                    i = next;
                    continue;
                }
                if n_dots > 1 {
                    break;
                }
                if starts_with_mask(bytes, next) {
                    let mask_end = next + SECRET_MASK.len();
                    if state.part_index == 0 && is_key_id(id_cells(cells)) {
                        return Body::AlreadyRedacted { end: mask_end };
                    }
                    if state.longest_piece < MIN_CONTINUATION {
                        return Body::Empty;
                    }
                    return Body::Token { end: mask_end };
                }
                let mut next_state = state;
                next_state.next_part();
                // A wrap right after a dot goes on only after a whole Key ID (`<id>.` at
                // a line end); after anything else, a dot and a break end a sentence.
                let after_id = state.part_index == 0 && state.part_len == crate::key::ID_LEN;
                if let Some(resume) = continuation(bytes, next, &next_state).filter(|_| after_id) {
                    cells.push(SEPARATOR);
                    state = next_state;
                    i = resume;
                    continue;
                }
                break;
            }
            Unit::Dash => {
                // A hyphen before a line break was put there by the wrap.
                if matches!(unit_at(bytes, i + len).0, Unit::LineBreak | Unit::Space) {
                    if let Some(resume) = continuation(bytes, i + len, &state) {
                        state.end_piece();
                        i = resume;
                        continue;
                    }
                    break;
                }
                if state.piece_len > 0
                    && at(bytes, skip_inserted(bytes, i + len)).is_ascii_alphanumeric()
                {
                    cells.push(OTHER);
                    if state.part_index == 0 && state.part_len == crate::key::ID_LEN {
                        // The second dot replaced: `<id>-<secret>`.
                        state.next_part();
                    } else {
                        state.part_len += 1;
                        state.end_piece();
                        state.has_dash = true;
                    }
                    i += len;
                    continue;
                }
                break;
            }
            Unit::Space | Unit::NoBreakSpace | Unit::LineBreak => {
                match continuation(bytes, i, &state)
                    .or_else(|| secret_gap(bytes, i, end, cells, &state, reached))
                {
                    Some(resume) => {
                        state.end_piece();
                        i = resume;
                    }
                    None => break,
                }
            }
            // A Key ID's length of characters, then punctuation and a secret: the second
            // dot replaced (`<id>,<secret>`).
            Unit::Punct
                if state.part_index == 0
                    && state.part_len == crate::key::ID_LEN
                    && body_follows(bytes, i + len) =>
            {
                cells.push(OTHER);
                state.next_part();
                i += len;
            }
            Unit::Punct | Unit::Other => match secret_gap(bytes, i, end, cells, &state, reached) {
                Some(resume) => {
                    state.end_piece();
                    i = resume;
                }
                None => break,
            },
        }
    }
    // A body whose every piece is shorter than 8 cannot hold 8 characters of a secret:
    // it is a placeholder (`MFRWG.token_id.token_key`, `NNSXS.XXXX`) or prose.
    if state.longest_piece < MIN_CONTINUATION {
        return Body::Empty;
    }
    Body::Token { end }
}

/// Most bytes of a stretch the readers do not know that a secret goes on across.
const MAX_GAP: usize = 24;

/// Where the secret goes on after a stretch the readers do not know, at `i`: after a
/// whole Key ID, its separator and part of a secret that still lacks 8 or more
/// characters, a run of base32 characters in the secret's letter case, at least 8 and at
/// most as many as the secret lacks, that starts within [`MAX_GAP`] bytes is the
/// secret's rest. Such stretches are what line
/// ends, encodings and markup put inside a wrapped key: `\n\r` (a serial console),
/// `\r\r\n`, `=20` before a quoted-printable break, `%0D%0A` or `+` in a form body,
/// `<br>`, `</span><span>`, `&#8203;`, a string split over two lines of code
/// (`"…" +` and `"…"`), a look-alike letter. When in doubt, redact: the stretch and the
/// run are hidden with the token, so the rest of the secret is never left shown. A
/// prefix in the stretch or at the run's start begins a token of its own instead.
/// Bounded: at most [`MAX_GAP`] bytes and 53 letters (through inserted characters) are
/// read, and `reached` says how far.
fn secret_gap(
    bytes: &[u8],
    i: usize,
    end: usize,
    cells: &[u8],
    state: &BodyState,
    reached: &mut usize,
) -> Option<usize> {
    let body = id_cells(cells);
    let id_whole = body.get(..crate::key::ID_LEN).is_some_and(is_key_id)
        && matches!(body.get(crate::key::ID_LEN), Some(&SEPARATOR | &OTHER));
    if !(state.part_index == 1
        && id_whole
        && state.part_len > 0
        && state.needed() >= MIN_CONTINUATION)
    {
        return None;
    }
    // The secret's letter case: that of its last letter before the stretch.
    let lower = bytes
        .get(end.saturating_sub(MIN_CONTINUATION)..end)?
        .iter()
        .rev()
        .find(|b| b.is_ascii_alphabetic())
        .is_some_and(u8::is_ascii_lowercase);
    let limit = (i + MAX_GAP).min(bytes.len());
    let mut p = i;
    while p < limit {
        // A token starting in the stretch or the run (its prefix read through inserted
        // characters) is a key of its own, not this one's rest.
        if at(bytes, p).is_ascii_alphabetic() && match_prefix(bytes, p).is_some() {
            return None;
        }
        // A run starts after a character that is no letter or digit, or right after a
        // percent- or quoted-printable-escaped byte (`%0A`, `=20`), whose hex digits
        // are glued to it.
        let after_escape = p >= 3
            && matches!(at(bytes, p - 3), b'%' | b'=')
            && at(bytes, p - 2).is_ascii_hexdigit()
            && at(bytes, p - 1).is_ascii_hexdigit();
        let starts_run = at(bytes, p).is_ascii_alphanumeric()
            && (after_escape
                || !p
                    .checked_sub(1)
                    .is_some_and(|q| at(bytes, q).is_ascii_alphanumeric()));
        if starts_run {
            // The run, up to one letter more than the secret still lacks: base32 in the
            // secret's letter case, and no prefix in it.
            let most = state.needed() + 1;
            let (mut n, mut j, mut fits) = (0, p, true);
            while n < most {
                j = skip_inserted(bytes, j);
                let byte = at(bytes, j);
                if !byte.is_ascii_alphanumeric() {
                    break;
                }
                fits &= is_base32(byte.to_ascii_uppercase())
                    && !(byte.is_ascii_alphabetic() && byte.is_ascii_lowercase() != lower)
                    && !(byte.is_ascii_alphabetic() && match_prefix(bytes, j).is_some());
                n += 1;
                j += 1;
            }
            *reached = (*reached).max(j);
            // At least 8 letters, and no more than the secret's rest: a longer run (a
            // secret or a key of its own) is not this one's.
            if fits && (MIN_CONTINUATION..most).contains(&n) {
                return Some(p);
            }
        }
        p += 1;
    }
    *reached = (*reached).max(limit);
    None
}

/// How many dots (up to 3, as a paste may double one) follow from `i`, through inserted
/// characters, and where the text goes on after them.
fn dots_at(bytes: &[u8], mut i: usize) -> (usize, usize) {
    let mut n_dots = 0;
    while n_dots < 3 {
        match unit_at(bytes, i) {
            (Unit::Dot, len) => {
                n_dots += 1;
                i = skip_inserted(bytes, i + len);
            }
            _ => break,
        }
    }
    (n_dots, i)
}

/// Whether a token body goes on at `i` where no dot says so: 8 letters or digits, read
/// through inserted characters and the wraps a body goes on across before its second dot
/// (see [`continuation`]).
fn body_follows(bytes: &[u8], mut i: usize) -> bool {
    let mut state = BodyState {
        part_index: 0,
        part_len: 0,
        piece_len: 0,
        n_letters: 0,
        longest_piece: 0,
        longest_done: 0,
        has_dash: false,
    };
    // Bounded: at most 8 letters, each wrap consumed once.
    while state.part_len < MIN_CONTINUATION {
        match unit_at(bytes, i) {
            (Unit::Alnum(_), _) => {
                state.push();
                i += 1;
            }
            (Unit::Skip, len) => i += len,
            (Unit::Space | Unit::NoBreakSpace | Unit::LineBreak | Unit::Dash, _)
                if state.part_len > 0 =>
            {
                match continuation(bytes, i, &state) {
                    Some(resume) if resume > i => {
                        state.end_piece();
                        i = resume;
                    }
                    _ => return false,
                }
            }
            _ => return false,
        }
    }
    true
}

/// The Key ID's cells of a body read so far: after the prefix and its separator.
fn id_cells(cells: &[u8]) -> &[u8] {
    let body = cells.get(PREFIX_LEN..).unwrap_or_default();
    match body.split_first() {
        Some((&first, rest)) if first == SEPARATOR || first == OTHER => rest,
        _ => body,
    }
}

/// Whether a prefix (exactly, in any case) starts at `start`.
fn prefix_at(bytes: &[u8], start: usize) -> bool {
    bytes.get(start..start + PREFIX_LEN).is_some_and(is_prefix)
}

/// Whether `candidate` is a token prefix, in any case.
#[inline]
fn is_prefix(candidate: &[u8]) -> bool {
    // Every prefix's 4th letter is `X` or `W` (the fast scan's pairs, which a test pins):
    // most candidates fail there, before the five comparisons.
    matches!(candidate.get(3).map(|&b| b | 0x20), Some(b'x' | b'w'))
        && TokenKind::ALL
            .iter()
            .any(|kind| candidate.eq_ignore_ascii_case(kind.prefix().as_bytes()))
}

/// Where the token goes on when a space or line break at `at_break` interrupts it, if it
/// does (see the module docs).
fn continuation(bytes: &[u8], at_break: usize, state: &BodyState) -> Option<usize> {
    let needed = state.needed();
    if state.has_dash && state.longest_piece < MIN_CONTINUATION {
        return None;
    }
    let (resume, _) = skip_break(bytes, at_break)?;
    let resume = skip_inserted(bytes, resume);
    let piece_needed = SECRET_LEN.saturating_sub(state.piece_len);
    // Measure the run after the break, as far as the decision needs.
    let horizon = needed.max(piece_needed).max(MIN_CONTINUATION) + 1;
    let n_letters = run_len(bytes, resume, horizon);
    let run_ends = n_letters < horizon;
    let exact_rest = needed > 0 && n_letters >= needed && run_ends;
    // Or exactly the rest of a secret whose start is the piece before the break: a token
    // that ran into a neighbour (a key without its prefix, say) still takes that key's
    // wrapped secret whole.
    let piece_rest = (needed > 0 || state.overflows())
        && state.piece_len > 0
        && n_letters == piece_needed
        && run_ends;
    // Or, before any second dot, exactly the rest of a secret whose Key ID is missing
    // (`NNSXS.<secret>`): past a Key ID's length, that rest may be shorter than 8.
    let secret_rest = state.part_index == 0
        && n_letters > 0
        && n_letters == SECRET_LEN.saturating_sub(state.part_len)
        && run_ends;
    // A prefix at the start of the next run begins a token of its own where one may
    // start there: not with fewer than 8 letters glued after it (`h7nnsxsgf3`, whose
    // refusal would leave a secret's piece shown), nor when the run is exactly this
    // part's rest (a secret that holds a prefix).
    let glued_starts = !(run_ends && (n_letters == needed || piece_rest || secret_rest));
    if token_within(bytes, resume, MIN_CONTINUATION + PREFIX_LEN, glued_starts) {
        return None;
    }
    // Otherwise 8 characters must follow, before the second dot or after 8 characters of
    // the token: a placeholder with a short part and a dot (`nnsxs.abc.def` and a new
    // line) stays what it is. A part that lacks fewer than 8 characters cannot leave 8
    // behind: only its exact rest goes on, so the next line stays what it is.
    let long_enough = n_letters >= MIN_CONTINUATION
        && state.most_needed() >= MIN_CONTINUATION
        && (state.part_index == 0 || state.longest_piece >= MIN_CONTINUATION);
    (long_enough || exact_rest || piece_rest || secret_rest).then_some(resume)
}

/// Whether a token prefix (in any case) ends within the first `n_letters` letters and
/// digits from `i`, read through inserted characters, where a token may start (see
/// [`token_may_start_after`]).
fn token_within(bytes: &[u8], mut i: usize, n_letters: usize, glued_starts: bool) -> bool {
    let mut window = [0u8; PREFIX_LEN];
    let mut n = 0;
    while n < n_letters {
        i = skip_inserted(bytes, i);
        let byte = at(bytes, i);
        if !byte.is_ascii_alphanumeric() {
            return false;
        }
        window.rotate_left(1);
        window[PREFIX_LEN - 1] = byte.to_ascii_uppercase();
        n += 1;
        i += 1;
        if n >= PREFIX_LEN
            && TokenKind::from_prefix(&window).is_some()
            && token_may_start_after(bytes, i, glued_starts)
        {
            return true;
        }
    }
    false
}

/// Whether a prefix that ends at `prefix_end` may start a token of its own, as far as
/// [`parse_body`] reads its start without reading across a break: anything but letters
/// glued on does (a separator, punctuation, the end of a word), and glued letters do
/// only when there are 8 of them and `glued_starts`. Fewer than 8 glued letters are no
/// body (`h7nnsxsgf3` is a secret's piece). Bounded: 8 letters, through inserted
/// characters.
fn token_may_start_after(bytes: &[u8], prefix_end: usize, glued_starts: bool) -> bool {
    let i = skip_inserted(bytes, prefix_end);
    match unit_at(bytes, i) {
        (Unit::Alnum(_), _) => {
            glued_starts && run_len(bytes, i, MIN_CONTINUATION) >= MIN_CONTINUATION
        }
        _ => true,
    }
}

/// Skips a break at `at_break`: a hyphen put there by a wrap, spaces (no-break ones
/// too), then at most one line break followed by quote markers and indentation. Returns
/// where the text goes on and whether a line break was skipped, or `None` when there is
/// nothing to skip there.
fn skip_break(bytes: &[u8], at_break: usize) -> Option<(usize, bool)> {
    let mut i = at_break;
    let hyphen = at(bytes, i) == b'-';
    if hyphen {
        i += 1;
    }
    let mut n_spaces = 0;
    while n_spaces < MAX_SPACES {
        match unit_at(bytes, i) {
            (Unit::Space | Unit::NoBreakSpace, len) => {
                i += len;
                n_spaces += 1;
            }
            _ => break,
        }
    }
    if let (Unit::LineBreak, len) = unit_at(bytes, i) {
        i += len;
        let mut n_markers = 0;
        while n_markers < MAX_QUOTE_MARKERS && is_quote_marker(at(bytes, i)) {
            i += 1;
            n_markers += 1;
        }
        return Some((i, true));
    }
    if n_spaces == 0 || hyphen {
        // A hyphen goes only before a line break.
        return None;
    }
    Some((i, false))
}

/// Whether `byte` is a quote marker or indentation at the start of a quoted line.
fn is_quote_marker(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'>' | b'|' | b':')
}

/// Where the break that ends just before `end` starts, walking back as [`skip_break`]
/// walks forward: quote markers and indentation (only after a line break), a line break
/// (real or escaped), spaces, a hyphen. `None` when there is no break there.
fn break_before(bytes: &[u8], end: usize, floor: usize) -> Option<usize> {
    let byte_at = |i: usize| if i > floor { at(bytes, i - 1) } else { 0 };
    let mut i = end;
    let mut n_markers = 0;
    let mut saw_marker = false;
    while n_markers < MAX_QUOTE_MARKERS {
        if is_quote_marker(byte_at(i)) {
            saw_marker |= !matches!(byte_at(i), b' ' | b'\t');
            i -= 1;
        } else if i >= floor + 2 && bytes.get(i - 2..i) == Some(&[0xC2, 0xA0][..]) {
            i -= 2;
        } else if i >= floor + 3 && bytes.get(i - 3..i) == Some(&[0xE2, 0x80, 0xAF][..]) {
            i -= 3;
        } else {
            break;
        }
        n_markers += 1;
    }
    // A line break: LF, CR, CRLF, or an escaped `\n`, `\r`, `\r\n`.
    let line_break = match byte_at(i) {
        b'\n' if byte_at(i - 1) == b'\r' => 2,
        b'\n' | b'\r' => 1,
        b'n' if byte_at(i - 1) == b'\\' && byte_at(i - 2) == b'r' && byte_at(i - 3) == b'\\' => 4,
        b'n' | b'r' if byte_at(i - 1) == b'\\' => 2,
        _ => 0,
    };
    if line_break == 0 {
        // Spaces on one line (no markers) split a run too.
        return (n_markers > 0 && !saw_marker).then_some(i);
    }
    i -= line_break;
    let mut n_spaces = 0;
    while n_spaces < MAX_SPACES && matches!(byte_at(i), b' ' | b'\t') {
        i -= 1;
        n_spaces += 1;
    }
    if byte_at(i) == b'-' {
        i -= 1;
    }
    Some(i)
}

/// The bare secret whose run holds the byte at `at_byte`, as `(start, end)` byte
/// offsets, if the run is one (see the module docs); nothing before `floor` counts.
/// Otherwise, where the run ends (or where reading it stopped, when it is too long).
fn bare_secret_around(bytes: &[u8], at_byte: usize, floor: usize) -> Result<(usize, usize), usize> {
    // `=` at a line end is a soft break in quoted-printable text, which joins the lines,
    // but a plain `=` in a `.env` file or a log (`TTS_API_KEY=` and the value on the next
    // line), which does not: try both readings.
    let joined = Bare {
        bytes,
        floor,
        soft_breaks_join: true,
    };
    let resume = match joined.run_around(at_byte) {
        Ok(run) => {
            if let Some(span) = joined.secret_in_run(&run) {
                return Ok(span);
            }
            // A name glued on by a soft break (`key=` and the value on the next line):
            // the run after it.
            if let Some(after) = joined.after_first_soft_break(&run, at_byte) {
                if let Some(span) = joined.secret_in_run(&after) {
                    return Ok(span);
                }
            }
            run.end
        }
        Err(resume) => resume,
    };
    let apart = Bare {
        soft_breaks_join: false,
        ..joined
    };
    match apart.run_around(at_byte) {
        Ok(run) => match apart.secret_in_run(&run) {
            Some(span) => Ok(span),
            // The next stretch after a soft break gets samples of its own.
            None => Err(resume.min(run.end.max(at_byte + 1))),
        },
        Err(apart_resume) => Err(resume.min(apart_resume)),
    }
}

/// A run of letters and digits, read through inserted characters.
struct Run {
    start: usize,
    end: usize,
    letters: Vec<u8>,
}

/// Reads bare secrets in `bytes`, nothing before `floor`, with soft breaks read as
/// inserted characters or as boundaries.
#[derive(Clone, Copy)]
struct Bare<'a> {
    bytes: &'a [u8],
    floor: usize,
    soft_breaks_join: bool,
}

impl Bare<'_> {
    /// Whether the unit at `i` is a character a paste inserted, in this reading.
    fn inserted_at(&self, i: usize) -> Option<usize> {
        match unit_at(self.bytes, i) {
            (Unit::Skip, len)
                if len > 0 && (self.soft_breaks_join || at(self.bytes, i) != b'=') =>
            {
                Some(len)
            }
            _ => None,
        }
    }

    fn skip_inserted(&self, mut i: usize) -> usize {
        while let Some(len) = self.inserted_at(i) {
            i += len;
        }
        i
    }

    /// The first of the letters (through inserted characters) that end just before `end`,
    /// and how many there are, counting up to `most + 1` and no further.
    fn letters_before(&self, end: usize, most: usize) -> (usize, usize) {
        let mut first = end;
        let mut start = end;
        let mut n = 0;
        while n <= most {
            match self.letter_or_skip_before(start) {
                Some((before, letter)) => {
                    if letter {
                        n += 1;
                        first = before;
                    }
                    start = before;
                }
                None => break,
            }
        }
        if n > most {
            // Past `most`, the run's start is beyond the count: take it from the start of
            // the whole run.
            while let Some((before, letter)) = self.letter_or_skip_before(start) {
                if letter {
                    first = before;
                }
                start = before;
            }
        }
        (first, n)
    }

    /// Walks back from `end` over inserted characters.
    fn skip_inserted_back(&self, mut end: usize) -> usize {
        while let Some((start, false)) = self.letter_or_skip_before(end) {
            end = start;
        }
        end
    }

    /// The letter (`true`) or inserted character (`false`) that ends just before `end`.
    fn letter_or_skip_before(&self, end: usize) -> Option<(usize, bool)> {
        let bytes = self.bytes;
        if end <= self.floor {
            return None;
        }
        if at(bytes, end - 1).is_ascii_alphanumeric() {
            return Some((end - 1, true));
        }
        match skippable_before(bytes, end, self.floor) {
            Some(start) if self.inserted_at(start).is_some() => Some((start, false)),
            _ => None,
        }
    }

    /// Reads the letters and digits of the run starting at `start` into `letters`;
    /// returns where the run ends, or `None` when it holds more than `limit` of them.
    fn read_run(&self, start: usize, limit: usize, letters: &mut Vec<u8>) -> Option<usize> {
        let mut i = start;
        let mut end = start;
        loop {
            let byte = at(self.bytes, i);
            if byte.is_ascii_alphanumeric() {
                if letters.len() == limit {
                    return None;
                }
                letters.push(byte);
                i += 1;
                end = i;
                continue;
            }
            match self.inserted_at(i) {
                Some(len) => i += len,
                None => return Some(end),
            }
        }
    }

    /// The run that holds the byte at `at_byte`. When it is longer than a secret and the
    /// longest escape glued on, or empty, where reading it stopped.
    fn run_around(&self, at_byte: usize) -> Result<Run, usize> {
        // At most a secret and a glued-on escape's letters (`u002E`).
        const LIMIT: usize = SECRET_LEN + 5;
        if at_byte < self.floor {
            return Err(self.floor);
        }
        let mut start = at_byte;
        let mut n_before = 0;
        while let Some((before, letter)) = self.letter_or_skip_before(start) {
            n_before += usize::from(letter);
            if n_before > LIMIT {
                // Too long already: the scan may go on after the byte it came for.
                return Err(at_byte + 1);
            }
            start = before;
        }
        // The run starts with its first letter, not with a character inserted before it.
        let start = self.skip_inserted(start);
        let mut letters = Vec::with_capacity(LIMIT);
        let Some(end) = self.read_run(start, LIMIT, &mut letters) else {
            return Err((start + LIMIT).max(at_byte + 1));
        };
        if letters.is_empty() {
            return Err(end.max(at_byte + 1));
        }
        // The mask of a redaction is no piece of a secret, and a run that holds a token
        // glued on (`NNSXSU4H3…`) is read as one.
        let masked =
            start > self.floor && at(self.bytes, start - 1) == b'[' && letters == b"REDACTED";
        if masked || holds_glued_token(&letters) {
            return Err(end.max(at_byte + 1));
        }
        Ok(Run {
            start,
            end,
            letters,
        })
    }

    /// The part of `run` after its first soft break, if the break comes before
    /// `at_byte`.
    fn after_first_soft_break(&self, run: &Run, at_byte: usize) -> Option<Run> {
        let mut i = run.start;
        let mut n_letters = 0;
        while i < run.end.min(at_byte) {
            match unit_at(self.bytes, i) {
                (Unit::Alnum(_), _) => {
                    n_letters += 1;
                    i += 1;
                }
                (Unit::Skip, len) if at(self.bytes, i) == b'=' => {
                    let start = self.skip_inserted(i + len);
                    return Some(Run {
                        start,
                        end: run.end,
                        letters: run.letters.get(n_letters..)?.to_vec(),
                    });
                }
                (_, len) => i += len.max(1),
            }
        }
        None
    }

    /// The secret in `run`, alone or joined with the piece of a split run before or after
    /// it.
    fn secret_in_run(&self, run: &Run) -> Option<(usize, usize)> {
        if let Some(first) = self.secret_start(run.start, &run.letters) {
            return Some((first, run.end));
        }
        // (A run of 52 or more may still hold an escape's letters in front.)
        // When both the piece before and the piece after make a secret, no one can tell
        // which does: all three pieces are redacted.
        match (self.joined_with_previous(run), self.joined_with_next(run)) {
            (Some((first, _)), Some((_, last))) => Some((first, last)),
            (Some(span), None) | (None, Some(span)) => Some(span),
            (None, None) => None,
        }
    }

    /// The secret made of `run` and the piece after the break that ends it.
    fn joined_with_next(&self, run: &Run) -> Option<(usize, usize)> {
        let after_run = self.skip_inserted(run.end);
        let next = self.skip_inserted(skip_break(self.bytes, after_run)?.0);
        let mut joined = run.letters.clone();
        let next_end = self.read_run(next, SECRET_LEN + 5, &mut joined)?;
        // A next piece with a token glued on is that token (`KEY=\nERROR` and then
        // `NNSXS<id>.<secret>` on the next line), as `run_around` reads the piece before.
        let next_letters = joined.get(run.letters.len()..).unwrap_or_default();
        if next_letters.is_empty() || holds_glued_token(next_letters) {
            return None;
        }
        let first = self.secret_start(run.start, &joined)?;
        Some((first, next_end))
    }

    /// The secret made of the piece before the break that `run` follows, and `run`.
    fn joined_with_previous(&self, run: &Run) -> Option<(usize, usize)> {
        let bytes = self.bytes;
        // After an escaped line break (`\n`), the run starts with the escape's letter,
        // which is not the piece's.
        let escaped = matches!(at(bytes, run.start), b'n' | b'r')
            && run.start > self.floor
            && at(bytes, run.start - 1) == b'\\';
        let (break_end, own_letters) = if escaped {
            (run.start + 1, &run.letters[1..])
        } else {
            (run.start, &run.letters[..])
        };
        if own_letters.is_empty() {
            return None;
        }
        let previous_end = break_before(bytes, self.skip_inserted_back(break_end), self.floor)?;
        let previous_end = self.skip_inserted_back(previous_end);
        let previous = self.run_around(previous_end.checked_sub(1)?).ok()?;
        // The piece before, or its part after a soft break that glued a name on.
        let after_break = self.after_first_soft_break(&previous, previous.end);
        [Some(previous), after_break]
            .into_iter()
            .flatten()
            .find_map(|previous| {
                let mut letters = previous.letters;
                letters.extend_from_slice(own_letters);
                let first = self.secret_start(previous.start, &letters)?;
                Some((first, run.end))
            })
    }

    /// Where the secret starts, when `letters` (read from `start`) are a secret in one
    /// letter case, possibly behind the letters of an escape glued on in front (`%20`,
    /// `%252E`, `=3D`, `\n`, `\x2E`, `\u002E`): those belong to the escape, which counts
    /// as a boundary.
    fn secret_start(&self, start: usize, letters: &[u8]) -> Option<usize> {
        let bytes = self.bytes;
        let extra = letters.len().checked_sub(SECRET_LEN)?;
        if extra > 0 {
            let before = if start > self.floor {
                at(bytes, start - 1)
            } else {
                0
            };
            let head = &letters[..extra];
            let hex = |s: &[u8]| s.iter().all(u8::is_ascii_hexdigit);
            let escape = match (before, extra) {
                (b'%' | b'=', 2) | (b'%', 4) => hex(head),
                (b'\\', 1) => matches!(head[0], b'n' | b'r' | b't'),
                (b'\\', 3) => matches!(head[0], b'x' | b'X') && hex(&head[1..]),
                (b'\\', 5) => matches!(head[0], b'u' | b'U') && hex(&head[1..]),
                _ => false,
            };
            // The escape's letters are the run's first bytes, with nothing inserted.
            if !escape || bytes.get(start..start + extra) != Some(head) {
                return None;
            }
        }
        is_one_case_secret(&letters[extra..]).then(|| self.letter_position(start, extra))
    }

    /// Where the letter after the first `n` letters from `start` is, reading through
    /// inserted characters and breaks as the joins do.
    fn letter_position(&self, start: usize, n: usize) -> usize {
        let mut i = start;
        let mut n_seen = 0;
        // Bounded: every step consumes a letter, an inserted character or a break.
        loop {
            if at(self.bytes, i).is_ascii_alphanumeric() {
                if n_seen == n {
                    return i;
                }
                n_seen += 1;
                i += 1;
            } else if let Some(len) = self.inserted_at(i) {
                i += len;
            } else if let Some((next, _)) = skip_break(self.bytes, i).filter(|&(next, _)| next > i)
            {
                i = next;
            } else {
                return i;
            }
        }
    }
}

/// Whether a run's `letters` hold a token glued on: a prefix with at least 8 letters
/// after it in the run, which [`parse_body`] reads as a body (`NNSXSU4H3…`). A prefix
/// with fewer after it starts no body there: those are a secret's letters
/// (`…IVBUVNNSXSQIA`).
fn holds_glued_token(letters: &[u8]) -> bool {
    let body_after = |at_prefix: usize| letters.len() - at_prefix - PREFIX_LEN >= MIN_CONTINUATION;
    letters
        .windows(PREFIX_LEN)
        .enumerate()
        .any(|(at_prefix, window)| body_after(at_prefix) && is_prefix(window))
}

/// Whether `letters` are base32 in one letter case (upper or lower).
fn one_case_base32(letters: &[u8]) -> bool {
    let upper = letters.iter().all(|&b| is_base32(b));
    let lower = letters
        .iter()
        .all(|&b| b.is_ascii_lowercase() || (b'2'..=b'7').contains(&b));
    upper || lower
}

/// Whether `letters` are a secret in one letter case: 52 base32 characters, upper or
/// lower case, ending in `A` or `Q`.
fn is_one_case_secret(letters: &[u8]) -> bool {
    one_case_base32(letters)
        && letters.len() == SECRET_LEN
        && matches!(letters[SECRET_LEN - 1].to_ascii_uppercase(), b'A' | b'Q')
}

fn starts_with_mask(bytes: &[u8], at_mask: usize) -> bool {
    bytes
        .get(at_mask..)
        .is_some_and(|rest| rest.starts_with(SECRET_MASK.as_bytes()))
}

/// Whether the bytes from `i` are `lower` (ASCII, case-insensitive).
fn starts_with_folded(bytes: &[u8], i: usize, lower: &[u8]) -> bool {
    bytes
        .get(i..i + lower.len())
        .is_some_and(|found| found.eq_ignore_ascii_case(lower))
}

/// The byte at `i`, or 0 (which is in no class the scan looks for) past the end.
#[inline]
fn at(bytes: &[u8], i: usize) -> u8 {
    bytes.get(i).copied().unwrap_or(0)
}

/// Whether the character at `i` is one the reader skips, or a no-break space: what the
/// fast scan (`tts_keycheck_scan::next_event`) asks at a byte that may start one.
fn inserted_at(bytes: &[u8], i: usize) -> bool {
    matches!(unit_at(bytes, i).0, Unit::Skip | Unit::NoBreakSpace)
}

/// The next place worth a closer look from `from` (see `tts_keycheck_scan`).
#[inline]
fn next_event(bytes: &[u8], from: usize, sample_from: usize) -> Event {
    tts_keycheck_scan::next_event(bytes, from, sample_from, inserted_at)
}
