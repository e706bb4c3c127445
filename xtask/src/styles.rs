//! Joins the style sheets every book page loads first into one file, so the first paint
//! waits for one request instead of six (Lighthouse counts each render-blocking sheet).
//!
//! On every page of the built site, the plain `<link rel="stylesheet" href="…">` tags
//! before mdBook's highlight sheets (which carry an `id`: `book.js` switches them with the
//! theme, so they stay as they are) are replaced by one link to `styles-HASH.css` at the
//! site's root, in the place of the first: the same sheets in the same order, their
//! relative `url()`s rewritten for the new place. Sheets with a `media` attribute, and
//! the ones after the highlight sheets (`theme/book.css`), keep their own links, so the
//! cascade is what it was.
//!
//! Invariant: every page joins the same list, or the build fails (a page that loaded
//! other sheets would get the wrong ones).

use std::path::Path;

use crate::Result;

/// The start of a tag this step joins (`href` next, nothing else on the tag).
const LINK: &str = "<link rel=\"stylesheet\" href=\"";

/// Joins the leading style sheets of every page under `site` (not under `skip`); returns
/// the bundle's name and how many sheets it holds, or `None` if no page has two.
pub(crate) fn bundle(site: &Path, skip: &Path) -> Result<Option<(String, usize)>> {
    let pages = crate::prerender::html_files(site, skip)?;
    let mut list: Option<Vec<String>> = None;
    let mut edits = Vec::new();
    for path in &pages {
        let page = std::fs::read_to_string(path)?;
        let sheets = leading_sheets(&page);
        if sheets.len() < 2 {
            continue;
        }
        // The first page's list is the bundle; every other page must start with it (mdBook's
        // `toc.html` has no highlight sheets, so `theme/book.css` follows at once there).
        let list =
            list.get_or_insert_with(|| sheets.iter().map(|(href, _)| href.clone()).collect());
        let starts_alike = sheets.len() >= list.len()
            && sheets
                .iter()
                .zip(list.iter())
                .all(|((href, _), want)| href == want);
        if !starts_alike {
            return Err(format!(
                "{} loads the style sheets {:?} first, other pages {list:?}: they cannot share one bundle",
                path.display(),
                sheets.iter().map(|(href, _)| href).collect::<Vec<_>>()
            )
            .into());
        }
        let start = sheets[0].1 .0;
        let last = sheets[list.len() - 1].1 .1;
        let end = page[last..].find('\n').map_or(last, |n| last + n + 1);
        edits.push((path, page, (start, end)));
    }
    let Some(list) = list else {
        return Ok(None);
    };
    let mut css = String::new();
    for href in &list {
        let text = std::fs::read_to_string(site.join(href))
            .map_err(|err| format!("{href}, a style sheet of the book: {err}"))?;
        let dir = href.rsplit_once('/').map_or("", |(dir, _)| dir);
        css.push_str(&rebase_urls(&text, dir));
        css.push('\n');
    }
    let name = format!("styles-{:08x}.css", crate::prerender::fnv1a(&css));
    std::fs::write(site.join(&name), &css)?;
    for (path, page, (start, end)) in edits {
        let joined_tags: Vec<String> = list.iter().map(|href| format!("{LINK}{href}\">")).collect();
        let kept: String = page[start..end]
            .split_inclusive('\n')
            .filter(|line| !joined_tags.iter().any(|tag| line.trim() == tag))
            .collect();
        let joined = format!(
            "{}<link rel=\"stylesheet\" href=\"{name}\">\n{kept}",
            indent(&page[..start])
        );
        let rebuilt = format!("{}{joined}{}", line_start(&page[..start]), &page[end..]);
        std::fs::write(path, rebuilt)?;
    }
    Ok(Some((name, list.len())))
}

/// The page's plain style sheet links before its first `id`'d one: each href, and where
/// its tag starts and ends.
fn leading_sheets(page: &str) -> Vec<(String, (usize, usize))> {
    let head_end = page.find("</head>").unwrap_or(0);
    let stop = page[..head_end]
        .find("<link rel=\"stylesheet\" id=")
        .unwrap_or(head_end);
    let mut sheets = Vec::new();
    let mut at = 0;
    while let Some(found) = page[at..stop].find(LINK) {
        let start = at + found;
        let rest = &page[start + LINK.len()..stop];
        let Some(close) = rest.find('"') else {
            break;
        };
        let tag_end = start + LINK.len() + close + 1;
        // Only `<link rel="stylesheet" href="…">`: a `media` or other attribute keeps
        // its own link.
        if page[tag_end..].starts_with('>') {
            sheets.push((rest[..close].to_owned(), (start, tag_end + 1)));
        }
        at = tag_end;
    }
    sheets
}

/// The text of `before` from its last line break on (the indentation of the first link).
fn indent(before: &str) -> &str {
    &before[before.rfind('\n').map_or(0, |n| n + 1)..]
}

/// `before` up to and including its last line break.
fn line_start(before: &str) -> &str {
    &before[..before.rfind('\n').map_or(0, |n| n + 1)]
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

    /// The head mdBook 0.5 writes, cut down: the plain links before the highlight sheets
    /// are joined; `media` and `id` links stay.
    #[test]
    fn leading() {
        let page = "<head>\n  <link rel=\"stylesheet\" href=\"a.css\">\n  <script src=\"x.js\"></script>\n  <link rel=\"stylesheet\" href=\"p.css\" media=\"print\">\n  <link rel=\"stylesheet\" href=\"css/b.css\">\n  <link rel=\"stylesheet\" id=\"h\" href=\"h.css\">\n  <link rel=\"stylesheet\" href=\"theme/book.css\">\n</head>";
        let sheets = leading_sheets(page);
        let hrefs: Vec<&str> = sheets.iter().map(|(href, _)| href.as_str()).collect();
        assert_eq!(hrefs, ["a.css", "css/b.css"]);
        let (start, end) = sheets[0].1;
        assert_eq!(
            &page[start..end],
            "<link rel=\"stylesheet\" href=\"a.css\">"
        );
    }
}
