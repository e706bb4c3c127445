//! Small text helpers shared by the core and the widget: the one set of characters that
//! copy along unseen, and UTF-16 offsets (what JS uses for string positions).

/// The UTF-16 length of `text`.
pub(crate) fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// The UTF-16 length of the UTF-8 text in `bytes`, counted in the fast scan's crate
/// (built for speed, see its docs).
#[cfg(any(feature = "support", not(target_arch = "wasm32")))]
pub(crate) use tts_keycheck_scan::utf16_len_of_utf8;

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
