//! Untrusted text from the server, made safe to keep. Names, IDs and right names are kept
//! only when they have the expected shape; free text (a key's name, `X-Warning`) is cut
//! short, stripped of control characters, and dropped if it looks like it holds a token.

use crate::key::TokenKind;

/// `text` when it is 1..=`max` bytes that all pass `allowed`.
pub(super) fn clean(text: &str, max: usize, allowed: impl Fn(u8) -> bool) -> Option<String> {
    (!text.is_empty() && text.len() <= max && text.bytes().all(allowed)).then(|| text.to_owned())
}

/// A right name from the server: letters, digits and underscores, at most 64.
pub(super) fn clean_right(text: &str) -> Option<String> {
    clean(text.trim(), 64, |b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Free text from the server, made safe to show: control characters removed, cut to
/// `max` characters, and dropped entirely if it seems to hold a token (`NNSXS.` and the
/// other token prefixes).
pub(super) fn clean_text(text: &str, max: usize) -> Option<String> {
    let upper = text.to_ascii_uppercase();
    // Every occurrence of a prefix, followed by a dot (no prefix overlaps itself, so
    // these are the occurrences a left-to-right search finds).
    let holds_token = TokenKind::ALL.iter().any(|kind| {
        let prefix = kind.prefix().as_bytes();
        upper
            .as_bytes()
            .windows(prefix.len() + 1)
            .any(|window| window.strip_suffix(b".") == Some(prefix))
    });
    if holds_token {
        return None;
    }
    let cleaned: String = text.chars().filter(|c| !c.is_control()).take(max).collect();
    let cleaned = cleaned.trim();
    (!cleaned.is_empty()).then(|| cleaned.to_owned())
}
