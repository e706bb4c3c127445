//! A browser session over WebDriver (fantoccini), in any of the three engines: opens it
//! with the capabilities this closed machine needs (`engine.rs`), runs a case's steps with
//! bounded waits, and takes screenshots.
//!
//! Reads go through one small script (`PROBE`) that returns what a step looks at; clicks
//! and typing go through WebDriver, so they act as a user would and fail on a hidden or
//! covered element. What the browser logs (errors, Content-Security-Policy violations)
//! comes, in Chromium, from ChromeDriver's browser log, and print media from the DevTools
//! protocol, both through ChromeDriver's own endpoints; in Firefox and WebKit, the log is
//! what the fixture page records of itself (`window.e2eLog`: console calls, errors,
//! policy violations), and the network log is the recording proxy's.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::cases::{Case, Site, Step};
use crate::engine::{Engine, WINDOW};
use crate::proxy::{Proxy, Recorded};
use crate::Result;

/// The longest any one wait may take.
pub(crate) const WAIT: Duration = Duration::from_secs(15);
/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(50);

/// What a step can see of the first element a selector matches, and how many match.
const PROBE: &str = r#"
const all = document.querySelectorAll(arguments[0]);
const el = all[0];
const root = document.querySelector(arguments[1]);
const busy = !!(root && root.getAttribute("aria-busy") === "true");
if (!el) return { count: 0, text: "", value: null, hidden: true, disabled: false, busy };
return {
  count: all.length,
  text: el.textContent,
  value: typeof el.value === "string" ? el.value : null,
  hidden: el.closest("[hidden]") !== null || el.getClientRects().length === 0,
  disabled: !!el.disabled,
  busy,
};
"#;

/// Sets a field's value at once and fires `input`, as a paste does.
const PASTE: &str = r#"
const el = document.querySelector(arguments[0]);
if (!el) return false;
el.focus();
el.value = arguments[1];
el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
return true;
"#;

/// Whether the page's markup or its visible text holds any of the given strings.
const LEAKS: &str = r#"
const html = document.documentElement.outerHTML;
const text = document.body ? document.body.innerText : "";
return arguments[0].filter((s) => html.includes(s) || text.includes(s)).length;
"#;

/// What the fixture page recorded of itself since the last read (`window.e2eLog`), which
/// it then forgets: the log of an engine without ChromeDriver's.
const PAGE_LOG: &str = r#"
const log = Array.isArray(window.e2eLog) ? window.e2eLog : [];
window.e2eLog = [];
return log.map((e) => ({ level: String(e.level), message: String(e.message) }));
"#;

/// What went wrong on the page itself (module errors), as the fixture and loader see them.
const PAGE_ERRORS: &str = r#"
const el = document.getElementById("e2e-errors");
return el ? el.textContent : "";
"#;

/// Whether the page has loaded and how many of its `[data-tts-keycheck]` elements are
/// mounted: the `tkc` class and the form's (or support panel's) markup inside, as `mount`
/// leaves them (markup rendered into the page at build time loses `data-tkc-static`); and the loader's messages where it could not mount one.
const MOUNTED: &str = r#"
const all = [...document.querySelectorAll("[data-tts-keycheck]")];
const markup = (el) => el.dataset.ttsKeycheck === "support"
  ? '.tkc-support [data-part="ticket"]'
  : 'form.tkc-form [data-part="secret"]';
return {
  ready: document.readyState === "complete",
  count: all.length,
  mounted: all.filter((el) => el.classList.contains("tkc") && !el.hasAttribute("data-tkc-static")
    && el.querySelector(markup(el))).length,
  failed: all.flatMap((el) => [...el.querySelectorAll(".tkc-load-error")].map((p) => p.textContent)),
};
"#;

#[derive(Debug, Deserialize)]
struct Mounted {
    ready: bool,
    count: usize,
    mounted: usize,
    failed: Vec<String>,
}

/// One entry of the browser log.
#[derive(Debug, Deserialize)]
pub(crate) struct LogEntry {
    /// `SEVERE`, `WARNING`, `INFO` or `DEBUG`.
    pub(crate) level: String,
    /// The source (`javascript`, `security`, `network`, `console-api`, …), the URL and
    /// line where known, and the text.
    pub(crate) message: String,
}

impl LogEntry {
    /// Whether it is a Content-Security-Policy violation, at any level.
    pub(crate) fn is_csp_violation(&self) -> bool {
        self.message.contains("Content Security Policy")
    }

    /// Whether it is an error or a policy violation.
    pub(crate) fn is_bad(&self) -> bool {
        self.level == "SEVERE" || self.is_csp_violation()
    }
}

/// One of ChromeDriver's logs (`POST /session/{id}/se/log`), `browser` or `performance`:
/// what was logged since the last read, which it then forgets. The session asks for all
/// of both with `goog:loggingPrefs`.
#[derive(Debug)]
struct ReadLog(&'static str);

impl WebDriverCompatibleCommand for ReadLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> std::result::Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": self.0 }).to_string()),
        )
    }
}

/// A DevTools protocol command through ChromeDriver (`POST /session/{id}/goog/cdp/execute`).
#[derive(Debug)]
struct DevTools {
    command: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for DevTools {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> std::result::Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.command, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

#[derive(Debug, Deserialize)]
struct Probe {
    count: usize,
    text: String,
    value: Option<String>,
    hidden: bool,
    disabled: bool,
    busy: bool,
}

impl Probe {
    /// What a failure message shows of it, with anything secret-sized masked.
    fn describe(&self) -> String {
        let text = shorten(&scrub(self.text.trim()), 400);
        let value = self.value.as_deref().map(|v| shorten(&scrub(v), 200));
        format!(
            "{} match(es), hidden {}, disabled {}, busy {}, text {text:?}, value {value:?}",
            self.count, self.hidden, self.disabled, self.busy
        )
    }
}

/// Masks every run of 40 or more base32 characters: longer than a Key ID, so secret text.
pub(crate) fn scrub(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for ch in text.chars().chain(std::iter::once('\0')) {
        if ch.is_ascii_alphanumeric() {
            run.push(ch);
            continue;
        }
        if run.len() >= 40 {
            out.push_str("[…]");
        } else {
            out.push_str(&run);
        }
        run.clear();
        if ch != '\0' {
            out.push(ch);
        }
    }
    out
}

pub(crate) fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// The base URLs of the test's static servers, one per [`Site`].
#[derive(Debug, Clone)]
pub(crate) struct Sites {
    pub(crate) widget: String,
    pub(crate) book: String,
}

/// A browser session and the sites it tests.
#[derive(Debug)]
pub(crate) struct Browser {
    client: Client,
    engine: Engine,
    sites: Sites,
    /// Where screenshots go.
    screenshots: PathBuf,
    /// The recording proxy every request goes through, for a proxied engine.
    proxy: Option<Arc<Proxy>>,
}

impl Browser {
    /// Opens a session of `engine` through its WebDriver server, with a fresh profile.
    pub(crate) async fn open(
        engine: Engine,
        webdriver: &str,
        profile: &Path,
        sites: Sites,
        screenshots: PathBuf,
        proxy: Option<Arc<Proxy>>,
    ) -> Result<Browser> {
        let address = proxy.as_ref().map(|proxy| proxy.address());
        let capabilities = engine.capabilities(profile, address.as_deref());
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(webdriver)
            .await
            .map_err(|err| format!("could not open a {} session: {err}", engine.name()))?;
        if engine != Engine::Chromium {
            // Chromium takes its size from a flag; the others from WebDriver.
            client.set_window_size(WINDOW.0, WINDOW.1).await?;
        }
        Ok(Browser {
            client,
            engine,
            sites,
            screenshots,
            proxy,
        })
    }

    /// The engine of the session.
    pub(crate) fn engine(&self) -> Engine {
        self.engine
    }

    /// Ends the session, which quits the browser.
    pub(crate) async fn close(self) -> Result<()> {
        self.client.close().await?;
        Ok(())
    }

    /// Loads the case's page, in screen media and with empty logs, and waits
    /// until its widget is mounted (on a book page: every widget on it, if any).
    pub(crate) async fn load(&self, case: &Case) -> Result<()> {
        if self.engine == Engine::Chromium {
            self.emulate_media("").await?;
            self.log().await?;
            self.performance_log().await?;
        }
        self.requests();
        let site = match case.site {
            Site::Widget => &self.sites.widget,
            Site::Book => &self.sites.book,
        };
        self.client.goto(&format!("{site}{}", case.page)).await?;
        if case.site == Site::Book {
            return self.wait_mounted().await;
        }
        let mounted = format!("{} [data-part]", case.widget);
        let deadline = Instant::now() + WAIT;
        loop {
            let probe = self.probe(&mounted, case.widget).await?;
            if probe.count > 0 {
                return Ok(());
            }
            if Instant::now() >= deadline {
                let errors = self.page_errors().await;
                return Err(format!(
                    "no widget mounted in `{}` on {} within {WAIT:?}{errors}",
                    case.widget, case.page
                )
                .into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Runs one step.
    pub(crate) async fn step(&self, case: &Case, step: &Step) -> Result<()> {
        let widget = case.widget;
        match step {
            Step::Type(target, text) => {
                self.paste(widget, target, "").await?;
                let el = self.find(widget, target).await?;
                el.send_keys(text).await?;
                Ok(())
            }
            Step::Paste(target, text) => self.paste(widget, target, text).await,
            Step::Click(target) => {
                let el = self.find(widget, target).await?;
                el.click().await?;
                Ok(())
            }
            Step::HasWithin(target, fragment, limit) => {
                self.until(widget, target, *limit, |p| {
                    !p.hidden && p.text.contains(fragment)
                })
                .await
            }
            Step::Has(target, fragment) => {
                self.until(widget, target, WAIT, |p| {
                    !p.hidden && p.text.contains(fragment)
                })
                .await
            }
            Step::Lacks(target, fragment) => {
                self.until(widget, target, WAIT, |p| !p.text.contains(fragment))
                    .await
            }
            Step::Value(target, expected) => {
                self.until(widget, target, WAIT, |p| {
                    p.value.as_deref() == Some(expected)
                })
                .await
            }
            Step::ValueHas(target, fragment) => {
                self.until(widget, target, WAIT, |p| {
                    p.value.as_deref().is_some_and(|v| v.contains(fragment))
                })
                .await
            }
            Step::ValueLacks(target, text) => {
                self.until(widget, target, WAIT, |p| {
                    p.value
                        .as_deref()
                        .is_some_and(|v| !v.contains(text.as_str()))
                })
                .await
            }
            Step::Shown(target) => {
                self.until(widget, target, WAIT, |p| p.count > 0 && !p.hidden)
                    .await
            }
            Step::Hidden(target) => self.until(widget, target, WAIT, |p| p.hidden).await,
            Step::Enabled(target) => {
                self.until(widget, target, WAIT, |p| p.count > 0 && !p.disabled)
                    .await
            }
            Step::Disabled(target) => self.until(widget, target, WAIT, |p| p.disabled).await,
            Step::Count(target, n) => self.until(widget, target, WAIT, |p| p.count == *n).await,
            Step::Press(key) => {
                let keys = KeyActions::new("keyboard".to_owned())
                    .then(KeyAction::Down { value: *key })
                    .then(KeyAction::Up { value: *key });
                self.client.perform_actions(keys).await?;
                Ok(())
            }
            Step::Book(check) => crate::book::check(self, check).await,
            Step::Privacy(check) => crate::privacy::check(self, case, check).await,
            Step::Keyboard(check) => crate::keyboard::check(self, case, check).await,
            Step::A11y(check) => crate::a11y::check(self, check).await,
            Step::Shot => self.screenshot(case).await,
            Step::Retry(button, target, fragment, times) => {
                for _ in 0..*times {
                    self.find(widget, button).await?.click().await?;
                    self.until(widget, button, WAIT, |p| !p.busy).await?;
                    let probe = self.probe(&selector(widget, target), widget).await?;
                    if !probe.hidden && probe.text.contains(fragment) {
                        return Ok(());
                    }
                }
                let probe = self.probe(&selector(widget, target), widget).await?;
                Err(format!(
                    "clicked `{button}` {times} times, `{target}` never said {fragment:?}; last saw {}",
                    probe.describe()
                )
                .into())
            }
        }
    }

    /// Fails if any of `secrets` is in the page's markup or visible text.
    pub(crate) async fn check_no_leak(&self, secrets: &[String]) -> Result<()> {
        if secrets.is_empty() {
            return Ok(());
        }
        let leaked = self.client.execute(LEAKS, vec![json!(secrets)]).await?;
        match leaked.as_u64() {
            Some(0) => Ok(()),
            _ => Err("a key's secret is in the page's markup or visible text".into()),
        }
    }

    /// Saves a PNG of the case's widget (or of the page, if there is no widget or it is
    /// not shown) as `<screenshots>/<case>.png`.
    pub(crate) async fn screenshot(&self, case: &Case) -> Result<()> {
        let dir = &self.screenshots.join(self.engine.name());
        let widget = match self.client.find(Locator::Css(case.widget)).await {
            Ok(el) if el.is_displayed().await.unwrap_or(false) => el.screenshot().await.ok(),
            _ => None,
        };
        let png = match widget {
            Some(png) => png,
            None => self.client.screenshot().await?,
        };
        std::fs::create_dir_all(dir)?;
        std::fs::write(dir.join(format!("{}.png", case.name)), png)?;
        Ok(())
    }

    /// The page's own error log and the errors the browser logged, as a suffix for a
    /// failure message.
    pub(crate) async fn page_errors(&self) -> String {
        let mut errors = match self.client.execute(PAGE_ERRORS, vec![]).await {
            Ok(Value::String(text)) if !text.trim().is_empty() => {
                format!(
                    "; the page reported: {}",
                    shorten(&scrub(text.trim()), 4000)
                )
            }
            _ => String::new(),
        };
        let logged: Vec<String> = self
            .log()
            .await
            .unwrap_or_default()
            .into_iter()
            .filter(LogEntry::is_bad)
            .map(|entry| shorten(&scrub(&entry.message), 400))
            .collect();
        if !logged.is_empty() {
            errors.push_str(&format!("; the browser logged: {}", logged.join("; ")));
        }
        errors
    }

    /// What the browser logged since the last call (or since the session started); in
    /// Firefox and WebKit, what the page recorded of itself (empty on a page that records
    /// nothing).
    pub(crate) async fn log(&self) -> Result<Vec<LogEntry>> {
        let entries = match self.engine {
            Engine::Chromium => self.client.issue_cmd(ReadLog("browser")).await?,
            Engine::Firefox | Engine::WebKit => self.client.execute(PAGE_LOG, vec![]).await?,
        };
        Ok(serde_json::from_value(entries)?)
    }

    /// The requests the recording proxy saw since the last call (or the page's load);
    /// empty for Chromium, which is not proxied.
    pub(crate) fn requests(&self) -> Vec<Recorded> {
        self.proxy
            .as_ref()
            .map(|proxy| proxy.take())
            .unwrap_or_default()
    }

    /// Every origin the browser asked the proxy for since the session started.
    pub(crate) fn origins(&self) -> Vec<String> {
        self.proxy
            .as_ref()
            .map(|proxy| proxy.origins())
            .unwrap_or_default()
    }

    /// The DevTools protocol events ChromeDriver logged since the last call, each as the
    /// `{ method, params }` object inside its entry's `message`. Chromium only.
    pub(crate) async fn performance_log(&self) -> Result<Vec<Value>> {
        if self.engine != Engine::Chromium {
            return Err(format!("{} has no DevTools protocol log", self.engine.name()).into());
        }
        let entries = self.client.issue_cmd(ReadLog("performance")).await?;
        let entries: Vec<LogEntry> = serde_json::from_value(entries)?;
        let mut events = Vec::with_capacity(entries.len());
        for entry in entries {
            let mut message: Value = serde_json::from_str(&entry.message)?;
            events.push(message["message"].take());
        }
        Ok(events)
    }

    /// The WebDriver session, for the cases that drive it directly (`privacy.rs`,
    /// `keyboard.rs`).
    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    /// Emulates a CSS media type (`print`), or none with `""`. Chromium only.
    pub(crate) async fn emulate_media(&self, media: &str) -> Result<()> {
        if self.engine != Engine::Chromium {
            return Err(
                format!("{} cannot emulate media over WebDriver", self.engine.name()).into(),
            );
        }
        self.devtools("Emulation.setEmulatedMedia", json!({ "media": media }))
            .await
            .map(drop)
    }

    /// Sends a DevTools protocol command (Chromium only) and returns its answer.
    pub(crate) async fn devtools(&self, command: &'static str, params: Value) -> Result<Value> {
        if self.engine != Engine::Chromium {
            return Err(format!("{} has no DevTools protocol here", self.engine.name()).into());
        }
        Ok(self.client.issue_cmd(DevTools { command, params }).await?)
    }

    /// Runs a script in the page and returns what it returns.
    pub(crate) async fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        Ok(self.client.execute(script, args).await?)
    }

    /// Runs a script that calls its last argument with the result, and returns that.
    pub(crate) async fn execute_async(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        Ok(self.client.execute_async(script, args).await?)
    }

    /// Reloads the page, as the reader's browser does.
    pub(crate) async fn reload(&self) -> Result<()> {
        Ok(self.client.refresh().await?)
    }

    /// Waits until the script returns `true`, at most [`WAIT`]; `what` names it on failure.
    pub(crate) async fn wait_true(&self, what: &str, script: &str, args: Vec<Value>) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            if self.client.execute(script, args.clone()).await? == Value::Bool(true) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!("no {what} within {WAIT:?}").into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the page has loaded and every `[data-tts-keycheck]` element on it is
    /// mounted, at most [`WAIT`]; fails at once where the loader says it could not mount.
    pub(crate) async fn wait_mounted(&self) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            let found: Mounted =
                serde_json::from_value(self.client.execute(MOUNTED, vec![]).await?)?;
            if !found.failed.is_empty() {
                return Err(format!("the loader says: {}", found.failed.join("; ")).into());
            }
            if found.ready && found.mounted == found.count {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "after {WAIT:?}, {} of {} widget(s) mounted (page loaded: {})",
                    found.mounted, found.count, found.ready
                )
                .into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    async fn find(&self, widget: &str, target: &str) -> Result<fantoccini::elements::Element> {
        let css = selector(widget, target);
        self.client
            .find(Locator::Css(&css))
            .await
            .map_err(|err| format!("`{css}` not found: {err}").into())
    }

    async fn paste(&self, widget: &str, target: &str, text: &str) -> Result<()> {
        let css = selector(widget, target);
        match self
            .client
            .execute(PASTE, vec![json!(css), json!(text)])
            .await?
        {
            Value::Bool(true) => Ok(()),
            _ => Err(format!("`{css}` not found").into()),
        }
    }

    async fn probe(&self, css: &str, widget: &str) -> Result<Probe> {
        let value = self
            .client
            .execute(PROBE, vec![json!(css), json!(widget)])
            .await?;
        Ok(serde_json::from_value(value)?)
    }

    /// Waits until the target satisfies `ready`, at most [`WAIT`].
    async fn until(
        &self,
        widget: &str,
        target: &str,
        limit: Duration,
        ready: impl Fn(&Probe) -> bool,
    ) -> Result<()> {
        let css = selector(widget, target);
        let deadline = Instant::now() + limit;
        loop {
            let probe = self.probe(&css, widget).await?;
            if ready(&probe) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(
                    format!("after {limit:?}, `{target}` shows {}", probe.describe()).into(),
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }
}

/// The CSS selector of a step's target (see [`Step`]).
fn selector(widget: &str, target: &str) -> String {
    if target.starts_with(['#', '.', '[']) {
        return target.to_owned();
    }
    let (part, below) = target.split_once(' ').unwrap_or((target, ""));
    format!("{widget} [data-part=\"{part}\"] {below}")
        .trim_end()
        .to_owned()
}
