//! The wasm boundary: the `#[wasm_bindgen]` exports host pages call (`check`,
//! `redactText`, `liveCheck`, `mount`), converting core results into plain JS objects.
//!
//! Compiled only for wasm32. Logic stays in the core; this module only converts.
//! Invariant: nothing here panics on input (errors become JS `Error`s with a `code`).

// The form needs the `form` feature; the support panel and the whole-text and file
// exports the `support` feature. The package is built once with each (`www/pkg-form/`,
// `www/pkg/`), so a page loads only the widgets it shows.
#[cfg_attr(not(feature = "form"), allow(dead_code))]
mod dom;
mod error;
mod fetch;
#[cfg(feature = "support")]
mod support;
mod template;
#[cfg(feature = "support")]
pub mod texts;
#[cfg(feature = "support")]
pub use texts::{redact_text_js, FileRedactor};

use std::cell::Cell;
use std::rc::Rc;

// The form's build allocates little (a few hundred small blocks per check, an answer of
// at most 1 MB): a first-fit free list that merges neighbours on free is about 1 KB of
// wasm where the standard dlmalloc is 7 KB. The support panel's build keeps dlmalloc for
// the file redactor's many allocations. The wasm is single-threaded.
#[cfg(not(feature = "support"))]
#[global_allocator]
// SAFETY: wasm32-unknown-unknown without threads runs one thread only.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::cluster::{Cluster, DEFAULT_BASE_URL};
use crate::rights::IOTBRIDGE_PROFILE;
use crate::value::{ToValue, Value};
use crate::ApiKey;

pub(crate) use error::WebError;

/// The event listeners a widget owns on its root element.
///
/// Invariant: the closures hold only a `Weak` reference to the widget, and `detach`
/// removes every listener before the closures are dropped.
///
/// This is what gloo's `EventListener` (gloo-events) does, written out on purpose: with
/// gloo-events 0.3 in place of these lines the wasm was 66 bytes smaller but the JS glue
/// 136 bytes larger (gzip -9; it builds an `AddEventListenerOptions` object for every
/// listener), so the widget grew by 70 bytes and a dependency. Its listeners are also
/// passive unless told otherwise, and the form's `submit` handler must call
/// `preventDefault`; here every listener is a plain `addEventListener`.
#[derive(Default)]
pub(crate) struct Listeners(std::cell::RefCell<Vec<(&'static str, EventClosure)>>);

type EventClosure = Closure<dyn FnMut(web_sys::Event)>;

impl Listeners {
    /// Calls `handler` on `widget` for each of `events` on `root`, while the widget lives.
    pub(crate) fn attach<W: 'static>(
        &self,
        root: &web_sys::HtmlElement,
        widget: &Rc<W>,
        events: &[&'static str],
        handler: fn(&Rc<W>, &web_sys::Event),
    ) -> Result<(), WebError> {
        for &event in events {
            let weak = Rc::downgrade(widget);
            let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                if let Some(widget) = weak.upgrade() {
                    handler(&widget, &e);
                }
            });
            root.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())
                .map_err(|_| WebError::Internal)?;
            self.0.borrow_mut().push((event, closure));
        }
        Ok(())
    }

    /// Removes the listeners, the markup and the widget class from `root`.
    pub(crate) fn detach(&self, root: &web_sys::HtmlElement) {
        for (event, closure) in self.0.borrow_mut().drain(..) {
            let _ =
                root.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        }
        root.set_inner_html("");
        let _ = root.class_list().remove_1("tkc");
    }
}

/// Puts a widget template into `root`, with `{p}` replaced by the widget's id prefix; or,
/// when `root` already carries this very markup (`data-tkc-static` is `stamp`: rendered
/// at build time, or pasted by a host page from the package's `form.html`), adopts it as
/// it is, so that mounting changes no layout and keeps what the reader typed meanwhile.
#[inline(never)] // One copy for the form and the panel.
pub(crate) fn render_template(
    root: &web_sys::HtmlElement,
    template: &str,
    stamp: &str,
    prefix: &str,
) {
    let adopt = root.get_attribute(STATIC).as_deref() == Some(stamp);
    let _ = root.remove_attribute(STATIC);
    if adopt {
        // The buttons (and a file input) waited, disabled, for the engine, which now
        // decides. (The loading
        // note, which took no room, is hidden by the style sheet once the mark is gone.)
        while let Ok(Some(button)) = root.query_selector("[data-tkc-wait]") {
            let _ = button.remove_attribute("disabled");
            let _ = button.remove_attribute("data-tkc-wait");
        }
    } else {
        root.set_inner_html(&with_prefix(template, prefix));
    }
    let _ = root.class_list().add_1("tkc");
}

/// `template` with every `{p}` replaced by `prefix` (what `str::replace` does, without
/// the standard library's substring searcher in the wasm).
fn with_prefix(template: &str, prefix: &str) -> String {
    let mut html = String::with_capacity(template.len());
    let mut rest = template;
    while let Some((before, after)) = crate::text::split_once(rest, "{p}") {
        html.push_str(before);
        html.push_str(prefix);
        rest = after;
    }
    html.push_str(rest);
    html
}

/// The attribute of an element whose widget markup is already there, waiting for the
/// engine.
const STATIC: &str = "data-tkc-static";

/// The element of the widget named `name` in its `data-part` attribute.
pub(crate) fn part<T: JsCast>(root: &web_sys::Element, name: &str) -> Result<T, WebError> {
    root.query_selector(&format!("[data-part=\"{name}\"]"))
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<T>().ok())
        .ok_or(WebError::Internal)
}

/// Converts a result for JS: objects as plain objects, `None` as `null`. Every result is
/// a [`Value`], so this is the one conversion (no serde at the boundary).
pub(crate) fn to_js(value: &Value) -> Result<JsValue, JsValue> {
    Ok(match value {
        Value::Null => JsValue::NULL,
        Value::Bool(flag) => JsValue::from_bool(*flag),
        // Every number is far below 2^53, so JS reads it exactly.
        Value::Int(number) => JsValue::from_f64(*number as f64),
        Value::Static(text) => JsValue::from_str(text),
        Value::Text(text) => JsValue::from_str(text),
        Value::Array(items) => {
            let array = js_sys::Array::new_with_length(items.len() as u32);
            for (n, item) in items.iter().enumerate() {
                array.set(n as u32, to_js(item)?);
            }
            array.into()
        }
        Value::Object(fields) => {
            let object = js_sys::Object::new();
            for (key, field) in fields {
                js_sys::Reflect::set(&object, &JsValue::from_str(key), &to_js(field)?)
                    .map_err(|_| JsValue::from(WebError::Internal))?;
            }
            object.into()
        }
    })
}

/// One problem or fix, as JS sees it: `{ code, message, start, end }`.
fn span_view(code: &'static str, message: &'static str, start: usize, end: usize) -> Value {
    Value::Object(vec![
        ("code", Value::Static(code)),
        ("message", Value::Static(message)),
        ("start", Value::Int(start as i64)),
        ("end", Value::Int(end as i64)),
    ])
}

/// Checks a pasted API key.
///
/// Returns `{ valid, kind, keyId, redacted, repaired, fixes, problems }`; every problem
/// and fix is `{ code, message, start, end }` with UTF-16 offsets into `input`.
#[wasm_bindgen(js_name = check)]
pub fn check_js(input: &str) -> Result<JsValue, JsValue> {
    let report = crate::check(input);
    let fixes = report
        .fixes
        .iter()
        .map(|f| span_view(f.kind().code(), f.message(), f.start(), f.end()))
        .collect();
    let problems = report
        .problems
        .iter()
        .map(|p| span_view(p.kind().code(), p.kind().message(), p.start(), p.end()))
        .collect();
    to_js(&Value::Object(vec![
        ("valid", Value::Bool(report.valid)),
        (
            "kind",
            report.kind.map_or(Value::Null, |k| Value::Static(k.code())),
        ),
        ("keyId", Value::text(report.key_id.as_deref())),
        ("redacted", Value::Text(report.redacted)),
        // The repaired key in full: the widget puts it back into the Key Secret field.
        (
            "repaired",
            Value::text(report.repaired.as_ref().map(|k| k.expose_secret())),
        ),
        ("fixes", Value::Array(fixes)),
        ("problems", Value::Array(problems)),
    ]))
}

/// The stable codes of the errors the exports throw, with their messages, for host pages
/// that want to show their own text: `[{ code, message }]`.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Result<JsValue, JsValue> {
    let codes = WebError::ALL
        .iter()
        .map(|e| {
            Value::Object(vec![
                ("code", Value::Static(e.code())),
                ("message", Value::Static(e.message())),
            ])
        })
        .collect();
    to_js(&Value::Array(codes))
}

/// The default time the live check waits for The Things Stack.
const DEFAULT_TIMEOUT_MS: u32 = 10_000;

/// Reads `options[name]`, if `options` is an object and the property is set.
fn property(options: &JsValue, name: &str) -> Option<JsValue> {
    if !options.is_object() {
        return None;
    }
    js_sys::Reflect::get(options, &name.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn string_option(options: &JsValue, name: &str) -> Option<String> {
    property(options, name).and_then(|v| v.as_string())
}

/// A flag from a boolean, or from a `data-*` attribute (present: "" or "true").
fn flag_option(options: &JsValue, name: &str) -> bool {
    match property(options, name) {
        Some(v) => v.as_bool().unwrap_or_else(|| {
            v.as_string()
                .is_some_and(|s| s.is_empty() || s.eq_ignore_ascii_case("true"))
        }),
        None => false,
    }
}

/// Required rights from an array, or from a comma- or space-separated string;
/// the IotBridge profile when absent.
fn rights_option(options: &JsValue) -> Vec<String> {
    let rights: Vec<String> = match property(options, "requiredRights") {
        Some(v) if js_sys::Array::is_array(&v) => js_sys::Array::from(&v)
            .iter()
            .filter_map(|r| r.as_string())
            .collect(),
        Some(v) => v
            .as_string()
            .unwrap_or_default()
            .split([',', ' '])
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        None => Vec::new(),
    };
    if rights.is_empty() {
        IOTBRIDGE_PROFILE.iter().map(|r| (*r).to_owned()).collect()
    } else {
        rights
    }
}

/// A timeout from a number or a numeric string, kept between 1 s and 2 min.
fn timeout_option(options: &JsValue) -> u32 {
    // Integers only: parsing floats from strings would pull float parsing into the wasm.
    let ms = property(options, "timeoutMs").and_then(|v| {
        v.as_f64()
            .filter(|ms| ms.is_finite())
            .map(|ms| ms as u32)
            .or_else(|| v.as_string().and_then(|s| s.trim().parse::<u32>().ok()))
    });
    ms.map_or(DEFAULT_TIMEOUT_MS, |ms| ms.clamp(1_000, 120_000))
}

fn widget_options(options: &JsValue) -> dom::Options {
    dom::Options {
        base_url: string_option(options, "baseUrl"),
        required_rights: rights_option(options),
        timeout_ms: timeout_option(options),
        show_result: flag_option(options, "showResult"),
    }
}

/// What `mount` built.
enum Mounted {
    #[cfg(feature = "form")]
    Form(Rc<dom::Form>),
    #[cfg(feature = "support")]
    Support(Rc<support::Support>),
}

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
    /// Every mounted widget, by id, until `unmount()`.
    ///
    /// Invariant: a widget lives as long as its listeners are attached, whether or not
    /// the host page keeps the handle `mount` returned (a dropped handle must not leave
    /// listeners that call into freed closures).
    static MOUNTED: std::cell::RefCell<Vec<(u32, Mounted)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A handle to a mounted widget; `unmount()` removes it and its listeners.
#[wasm_bindgen]
pub struct Widget {
    id: u32,
}

impl std::fmt::Debug for Widget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Widget")
    }
}

#[wasm_bindgen]
impl Widget {
    /// Removes the widget's markup and listeners and aborts a running check.
    pub fn unmount(&mut self) {
        let removed = MOUNTED.with(|all| {
            let mut all = all.borrow_mut();
            let at = all.iter().position(|(id, _)| *id == self.id)?;
            Some(all.remove(at).1)
        });
        match removed {
            #[cfg(feature = "form")]
            Some(Mounted::Form(form)) => form.unmount(),
            #[cfg(feature = "support")]
            Some(Mounted::Support(panel)) => panel.unmount(),
            None => {}
        }
    }
}

/// Builds the widget inside `element`.
///
/// Options (an object, or an element's `dataset`): `mode` (`"form"`, the default, or
/// `"support"`), `baseUrl` (the cluster to preselect), `requiredRights` (array or
/// comma-separated; default: the IotBridge profile), `timeoutMs` (default 10000),
/// `showResult` (show the three values to paste after submitting).
#[wasm_bindgen]
pub fn mount(element: JsValue, options: JsValue) -> Result<Widget, JsValue> {
    let root: web_sys::HtmlElement = element
        .dyn_into()
        .map_err(|_| JsValue::from(WebError::BadElement))?;
    let id = NEXT_ID.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get()
    });
    let prefix = format!("tkc{id}");
    let settings = widget_options(&options);
    let mounted = match string_option(&options, "mode").as_deref() {
        #[cfg(feature = "support")]
        Some("support") => {
            // The loader's `redactFile`, when given: the panel then takes files too.
            let redact_file = property(&options, "redactFile").and_then(|f| f.dyn_into().ok());
            Mounted::Support(support::Support::mount(
                root,
                &prefix,
                settings,
                redact_file,
            )?)
        }
        #[cfg(feature = "form")]
        Some("form") | Some("") | None => Mounted::Form(dom::Form::mount(root, &prefix, settings)?),
        // A mode this build leaves out is as unknown as a misspelt one.
        _ => return Err(WebError::BadOptions.into()),
    };
    MOUNTED.with(|all| all.borrow_mut().push((id, mounted)));
    Ok(Widget { id })
}

/// Asks The Things Stack what `key` is and may do: `GET {baseUrl}/api/v3/auth_info`.
///
/// Options: `key` (required, a well-formed key), `baseUrl` (default eu1), `organizationId`
/// and `keyId` (to cross-check), `requiredRights`, `timeoutMs`, `signal` (an
/// `AbortSignal` for Cancel), `confirmedHost` (needed for hosts outside The Things Stack
/// cloud; without it nothing is sent). Resolves with the report for any HTTP answer;
/// rejects with an `Error` whose `code` says why no answer could be read.
#[wasm_bindgen(js_name = liveCheck)]
pub async fn live_check(options: JsValue) -> Result<JsValue, JsValue> {
    let key_text = string_option(&options, "key").ok_or(WebError::BadOptions)?;
    let key = ApiKey::parse(&key_text).map_err(|_| WebError::InvalidKey)?;
    let base = string_option(&options, "baseUrl").unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
    let cluster = Cluster::parse(&base).map_err(|_| WebError::InvalidBaseUrl)?;
    if cluster.needs_confirmation() && !flag_option(&options, "confirmedHost") {
        return Err(WebError::HostNotConfirmed.into());
    }
    let signal =
        property(&options, "signal").and_then(|s| s.dyn_into::<web_sys::AbortSignal>().ok());
    let required_rights = rights_option(&options);
    let organization_id = string_option(&options, "organizationId");
    let key_id = string_option(&options, "keyId");
    let answer = fetch::live_report(
        fetch::LiveRequest {
            url: cluster.auth_info_url(),
            key: &key,
            timeout_ms: timeout_option(&options),
            signal,
        },
        &fetch::Expected {
            organization_id: organization_id.as_deref(),
            key_id: key_id.as_deref(),
            required_rights: &required_rights,
        },
    )
    .await?;
    let report = answer.report;
    to_js(&report.to_value())
}
