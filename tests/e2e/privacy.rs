//! The privacy audit: one full session with the widget on the fixture page, then a check
//! of everything the browser saw against "Secret handling" in ARCHITECTURE.md.
//!
//! The session types a demo key, repairs a lower-cased copy, tests it, copies the redacted
//! key and the curl command, puts the key into a ticket in the support panel and tests it
//! there, tries a host that needs confirmation without confirming, and clears both
//! widgets. The audit then looks for the key's secret, as any of its 8-character windows
//! in any case, in ChromeDriver's performance log (the DevTools protocol's `Network.*`
//! events: URLs, bodies, headers), the browser log, storage (local, session, cookies,
//! IndexedDB), the page's URL and title, every attribute of every element, and every
//! field's value. The one place it may be is the `Authorization` header of a request to
//! the stand-in's `/api/v3/auth_info`, the cluster chosen; every `Authorization` header
//! must go there, and at least one must carry the key, so the audit is known to see them.

use std::time::Duration;

use fantoccini::Locator;
use serde_json::{json, Value};

use crate::browser::{scrub, shorten, Browser};
use crate::cases::{Case, Keys, Site, Step::*, FIXTURE, WORKS};
use crate::Result;

/// The fixture's form; it has no Content-Security-Policy, so only the widget stops a
/// request to another host.
const FORM: &str = "#form";
/// The fixture's support panel, its parts as page-wide selectors.
const TICKET: &str = "#support [data-part=\"ticket\"]";
const REDACTED: &str = "#support [data-part=\"redacted\"]";
const TEST_ALL: &str = "#support [data-part=\"test-all\"]";
const FIRST_FINDING: &str = "#support [data-part=\"findings\"] [data-row=\"0\"]";
const SUPPORT_CLEAR: &str = "#support [data-part=\"clear\"]";
const SUPPORT_STATUS: &str = "#support [data-part=\"status\"]";
/// A host that is no The Things Stack cluster, so the widget asks before sending a key.
const OTHER_HOST: &str = "https://evil.example";
/// Its host name, as it would show in any request.
const OTHER_HOST_NAME: &str = "evil.example";
/// What the form says under the address while such a host is not confirmed (Test key
/// is disabled then, so a click on it does nothing).
const NOT_CONFIRMED: &str = "Your key would be sent to this server. Tick the box if you trust it.";
/// How long the audit lets a late request reach the log before reading it.
const SETTLE: Duration = Duration::from_millis(500);
/// How many problems a failure lists.
const SHOWN: usize = 12;
/// The length of the windows of the secret the audit looks for.
const WINDOW: usize = 8;

/// A step of the privacy audit.
#[derive(Debug, Clone)]
pub(crate) enum Check {
    /// Chooses the option with this value in the widget's select (a `data-part`), as a
    /// user does.
    Choose(&'static str, &'static str),
    /// Clicks a copy button of the widget and waits until the status says it copied, or
    /// that the browser did not allow it (headless Chromium may deny the clipboard).
    Copy(&'static str, &'static str),
    /// No attribute of any element holds a window of the secret (field values may).
    Attributes(String),
    /// The whole audit, with the secret and the base URL of the chosen cluster.
    Audit { secret: String, base: String },
}

/// The audit's case. One line per step, so not formatted.
#[rustfmt::skip]
pub(crate) fn cases(keys: &Keys, standin_url: &str) -> Vec<Case> {
    let key = keys.get("org-ok");
    let secret = key.rsplit('.').next().unwrap_or_default().to_owned();
    let ticket = format!("Hello,\nIotBridge refuses my key\n  {key}\nwhat is wrong?\n");
    let steps = vec![
        Type("secret", key.clone()),
        Has("secret-msgs", "Well-formed API key."),
        Paste("secret", key.to_lowercase()),
        Shown("repair"),
        Click("repair"),
        Has("status", "Repaired."),
        Paste("org", "demo-org".into()),
        Click("test"),
        Has("report", WORKS),
        Privacy(Check::Copy("copy-redacted", "Copied the key with its secret redacted.")),
        Privacy(Check::Copy("copy-curl", "Copied the curl command.")),
        Paste(TICKET, ticket),
        ValueHas(REDACTED, "[REDACTED]"),
        Click(TEST_ALL),
        Has(FIRST_FINDING, "works"),
        Privacy(Check::Attributes(secret.clone())),
        // A host that needs confirmation, not confirmed: nothing may go there.
        Privacy(Check::Choose("cluster", "https://eu1.cloud.thethings.network")),
        Privacy(Check::Choose("cluster", "custom")),
        Type("custom", OTHER_HOST.into()),
        Paste("secret", key),
        Shown("confirm-row"),
        Disabled("test"),
        Click("test"),
        Has("cluster-msgs", NOT_CONFIRMED),
        Privacy(Check::Attributes(secret.clone())),
        Click("clear"),
        Has("status", "Cleared."),
        Click(SUPPORT_CLEAR),
        Has(SUPPORT_STATUS, "Cleared."),
        Privacy(Check::Audit { secret, base: standin_url.to_owned() }),
    ];
    vec![Case { name: "privacy-full-run".to_owned(), site: Site::Widget, page: FIXTURE.to_owned(), widget: FORM, steps }]
}

/// Runs one step of the audit.
pub(crate) async fn check(browser: &Browser, case: &Case, check: &Check) -> Result<()> {
    match check {
        Check::Choose(part, value) => {
            let css = format!("{} [data-part=\"{part}\"]", case.widget);
            let select = browser.client().find(Locator::Css(&css)).await?;
            select.select_by_value(value).await?;
            Ok(())
        }
        Check::Copy(part, copied) => copy(browser, case, part, copied).await,
        Check::Attributes(secret) => {
            let found = in_dom(browser, &windows(secret), false).await?;
            if found.is_empty() {
                Ok(())
            } else {
                Err(format!("the secret is in attribute(s): {}", found.join(", ")).into())
            }
        }
        Check::Audit { secret, base } => audit(browser, secret, base).await,
    }
}

/// Clicks a copy button after emptying the status, and waits for its answer.
async fn copy(browser: &Browser, case: &Case, part: &str, copied: &str) -> Result<()> {
    const STATUS: &str = r#"
const el = document.querySelector(arguments[0]);
if (arguments[1] === null) { el.textContent = ""; return true; }
const text = el.textContent;
return text.includes(arguments[1]) || text.includes("The browser did not allow copying.");
"#;
    let status = format!("{} [data-part=\"status\"]", case.widget);
    browser
        .execute(STATUS, vec![json!(status), Value::Null])
        .await?;
    let css = format!("{} [data-part=\"{part}\"]", case.widget);
    browser
        .client()
        .find(Locator::Css(&css))
        .await?
        .click()
        .await?;
    browser
        .wait_true(
            "answer from the clipboard",
            STATUS,
            vec![json!(status), json!(copied)],
        )
        .await
}

/// Every place the audit looks, each problem found; fails with all of them.
async fn audit(browser: &Browser, secret: &str, base: &str) -> Result<()> {
    let windows = windows(secret);
    if windows.is_empty() {
        return Err("the stand-in has no `org-ok` key to audit with".into());
    }
    tokio::time::sleep(SETTLE).await;
    let mut problems = network(&browser.performance_log().await?, &windows, base);
    for entry in browser.log().await? {
        if has_window(&entry.message, &windows) {
            problems.push(format!(
                "the browser log has the secret: {}",
                shorten(&masked(&entry.message, &windows), 200)
            ));
        }
    }
    problems.extend(storage(browser, &windows).await?);
    for place in in_dom(browser, &windows, true).await? {
        problems.push(format!("after Clear, the secret is in {place}"));
    }
    if problems.is_empty() {
        return Ok(());
    }
    // With the secret masked, many read the same: list each once, with its count.
    let mut distinct: Vec<(String, usize)> = Vec::new();
    for problem in &problems {
        match distinct.iter_mut().find(|(seen, _)| seen == problem) {
            Some((_, count)) => *count += 1,
            None => distinct.push((problem.clone(), 1)),
        }
    }
    let shown: Vec<String> = distinct
        .iter()
        .take(SHOWN)
        .map(|(problem, count)| match count {
            1 => problem.clone(),
            _ => format!("{problem} (×{count})"),
        })
        .collect();
    Err(format!(
        "{} problem(s), {} distinct, the first {}: {}",
        problems.len(),
        distinct.len(),
        shown.len(),
        shown.join("; ")
    )
    .into())
}

/// What the network events show: the secret only in the `Authorization` header of
/// requests to `{base}/api/v3/auth_info`, every such header going there, none missing,
/// and no request to the unconfirmed host.
fn network(events: &[Value], windows: &[String], base: &str) -> Vec<String> {
    let allowed = format!("{base}/api/v3/auth_info");
    // `requestWillBeSentExtraInfo` has no URL, and may come before its request.
    let urls: std::collections::HashMap<&str, &str> = events
        .iter()
        .filter(|event| event["method"] == "Network.requestWillBeSent")
        .filter_map(|event| {
            let params = &event["params"];
            Some((
                params["requestId"].as_str()?,
                params["request"]["url"].as_str()?,
            ))
        })
        .collect();
    let mut problems = Vec::new();
    let (mut requests, mut with_key) = (0, 0);
    for event in events {
        let method = event["method"].as_str().unwrap_or_default();
        if !method.starts_with("Network.") {
            continue;
        }
        if event.to_string().contains(OTHER_HOST_NAME) {
            problems.push(format!(
                "{method} mentions {OTHER_HOST_NAME}, which was never confirmed"
            ));
        }
        if method == "Network.requestWillBeSent" {
            requests += 1;
        }
        let url = event["params"]["requestId"]
            .as_str()
            .and_then(|id| urls.get(id).copied())
            .unwrap_or("an unknown URL");
        let mut params = event["params"].clone();
        // Where a request's headers are: in the request, in its extra info, and (in older
        // Chromium) repeated in the response.
        for at in ["/request/headers", "/headers", "/response/requestHeaders"] {
            let Some(headers) = params.pointer_mut(at).and_then(Value::as_object_mut) else {
                continue;
            };
            let names: Vec<String> = headers
                .keys()
                .filter(|name| name.eq_ignore_ascii_case("authorization"))
                .cloned()
                .collect();
            for name in names {
                if url != allowed {
                    problems.push(format!(
                        "{method}: an Authorization header went to {}, not to {allowed}",
                        shorten(&masked(url, windows), 200)
                    ));
                    continue;
                }
                if headers
                    .remove(&name)
                    .is_some_and(|value| has_window(&value.to_string(), windows))
                {
                    with_key += 1;
                }
            }
        }
        let mut found = Vec::new();
        leaks(&params, "params", windows, &mut found);
        for path in found {
            problems.push(format!(
                "{method} to {} has the secret in {path}",
                shorten(&masked(url, windows), 200)
            ));
        }
    }
    // The audit must see requests and their headers, or it proves nothing.
    if requests == 0 {
        problems.push("the performance log shows no request at all".to_owned());
    }
    if with_key == 0 {
        problems.push(format!(
            "the performance log shows no Authorization header with the key to {allowed}"
        ));
    }
    problems
}

/// The JSON paths below `path` whose keys or string values hold a window of the secret.
fn leaks(value: &Value, path: &str, windows: &[String], found: &mut Vec<String>) {
    match value {
        Value::String(text) if has_window(text, windows) => found.push(path.to_owned()),
        Value::Array(items) => {
            for (n, item) in items.iter().enumerate() {
                leaks(item, &format!("{path}[{n}]"), windows, found);
            }
        }
        Value::Object(map) => {
            for (name, item) in map {
                let below = format!("{path}.{}", masked(name, windows));
                if has_window(name, windows) {
                    found.push(format!("the name of {below}"));
                }
                leaks(item, &below, windows, found);
            }
        }
        _ => {}
    }
}

/// What the page's origin stores: it stores nothing, so every store must be empty.
async fn storage(browser: &Browser, windows: &[String]) -> Result<Vec<String>> {
    const STORES: &str = r#"
const entries = (store) => Object.keys(store).map((k) => k + "=" + store.getItem(k));
return {
  "localStorage": entries(localStorage),
  "sessionStorage": entries(sessionStorage),
  "document.cookie": document.cookie ? [document.cookie] : [],
};
"#;
    const DATABASES: &str = r#"
const done = arguments[arguments.length - 1];
indexedDB.databases().then(
  (dbs) => done(dbs.map((db) => db.name)),
  (err) => done(["(indexedDB.databases() failed: " + err + ")"]),
);
"#;
    let mut stores: serde_json::Map<String, Value> =
        serde_json::from_value(browser.execute(STORES, vec![]).await?)?;
    stores.insert(
        "IndexedDB".to_owned(),
        browser.execute_async(DATABASES, vec![]).await?,
    );
    let mut problems = Vec::new();
    for (store, items) in stores {
        let items: Vec<String> = serde_json::from_value(items)?;
        if !items.is_empty() {
            let shown: Vec<String> = items
                .iter()
                .map(|item| shorten(&masked(item, windows), 80))
                .collect();
            problems.push(format!("{store} is not empty: {}", shown.join(", ")));
        }
    }
    Ok(problems)
}

/// Where in the document a window of the secret is: every attribute of every element
/// (shadow roots included), the URL, the title; with `values`, every field's value too.
async fn in_dom(browser: &Browser, windows: &[String], values: bool) -> Result<Vec<String>> {
    const WALK: &str = r##"
const [windows, values] = arguments;
const has = (text) => { const t = String(text).toLowerCase(); return windows.some((w) => t.includes(w)); };
const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
  (el.dataset && el.dataset.part ? `[data-part="${el.dataset.part}"]` : "");
const found = [];
if (has(location.href)) found.push("the page's URL");
if (has(document.title)) found.push("the page's title");
const walk = (root) => {
  for (const el of root.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (has(attr.name) || has(attr.value)) found.push(`the attribute ${attr.name} of ${name(el)}`);
    }
    if (values && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && has(el.value)) {
      found.push(`the value of ${name(el)}`);
    }
    if (el.shadowRoot) walk(el.shadowRoot);
  }
};
walk(document);
return found;
"##;
    let found = browser
        .execute(WALK, vec![json!(windows), json!(values)])
        .await?;
    Ok(serde_json::from_value(found)?)
}

/// The secret's 8-character windows, lower-cased (the audit compares lower-cased text, so
/// a lower-cased or upper-cased copy counts too).
fn windows(secret: &str) -> Vec<String> {
    let lower = secret.to_ascii_lowercase();
    let mut windows: Vec<String> = lower
        .as_bytes()
        .windows(WINDOW)
        .map(|w| String::from_utf8_lossy(w).into_owned())
        .collect();
    windows.sort();
    windows.dedup();
    windows
}

/// Whether the text holds any window, in any case.
fn has_window(text: &str, windows: &[String]) -> bool {
    let lower = text.to_ascii_lowercase();
    windows.iter().any(|w| lower.contains(w.as_str()))
}

/// The text with every window of the secret in it masked, for a failure message.
fn masked(text: &str, windows: &[String]) -> String {
    let lower = text.to_ascii_lowercase();
    let mut secret = vec![false; text.len()];
    for window in windows {
        for (at, _) in lower.match_indices(window.as_str()) {
            secret[at..at + window.len()].fill(true);
        }
    }
    let mut out = String::with_capacity(text.len());
    for (at, ch) in text.char_indices() {
        if !secret[at] {
            out.push(ch);
        } else if !out.ends_with('…') {
            out.push('…');
        }
    }
    scrub(&out)
}
