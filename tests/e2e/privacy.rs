//! The privacy audit: one full session with the widget on the fixture page, then a check
//! of everything the browser saw against "Secret handling" in ARCHITECTURE.md; damaged
//! pastes of keys in both widgets, and what each leaves on the page; and, in the proxied
//! engines, that the browser asked no host but 127.0.0.1 all run long.
//!
//! The session types a demo key, repairs a lower-cased copy, tests it, copies the redacted
//! key and the curl command (the clipboard is read back), puts the key into a ticket in the
//! support panel and tests it there, tries a host that needs confirmation without
//! confirming, and clears both widgets. The audit then looks for the key's secret, as any
//! of its 8-character windows in any case, in the network log (in Chromium ChromeDriver's
//! performance log, the DevTools protocol's `Network.*` events; in Firefox and WebKit the
//! recording proxy's requests: URLs, bodies, headers), the browser log, storage (local,
//! session, cookies, IndexedDB), the page's URL and title, every attribute of every
//! element, and every field's value. The one place it may be is the `Authorization`
//! header of a request to the stand-in's `/api/v3/auth_info`, the cluster chosen; every
//! `Authorization` header must go there, and at least one must carry the key, so the
//! audit is known to see them.
//!
//! The damaged pastes ([`damaged_pastes`]) are the forms issue 8 names and keys damaged at
//! random by `test_support::damage`, each pasted into the form's Key Secret field and,
//! inside a ticket, into the support panel. After each, the widget's whole text
//! (`innerText` and `textContent`), every attribute of every element, every field's value
//! but the pasted field's own, and what "Copy redacted key", "Copy curl command" or "Copy
//! redacted text" put on the clipboard must hold no 8-character window of the secret,
//! with case, whitespace and invisible characters ignored (`test_support::oracle`).

use std::time::Duration;

use fantoccini::Locator;
use serde::Deserialize;
use serde_json::{json, Value};
use test_support::damage::{Damaged, Scope};
use test_support::keys;
use test_support::rng::Rng;
use tts_keycheck::SECRET_MASK;

use crate::browser::{scrub, shorten, Browser};
use crate::cases::{Case, Keys, Site, Step::*, FIXTURE, WORKS};
use crate::engine::Engine;
use crate::proxy::Recorded;
use crate::Result;

/// The fixture's form; it has no Content-Security-Policy, so only the widget stops a
/// request to another host.
const FORM: &str = "#form";
/// The fixture's support panel.
const SUPPORT: &str = "#support";
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
    /// Clicks a copy button of the widget (the clipboard replaced by a recorder) and
    /// waits until the status says it copied; what it copied must not hold a window of
    /// the secret, and must hold the mask.
    Copy {
        part: &'static str,
        copied: &'static str,
        secret: String,
    },
    /// No attribute of any element holds a window of the secret (field values may).
    Attributes(String),
    /// The whole audit, with the secret and the base URL of the chosen cluster.
    Audit { secret: String, base: String },
    /// Pastes each into the widget's field, and checks what the page then shows.
    Damaged(Target, Pastes),
    /// The browser asked the recording proxy for no origin but 127.0.0.1's, all run long.
    LoopbackOnly,
}

/// Where the damaged pastes go.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Target {
    /// The form's Key Secret field, as pasted.
    Form,
    /// The support panel's ticket, inside a short ticket.
    Support,
}

/// A damaged paste: what it is, the text pasted, and the secret it must never show.
#[derive(Clone)]
pub(crate) struct Paste {
    label: String,
    text: String,
    secret: String,
}

/// The damaged pastes of a case; a failing step names only how many (the texts hold
/// secrets).
#[derive(Clone)]
pub(crate) struct Pastes(Vec<Paste>);

impl std::fmt::Debug for Pastes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} damaged pastes", self.0.len())
    }
}

/// The audit's cases: the full session, and the damaged pastes in each widget. One line
/// per step, so not formatted.
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
        Privacy(Check::Copy { part: "copy-redacted", copied: "Copied the key with its secret redacted.", secret: secret.clone() }),
        Privacy(Check::Copy { part: "copy-curl", copied: "Copied the curl command.", secret: secret.clone() }),
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
    let case = |name: &str, widget, steps| Case { name: name.to_owned(), site: Site::Widget, page: FIXTURE.to_owned(), widget, steps };
    vec![
        case("privacy-full-run", FORM, steps),
        case("privacy-damaged-form", FORM, vec![Privacy(Check::Damaged(Target::Form, damaged_pastes(Scope::Paste)))]),
        case("privacy-damaged-support", SUPPORT, vec![Privacy(Check::Damaged(Target::Support, damaged_pastes(Scope::Text)))]),
    ]
}

/// The last case of a proxied engine: it asked for no origin but 127.0.0.1's all run long.
pub(crate) fn loopback_case() -> Case {
    Case {
        name: "network-loopback-only".to_owned(),
        site: Site::Widget,
        page: FIXTURE.to_owned(),
        widget: FORM,
        steps: vec![Privacy(Check::LoopbackOnly)],
    }
}

/// How many damaged pastes `test_support::damage` draws for each widget.
const GENERATED: u64 = 20;

/// The damaged pastes: every form issue 8 names, built from generated keys, then
/// [`GENERATED`] keys damaged at random within `scope` (`Paste` for the form, whose
/// promise covers any paste; `Text` for the support panel, whose redactor promises what a
/// text keeps recognisable), from fixed seeds.
pub(crate) fn damaged_pastes(scope: Scope) -> Pastes {
    let key = keys::seeded(8);
    let (id, secret) = (keys::id_of(&key), keys::secret_of(&key));
    let (head, tail) = secret.split_at(26);
    let mut pastes: Vec<(String, String, &str)> = Vec::new();
    let mut add = |label: &str, text: String| pastes.push((label.to_owned(), text, secret));
    for (label, text) in [
        ("first dot missing", format!("NNSXS{id}.{secret}")),
        ("prefix and secret", format!("NNSXS.{secret}")),
        ("no prefix", format!("{id}.{secret}")),
        ("comma for the first dot", format!("NNSXS,{id}.{secret}")),
        (
            "Bearer:, first dot missing",
            format!("Bearer: NNSXS{id}.{secret}"),
        ),
    ] {
        add(label, text.clone());
        add(&format!("{label}, lower case"), text.to_lowercase());
    }
    for (label, text) in [
        (
            "zero-width space inside",
            format!("NNSXS.{id}.{head}\u{200B}{tail}"),
        ),
        (
            "word joiner inside",
            format!("NNSXS.{id}.{head}\u{2060}{tail}"),
        ),
        (
            "no-break space inside",
            format!("NNSXS.{id}.{head}\u{00A0}{tail}"),
        ),
        (
            "soft hyphen inside",
            format!("NNSXS.{id}.{head}\u{00AD}{tail}"),
        ),
        (
            "quoted-printable break in the prefix",
            format!("NN=\nSXS.{id}.{secret}"),
        ),
        (
            "quoted-printable break after the prefix",
            format!("NNSXS=\n.{id}.{secret}"),
        ),
        (
            "quoted-printable break in the secret",
            format!("NNSXS.{id}.{head}=\r\n{tail}"),
        ),
        (
            "dots escaped as \\u002E",
            format!("NNSXS\\u002E{id}\\u002E{secret}"),
        ),
        (
            "dots escaped as \\x2e",
            format!("NNSXS\\x2e{id}\\x2e{secret}"),
        ),
        (
            "dots escaped as %252E",
            format!("NNSXS%252E{id}%252E{secret}"),
        ),
        (
            "a JSON \\n inside",
            format!("{{\"key\": \"NNSXS.{id}.{head}\\n{tail}\"}}"),
        ),
        ("both dots missing", format!("NNSXS{id}{secret}")),
        (
            "wrapped behind `| `",
            format!("| NNSXS.{id}.{head}\n| {tail}"),
        ),
        (
            "wrapped behind `: `",
            format!(": NNSXS.{id}.{head}\n: {tail}"),
        ),
        (
            "wrapped behind `> > > `",
            format!("> > > NNSXS.{id}.{head}\n> > > {tail}"),
        ),
        (
            "a hyphen at the wrap",
            format!("NNSXS.{id}.{head}-\n{tail}"),
        ),
    ] {
        add(label, text);
    }
    let mut pastes: Vec<Paste> = pastes
        .into_iter()
        .map(|(label, text, secret)| Paste {
            label,
            text,
            secret: secret.to_owned(),
        })
        .collect();
    // A secret whose 39th character could end a Key ID, after the prefix with and without
    // the dot: the first seeded key for each of those characters.
    for last in ['A', 'I', 'Q', 'Y'] {
        let Some(key) = (0..10_000)
            .map(keys::seeded)
            .find(|key| keys::secret_of(key).as_bytes()[38] == last as u8)
        else {
            continue;
        };
        let secret = keys::secret_of(&key).to_owned();
        pastes.push(Paste {
            label: format!("prefix and a secret with {last} 39th"),
            text: format!("NNSXS.{secret}"),
            secret: secret.clone(),
        });
        pastes.push(Paste {
            label: format!("prefix glued to a secret with {last} 39th"),
            text: format!("NNSXS{secret}"),
            secret,
        });
    }
    for seed in 1..=GENERATED {
        let damaged = Damaged::generate(&mut Rng::new(seed), scope);
        pastes.push(Paste {
            label: format!("generated, seed {seed} ({:?})", damaged.ops),
            text: damaged.text(),
            secret: damaged.secret().to_owned(),
        });
    }
    Pastes(pastes)
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
        Check::Copy {
            part,
            copied,
            secret,
        } => copy(browser, case, part, copied, secret).await,
        Check::Attributes(secret) => {
            let found = in_dom(browser, &windows(secret), false).await?;
            if found.is_empty() {
                Ok(())
            } else {
                Err(format!("the secret is in attribute(s): {}", found.join(", ")).into())
            }
        }
        Check::Audit { secret, base } => audit(browser, secret, base).await,
        Check::Damaged(target, pastes) => damaged(browser, case, *target, pastes).await,
        Check::LoopbackOnly => {
            let origins = browser.origins();
            let others: Vec<&String> = origins
                .iter()
                .filter(|origin| !origin.starts_with("http://127.0.0.1:"))
                .collect();
            if origins.is_empty() {
                Err("the proxy saw no request at all".into())
            } else if others.is_empty() {
                Ok(())
            } else {
                Err(format!("the browser asked for {others:?} (all origins: {origins:?})").into())
            }
        }
    }
}

/// Replaces `navigator.clipboard.writeText` by a recorder of what it is given
/// (`window.e2eClipboard`), so no engine asks for a permission and the test reads what
/// the widget copied.
const STUB_CLIPBOARD: &str = r#"
window.e2eClipboard = [];
const record = (text) => { window.e2eClipboard.push(String(text)); return Promise.resolve(); };
if (navigator.clipboard) {
  Object.defineProperty(navigator.clipboard, "writeText", { configurable: true, value: record });
} else {
  Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText: record } });
}
return true;
"#;

/// Clicks a copy button after emptying the status, waits for its answer, and checks what
/// went to the clipboard.
async fn copy(
    browser: &Browser,
    case: &Case,
    part: &str,
    copied: &str,
    secret: &str,
) -> Result<()> {
    const STATUS: &str = r#"
const el = document.querySelector(arguments[0]);
if (arguments[1] === null) { el.textContent = ""; return true; }
return el.textContent.includes(arguments[1]);
"#;
    browser.execute(STUB_CLIPBOARD, vec![]).await?;
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
        .await?;
    let texts: Vec<String> = serde_json::from_value(
        browser
            .execute("return window.e2eClipboard;", vec![])
            .await?,
    )?;
    match texts.as_slice() {
        [text] if shows(text, secret) => Err(format!(
            "`{part}` copied the secret: {}",
            masked(text, &windows(secret))
        )
        .into()),
        [text] if !text.contains(SECRET_MASK) => {
            Err(format!("`{part}` copied no {SECRET_MASK}: {}", scrub(text)).into())
        }
        [_] => Ok(()),
        _ => Err(format!(
            "`{part}` wrote {} text(s) to the clipboard, not one",
            texts.len()
        )
        .into()),
    }
}

/// Whether shown text holds an 8-character window of the secret, with ASCII case,
/// whitespace and the characters a paste inserts invisibly (soft hyphens, zero-width
/// characters, no-break spaces) ignored.
fn shows(text: &str, secret: &str) -> bool {
    let visible: String = text
        .chars()
        .filter(|&c| !c.is_whitespace() && !is_invisible(c))
        .collect();
    test_support::oracle::leaks(&visible, secret)
}

/// The format characters that render as nothing.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
}

/// What the page shows after a paste (see [`COLLECT`]).
#[derive(Debug, Deserialize)]
struct Shown {
    text: String,
    content: String,
    /// Where (element and attribute name) and the attribute's value.
    attributes: Vec<(String, String)>,
    /// Where (element) and the field's value.
    values: Vec<(String, String)>,
    copied: Vec<String>,
}

/// Puts a text into a field at once and fires `input`, as a paste does.
const PASTE_INTO: &str = r#"
const el = document.querySelector(arguments[0]);
if (!el) return false;
el.focus();
el.value = arguments[1];
el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
return true;
"#;

/// Whether the widget has shown its answer to the field's text: for an empty field, an
/// empty answer element; otherwise a non-empty one.
const ANSWERED: &str = r#"
const [answer, empty] = arguments;
const el = document.querySelector(answer);
return !!el && (el.innerHTML.trim() === "") === empty;
"#;

/// Clicks the widget's copy buttons (the clipboard is a recorder) and reads what the page
/// shows: the widget's text, every attribute, every field's value but the pasted field's.
const COLLECT: &str = r##"
const [widgetCss, fieldCss, copyParts] = arguments;
const widget = document.querySelector(widgetCss);
const field = document.querySelector(fieldCss);
window.e2eClipboard = [];
for (const part of copyParts) {
  const button = widget.querySelector(`[data-part="${part}"]`);
  if (button) button.click();
}
const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
  (el.dataset && el.dataset.part ? `[data-part="${el.dataset.part}"]` : "");
const attributes = [];
for (const el of document.querySelectorAll("*")) {
  for (const attr of el.attributes) attributes.push([`${name(el)} @${attr.name}`, `${attr.name}=${attr.value}`]);
}
const values = [...document.querySelectorAll("input, textarea, select")]
  .filter((el) => el !== field)
  .map((el) => [name(el), el.value]);
return { text: widget.innerText, content: widget.textContent, attributes, values, copied: window.e2eClipboard };
"##;

/// Pastes each damaged paste into the target (after emptying it, so each answer is
/// awaited afresh), and lists every place that shows a window of its secret.
async fn damaged(browser: &Browser, case: &Case, target: Target, pastes: &Pastes) -> Result<()> {
    let pastes = &pastes.0;
    let widget = case.widget;
    let part = |name: &str| format!("{widget} [data-part=\"{name}\"]");
    let (field, answer, copies): (String, String, &[&str]) = match target {
        Target::Form => (
            part("secret"),
            part("anatomy"),
            &["copy-redacted", "copy-curl"],
        ),
        Target::Support => (part("ticket"), part("status"), &["copy-redacted"]),
    };
    browser.execute(STUB_CLIPBOARD, vec![]).await?;
    let mut problems = Vec::new();
    let mut failed = 0;
    for paste in pastes {
        let found = problems.len();
        let text = match target {
            Target::Form => paste.text.clone(),
            Target::Support => format!(
                "Hello,\nIotBridge says my key is wrong:\n{}\nThanks\n",
                paste.text
            ),
        };
        for (value, empty) in [("", true), (text.as_str(), false)] {
            if browser
                .execute(PASTE_INTO, vec![json!(field), json!(value)])
                .await?
                != json!(true)
            {
                return Err(format!("`{field}` not found").into());
            }
            let what = format!("the widget's answer to the paste `{}`", paste.label);
            browser
                .wait_true(&what, ANSWERED, vec![json!(answer), json!(empty)])
                .await?;
        }
        let shown: Shown = serde_json::from_value(
            browser
                .execute(COLLECT, vec![json!(widget), json!(field), json!(copies)])
                .await?,
        )?;
        let mut places: Vec<(String, &str)> = vec![
            ("the widget's innerText".to_owned(), shown.text.as_str()),
            (
                "the widget's textContent".to_owned(),
                shown.content.as_str(),
            ),
        ];
        places.extend(
            shown
                .attributes
                .iter()
                .map(|(at, text)| (format!("the attribute {at}"), text.as_str())),
        );
        places.extend(
            shown
                .values
                .iter()
                .map(|(at, text)| (format!("the value of {at}"), text.as_str())),
        );
        places.extend(
            shown
                .copied
                .iter()
                .map(|text| ("the clipboard".to_owned(), text.as_str())),
        );
        for (place, text) in places {
            if shows(text, &paste.secret) {
                problems.push(format!(
                    "{}: the secret shows in {place}: {}",
                    paste.label,
                    around_leak(&hidden(text, &paste.secret))
                ));
            }
        }
        failed += usize::from(problems.len() > found);
    }
    if problems.is_empty() {
        return Ok(());
    }
    let shown: Vec<&str> = problems.iter().take(SHOWN).map(String::as_str).collect();
    Err(format!(
        "{failed} of {} damaged pastes show their secret, in {} place(s); the first {}:\n  {}",
        pastes.len(),
        problems.len(),
        shown.len(),
        shown.join("\n  ")
    )
    .into())
}

/// What the failure message puts in place of a shown piece of the secret.
const HIDDEN: char = '▒';

/// The text with every character of a shown window of the secret (as [`shows`] finds
/// them: case, whitespace and invisible characters ignored) replaced by [`HIDDEN`].
fn hidden(text: &str, secret: &str) -> String {
    let visible = |c: &char| !c.is_whitespace() && !is_invisible(*c);
    let kept: Vec<(usize, char)> = text
        .char_indices()
        .filter(|(_, c)| visible(c))
        .map(|(at, c)| (at, c.to_ascii_uppercase()))
        .collect();
    let secret: Vec<char> = secret
        .chars()
        .filter(visible)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let windows: std::collections::HashSet<&[char]> = secret.windows(WINDOW).collect();
    let letters: Vec<char> = kept.iter().map(|(_, c)| *c).collect();
    let mut shown = std::collections::HashSet::new();
    for (n, window) in letters.windows(WINDOW).enumerate() {
        if windows.contains(window) {
            shown.extend(kept[n..n + WINDOW].iter().map(|(at, _)| *at));
        }
    }
    text.char_indices()
        .map(|(at, c)| if shown.contains(&at) { HIDDEN } else { c })
        .collect()
}

/// The text around its first hidden window, on one line, for a failure message.
fn around_leak(hidden: &str) -> String {
    let line: String = hidden.split_whitespace().collect::<Vec<_>>().join(" ");
    let at = line.find(HIDDEN).unwrap_or(0);
    let start = line[..at]
        .char_indices()
        .rev()
        .nth(60)
        .map_or(0, |(i, _)| i);
    shorten(&line[start..], 140)
}

/// Every place the audit looks, each problem found; fails with all of them.
async fn audit(browser: &Browser, secret: &str, base: &str) -> Result<()> {
    let windows = windows(secret);
    if windows.is_empty() {
        return Err("the stand-in has no `org-ok` key to audit with".into());
    }
    tokio::time::sleep(SETTLE).await;
    let mut problems = match browser.engine() {
        Engine::Chromium => network(&browser.performance_log().await?, &windows, base),
        Engine::Firefox | Engine::WebKit => proxied(&browser.requests(), &windows, base),
    };
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

/// What the recording proxy saw, by the same rules as [`network`]: the secret only in the
/// `Authorization` header of requests to `{base}/api/v3/auth_info`, every such header
/// going there, at least one with the key, and no request to the unconfirmed host.
fn proxied(requests: &[Recorded], windows: &[String], base: &str) -> Vec<String> {
    let allowed = format!("{base}/api/v3/auth_info");
    let mut problems = Vec::new();
    let mut with_key = 0;
    for request in requests {
        let what = format!(
            "{} {}",
            request.method,
            shorten(&masked(&request.url, windows), 200)
        );
        if request.url.contains(OTHER_HOST_NAME)
            || request
                .headers
                .iter()
                .any(|(_, value)| value.contains(OTHER_HOST_NAME))
        {
            problems.push(format!(
                "{what} mentions {OTHER_HOST_NAME}, which was never confirmed"
            ));
        }
        if has_window(&request.url, windows) {
            problems.push(format!("{what} has the secret in its URL"));
        }
        if has_window(&request.body, windows) {
            problems.push(format!("{what} has the secret in its body"));
        }
        for (name, value) in &request.headers {
            if name.eq_ignore_ascii_case("authorization") {
                if request.url != allowed {
                    problems.push(format!(
                        "{what}: an Authorization header went there, not to {allowed}"
                    ));
                } else if has_window(value, windows) {
                    with_key += 1;
                }
            } else if has_window(name, windows) || has_window(value, windows) {
                problems.push(format!(
                    "{what} has the secret in its header {}",
                    masked(name, windows)
                ));
            }
        }
    }
    // The audit must see requests and their headers, or it proves nothing.
    if requests.is_empty() {
        problems.push("the proxy saw no request at all".to_owned());
    }
    if with_key == 0 {
        problems.push(format!(
            "the proxy saw no Authorization header with the key to {allowed}"
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
