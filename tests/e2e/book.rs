//! The built book's cases: the site `cargo xtask build` assembles in `target/site/` (the
//! mdBook, with the widget under `tts-keycheck/`), served as deployed by the test's static
//! server, with the demo meta pointing the widgets at the stand-in.
//!
//! Every page loads with no console error and no Content-Security-Policy violation, and
//! carries the policy; every widget mounts in each of mdBook's themes and follows it; the
//! policy blocks other hosts and allows the stand-in; search finds the error names; print
//! hides the widgets; the live check works inside the book.
//!
//! The pages are found at run time, so a new chapter is tested without a new line here.
//! What the browser logged comes from ChromeDriver's browser log (`goog:loggingPrefs`),
//! which also holds what happens before any page script runs: a CSP violation of an
//! inline script, or an error in the first script.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::json;

use crate::browser::{scrub, shorten, Browser, LogEntry};
use crate::cases::{Case, Keys, Site, Step, Step::*, WORKS};
use crate::Result;

/// The widgets on a book page, as the loader finds them. A case's steps and screenshot
/// use the first one; the screenshot shows the page when there is none (or it is hidden).
const WIDGET: &str = "[data-tts-keycheck]";
/// The chapter with the checker, and one widget.
const CHECK_KEY: &str = "check-key.html";
/// mdBook 0.5's search field; `s` or `/` opens it.
const SEARCH_BAR: &str = "#mdbook-searchbar";
/// How every page's policy starts (`book/theme/head.hbs`).
const POLICY_START: &str = "default-src 'self'";
/// A host the policy does not allow.
const OTHER_HOST: &str = "https://example.org/";

/// mdBook's five themes, each with the kind of background the widget must show in it.
const THEMES: [(&str, Shade); 5] = [
    ("rust", Shade::Light),
    ("coal", Shade::Dark),
    ("navy", Shade::Dark),
    ("ayu", Shade::Dark),
    // Last, so later cases see the book's default theme again.
    ("light", Shade::Light),
];

/// A check of the built book: a [`Step`] of a book case.
#[derive(Debug, Clone)]
pub(crate) enum Check {
    /// The browser logged no error and no Content-Security-Policy violation since the page
    /// was loaded (or since the log was last read). Every book case ends with it.
    Clean,
    /// The page's `<head>` has exactly one Content-Security-Policy meta, its policy starts
    /// with `default-src 'self'`, and it comes before every script and style sheet.
    Policy,
    /// `fetch(url)` fails because of the policy: it rejects, the page gets a
    /// `securitypolicyviolation` event for `connect-src`, and the browser logs the violation.
    Blocked(&'static str),
    /// `fetch(url)` is allowed: it answers 200, with no violation.
    Allowed(String),
    /// Chooses mdBook's theme as a returning reader has it (stored under
    /// `localStorage["mdbook-theme"]`, as the theme menu does), reloads, and waits until
    /// `<html>` has the theme's class and every widget is mounted again.
    Theme(&'static str),
    /// Every widget and its first field, and the page's first highlighted code block if it
    /// has one, show readable text (WCAG contrast of 4.5 or more) on a background of this
    /// shade.
    Colours(Shade),
    /// In print media every widget is hidden (and shown on screen before); the emulation
    /// lasts until the next page load, so the screenshot shows the print layout.
    Printed,
    /// On a cold load (no cache) the page arrives with the form's markup, its buttons
    /// disabled and a loading note, and the engine's mount moves nothing: the widget keeps
    /// its place and height, and the page records no layout shift; the page fetches the
    /// wasm of this build (`pkg-form`, `pkg`) and no other.
    Still(&'static str),
    /// On a cold load a key put into Key Secret as soon as the page is parsed, before the
    /// engine, stays there and gets its verdict once the engine is ready; prints the time
    /// from that input to the verdict.
    Early(String),
    /// The sidebar is shown (or hidden), and its toggle says so in `aria-expanded`.
    Sidebar(bool),
    /// Every picture in the chapter is a WebP with its width and height (the PNG's) set,
    /// the first has loaded at exactly that size, and every shown one (the zoomed copy
    /// too, when open) keeps that shape on the page.
    Pictures,
}

/// How light a widget's background must be in a theme; the bounds are apart, so the
/// widget's colours differ between a light and a dark theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shade {
    /// Relative luminance above 0.5.
    Light,
    /// Relative luminance below 0.2.
    Dark,
}

/// The book's cases, after the widget's: one per page, then one per feature. One line
/// per case, so not formatted.
#[rustfmt::skip]
pub(crate) fn cases(pages: &[Page], keys: &Keys, standin_url: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = pages.iter().map(|page| book(&format!("page-{}", page.name()), &page.path, vec![Book(Check::Policy)])).collect();
    cases.extend(pages.iter().filter(|page| page.has_widget).map(themes));
    cases.extend([
        // The theme menu, as a reader uses it: the widget follows at once; Auto is the default again.
        book("theme-menu", CHECK_KEY, vec![Click("#mdbook-theme-toggle"), Click("#mdbook-theme-navy"), Book(Check::Colours(Shade::Dark)), Click("#mdbook-theme-ayu"), Book(Check::Colours(Shade::Dark)), Click("#mdbook-theme-default_theme"), Book(Check::Colours(Shade::Light))]),
        book("csp-blocks-other-hosts", "index.html", vec![Book(Check::Blocked(OTHER_HOST)), Book(Check::Allowed(format!("{standin_url}/demo/keys")))]),
        search("api_key_not_found", "troubleshooting.html"),
        search("rate_limit_exceeded", "troubleshooting.html"),
        book("print-hides-widgets", "print.html", vec![Book(Check::Printed)]),
        book("form-before-engine", CHECK_KEY, vec![Book(Check::Still("pkg-form"))]),
        book("panel-before-engine", "support-staff.html", vec![Book(Check::Still("pkg"))]),
        book("typed-before-engine", CHECK_KEY, vec![Book(Check::Early(keys.get("org-ok"))), Has("secret-msgs", "Well-formed API key.")]),
        // The pictures as the site build gives them (xtask/src/site.rs), in the page and zoomed.
        book("pictures", "create-api-key.html", vec![Book(Check::Pictures), Click("#mdbook-content .checkbox-label"), Shown("#mdbook-content .img-wrapper img"), Book(Check::Pictures), Click("#mdbook-content .img-wrapper img"), Hidden("#mdbook-content .img-wrapper img")]),
        // The sidebar toggle (a button in book/theme/index.hbs) by click, then by Space on the focused button.
        book("sidebar-toggle", CHECK_KEY, vec![Book(Check::Sidebar(true)), Click("#mdbook-sidebar-toggle"), Book(Check::Sidebar(false)), Press(' '), Book(Check::Sidebar(true))]),
        // The live check in the chapter, against the stand-in the demo meta names.
        book("check-key-live", CHECK_KEY, vec![Paste("org", "demo-org".into()), Paste("secret", keys.get("org-ok")), Click("test"), Has("report", WORKS), Enabled("submit"), Click("submit"), Shown("result"), Has("result", "Paste these into IotBridge"), Has("result", "demo-org"), Has("status", "Credentials ready for IotBridge.")]),
    ]);
    cases
}

/// A case on a book page; it ends with [`Check::Clean`].
fn book(name: &str, page: &str, mut steps: Vec<Step>) -> Case {
    steps.push(Book(Check::Clean));
    Case {
        name: format!("book-{name}"),
        site: Site::Book,
        page: format!("/{page}"),
        widget: WIDGET,
        steps,
    }
}

/// Every widget on the page mounts in each of mdBook's themes and takes its colours.
fn themes(page: &Page) -> Case {
    let steps = THEMES
        .iter()
        .flat_map(|&(theme, shade)| [Book(Check::Theme(theme)), Book(Check::Colours(shade))])
        .collect();
    book(&format!("themes-{}", page.name()), &page.path, steps)
}

/// Opens the search with its key, types `term`, and waits for a result linking to `page`.
fn search(term: &str, page: &str) -> Case {
    let result = format!("#mdbook-searchresults a[href^=\"{page}\"]");
    let steps = vec![
        Press('s'),
        Shown(SEARCH_BAR),
        Type(SEARCH_BAR, term.to_owned()),
        Shown(leak(result)),
    ];
    book(&format!("search-{term}"), "index.html", steps)
}

/// A selector built at run time; the run builds few.
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// A page of the built book.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    /// Its path below the site's root, with `/` between folders.
    pub(crate) path: String,
    /// Whether its HTML has an element with a `data-tts-keycheck` attribute.
    pub(crate) has_widget: bool,
}

impl Page {
    /// The page's name in a case's name: its path without `.html`, `/` as `-`.
    fn name(&self) -> String {
        self.path.trim_end_matches(".html").replace('/', "-")
    }
}

/// The built site: `$TTS_KEYCHECK_SITE`, else `target/site` (both as `cargo xtask build`
/// leaves them).
pub(crate) fn site_dir(root: &Path) -> Result<PathBuf> {
    let site = match std::env::var_os("TTS_KEYCHECK_SITE") {
        Some(dir) => PathBuf::from(dir),
        None => root.join("target").join("site"),
    };
    let needed = [
        "index.html",
        "tts-keycheck/loader.js",
        "tts-keycheck/pkg/tts_keycheck_bg.wasm",
    ];
    match needed.iter().find(|file| !site.join(file).is_file()) {
        None => Ok(site),
        Some(missing) => Err(format!(
            "the site is not built ({} is missing): run `cargo xtask e2e`, or `cargo xtask build` first",
            site.join(missing).display()
        )
        .into()),
    }
}

/// Every HTML page of the book, sorted: all of `site` but the widget's own folder.
pub(crate) fn pages(site: &Path) -> Result<Vec<Page>> {
    let mut found = Vec::new();
    let mut folders = vec![site.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            if path.is_dir() {
                if path != site.join("tts-keycheck") {
                    folders.push(path);
                }
                continue;
            }
            if path.extension().is_none_or(|ext| ext != "html") {
                continue;
            }
            let relative = path.strip_prefix(site)?;
            let parts: Vec<String> = relative
                .components()
                .map(|part| part.as_os_str().to_string_lossy().into_owned())
                .collect();
            found.push(Page {
                path: parts.join("/"),
                has_widget: has_widget_element(&std::fs::read_to_string(&path)?),
            });
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    if found.is_empty() {
        return Err(format!("{} holds no HTML page", site.display()).into());
    }
    Ok(found)
}

/// Whether the HTML has `data-tts-keycheck` as an attribute of a tag, not as text (the
/// chapter about embedding names it in prose and code, where `<` is escaped).
fn has_widget_element(html: &str) -> bool {
    html.match_indices("data-tts-keycheck").any(|(at, _)| {
        let before = &html[..at];
        before.rfind('<') > before.rfind('>')
    })
}

/// Runs one check of a book case.
pub(crate) async fn check(browser: &Browser, check: &Check) -> Result<()> {
    match check {
        Check::Clean => clean(&browser.log().await?),
        Check::Policy => policy(browser).await,
        Check::Blocked(url) => blocked(browser, url).await,
        Check::Allowed(url) => allowed(browser, url).await,
        Check::Theme(theme) => {
            browser.execute(STORE_THEME, vec![json!(theme)]).await?;
            browser.reload().await?;
            let html = format!("<html> with the class `{theme}`");
            browser
                .wait_true(&html, HAS_THEME, vec![json!(theme)])
                .await?;
            browser.wait_mounted().await
        }
        Check::Colours(shade) => colours(browser, *shade).await,
        Check::Printed => printed(browser).await,
        Check::Still(build) => cold(browser, None, build).await,
        Check::Early(key) => cold(browser, Some(key), "pkg-form").await,
        Check::Pictures => {
            browser
                .wait_true("the first picture loaded", FIRST_PICTURE, vec![])
                .await?;
            let problems: Vec<String> =
                serde_json::from_value(browser.execute(PICTURES, vec![]).await?)?;
            if problems.is_empty() {
                Ok(())
            } else {
                Err(problems.join("; ").into())
            }
        }
        Check::Sidebar(shown) => {
            let what = format!("sidebar {}", if *shown { "shown" } else { "hidden" });
            browser.wait_true(&what, SIDEBAR, vec![json!(shown)]).await
        }
    }
}

/// Fails if any entry is an error or a Content-Security-Policy violation, naming them.
fn clean<'a>(entries: impl IntoIterator<Item = &'a LogEntry>) -> Result<()> {
    let bad: Vec<&LogEntry> = entries.into_iter().filter(|entry| entry.is_bad()).collect();
    if bad.is_empty() {
        return Ok(());
    }
    Err(format!("the browser logged {}", describe(&bad)).into())
}

fn describe(entries: &[&LogEntry]) -> String {
    entries
        .iter()
        .map(|entry| format!("{} {:?}", entry.level, shorten(&scrub(&entry.message), 400)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The page's Content-Security-Policy metas in `<head>`, and whether the first comes
/// before every script and style sheet (a policy applies only to what follows it).
const POLICY: &str = r#"
const metas = [...document.head.querySelectorAll("meta[http-equiv]")]
  .filter((m) => m.httpEquiv.toLowerCase() === "content-security-policy");
const loads = [...document.head.querySelectorAll("script, style, link[rel~=stylesheet], link[rel~=modulepreload]")];
const first = metas[0];
return {
  count: metas.length,
  content: first ? first.content : "",
  first: !!first && loads.every((el) => first.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
};
"#;

#[derive(Debug, Deserialize)]
struct Policy {
    count: usize,
    content: String,
    first: bool,
}

async fn policy(browser: &Browser) -> Result<()> {
    let found: Policy = serde_json::from_value(browser.execute(POLICY, vec![]).await?)?;
    if found.count != 1 {
        return Err(format!(
            "expected one Content-Security-Policy meta in <head>, found {}",
            found.count
        )
        .into());
    }
    if !found.content.starts_with(POLICY_START) {
        return Err(format!(
            "the policy starts {:?}, not {POLICY_START:?}",
            shorten(&found.content, 80)
        )
        .into());
    }
    if !found.first {
        return Err("a script or style sheet comes before the policy meta".into());
    }
    Ok(())
}

/// Fetches `arguments[0]` and reports how it ended and the `securitypolicyviolation`
/// events it caused (waiting up to a second for one, as the event is queued).
const FETCH: &str = r#"
const [url, done] = arguments;
const seen = [];
const listener = (e) => seen.push({ uri: e.blockedURI, directive: e.effectiveDirective, disposition: e.disposition });
document.addEventListener("securitypolicyviolation", listener);
(async () => {
  let outcome;
  try {
    const res = await fetch(url, { cache: "no-store", credentials: "omit" });
    outcome = { answered: res.status };
  } catch (err) {
    outcome = { rejected: String(err) };
  }
  for (let waited = 0; !seen.length && outcome.rejected && waited < 1000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  document.removeEventListener("securitypolicyviolation", listener);
  return { ...outcome, seen };
})().then(done, (err) => done({ rejected: "the test script failed: " + err, seen }));
"#;

#[derive(Debug, Deserialize)]
struct Fetched {
    answered: Option<u16>,
    rejected: Option<String>,
    seen: Vec<Violation>,
}

#[derive(Debug, Deserialize)]
struct Violation {
    uri: String,
    directive: String,
    disposition: String,
}

async fn fetch(browser: &Browser, url: &str) -> Result<Fetched> {
    let value = browser.execute_async(FETCH, vec![json!(url)]).await?;
    Ok(serde_json::from_value(value)?)
}

async fn blocked(browser: &Browser, url: &str) -> Result<()> {
    let fetched = fetch(browser, url).await?;
    if let Some(status) = fetched.answered {
        return Err(format!("fetch({url:?}) was allowed and answered {status}").into());
    }
    let origin = url.trim_end_matches('/');
    let violated = fetched.seen.iter().any(|v| {
        v.uri.starts_with(origin) && v.directive == "connect-src" && v.disposition == "enforce"
    });
    if !violated {
        return Err(format!(
            "fetch({url:?}) failed ({}), but not because of the policy: violations {:?}",
            fetched.rejected.unwrap_or_default(),
            fetched.seen
        )
        .into());
    }
    // The browser logs the violation too (and that the fetch was refused); anything else
    // it logged is a failure.
    let entries = browser.log().await?;
    let (ours, others): (Vec<&LogEntry>, Vec<&LogEntry>) = entries
        .iter()
        .partition(|entry| entry.message.contains(origin));
    if !ours.iter().any(|entry| entry.is_csp_violation()) {
        return Err(format!(
            "the browser logged no policy violation for {url}; it logged {}",
            describe(&entries.iter().collect::<Vec<_>>())
        )
        .into());
    }
    clean(others)
}

async fn allowed(browser: &Browser, url: &str) -> Result<()> {
    let fetched = fetch(browser, url).await?;
    match (fetched.answered, fetched.seen.is_empty()) {
        (Some(200), true) => Ok(()),
        (answered, _) => Err(format!(
            "fetch({url:?}) answered {answered:?}, failed {:?}, violations {:?}",
            fetched.rejected, fetched.seen
        )
        .into()),
    }
}

/// Whether the chapter's first picture has loaded.
const FIRST_PICTURE: &str = r##"
const img = document.querySelector("#mdbook-content main img");
return !!img && img.complete && img.naturalWidth > 0;
"##;

/// What is wrong with the chapter's pictures (see [`Check::Pictures`]).
const PICTURES: &str = r##"
const problems = [];
const all = [...document.querySelectorAll("#mdbook-content main img")];
if (!all.length) problems.push("the chapter has no picture");
all.forEach((img, n) => {
  const what = `picture ${n + 1} (${img.getAttribute("src")})`;
  const width = Number(img.getAttribute("width"));
  const height = Number(img.getAttribute("height"));
  if (!img.getAttribute("src").endsWith(".webp")) problems.push(`${what} is not a WebP`);
  if (!(width > 0 && height > 0)) { problems.push(`${what} has no width and height`); return; }
  if (img.complete && img.naturalWidth > 0 && (img.naturalWidth !== width || img.naturalHeight !== height)) {
    problems.push(`${what} is ${img.naturalWidth}x${img.naturalHeight}, not ${width}x${height}`);
  }
  const box = img.getBoundingClientRect();
  if (box.width > 0 && Math.abs(box.width / box.height - width / height) > 0.02) {
    problems.push(`${what} is drawn ${box.width}x${box.height}, not in the shape ${width}x${height}`);
  }
});
return problems;
"##;

/// Whether the sidebar is shown as `arguments[0]` says: the class book.js sets, the
/// sidebar's own state, and the toggle's `aria-expanded`.
const SIDEBAR: &str = r#"
const shown = arguments[0];
const toggle = document.getElementById("mdbook-sidebar-toggle");
const sidebar = document.getElementById("mdbook-sidebar");
return document.documentElement.classList.contains("sidebar-visible") === shown
  && toggle.getAttribute("aria-expanded") === String(shown)
  && sidebar.getAttribute("aria-hidden") === String(!shown)
  && (getComputedStyle(sidebar).display !== "none") === shown;
"#;

const STORE_THEME: &str = r#"localStorage.setItem("mdbook-theme", arguments[0]);"#;
const HAS_THEME: &str = "return document.documentElement.classList.contains(arguments[0]);";

/// The computed colours of every widget and of its first field.
const COLOURS: &str = r##"
const colours = (el, what) => {
  const style = getComputedStyle(el);
  return { what, background: style.backgroundColor, text: style.color };
};
const widgets = [...document.querySelectorAll("[data-tts-keycheck]")].flatMap((widget, n) => {
  const field = widget.querySelector("input:not([type=checkbox]), textarea, select");
  return [widget, field].filter(Boolean).map((el, i) => colours(el, `widget ${n + 1}${i ? "'s first field" : ""}`));
});
// The page's first highlighted code block, whose colours come from the highlight sheet of
// the theme (joined into one style sheet by xtask/src/styles.rs, scoped by theme).
const code = document.querySelector("#mdbook-content pre > code.hljs");
return widgets.length && code ? [...widgets, colours(code, "the first code block")] : widgets;
"##;

#[derive(Debug, Deserialize)]
struct Colours {
    what: String,
    background: String,
    text: String,
}

async fn colours(browser: &Browser, shade: Shade) -> Result<()> {
    let found: Vec<Colours> = serde_json::from_value(browser.execute(COLOURS, vec![]).await?)?;
    if found.is_empty() {
        return Err("the page has no widget".into());
    }
    for colours in &found {
        let background = luminance(&colours.background)?;
        let text = luminance(&colours.text)?;
        let contrast = (background.max(text) + 0.05) / (background.min(text) + 0.05);
        let shade_ok = match shade {
            Shade::Light => background > 0.5,
            Shade::Dark => background < 0.2,
        };
        if !shade_ok || contrast < 4.5 {
            return Err(format!(
                "{} shows {} on {} (contrast {contrast:.1}), not readable text on a {shade:?} background",
                colours.what, colours.text, colours.background
            )
            .into());
        }
    }
    Ok(())
}

/// The relative luminance (WCAG 2) of an opaque computed colour, `rgb(r, g, b)`.
fn luminance(css: &str) -> Result<f64> {
    let channels: Vec<f64> = css
        .strip_prefix("rgb(")
        .and_then(|rest| rest.strip_suffix(')'))
        .ok_or_else(|| format!("not an opaque rgb() colour: {css:?}"))?
        .split(',')
        .map(|part| part.trim().parse::<f64>())
        .collect::<std::result::Result<_, _>>()?;
    let [r, g, b] = channels[..] else {
        return Err(format!("not an rgb() colour: {css:?}").into());
    };
    let linear = |c: f64| {
        let c = c / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    Ok(0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b))
}

/// How many widget elements (`.tkc`: the widgets and the demo-key lists) are displayed.
const DISPLAYED: &str = r#"
const all = [...document.querySelectorAll(".tkc")];
return {
  print: matchMedia("print").matches,
  count: all.length,
  shown: all.filter((el) => getComputedStyle(el).display !== "none").length,
};
"#;

#[derive(Debug, Deserialize)]
struct Displayed {
    print: bool,
    count: usize,
    shown: usize,
}

async fn printed(browser: &Browser) -> Result<()> {
    let screen: Displayed = serde_json::from_value(browser.execute(DISPLAYED, vec![]).await?)?;
    if screen.print || screen.count == 0 || screen.shown != screen.count {
        return Err(format!("on screen, before printing: {screen:?}").into());
    }
    browser.emulate_media("print").await?;
    let print: Displayed = serde_json::from_value(browser.execute(DISPLAYED, vec![]).await?)?;
    if !print.print || print.count != screen.count || print.shown != 0 {
        return Err(format!("in print media: {print:?}").into());
    }
    Ok(())
}

/// Runs in every new document before its scripts (see [`cold`]), on the page as published
/// (the demo meta taken out as it arrives): records the first
/// widget's place and height when the page is parsed and again when the engine has
/// adopted its markup, the layout shifts from then on, and, given a key, puts it into Key Secret
/// at once and records when its verdict appears. Its record is `window.tkcCold`.
const COLD: &str = r##"
(() => {
  const key = __KEY__;
  const out = (window.tkcCold = { shifts: 0, moved: [], error: null, mounted: false });
  // The page as published: without the demo meta the test server adds (in demo mode the
  // form preselects the stand-in at mount, which opens the address rows).
  new MutationObserver((changes, observer) => {
    const meta = document.querySelector('meta[name="tts-keycheck-demo"]');
    if (meta) meta.remove();
    if (document.body) observer.disconnect();
  }).observe(document, { subtree: true, childList: true });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        // Only what moves once the engine has taken the markup over is the mount's doing
        // (web fonts and mdBook's sidebar move things earlier).
        if (entry.hadRecentInput || out.mountedAt === undefined || entry.startTime < out.mountedAt) continue;
        out.shifts += entry.value;
        for (const source of entry.sources || []) {
          const node = source.node;
          const name = !node ? "?" : node.nodeType === 1
            ? node.tagName.toLowerCase() + (node.id ? "#" + node.id : "") + (node.className ? "." + String(node.className).split(" ").join(".") : "")
            : node.nodeName;
          const [a, b] = [source.previousRect, source.currentRect];
          out.moved.push(`${name} at ${Math.round(entry.startTime)} ms: (${a.x},${a.y} ${a.width}×${a.height}) to (${b.x},${b.y} ${b.width}×${b.height})`);
        }
      }
    }).observe({ type: "layout-shift", buffered: true });
  } catch (err) {
    out.error = "no layout-shift entries: " + err;
  }
  const place = (el) => {
    const box = el.getBoundingClientRect();
    return { top: box.top + scrollY, height: box.height };
  };
  document.addEventListener("DOMContentLoaded", () => {
    const el = document.querySelector("[data-tts-keycheck]");
    const input = el && el.querySelector("input[data-part=secret], textarea[data-part=ticket]");
    if (!input) {
      out.error = "the page has no widget markup when it is parsed";
      return;
    }
    out.static = el.hasAttribute("data-tkc-static");
    out.waiting = [...el.querySelectorAll("button")].every((b) => b.disabled);
    out.loading = el.querySelector("[data-part=loading]")?.textContent || "";
    out.before = place(el);
    if (key !== null) {
      input.value = key;
      out.typedAt = performance.now();
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }
    const msgs = el.querySelector("[data-part=secret-msgs]");
    const seen = () => {
      if (!out.mounted && !el.hasAttribute("data-tkc-static")) {
        out.mounted = true;
        out.mountedAt = performance.now();
        out.after = place(el);
        // Two frames on, the shifts of the mount's frames have been reported.
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => {
          out.wasm = performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.endsWith(".wasm"));
          out.settled = true;
        })));
      }
      if (key !== null && out.verdictAt === undefined && out.mounted && msgs.children.length) {
        out.verdictAt = performance.now();
        out.kept = input.value === key;
      }
    };
    new MutationObserver(seen).observe(el, { subtree: true, childList: true, attributes: true });
  }, { once: true });
})();
"##;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Cold {
    error: Option<String>,
    #[serde(rename = "static")]
    prerendered: Option<bool>,
    waiting: Option<bool>,
    loading: Option<String>,
    mounted: bool,
    shifts: f64,
    /// What moved, as "element at time: (before) to (after)".
    moved: Vec<String>,
    before: Option<Place>,
    after: Option<Place>,
    /// The wasm files the page fetched, once mounted.
    #[serde(default)]
    wasm: Vec<String>,
    typed_at: Option<f64>,
    verdict_at: Option<f64>,
    kept: Option<bool>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Place {
    top: f64,
    height: f64,
}

/// Loads the current page again with the cache off and [`COLD`] installed, waits for the
/// mount (and the verdict, given a key), and checks what [`COLD`] recorded.
async fn cold(browser: &Browser, key: Option<&str>, build: &str) -> Result<()> {
    let url = browser.client().current_url().await?;
    let script = COLD.replace("__KEY__", &serde_json::to_string(&key)?);
    let added = browser
        .devtools(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": script }),
        )
        .await?;
    browser
        .devtools("Network.setCacheDisabled", json!({ "cacheDisabled": true }))
        .await?;
    let outcome = async {
        browser.client().goto(url.as_str()).await?;
        let done = if key.is_some() {
            "return !!window.tkcCold && (window.tkcCold.error !== null || window.tkcCold.verdictAt !== undefined);"
        } else {
            "return !!window.tkcCold && (window.tkcCold.error !== null || window.tkcCold.settled === true);"
        };
        browser.wait_true("the engine's mount", done, vec![]).await?;
        let cold: Cold = serde_json::from_value(browser.execute("return window.tkcCold;", vec![]).await?)?;
        Ok::<_, Box<dyn std::error::Error>>(cold)
    }
    .await;
    // The next cases get the page as a reader has it again.
    let _ = browser
        .devtools(
            "Network.setCacheDisabled",
            json!({ "cacheDisabled": false }),
        )
        .await;
    let _ = browser
        .devtools(
            "Page.removeScriptToEvaluateOnNewDocument",
            json!({ "identifier": added["identifier"] }),
        )
        .await;
    let cold = outcome?;
    if let Some(error) = &cold.error {
        return Err(error.clone().into());
    }
    if !cold.mounted {
        return Err("the engine did not mount the form".into());
    }
    if cold.prerendered != Some(true)
        || cold.waiting != Some(true)
        || cold.loading.as_deref() != Some("Loading the key checker…")
    {
        return Err(format!(
            "before the engine, the form is not there waiting and saying so: {cold:?}"
        )
        .into());
    }
    if key.is_none() && (cold.before != cold.after || cold.shifts > 0.0) {
        return Err(format!(
            "mounting moved the page: the widget went from {:?} to {:?}, layout shift {:.4} ({})",
            cold.before,
            cold.after,
            cold.shifts,
            cold.moved.join("; ")
        )
        .into());
    }
    // A page fetches the build of its widgets alone.
    let folder = format!("/{build}/");
    if key.is_none() && (cold.wasm.len() != 1 || !cold.wasm[0].contains(&folder)) {
        return Err(format!(
            "the page fetched {:?}, not the wasm of {folder} alone",
            cold.wasm
        )
        .into());
    }
    if let (Some(typed), Some(verdict)) = (cold.typed_at, cold.verdict_at) {
        if cold.kept != Some(true) {
            return Err("the key typed before the engine was not kept".into());
        }
        println!(
            "     first input to verdict on a cold load: {:.0} ms",
            verdict - typed
        );
    }
    Ok(())
}
