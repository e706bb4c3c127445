//! The widget's markup: static HTML with `{p}` standing for a per-widget id prefix, and
//! an HTML escaper for every piece of text that is not a static string.
//!
//! Invariant: no template and no attribute ever holds key material; the secret lives
//! only in the Key Secret input's `value` property, set from code.

/// The credentials form, mirroring IotBridge's "Add a things stack organization" fly-out.
pub(crate) const FORM: &str = r#"<form class="tkc-form" novalidate>
<h3 class="tkc-title" id="{p}-title">Check your The Things Stack credentials</h3>
<div class="tkc-field">
 <label for="{p}-cluster">The Things Stack cluster</label>
 <select id="{p}-cluster" data-part="cluster">
  <option value="https://eu1.cloud.thethings.network">The Things Network Sandbox: eu1.cloud.thethings.network</option>
  <option value="tenant">The Things Stack Cloud: my tenant on eu1.cloud.thethings.industries</option>
  <option value="custom">Another address</option>
 </select>
 <div class="tkc-sub" data-part="tenant-row" hidden>
  <label for="{p}-tenant">Tenant ID</label>
  <input id="{p}-tenant" data-part="tenant" autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off" placeholder="my-company">
 </div>
 <div class="tkc-sub" data-part="custom-row" hidden>
  <label for="{p}-custom">Address (https://…)</label>
  <input id="{p}-custom" data-part="custom" type="url" autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off" placeholder="https://thethings.example.com">
  <label class="tkc-check" data-part="confirm-row" hidden><input type="checkbox" data-part="confirm"> I trust this server with my API key</label>
 </div>
 <ul class="tkc-msgs" data-part="cluster-msgs" aria-live="polite"></ul>
</div>
<div class="tkc-field">
 <label for="{p}-org">Organization Id</label>
 <input id="{p}-org" data-part="org" autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off" aria-describedby="{p}-org-msgs">
 <ul class="tkc-msgs" id="{p}-org-msgs" data-part="org-msgs" aria-live="polite"></ul>
</div>
<div class="tkc-field">
 <label for="{p}-keyid">Key Id</label>
 <input id="{p}-keyid" data-part="keyid" autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off" aria-describedby="{p}-keyid-msgs">
 <ul class="tkc-msgs" id="{p}-keyid-msgs" data-part="keyid-msgs" aria-live="polite"></ul>
</div>
<div class="tkc-field">
 <label for="{p}-secret">Key Secret (the whole API key)</label>
 <div class="tkc-row">
  <input id="{p}-secret" data-part="secret" type="password" autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off" aria-describedby="{p}-secret-msgs">
  <button type="button" class="tkc-btn" data-part="show" aria-pressed="false" aria-controls="{p}-secret">Show</button>
 </div>
 <div class="tkc-anatomy" data-part="anatomy"></div>
 <ul class="tkc-msgs" id="{p}-secret-msgs" data-part="secret-msgs" aria-live="polite"></ul>
 <button type="button" class="tkc-btn" data-part="repair" hidden>Repair</button>
</div>
<div class="tkc-actions">
 <button type="button" class="tkc-btn tkc-primary" data-part="test">Test key</button>
 <button type="button" class="tkc-btn" data-part="cancel" hidden>Cancel</button>
 <button type="button" class="tkc-btn" data-part="clear">Clear</button>
</div>
<div class="tkc-status" data-part="status" role="status" aria-live="polite"></div>
<div class="tkc-report" data-part="report" hidden></div>
<div class="tkc-actions">
 <button type="button" class="tkc-btn" data-part="copy-redacted">Copy redacted key</button>
 <button type="button" class="tkc-btn" data-part="copy-curl">Copy curl command (redacted)</button>
 <button type="button" class="tkc-btn tkc-danger" data-part="copy-full">Copy full key, with secret</button>
</div>
<label class="tkc-check" data-part="ack-row" hidden><input type="checkbox" data-part="ack"> The Things Stack could not be reached from this page. I have checked the values and want to add them anyway.</label>
<div class="tkc-actions">
 <button type="submit" class="tkc-btn tkc-primary" data-part="submit" disabled>Add credentials</button>
 <span class="tkc-hint" data-part="gate"></span>
</div>
<div class="tkc-result" data-part="result" hidden tabindex="-1"></div>
</form>"#;

/// The support-staff panel: paste a ticket, get it redacted with a table of keys.
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
