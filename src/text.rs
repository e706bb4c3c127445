//! Small text helpers shared by the core: UTF-16 offsets (what JS uses for string
//! positions) from byte offsets.

/// The UTF-16 length of `text`.
pub(crate) fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}
