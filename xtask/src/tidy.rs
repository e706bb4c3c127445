//! Repo rules, checked as tests (`cargo test -p xtask`): every Rust file says what it is
//! for, key material never derives `Debug`, no expectation holds a secret, nothing in
//! the widget touches storage or the console, CI runs exactly the README command, no path
//! in the repository leads out of it, ARCHITECTURE.md names every source file and folder,
//! and the modules of xtask, the stand-in, the development server and the report import
//! one another without cycles.

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use crate::project_root;

    /// Every file below `dir` (relative to the root) whose name ends in `ext`.
    fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut stack = vec![project_root().join(dir)];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    if !path.ends_with("pkg")
                        && !path.ends_with("pkg-form")
                        && !path.ends_with("node_modules")
                    {
                        stack.push(path);
                    }
                } else if path.to_string_lossy().ends_with(ext) {
                    found.push(path);
                }
            }
        }
        found.sort();
        found
    }

    fn rust_files() -> Vec<PathBuf> {
        [
            "src",
            "tests",
            "benches",
            "xtask/src",
            "tts-standin/src",
            "tts-standin/tests",
            "devserver/src",
        ]
        .iter()
        .flat_map(|dir| files(dir, ".rs"))
        .collect()
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap_or_default()
    }

    fn name(path: &Path) -> String {
        path.strip_prefix(project_root())
            .unwrap_or(path)
            .display()
            .to_string()
    }

    #[test]
    fn every_rust_file_starts_with_a_module_doc() {
        let missing: Vec<String> = rust_files()
            .into_iter()
            .filter(|path| !read(path).trim_start().starts_with("//!"))
            .map(|path| name(&path))
            .collect();
        assert!(missing.is_empty(), "files without a `//!` doc: {missing:?}");
    }

    /// A struct holds key material if it is `ApiKey` or has a field named like a secret.
    #[test]
    fn key_material_never_derives_debug() {
        let mut offenders = Vec::new();
        for path in files("src", ".rs") {
            let text = read(&path);
            let lines: Vec<&str> = text.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                let Some(rest) = line.trim_start().strip_prefix("pub struct ").or_else(|| {
                    line.trim_start()
                        .strip_prefix("pub(crate) struct ")
                        .or_else(|| line.trim_start().strip_prefix("struct "))
                }) else {
                    continue;
                };
                let struct_name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let body: Vec<&str> = lines[i..]
                    .iter()
                    .take_while(|l| !l.starts_with('}'))
                    .copied()
                    .collect();
                let holds_key = struct_name == "ApiKey"
                    || body.iter().any(|l| {
                        let field = l.trim_start().trim_start_matches("pub ");
                        ["secret", "bearer", "raw_key", "key_text", "full_key"]
                            .iter()
                            .any(|word| field.starts_with(word) && field.contains(':'))
                    });
                let derives_debug = lines[..i]
                    .iter()
                    .rev()
                    .take_while(|l| {
                        let l = l.trim_start();
                        l.starts_with("#[") || l.starts_with("///")
                    })
                    .any(|l| l.contains("derive(") && l.contains("Debug"));
                if holds_key && derives_debug {
                    offenders.push(format!("{}: {struct_name}", name(&path)));
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "key material with derived Debug: {offenders:?}"
        );
    }

    /// Expectations are what a reviewer reads: they must never hold a secret. A run of
    /// 40 or more base32 characters is longer than any Key ID (39), so it is secret text.
    #[test]
    fn no_expectation_holds_a_secret() {
        let mut offenders = Vec::new();
        for path in ["tests", "tts-standin/tests"]
            .iter()
            .flat_map(|dir| files(dir, ".rs"))
        {
            let text = read(&path);
            for (n, chunk) in text.split("expect![").enumerate().skip(1) {
                let literal = chunk.split("]]").next().unwrap_or(chunk);
                let literal = literal.split("\"]").next().unwrap_or(literal);
                let mut run = 0;
                for byte in literal.bytes() {
                    run = if matches!(byte, b'A'..=b'Z' | b'2'..=b'7') {
                        run + 1
                    } else {
                        0
                    };
                    if run >= 40 {
                        offenders.push(format!("{} (expect #{n})", name(&path)));
                        break;
                    }
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "expectations with secret-length runs: {offenders:?}"
        );
    }

    /// The widget must not store or log anything (a key could end up there).
    #[test]
    fn widget_code_touches_no_storage_and_no_console() {
        let forbidden = [
            "localStorage",
            "sessionStorage",
            "indexedDB",
            "document.cookie",
            "set_cookie",
            "console.log",
            "console::log",
            "console_log",
            "console.debug",
            "console.info",
        ];
        let mut offenders = Vec::new();
        let sources = files("src", ".rs")
            .into_iter()
            .chain(files("www", ".js"))
            .chain(files("www", ".html"));
        for path in sources {
            let text = read(&path);
            for word in forbidden {
                if text.contains(word) {
                    offenders.push(format!("{}: {word}", name(&path)));
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "storage or console use: {offenders:?}"
        );
    }

    #[test]
    fn ci_runs_exactly_the_readme_test_command() {
        let ci = read(&project_root().join(".ci/run"));
        let commands: Vec<&str> = ci
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        assert_eq!(commands, ["set -euo pipefail", "cargo xtask test"]);
        let readme = read(&project_root().join("README.md"));
        assert!(readme.contains("cargo xtask test") && readme.contains("cargo xtask serve"));
    }

    // Hermetic: nothing leads out of the repository.

    /// Folders and files that are not the project's own text: build output, installed
    /// tools, fuzzing state (all git-ignored), the lock files, and the vendored upstream data
    /// other than its Markdown (`reference/README.md` and the notes are checked).
    fn not_scanned(relative: &str) -> bool {
        let ignored_dirs = [
            ".git",
            ".tools",
            "target",
            "www/pkg",
            "www/pkg-form",
            "book/build",
            "fuzz/target",
            "fuzz/corpus",
            "fuzz/artifacts",
            "fuzz/coverage",
        ];
        ignored_dirs
            .iter()
            .any(|dir| relative == *dir || relative.starts_with(&format!("{dir}/")))
            || relative.starts_with("target-")
            || relative.split('/').any(|part| part == "node_modules")
            || relative.ends_with("Cargo.lock")
            || (relative.starts_with("reference/") && !relative.ends_with(".md"))
    }

    /// Every file of the repository's own, relative to the root, sorted.
    fn repository_files() -> Vec<String> {
        let root = project_root();
        let mut found = Vec::new();
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let relative = name(&path);
                if not_scanned(&relative) {
                    continue;
                }
                if path.is_dir() {
                    stack.push(path);
                } else {
                    found.push(relative);
                }
            }
        }
        found.sort();
        found
    }

    /// How many folders deep `relative` (a folder, relative to the root) is: 0 for the root.
    fn depth(relative: &Path) -> usize {
        relative.components().count()
    }

    /// The folder of the package holding the Rust file `file` (relative to the root): the
    /// nearest folder above it with a `Cargo.toml`, where `env!("CARGO_MANIFEST_DIR")` and
    /// cargo's relative paths start.
    fn package_dir(file: &str) -> PathBuf {
        let mut dir = Path::new(file).parent();
        while let Some(candidate) = dir {
            if project_root().join(candidate).join("Cargo.toml").is_file() {
                return candidate.to_path_buf();
            }
            dir = candidate.parent();
        }
        PathBuf::new()
    }

    /// Why `token`, a word of a file whose paths start `base_depth` folders below the root,
    /// names a place outside the repository; `None` when it does not.
    fn leaves_repository(token: &str, base_depth: usize) -> Option<&'static str> {
        if token.contains("://") || !token.contains('/') {
            return None;
        }
        // Folders of a machine, not of a clone; spelt out at run time, so this file holds
        // none of them.
        let outside = ["work", "home", "root", "Users"].map(|dir| format!("/{dir}/"));
        if outside
            .iter()
            .any(|prefix| token.starts_with(prefix.as_str()))
        {
            return Some("an absolute path to a place outside the repository");
        }
        // `{}/../x` and `concat!(env!(…), "/../x")` leave a relative path after a `/`.
        let relative = match token.strip_prefix('/') {
            Some(rest) if rest.starts_with("..") => rest,
            // A path from the web root, as pages use them.
            Some(_) => return None,
            None => token,
        };
        if relative.split('/').next() == Some("shared") {
            return Some("the team's reference folder beside the clone: vendor what is needed into reference/");
        }
        let mut depth = base_depth;
        for segment in relative.split('/') {
            match segment {
                ".." if depth == 0 => return Some("climbs above the repository root"),
                ".." => depth -= 1,
                "." | "" => {}
                _ => depth += 1,
            }
        }
        None
    }

    /// Every `file:line: token (why)` of `text` (the file `file`, relative to the root)
    /// that leads out of the repository. Rust paths start at the package folder, except in
    /// `include_str!`, `include_bytes!` and `#[path]`, which start at the file's folder, as
    /// do the paths of every other kind of file.
    fn paths_leaving(file: &str, text: &str) -> Vec<String> {
        let file_depth = depth(Path::new(file).parent().unwrap_or(Path::new("")));
        let package_depth = depth(&package_dir(file));
        let mut found = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let file_relative = ["include_str!", "include_bytes!", "#[path"]
                .iter()
                .any(|word| line.contains(word));
            let base_depth = if file.ends_with(".rs") && !file_relative {
                package_depth
            } else {
                file_depth
            };
            let words = line.split(|c: char| c.is_whitespace() || "\"'`()<>[]{},;=|*".contains(c));
            for token in words {
                if let Some(why) = leaves_repository(token, base_depth) {
                    found.push(format!("{file}:{}: {token} ({why})", n + 1));
                }
            }
        }
        found
    }

    #[test]
    fn finds_paths_that_leave_the_repository() {
        // The paths are put together at run time, so this file holds none of them.
        let up = "..";
        let cases: &[(&str, String, bool)] = &[
            (
                "tests/rights.rs",
                format!("\"{{}}/{up}/shared/reference/tts/{{file}}\""),
                true,
            ),
            (
                "tests/rights.rs",
                "\"{}/reference/tts/{file}\"".to_owned(),
                false,
            ),
            (
                "tts-standin/src/errors.rs",
                format!("\"/{up}/reference/tts/messages.json\""),
                false,
            ),
            (
                "tts-standin/src/errors.rs",
                format!("\"/{up}/{up}/reference/x\""),
                true,
            ),
            (
                "tts-standin/tests/standin.rs",
                format!("include_str!(\"{up}/README.md\")"),
                false,
            ),
            (
                "tts-standin/tests/standin.rs",
                format!("include_str!(\"{up}/{up}/{up}/x\")"),
                true,
            ),
            (
                "book/src/embedding.md",
                format!("{{{{#include {up}/{up}/www/examples/embed.html:load}}}}"),
                false,
            ),
            (
                "book/src/embedding.md",
                format!("[x]({up}/{up}/{up}/notes.md)"),
                true,
            ),
            (
                "src/key.rs",
                format!("//! see `{}/reference/tts/NOTES.md`", "shared"),
                true,
            ),
            (
                "src/key.rs",
                "//! see `reference/tts/NOTES.md`".to_owned(),
                false,
            ),
            (
                "README.md",
                format!("cat {}", ["", "work", "shared", "STYLE.md"].join("/")),
                true,
            ),
            (
                "README.md",
                format!("open {}", ["", "home", "me", "x"].join("/")),
                true,
            ),
            (
                "www/index.html",
                "<link href=\"/tts-keycheck.css\">".to_owned(),
                false,
            ),
            ("src/report/mod.rs", "let x = &parts[..];".to_owned(), false),
            (
                "src/report/mod.rs",
                "https://github.com/x/../y".to_owned(),
                false,
            ),
            (
                "fuzz/Cargo.toml",
                format!("tts-keycheck = {{ path = \"{up}\" }}"),
                false,
            ),
        ];
        for (file, text, leaves) in cases {
            let found = paths_leaving(file, text);
            assert_eq!(!found.is_empty(), *leaves, "{file}: {text} -> {found:?}");
        }
    }

    #[test]
    fn no_path_leaves_the_repository() {
        let mut found = Vec::new();
        for file in repository_files() {
            // Files that are not UTF-8 (pictures) hold no paths.
            let Ok(text) = std::fs::read_to_string(project_root().join(&file)) else {
                continue;
            };
            found.extend(paths_leaving(&file, &text));
        }
        assert!(
            found.is_empty(),
            "paths leading out of the repository (a fresh clone has nothing beside it):\n  {}",
            found.join("\n  ")
        );
    }

    // A code map that is true.

    /// The files ARCHITECTURE.md must name: every Rust file, every script and style sheet,
    /// the widget's pages and the test pages.
    fn source_files() -> Vec<String> {
        repository_files()
            .into_iter()
            .filter(|file| {
                let ext = Path::new(file).extension().and_then(|e| e.to_str());
                match ext {
                    Some("rs" | "js" | "css" | "hbs") => true,
                    Some("html") => file.starts_with("www/") || file.starts_with("tests/"),
                    _ => false,
                }
            })
            .collect()
    }

    /// The folders ARCHITECTURE.md must name: the top-level ones and the folders in them.
    fn source_folders() -> Vec<String> {
        let mut folders: Vec<String> = repository_files()
            .iter()
            .filter_map(|file| {
                let parts: Vec<&str> = file.split('/').collect();
                match parts.len() {
                    0 | 1 => None,
                    2 => Some(format!("{}/", parts[0])),
                    _ => Some(format!("{}/{}/", parts[0], parts[1])),
                }
            })
            .flat_map(|folder| {
                let top = format!("{}/", folder.split('/').next().unwrap_or(""));
                [top, folder]
            })
            .collect();
        folders.sort();
        folders.dedup();
        folders
    }

    /// Whether `map` (ARCHITECTURE.md) names `path`: in backticks with its whole path, or in
    /// a section whose heading names a folder above it, with its path from that folder.
    fn names(map: &str, path: &str) -> bool {
        let spans = |text: &str| -> Vec<String> {
            text.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect()
        };
        if spans(map).iter().any(|span| span == path) {
            return true;
        }
        map.split("\n#").any(|section| {
            let heading = section.lines().next().unwrap_or("");
            spans(heading).iter().any(|folder| {
                folder.ends_with('/')
                    && path
                        .strip_prefix(folder.as_str())
                        .is_some_and(|rest| spans(section).iter().any(|span| span == rest))
            })
        })
    }

    #[test]
    fn code_map_names_files_in_sections_or_by_path() {
        let map = "# Map\n\n### `src/web/`\n\n- `mod.rs`: the exports.\n\n### `xtask/`\n\n`src/tidy.rs` and `xtask/size-budget.txt`; `fuzz/`.\n";
        let cases = [
            ("src/web/mod.rs", true),
            ("src/web/dom.rs", false),
            ("xtask/src/tidy.rs", true),
            ("xtask/src/main.rs", false),
            ("fuzz/", true),
            ("src/mod.rs", false),
        ];
        for (path, named) in cases {
            assert_eq!(names(map, path), named, "{path}");
        }
    }

    #[test]
    fn architecture_names_every_source_file_and_folder() {
        let map = read(&project_root().join("ARCHITECTURE.md"));
        let missing: Vec<String> = source_files()
            .into_iter()
            .chain(source_folders())
            .filter(|path| !names(&map, path))
            .collect();
        assert!(
            missing.is_empty(),
            "ARCHITECTURE.md's code map does not name: {missing:?}\n(name each in backticks, by its path or inside the section of its folder)"
        );
    }

    // No cycles among modules.

    /// The sibling modules `text` uses, of `modules`, reached by `prefix` (`crate::` in a
    /// crate's top-level module; `super::` or `crate::report::` in `report`'s): every
    /// `prefix` followed by a name, and every name in a `use prefix{…}` list.
    fn used_modules(text: &str, prefixes: &[&str], modules: &[String]) -> Vec<String> {
        let mut used = Vec::new();
        let found = prefixes.iter().flat_map(|prefix| {
            text.match_indices(prefix)
                .map(move |(at, _)| &text[at + prefix.len()..])
        });
        for rest in found {
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(list) => {
                    let list = list.split('}').next().unwrap_or("");
                    list.split(',').map(|item| item.trim()).collect()
                }
                None => vec![rest],
            };
            for item in names {
                let first: String = item
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if modules.contains(&first) && !used.contains(&first) {
                    used.push(first);
                }
            }
        }
        used.sort();
        used
    }

    /// A cycle in `edges` (module → modules it uses), as `a -> b -> a`, if there is one.
    fn find_cycle(edges: &[(String, Vec<String>)]) -> Option<String> {
        fn visit(
            node: &str,
            edges: &[(String, Vec<String>)],
            path: &mut Vec<String>,
            done: &mut Vec<String>,
        ) -> Option<String> {
            if let Some(start) = path.iter().position(|n| n == node) {
                let mut cycle = path[start..].to_vec();
                cycle.push(node.to_owned());
                return Some(cycle.join(" -> "));
            }
            if done.iter().any(|n| n == node) {
                return None;
            }
            path.push(node.to_owned());
            let next = edges
                .iter()
                .find(|(from, _)| from == node)
                .map(|(_, to)| to.as_slice())
                .unwrap_or_default();
            for to in next {
                if let Some(cycle) = visit(to, edges, path, done) {
                    return Some(cycle);
                }
            }
            path.pop();
            done.push(node.to_owned());
            None
        }
        let mut done = Vec::new();
        edges
            .iter()
            .find_map(|(node, _)| visit(node, edges, &mut Vec::new(), &mut done))
    }

    /// The module graph of the modules in `dir`, reached by `prefixes`: one module per
    /// `.rs` file directly in it (a folder module by its `mod.rs`), the parent (`main.rs`,
    /// `lib.rs`, `mod.rs`) left out, since it declares every module.
    fn module_graph(dir: &str, prefixes: &[&str]) -> Vec<(String, Vec<String>)> {
        let root = project_root().join(dir);
        let mut modules: Vec<(String, PathBuf)> = Vec::new();
        for entry in std::fs::read_dir(&root).into_iter().flatten().flatten() {
            let path = entry.path();
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("")
                .to_owned();
            if path.is_dir() && path.join("mod.rs").is_file() {
                modules.push((stem, path.join("mod.rs")));
            } else if path.extension().is_some_and(|e| e == "rs")
                && !["main", "lib", "mod"].contains(&stem.as_str())
            {
                modules.push((stem, path));
            }
        }
        let names: Vec<String> = modules.iter().map(|(name, _)| name.clone()).collect();
        let mut graph: Vec<(String, Vec<String>)> = modules
            .iter()
            .map(|(name, path)| {
                let text = read(path);
                let uses = used_modules(&text, prefixes, &names);
                (
                    name.clone(),
                    uses.into_iter().filter(|n| n != name).collect(),
                )
            })
            .collect();
        graph.sort();
        graph
    }

    #[test]
    fn finds_module_cycles() {
        let modules: Vec<String> = ["tools", "wasm", "serve"].map(str::to_owned).to_vec();
        let cases: &[(&str, &[&str])] = &[
            ("use crate::wasm::TARGET;", &["wasm"]),
            (
                "use crate::{cargo, cmd, tools, wasm, Result};",
                &["tools", "wasm"],
            ),
            ("crate::serve::StandIn::start()", &["serve"]),
            ("use crate::{project_root, Result};", &[]),
        ];
        for (text, expect) in cases {
            assert_eq!(
                used_modules(text, &["crate::"], &modules),
                *expect,
                "{text}"
            );
        }
        let nested = "use super::wire::Status;\nuse crate::report::serve::x;\nuse crate::tools;";
        let prefixes = ["super::", "crate::report::"];
        assert_eq!(used_modules(nested, &prefixes, &modules), ["serve"]);
        let edge = |from: &str, to: &[&str]| {
            (
                from.to_owned(),
                to.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>(),
            )
        };
        let cyclic = [
            edge("tools", &["wasm"]),
            edge("wasm", &["serve", "tools"]),
            edge("serve", &[]),
        ];
        assert_eq!(
            find_cycle(&cyclic).as_deref(),
            Some("tools -> wasm -> tools")
        );
        let acyclic = [
            edge("tools", &[]),
            edge("wasm", &["serve", "tools"]),
            edge("serve", &["tools"]),
        ];
        assert_eq!(find_cycle(&acyclic), None);
    }

    #[test]
    fn modules_import_one_another_without_cycles() {
        let crates: &[(&str, &[&str])] = &[
            ("xtask/src", &["crate::"]),
            ("tts-standin/src", &["crate::"]),
            ("devserver/src", &["crate::"]),
            ("src/report", &["super::", "crate::report::"]),
            ("src", &["crate::"]),
        ];
        let cycles: Vec<String> = crates
            .iter()
            .filter_map(|(dir, prefixes)| {
                let cycle = find_cycle(&module_graph(dir, prefixes))?;
                Some(format!("{dir}: {cycle}"))
            })
            .collect();
        assert!(cycles.is_empty(), "module cycles: {cycles:?}");
    }
}
