//! Installs what the tasks need, once: the wasm32 target, wasm-bindgen-cli pinned to the
//! crate's exact wasm-bindgen version and mdBook 0.5 (both with `cargo install --root`
//! into the git-ignored `.tools/`), wasm-opt from npm `binaryen`, axe-core from npm for the
//! accessibility audit, and Debian's Chromium and ChromeDriver. Everything present and at
//! the right version is reused.

use std::path::PathBuf;

use crate::{cargo, cmd, output_of, project_root, run_command, Result, TARGET};

/// The mdBook release the book is built with.
const MDBOOK_VERSION: &str = "0.5.4";
/// The npm `binaryen` release whose wasm-opt we use (Debian's binaryen 108 emits
/// modules that fail in Chromium).
const BINARYEN_VERSION: &str = "132";
/// The npm `axe-core` release the end-to-end accessibility audit injects.
const AXE_VERSION: &str = "4.14.1";

/// The project-local tools folder.
pub(crate) fn tools_dir() -> PathBuf {
    project_root().join(".tools")
}

/// Path of a tool installed by `cargo install --root .tools`.
pub(crate) fn tool(name: &str) -> PathBuf {
    tools_dir().join("bin").join(name)
}

/// Path of npm's wasm-opt in `.tools/npm`.
pub(crate) fn wasm_opt() -> PathBuf {
    tools_dir().join("npm/node_modules/.bin/wasm-opt")
}

/// Path of npm's axe-core script in `.tools/npm`.
pub(crate) fn axe() -> PathBuf {
    tools_dir().join("npm/node_modules/axe-core/axe.min.js")
}

/// Everything any task needs.
pub(crate) fn ensure_all() -> Result<()> {
    ensure_build_tools()?;
    ensure_mdbook()?;
    ensure_chromium()?;
    ensure_axe()?;
    Ok(())
}

/// What building the wasm widget needs.
pub(crate) fn ensure_build_tools() -> Result<()> {
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    ensure_wasm_opt()?;
    Ok(())
}

fn ensure_wasm_target() -> Result<()> {
    let installed = output_of(cmd("rustup").args(["target", "list", "--installed"]))
        .ok_or("`rustup` is needed to add the wasm32 target; install Rust with rustup")?;
    if installed.lines().any(|line| line.trim() == TARGET) {
        return Ok(());
    }
    println!("xtask: installing the Rust target {}", TARGET);
    run_command(cmd("rustup").args(["target", "add", TARGET]))
}

/// The exact wasm-bindgen version in Cargo.lock: the CLI must match it.
pub(crate) fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(project_root().join("Cargo.lock"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|l| l.strip_suffix('"'))
            {
                return Ok(version.to_owned());
            }
        }
    }
    Err("Cargo.lock names no wasm-bindgen version".into())
}

fn ensure_wasm_bindgen() -> Result<()> {
    let version = wasm_bindgen_version()?;
    let have = output_of(cmd(tool("wasm-bindgen")).arg("--version"));
    if have.is_some_and(|v| v.trim() == format!("wasm-bindgen {version}")) {
        return Ok(());
    }
    println!(
        "xtask: installing wasm-bindgen-cli {version} into .tools/ (matches the crate; takes a few minutes once)"
    );
    // Without --locked: the CLI's own lock file names a webpki-roots release that the
    // registry here lacks.
    run_command(cmd(cargo()).args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &format!("={version}"),
        "--root",
        &tools_dir().to_string_lossy(),
        "--force",
    ]))
}

pub(crate) fn ensure_mdbook() -> Result<()> {
    let have = output_of(cmd(tool("mdbook")).arg("--version"));
    if have.is_some_and(|v| v.trim() == format!("mdbook v{MDBOOK_VERSION}")) {
        return Ok(());
    }
    println!("xtask: installing mdBook {MDBOOK_VERSION} into .tools/ (takes a few minutes once)");
    run_command(cmd(cargo()).args([
        "install",
        "--locked",
        "mdbook",
        "--version",
        &format!("={MDBOOK_VERSION}"),
        "--root",
        &tools_dir().to_string_lossy(),
        "--force",
    ]))
}

fn ensure_wasm_opt() -> Result<()> {
    let have = output_of(cmd(wasm_opt()).arg("--version"));
    if have.is_some_and(|v| v.contains(&format!("version {BINARYEN_VERSION}"))) {
        return Ok(());
    }
    println!("xtask: installing wasm-opt from npm binaryen@{BINARYEN_VERSION} into .tools/npm");
    npm_install()
        .map_err(|err| format!("{err}\n  wasm-opt comes from npm: is node/npm installed?").into())
}

/// axe-core for the accessibility audit (`tests/e2e/a11y.rs`), next to binaryen in
/// `.tools/npm`.
pub(crate) fn ensure_axe() -> Result<()> {
    let package = tools_dir().join("npm/node_modules/axe-core/package.json");
    let have = std::fs::read_to_string(package).unwrap_or_default();
    if axe().is_file() && have.contains(&format!("\"version\": \"{AXE_VERSION}\"")) {
        return Ok(());
    }
    println!("xtask: installing axe-core@{AXE_VERSION} from npm into .tools/npm");
    npm_install()
        .map_err(|err| format!("{err}\n  axe-core comes from npm: is node/npm installed?").into())
}

/// Installs every npm tool into `.tools/npm` in one go: `npm install --no-save` removes
/// what it is not told to install, so installing one alone would remove the other.
fn npm_install() -> Result<()> {
    let prefix = tools_dir().join("npm");
    std::fs::create_dir_all(&prefix)?;
    run_command(cmd("npm").args([
        "install",
        "--no-audit",
        "--no-fund",
        "--no-save",
        "--prefix",
        &prefix.to_string_lossy(),
        &format!("binaryen@{BINARYEN_VERSION}"),
        &format!("axe-core@{AXE_VERSION}"),
    ]))
}

/// Chromium and ChromeDriver for the browser tests: from Debian when we are root,
/// otherwise a clear message.
fn ensure_chromium() -> Result<()> {
    let found = |name: &str| output_of(cmd("sh").args(["-c", &format!("command -v {name}")]));
    if found("chromium").is_some() && found("chromedriver").is_some() {
        return Ok(());
    }
    let root = output_of(cmd("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    if !root {
        return Err(
            "the browser tests need Debian's `chromium` and `chromium-driver` packages; \
             install them (sudo apt-get install -y chromium chromium-driver) and run again"
                .into(),
        );
    }
    println!("xtask: installing Debian's chromium and chromium-driver with apt-get");
    run_command(cmd("apt-get").arg("update"))?;
    run_command(
        cmd("apt-get")
            .args([
                "install",
                "-y",
                "--no-install-recommends",
                "chromium",
                "chromium-driver",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}
