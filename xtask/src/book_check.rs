//! Static checks of the book, as tests (`cargo test -p xtask`): every internal link and
//! image reference resolves (anchors included), every image has alt text and is used,
//! every step the source guides illustrate has its picture, every `{{#include}}`
//! names a file and anchor that exist, the Console labels are the Console's, and our
//! `theme/index.hbs` is mdBook's own with only the changes listed in `INDEX_HBS_CHANGES`.
//!
//! The labels: in the guide, **bold** text is a label of a user interface, and only that
//! (emphasis is written in italics). Each bold label must be one of The Things Stack
//! Console's, exactly as vendored in `reference/tts-console/labels.tsv` (from lorawan-stack
//! v3.32.1's `en.json` and `config/messages.json`), or one of the checker's own (its
//! markup in `src/web/` and `www/loader.js`), IotBridge's or Postman's. A right's Console
//! label next to a `RIGHT_*` name must be that right's label, and the right summaries the
//! widget shows (`src/rights.rs`) must be the Console's labels too.

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    use crate::project_root;

    /// The pictures of the steps the source documents illustrate (seed 000: the IotBridge
    /// guide, 11 pictures, with the rights list in two and the new key in the list as one
    /// more; seed 001: personal settings, 5), and the widget's states.
    const REQUIRED_PICTURES: &[&str] = &[
        "account-dropdown",
        "manage-account",
        "console-login",
        "console-home",
        "organizations",
        "organization",
        "api-keys",
        "add-api-key",
        "add-api-key-more",
        "key-popup",
        "api-key-listed",
        "credentials-list",
        "add-flyout",
        "profile-menu",
        "edit-profile",
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
        "widget-support-file",
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

    // The Console's labels.

    /// IotBridge's labels the guide quotes, from its own guide ("Things Stack
    /// Credentials", the seed this book rebuilds): its account menu, its credentials page
    /// and the fly-out's three fields.
    const IOTBRIDGE_LABELS: &[&str] = &[
        "Manage Account",
        "Things Stack",
        "Add a things stack organization",
        "Organization Id",
        "Key Id",
        "Key Secret",
    ];

    /// Postman's labels for a bearer token (its request's Authorization tab).
    const POSTMAN_LABELS: &[&str] = &[
        "Authorization",
        "Auth Type",
        "Bearer Token",
        "Token",
        "Headers",
    ];

    /// The checker's markup and messages, where its labels are.
    const WIDGET_SOURCES: &[&str] = &[
        "src/web/template.rs",
        "src/web/form.html",
        "src/web/support.html",
        "src/web/dom.rs",
        "src/web/support.rs",
        "www/loader.js",
    ];

    /// One vendored label: where it comes from, its message id, and its text as shown.
    #[derive(Debug)]
    struct Label {
        id: String,
        shown: String,
    }

    /// `reference/tts-console/labels.tsv`, with each `enum:RIGHT_*` label as the Console
    /// shows it: first letter in upper case (`api-keys-table/index.js`, `api-key-modal`'s
    /// `firstToUpper`).
    fn console_labels() -> Vec<Label> {
        let path = project_root().join("reference/tts-console/labels.tsv");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("reading {}: {err}", path.display()));
        let mut labels = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "labels.tsv:{}: source, id, text", n + 1);
            assert!(
                ["en.json", "messages.json", "create.js", "screenshot"].contains(&fields[0]),
                "labels.tsv:{}: unknown source {}",
                n + 1,
                fields[0]
            );
            let shown = match fields[1].strip_prefix("enum:") {
                Some(_) => first_to_upper(fields[2]),
                None => fields[2].to_owned(),
            };
            labels.push(Label {
                id: fields[1].to_owned(),
                shown,
            });
        }
        labels
    }

    fn first_to_upper(text: &str) -> String {
        let mut chars = text.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }

    /// The Console label of each right, by `RIGHT_*` name.
    fn right_labels(labels: &[Label]) -> Vec<(String, String)> {
        labels
            .iter()
            .filter_map(|label| {
                let name = label.id.strip_prefix("enum:")?;
                Some((name.to_owned(), label.shown.clone()))
            })
            .collect()
    }

    /// The bold spans of a Markdown line outside inline code, with the code spans inside
    /// them kept as text; `**` in code does not count.
    fn bold_spans(line: &str) -> Vec<String> {
        let mut spans = Vec::new();
        let mut in_code = false;
        let mut current: Option<String> = None;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '`' {
                in_code = !in_code;
                continue;
            }
            if !in_code && c == '*' && chars.peek() == Some(&'*') {
                chars.next();
                match current.take() {
                    Some(span) => spans.push(span),
                    None => current = Some(String::new()),
                }
                continue;
            }
            if let Some(span) = current.as_mut() {
                span.push(c);
            }
        }
        spans
    }

    /// The `RIGHT_*` names in inline code on a line.
    fn right_names(line: &str) -> Vec<&str> {
        line.split('`')
            .skip(1)
            .step_by(2)
            .filter(|code| {
                code.starts_with("RIGHT_")
                    && code.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
            })
            .collect()
    }

    /// Every bold label of the guide that is nobody's label, and every right label that
    /// stands beside another right's name: `file:line: message` lines.
    fn label_problems(chapters: &[(String, String)]) -> Vec<String> {
        let labels = console_labels();
        let rights = right_labels(&labels);
        let widget: String = WIDGET_SOURCES
            .iter()
            .map(|file| std::fs::read_to_string(project_root().join(file)).unwrap_or_default())
            .collect();
        let mut problems = Vec::new();
        for (name, text) in chapters {
            let mut in_fence = false;
            for (n, line) in text.lines().enumerate() {
                if line.trim_start().starts_with("```") {
                    in_fence = !in_fence;
                }
                if in_fence {
                    continue;
                }
                let names = right_names(line);
                for span in bold_spans(line) {
                    let label = span.trim().trim_end_matches(['.', ':']);
                    let is_console = labels.iter().any(|l| l.shown == label);
                    let known = is_console
                        || IOTBRIDGE_LABELS.contains(&label)
                        || POSTMAN_LABELS.contains(&label)
                        || (!label.is_empty() && widget.contains(label));
                    if !known {
                        problems.push(format!(
                            "{name}:{}: **{label}** is no label of the Console (reference/tts-console/labels.tsv), the checker (src/web/, www/loader.js), IotBridge or Postman; Console labels must match exactly, and emphasis is written in italics",
                            n + 1
                        ));
                        continue;
                    }
                    let labelled: Vec<&str> = rights
                        .iter()
                        .filter(|(_, shown)| shown == label)
                        .map(|(right, _)| right.as_str())
                        .collect();
                    if !labelled.is_empty()
                        && !names.is_empty()
                        && !names.iter().any(|right| labelled.contains(right))
                    {
                        problems.push(format!(
                            "{name}:{}: **{label}** is the Console's label of {}, not of {}",
                            n + 1,
                            labelled.join(", "),
                            names.join(", ")
                        ));
                    }
                }
            }
        }
        problems
    }

    fn chapter_texts() -> Vec<(String, String)> {
        chapters()
            .iter()
            .filter(|c| !c.ends_with("SUMMARY.md"))
            .map(|c| {
                let name = c
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                (name, std::fs::read_to_string(c).unwrap_or_default())
            })
            .collect()
    }

    #[test]
    fn bold_labels_are_the_consoles_or_known_labels() {
        let problems = label_problems(&chapter_texts());
        assert!(problems.is_empty(), "labels:\n{}", problems.join("\n"));
    }

    /// The check itself, on made-up chapters: one line per case, the problems it finds.
    #[test]
    #[rustfmt::skip]
    fn label_check_finds_wrong_labels() {
        #[track_caller]
        fn check(line: &str, expect: usize) {
            let found = label_problems(&[("test.md".to_owned(), line.to_owned())]);
            assert_eq!(found.len(), expect, "{line}: {found:?}");
        }
        check("Choose **Grant individual rights**.", 0);
        check("Choose **Grant individual right**.", 1);
        check("Press **Add API Key**.", 1);
        check("Open the **API keys** tab and press **Test key**.", 0);
        check("| **View devices in application** | `RIGHT_APPLICATION_DEVICES_READ` |", 0);
        check("| **View devices in application** | `RIGHT_APPLICATION_DEVICES_WRITE` |", 1);
        check("| **View devices in applications** | `RIGHT_APPLICATION_DEVICES_READ` |", 1);
        check("It is *important*, and `**` is code.", 0);
        check("This is **important**.", 1);
        check("```\n**not a label** in a fence\n```", 0);
    }

    #[test]
    fn vendored_labels_are_unique_and_cover_the_widgets_rights() {
        let labels = console_labels();
        let mut ids: Vec<&str> = labels.iter().map(|l| l.id.as_str()).collect();
        ids.sort_unstable();
        let n_ids = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n_ids, "duplicate ids in labels.tsv");
        assert_eq!(right_labels(&labels).len(), 63, "the v3.32.1 right labels");
    }

    /// The summaries of `src/rights.rs`'s table, by right name: its
    /// `"RIGHT_X" = 1, Entity, Edition, "summary";` lines.
    fn widget_summaries() -> Vec<(String, String)> {
        let path = project_root().join("src/rights.rs");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("reading {}: {err}", path.display()));
        text.lines()
            .filter_map(|line| {
                let line = line.trim();
                let rest = line.strip_prefix('"')?;
                let (name, rest) = rest.split_once('"')?;
                if !name.starts_with("RIGHT_") || !rest.trim_start().starts_with('=') {
                    return None;
                }
                let summary = rest.strip_suffix("\";")?.rsplit_once(", \"")?.1;
                Some((name.to_owned(), summary.to_owned()))
            })
            .collect()
    }

    #[test]
    fn widget_right_summaries_are_the_consoles_labels() {
        let summaries = widget_summaries();
        assert!(
            summaries.len() > 90,
            "read {} rights from src/rights.rs",
            summaries.len()
        );
        let mut problems = Vec::new();
        for (right, label) in right_labels(&console_labels()) {
            match summaries.iter().find(|(name, _)| *name == right) {
                Some((_, summary)) if *summary == label => {}
                Some((_, summary)) => problems.push(format!(
                    "{right}: the widget says \"{summary}\", the Console \"{label}\""
                )),
                None => problems.push(format!("{right} is not in src/rights.rs")),
            }
        }
        assert!(
            problems.is_empty(),
            "right labels:\n{}",
            problems.join("\n")
        );
    }

    /// The changes `book/theme/index.hbs` makes to mdBook's own `index.hbs` (of the mdBook
    /// in `.tools/`, which `cargo xtask` pins): why, mdBook's text, ours. Each of mdBook's
    /// texts must be there exactly once; everything else must be mdBook's, byte for byte,
    /// after our leading `{{!-- … --~}}` comment.
    const INDEX_HBS_CHANGES: &[(&str, &str, &str)] = &[
        (
            "the sidebar toggle is a button, which may carry aria-expanded and aria-label",
            r#"                        <label id="mdbook-sidebar-toggle" class="icon-button" for="mdbook-sidebar-toggle-anchor" title="Toggle Table of Contents" aria-label="Toggle Table of Contents" aria-controls="mdbook-sidebar">
                            {{fa "solid" "bars"}}
                        </label>"#,
            r#"                        <button id="mdbook-sidebar-toggle" class="icon-button" type="button" title="Toggle Table of Contents" aria-label="Toggle Table of Contents" aria-controls="mdbook-sidebar">
                            {{fa "solid" "bars"}}
                        </button>"#,
        ),
        (
            "the menu bar is a banner landmark: its start",
            r#"                <div id="mdbook-menu-bar" class="menu-bar sticky">"#,
            r#"                <header id="mdbook-menu-bar" class="menu-bar sticky">"#,
        ),
        (
            "the menu bar is a banner landmark: its end",
            r#"                    </div>
                </div>

                {{#if search_enabled}}"#,
            r#"                    </div>
                </header>

                {{#if search_enabled}}"#,
        ),
        (
            "the additional-js scripts run before book.js",
            r#"        <script src="{{ resource "clipboard.min.js" }}"></script>
        <script src="{{ resource "highlight.js" }}"></script>
        <script src="{{ resource "book.js" }}"></script>

        <!-- Custom JS scripts -->
        {{#each additional_js}}
        <script src="{{ resource this}}"></script>
        {{/each}}
"#,
            r#"        <!-- Custom JS scripts, before book.js -->
        {{#each additional_js}}
        <script src="{{ resource this}}"></script>
        {{/each}}

        <script src="{{ resource "clipboard.min.js" }}"></script>
        <script src="{{ resource "highlight.js" }}"></script>
        <script src="{{ resource "book.js" }}"></script>
"#,
        ),
    ];

    /// mdBook's own `index.hbs`, from `mdbook init --theme` of the installed mdBook in a
    /// fresh folder.
    fn mdbooks_index_hbs() -> String {
        let mdbook = crate::tools::tool("mdbook");
        let version = std::process::Command::new(&mdbook)
            .arg("--version")
            .output()
            .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
            .unwrap_or_default();
        assert_eq!(
            version,
            format!("mdbook v{}", crate::tools::MDBOOK_VERSION),
            "{} is not the pinned mdBook: run `cargo xtask tools`",
            mdbook.display()
        );
        let dir = std::env::temp_dir().join(format!("xtask-mdbook-theme-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let status = std::process::Command::new(&mdbook)
            .args([
                "init", "--theme", "--force", "--title", "theme", "--ignore", "none",
            ])
            .current_dir(&dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        let theme = std::fs::read_to_string(dir.join("theme").join("index.hbs"));
        let _ = std::fs::remove_dir_all(&dir);
        assert!(status.success(), "mdbook init --theme failed ({status})");
        theme.unwrap()
    }

    /// Where two texts first differ, as line numbers and both lines.
    fn first_difference(expected: &str, actual: &str) -> String {
        let (mut left, mut right) = (expected.lines(), actual.lines());
        for n in 1.. {
            match (left.next(), right.next()) {
                (Some(a), Some(b)) if a == b => continue,
                (None, None) => break,
                (a, b) => {
                    return format!(
                    "line {n} (after our comment): mdBook's with our changes has {a:?}, ours {b:?}"
                )
                }
            }
        }
        "only in line endings".to_owned()
    }

    /// `theme/index.hbs` with its leading comment taken off, and mdBook's with the listed
    /// changes made; or what is wrong.
    fn index_hbs_problems(upstream: &str, ours: &str) -> Vec<String> {
        let mut problems = Vec::new();
        let Some(body) = ours
            .strip_prefix("{{!--")
            .and_then(|rest| rest.split_once("--~}}\n"))
            .map(|(_, body)| body)
        else {
            return vec![
                "book/theme/index.hbs does not start with its `{{!-- … --~}}` comment".to_owned(),
            ];
        };
        let mut expected = upstream.to_owned();
        for (why, from, to) in INDEX_HBS_CHANGES {
            match expected.matches(from).count() {
                1 => expected = expected.replacen(from, to, 1),
                n => problems.push(format!(
                    "mdBook's index.hbs holds the text of the change `{why}` {n} times, not once: mdBook changed, redo the override"
                )),
            }
        }
        if problems.is_empty() && expected != body {
            problems.push(format!(
                "book/theme/index.hbs is not mdBook's with only the listed changes: {}",
                first_difference(&expected, body)
            ));
        }
        problems
    }

    #[test]
    fn index_hbs_is_mdbooks_with_only_the_listed_changes() {
        let ours = std::fs::read_to_string(project_root().join("book/theme/index.hbs")).unwrap();
        let problems = index_hbs_problems(&mdbooks_index_hbs(), &ours);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn index_hbs_check_finds_other_changes() {
        let upstream = "<a>\n".to_owned()
            + INDEX_HBS_CHANGES
                .iter()
                .map(|(_, from, _)| *from)
                .collect::<Vec<_>>()
                .join("\n<b>\n")
                .as_str()
            + "\n";
        let ours = "{{!-- why --~}}\n<a>\n".to_owned()
            + INDEX_HBS_CHANGES
                .iter()
                .map(|(_, _, to)| *to)
                .collect::<Vec<_>>()
                .join("\n<b>\n")
                .as_str()
            + "\n";
        assert_eq!(index_hbs_problems(&upstream, &ours), Vec::<String>::new());
        let changed = ours.replace("<a>", "<a class=\"x\">");
        assert_eq!(
            index_hbs_problems(&upstream, &changed),
            ["book/theme/index.hbs is not mdBook's with only the listed changes: line 1 (after our comment): mdBook's with our changes has Some(\"<a>\"), ours Some(\"<a class=\\\"x\\\">\")"]
        );
        assert_eq!(
            index_hbs_problems(&upstream, "<a>\n"),
            ["book/theme/index.hbs does not start with its `{{!-- … --~}}` comment"]
        );
        let newer = upstream.replace(
            "<label id=\"mdbook-sidebar-toggle\"",
            "<label id=\"mdbook-sidebar-toggle\" tabindex=\"0\"",
        );
        assert_eq!(index_hbs_problems(&newer, &ours).len(), 1);
    }
}
