//! Static checks of the book, as tests (`cargo test -p xtask`): every internal link and
//! image reference resolves (anchors included), every image has alt text and is used,
//! every step the source guides illustrate has its picture, and every `{{#include}}`
//! names a file and anchor that exist.

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    use crate::project_root;

    /// The pictures of the steps the source documents illustrate (seed 000: the IotBridge
    /// guide, 11 pictures; seed 001: personal settings, 5), and the widget's states.
    const REQUIRED_PICTURES: &[&str] = &[
        "account-dropdown",
        "manage-account",
        "console-login",
        "console-home",
        "organizations",
        "organization",
        "api-keys",
        "add-api-key",
        "key-popup",
        "credentials-list",
        "add-flyout",
        "profile-menu",
        "general-settings",
        "change-password",
        "email-notifications",
        "personal-api-key",
        "widget-empty",
        "widget-valid",
        "widget-problems",
        "widget-repair",
        "widget-report-ok",
        "widget-report-missing",
        "widget-error",
        "widget-submitted",
        "widget-support",
    ];

    /// The largest picture we ship, in bytes.
    const MAX_PICTURE_BYTES: u64 = 120 * 1024;

    fn src() -> PathBuf {
        project_root().join("book").join("src")
    }

    fn chapters() -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(src())
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "md"))
                    .collect()
            })
            .unwrap_or_default();
        found.sort();
        found
    }

    /// Markdown links and images outside code: `(is_image, text, target, line)`.
    fn links(markdown: &str) -> Vec<(bool, String, String, usize)> {
        let mut found = Vec::new();
        let mut in_fence = false;
        for (n, line) in markdown.lines().enumerate() {
            if line.trim_start().starts_with("```") {
                in_fence = !in_fence;
                continue;
            }
            if in_fence {
                continue;
            }
            let bytes = line.as_bytes();
            let mut i = 0;
            while let Some(open) = line[i..].find('[').map(|o| o + i) {
                // Skip inline code spans.
                let ticks_before = line[..open].matches('`').count();
                let Some(close) = line[open..].find("](").map(|c| c + open) else {
                    break;
                };
                let Some(end) = line[close + 2..].find(')').map(|e| e + close + 2) else {
                    break;
                };
                if ticks_before % 2 == 0 {
                    let is_image = open > 0 && bytes[open - 1] == b'!';
                    let text = line[open + 1..close].to_owned();
                    let target = line[close + 2..end].to_owned();
                    found.push((is_image, text, target, n + 1));
                }
                i = end + 1;
            }
        }
        found
    }

    /// The anchors mdBook gives a chapter's headings (lower case, spaces to dashes,
    /// punctuation dropped).
    fn anchors(markdown: &str) -> BTreeSet<String> {
        markdown
            .lines()
            .filter(|l| l.starts_with('#'))
            .map(|l| {
                let title = l.trim_start_matches('#').trim();
                title
                    .chars()
                    .filter_map(|c| match c {
                        c if c.is_alphanumeric() => Some(c.to_ascii_lowercase()),
                        ' ' | '-' => Some('-'),
                        '_' => Some('_'),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn links_and_images_resolve() {
        let mut broken = Vec::new();
        for chapter in chapters() {
            let text = std::fs::read_to_string(&chapter).unwrap_or_default();
            let name = chapter
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            for (is_image, label, target, line) in links(&text) {
                if target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                let (path, anchor) = match target.split_once('#') {
                    Some((p, a)) => (p, Some(a)),
                    None => (target.as_str(), None),
                };
                // `tts-keycheck/` is where the site build copies `www/` (see site.rs).
                let file = match path.strip_prefix("tts-keycheck/") {
                    _ if path.is_empty() => chapter.clone(),
                    Some(rest) => project_root().join("www").join(rest),
                    None => src().join(path),
                };
                if !file.is_file() {
                    broken.push(format!("{name}:{line}: `{target}` does not exist"));
                    continue;
                }
                if is_image && label.trim().is_empty() {
                    broken.push(format!("{name}:{line}: image `{target}` has no alt text"));
                }
                if let Some(anchor) = anchor {
                    let target_text = std::fs::read_to_string(&file).unwrap_or_default();
                    if !anchors(&target_text).contains(anchor) {
                        broken.push(format!(
                            "{name}:{line}: no heading for `#{anchor}` in {path}"
                        ));
                    }
                }
            }
        }
        assert!(
            broken.is_empty(),
            "broken references:\n{}",
            broken.join("\n")
        );
    }

    #[test]
    fn every_picture_is_there_small_and_used() {
        let images = src().join("images");
        let used: BTreeSet<String> = chapters()
            .iter()
            .flat_map(|c| links(&std::fs::read_to_string(c).unwrap_or_default()))
            .filter(|(is_image, ..)| *is_image)
            .filter_map(|(_, _, target, _)| {
                Path::new(&target)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
            })
            .collect();
        let mut problems = Vec::new();
        for picture in REQUIRED_PICTURES {
            let file = images.join(format!("{picture}.png"));
            match std::fs::metadata(&file) {
                Ok(meta) if meta.len() > MAX_PICTURE_BYTES => {
                    problems.push(format!("{picture}.png is {} bytes", meta.len()))
                }
                Ok(_) => {}
                Err(_) => problems.push(format!("{picture}.png is missing")),
            }
            if !used.contains(*picture) {
                problems.push(format!("{picture}.png is not used by any chapter"));
            }
        }
        for entry in std::fs::read_dir(&images).into_iter().flatten().flatten() {
            let stem = entry
                .path()
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            if !used.contains(&stem) {
                problems.push(format!(
                    "{} is not used by any chapter",
                    entry.path().display()
                ));
            }
        }
        assert!(problems.is_empty(), "pictures:\n{}", problems.join("\n"));
    }

    #[test]
    fn every_chapter_is_in_the_summary() {
        let summary = std::fs::read_to_string(src().join("SUMMARY.md")).unwrap_or_default();
        let listed: BTreeSet<String> = links(&summary).into_iter().map(|(_, _, t, _)| t).collect();
        let missing: Vec<String> = chapters()
            .iter()
            .filter_map(|c| c.file_name().map(|n| n.to_string_lossy().into_owned()))
            .filter(|n| n != "SUMMARY.md" && !listed.contains(n))
            .collect();
        assert!(
            missing.is_empty(),
            "chapters not in SUMMARY.md: {missing:?}"
        );
    }

    #[test]
    fn includes_name_existing_files_and_anchors() {
        let mut broken = Vec::new();
        for chapter in chapters() {
            let text = std::fs::read_to_string(&chapter).unwrap_or_default();
            for (n, line) in text.lines().enumerate() {
                let Some(rest) = line.split("{{#include ").nth(1) else {
                    continue;
                };
                let spec = rest.split("}}").next().unwrap_or("").trim();
                let (path, anchor) = match spec.rsplit_once(':') {
                    Some((p, a)) if !a.chars().all(|c| c.is_ascii_digit()) => (p, Some(a)),
                    _ => (spec, None),
                };
                let file = src().join(path);
                let Ok(source) = std::fs::read_to_string(&file) else {
                    broken.push(format!(
                        "{}:{}: {path} does not exist",
                        chapter.display(),
                        n + 1
                    ));
                    continue;
                };
                if let Some(anchor) = anchor {
                    if !source.contains(&format!("ANCHOR: {anchor}"))
                        || !source.contains(&format!("ANCHOR_END: {anchor}"))
                    {
                        broken.push(format!(
                            "{}:{}: no anchor `{anchor}` in {path}",
                            chapter.display(),
                            n + 1
                        ));
                    }
                }
            }
        }
        assert!(broken.is_empty(), "broken includes:\n{}", broken.join("\n"));
    }
}
