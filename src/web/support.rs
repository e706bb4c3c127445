//! The support-staff panel: paste any text, get it redacted with a table of the keys
//! found, copy the redacted text, and optionally test the well-formed keys one at a
//! time, pausing as the server's `X-Rate-Limit-*` headers ask. Or open or drop a file
//! of any size: the loader's `redactFile` redacts it in a worker with a progress bar
//! and Cancel, the table shows what it found, and **Download redacted file** saves the
//! result (made in the browser from a `Blob`, never uploaded).
//!
//! The table and status line are the core's decisions (`crate::support::view`); the live
//! checks follow the form's host rules: a host outside The Things Stack's clouds gets
//! nothing until "I trust this server" is ticked.
//!
//! Invariant: the pasted text stays in the textarea's `value`, and a file's text in its
//! `File` and the worker; what is rendered is the redacted text and Key IDs only. A
//! key's secret leaves only in its `Authorization` header.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    AbortController, Blob, DragEvent, Element, Event, File, HtmlButtonElement, HtmlElement,
    HtmlInputElement, HtmlTextAreaElement,
};

use super::dom::Options;
use super::fetch::{live_report, Expected, LiveAnswer, LiveRequest};
use super::template::{escape, SUPPORT, SUPPORT_STAMP};
use super::{part, WebError};
use crate::cluster::{Cluster, DEFAULT_BASE_URL};
use crate::redact::Finding;
use crate::report::RateLimit;
use crate::support::{file_summary, finding_kind, progress, redacted_name, view_findings};
use crate::{check, redact_text, ApiKey};

/// How long a download's object URL is kept after its click starts the download.
const REVOKE_AFTER_MS: i32 = 1_000;

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
    /// The loader's `redactFile(blob, { onProgress, signal })`, if the panel takes files.
    redact_file: Option<js_sys::Function>,
    file_input: HtmlInputElement,
    progress_row: HtmlElement,
    progress: Element,
    progress_label: Element,
    download: HtmlButtonElement,
    /// Bumped when a file starts and on its Cancel; an older file's answer is ignored.
    file_generation: Cell<u32>,
    file_controller: RefCell<Option<AbortController>>,
    /// The last redacted file: its download name and its Blob.
    redacted_file: RefCell<Option<(String, Blob)>>,
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
        redact_file: Option<js_sys::Function>,
    ) -> Result<Rc<Support>, WebError> {
        super::render_template(&root, SUPPORT, SUPPORT_STAMP, prefix);
        let file_row: HtmlElement = part(&root, "file-row")?;
        file_row.set_hidden(redact_file.is_none());
        let panel = Rc::new(Support {
            ticket: part(&root, "ticket")?,
            redacted: part(&root, "redacted")?,
            findings: part(&root, "findings")?,
            status: part(&root, "status")?,
            confirm_row: part(&root, "confirm-row")?,
            confirm: part(&root, "confirm")?,
            test_all: part(&root, "test-all")?,
            cancel: part(&root, "cancel")?,
            file_input: part(&root, "file")?,
            progress_row: part(&root, "progress-row")?,
            progress: part(&root, "progress")?,
            progress_label: part(&root, "progress-label")?,
            download: part(&root, "download")?,
            root,
            options,
            generation: Cell::new(0),
            controller: RefCell::new(None),
            listeners: super::Listeners::default(),
            redact_file,
            file_generation: Cell::new(0),
            file_controller: RefCell::new(None),
            redacted_file: RefCell::new(None),
        });
        panel
            .listeners
            .attach(&panel.root, &panel, &["input", "click"], Self::on_event)?;
        if panel.redact_file.is_some() {
            panel.listeners.attach(
                &panel.root,
                &panel,
                &["change", "dragover", "drop"],
                Self::on_file_event,
            )?;
        }
        // Markup that was already on the page may hold a ticket pasted before the engine
        // arrived: it is redacted now (an empty one shows the empty view it has).
        panel.refresh();
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
        self.stop_file();
        self.listeners.detach(&self.root);
    }

    /// A file opened in the file input or dropped onto the panel.
    fn on_file_event(self: &Rc<Self>, event: &Event) {
        let from_input = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.get_attribute("data-part"))
            .as_deref()
            == Some("file");
        let file = match event.type_().as_str() {
            "change" if from_input => self.file_input.files().and_then(|files| files.get(0)),
            // Allows the drop; the browser would otherwise open the file itself.
            "dragover" => {
                event.prevent_default();
                return;
            }
            "drop" => {
                event.prevent_default();
                event
                    .dyn_ref::<DragEvent>()
                    .and_then(DragEvent::data_transfer)
                    .and_then(|data| data.files())
                    .and_then(|files| files.get(0))
            }
            _ => None,
        };
        if let Some(file) = file {
            self.start_file(file);
        }
    }

    /// Stops redacting a file, if one is running.
    fn stop_file(&self) {
        self.file_generation
            .set(self.file_generation.get().wrapping_add(1));
        if let Some(controller) = self.file_controller.borrow_mut().take() {
            controller.abort();
        }
        self.progress_row.set_hidden(true);
    }

    /// Redacts `file` with the loader's `redactFile`, showing its progress.
    fn start_file(self: &Rc<Self>, file: File) {
        let Some(redact_file) = self.redact_file.clone() else {
            return;
        };
        self.stop_file();
        self.redacted_file.borrow_mut().take();
        self.download.set_hidden(true);
        self.findings.set_inner_html("");
        self.test_all.set_hidden(true);
        let generation = self.file_generation.get();
        let name = file.name();
        let total = file.size() as u64;
        self.show_progress(&name, 0, total);
        self.progress_row.set_hidden(false);
        let Ok(controller) = AbortController::new() else {
            return;
        };
        let options = js_sys::Object::new();
        let weak = Rc::downgrade(self);
        let progress_name = name.clone();
        let on_progress = Closure::<dyn FnMut(f64, f64)>::new(move |done: f64, total: f64| {
            if let Some(panel) = weak.upgrade() {
                if panel.file_generation.get() == generation {
                    panel.show_progress(&progress_name, done as u64, total as u64);
                }
            }
        });
        let _ = js_sys::Reflect::set(&options, &"onProgress".into(), on_progress.as_ref());
        let _ = js_sys::Reflect::set(&options, &"signal".into(), &controller.signal());
        *self.file_controller.borrow_mut() = Some(controller);
        let promise = redact_file.call2(&JsValue::NULL, &file, &options);
        let panel = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            let answer = match promise {
                Ok(promise) => {
                    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await
                }
                Err(err) => Err(err),
            };
            // The closure lives until the file is done.
            drop(on_progress);
            if panel.file_generation.get() != generation {
                return;
            }
            panel.file_controller.borrow_mut().take();
            panel.progress_row.set_hidden(true);
            match answer {
                Ok(result) => panel.file_done(&name, &result),
                Err(err) => {
                    let code = js_sys::Reflect::get(&err, &"code".into())
                        .ok()
                        .and_then(|code| code.as_string());
                    let message = if code.as_deref() == Some("aborted") {
                        "Stopped: the file was not redacted."
                    } else {
                        "The file could not be redacted. Try again, or paste its text."
                    };
                    panel.status.set_text_content(Some(message));
                }
            }
        });
    }

    fn show_progress(&self, name: &str, done: u64, total: u64) {
        let progress = progress(name, done, total);
        let _ = self
            .progress
            .set_attribute("value", &progress.percent.to_string());
        self.progress_label.set_text_content(Some(&progress.label));
    }

    /// Shows what `redactFile` found in the file `name` and offers the download.
    fn file_done(&self, name: &str, result: &JsValue) {
        let get = |value: &JsValue, key: &str| js_sys::Reflect::get(value, &key.into()).ok();
        let Some(blob) = get(result, "blob").and_then(|b| b.dyn_into::<Blob>().ok()) else {
            return;
        };
        let findings: Vec<Finding> = get(result, "findings")
            .map(|list| js_sys::Array::from(&list))
            .map(|list| {
                list.iter()
                    .filter_map(|f| {
                        let kind = finding_kind(&get(&f, "kind")?.as_string()?)?;
                        let flag = |key| get(&f, key).and_then(|v| v.as_bool()).unwrap_or(false);
                        Some(Finding {
                            kind,
                            key_id: get(&f, "keyId").and_then(|id| id.as_string()),
                            start: 0,
                            end: 0,
                            valid: flag("valid"),
                            repairable: flag("repairable"),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let view = view_findings(&findings, false);
        // No live checks for a file: its keys stay in the worker's copy, not here.
        self.render_rows(&view);
        self.test_all.set_hidden(true);
        self.status
            .set_text_content(Some(&file_summary(name, &view)));
        *self.redacted_file.borrow_mut() = Some((redacted_name(name), blob));
        self.download.set_hidden(false);
    }

    /// Saves the redacted file: an object URL for its Blob, a click on a link with the
    /// `download` name, and the URL revoked after.
    fn download_file(&self) {
        let Some((name, blob)) = self.redacted_file.borrow().clone() else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        let link = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("a").ok())
            .and_then(|a| a.dyn_into::<HtmlElement>().ok());
        if let Some(link) = link {
            let _ = link.set_attribute("href", &url);
            let _ = link.set_attribute("download", &name);
            link.set_hidden(true);
            let _ = self.root.append_child(&link);
            link.click();
            link.remove();
        }
        let revoke = Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                revoke.unchecked_ref(),
                REVOKE_AFTER_MS,
            );
        }
        self.status
            .set_text_content(Some(&format!("Saved {name}. Nothing was uploaded.")));
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
            ("click", Some("file-cancel")) => {
                self.stop_file();
                self.status
                    .set_text_content(Some("Stopped: the file was not redacted."));
            }
            ("click", Some("download")) => self.download_file(),
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
    #[inline(never)] // Called from mount and the events: one copy.
    fn refresh(&self) {
        let text = self.ticket.value();
        let redaction = redact_text(&text);
        self.redacted.set_value(&redaction.text);
        let view = crate::support::view(&redaction, text.is_empty());
        self.render_rows(&view);
        self.test_all.set_hidden(view.n_testable == 0);
        self.status.set_text_content(Some(&view.summary));
    }

    /// The table of findings of `view`.
    fn render_rows(&self, view: &crate::support::View) {
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
