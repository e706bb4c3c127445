//! Joins the style sheets of every book page into one file, so the first paint waits for
//! one request instead of nine (Lighthouse counts each render-blocking sheet).
//!
//! On every page of the built site, the `<link rel="stylesheet">` tags of the `<head>`
//! are replaced by one link to `styles-HASH.css` at the site's root, in the place of the
//! first: the same sheets in the same order, so the cascade is what it was, with their
//! relative `url()`s rewritten for the new place. Pages with the same list of sheets
//! share one file (mdBook's `toc.html` has no highlight sheets, so it gets its own).
//!
//! - A sheet with a `media` attribute (`css/print.css`) is joined inside `@media … { }`.
//! - mdBook's three highlight sheets carry an `id`: `book.js` turns them on and off with
//!   the theme (`set_theme`), so until then all three apply, the last winning. In the
//!   bundle each one's rules are scoped to the themes `book.js` turns it on for
//!   (`:where(html.coal, html.navy) .hljs-…`, no added specificity), the theme class the
//!   page sets on `<html>` before its content. Their tags become empty `<template>`s with
//!   the same `id`, which `book.js` still finds and sets `disabled` on, to no effect.
//!
//! Invariant: the build fails on any sheet this step does not know how to join (another
//! attribute, another `id`, an at-rule in a highlight sheet) and when `book.js` switches
//! the highlight sheets otherwise than [`HIGHLIGHT_SHEETS`] says, so a new mdBook that
//! changed them is noticed, not joined wrongly.

use std::collections::BTreeMap;
use std::path::Path;

use crate::Result;

/// mdBook's highlight sheets: the `id` of each one's link, and the `<html>` elements of
/// the themes `book.js` turns it on for (a selector list for `:where(…)`).
const HIGHLIGHT_SHEETS: &[(&str, &str)] = &[
    ("mdbook-highlight-css", "html:not(.coal, .navy, .ayu)"),
    ("mdbook-tomorrow-night-css", "html.coal, html.navy"),
    ("mdbook-ayu-highlight-css", "html.ayu"),
];

/// `set_theme` in mdBook 0.5.4's `book.js`, as far as it switches the highlight sheets:
/// coal and navy turn on Tomorrow Night, ayu its own, every other theme `highlight.css`.
/// Lines compared trimmed, with the blank ones and the `ace_theme` ones left out.
const BOOK_JS_SWITCH: &str = "if (theme === 'coal' || theme === 'navy') {
stylesheets.ayuHighlight.disabled = true;
stylesheets.tomorrowNight.disabled = false;
stylesheets.highlight.disabled = true;
} else if (theme === 'ayu') {
stylesheets.ayuHighlight.disabled = false;
stylesheets.tomorrowNight.disabled = true;
stylesheets.highlight.disabled = true;
} else {
stylesheets.ayuHighlight.disabled = true;
stylesheets.tomorrowNight.disabled = true;
stylesheets.highlight.disabled = false;
}";

/// The start of every tag this step joins.
const LINK: &str = "<link rel=\"stylesheet\"";

/// Where a tag starts and ends in its page.
type Span = (usize, usize);

/// A page to rewrite: its path, its text, and where its sheets' tags are.
type Page = (std::path::PathBuf, String, Vec<Span>);

/// One `<link rel="stylesheet">` of a page's head.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Sheet {
    href: String,
    media: Option<String>,
    id: Option<String>,
}

/// Joins the style sheets of every page under `site` (not under `skip`); returns the
/// bundles written and how many sheets the largest holds, or `None` if no page has two.
pub(crate) fn bundle(site: &Path, skip: &Path) -> Result<Option<(Vec<String>, usize)>> {
    check_book_js(&std::fs::read_to_string(site.join("book.js"))?)?;
    let mut pages_by_list: BTreeMap<Vec<Sheet>, Vec<Page>> = BTreeMap::new();
    for path in crate::prerender::html_files(site, skip)? {
        let page = std::fs::read_to_string(&path)?;
        let found = sheets(&page).map_err(|err| format!("{}: {err}", path.display()))?;
        if found.len() < 2 {
            continue;
        }
        let (list, spans): (Vec<Sheet>, Vec<Span>) = found.into_iter().unzip();
        pages_by_list
            .entry(list)
            .or_default()
            .push((path, page, spans));
    }
    let mut names = Vec::new();
    let mut most = 0;
    for (list, pages) in pages_by_list {
        let mut css = String::new();
        for sheet in &list {
            let text = std::fs::read_to_string(site.join(&sheet.href))
                .map_err(|err| format!("{}, a style sheet of the book: {err}", sheet.href))?;
            let dir = sheet.href.rsplit_once('/').map_or("", |(dir, _)| dir);
            css.push_str(&joined(sheet, &rebase_urls(&text, dir))?);
            css.push('\n');
        }
        let name = format!("styles-{:08x}.css", crate::prerender::fnv1a(&css));
        std::fs::write(site.join(&name), &css)?;
        for (path, page, spans) in pages {
            std::fs::write(path, rewritten(&page, &list, &spans, &name))?;
        }
        most = most.max(list.len());
        names.push(name);
    }
    Ok((!names.is_empty()).then_some((names, most)))
}

/// A sheet's rebased text as the bundle holds it: as it is, inside its `media`, or with
/// its rules scoped to the themes that turn it on.
fn joined(sheet: &Sheet, text: &str) -> Result<String> {
    match (&sheet.media, &sheet.id) {
        (None, None) => Ok(text.to_owned()),
        (Some(media), None) => {
            if text.contains("@import") || text.contains("@charset") {
                return Err(format!(
                    "{} holds @import or @charset, which @media cannot wrap",
                    sheet.href
                )
                .into());
            }
            Ok(format!("@media {media} {{\n{text}\n}}"))
        }
        (None, Some(id)) => {
            let scope = HIGHLIGHT_SHEETS
                .iter()
                .find(|(known, _)| known == id)
                .map(|(_, scope)| *scope)
                .ok_or_else(|| {
                    format!("{}: a style sheet with the unknown id `{id}`", sheet.href)
                })?;
            scoped(text, scope).map_err(|err| format!("{}: {err}", sheet.href).into())
        }
        (Some(_), Some(_)) => {
            Err(format!("{}: a sheet with both `media` and `id`", sheet.href).into())
        }
    }
}

/// `css`'s rules with each selector put under `:where(scope)`. Comments are dropped; an
/// at-rule or a nested block is an error (mdBook's highlight sheets have none).
fn scoped(css: &str, scope: &str) -> std::result::Result<String, String> {
    let mut plain = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("/*") {
        plain.push_str(&rest[..at]);
        let end = rest[at..].find("*/").ok_or("a comment that does not end")?;
        rest = &rest[at + end + 2..];
    }
    plain.push_str(rest);
    if plain.contains('@') {
        return Err("an at-rule in a highlight sheet, which this step does not scope".to_owned());
    }
    let mut out = String::with_capacity(plain.len() * 2);
    let mut rest = plain.as_str();
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .map(|n| open + n)
            .ok_or("a rule that does not end")?;
        let body = &rest[open + 1..close];
        if body.contains('{') {
            return Err("a nested block in a highlight sheet".to_owned());
        }
        let selectors: Vec<String> = split_top_level(&rest[..open])
            .into_iter()
            .map(|selector| format!(":where({scope}) {}", selector.trim()))
            .collect();
        out.push_str(&selectors.join(",\n"));
        out.push_str(" {");
        out.push_str(body);
        out.push_str("}\n");
        rest = &rest[close + 1..];
    }
    if !rest.trim().is_empty() {
        return Err(format!("text after the last rule: {:?}", rest.trim()));
    }
    Ok(out)
}

/// `selectors` split at the commas outside parentheses.
fn split_top_level(selectors: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in selectors.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&selectors[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&selectors[start..]);
    parts
}

/// Fails unless `book.js` switches the highlight sheets as [`BOOK_JS_SWITCH`] says.
fn check_book_js(book_js: &str) -> Result<()> {
    let lines = |text: &str| -> String {
        text.lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with("ace_theme"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    if lines(book_js).contains(BOOK_JS_SWITCH) {
        Ok(())
    } else {
        Err("book.js no longer switches the highlight sheets as xtask/src/styles.rs scopes them: check HIGHLIGHT_SHEETS against the mdBook in use".into())
    }
}

/// The `<link rel="stylesheet">` tags of `page`'s head, in order, each with where its tag
/// starts and ends; an error for one with attributes this step does not know.
fn sheets(page: &str) -> std::result::Result<Vec<(Sheet, Span)>, String> {
    let head_end = page.find("</head>").unwrap_or(0);
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(n) = page[at..head_end].find(LINK) {
        let start = at + n;
        let close = page[start..head_end]
            .find('>')
            .ok_or("a <link> that does not end")?;
        let end = start + close + 1;
        let mut sheet = Sheet {
            href: String::new(),
            media: None,
            id: None,
        };
        for (name, value) in attributes(&page[start + LINK.len()..end - 1])? {
            match name {
                "href" => sheet.href = value.to_owned(),
                "media" => sheet.media = Some(value.to_owned()),
                "id" => sheet.id = Some(value.to_owned()),
                other => return Err(format!("a style sheet link with the attribute `{other}`, which this step does not join")),
            }
        }
        if sheet.href.is_empty() || sheet.href.contains(':') || sheet.href.starts_with('/') {
            return Err(format!(
                "a style sheet link to `{}`, not a file of the book",
                sheet.href
            ));
        }
        found.push((sheet, (start, end)));
        at = end;
    }
    Ok(found)
}

/// The `name="value"` pairs of a tag's attribute text.
fn attributes(mut text: &str) -> std::result::Result<Vec<(&str, &str)>, String> {
    let mut out = Vec::new();
    loop {
        text = text.trim_start();
        if text.is_empty() {
            return Ok(out);
        }
        let (name, rest) = text
            .split_once("=\"")
            .ok_or_else(|| format!("an attribute that is not name=\"value\": {text:?}"))?;
        let (value, rest) = rest
            .split_once('"')
            .ok_or("an attribute value that does not end")?;
        out.push((name.trim(), value));
        text = rest;
    }
}

/// `page` with its sheets' tags taken out (each tag's line with it, when the tag is all
/// of its line), one link to `name` where the first was, and an empty `<template>` for
/// each highlight sheet's `id`.
fn rewritten(page: &str, list: &[Sheet], spans: &[Span], name: &str) -> String {
    let Some(&(first, _)) = spans.first() else {
        return page.to_owned();
    };
    let indent = &page[line_start(page, first)..first];
    let mut inserted = format!("<link rel=\"stylesheet\" href=\"{name}\">");
    for id in list.iter().filter_map(|sheet| sheet.id.as_deref()) {
        inserted.push_str(&format!("\n{indent}<template id=\"{id}\"></template>"));
    }
    let mut out = String::with_capacity(page.len());
    let mut at = 0;
    for (n, &(start, end)) in spans.iter().enumerate() {
        let from = line_start(page, start);
        let whole_line = page[from..start].trim().is_empty() && page[end..].starts_with('\n');
        let (cut_start, cut_end) = if whole_line {
            (from, end + 1)
        } else {
            (start, end)
        };
        out.push_str(&page[at..cut_start]);
        if n == 0 {
            if whole_line {
                out.push_str(indent);
            }
            out.push_str(&inserted);
            if whole_line {
                out.push('\n');
            }
        }
        at = cut_end;
    }
    out.push_str(&page[at..]);
    out
}

/// Where the line holding byte `at` of `text` starts.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |n| n + 1)
}

/// `css` with each relative `url(…)` made relative to the site's root instead of `dir`.
fn rebase_urls(css: &str, dir: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("url(") {
        let (before, from) = rest.split_at(at + "url(".len());
        out.push_str(before);
        let close = from.find(')').unwrap_or(from.len());
        let raw = from[..close].trim();
        let (quote, url) = match raw.chars().next() {
            Some(q @ ('\'' | '"')) => (q.to_string(), raw.trim_matches(q)),
            _ => (String::new(), raw),
        };
        let absolute = url.starts_with('/') || url.starts_with('#') || url.contains(':');
        let rebased = if absolute || dir.is_empty() {
            url.to_owned()
        } else {
            join(dir, url)
        };
        out.push_str(&format!("{quote}{rebased}{quote}"));
        rest = &from[close..];
    }
    out.push_str(rest);
    out
}

/// `dir/url` with `.` and `..` resolved lexically.
fn join(dir: &str, url: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in url.split('/') {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One line per sheet: its folder, its text, the text rebased to the root.
    #[test]
    fn urls() {
        let cases = [
            (
                "fonts",
                "src: url('../fonts/a.woff2')",
                "src: url('fonts/a.woff2')",
            ),
            (
                "css",
                "url(img/x.svg) url(\"../y.png\")",
                "url(css/img/x.svg) url(\"y.png\")",
            ),
            (
                "css",
                "url(data:image/png;base64,AA) url(/abs.png) url(#f)",
                "url(data:image/png;base64,AA) url(/abs.png) url(#f)",
            ),
            ("", "url(a.png)", "url(a.png)"),
        ];
        for (dir, css, want) in cases {
            assert_eq!(rebase_urls(css, dir), want, "{css}");
        }
    }

    /// The head mdBook 0.5 writes, cut down: every sheet of the head, in order, is joined
    /// in one link; the highlight sheet's id stays on an empty template; the body's text
    /// is left alone.
    #[test]
    fn head() {
        let page = "<head>\n  <link rel=\"stylesheet\" href=\"a.css\">\n  <script src=\"x.js\"></script>\n  <link rel=\"stylesheet\" href=\"p.css\" media=\"print\">\n  <link rel=\"stylesheet\" id=\"mdbook-highlight-css\" href=\"h.css\">\n  <link rel=\"stylesheet\" href=\"theme/book.css\">\n</head>\n<link rel=\"stylesheet\" href=\"body.css\">";
        let found = sheets(page).unwrap();
        let (list, spans): (Vec<Sheet>, Vec<_>) = found.into_iter().unzip();
        let hrefs: Vec<&str> = list.iter().map(|sheet| sheet.href.as_str()).collect();
        assert_eq!(hrefs, ["a.css", "p.css", "h.css", "theme/book.css"]);
        assert_eq!(list[1].media.as_deref(), Some("print"));
        assert_eq!(list[2].id.as_deref(), Some("mdbook-highlight-css"));
        assert_eq!(
            rewritten(page, &list, &spans, "styles-1.css"),
            "<head>\n  <link rel=\"stylesheet\" href=\"styles-1.css\">\n  <template id=\"mdbook-highlight-css\"></template>\n  <script src=\"x.js\"></script>\n</head>\n<link rel=\"stylesheet\" href=\"body.css\">"
        );
    }

    /// One line per sheet the step refuses to join.
    #[test]
    fn refused() {
        let cases = [
            (
                "<link rel=\"stylesheet\" href=\"a.css\" crossorigin=\"anonymous\"></head>",
                "crossorigin",
            ),
            (
                "<link rel=\"stylesheet\" href=\"https://cdn.example/a.css\"></head>",
                "not a file of the book",
            ),
        ];
        for (page, want) in cases {
            let err = sheets(page).unwrap_err();
            assert!(err.contains(want), "{page}: {err}");
        }
        let unknown = Sheet {
            href: "x.css".into(),
            media: None,
            id: Some("other".into()),
        };
        assert!(joined(&unknown, ".a{}").is_err());
        assert!(scoped("@media print { .a { color: red } }", "html.ayu").is_err());
    }

    /// A highlight sheet's rules are scoped without added specificity; a print sheet is
    /// wrapped in its media.
    #[test]
    fn scoping() {
        let css = "/* Tomorrow */\n.hljs-comment,\n.css .hljs-id, :not(pre, a) > .x {\n  color: #969896;\n}\n";
        assert_eq!(
            scoped(css, "html.coal, html.navy").unwrap(),
            ":where(html.coal, html.navy) .hljs-comment,\n:where(html.coal, html.navy) .css .hljs-id,\n:where(html.coal, html.navy) :not(pre, a) > .x {\n  color: #969896;\n}\n"
        );
        let print = Sheet {
            href: "css/print.css".into(),
            media: Some("print".into()),
            id: None,
        };
        assert_eq!(
            joined(&print, ".a { b: c }").unwrap(),
            "@media print {\n.a { b: c }\n}"
        );
    }

    /// The check of book.js holds for the text this step was written against, and fails
    /// when a theme is switched otherwise.
    #[test]
    fn book_js() {
        let ours = BOOK_JS_SWITCH.replace('\n', "\n            ");
        assert!(check_book_js(&format!("function set_theme() {{\n  {ours}\n}}")).is_ok());
        let changed = ours.replace("theme === 'ayu'", "theme === 'ayu' || theme === 'rust'");
        assert!(check_book_js(&changed).is_err());
    }
}
