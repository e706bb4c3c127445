//! Builds the WebAssembly widget (release, wasm-bindgen `--target web`, wasm-opt `-Oz`)
//! into `www/pkg`, and checks its gzip size against the budget kept in the repo.

use std::path::PathBuf;

use crate::{
    cargo, cmd, project_root, run_command, standin, step, target_dir, tools, Result, TARGET,
};

/// The folder the JS API lands in (git-ignored).
pub(crate) fn pkg_dir() -> PathBuf {
    project_root().join("www").join("pkg")
}

/// Builds `www/pkg/tts_keycheck.js` and `www/pkg/tts_keycheck_bg.wasm`.
pub(crate) fn build() -> Result<()> {
    step(
        "building the wasm widget (release)",
        cmd(cargo()).args([
            "build",
            "--package",
            "tts-keycheck",
            "--lib",
            "--release",
            "--target",
            TARGET,
        ]),
    )?;
    let wasm = target_dir()
        .join(TARGET)
        .join("release")
        .join("tts_keycheck.wasm");
    run_command(
        cmd(tools::tool("wasm-bindgen"))
            .args(["--target", "web", "--out-name", "tts_keycheck", "--out-dir"])
            .arg(pkg_dir())
            .arg(&wasm),
    )?;
    let bg = pkg_dir().join("tts_keycheck_bg.wasm");
    run_command(
        cmd(tools::wasm_opt())
            .arg("-Oz")
            .arg(&bg)
            .arg("-o")
            .arg(&bg),
    )?;
    Ok(())
}

/// What a host page loads, measured: each file's raw and gzip size, and the budget.
#[derive(Debug)]
pub(crate) struct Sizes {
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

/// Builds, then measures the wasm, the JS glue and the CSS (raw and gzip).
pub(crate) fn measure() -> Result<Sizes> {
    build()?;
    let budget_file = project_root().join("xtask").join("size-budget.txt");
    let budget: u64 = std::fs::read_to_string(&budget_file)?
        .lines()
        .find_map(|line| line.strip_prefix("total_gzip_bytes = "))
        .and_then(|n| n.trim().parse().ok())
        .ok_or("xtask/size-budget.txt needs a line `total_gzip_bytes = N`")?;
    // What a host page loads: the wasm, the JS glue and the widget's CSS (the demo
    // page's own CSS is not part of the widget).
    let files = [
        pkg_dir().join("tts_keycheck_bg.wasm"),
        pkg_dir().join("tts_keycheck.js"),
        project_root().join("www").join("tts-keycheck.css"),
    ];
    let mut sizes = Sizes {
        files: Vec::new(),
        budget,
    };
    for file in files {
        let raw = std::fs::metadata(&file)?.len();
        let gz = gzip_len(&file)?;
        sizes.files.push((file, raw, gz));
    }
    Ok(sizes)
}

/// Builds, then prints raw and gzip sizes of the wasm, the JS glue and the CSS, and
/// fails when their gzip total is above `xtask/size-budget.txt`.
pub(crate) fn size() -> Result<()> {
    let sizes = measure()?;
    println!("\nxtask: sizes (gzip -9)");
    println!("{:<32} {:>10} {:>10}", "file", "raw bytes", "gzip bytes");
    for (file, raw, gz) in &sizes.files {
        let name = file.strip_prefix(project_root()).unwrap_or(file);
        println!("{:<32} {raw:>10} {gz:>10}", name.display());
    }
    let (total, budget) = (sizes.total_gzip(), sizes.budget);
    println!("{:<32} {:>10} {total:>10}  (budget {budget})", "total", "");
    if total > budget {
        return Err(format!(
            "the widget is {total} bytes gzipped, over the budget of {budget}; \
             find what grew with `twiggy top www/pkg/tts_keycheck_bg.wasm`"
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
