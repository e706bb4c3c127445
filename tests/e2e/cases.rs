//! The end-to-end cases, as data: each is a page, a widget on it, and a list of steps,
//! written through one helper per kind of case, one line per case. The book's cases,
//! built the same way, are in `book.rs`.
//!
//! Keys are named as the stand-in names them (`org-ok`, `fault-slow`, …) and looked up in
//! its `GET /demo/keys` table at run time, so this file holds no demo key.

use std::collections::HashMap;
use std::time::Duration;

/// The fixture page in this folder: widgets mounted by the loader from `data-*`
/// attributes (and one through the JS API), pointed at the stand-in.
pub(crate) const FIXTURE: &str = "/__e2e/fixture.html";
/// The standalone demo page, `www/index.html`, mounted by `www/loader.js`.
pub(crate) const DEMO_PAGE: &str = "/index.html";

/// The fixture's form (default 10 s timeout, `data-show-result`).
const FORM: &str = "#form";
/// The widget's default timeout of the live check, which `#form` keeps.
const FORM_TIMEOUT: Duration = Duration::from_secs(10);
/// The fixture's form with `data-timeout-ms="2000"`.
const FORM_2S: &str = "#form-timeout";
/// Its timeout.
const FORM_2S_TIMEOUT: Duration = Duration::from_millis(2000);
/// The fixture's form mounted by `mount` without keeping its handle.
const UNKEPT: &str = "#form-unkept";
/// The fixture's support panel.
const SUPPORT: &str = "#support";
/// The demo page's widgets, as the loader finds them.
const DEMO_FORM: &str = "[data-tts-keycheck=\"form\"]";
const DEMO_SUPPORT: &str = "[data-tts-keycheck=\"support\"]";

/// The example key of The Things Stack's documentation (it grants nothing).
pub(crate) const EXAMPLE: &str =
    "NNSXS.U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY.SHIF3PP5PBMJNZESN5XLR5TZJTJUIGKVUTM2I22IVBUVCD6VIQIA";
/// Its Key ID, the part between the dots.
const EXAMPLE_ID: &str = "U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY";

/// What the report says when a key is fine.
pub(crate) const WORKS: &str = "The key works for IotBridge";

/// One thing a case does or waits for. A target is a `data-part` name inside the case's
/// widget, optionally followed by a CSS selector below it (`"findings tbody tr"`), or a
/// CSS selector on the whole page when it starts with `#`, `.` or `[`. Every wait is
/// bounded.
#[derive(Debug, Clone)]
pub(crate) enum Step {
    /// Empties a field, then types the text with the keyboard, key by key.
    Type(&'static str, String),
    /// Puts the text into a field at once and fires `input`, as a paste does.
    Paste(&'static str, String),
    /// Clicks, as a user does: fails if the target is hidden or covered.
    Click(&'static str),
    /// Waits until the target is shown and its text contains the fragment.
    Has(&'static str, &'static str),
    /// Like `Has`, but fails unless it holds within the limit: for a fault, the widget's
    /// timeout plus a second, counted from the step before (the click on Test key).
    HasWithin(&'static str, &'static str, Duration),
    /// Waits until the target's text does not contain the fragment.
    Lacks(&'static str, &'static str),
    /// Waits until a field's value is exactly this.
    Value(&'static str, String),
    /// Waits until a field's value contains the fragment.
    ValueHas(&'static str, &'static str),
    /// Waits until a field's value does not contain the text.
    ValueLacks(&'static str, String),
    /// Waits until the target is shown (neither it nor an ancestor `hidden`).
    Shown(&'static str),
    /// Waits until the target is hidden.
    Hidden(&'static str),
    /// Waits until a button or input is enabled.
    Enabled(&'static str),
    /// Waits until a button or input is disabled.
    Disabled(&'static str),
    /// Waits until exactly this many elements match.
    Count(&'static str, usize),
    /// Clicks the first target, waits for the widget to finish, and repeats until the
    /// second target's text contains the fragment, at most this many times.
    Retry(&'static str, &'static str, &'static str, u32),
    /// Presses a key on the page, as a user does, wherever the focus is.
    Press(char),
    /// A check of the built book (see `book.rs`).
    Book(crate::book::Check),
    /// A step of the privacy audit (see `privacy.rs`).
    Privacy(crate::privacy::Check),
    /// A keyboard-only step (see `keyboard.rs`).
    Keyboard(crate::keyboard::Check),
    /// A step of the accessibility audit (see `a11y.rs`).
    A11y(crate::a11y::Check),
    /// Saves the screenshot of the case now (else it is taken when the case ends).
    Shot,
}

use Step::*;

/// Which of the test's static servers a case's page is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Site {
    /// `www/`, with this folder's fixture page under `/__e2e/`: the case's widget must mount.
    Widget,
    /// The built book (`target/site/`): every widget on the page must mount, if it has any.
    Book,
}

/// One end-to-end case.
#[derive(Debug, Clone)]
pub(crate) struct Case {
    /// Also the screenshot's file name.
    pub(crate) name: String,
    /// The server the page is on.
    pub(crate) site: Site,
    /// The page's path on that server.
    pub(crate) page: String,
    /// A CSS selector of the widget's root element.
    pub(crate) widget: &'static str,
    pub(crate) steps: Vec<Step>,
}

/// The stand-in's demo keys, by name.
#[derive(Debug, Default)]
pub(crate) struct Keys(pub(crate) HashMap<String, String>);

impl Keys {
    /// The key named `name`; an empty string (which no case expects to work) if the
    /// stand-in has no such key, so the case fails where it uses it.
    pub(crate) fn get(&self, name: &str) -> String {
        self.0.get(name).cloned().unwrap_or_default()
    }

    /// The secret part of the named key: what must never show up on the page.
    fn secret(&self, name: &str) -> String {
        self.get(name)
            .rsplit('.')
            .next()
            .unwrap_or_default()
            .to_owned()
    }
}

/// Every case, in the order they run. One line per case, so not formatted.
#[rustfmt::skip]
pub(crate) fn cases(keys: &Keys) -> Vec<Case> {
    let two_keys = format!(
        "Hello support,\nIotBridge says my key is wrong. I tried\n  {}\nand then\n\"{}\"\nThanks!",
        keys.get("org-ok"),
        keys.get("expired")
    );
    vec![
        // Checks as you type, without the network.
        typing("typing-example", EXAMPLE, vec![Has("secret-msgs", "Well-formed API key."), Value("keyid", EXAMPLE_ID.into()), Has("keyid-msgs", "Filled in from the key."), Hidden("repair")]),
        typing("typing-lower-case", &EXAMPLE.to_lowercase(), vec![Shown("repair"), Click("repair"), Has("secret-msgs", "Well-formed API key."), Has("status", "Repaired."), Value("keyid", EXAMPLE_ID.into())]),
        typing("typing-truncated", &EXAMPLE[..80], vec![Has("secret-msgs", "ends early"), Hidden("repair"), Disabled("test"), Value("keyid", String::new())]),
        typing("typing-key-id-alone", EXAMPLE_ID, vec![Has("secret-msgs", "This is the Key ID"), Disabled("test")]),
        case("typing-whole-key-as-key-id", FORM, vec![Paste("keyid", EXAMPLE.into()), Has("keyid-msgs", "This is the whole key.")]),
        // A host page may drop the handle `mount` returns; the widget must keep working.
        case("mount-handle-dropped", UNKEPT, vec![Click("#collect-garbage"), Paste("secret", String::new()), Click("#collect-garbage"), Type("secret", EXAMPLE.into()), Has("secret-msgs", "Well-formed API key.")]),
        // The live check against the stand-in, one demo key each; then the widget must
        // still work for the next key.
        live(keys, "org-ok", WORKS),
        live(keys, "org-read-only", "RIGHT_APPLICATION_DEVICES_WRITE"),
        live(keys, "org-missing-rights", "The key lacks rights that are needed"),
        live(keys, "user-ok", "This is a personal (user) API key."),
        live(keys, "expired", "The key has expired."),
        live(keys, "unknown-id", "The server has no key with this Key ID"),
        live(keys, "wrong-secret", "part of the key was changed or lost while copying"),
        live(keys, "fault-500", "The server had an internal problem"),
        after(keys, "live-fault-502", FORM, vec![Paste("org", "demo-org".into()), Paste("secret", keys.get("fault-502")), Click("test"), Has("report", "The server had an internal problem or is unavailable"), Lacks("report", "Bad Gateway")]),
        live(keys, "fault-malformed-json", "it is not JSON"),
        live(keys, "fault-huge-body", "a much larger answer than The Things Stack does"),
        live(keys, "fault-reset", "No answer could be read"),
        live_on(FORM_2S, FORM_2S_TIMEOUT, keys, "fault-slow", "did not answer in time"),
        // `rate-limited` allows 3 requests a minute: the first works, and says nothing about waiting.
        case("live-rate-limit-not-yet", FORM, vec![Paste("org", "demo-org".into()), Paste("secret", keys.get("rate-limited")), Click("test"), Has("report", WORKS), Lacks("report", "try again in")]),
        after(keys, "live-rate-limited", FORM, vec![Paste("org", "demo-org".into()), Paste("secret", keys.get("rate-limited")), Retry("test", "report", "too many requests", 6), Has("report", "try again in")]),
        after(keys, "live-cancel", FORM, vec![Paste("org", "demo-org".into()), Paste("secret", keys.get("fault-slow")), Click("test"), Has("status", "Asking The Things Stack"), Click("cancel"), Has("status", "The check was cancelled."), Hidden("cancel"), Hidden("report")]),
        after(keys, "live-other-organization", FORM, vec![Paste("org", "other-org".into()), Paste("secret", keys.get("org-ok")), Click("test"), Has("report", "belongs to a different organization"), Disabled("submit")]),
        // The submit gate.
        case("gate-submit", FORM, vec![Paste("org", "demo-org".into()), Paste("secret", keys.get("org-ok")), Disabled("submit"), Has("gate", "Test the key first."), Click("test"), Has("report", WORKS), Enabled("submit"), Click("submit"), Has("#events", leak(format!("submit demo-org {}", key_id(&keys.get("org-ok"))))), Has("result", "Paste these into IotBridge"), Has("result", "demo-org"), Has("status", "Credentials ready for IotBridge.")]),
        case("gate-unreachable-ack", FORM, vec![Paste("org", "demo-org".into()), Paste("secret", keys.get("fault-reset")), Click("test"), Has("report", "No answer could be read"), Disabled("submit"), Shown("ack-row"), Click("ack"), Enabled("submit")]),
        // The support panel.
        case("support-redact", SUPPORT, vec![Paste("ticket", two_keys.clone()), ValueHas("redacted", "[REDACTED]"), ValueLacks("redacted", keys.secret("org-ok")), ValueLacks("redacted", keys.secret("expired")), Count("findings tbody tr", 2), Has("status", "Redacted 2 API keys: 2 well-formed.")]),
        case("support-test-all", SUPPORT, vec![Paste("ticket", two_keys.clone()), Click("test-all"), Has("findings [data-row=\"0\"]", "works"), Has("findings [data-row=\"1\"]", "The key has expired."), Enabled("test-all"), Hidden("cancel")]),
        // The demo page as shipped, mounted by the loader in demo mode.
        demo("demo-page-form", DEMO_FORM, vec![Paste("org", "demo-org".into()), Paste("secret", keys.get("org-ok")), Click("test"), Has("report", WORKS)]),
        demo("demo-page-demo-key", DEMO_FORM, vec![Paste("org", "demo-org".into()), Click(".tkc-demo li:first-child button"), Has("keyid-msgs", "Filled in from the key."), Click("test"), Has("report", WORKS)]),
        demo("demo-page-support", DEMO_SUPPORT, vec![Paste("ticket", two_keys), ValueHas("redacted", "[REDACTED]"), Count("findings tbody tr", 2)]),
    ]
}

/// The faults below HTTP: a server that refuses the CORS preflight (the test's book
/// server, another origin that answers `OPTIONS` with a 405 and no CORS headers) and a
/// server that is not there (a closed loopback port). The browser tells JS the same for
/// both, so the widget says the same; then the stand-in, typed in again, works.
#[rustfmt::skip]
pub(crate) fn network_faults(keys: &Keys, standin_url: &str, no_cors_url: &str) -> Vec<Case> {
    use crate::privacy::Check::Choose;
    let custom = |name: &str, url: &str| {
        case(name, FORM, vec![Privacy(Choose("cluster", "custom")), Type("custom", url.to_owned()), Hidden("confirm-row"), Paste("org", "demo-org".into()), Paste("secret", keys.get("org-ok")), Click("test"), HasWithin("report", "No answer could be read", FORM_TIMEOUT + Duration::from_secs(1)), Has("report", "CORS"), Disabled("submit"), Shown("ack-row"), Shot, Type("custom", standin_url.to_owned()), Click("test"), Has("report", WORKS), Enabled("submit")])
    };
    vec![
        custom("live-cors-refused", no_cors_url),
        custom("live-server-down", CLOSED_PORT_URL),
    ]
}

/// A loopback address nothing listens on (the discard port, which no test starts).
const CLOSED_PORT_URL: &str = "http://127.0.0.1:9";

/// A case on the fixture page.
fn case(name: &str, widget: &'static str, steps: Vec<Step>) -> Case {
    Case {
        name: name.to_owned(),
        site: Site::Widget,
        page: FIXTURE.to_owned(),
        widget,
        steps,
    }
}

/// A case on the demo page.
fn demo(name: &str, widget: &'static str, steps: Vec<Step>) -> Case {
    Case {
        name: name.to_owned(),
        site: Site::Widget,
        page: DEMO_PAGE.to_owned(),
        widget,
        steps,
    }
}

/// Types `input` into Key Secret, then checks what the form says.
fn typing(name: &str, input: &str, expect: Vec<Step>) -> Case {
    let mut steps = vec![Type("secret", input.to_owned())];
    steps.extend(expect);
    case(name, FORM, steps)
}

/// Tests the demo key `key` live on the fixture's form and waits for `expect` in the report.
fn live(keys: &Keys, key: &str, expect: &'static str) -> Case {
    live_on(FORM, FORM_TIMEOUT, keys, key, expect)
}

/// The same on `widget`, whose live check times out after `timeout`.
fn live_on(
    widget: &'static str,
    timeout: Duration,
    keys: &Keys,
    key: &str,
    expect: &'static str,
) -> Case {
    let steps = vec![
        Paste("org", "demo-org".into()),
        Paste("secret", keys.get(key)),
        Click("test"),
        HasWithin("report", expect, timeout + Duration::from_secs(1)),
    ];
    after(keys, &format!("live-{key}"), widget, steps)
}

/// A case followed by the proof that the widget still works: `org-ok` passes. The
/// screenshot shows the state before that.
fn after(keys: &Keys, name: &str, widget: &'static str, mut steps: Vec<Step>) -> Case {
    steps.extend([
        Shot,
        Paste("org", "demo-org".into()),
        Paste("secret", keys.get("org-ok")),
        Click("test"),
        Has("report", WORKS),
        Enabled("submit"),
    ]);
    case(name, widget, steps)
}

/// A fragment built at run time; the run is short and builds few.
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// The Key ID of a key: the part between the two dots.
fn key_id(key: &str) -> &str {
    key.split('.').nth(1).unwrap_or_default()
}
