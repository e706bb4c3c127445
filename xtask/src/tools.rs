//! Installs what the tasks need, once: the wasm32 target, wasm-bindgen-cli pinned to the
//! crate's exact wasm-bindgen version, mdBook 0.5 and geckodriver (all with `cargo install
//! --root` into the git-ignored `.tools/`), wasm-opt from npm `binaryen`, axe-core for the
//! accessibility audit, Lighthouse, esbuild and TypeScript (all from npm into
//! `.tools/npm`), and
//! from Debian the three browser engines of the end-to-end tests: Chromium and
//! ChromeDriver, Firefox ESR, and WebKitGTK's WebDriver and MiniBrowser with Xvfb to run
//! them in, and `cwebp` for the book's pictures. Everything present and at the right
//! version is reused.

use std::path::PathBuf;

use crate::{cargo, cmd, output_of, project_root, run_command, Result, TARGET};

/// The mdBook release the book is built with.
pub(crate) const MDBOOK_VERSION: &str = "0.5.4";
/// The npm `binaryen` release whose wasm-opt we use (Debian's binaryen 108 emits
/// modules that fail in Chromium).
const BINARYEN_VERSION: &str = "132";
/// The npm `axe-core` release the end-to-end accessibility audit injects.
const AXE_VERSION: &str = "4.14.1";
/// The npm `lighthouse` release of `cargo xtask lighthouse` (issue 11 measured with 12).
pub(crate) const LIGHTHOUSE_VERSION: &str = "12.8.2";
/// The npm `esbuild` release that minifies the wasm glue and bundles the npm package's
/// test app.
const ESBUILD_VERSION: &str = "0.28.2";
/// The npm `typescript` release that checks the test app against the package's types.
const TYPESCRIPT_VERSION: &str = "5.9.3";
/// The geckodriver release that drives Firefox ESR in the end-to-end tests.
const GECKODRIVER_VERSION: &str = "0.36.0";
/// Where Debian's `libwebkit2gtk-4.1-0` puts MiniBrowser, below its library folder.
const MINIBROWSER: &str = "/webkit2gtk-4.1/MiniBrowser";

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

/// Path of npm's Lighthouse command in `.tools/npm`.
pub(crate) fn lighthouse() -> PathBuf {
    tools_dir().join("npm/node_modules/.bin/lighthouse")
}

/// Path of npm's esbuild command in `.tools/npm`.
pub(crate) fn esbuild() -> PathBuf {
    tools_dir().join("npm/node_modules/.bin/esbuild")
}

/// Path of npm's TypeScript compiler in `.tools/npm`.
pub(crate) fn tsc() -> PathBuf {
    tools_dir().join("npm/node_modules/.bin/tsc")
}

/// Everything any task needs.
pub(crate) fn ensure_all() -> Result<()> {
    ensure_build_tools()?;
    ensure_mdbook()?;
    ensure_chromium()?;
    ensure_firefox()?;
    ensure_webkit()?;
    ensure_npm_tools()?;
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

/// wasm-opt, and esbuild that minifies the glue (both from npm, installed together).
fn ensure_wasm_opt() -> Result<()> {
    let have = output_of(cmd(wasm_opt()).arg("--version"));
    if have.is_some_and(|v| v.contains(&format!("version {BINARYEN_VERSION}")))
        && npm_has("esbuild", ESBUILD_VERSION)
        && esbuild().is_file()
    {
        return Ok(());
    }
    println!("xtask: installing wasm-opt from npm binaryen@{BINARYEN_VERSION} into .tools/npm");
    npm_install()
        .map_err(|err| format!("{err}\n  wasm-opt comes from npm: is node/npm installed?").into())
}

/// Whether the npm package `name` is installed in `.tools/npm` at `version`.
fn npm_has(name: &str, version: &str) -> bool {
    let package = tools_dir().join(format!("npm/node_modules/{name}/package.json"));
    let have = std::fs::read_to_string(package).unwrap_or_default();
    have.contains(&format!("\"version\": \"{version}\""))
}

/// axe-core for the accessibility audit (`tests/e2e/a11y.rs`), Lighthouse for
/// `cargo xtask lighthouse`, and esbuild and TypeScript for the npm package's test app
/// (`cargo xtask package`), next to binaryen in `.tools/npm`.
pub(crate) fn ensure_npm_tools() -> Result<()> {
    let missing: Vec<String> = [
        ("axe-core", AXE_VERSION),
        ("lighthouse", LIGHTHOUSE_VERSION),
        ("esbuild", ESBUILD_VERSION),
        ("typescript", TYPESCRIPT_VERSION),
    ]
    .iter()
    .filter(|(name, version)| !npm_has(name, version))
    .map(|(name, version)| format!("{name}@{version}"))
    .collect();
    let commands = [axe(), lighthouse(), esbuild(), tsc()];
    if missing.is_empty() && commands.iter().all(|path| path.is_file()) {
        return Ok(());
    }
    println!(
        "xtask: installing {} from npm into .tools/npm (Lighthouse and its Puppeteer are about 100 MB, once)",
        missing.join(", ")
    );
    npm_install().map_err(|err| {
        format!("{err}\n  axe-core, Lighthouse, esbuild and TypeScript come from npm: is node/npm installed?")
            .into()
    })
}

/// Installs every npm tool into `.tools/npm` in one go: `npm install --no-save` removes
/// what it is not told to install, so installing one alone would remove the others.
/// esbuild's install script is not run (npm does not run it here); esbuild finds its
/// platform binary in the optional dependency npm installs beside it.
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
        &format!("lighthouse@{LIGHTHOUSE_VERSION}"),
        &format!("esbuild@{ESBUILD_VERSION}"),
        &format!("typescript@{TYPESCRIPT_VERSION}"),
    ]))
}

/// Whether a command is on the `PATH`.
fn on_path(name: &str) -> bool {
    output_of(cmd("sh").args(["-c", &format!("command -v {name}")])).is_some()
}

/// Installs Debian packages with apt-get when we are root; otherwise fails with the
/// command to run. `why` says what needs them.
fn apt_install(packages: &[&str], why: &str) -> Result<()> {
    let root = output_of(cmd("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    let list = packages.join(" ");
    if !root {
        return Err(format!(
            "{why} need Debian's {list}; install them (sudo apt-get install -y --no-install-recommends {list}) and run again"
        )
        .into());
    }
    println!("xtask: installing Debian's {list} with apt-get ({why})");
    run_command(cmd("apt-get").arg("update"))?;
    run_command(
        cmd("apt-get")
            .args(["install", "-y", "--no-install-recommends"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// Chromium and ChromeDriver for the browser tests: from Debian when we are root,
/// otherwise a clear message.
pub(crate) fn ensure_chromium() -> Result<()> {
    if on_path("chromium") && on_path("chromedriver") {
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"], "the browser tests")
}

/// Firefox ESR from Debian, and geckodriver (which Debian does not package) built with
/// `cargo install --locked --root .tools`.
fn ensure_firefox() -> Result<()> {
    if !on_path("firefox-esr") {
        apt_install(&["firefox-esr"], "the end-to-end tests in Firefox")?;
    }
    let have = output_of(cmd(tool("geckodriver")).arg("--version"));
    if have.is_some_and(|v| v.lines().next() == Some(&format!("geckodriver {GECKODRIVER_VERSION}")))
    {
        return Ok(());
    }
    println!(
        "xtask: installing geckodriver {GECKODRIVER_VERSION} into .tools/ (Firefox's WebDriver; takes about 3 minutes once)"
    );
    run_command(cmd(cargo()).args([
        "install",
        "--locked",
        "geckodriver",
        "--version",
        &format!("={GECKODRIVER_VERSION}"),
        "--root",
        &tools_dir().to_string_lossy(),
        "--force",
    ]))
}

/// `cwebp` from Debian's `webp`, which encodes the book's pictures as WebP (`site.rs`).
pub(crate) fn ensure_cwebp() -> Result<()> {
    if on_path("cwebp") {
        return Ok(());
    }
    apt_install(&["webp"], "the book's pictures as WebP")
}

/// WebKitGTK's WebDriver and MiniBrowser, with Xvfb (and `xauth`, which `xvfb-run` needs)
/// to give them a display, from Debian.
fn ensure_webkit() -> Result<()> {
    if on_path("WebKitWebDriver")
        && on_path("xvfb-run")
        && on_path("xauth")
        && minibrowser().is_ok()
    {
        return Ok(());
    }
    apt_install(
        &["webkit2gtk-driver", "xvfb", "xauth"],
        "the end-to-end tests in WebKitGTK",
    )?;
    minibrowser().map(drop)
}

/// WebKitGTK's MiniBrowser, the browser WebKitWebDriver launches: where Debian's
/// `libwebkit2gtk-4.1-0` put it (`dpkg -L`), below the multiarch library folder.
pub(crate) fn minibrowser() -> Result<PathBuf> {
    let files = output_of(cmd("dpkg").args(["-L", "libwebkit2gtk-4.1-0"])).ok_or(
        "Debian's libwebkit2gtk-4.1-0 is not installed (apt-get install webkit2gtk-driver)",
    )?;
    files
        .lines()
        .find(|line| line.ends_with(MINIBROWSER))
        .map(PathBuf::from)
        .filter(|path| path.is_file())
        .ok_or_else(|| format!("libwebkit2gtk-4.1-0 has no file ending in {MINIBROWSER}").into())
}
