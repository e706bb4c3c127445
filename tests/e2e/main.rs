//! End-to-end tests of the widget and of the built book in real browsers over WebDriver:
//! the widget's cases in headless Chromium, Firefox ESR and WebKitGTK, the book's in
//! Chromium.
//!
//! Run by `cargo xtask e2e` and `cargo xtask test`, which build the wasm into `www/pkg`,
//! the site into `target/site`, the stand-in and the npm package's test app first; by
//! hand, `cargo test --test e2e [-- FILTER]` after `cargo xtask build` and
//! `cargo build -p tts-standin`. A plain `cargo test` skips it. A case's full name is
//! `ENGINE/NAME` (`firefox/privacy-full-run`); the filter keeps the cases whose full name
//! contains it, so `firefox/` runs one engine and `privacy` one kind of case in all.
//!
//! Each engine gets everything it needs started afresh, on 127.0.0.1 only, and stopped
//! again, also on failure: the The Things Stack stand-in (`$TTS_STANDIN`, else the one
//! next to this test binary), a static server for `www/` and `tests/e2e/fixture.html` (and
//! the package's test app at `/__package/`, `$TTS_KEYCHECK_PACKAGE_APP`), another for the
//! built site (`$TTS_KEYCHECK_SITE`, else `target/site`), both the development server of
//! `cargo xtask serve` and started as it starts them (the `devserver` crate); for Firefox
//! and WebKit the recording proxy (`proxy.rs`); and the engine's WebDriver server with its
//! browser (`processes.rs`, `engine.rs`: `$CHROMEDRIVER`, `$GECKODRIVER`,
//! `$WEBKIT_WEBDRIVER`, `$CHROMIUM`, `$FIREFOX`, `$MINIBROWSER` override where they are).
//! The cases are data, in `cases.rs` (the widget), `privacy.rs` (the secret-handling
//! audit), `keyboard.rs` (the keyboard-only path), `package.rs` (the npm package in a
//! bundled app), `book.rs` (the book) and `a11y.rs` (the axe-core accessibility audit of
//! the book's widget pages, with `$TTS_KEYCHECK_AXE`); with `$TTS_KEYCHECK_BROWSER_BENCH`
//! it runs the browser benchmark of `bench.rs` instead. Every wait is bounded, each case
//! and each engine's run have a time limit, each case leaves a screenshot in
//! `target/e2e-screenshots/ENGINE/`, and the last line is `N passed, M failed`; any
//! failure exits non-zero.

mod a11y;
mod bench;
mod book;
mod browser;
mod cases;
mod engine;
mod files;
mod keyboard;
mod package;
mod privacy;
mod processes;
mod proxy;

use std::error::Error;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use book::Page;
use browser::{Browser, Sites};
use cases::{Case, Keys, Step};
use engine::{Engine, ENGINES};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// The longest one case may take (the slowest waits for a 2 s timeout, then a retry).
const CASE_LIMIT: Duration = Duration::from_secs(60);
/// The longest one engine's run may take, start-up included.
const RUN_LIMIT: Duration = Duration::from_secs(300);

fn main() -> ExitCode {
    let filter = std::env::args().skip(1).find(|arg| !arg.starts_with('-'));
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("e2e: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    // On Ctrl-C or SIGTERM the run is dropped, and with it every guard, which stops the
    // stand-in, ChromeDriver and the browser.
    // `cargo xtask bench` runs this program for the browser benchmark instead.
    if let Some(dir) = std::env::var_os("TTS_KEYCHECK_BROWSER_BENCH") {
        let outcome = runtime.block_on(async {
            tokio::select! {
                outcome = bench::run(Path::new(&dir)) => outcome,
                signal = interrupted() => Err(format!("stopped by {signal}").into()),
            }
        });
        return match outcome {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("bench: {err}");
                ExitCode::FAILURE
            }
        };
    }
    let outcome = runtime.block_on(async {
        tokio::select! {
            outcome = run(filter.as_deref()) => outcome,
            signal = interrupted() => Err(format!("stopped by {signal}").into()),
        }
    });
    match outcome {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("e2e: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Resolves when the process is asked to stop; names the signal.
async fn interrupted() -> &'static str {
    use tokio::signal::unix::{signal, SignalKind};
    match signal(SignalKind::terminate()) {
        Ok(mut terminate) => tokio::select! {
            _ = tokio::signal::ctrl_c() => "Ctrl-C",
            _ = terminate.recv() => "SIGTERM",
        },
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
            "Ctrl-C"
        }
    }
}

/// Runs every engine's cases, one engine after the other, and returns how many failed.
async fn run(filter: Option<&str>) -> Result<usize> {
    let started = Instant::now();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join("www/pkg/tts_keycheck_bg.wasm").is_file() {
        return Err(
            "www/pkg is not built: run `cargo xtask e2e`, or `cargo xtask build` first".into(),
        );
    }
    let book_dir = book::site_dir(root)?;
    let pages = book::pages(&book_dir)?;
    let standin_binary = standin_binary()?;
    let screenshots = root.join("target").join("e2e-screenshots");
    let (mut passed, mut failed) = (0, 0);
    let mut timings = Vec::new();
    for engine in ENGINES {
        let engine_started = Instant::now();
        let (p, f) = run_engine(
            engine,
            filter,
            root,
            &book_dir,
            &pages,
            &standin_binary,
            &screenshots,
        )
        .await?;
        if p + f > 0 {
            timings.push(format!(
                "{} {:.1} s",
                engine.name(),
                engine_started.elapsed().as_secs_f64()
            ));
        }
        passed += p;
        failed += f;
    }
    println!(
        "e2e: {} case(s) in {:.1} s ({}); screenshots in {}",
        passed + failed,
        started.elapsed().as_secs_f64(),
        timings.join(", "),
        screenshots.display()
    );
    println!("{passed} passed, {failed} failed");
    Ok(failed)
}

/// Starts what one engine's cases need, runs those the filter keeps, stops everything,
/// and returns how many passed and failed. An engine with no case to run is not started.
#[allow(clippy::too_many_arguments)]
async fn run_engine(
    engine: Engine,
    filter: Option<&str>,
    root: &Path,
    book_dir: &Path,
    pages: &[Page],
    standin_binary: &Path,
    screenshots: &Path,
) -> Result<(usize, usize)> {
    let started = Instant::now();
    // A stand-in of its own, so one engine's requests count against no other's rate limit.
    let standin = devserver::StandIn::start(standin_binary)?;
    let standin_url = standin.url().to_owned();
    let keys = demo_keys(&standin_url)?;
    // The widget's folder with this folder's fixture page at `/__e2e/` (and the npm
    // package's test app at `/__package/`), and the built book; both name the stand-in
    // in every page, as `cargo xtask serve --demo` does.
    let mut mounts = vec![("/__e2e/".to_owned(), root.join("tests/e2e"))];
    if let Some(app) = package::app_dir() {
        mounts.push((package::PREFIX.to_owned(), app));
    }
    let widget_server = devserver::spawn(devserver::Site {
        root: root.join("www"),
        mounts,
        demo_url: Some(standin_url.clone()),
        cross_origin_isolated: false,
        static_host: false,
    })?;
    let book_server = devserver::spawn(devserver::Site {
        root: book_dir.to_path_buf(),
        mounts: Vec::new(),
        demo_url: Some(standin_url.clone()),
        cross_origin_isolated: false,
        static_host: false,
    })?;
    let sites = Sites {
        widget: widget_server.url().to_owned(),
        book: book_server.url().to_owned(),
    };
    let mut cases: Vec<Case> = cases::cases(&keys)
        .into_iter()
        .chain(cases::network_faults(&keys, &standin_url, &sites.book))
        .chain(privacy::cases(&keys, &standin_url))
        .chain(keyboard::cases(&keys))
        .chain(package::cases())
        .collect();
    if engine.runs_book_cases() {
        cases.extend(book::cases(pages, &keys, &standin_url));
        cases.extend(a11y::cases(pages, &keys));
    }
    if engine.proxied() {
        cases.push(privacy::loopback_case());
    }
    cases.retain(|case| {
        filter.is_none_or(|f| format!("{}/{}", engine.name(), case.name).contains(f))
    });
    if cases.is_empty() {
        return Ok((0, 0));
    }
    let proxy = if engine.proxied() {
        Some(Arc::new(proxy::Proxy::spawn()?))
    } else {
        None
    };
    let profile = processes::TempDir::new(&format!("tts-keycheck-e2e-{}", engine.name()))?;
    let logs = screenshots.join(engine.name());
    std::fs::create_dir_all(&logs)?;
    let driver_log = logs.join("webdriver.log");
    let (_driver, driver_url) = processes::start_driver(engine, profile.path(), &driver_log)?;
    let browser = tokio::time::timeout(
        browser::WAIT * 2,
        Browser::open(
            engine,
            &driver_url,
            profile.path(),
            sites.clone(),
            screenshots.to_path_buf(),
            proxy.clone(),
        ),
    )
    .await
    .map_err(|_| {
        format!(
            "{} did not start in time (see {})",
            engine.name(),
            driver_log.display()
        )
    })??;
    println!(
        "e2e: {}: widget {}, book {} ({} pages), stand-in {standin_url}{}, ready after {:.1} s",
        engine.name(),
        sites.widget,
        sites.book,
        pages.len(),
        proxy
            .as_ref()
            .map(|p| format!(", proxy {}", p.address()))
            .unwrap_or_default(),
        started.elapsed().as_secs_f64()
    );
    let (mut passed, mut failed) = (0, 0);
    for case in &cases {
        let case_started = Instant::now();
        let left = RUN_LIMIT.saturating_sub(started.elapsed());
        let result =
            match tokio::time::timeout(CASE_LIMIT.min(left), run_case(&browser, case)).await {
                Ok(result) => result,
                Err(_) if left < CASE_LIMIT => {
                    Err(format!("the run's limit of {RUN_LIMIT:?} was reached").into())
                }
                Err(_) => Err(format!("the case took longer than {CASE_LIMIT:?}").into()),
            };
        // A failure's screenshot shows the failure; a pass's, the state the case shot.
        let shot = match &result {
            Ok(()) if case.steps.iter().any(|step| matches!(step, Step::Shot)) => Ok(()),
            _ => tokio::time::timeout(browser::WAIT, browser.screenshot(case))
                .await
                .unwrap_or_else(|_| Err("the browser did not answer in time".into())),
        };
        let seconds = case_started.elapsed().as_secs_f64();
        let name = format!("{}/{}", engine.name(), case.name);
        match result {
            Ok(()) => {
                passed += 1;
                println!("ok   {name} ({seconds:.1} s)");
            }
            Err(err) => {
                failed += 1;
                let errors = tokio::time::timeout(browser::WAIT, browser.page_errors())
                    .await
                    .unwrap_or_default();
                println!("FAIL {name} ({seconds:.1} s): {err}{errors}");
            }
        }
        if let Err(err) = shot {
            println!("     (no screenshot: {err})");
        }
        let _ = std::io::stdout().flush();
    }
    let (files_passed, files_failed) = files::run(&browser, filter).await;
    (passed, failed) = (passed + files_passed, failed + files_failed);
    if tokio::time::timeout(Duration::from_secs(10), browser.close())
        .await
        .is_err()
    {
        eprintln!("e2e: {} did not close in time; stopping it", engine.name());
    }
    drop(widget_server);
    drop(book_server);
    drop(standin);
    Ok((passed, failed))
}

/// Loads the case's page, runs its steps, and checks that no secret it used is on the page.
async fn run_case(browser: &Browser, case: &Case) -> Result<()> {
    browser.load(case).await?;
    for (n, step) in case.steps.iter().enumerate() {
        browser.step(case, step).await.map_err(|err| {
            format!(
                "step {} {}: {err}",
                n + 1,
                browser::scrub(&format!("{step:?}"))
            )
        })?;
    }
    browser.check_no_leak(&secrets(case)).await
}

/// The secret parts of the keys a case types or pastes, as typed and upper-cased.
fn secrets(case: &Case) -> Vec<String> {
    let mut found = Vec::new();
    for step in &case.steps {
        let (Step::Type(_, text)
        | Step::Paste(_, text)
        | Step::Keyboard(keyboard::Check::Type(text))) = step
        else {
            continue;
        };
        for word in text.split(|c: char| !c.is_ascii_alphanumeric() && c != '.') {
            let parts: Vec<&str> = word.split('.').collect();
            if let [_, _, secret] = parts[..] {
                if secret.len() >= 16 {
                    found.push(secret.to_owned());
                    found.push(secret.to_ascii_uppercase());
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// The stand-in binary: `$TTS_STANDIN`, else the one cargo built next to this test.
fn standin_binary() -> Result<PathBuf> {
    let binary = match std::env::var_os("TTS_STANDIN") {
        Some(path) => PathBuf::from(path),
        None => std::env::current_exe()?
            .parent()
            .and_then(Path::parent)
            .ok_or("cannot tell where cargo put this test")?
            .join(format!("tts-standin{}", std::env::consts::EXE_SUFFIX)),
    };
    if binary.is_file() {
        Ok(binary)
    } else {
        Err(format!(
            "the stand-in is not built at {}: run `cargo xtask e2e`, or `cargo build -p tts-standin` first",
            binary.display()
        )
        .into())
    }
}

/// The stand-in's demo keys by name, from its `GET /demo/keys`.
fn demo_keys(standin_url: &str) -> Result<Keys> {
    let addr = standin_url
        .strip_prefix("http://")
        .ok_or("the stand-in's URL is not http://")?;
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(browser::WAIT))?;
    write!(
        stream,
        "GET /demo/keys HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body)
        .ok_or("the stand-in's /demo/keys answer has no body")?;
    let table: serde_json::Value = serde_json::from_str(body)?;
    let keys = table["keys"]
        .as_array()
        .ok_or("the stand-in's /demo/keys has no `keys` list")?
        .iter()
        .filter_map(|key| {
            Some((
                key["name"].as_str()?.to_owned(),
                key["key"].as_str()?.to_owned(),
            ))
        })
        .collect();
    Ok(Keys(keys))
}
