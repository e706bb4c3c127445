//! Repo rules, checked as tests (`cargo test -p xtask`): every Rust file says what it is
//! for, key material never derives `Debug`, no expectation holds a secret, nothing in
//! the widget touches storage or the console, and CI runs exactly the README command.

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
                    if !path.ends_with("pkg") && !path.ends_with("node_modules") {
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
}
