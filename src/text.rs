//! Small text helpers shared by the core: UTF-16 offsets (what JS uses for string
//! positions) from byte offsets.

/// The UTF-16 length of `text`.
pub(crate) fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// The UTF-16 length of the UTF-8 text in `bytes`: one unit per character, two for
/// those outside the Basic Multilingual Plane. Counts bytes with no decoding: every
/// byte but a continuation byte (`10xxxxxx`) starts a character, and a lead byte
/// `11110xxx` starts one of two units.
pub(crate) fn utf16_len_of_utf8(bytes: &[u8]) -> usize {
    // Each byte adds at most 2, so a chunk of 127 fits a `u8` sum, which vectorizes well.
    bytes
        .chunks(127)
        .map(|chunk| {
            let n_units = chunk.iter().fold(0u8, |sum, &b| {
                sum.wrapping_add(u8::from(b & 0xC0 != 0x80) + u8::from(b >= 0xF0))
            });
            usize::from(n_units)
        })
        .sum()
}
