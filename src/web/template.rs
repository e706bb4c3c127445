//! The widget's markup: static HTML with `{p}` standing for a per-widget id prefix, and
//! an HTML escaper for every piece of text that is not a static string.
//!
//! A page may carry the form's markup already (rendered at build time, or pasted by a host
//! page from the package's `form.html`), marked `data-tkc-static="form-…"` with the stamp
//! of this very template: mounting then adopts it as it is, ids included, so the layout
//! does not change.
//!
//! Invariant: no template and no attribute ever holds key material; the secret lives
//! only in the Key Secret input's `value` property, set from code.

/// The credentials form, mirroring IotBridge's "Add a things stack organization" fly-out.
///
/// In a file of its own, so the site build (`cargo xtask build`) renders the very same
/// markup into the book's pages before any script runs (`xtask/src/prerender.rs`).
#[cfg_attr(not(feature = "form"), allow(dead_code))]
pub(crate) const FORM: &str = include_str!("form.html");

/// The mark of markup already on the page that this build may adopt: `form-` and the
/// FNV-1a hash of [`FORM`] in hex (`xtask/src/prerender.rs` computes the same), so markup
/// from another version of the widget is rendered afresh rather than adopted.
#[cfg_attr(not(feature = "form"), allow(dead_code))]
pub(crate) const FORM_STAMP: &str = match std::str::from_utf8(&STAMP_BYTES) {
    Ok(stamp) => stamp,
    Err(_) => "form",
};

#[cfg_attr(not(feature = "form"), allow(dead_code))]
const STAMP_BYTES: [u8; 13] = {
    let mut out = *b"form-00000000";
    let hash = fnv1a(FORM);
    let mut i = 0;
    while i < 8 {
        let nibble = ((hash >> (28 - 4 * i)) & 0xf) as u8;
        out[5 + i] = if nibble < 10 {
            b'0' + nibble
        } else {
            b'a' + nibble - 10
        };
        i += 1;
    }
    out
};

/// FNV-1a (32 bits) of `text`.
#[cfg_attr(not(feature = "form"), allow(dead_code))]
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

/// The support-staff panel: paste a ticket, get it redacted with a table of keys.
#[cfg(feature = "support")]
pub(crate) const SUPPORT: &str = r#"<div class="tkc-support">
<div class="tkc-field">
 <label for="{p}-ticket">Paste a ticket, e-mail or log</label>
 <textarea id="{p}-ticket" data-part="ticket" rows="8" autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off"></textarea>
</div>
<div class="tkc-actions">
 <button type="button" class="tkc-btn tkc-primary" data-part="copy-redacted">Copy redacted text</button>
 <button type="button" class="tkc-btn" data-part="clear">Clear</button>
</div>
<div class="tkc-file" data-part="file-row" hidden>
 <label for="{p}-file">Or open a file: a log, HAR capture, JSON, e-mail or any text. It stays in this browser.</label>
 <input type="file" id="{p}-file" data-part="file" accept=".log,.txt,.har,.json,.eml,.csv,.yaml,.yml,.env,.xml,text/*,application/json">
 <p class="tkc-note">You can also drop a file onto this panel.</p>
 <div class="tkc-progress" data-part="progress-row" hidden>
  <progress data-part="progress" max="100" value="0" aria-labelledby="{p}-progress-label"></progress>
  <span id="{p}-progress-label" data-part="progress-label"></span>
  <button type="button" class="tkc-btn" data-part="file-cancel">Cancel</button>
 </div>
 <button type="button" class="tkc-btn tkc-primary" data-part="download" hidden>Download redacted file</button>
</div>
<div class="tkc-status" data-part="status" role="status" aria-live="polite"></div>
<label for="{p}-redacted">Redacted text</label>
<textarea id="{p}-redacted" data-part="redacted" rows="8" readonly></textarea>
<div class="tkc-findings" data-part="findings"></div>
<label class="tkc-check" data-part="confirm-row" hidden><input type="checkbox" data-part="confirm"> I trust <span data-part="host"></span> with these API keys</label>
<div class="tkc-actions">
 <button type="button" class="tkc-btn" data-part="test-all" hidden>Test the well-formed keys</button>
 <button type="button" class="tkc-btn" data-part="cancel" hidden>Cancel</button>
</div>
</div>"#;

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
