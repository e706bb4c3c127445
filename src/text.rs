//! Small text helpers shared by the core and the widget: the one set of characters that
//! copy along unseen, and UTF-16 offsets (what JS uses for string positions).

/// The UTF-16 length of `text`.
pub(crate) fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// The UTF-16 length of the UTF-8 text in `bytes`: one unit per character, two for
/// those outside the Basic Multilingual Plane. Counts bytes with no decoding: every
/// byte but a continuation byte (`10xxxxxx`) starts a character, and a lead byte
/// `11110xxx` starts one of two units.
pub(crate) fn utf16_len_of_utf8(bytes: &[u8]) -> usize {
    // Each byte adds at most 2, so a chunk of up to 127 bytes fits a `u8` sum, which
    // vectorizes well. Exact chunks of 96 (a multiple of the vector width) leave no slow
    // tail inside the loop; only the last partial chunk takes the scalar path.
    fn count(chunk: &[u8]) -> usize {
        let n_units = chunk.iter().fold(0u8, |sum, &b| {
            sum.wrapping_add(u8::from(b & 0xC0 != 0x80) + u8::from(b >= 0xF0))
        });
        usize::from(n_units)
    }
    let chunks = bytes.chunks_exact(96);
    let tail = chunks.remainder();
    chunks.map(count).sum::<usize>() + count(tail)
}

/// Whether `ch` copies along unseen and stands for nothing: zero-width space and joiners,
/// word joiner and the invisible operators, byte-order mark, soft hyphen, the Mongolian
/// vowel separator, the combining grapheme joiner, and the bidirectional marks, embeddings
/// and isolates that text copied from web pages and chat apps carries.
///
/// The one such set: the key check drops these characters, the ID and cluster checks
/// trim or flag them, and the widget draws them as a visible mark.
pub(crate) fn is_invisible(ch: char) -> bool {
    matches!(
        ch,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// The byte offset of the first `needle` in `haystack`: a plain scan, as quick as the
/// standard library's two-way search for the core's short fixed needles, and in the wasm
/// about 5 KB smaller (that search brings its searcher and its panics' formatting).
pub(crate) fn find(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    // A match of whole UTF-8 text starts and ends on character boundaries.
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window == needle.as_bytes())
}

/// `text` split around the first `needle`, like `str::split_once` (see [`find`]).
pub(crate) fn split_once<'a>(text: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let at = find(text, needle)?;
    Some((text.get(..at)?, text.get(at + needle.len()..)?))
}
