//! The browser half of `cargo xtask bench`: loads `bench/bench.html` in headless
//! Chromium and writes what it measured to `browser.json`, next to the corpus.
//!
//! Run when `$TTS_KEYCHECK_BROWSER_BENCH` names a folder holding the native benchmark's
//! `corpus.txt` and `inputs.json` (xtask puts them there). The page and the release
//! package in `www/pkg` are served from 127.0.0.1 with `Cross-Origin-Opener-Policy` and
//! `Cross-Origin-Embedder-Policy`, so the page is cross-origin isolated and
//! `performance.now()` steps by 5 µs instead of 100 µs. Everything it starts is stopped
//! when it returns; every wait is bounded.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::browser::{Browser, Sites};
use crate::engine::Engine;
use crate::{processes, Result};

/// How many fresh loads measure the start-up time.
const STARTUP_LOADS: usize = 10;
/// The longest the page's full run may take (5 × five 16 MB jobs, 40 000 `check` calls,
/// and `redactFile` on 16, 64 and 256 MB).
const FULL_LIMIT: Duration = Duration::from_secs(300);
/// The longest one start-up load may take.
const LOAD_LIMIT: Duration = Duration::from_secs(20);

/// Runs the page: [`STARTUP_LOADS`] start-up loads, then one full run; writes
/// `dir/browser.json`.
pub(crate) async fn run(dir: &Path) -> Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in ["bench.html", "bench.js"] {
        std::fs::copy(root.join("tests/e2e/bench").join(file), dir.join(file))?;
    }
    for file in ["corpus.txt", "inputs.json"] {
        if !dir.join(file).is_file() {
            return Err(format!("no {file} in {}: run `cargo xtask bench`", dir.display()).into());
        }
    }
    // The widget's folder with the bench page and its inputs at `/__e2e/`, no stand-in.
    let server = devserver::spawn(devserver::Site {
        root: root.join("www"),
        mounts: vec![("/__e2e/".to_owned(), dir.to_path_buf())],
        demo_url: None,
        cross_origin_isolated: true,
        static_host: false,
    })?;
    let site = server.url().to_owned();
    let profile = processes::TempDir::new("tts-keycheck-bench-profile")?;
    let (_driver, driver_url) =
        processes::start_driver(Engine::Chromium, profile.path(), Path::new("/dev/null"))?;
    let sites = Sites {
        widget: site.clone(),
        book: site.clone(),
    };
    let screenshots = root.join("target").join("e2e-screenshots");
    let browser = tokio::time::timeout(
        crate::browser::WAIT,
        Browser::open(
            Engine::Chromium,
            &driver_url,
            profile.path(),
            sites,
            screenshots,
            None,
        ),
    )
    .await
    .map_err(|_| "Chromium did not start in time")??;

    let mut startup = Vec::new();
    for _ in 0..STARTUP_LOADS {
        let result = page(
            &browser,
            &format!("{site}/__e2e/bench.html?mode=startup"),
            LOAD_LIMIT,
        )
        .await?;
        startup.push(number(&result, "startupMs")?);
    }
    let mut full = page(
        &browser,
        &format!("{site}/__e2e/bench.html?mode=full"),
        FULL_LIMIT,
    )
    .await?;
    let _ = tokio::time::timeout(Duration::from_secs(10), browser.close()).await;

    if full["crossOriginIsolated"] != json!(true) {
        return Err("the bench page is not cross-origin isolated: its timer is coarse".into());
    }
    startup.sort_by(f64::total_cmp);
    full["startupLoadsMs"] = json!(startup);
    full["startupMedianMs"] = json!(startup[startup.len() / 2]);
    full["startupMaxMs"] = json!(startup[startup.len() - 1]);
    full["startupLoads"] = json!(startup.len());
    let out = dir.join("browser.json");
    std::fs::write(&out, serde_json::to_string_pretty(&full)? + "\n")?;
    println!("bench: wrote {}", out.display());
    Ok(())
}

/// Loads `url` and waits, at most `limit`, for the page's result.
async fn page(browser: &Browser, url: &str, limit: Duration) -> Result<Value> {
    browser.client().goto(url).await?;
    let deadline = Instant::now() + limit;
    loop {
        let state = browser
            .execute("return window.tkcBench || { done: false };", vec![])
            .await?;
        if state["done"] == json!(true) {
            if let Some(error) = state["error"].as_str() {
                return Err(format!("the bench page failed: {error}").into());
            }
            let result = state["result"].clone();
            if result["answered"] != json!(true) {
                return Err("the mounted widget did not answer a typed key".into());
            }
            return Ok(result);
        }
        if Instant::now() >= deadline {
            return Err(format!("the bench page did not finish within {limit:?}").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn number(value: &Value, key: &str) -> Result<f64> {
    value[key]
        .as_f64()
        .ok_or_else(|| format!("the bench page gave no `{key}`").into())
}
