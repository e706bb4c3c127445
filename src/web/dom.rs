//! The key-check form in the DOM: fields like IotBridge's fly-out, checks as you type,
//! the live `auth_info` check with progress, Cancel and timeout, the report, copy
//! actions, and the submit gate.
//!
//! All state lives in [`Form`]; every change goes through [`Form::refresh`], which
//! recomputes the view from the fields, so the DOM never drifts from the state.
//! Invariant: the secret is read from the Key Secret input's `value` property and
//! written only to that property, the clipboard on an explicit action, the submit
//! event's detail, and the `Authorization` header; never to an attribute or the console.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{
    AbortController, CustomEvent, CustomEventInit, Element, Event, HtmlButtonElement, HtmlElement,
    HtmlInputElement, HtmlSelectElement,
};

use super::fetch::{live_report, Expected, LiveAnswer, LiveRequest};
use super::template::{escape, FORM, FORM_STAMP};
use super::{part, WebError};
use crate::cluster::Cluster;
use crate::form::{self, Autofill, Fields, Live, Message};
use crate::ids::IdKind;
use crate::key::SECRET_MASK;
use crate::report::{Expiry, Report};
use crate::rights;
use crate::{check, ApiKey, Check};

/// The widget's options, from `mount(element, options)` or `data-*` attributes.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    pub(crate) base_url: Option<String>,
    pub(crate) required_rights: Vec<String>,
    pub(crate) timeout_ms: u32,
    pub(crate) show_result: bool,
}

/// The text values of the fields, read once per refresh.
struct FieldValues {
    cluster: String,
    tenant: String,
    custom: String,
    org: String,
    keyid: String,
    secret: String,
}

impl FieldValues {
    fn read(parts: &Parts) -> FieldValues {
        FieldValues {
            cluster: parts.cluster.value(),
            tenant: parts.tenant.value(),
            custom: parts.custom.value(),
            org: parts.org.value(),
            keyid: parts.keyid.value(),
            secret: parts.secret.value(),
        }
    }
}

/// Element handles, looked up once.
struct Parts {
    cluster: HtmlSelectElement,
    tenant_row: HtmlElement,
    tenant: HtmlInputElement,
    custom_row: HtmlElement,
    custom: HtmlInputElement,
    confirm_row: HtmlElement,
    confirm: HtmlInputElement,
    cluster_msgs: Element,
    org: HtmlInputElement,
    org_msgs: Element,
    keyid: HtmlInputElement,
    keyid_msgs: Element,
    secret: HtmlInputElement,
    show: HtmlButtonElement,
    anatomy: Element,
    secret_msgs: Element,
    repair: HtmlButtonElement,
    test: HtmlButtonElement,
    cancel: HtmlButtonElement,
    status: Element,
    report: HtmlElement,
    ack_row: HtmlElement,
    ack: HtmlInputElement,
    submit: HtmlButtonElement,
    gate: Element,
    result: HtmlElement,
}

/// One mounted form.
pub(crate) struct Form {
    root: HtmlElement,
    parts: Parts,
    options: Options,
    /// Bumped on every edit; a live answer for an older generation is ignored.
    generation: Cell<u32>,
    live: RefCell<Live>,
    /// Aborts the running request (Cancel, a new edit, Clear, unmount).
    controller: RefCell<Option<AbortController>>,
    /// Whether the Key Id was filled from the key (and may be refilled).
    keyid_autofilled: Cell<bool>,
    listeners: super::Listeners,
}

impl std::fmt::Debug for Form {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Form").finish_non_exhaustive()
    }
}

impl Parts {
    fn find(root: &Element) -> Result<Parts, WebError> {
        Ok(Parts {
            cluster: part(root, "cluster")?,
            tenant_row: part(root, "tenant-row")?,
            tenant: part(root, "tenant")?,
            custom_row: part(root, "custom-row")?,
            custom: part(root, "custom")?,
            confirm_row: part(root, "confirm-row")?,
            confirm: part(root, "confirm")?,
            cluster_msgs: part(root, "cluster-msgs")?,
            org: part(root, "org")?,
            org_msgs: part(root, "org-msgs")?,
            keyid: part(root, "keyid")?,
            keyid_msgs: part(root, "keyid-msgs")?,
            secret: part(root, "secret")?,
            show: part(root, "show")?,
            anatomy: part(root, "anatomy")?,
            secret_msgs: part(root, "secret-msgs")?,
            repair: part(root, "repair")?,
            test: part(root, "test")?,
            cancel: part(root, "cancel")?,
            status: part(root, "status")?,
            report: part(root, "report")?,
            ack_row: part(root, "ack-row")?,
            ack: part(root, "ack")?,
            submit: part(root, "submit")?,
            gate: part(root, "gate")?,
            result: part(root, "result")?,
        })
    }
}

impl Form {
    /// Builds the form in `root` and wires its events.
    pub(crate) fn mount(
        root: HtmlElement,
        prefix: &str,
        options: Options,
    ) -> Result<Rc<Form>, WebError> {
        super::render_template(&root, FORM, FORM_STAMP, prefix);
        let parts = Parts::find(&root)?;
        if let Some(base) = &options.base_url {
            let known = (0..parts.cluster.length())
                .filter_map(|i| parts.cluster.item(i))
                .filter_map(|o| o.get_attribute("value"))
                .any(|v| &v == base);
            if known {
                parts.cluster.set_value(base);
            } else {
                parts.cluster.set_value("custom");
                parts.custom.set_value(base);
            }
        }
        let form = Rc::new(Form {
            root,
            parts,
            options,
            generation: Cell::new(0),
            live: RefCell::new(Live::Idle),
            controller: RefCell::new(None),
            keyid_autofilled: Cell::new(false),
            listeners: super::Listeners::default(),
        });
        form.listeners.attach(
            &form.root,
            &form,
            &["input", "change", "click", "submit"],
            Self::on_event,
        )?;
        // Markup that was already on the page may hold what the reader typed before the
        // engine arrived: it is checked now.
        form.autofill_keyid();
        form.refresh();
        Ok(form)
    }

    /// Removes the listeners and the markup, and aborts a running request.
    pub(crate) fn unmount(&self) {
        self.abort();
        self.listeners.detach(&self.root);
    }

    fn on_event(self: &Rc<Self>, event: &Event) {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let name = target.get_attribute("data-part").unwrap_or_default();
        match (event.type_().as_str(), name.as_str()) {
            ("submit", _) => {
                event.prevent_default();
                self.submit();
            }
            ("input" | "change", "ack") => self.refresh(),
            ("input" | "change", "secret") => {
                self.edited();
                self.autofill_keyid();
                self.refresh();
            }
            ("input" | "change", "keyid") => {
                self.keyid_autofilled.set(false);
                self.edited();
                self.refresh();
            }
            ("input" | "change", _) if !name.is_empty() => {
                self.edited();
                self.refresh();
            }
            ("click", "show") => self.toggle_show(),
            ("click", "repair") => self.repair(),
            ("click", "test") => self.start_live_check(),
            ("click", "cancel") => self.abort(),
            ("click", "clear") => self.clear(),
            ("click", "copy-redacted") => self.copy_redacted(),
            ("click", "copy-curl") => self.copy_curl(),
            ("click", "copy-full") => self.copy_full(),
            ("click", "copy-result-secret") => self.copy_full(),
            _ => {}
        }
    }

    /// Any edit makes the last live answer stale.
    fn edited(&self) {
        self.generation.set(self.generation.get().wrapping_add(1));
        self.abort();
        *self.live.borrow_mut() = Live::Idle;
        self.parts.report.set_hidden(true);
        self.parts.report.set_inner_html("");
        self.parts.ack.set_checked(false);
        self.parts.result.set_hidden(true);
        self.parts.result.set_inner_html("");
        set_text(&self.parts.status, "");
    }

    fn abort(&self) {
        if let Some(controller) = self.controller.borrow_mut().take() {
            controller.abort();
        }
    }

    fn secret_check(&self) -> Check {
        check(&self.parts.secret.value())
    }

    fn key(&self) -> Option<ApiKey> {
        ApiKey::parse(&self.parts.secret.value()).ok()
    }

    /// Fills the Key Id from a well-formed key while the user has not typed one.
    #[inline(never)] // Called from several places: one copy.
    fn autofill_keyid(&self) {
        let keyid = self.parts.keyid.value();
        match form::autofill(
            &keyid,
            self.keyid_autofilled.get(),
            &self.parts.secret.value(),
        ) {
            Autofill::Keep => {}
            Autofill::Set(id) => {
                self.parts.keyid.set_value(&id);
                self.keyid_autofilled.set(true);
            }
            Autofill::Clear => {
                self.parts.keyid.set_value("");
                self.keyid_autofilled.set(false);
            }
        }
    }

    /// What the fields hold now, for the pure view.
    fn fields<'a>(&self, values: &'a FieldValues) -> Fields<'a> {
        Fields {
            cluster_choice: &values.cluster,
            tenant: &values.tenant,
            custom: &values.custom,
            confirmed: self.parts.confirm.checked(),
            organization_id: &values.org,
            key_id: &values.keyid,
            key_id_autofilled: self.keyid_autofilled.get(),
            secret: &values.secret,
            live: *self.live.borrow(),
            acknowledged: self.parts.ack.checked(),
        }
    }

    /// The cluster the user chose, parsed.
    fn cluster(&self) -> Result<Cluster, &'static str> {
        let values = FieldValues::read(&self.parts);
        form::chosen_cluster(&self.fields(&values))
    }

    /// Recomputes the whole view from the fields and the live state: the core decides
    /// ([`form::view`]), this applies.
    fn refresh(&self) {
        let p = &self.parts;
        let values = FieldValues::read(p);
        let view = form::view(&self.fields(&values));
        p.tenant_row.set_hidden(!view.show_tenant);
        p.custom_row.set_hidden(!view.show_custom);
        p.confirm_row.set_hidden(!view.show_confirm);
        render_msgs(&p.cluster_msgs, &view.cluster_messages);
        set_invalid(&p.org, view.organization_invalid);
        render_msgs(&p.org_msgs, &view.organization_messages);
        match &view.anatomy {
            Some(anatomy) => render_anatomy(&p.anatomy, anatomy),
            None => p.anatomy.set_inner_html(""),
        }
        set_invalid(&p.secret, view.key_secret_invalid);
        render_msgs(&p.secret_msgs, &view.key_secret_messages);
        p.repair.set_hidden(!view.show_repair);
        set_invalid(&p.keyid, view.key_id_invalid);
        render_msgs(&p.keyid_msgs, &view.key_id_messages);
        p.test.set_disabled(!view.test_enabled);
        p.cancel.set_hidden(!view.show_cancel);
        p.ack_row.set_hidden(!view.show_acknowledge);
        p.submit.set_disabled(!view.submit_enabled);
        set_text(&p.gate, view.gate_reason);
    }

    fn toggle_show(&self) {
        let showing = self.parts.secret.type_() == "text";
        self.parts
            .secret
            .set_type(if showing { "password" } else { "text" });
        set_text(&self.parts.show, if showing { "Show" } else { "Hide" });
        let _ = self
            .parts
            .show
            .set_attribute("aria-pressed", if showing { "false" } else { "true" });
    }

    fn repair(&self) {
        if let Some(repaired) = self.secret_check().repaired {
            self.parts.secret.set_value(repaired.expose_secret());
            self.edited();
            self.autofill_keyid();
            self.refresh();
            set_text(&self.parts.status, "Repaired. The key is now well-formed.");
            let _ = self.parts.secret.focus();
        }
    }

    fn clear(&self) {
        for input in [
            &self.parts.org,
            &self.parts.keyid,
            &self.parts.secret,
            &self.parts.tenant,
            &self.parts.custom,
        ] {
            input.set_value("");
        }
        self.parts.confirm.set_checked(false);
        self.parts.secret.set_type("password");
        set_text(&self.parts.show, "Show");
        let _ = self.parts.show.set_attribute("aria-pressed", "false");
        self.keyid_autofilled.set(false);
        self.edited();
        self.refresh();
        set_text(&self.parts.status, "Cleared. Nothing was stored.");
    }

    fn start_live_check(self: &Rc<Self>) {
        let Some(key) = self.key() else {
            set_text(&self.parts.status, WebError::InvalidKey.message());
            return;
        };
        let cluster = match self.cluster() {
            Ok(c) if c.needs_confirmation() && !self.parts.confirm.checked() => {
                set_text(&self.parts.status, WebError::HostNotConfirmed.message());
                return;
            }
            Ok(c) => c,
            Err(message) => {
                set_text(&self.parts.status, message);
                return;
            }
        };
        self.abort();
        let Ok(controller) = AbortController::new() else {
            return;
        };
        let signal = controller.signal();
        *self.controller.borrow_mut() = Some(controller);
        *self.live.borrow_mut() = Live::Running;
        let generation = self.generation.get();
        let seconds = self.options.timeout_ms / 1000;
        set_text(
            &self.parts.status,
            &format!(
                "Asking The Things Stack at {} (up to {seconds} s)…",
                cluster.base_url()
            ),
        );
        let _ = self.root.set_attribute("aria-busy", "true");
        self.refresh();
        let form = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            let url = cluster.auth_info_url().to_owned();
            let org = form.parts.org.value();
            let keyid = form.parts.keyid.value();
            let answer = live_report(
                LiveRequest {
                    url: &url,
                    key: &key,
                    timeout_ms: form.options.timeout_ms,
                    signal: Some(signal),
                },
                &Expected {
                    organization_id: Some(&org),
                    key_id: Some(&keyid),
                    required_rights: &form.options.required_rights,
                },
            )
            .await;
            // Invariant: an answer for an older input is ignored.
            if form.generation.get() != generation {
                return;
            }
            form.controller.borrow_mut().take();
            let _ = form.root.remove_attribute("aria-busy");
            match answer {
                Ok(LiveAnswer { report, .. }) => {
                    *form.live.borrow_mut() = if report.outcome.is_ok() {
                        Live::Passed
                    } else {
                        Live::Refused
                    };
                    set_text(
                        &form.parts.status,
                        if report.outcome.is_ok() {
                            "The key works for IotBridge."
                        } else {
                            report.outcome.cause()
                        },
                    );
                    form.parts.report.set_inner_html(&render_report(&report));
                    form.parts.report.set_hidden(false);
                }
                Err(err) => {
                    let unreachable = matches!(
                        err,
                        WebError::Network | WebError::Offline | WebError::Timeout
                    );
                    *form.live.borrow_mut() = if unreachable {
                        Live::Unreachable
                    } else {
                        Live::Stopped
                    };
                    set_text(&form.parts.status, err.message());
                    form.parts.report.set_inner_html(&format!(
                        "<p class=\"tkc-bad\"><strong>{}</strong></p>",
                        escape(err.message())
                    ));
                    form.parts.report.set_hidden(err == WebError::Aborted);
                }
            }
            form.refresh();
        });
    }

    fn redacted_key(&self) -> String {
        self.secret_check().redacted
    }

    fn copy_redacted(&self) {
        let redacted = self.redacted_key();
        if redacted.is_empty() {
            set_text(&self.parts.status, "There is no key to copy yet.");
            return;
        }
        copy_to_clipboard(
            &self.parts.status,
            &redacted,
            "Copied the key with its secret redacted.",
        );
    }

    fn copy_curl(&self) {
        let url = self
            .cluster()
            .map(|c| c.auth_info_url().to_owned())
            .unwrap_or_else(|_| format!("{}/api/v3/auth_info", crate::cluster::DEFAULT_BASE_URL));
        let redacted = self.redacted_key();
        let shown = if redacted.is_empty() {
            format!("NNSXS.<key-id>.{SECRET_MASK}")
        } else {
            redacted
        };
        let curl = format!(
            "curl -H 'Accept: application/json' -H 'Authorization: Bearer {shown}' '{url}'"
        );
        copy_to_clipboard(
            &self.parts.status,
            &curl,
            "Copied the curl command. Put your key in place of the redacted one before running it.",
        );
    }

    fn copy_full(&self) {
        match self.key() {
            Some(key) => copy_to_clipboard(
                &self.parts.status,
                key.expose_secret(),
                "Copied the full key, with its secret. Paste it only into IotBridge.",
            ),
            None => set_text(&self.parts.status, "There is no well-formed key to copy."),
        }
    }

    fn submit(&self) {
        if self.parts.submit.disabled() {
            return;
        }
        let org = self.parts.org.value().trim().to_owned();
        let keyid = self.parts.keyid.value().trim().to_owned();
        let Some(key) = self.key() else {
            return;
        };
        let detail = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&detail, &"organizationId".into(), &org.as_str().into());
        let _ = js_sys::Reflect::set(&detail, &"keyId".into(), &keyid.as_str().into());
        let _ = js_sys::Reflect::set(&detail, &"keySecret".into(), &key.expose_secret().into());
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_detail(&detail);
        if let Ok(event) = CustomEvent::new_with_event_init_dict("tts-keycheck:submit", &init) {
            let _ = self.root.dispatch_event(&event);
        }
        if self.options.show_result {
            self.parts.result.set_inner_html(&format!(
                "<h4>Paste these into IotBridge</h4><dl>\
                 <dt>Organization Id</dt><dd><code>{}</code></dd>\
                 <dt>Key Id</dt><dd><code>{}</code></dd>\
                 <dt>Key Secret</dt><dd><code>{}</code> \
                 <button type=\"button\" class=\"tkc-btn tkc-danger\" data-part=\"copy-result-secret\">Copy Key Secret (full key)</button></dd></dl>",
                escape(&org),
                escape(&keyid),
                escape(&key.redacted().to_string())
            ));
            self.parts.result.set_hidden(false);
            let _ = self.parts.result.focus();
        }
        set_text(&self.parts.status, "Credentials ready for IotBridge.");
    }
}

fn set_text(el: &Element, text: &str) {
    el.set_text_content(Some(text));
}

fn set_invalid(input: &HtmlInputElement, invalid: bool) {
    let _ = input.set_attribute("aria-invalid", if invalid { "true" } else { "false" });
}

/// Renders messages as list items, problems and notes told apart by class.
fn render_msgs(list: &Element, msgs: &[Message]) {
    let mut html = String::new();
    for msg in msgs {
        html.push_str(if msg.problem {
            "<li class=\"tkc-bad\">"
        } else {
            "<li class=\"tkc-note\">"
        });
        html.push_str(&escape(&msg.text));
        html.push_str("</li>");
    }
    list.set_inner_html(&html);
}

pub(crate) fn copy_to_clipboard(status: &Element, text: &str, done: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window.navigator().clipboard().write_text(text);
    let status = status.clone();
    let done = done.to_owned();
    wasm_bindgen_futures::spawn_local(async move {
        let message = match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => done,
            Err(_) => {
                "The browser did not allow copying. Select the text and copy it by hand.".to_owned()
            }
        };
        set_text(&status, &message);
    });
}

/// Marks where something is missing.
const CARET: &str = "<span class=\"tkc-caret\" role=\"img\" aria-label=\"something is missing here\">\u{25b8}</span>";

/// Draws the anatomy the core computed ([`crate::anatomy`]): labelled, coloured sections,
/// marked characters and carets. Every character comes from the view, which draws only
/// the type and a shown Key ID as they are.
fn render_anatomy(el: &Element, view: &crate::anatomy::Anatomy) {
    let mut html = String::new();
    for section in &view.sections {
        if let Some(dot) = section.dot_before {
            if dot.caret_before {
                html.push_str(CARET);
            }
            html.push_str(if dot.marked { "<mark>.</mark>" } else { "." });
        }
        html.push_str("<span class=\"tkc-part tkc-");
        html.push_str(section.kind.class());
        html.push_str("\"><span class=\"tkc-label\">");
        html.push_str(section.kind.label());
        html.push_str("</span>");
        let mut in_mark = false;
        for glyph in &section.glyphs {
            if glyph.caret_before {
                if in_mark {
                    html.push_str("</mark>");
                    in_mark = false;
                }
                html.push_str(CARET);
            }
            if glyph.marked != in_mark {
                html.push_str(if glyph.marked { "<mark>" } else { "</mark>" });
                in_mark = glyph.marked;
            }
            push_escaped(&mut html, glyph.shape.symbol());
        }
        if in_mark {
            html.push_str("</mark>");
        }
        html.push_str("</span>");
    }
    if view.caret_at_end {
        html.push_str(CARET);
    }
    el.set_inner_html(&html);
}

fn push_escaped(html: &mut String, ch: char) {
    match ch {
        '&' => html.push_str("&amp;"),
        '<' => html.push_str("&lt;"),
        '>' => html.push_str("&gt;"),
        '"' => html.push_str("&quot;"),
        '\'' => html.push_str("&#39;"),
        _ => html.push(ch),
    }
}

/// The live check's report as HTML. Every server-provided string is escaped.
fn render_report(report: &Report) -> String {
    let mut html = String::new();
    if report.outcome.is_ok() {
        html.push_str("<h4 class=\"tkc-good\">\u{2713} The key works for IotBridge</h4>");
    } else {
        html.push_str("<h4 class=\"tkc-bad\">\u{2717} The key cannot be used as it is</h4>");
        html.push_str("<ul class=\"tkc-problems\">");
        for problem in &report.problems {
            html.push_str(&format!(
                "<li><strong>{}</strong> {}</li>",
                escape(problem.cause()),
                escape(problem.fix())
            ));
        }
        html.push_str("</ul>");
    }
    if let Some(seconds) = report.retry_after_seconds {
        html.push_str(&format!(
            "<p class=\"tkc-note\">You can try again in {seconds} s.</p>"
        ));
    }
    html.push_str("<dl class=\"tkc-facts\">");
    if let Some(entity) = &report.entity {
        let id = entity.id.as_deref().unwrap_or("(unknown)");
        html.push_str(&format!(
            "<dt>Belongs to</dt><dd>{} <code>{}</code></dd>",
            escape(id_kind_label(entity.kind)),
            escape(id)
        ));
    }
    if let Some(id) = &report.key_id {
        html.push_str(&format!(
            "<dt>Key ID</dt><dd><code>{}</code></dd>",
            escape(id)
        ));
    }
    if let Some(name) = &report.key_name {
        html.push_str(&format!("<dt>Name</dt><dd>{}</dd>", escape(name)));
    }
    if let Some(expiry) = report.expiry {
        let text = match expiry {
            Expiry::Never => "never".to_owned(),
            Expiry::Expired => "expired".to_owned(),
            Expiry::Expires { days: 0 } => "within a day".to_owned(),
            Expiry::Expires { days } => format!("in {days} days"),
            _ => "unknown".to_owned(),
        };
        html.push_str(&format!("<dt>Expires</dt><dd>{text}</dd>"));
    }
    if let Some(matches) = report.key_id_matches {
        html.push_str(if matches {
            "<dt>Key Id field</dt><dd class=\"tkc-good\">matches the key</dd>"
        } else {
            "<dt>Key Id field</dt><dd class=\"tkc-bad\">does not match the key</dd>"
        });
    }
    if let Some(matches) = report.organization_matches {
        html.push_str(if matches {
            "<dt>Organization Id</dt><dd class=\"tkc-good\">the key belongs to it</dd>"
        } else {
            "<dt>Organization Id</dt><dd class=\"tkc-bad\">the key belongs elsewhere</dd>"
        });
    }
    if let Some(error) = &report.error {
        if let Some(name) = &error.name {
            html.push_str(&format!(
                "<dt>Error</dt><dd><code>{}</code></dd>",
                escape(name)
            ));
        }
        if let Some(id) = &error.correlation_id {
            html.push_str(&format!(
                "<dt>Correlation ID</dt><dd><code>{}</code></dd>",
                escape(id)
            ));
        }
    }
    html.push_str("</dl>");
    if !report.missing.is_empty() {
        html.push_str("<h5>Rights missing</h5><ul class=\"tkc-rights tkc-bad\">");
        for right in &report.missing {
            html.push_str(&right_item(right));
        }
        html.push_str("</ul>");
    }
    if !report.granted.is_empty() {
        html.push_str("<h5>Rights granted</h5>");
        for group in rights::group_by_entity(&report.granted) {
            html.push_str(&format!(
                "<details><summary>{} ({})</summary><ul class=\"tkc-rights\">",
                escape(group.entity.label()),
                group.rights.len()
            ));
            for right in &group.rights {
                html.push_str(&right_item(right));
            }
            html.push_str("</ul></details>");
        }
    }
    if !report.warnings.is_empty() || !report.server_warnings.is_empty() {
        html.push_str("<ul class=\"tkc-warnings\">");
        for warning in &report.warnings {
            html.push_str(&format!("<li>{}</li>", escape(warning.message())));
        }
        for warning in &report.server_warnings {
            html.push_str(&format!("<li>Server: {}</li>", escape(warning)));
        }
        html.push_str("</ul>");
    }
    html
}

fn right_item(name: &str) -> String {
    match rights::info(name) {
        Some(info) => format!(
            "<li><code>{}</code> {}</li>",
            escape(info.name),
            escape(info.summary)
        ),
        None => format!("<li><code>{}</code></li>", escape(name)),
    }
}

fn id_kind_label(kind: IdKind) -> &'static str {
    match kind {
        IdKind::Organization => "organization",
        IdKind::User => "user (a personal key)",
        IdKind::Application => "application",
        IdKind::Gateway => "gateway",
        IdKind::Client => "OAuth client",
        IdKind::Device => "end device",
    }
}
