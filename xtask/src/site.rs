//! Assembles the deployable site in `target/site/`: the mdBook, plus the widget (loader,
//! CSS, wasm package, demo and example pages) under `target/site/tts-keycheck/`, where
//! the book's `theme/head.hbs` loads it from at any page depth.
//!
//! The pictures: every PNG of `book/src/images/` also goes out as a lossless WebP
//! (`cwebp -lossless`, the same pixels in about 40 % of the bytes; cached in
//! `target/webp/`), and every `<img>` of a built page that shows one of them is given the
//! WebP, its width and height (so the page keeps its place before it loads) and
//! `decoding="async"`; every picture but a page's first also `loading="lazy"`, as they
//! start below the fold (`print.html` loads all at once, for printing). The PNGs stay
//! beside them. The Markdown keeps `![alt](images/x.png)`: every browser that runs the
//! widget shows WebP, and mdBook's zoomable pictures need the `<img>` where it is (its
//! styles select it as a sibling), so there is no `<picture>` around it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::{
    cmd, prerender, project_root, run_command, step, styles, target_dir, tools, wasm, Result,
};

/// The folder the site is built into.
pub(crate) fn site_dir() -> PathBuf {
    project_root().join("target").join("site")
}

/// Builds the widget and the book, and copies the widget into the book's output.
pub(crate) fn build() -> Result<PathBuf> {
    tools::ensure_build_tools()?;
    tools::ensure_mdbook()?;
    wasm::build()?;
    let site = site_dir();
    if site.exists() {
        std::fs::remove_dir_all(&site)?;
    }
    step(
        "building the book (mdBook)",
        cmd(tools::tool("mdbook"))
            .arg("build")
            .arg(project_root().join("book"))
            .arg("--dest-dir")
            .arg(&site),
    )?;
    pictures(&site)?;
    fonts(&site)?;
    let widget = site.join("tts-keycheck");
    let forms = prerender::site(&site, &widget)?;
    println!("xtask: rendered the markup into {forms} widget element(s) of the book's pages");
    println!("xtask: copying the widget into {}", widget.display());
    copy_dir(&project_root().join("www"), &widget)?;
    for (name, markup) in prerender::host_files()? {
        std::fs::write(widget.join(name), markup)?;
    }
    if let Some((names, most)) = styles::bundle(&site, &widget)? {
        println!(
            "xtask: each page's style sheets (up to {most}) are joined in one file: {}",
            names.join(", ")
        );
    }
    println!("xtask: the site is in {}", site.display());
    Ok(site)
}

/// Takes mdBook's web fonts out of the site: the pages use the reader's own sans-serif and
/// monospace fonts, which mdBook's styles name after Open Sans and Source Code Pro.
///
/// Measured with Lighthouse (simulated mobile, the median of 5 loads): the four fonts a
/// page asked for before its first paint (about 190 KB of woff2) held every page with a
/// widget at a first contentful paint of 2.0 to 2.5 s and a performance score of 94 to
/// 98, one load as low as 90; without them the first paint comes at 0.9 to 1.1 s and
/// every page scores 100. `font-display: optional`, tried first, kept the text from
/// moving but not the requests from the first paint's path. `fonts/fonts.css` stays,
/// empty but for a comment, since every page links it (mdBook 0.5 always does); the
/// font files and their licences go.
fn fonts(site: &Path) -> Result<()> {
    let dir = site.join("fonts");
    let path = dir.join("fonts.css");
    let css = std::fs::read_to_string(&path)?;
    let faces = css.matches("@font-face").count();
    if faces == 0 {
        return Err(format!(
            "{} has no `@font-face`: check this step against the mdBook in use",
            path.display()
        )
        .into());
    }
    let mut removed = 0;
    for entry in std::fs::read_dir(&dir)? {
        let file = entry?.path();
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.ends_with(".woff2") || name.ends_with("-LICENSE.txt") {
            std::fs::remove_file(&file)?;
            removed += 1;
        }
    }
    std::fs::write(
        &path,
        "/* tts-keycheck: the book uses the reader's own fonts (xtask/src/site.rs says why). */\n",
    )?;
    println!("xtask: the book uses the reader's own fonts: mdBook's {faces} web fonts taken out ({removed} files)");
    Ok(())
}

/// A picture's size in pixels (CSS pixels: the pictures are taken at scale 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Size {
    width: u32,
    height: u32,
}

/// Encodes the book's pictures as WebP into the site and points every page at them.
fn pictures(site: &Path) -> Result<()> {
    let images = project_root().join("book").join("src").join("images");
    let cache = target_dir().join("webp");
    std::fs::create_dir_all(&cache)?;
    let mut sizes = HashMap::new();
    let (mut png_bytes, mut webp_bytes) = (0, 0);
    for entry in std::fs::read_dir(&images)? {
        let png = entry?.path();
        let Some(stem) = png
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".png"))
        else {
            continue;
        };
        let bytes = std::fs::read(&png)?;
        let size = png_size(&bytes).ok_or_else(|| format!("{} is not a PNG", png.display()))?;
        let webp = cache.join(format!("{stem}.webp"));
        let fresh = match (std::fs::metadata(&webp), std::fs::metadata(&png)) {
            (Ok(w), Ok(p)) => w.modified()? >= p.modified()?,
            _ => false,
        };
        if !fresh {
            tools::ensure_cwebp()?;
            run_command(
                cmd("cwebp")
                    .args(["-quiet", "-lossless", "-z", "6", "-metadata", "none"])
                    .arg(&png)
                    .arg("-o")
                    .arg(&webp),
            )?;
        }
        std::fs::copy(&webp, site.join("images").join(format!("{stem}.webp")))?;
        png_bytes += bytes.len() as u64;
        webp_bytes += std::fs::metadata(&webp)?.len();
        sizes.insert(format!("images/{stem}.png"), size);
    }
    let mut pages = 0;
    for entry in std::fs::read_dir(site)? {
        let path = entry?.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(&path)?;
        let lazy = path.file_name().is_none_or(|n| n != "print.html");
        let rewritten = with_pictures(&html, &sizes, lazy);
        if rewritten != html {
            std::fs::write(&path, rewritten)?;
            pages += 1;
        }
    }
    println!(
        "xtask: {} pictures as WebP ({} KB, the PNGs {} KB), sized in {pages} pages",
        sizes.len(),
        webp_bytes / 1024,
        png_bytes / 1024
    );
    Ok(())
}

/// The width and height in a PNG's header (`IHDR`, right after the signature).
fn png_size(bytes: &[u8]) -> Option<Size> {
    let header = bytes.get(..24)?;
    if &header[..8] != b"\x89PNG\r\n\x1a\n" || &header[12..16] != b"IHDR" {
        return None;
    }
    let number = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    Some(Size {
        width: number(16),
        height: number(20),
    })
}

/// The page with every `<img src="images/X.png" …>` whose picture is in `sizes` given the
/// WebP, its size, `decoding="async"` and, with `lazy`, `loading="lazy"` unless it shows
/// the page's first picture (mdBook writes each picture twice, the second a zoomed copy).
fn with_pictures(html: &str, sizes: &HashMap<String, Size>, lazy: bool) -> String {
    let mut out = String::with_capacity(html.len() + 1024);
    let mut first: Option<String> = None;
    let mut rest = html;
    while let Some(at) = rest.find("<img ") {
        out.push_str(&rest[..at]);
        let tag_len = rest[at..].find('>').map_or(rest.len() - at, |end| end + 1);
        let tag = &rest[at..at + tag_len];
        rest = &rest[at + tag_len..];
        let src = attribute(tag, "src");
        let Some((src, size)) = src.and_then(|src| Some((src, sizes.get(src)?))) else {
            out.push_str(tag);
            continue;
        };
        let first_src = first.get_or_insert_with(|| src.to_owned());
        let webp = format!("{}.webp", src.trim_end_matches(".png"));
        let mut added = format!(
            " width=\"{}\" height=\"{}\" decoding=\"async\"",
            size.width, size.height
        );
        if lazy && src != first_src.as_str() {
            added.push_str(" loading=\"lazy\"");
        }
        let tag = tag.replacen(&format!("src=\"{src}\""), &format!("src=\"{webp}\""), 1);
        let end = tag.len() - usize::from(tag.ends_with('>'));
        out.push_str(&tag[..end]);
        out.push_str(&added);
        out.push_str(&tag[end..]);
    }
    out.push_str(rest);
    out
}

/// The value of `name="…"` in a tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// Copies `from` into `to` recursively (files only; dot files are skipped).
pub(crate) fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(&name))?;
        } else {
            std::fs::copy(&path, to.join(&name))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::{png_size, with_pictures, Size};

    #[rustfmt::skip]
    #[test]
    fn gives_pictures_their_webp_size_and_loading() {
        let sizes: HashMap<String, Size> = [
            ("images/a.png".to_owned(), Size { width: 1000, height: 620 }),
            ("images/b.png".to_owned(), Size { width: 760, height: 900 }),
        ].into_iter().collect();
        let check = |html: &str, lazy: bool, expect: &str| assert_eq!(with_pictures(html, &sizes, lazy), expect, "{html}");
        check(r#"<p><img src="images/a.png" alt="A"><span><img src="images/a.png" alt="A"></span></p><img src="images/b.png" alt="B">"#, true,
              r#"<p><img src="images/a.webp" alt="A" width="1000" height="620" decoding="async"><span><img src="images/a.webp" alt="A" width="1000" height="620" decoding="async"></span></p><img src="images/b.webp" alt="B" width="760" height="900" decoding="async" loading="lazy">"#);
        check(r#"<img src="images/a.png" alt="A"><img src="images/b.png" alt="B">"#, false,
              r#"<img src="images/a.webp" alt="A" width="1000" height="620" decoding="async"><img src="images/b.webp" alt="B" width="760" height="900" decoding="async">"#);
        // Pictures it does not know, and text that only looks like a tag, stay as they are.
        check(r#"<img src="favicon.svg" alt="icon"><code>&lt;img src="images/a.png"&gt;</code>"#, true,
              r#"<img src="favicon.svg" alt="icon"><code>&lt;img src="images/a.png"&gt;</code>"#);
        check("no pictures", true, "no pictures");
    }

    #[test]
    fn reads_the_png_header() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&1000u32.to_be_bytes());
        png.extend_from_slice(&620u32.to_be_bytes());
        assert_eq!(
            png_size(&png),
            Some(Size {
                width: 1000,
                height: 620
            })
        );
        assert_eq!(png_size(&png[..20]), None);
        assert_eq!(png_size(b"GIF89a this is not a PNG at all"), None);
    }
}
