//! The widget's markup: static HTML with `{p}` standing for a per-widget id prefix, and
//! an HTML escaper for every piece of text that is not a static string.
//!
//! A page may carry a widget's markup already (rendered at build time, or pasted by a host
//! page from the package's `form.html` or `support.html`), marked `data-tkc-static` with
//! the [`Stamp`] of this very template: mounting then adopts it as it is, ids included,
//! so the layout does not change.
//!
//! Invariant: no template and no attribute ever holds key material; the secret lives
//! only in the Key Secret input's `value` property, set from code.

/// The credentials form, mirroring IotBridge's "Add a things stack organization" fly-out.
///
/// In a file of its own, so the site build (`cargo xtask build`) renders the very same
/// markup into the book's pages before any script runs (`xtask/src/prerender.rs`).
#[cfg_attr(not(feature = "form"), allow(dead_code))]
pub(crate) const FORM: &str = include_str!("form.html");

/// The mark of markup already on the page that this build may adopt (its
/// `data-tkc-static`): the widget's kind, `-`, and the FNV-1a hash of its template in hex
/// (`xtask/src/prerender.rs` computes the same), so markup from another version of the
/// widget is rendered afresh instead.
#[cfg_attr(not(feature = "form"), allow(dead_code))]
pub(crate) const FORM_STAMP: &str = as_str(&FORM_MARK);
#[cfg_attr(not(feature = "form"), allow(dead_code))]
const FORM_MARK: [u8; 13] = mark(b"form", fnv1a(FORM));

#[cfg(feature = "support")]
pub(crate) const SUPPORT_STAMP: &str = as_str(&SUPPORT_MARK);
#[cfg(feature = "support")]
const SUPPORT_MARK: [u8; 16] = mark(b"support", fnv1a(SUPPORT));

/// `kind`, `-` and `hash` as 8 lower-case hex digits; `N` is their length.
const fn mark<const N: usize>(kind: &[u8], hash: u32) -> [u8; N] {
    let mut out = [b'-'; N];
    let mut i = 0;
    while i < kind.len() && i < N {
        out[i] = kind[i];
        i += 1;
    }
    let mut digit = 0;
    while digit < 8 && kind.len() + 1 + digit < N {
        let nibble = ((hash >> (28 - 4 * digit)) & 0xf) as u8;
        out[kind.len() + 1 + digit] = if nibble < 10 {
            b'0' + nibble
        } else {
            b'a' + nibble - 10
        };
        digit += 1;
    }
    out
}

/// ASCII bytes as text (a stamp is ASCII; anything else would be an empty mark).
const fn as_str(bytes: &[u8]) -> &str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => "",
    }
}

/// FNV-1a (32 bits) of `text`.
const fn fnv1a(text: &str) -> u32 {
    let bytes = text.as_bytes();
    let mut hash: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < bytes.len() {
        hash = (hash ^ bytes[i] as u32).wrapping_mul(0x0100_0193);
        i += 1;
    }
    hash
}

/// The support-staff panel: paste a ticket or open a file, get it redacted with a table
/// of keys. In a file of its own, for the site build, as [`FORM`].
#[cfg(feature = "support")]
pub(crate) const SUPPORT: &str = include_str!("support.html");

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}
