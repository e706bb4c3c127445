//! Puts the widgets' markup into the built book before any script runs: every
//! `<div data-tts-keycheck="form" …>` (or `"support"`) of a page gets the markup the wasm
//! renders (`src/web/form.html`, `src/web/support.html`: the one template of each),
//! waiting for the engine: its buttons and file input disabled, and a note saying it is
//! loading. Mounting then adopts the markup (`render_template` in `src/web/mod.rs`), so
//! the page does not move when the engine arrives.
//!
//! Invariants: the markup is the template byte for byte apart from the id prefix
//! (`tkcs1`, `tkcs2`, … on a page) and the waiting marks (`disabled data-tkc-wait` on each
//! control it disabled, removed at mount); the element is marked `data-tkc-static` with
//! the stamp of its template, so an engine built from another template renders afresh
//! instead; what the element held before (the book's fallback text) is replaced, its
//! `<noscript>` kept.

use std::path::Path;

use crate::Result;

/// Each widget's kind (its `data-tts-keycheck` value) and markup, as the wasm renders it
/// (`{p}` stands for the id prefix).
const WIDGETS: &[(&str, &str)] = &[
    ("form", include_str!("../../src/web/form.html")),
    ("support", include_str!("../../src/web/support.html")),
];

/// The mark the engine adopts the markup by: the kind, `-` and the FNV-1a hash of the
/// template (`Stamp` in `src/web/template.rs`).
fn stamp(kind: &str, markup: &str) -> String {
    format!("{kind}-{:08x}", fnv1a(markup))
}

/// FNV-1a, 32 bits.
pub(crate) fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// Shown over the widget, taking no room, until the engine is ready.
const LOADING: &str =
    "<p class=\"tkc-hint tkc-loading\" data-part=\"loading\" role=\"status\">Loading the key checker…</p>";

/// The opening of the elements rendered, up to the kind.
const OPENING: &str = "<div data-tts-keycheck=\"";

/// The controls that wait, disabled, for the engine: what a click or a chosen file would
/// be lost on before its listeners exist.
const WAITING: &[&str] = &["<button", "<input type=\"file\""];

/// Renders the form into every page under `dir` except the widget's own folder `skip`;
/// returns how many forms it rendered.
pub(crate) fn site(dir: &Path, skip: &Path) -> Result<usize> {
    let mut count = 0;
    for path in html_files(dir, skip)? {
        let page = std::fs::read_to_string(&path)?;
        let (rendered, n) = page_markup(&page).map_err(|e| format!("{}: {e}", path.display()))?;
        if n > 0 {
            std::fs::write(&path, rendered)?;
            count += n;
        }
    }
    Ok(count)
}

/// The `.html` files under `dir`, not under `skip`, in a stable order.
pub(crate) fn html_files(dir: &Path, skip: &Path) -> Result<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.starts_with(skip) {
                continue;
            }
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// `page` with the markup rendered into each widget element, and how many there were.
fn page_markup(page: &str) -> Result<(String, usize)> {
    let mut out = String::with_capacity(page.len() + 8 * 1024);
    let mut rest = page;
    let mut n = 0;
    while let Some(at) = rest.find(OPENING) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let tag_end = from
            .find('>')
            .ok_or("a widget element's opening tag does not end")?;
        let tag = &from[OPENING.len()..tag_end];
        let (kind, attributes) = tag
            .split_once('"')
            .ok_or("a widget element's kind is not quoted")?;
        if attributes.contains("data-tkc-static") || attributes.contains("class=") {
            return Err("a widget element already has a class or static markup".into());
        }
        let inner = &from[tag_end + 1..];
        let close = inner
            .find("</div>")
            .ok_or("a widget element is not closed")?;
        if inner[..close].contains("<div") {
            return Err("a widget element holds a <div>: its fallback must be plain".into());
        }
        n += 1;
        out.push_str(&element(
            kind,
            attributes,
            &format!("tkcs{n}"),
            noscript(&inner[..close]),
        )?);
        rest = &inner[close + "</div>".len()..];
    }
    out.push_str(rest);
    Ok((out, n))
}

/// A widget element with its markup, waiting for the engine: `attributes` are the
/// element's own (after `data-tts-keycheck="KIND"`), `inside` goes after the markup.
pub(crate) fn element(kind: &str, attributes: &str, prefix: &str, inside: &str) -> Result<String> {
    let (kind, markup) = WIDGETS
        .iter()
        .find(|(name, _)| *name == kind)
        .ok_or_else(|| format!("no widget `{kind}` to render"))?;
    Ok(format!(
        "{OPENING}{kind}\"{attributes} class=\"tkc\" data-tkc-static=\"{}\">{}{LOADING}{inside}</div>",
        stamp(kind, markup),
        waiting(&markup.replace("{p}", prefix))
    ))
}

/// Each widget's element for host pages to put into theirs (`tts-keycheck/KIND.html`),
/// with a comment saying how: (file name, contents).
pub(crate) fn host_files() -> Result<Vec<(String, String)>> {
    WIDGETS
        .iter()
        .map(|(kind, _)| {
            let element = element(
                kind,
                "",
                "tkcs1",
                "<noscript><p>The key checker needs JavaScript and WebAssembly.</p></noscript>",
            )?;
            Ok((
                format!("{kind}.html"),
                format!(
                    "<!-- tts-keycheck: the {kind} widget's markup, to put into a page where the widget goes, so\n     that it is there before any script runs and mounting moves nothing. The loader adopts it.\n     With two widgets on a page, give the second other ids: replace every tkcs1 in it by tkcs2.\n     Made for this version of the widget: replace it when you update the package. -->\n{element}\n"
                ),
            ))
        })
        .collect()
}

/// `markup` with every [`WAITING`] control disabled (unless it is already) and marked as
/// waiting for the engine.
fn waiting(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len() + 512);
    let mut rest = markup;
    // The next waiting control's opening, and the length of its tag name (`<button`,
    // `<input`): the marks go right after the name.
    let next = |text: &str| {
        WAITING
            .iter()
            .filter_map(|open| Some((text.find(open)?, open.find(' ').unwrap_or(open.len()))))
            .min()
    };
    while let Some((at, name)) = next(rest) {
        let (before, from) = rest.split_at(at + name);
        out.push_str(before);
        let tag_end = from.find('>').unwrap_or(from.len());
        if !from[..tag_end].contains(" disabled") {
            out.push_str(" disabled data-tkc-wait");
        }
        rest = from;
    }
    out.push_str(rest);
    out
}

/// The `<noscript>…</noscript>` of an element's fallback, or nothing.
fn noscript(fallback: &str) -> &str {
    match (fallback.find("<noscript>"), fallback.find("</noscript>")) {
        (Some(start), Some(end)) if start < end => &fallback[start..end + "</noscript>".len()],
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One line per page: the page, then what the rendered page must contain (or, with
    /// `!`, must not).
    #[test]
    fn pages() {
        let cases: &[(&str, &[&str])] = &[
            ("<p>no widget</p>", &["<p>no widget</p>"]),
            (
                "<div data-tts-keycheck=\"form\" data-show-result>\n<p><em>Loading…</em></p>\n<noscript><p>No JS.</p></noscript>\n</div><p>after</p>",
                &[
                    "<div data-tts-keycheck=\"form\" data-show-result class=\"tkc\" data-tkc-static=\"form-",
                    "\"><form class=\"tkc-form\"",
                    "id=\"tkcs1-secret\"",
                    "<button disabled data-tkc-wait type=\"button\" class=\"tkc-btn tkc-primary\" data-part=\"test\">Test key",
                    // Already disabled by the template: the engine decides when it is not.
                    "<button type=\"submit\" class=\"tkc-btn tkc-primary\" data-part=\"submit\" disabled>Add credentials",
                    "</form>\n<p class=\"tkc-hint tkc-loading\"",
                    "<noscript><p>No JS.</p></noscript></div><p>after</p>",
                    "!<em>Loading…</em>",
                    "!{p}",
                ],
            ),
            (
                "<div data-tts-keycheck=\"form\"></div><div data-tts-keycheck=\"form\"></div>",
                &["tkcs1-secret", "tkcs2-secret", "!<noscript>"],
            ),
            // The support panel: its file input waits too.
            (
                "<div data-tts-keycheck=\"support\"><p>x</p></div>",
                &[
                    "<div data-tts-keycheck=\"support\" class=\"tkc\" data-tkc-static=\"support-",
                    "<input disabled data-tkc-wait type=\"file\" id=\"tkcs1-file\"",
                    "<textarea id=\"tkcs1-ticket\"",
                    "!<p>x</p>",
                ],
            ),
        ];
        for (page, wanted) in cases {
            let (out, _) = page_markup(page).unwrap();
            for want in *wanted {
                match want.strip_prefix('!') {
                    Some(absent) => assert!(!out.contains(absent), "{page:?}: {absent:?} in {out}"),
                    None => assert!(out.contains(want), "{page:?}: no {want:?} in {out}"),
                }
            }
        }
    }

    /// Pages the renderer refuses rather than guess at.
    #[test]
    fn refused() {
        for page in [
            "<div data-tts-keycheck=\"form\"",
            "<div data-tts-keycheck=\"form\"><p>open",
            "<div data-tts-keycheck=\"form\"><div>nested</div></div>",
            "<div data-tts-keycheck=\"form\" class=\"x\"></div>",
            "<div data-tts-keycheck=\"other\"></div>",
        ] {
            assert!(page_markup(page).is_err(), "{page:?}");
        }
    }

    /// FNV-1a as published (the engine's `stamp` is the same function).
    #[test]
    fn stamp_is_fnv1a() {
        assert_eq!(fnv1a(""), 0x811c_9dc5);
        assert_eq!(fnv1a("a"), 0xe40c_292c);
        assert_eq!(fnv1a("foobar"), 0xbf9c_f968);
        assert_eq!(stamp("form", "a"), "form-e40c292c");
    }

    /// The markup is the template's: taking out the waiting marks and the loading note
    /// gives each template back with the prefix in.
    #[test]
    fn same_markup_as_the_engine() {
        for (kind, markup) in WIDGETS {
            let (out, _) =
                page_markup(&format!("<div data-tts-keycheck=\"{kind}\"></div>")).unwrap();
            let start = out.find('>').unwrap() + 1;
            let end = out.find(LOADING).unwrap();
            let back = out[start..end]
                .replace("<button disabled data-tkc-wait", "<button")
                .replace("<input disabled data-tkc-wait", "<input");
            assert_eq!(back, markup.replace("{p}", "tkcs1"), "{kind}");
        }
    }
}
