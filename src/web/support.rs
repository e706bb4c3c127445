//! The support-staff panel: paste any text, get it redacted with a table of the keys
//! found, copy the redacted text, and optionally test the well-formed keys one at a
//! time, pausing as the server's `X-Rate-Limit-*` headers ask.
//!
//! The table and status line are the core's decisions (`crate::support::view`); the live
//! checks follow the form's host rules: a host outside The Things Stack's clouds gets
//! nothing until "I trust this server" is ticked.
//!
//! Invariant: the pasted text stays in the textarea's `value`; what is rendered is the
//! redacted text and Key IDs only. A key's secret leaves only in its `Authorization`
//! header.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{
    AbortController, Element, Event, HtmlButtonElement, HtmlElement, HtmlInputElement,
    HtmlTextAreaElement,
};

use super::dom::Options;
use super::fetch::{live_report, Expected, LiveAnswer, LiveRequest};
use super::template::{escape, SUPPORT};
use super::{part, WebError};
use crate::cluster::{Cluster, DEFAULT_BASE_URL};
use crate::report::RateLimit;
use crate::{check, redact_text, ApiKey};

/// Pause between two checks even when the server sends no rate-limit headers.
const MIN_PAUSE_MS: i32 = 500;
/// The longest pause honoured; a longer one stops the run with a message.
const MAX_PAUSE_MS: i32 = 60_000;

/// One mounted support panel.
pub(crate) struct Support {
    root: HtmlElement,
    ticket: HtmlTextAreaElement,
    redacted: HtmlTextAreaElement,
    findings: Element,
    status: Element,
    confirm_row: HtmlElement,
    confirm: HtmlInputElement,
    test_all: HtmlButtonElement,
    cancel: HtmlButtonElement,
    options: Options,
    /// Bumped on every edit and on Cancel; a run for an older generation stops.
    generation: Cell<u32>,
    controller: RefCell<Option<AbortController>>,
    listeners: super::Listeners,
}

impl std::fmt::Debug for Support {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Support").finish_non_exhaustive()
    }
}

impl Support {
    pub(crate) fn mount(
        root: HtmlElement,
        prefix: &str,
        options: Options,
    ) -> Result<Rc<Support>, WebError> {
        super::render_template(&root, SUPPORT, None, prefix);
        let panel = Rc::new(Support {
            ticket: part(&root, "ticket")?,
            redacted: part(&root, "redacted")?,
            findings: part(&root, "findings")?,
            status: part(&root, "status")?,
            confirm_row: part(&root, "confirm-row")?,
            confirm: part(&root, "confirm")?,
            test_all: part(&root, "test-all")?,
            cancel: part(&root, "cancel")?,
            root,
            options,
            generation: Cell::new(0),
            controller: RefCell::new(None),
            listeners: super::Listeners::default(),
        });
        panel
            .listeners
            .attach(&panel.root, &panel, &["input", "click"], Self::on_event)?;
        // The host to confirm, if the cluster needs it: the same rule as the form's.
        if let Ok(cluster) = panel.cluster() {
            panel.confirm_row.set_hidden(!cluster.needs_confirmation());
            if let Ok(host) = part::<Element>(&panel.root, "host") {
                host.set_text_content(Some(cluster.base_url()));
            }
        }
        Ok(panel)
    }

    pub(crate) fn unmount(&self) {
        self.stop();
        self.listeners.detach(&self.root);
    }

    fn on_event(self: &Rc<Self>, event: &Event) {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        match (
            event.type_().as_str(),
            target.get_attribute("data-part").as_deref(),
        ) {
            ("input", Some("ticket")) => {
                self.stop();
                self.refresh();
            }
            ("click", Some("copy-redacted")) => {
                let text = self.redacted.value();
                super::dom::copy_to_clipboard(&self.status, &text, "Copied the redacted text.");
            }
            ("click", Some("clear")) => {
                self.stop();
                self.ticket.set_value("");
                self.refresh();
                self.status
                    .set_text_content(Some("Cleared. Nothing was stored."));
            }
            ("click", Some("test-all")) => self.test_all(),
            ("click", Some("cancel")) => {
                self.stop();
                self.status.set_text_content(Some("Stopped."));
            }
            _ => {}
        }
    }

    fn stop(&self) {
        self.generation.set(self.generation.get().wrapping_add(1));
        if let Some(controller) = self.controller.borrow_mut().take() {
            controller.abort();
        }
        self.cancel.set_hidden(true);
        self.test_all.set_disabled(false);
    }

    /// The cluster the live checks ask: the host page's, else eu1.
    fn cluster(&self) -> Result<Cluster, &'static str> {
        let base = self.options.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL);
        Cluster::parse(base).map_err(|err| err.kind().message())
    }

    /// Redacts the pasted text and rebuilds the table of findings.
    fn refresh(&self) {
        let text = self.ticket.value();
        let redaction = redact_text(&text);
        self.redacted.set_value(&redaction.text);
        let view = crate::support::view(&redaction, text.is_empty());
        let mut html = String::new();
        if !view.rows.is_empty() {
            html.push_str("<table><caption>Keys found</caption><thead><tr><th scope=\"col\">#</th><th scope=\"col\">What</th><th scope=\"col\">Key ID</th><th scope=\"col\">Format</th><th scope=\"col\">Live check</th></tr></thead><tbody>");
            for (n, row) in view.rows.iter().enumerate() {
                html.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td class=\"{}\">{}</td><td data-row=\"{n}\"></td></tr>",
                    n + 1,
                    escape(row.what),
                    escape(row.key_id.as_deref().unwrap_or("\u{2014}")),
                    if row.format.is_good() { "tkc-good" } else { "tkc-bad" },
                    row.format.label(),
                ));
            }
            html.push_str("</tbody></table>");
        }
        self.findings.set_inner_html(&html);
        self.test_all.set_hidden(view.n_testable == 0);
        self.status.set_text_content(Some(&view.summary));
    }

    /// Tests each well-formed key in turn against the configured cluster.
    fn test_all(self: &Rc<Self>) {
        self.stop();
        let generation = self.generation.get();
        let text = self.ticket.value();
        let keys: Vec<(usize, ApiKey)> = redact_text(&text)
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.valid)
            .filter_map(|(n, f)| {
                let found = utf16_slice(&text, f.start, f.end)?;
                let key = ApiKey::parse(found)
                    .ok()
                    .or_else(|| check(found).repaired)?;
                Some((n, key))
            })
            .collect();
        let cluster = match self.cluster() {
            // The same rule as the form: nothing goes to an unconfirmed host.
            Ok(cluster) if cluster.needs_confirmation() && !self.confirm.checked() => {
                self.status
                    .set_text_content(Some(WebError::HostNotConfirmed.message()));
                return;
            }
            Ok(cluster) => cluster,
            Err(message) => {
                self.status.set_text_content(Some(message));
                return;
            }
        };
        self.cancel.set_hidden(false);
        self.test_all.set_disabled(true);
        let panel = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            for (row, key) in keys {
                if panel.generation.get() != generation {
                    return;
                }
                panel.set_row(row, "checking\u{2026}");
                let Ok(controller) = AbortController::new() else {
                    return;
                };
                let signal = controller.signal();
                *panel.controller.borrow_mut() = Some(controller);
                let answer = live_report(
                    LiveRequest {
                        url: cluster.auth_info_url(),
                        key: &key,
                        timeout_ms: panel.options.timeout_ms,
                        signal: Some(signal),
                    },
                    &Expected {
                        organization_id: None,
                        key_id: None,
                        required_rights: &panel.options.required_rights,
                    },
                )
                .await;
                if panel.generation.get() != generation {
                    return;
                }
                let mut pause = MIN_PAUSE_MS;
                match answer {
                    Ok(LiveAnswer { report, headers }) => {
                        let verdict = if report.outcome.is_ok() {
                            "works"
                        } else {
                            report.outcome.cause()
                        };
                        panel.set_row(row, verdict);
                        let headers: Vec<(&str, &str)> = headers
                            .iter()
                            .map(|(n, v)| (n.as_str(), v.as_str()))
                            .collect();
                        let wait_ms = RateLimit::read(&headers)
                            .wait_seconds()
                            .saturating_mul(1000);
                        pause = pause.max(i32::try_from(wait_ms).unwrap_or(i32::MAX));
                    }
                    Err(err) => panel.set_row(row, err.message()),
                }
                if pause > MAX_PAUSE_MS {
                    panel.status.set_text_content(Some(
                        "The server asks to wait more than a minute before the next check; stopped here.",
                    ));
                    break;
                }
                sleep(pause).await;
            }
            if panel.generation.get() == generation {
                panel.cancel.set_hidden(true);
                panel.test_all.set_disabled(false);
                panel.controller.borrow_mut().take();
            }
        });
    }

    fn set_row(&self, row: usize, text: &str) {
        if let Ok(Some(cell)) = self
            .findings
            .query_selector(&format!("[data-row=\"{row}\"]"))
        {
            cell.set_text_content(Some(text));
        }
    }
}

/// The part of `text` between two UTF-16 offsets.
fn utf16_slice(text: &str, start: usize, end: usize) -> Option<&str> {
    let mut pos = 0;
    let (mut from, mut to) = (None, None);
    for (byte, ch) in text.char_indices() {
        if pos == start {
            from = Some(byte);
        }
        if pos == end {
            to = Some(byte);
        }
        pos += ch.len_utf16();
    }
    if pos == end {
        to = Some(text.len());
    }
    text.get(from?..to?)
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
