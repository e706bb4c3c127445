//! Headless Chromium over WebDriver (fantoccini): opens a session with the flags this
//! closed machine needs, runs a case's steps with bounded waits, and takes screenshots.
//!
//! Reads go through one small script (`PROBE`) that returns what a step looks at; clicks
//! and typing go through WebDriver, so they act as a user would and fail on a hidden or
//! covered element.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::cases::{Case, Step};
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

/// What went wrong on the page itself (module errors), as the fixture and loader see them.
const PAGE_ERRORS: &str = r#"
const el = document.getElementById("e2e-errors");
return el ? el.textContent : "";
"#;

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

fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// A browser session and the site it tests.
#[derive(Debug)]
pub(crate) struct Browser {
    client: Client,
    /// The static server's base URL.
    site: String,
    /// Where screenshots go.
    screenshots: PathBuf,
}

impl Browser {
    /// Opens a headless Chromium session through ChromeDriver.
    pub(crate) async fn open(
        webdriver: &str,
        profile: &Path,
        site: String,
        screenshots: PathBuf,
    ) -> Result<Browser> {
        let mut args = vec![
            "--headless".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--no-first-run".to_owned(),
            "--no-default-browser-check".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--disable-extensions".to_owned(),
            "--window-size=1100,2400".to_owned(),
            // Lets a case collect garbage (`gc()`), to test a dropped `mount` handle.
            "--js-flags=--expose-gc".to_owned(),
            format!("--user-data-dir={}", profile.display()),
        ];
        // Keep Chromium's own traffic (safe browsing, updates, metrics) off the closed network.
        args.push("--disable-client-side-phishing-detection".to_owned());
        args.push("--metrics-recording-only".to_owned());
        let mut chrome_options = json!({ "args": args });
        if let Some(binary) = chromium_binary() {
            chrome_options["binary"] = Value::String(binary);
        }
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".to_owned(), json!("chrome"));
        capabilities.insert("goog:chromeOptions".to_owned(), chrome_options);
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(webdriver)
            .await
            .map_err(|err| format!("could not open a Chromium session: {err}"))?;
        Ok(Browser {
            client,
            site,
            screenshots,
        })
    }

    /// Ends the session, which quits the browser.
    pub(crate) async fn close(self) -> Result<()> {
        self.client.close().await?;
        Ok(())
    }

    /// Loads the case's page and waits until its widget is mounted.
    pub(crate) async fn load(&self, case: &Case) -> Result<()> {
        self.client
            .goto(&format!("{}{}", self.site, case.page))
            .await?;
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
            Step::Has(target, fragment) => {
                self.until(widget, target, |p| !p.hidden && p.text.contains(fragment))
                    .await
            }
            Step::Lacks(target, fragment) => {
                self.until(widget, target, |p| !p.text.contains(fragment))
                    .await
            }
            Step::Value(target, expected) => {
                self.until(widget, target, |p| p.value.as_deref() == Some(expected))
                    .await
            }
            Step::ValueHas(target, fragment) => {
                self.until(widget, target, |p| {
                    p.value.as_deref().is_some_and(|v| v.contains(fragment))
                })
                .await
            }
            Step::ValueLacks(target, text) => {
                self.until(widget, target, |p| {
                    p.value
                        .as_deref()
                        .is_some_and(|v| !v.contains(text.as_str()))
                })
                .await
            }
            Step::Shown(target) => {
                self.until(widget, target, |p| p.count > 0 && !p.hidden)
                    .await
            }
            Step::Hidden(target) => self.until(widget, target, |p| p.hidden).await,
            Step::Enabled(target) => {
                self.until(widget, target, |p| p.count > 0 && !p.disabled)
                    .await
            }
            Step::Disabled(target) => self.until(widget, target, |p| p.disabled).await,
            Step::Count(target, n) => self.until(widget, target, |p| p.count == *n).await,
            Step::Shot => self.screenshot(case).await,
            Step::Retry(button, target, fragment, times) => {
                for _ in 0..*times {
                    self.find(widget, button).await?.click().await?;
                    self.until(widget, button, |p| !p.busy).await?;
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

    /// Saves a PNG of the case's widget (or of the page, if there is no widget) as
    /// `<screenshots>/<case>.png`.
    pub(crate) async fn screenshot(&self, case: &Case) -> Result<()> {
        let dir = &self.screenshots;
        let png = match self.client.find(Locator::Css(case.widget)).await {
            Ok(el) => el.screenshot().await?,
            Err(_) => self.client.screenshot().await?,
        };
        std::fs::create_dir_all(dir)?;
        std::fs::write(dir.join(format!("{}.png", case.name)), png)?;
        Ok(())
    }

    /// The page's own error log, as a suffix for a failure message.
    pub(crate) async fn page_errors(&self) -> String {
        match self.client.execute(PAGE_ERRORS, vec![]).await {
            Ok(Value::String(text)) if !text.trim().is_empty() => {
                format!(
                    "; the page reported: {}",
                    shorten(&scrub(text.trim()), 4000)
                )
            }
            _ => String::new(),
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
        ready: impl Fn(&Probe) -> bool,
    ) -> Result<()> {
        let css = selector(widget, target);
        let deadline = Instant::now() + WAIT;
        loop {
            let probe = self.probe(&css, widget).await?;
            if ready(&probe) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(
                    format!("after {WAIT:?}, `{target}` shows {}", probe.describe()).into(),
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

/// The Chromium to drive: `$CHROMIUM`, else Debian's, else ChromeDriver's own choice.
fn chromium_binary() -> Option<String> {
    std::env::var("CHROMIUM").ok().or_else(|| {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
            .iter()
            .find(|path| Path::new(path).is_file())
            .map(|path| (*path).to_owned())
    })
}
