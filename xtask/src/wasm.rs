//! Builds the WebAssembly widget (release, wasm-bindgen `--target web`, wasm-opt `-Oz`,
//! the glue minified by esbuild, the imports' names shortened) twice, once per widget:
//! the support panel's package (`support` feature) into `www/pkg` and the form's (`form`
//! feature) into `www/pkg-form`; and checks what a page loads with each against the
//! budgets kept in the repo.

use std::path::PathBuf;

use crate::{
    cargo, cmd, project_root, run_command, standin, step, target_dir, tools, Result, TARGET,
};

/// One build of the widget: where it lands, its cargo features, and the budget line that
/// holds what a page loading it loads (`xtask/size-budget.txt`).
struct Build {
    /// Its folder under `www/`.
    dir: &'static str,
    /// Arguments that choose its features.
    features: &'static [&'static str],
    /// The page it is for, in the size table.
    page: &'static str,
    /// Its line in `size-budget.txt`, `KEY = N`.
    budget_key: &'static str,
    /// Code generation flags it adds to `RUSTFLAGS`.
    rustflags: &'static str,
}

/// The builds: the support panel with the whole-text and file exports (the file worker
/// loads it too), and the credentials form.
const BUILDS: &[Build] = &[
    Build {
        dir: "pkg",
        features: &["--no-default-features", "--features", "support"],
        page: "a page with the support panel",
        budget_key: "support_page_gzip_bytes",
        // WebAssembly SIMD for the redaction scan's fast stage (`scan/`), which runs over
        // every byte of a text or file; Chromium, Firefox, Safari 16.4+, WebKitGTK and
        // node 16.4+ have it. The form's build does without: it has no scan.
        rustflags: "-C target-feature=+simd128",
    },
    Build {
        dir: "pkg-form",
        features: &["--no-default-features", "--features", "form"],
        page: "a page with the form",
        budget_key: "form_page_gzip_bytes",
        rustflags: "",
    },
];

/// Builds every package: `www/pkg/` and `www/pkg-form/`, each `tts_keycheck.js` and
/// `tts_keycheck_bg.wasm`.
pub(crate) fn build() -> Result<()> {
    for build in BUILDS {
        step(
            &format!("building the wasm widget into www/{} (release)", build.dir),
            cmd(cargo())
                .args([
                    "build",
                    "--package",
                    "tts-keycheck",
                    "--lib",
                    "--release",
                    "--target",
                    TARGET,
                ])
                .args(build.features)
                .env("RUSTFLAGS", rustflags(build)),
        )?;
        let wasm = target_dir()
            .join(TARGET)
            .join("release")
            .join("tts_keycheck.wasm");
        let out = project_root().join("www").join(build.dir);
        run_command(
            cmd(tools::tool("wasm-bindgen"))
                .args(["--target", "web", "--out-name", "tts_keycheck", "--out-dir"])
                .arg(&out)
                .arg(&wasm),
        )?;
        let bg = out.join("tts_keycheck_bg.wasm");
        // `--low-memory-unused`: the stack is first in memory (rustc links wasm with
        // `--stack-first`) and grows down from 1 MiB, so the lowest 1 KiB is never used
        // and wasm-opt may fold offsets into loads and stores. The producers section
        // only names the tools. Flattening and re-looping the control flow, then -Oz
        // twice more, finds more to fold than -Oz alone.
        run_command(
            cmd(tools::wasm_opt())
                .args(["-Oz", "--low-memory-unused", "--strip-producers"])
                .args(["--flatten", "--rereloop", "-Oz", "-Oz"])
                .arg(&bg)
                .arg("-o")
                .arg(&bg),
        )?;
        // The glue minified (esbuild: whitespace, syntax, local names; the exports keep
        // theirs): the form page's glue goes from 8,217 to about 5,700 bytes gzipped.
        let glue = out.join("tts_keycheck.js");
        run_command(
            cmd(tools::esbuild())
                .arg(&glue)
                .args(["--minify", "--format=esm", "--log-level=warning"])
                .arg("--allow-overwrite")
                .arg(format!("--outfile={}", glue.display())),
        )?;
        crate::minify::shorten_imports(&bg, &glue)?;
    }
    Ok(())
}

/// `RUSTFLAGS` for `build`: the caller's, then the build's own.
fn rustflags(build: &Build) -> String {
    let caller = std::env::var("RUSTFLAGS").unwrap_or_default();
    format!("{caller} {}", build.rustflags).trim().to_owned()
}

/// What a page loads with one build, measured: each file's raw and gzip size, and the
/// budget.
#[derive(Debug)]
pub(crate) struct Sizes {
    /// The page it is for.
    pub(crate) page: &'static str,
    /// Each file with its raw and gzip (`gzip -9`) byte counts.
    pub(crate) files: Vec<(PathBuf, u64, u64)>,
    /// The gzip budget from `xtask/size-budget.txt`.
    pub(crate) budget: u64,
}

impl Sizes {
    /// The gzip bytes of all files together, as the budget counts them.
    pub(crate) fn total_gzip(&self) -> u64 {
        self.files.iter().map(|(_, _, gz)| gz).sum()
    }
}

/// Builds, then measures for each build the wasm, the JS glue and the CSS (raw and gzip).
pub(crate) fn measure() -> Result<Vec<Sizes>> {
    build()?;
    let budget_file = project_root().join("xtask").join("size-budget.txt");
    let budgets = std::fs::read_to_string(&budget_file)?;
    let mut all = Vec::new();
    for build in BUILDS {
        let budget: u64 = budgets
            .lines()
            .find_map(|line| line.strip_prefix(build.budget_key)?.strip_prefix(" = "))
            .and_then(|n| n.trim().parse().ok())
            .ok_or_else(|| {
                format!(
                    "xtask/size-budget.txt needs a line `{} = N`",
                    build.budget_key
                )
            })?;
        // What the page loads: the wasm, the JS glue and the widget's CSS (the demo
        // page's own CSS is not part of the widget).
        let dir = project_root().join("www").join(build.dir);
        let files = [
            dir.join("tts_keycheck_bg.wasm"),
            dir.join("tts_keycheck.js"),
            project_root().join("www").join("tts-keycheck.css"),
        ];
        let mut sizes = Sizes {
            page: build.page,
            files: Vec::new(),
            budget,
        };
        for file in files {
            let raw = std::fs::metadata(&file)?.len();
            let gz = gzip_len(&file)?;
            sizes.files.push((file, raw, gz));
        }
        all.push(sizes);
    }
    Ok(all)
}

/// Builds, then prints raw and gzip sizes of each build's wasm, JS glue and CSS, and
/// fails when a page's gzip total is above its line in `xtask/size-budget.txt`.
pub(crate) fn size() -> Result<()> {
    let all = measure()?;
    let mut over = Vec::new();
    for sizes in &all {
        println!("\nxtask: what {} loads (gzip -9)", sizes.page);
        println!("{:<32} {:>10} {:>10}", "file", "raw bytes", "gzip bytes");
        for (file, raw, gz) in &sizes.files {
            let name = file.strip_prefix(project_root()).unwrap_or(file);
            println!("{:<32} {raw:>10} {gz:>10}", name.display());
        }
        let (total, budget) = (sizes.total_gzip(), sizes.budget);
        println!("{:<32} {:>10} {total:>10}  (budget {budget})", "total", "");
        if total > budget {
            over.push(format!(
                "{} loads {total} bytes gzipped, over its budget of {budget}",
                sizes.page
            ));
        }
    }
    if !over.is_empty() {
        return Err(format!(
            "{}; find what grew with `twiggy top www/pkg/tts_keycheck_bg.wasm`",
            over.join("; ")
        )
        .into());
    }
    Ok(())
}

fn gzip_len(file: &std::path::Path) -> Result<u64> {
    let out = cmd("gzip")
        .args(["-9", "-c"])
        .arg(file)
        .output()
        .map_err(|err| format!("could not run gzip: {err}"))?;
    if !out.status.success() {
        return Err(format!("gzip failed on {}", file.display()).into());
    }
    Ok(out.stdout.len() as u64)
}

/// Runs `tests/web.rs` in headless Chromium through wasm-bindgen-test-runner and
/// ChromeDriver, with the local stand-in running for the `liveCheck` tests.
pub(crate) fn test() -> Result<()> {
    let standin = standin::start()?;
    let result = step(
        "wasm boundary tests in headless Chromium (wasm-bindgen-test)",
        cmd(cargo())
            .args([
                "test",
                "--package",
                "tts-keycheck",
                "--target",
                TARGET,
                "--test",
                "web",
            ])
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                tools::tool("wasm-bindgen-test-runner"),
            )
            .env("CHROMEDRIVER", "chromedriver")
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
            .env("TTS_STANDIN_URL", standin.url()),
    );
    drop(standin);
    result
}
