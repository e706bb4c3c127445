//! `cargo xtask package`: the npm package of the widget, and the app that proves it works
//! from a bundle.
//!
//! The package, in `target/package/tts-keycheck/`: `www/package/package.json` (its
//! `exports` and `types`), `README.md` and `loader.d.ts` from there, `www/loader.js`,
//! `www/tts-keycheck.css`, and the wasm packages of `www/pkg` (glue, wasm and the `.d.ts`
//! files wasm-bindgen writes) and `www/pkg-form` (glue and wasm); `npm pack` turns it into
//! `target/package/tts-keycheck-VERSION.tgz`.
//!
//! The test app, in `target/package/app/`: a scratch project that installs the tarball
//! (no registry: the package has no dependencies), type-checks `tests/e2e/package/main.ts`
//! against the package's types with TypeScript, bundles it with esbuild, and puts the
//! bundle, the page and the package's `pkg/`, `pkg-form/` and style sheet into `dist/`. The end-to-end
//! tests serve that folder at `/__package/` and run it in every engine
//! (`tests/e2e/package.rs`).

use std::path::{Path, PathBuf};

use crate::{cmd, project_root, site, step, target_dir, tools, wasm, Result};

/// The files of the package, from the repository: (source, path in the package).
const FILES: &[(&str, &str)] = &[
    ("www/package/package.json", "package.json"),
    ("www/package/README.md", "README.md"),
    ("www/package/loader.d.ts", "loader.d.ts"),
    ("www/loader.js", "loader.js"),
    ("www/redact-worker.js", "redact-worker.js"),
    ("www/tts-keycheck.css", "tts-keycheck.css"),
    ("www/pkg/tts_keycheck.js", "pkg/tts_keycheck.js"),
    ("www/pkg/tts_keycheck.d.ts", "pkg/tts_keycheck.d.ts"),
    ("www/pkg/tts_keycheck_bg.wasm", "pkg/tts_keycheck_bg.wasm"),
    (
        "www/pkg/tts_keycheck_bg.wasm.d.ts",
        "pkg/tts_keycheck_bg.wasm.d.ts",
    ),
    // The form's build: pages whose widgets are all forms load only this one.
    ("www/pkg-form/tts_keycheck.js", "pkg-form/tts_keycheck.js"),
    (
        "www/pkg-form/tts_keycheck_bg.wasm",
        "pkg-form/tts_keycheck_bg.wasm",
    ),
];

/// The test app's own files, from `tests/e2e/package/`.
const APP_FILES: &[&str] = &["main.ts", "index.html", "tsconfig.json"];

/// Where the package, its tarball and the test app are made.
fn out_dir() -> PathBuf {
    target_dir().join("package")
}

/// `cargo xtask package`: builds the widget, the package and its tarball, and the test
/// app; prints what the tarball holds.
pub(crate) fn package() -> Result<()> {
    tools::ensure_build_tools()?;
    tools::ensure_npm_tools()?;
    wasm::build()?;
    let tarball = pack()?;
    app(&tarball)?;
    Ok(())
}

/// Assembles the package from the built widget and packs it; returns the tarball.
pub(crate) fn pack() -> Result<PathBuf> {
    let root = project_root();
    let version = crate_version()?;
    let manifest = std::fs::read_to_string(root.join("www/package/package.json"))?;
    if !manifest.contains(&format!("\"version\": \"{version}\"")) {
        return Err(format!(
            "www/package/package.json must have the crate's version, \"version\": \"{version}\""
        )
        .into());
    }
    let out = out_dir();
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    let package = out.join("tts-keycheck");
    for (from, to) in FILES {
        let to = package.join(to);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(root.join(from), &to)
            .map_err(|err| format!("cannot copy {from} into the package: {err}"))?;
    }
    println!("xtask: the npm package is in {}", package.display());
    step(
        "packing the npm package (npm pack)",
        cmd("npm")
            .args(["pack", "--pack-destination"])
            .arg(&out)
            .current_dir(&package),
    )?;
    let tarball = out.join(format!("tts-keycheck-{version}.tgz"));
    if !tarball.is_file() {
        return Err(format!("npm pack wrote no {}", tarball.display()).into());
    }
    let bytes = std::fs::metadata(&tarball)?.len();
    println!(
        "xtask: {} ({bytes} bytes, {} KB)",
        tarball.display(),
        bytes.div_ceil(1024)
    );
    Ok(tarball)
}

/// Makes the test app: installs `tarball` into a scratch project, type-checks and bundles
/// the app, and assembles `dist/`.
pub(crate) fn app(tarball: &Path) -> Result<PathBuf> {
    let root = project_root();
    let app = out_dir().join("app");
    if app.exists() {
        std::fs::remove_dir_all(&app)?;
    }
    std::fs::create_dir_all(&app)?;
    std::fs::write(
        app.join("package.json"),
        "{ \"name\": \"tts-keycheck-test-app\", \"private\": true, \"type\": \"module\" }\n",
    )?;
    for file in APP_FILES {
        std::fs::copy(root.join("tests/e2e/package").join(file), app.join(file))?;
    }
    step(
        "installing the npm package into a scratch project",
        cmd("npm")
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--offline",
                "--no-package-lock",
            ])
            .arg(tarball)
            .current_dir(&app),
    )?;
    step(
        "type-checking the test app against the package's types (tsc --noEmit)",
        cmd(tools::tsc())
            .arg("--project")
            .arg(app.join("tsconfig.json"))
            .current_dir(&app),
    )?;
    let dist = app.join("dist");
    step(
        "bundling the test app with esbuild",
        cmd(tools::esbuild())
            .args([
                "main.ts",
                "--bundle",
                "--format=esm",
                "--target=es2022",
                "--outfile=dist/app.js",
            ])
            .current_dir(&app),
    )?;
    let installed = app.join("node_modules").join("tts-keycheck");
    // The loader loads `pkg/` and `pkg-form/` next to the script that holds it: next to
    // the bundle.
    for build in ["pkg", "pkg-form"] {
        site::copy_dir(&installed.join(build), &dist.join(build))?;
    }
    std::fs::copy(
        installed.join("tts-keycheck.css"),
        dist.join("tts-keycheck.css"),
    )?;
    std::fs::copy(
        installed.join("redact-worker.js"),
        dist.join("redact-worker.js"),
    )?;
    std::fs::copy(app.join("index.html"), dist.join("index.html"))?;
    println!("xtask: the bundled test app is in {}", dist.display());
    Ok(dist)
}

/// The `version` of the `tts-keycheck` crate in `Cargo.toml`.
fn crate_version() -> Result<String> {
    let manifest = std::fs::read_to_string(project_root().join("Cargo.toml"))?;
    manifest
        .lines()
        .skip_while(|line| line.trim() != "[package]")
        .find_map(|line| line.strip_prefix("version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .map(str::to_owned)
        .ok_or_else(|| "Cargo.toml's [package] has no version".into())
}
