//! Puts the widget's form into the built book before any script runs: every
//! `<div data-tts-keycheck="form" …>` of a page gets the markup the wasm renders
//! (`src/web/form.html`, the one template), waiting for the engine: its buttons disabled
//! and a note saying it is loading. Mounting then adopts the markup (`render_template` in
//! `src/web/mod.rs`), so the page does not move when the engine arrives.
//!
//! Invariants: the markup is `FORM` byte for byte apart from the id prefix (`tkcs1`,
//! `tkcs2`, … on a page) and the waiting marks (`disabled data-tkc-wait` on each button it
//! disabled, removed at mount); the element is marked `data-tkc-static` with the stamp of
//! `FORM`, so an engine built from another template renders afresh instead; what the
//! element held before (the book's fallback text) is replaced, its `<noscript>` kept.

use std::path::Path;

use crate::Result;

/// The form's markup, as the wasm renders it (`{p}` stands for the id prefix).
const FORM: &str = include_str!("../../src/web/form.html");

/// The mark the engine adopts the markup by: `form-` and the FNV-1a hash of [`FORM`]
/// (`FORM_STAMP` in `src/web/template.rs`).
fn stamp() -> String {
    format!("form-{:08x}", fnv1a(FORM))
}

/// FNV-1a, 32 bits.
fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// Shown over the form, taking no room, until the engine is ready.
const LOADING: &str =
    "<p class=\"tkc-loading\" data-part=\"loading\" role=\"status\">Loading the key checker…</p>";

/// The opening of the elements rendered (the support panel is rendered by the engine).
const OPENING: &str = "<div data-tts-keycheck=\"form\"";

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
fn html_files(dir: &Path, skip: &Path) -> Result<Vec<std::path::PathBuf>> {
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

/// `page` with the form rendered into each form element, and how many there were.
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
        let attributes = &from[OPENING.len()..tag_end];
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
            attributes,
            &format!("tkcs{n}"),
            noscript(&inner[..close]),
        ));
        rest = &inner[close + "</div>".len()..];
    }
    out.push_str(rest);
    Ok((out, n))
}

/// A form element with its markup, waiting for the engine: `attributes` are the element's
/// own (after `data-tts-keycheck="form"`), `inside` goes after the markup.
pub(crate) fn element(attributes: &str, prefix: &str, inside: &str) -> String {
    format!(
        "{OPENING}{attributes} class=\"tkc\" data-tkc-static=\"{}\">{}{LOADING}{inside}</div>",
        stamp(),
        waiting(&FORM.replace("{p}", prefix))
    )
}

/// The form element for host pages to put into theirs (`tts-keycheck/form.html`), with a
/// comment saying how.
pub(crate) fn host_form() -> String {
    format!(
        "<!-- tts-keycheck: the form's markup, to put into a page where the widget goes, so that it\n     is there before any script runs and mounting moves nothing. The loader adopts it.\n     With two forms on a page, give the second other ids: replace every tkcs1 in it by tkcs2.\n     Made for this version of the widget: replace it when you update the package. -->\n{}\n",
        element("", "tkcs1", "<noscript><p>The key checker needs JavaScript and WebAssembly.</p></noscript>")
    )
}

/// `markup` with every button disabled and marked as waiting for the engine.
fn waiting(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len() + 512);
    let mut rest = markup;
    while let Some(at) = rest.find("<button") {
        let (before, from) = rest.split_at(at + "<button".len());
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
                    "</form>\n<p class=\"tkc-loading\"",
                    "<noscript><p>No JS.</p></noscript></div><p>after</p>",
                    "!<em>Loading…</em>",
                    "!{p}",
                ],
            ),
            (
                "<div data-tts-keycheck=\"form\"></div><div data-tts-keycheck=\"form\"></div>",
                &["tkcs1-secret", "tkcs2-secret", "!<noscript>"],
            ),
            // The support panel is left to the engine.
            ("<div data-tts-keycheck=\"support\"><p>x</p></div>", &["<div data-tts-keycheck=\"support\"><p>x</p></div>"]),
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
        assert!(stamp().starts_with("form-") && stamp().len() == 13);
    }

    /// The markup is the template's: taking out the waiting marks and the loading note
    /// gives `FORM` back with the prefix in.
    #[test]
    fn same_markup_as_the_engine() {
        let (out, _) = page_markup("<div data-tts-keycheck=\"form\"></div>").unwrap();
        let start = out.find('>').unwrap() + 1;
        let end = out.find(LOADING).unwrap();
        let markup = out[start..end].replace("<button disabled data-tkc-wait", "<button");
        assert_eq!(markup, FORM.replace("{p}", "tkcs1"));
    }
}
