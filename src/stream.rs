//! Redaction of a text that comes in pieces (a file read a few megabytes at a time):
//! [`StreamRedactor`] takes the text's bytes in chunks of any size and gives back the
//! redacted bytes up to a safe point and the findings there, with offsets into the
//! whole text. Fed a text in chunks, it returns exactly what [`crate::redact_text`]
//! returns for the text in one piece: the same bytes and the same findings (pinned by
//! `tests/stream.rs` for every chunk size over the property tests' tickets).
//!
//! # How chunks join
//!
//! The redactor's scan ([`crate::redact`]) is one forward pass whose every look is
//! bounded: forward, past the furthest point a token body was read to, at most a break
//! (a hyphen, [`MAX_SPACES`](crate::redact) spaces of up to 6 bytes each, an escaped
//! `\r\n` and [`MAX_QUOTE_MARKERS`] quote markers: 117 bytes), then the rest of a key
//! (92 letters), then a doubled dot and a mask (34 bytes): under 260 bytes; backward,
//! from the place the scan goes on at, at most a run the length of a secret and an
//! escape (58 letters), a break with quote markers (205 bytes) and another such run:
//! under 330 bytes. Each character a paste inserts (an invisible character, a soft
//! break, `&shy;`) that a look reads through adds at most 5 bytes to either.
//!
//! So the redactor keeps the text it was given that it has not finished with, and scans
//! it with a *limit* of [`LOOKAHEAD`] bytes before its end: an event past the limit, or
//! one whose handling read past it, waits for the next chunk (the handling is undone).
//! Then everything up to [`LOOKBACK`] bytes before the place the scan goes on at (and
//! not before the end of the last token) is final: it is written out and dropped. What
//! stays is the scan's state, moved with the text, so the scan resumes exactly where
//! and how the one-piece scan would: on the same grid of 8-byte words it samples bare
//! secrets on.
//!
//! Memory is bounded by the chunk plus the carried tail: `LOOKAHEAD + LOOKBACK` bytes,
//! and what an event held back at the limit had read (a few kilobytes at most, up to
//! [`MAX_CARRY`] for a token body that never ends). The redactor takes bytes, not text, so a chunk border may fall anywhere:
//! inside a prefix, a `\r\n`, an escape, a soft break, or a multi-byte UTF-8
//! character. Bytes that are not UTF-8 are kept as they are and read as "other".
//!
//! # Where it may differ from one piece
//!
//! Only where a look is longer than the bounds above, which no text a person wrote
//! holds: more than about 150 inserted characters read through in one look, or a token
//! body that runs on for more than [`MAX_CARRY`] bytes, which is then cut where the
//! carry ends (what comes after is scanned as new text; a secret has 52 characters, so
//! nothing secret is left behind by such a cut), or letters glued in front of a prefix
//! further back than [`LOOKBACK`], which are then kept.
//!
//! # Offsets
//!
//! Every finding has its span twice: in UTF-16 code units of the whole text as decoded
//! from UTF-8 (`Finding::start`/`end`, what JS string positions are; each byte that is
//! not UTF-8 counts as one unit, as `TextDecoder` puts one U+FFFD for it), and in
//! bytes of the whole input ([`FileFinding::bytes`], what `Blob.slice` takes).

use crate::redact::{ByteSpan, Finding, Scanner};
use crate::text::utf16_len_of_utf8;

#[cfg(doc)]
use crate::redact::MAX_QUOTE_MARKERS;

/// How far before the end of what it holds the redactor stops handling events, in
/// bytes: the bound of the scan's forward looks (under 260 bytes) with room for about
/// 150 inserted characters read through.
pub const LOOKAHEAD: usize = 1 << 10;

/// How much text before the place the scan goes on at is kept, in bytes: the bound of
/// its backward looks (under 330 bytes) with the same room.
pub const LOOKBACK: usize = 1 << 10;

/// The longest token body the redactor waits for before it cuts it, in bytes.
pub const MAX_CARRY: usize = 1 << 20;

/// A finding in a text that came in pieces, with its span in bytes as well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFinding {
    /// The finding, its `start` and `end` in UTF-16 code units of the whole text.
    pub finding: Finding,
    /// Its span in bytes of the whole input.
    pub bytes: ByteSpan,
}

/// What one call of [`StreamRedactor::feed`] or [`StreamRedactor::finish`] gives back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Piece {
    /// The next stretch of the redacted text, to append to what came before.
    pub output: Vec<u8>,
    /// The findings in it, in text order.
    pub findings: Vec<FileFinding>,
}

/// Redacts a text given in chunks; see the module docs.
pub struct StreamRedactor {
    /// The text given and not yet final.
    pending: Vec<u8>,
    /// The scan's state, between two chunks (its window is empty then).
    scanner: Option<Scanner<'static>>,
    /// How many bytes, and UTF-16 units, of the text come before `pending`.
    base_bytes: usize,
    base_units: usize,
    lookahead: usize,
    lookback: usize,
}

impl std::fmt::Debug for StreamRedactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Holds text that may be secret: only sizes are shown.
        f.debug_struct("StreamRedactor")
            .field("pending_bytes", &self.pending.len())
            .field("base_bytes", &self.base_bytes)
            .finish_non_exhaustive()
    }
}

impl Default for StreamRedactor {
    fn default() -> Self {
        StreamRedactor::new()
    }
}

impl StreamRedactor {
    /// A redactor at the start of a text.
    pub fn new() -> StreamRedactor {
        StreamRedactor::with_bounds(LOOKAHEAD, LOOKBACK)
    }

    /// A redactor that trusts the scan's looks to stay within `lookahead` and `lookback`
    /// bytes: for tests that check those bounds.
    #[doc(hidden)]
    pub fn with_bounds(lookahead: usize, lookback: usize) -> StreamRedactor {
        StreamRedactor {
            pending: Vec::new(),
            scanner: Some(Scanner::new(&[], true)),
            base_bytes: 0,
            base_units: 0,
            lookahead,
            lookback,
        }
    }

    /// How many bytes of text the redactor holds: its memory, besides the output.
    pub fn pending_len(&self) -> usize {
        self.pending.len()
    }

    /// Takes the next `chunk` of the text; returns the redacted text that is final now.
    pub fn feed(&mut self, chunk: &[u8]) -> Piece {
        self.pending.extend_from_slice(chunk);
        self.scan(false)
    }

    /// Ends the text; returns the rest of the redacted text.
    pub fn finish(mut self) -> Piece {
        self.scan(true)
    }

    fn scan(&mut self, last: bool) -> Piece {
        let detached = self
            .scanner
            .take()
            .unwrap_or_else(|| Scanner::new(&[], true));
        let mut scanner = detached.rebase(&self.pending, 0);
        let cut = if last {
            scanner.run(None);
            self.pending.len()
        } else {
            let limit = self.pending.len().saturating_sub(self.lookahead);
            // Bounded: each round handles one event the limit held back.
            while scanner.run(Some(limit)).is_some()
                && scanner.pos < limit
                && limit - scanner.pos > MAX_CARRY
            {
                // A token body longer than the carry: take it as it is so far.
                scanner.step();
            }
            let mut cut = scanner.pos.saturating_sub(self.lookback).max(scanner.floor);
            // At the start of a character, so the next window starts with one.
            while cut > scanner.floor && self.pending.get(cut).is_some_and(|&b| b & 0xC0 == 0x80) {
                cut -= 1;
            }
            cut
        };
        scanner.copy_original(cut);
        let output = std::mem::take(&mut scanner.out);
        let found = std::mem::take(&mut scanner.findings);
        let spans = std::mem::take(&mut scanner.spans);
        let findings = found
            .into_iter()
            .zip(spans)
            .map(|(mut finding, span)| {
                finding.start += self.base_units;
                finding.end += self.base_units;
                FileFinding {
                    finding,
                    bytes: ByteSpan {
                        start: span.start + self.base_bytes,
                        end: span.end + self.base_bytes,
                    },
                }
            })
            .collect();
        self.scanner = Some(scanner.rebase(&[], cut));
        self.base_units += utf16_len_of_utf8(self.pending.get(..cut).unwrap_or_default());
        self.base_bytes += cut;
        self.pending.drain(..cut);
        Piece { output, findings }
    }
}
