//! `cargo xtask screenshots`: regenerates the book's pictures, `book/src/images/*.png`,
//! from the scenes in `book/scenes/` with headless Chromium, one fresh profile per run.
//!
//! The drawn scenes (IotBridge and The Things Stack Console) are plain HTML and CSS at a
//! fixed size. The widget scenes mount the real widget from `www/` and drive it, against
//! the local The Things Stack stand-in where a state needs a live answer; a first run
//! with `--dump-dom` checks that the scene got there and reads the picture's height.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{project_root, show, standin, tools, wasm, Result};

/// A picture may not be larger than this (the book ships them all).
const MAX_BYTES: u64 = 120 * 1024;
/// How long one Chromium run may take before it is stopped.
const RUN_LIMIT: Duration = Duration::from_secs(60);
/// Virtual time a page gets to settle: loading the wasm and the stand-in's answers.
const VIRTUAL_TIME_MS: u32 = 8000;

/// How big the browser window is for a picture.
#[derive(Debug, Clone, Copy)]
enum Size {
    /// A drawn scene: width and height in CSS pixels.
    Fixed(u32, u32),
    /// A widget scene: this width, and the height the scene reports in `data-height`.
    Fit(u32),
}

/// The width of the widget pictures (the widget itself is at most 42em wide).
const WIDGET: Size = Size::Fit(760);
/// The size of most drawn scenes.
const SCENE: Size = Size::Fixed(1000, 620);

/// Every picture: file name in `book/src/images`, scene path below the project root, size.
/// The Console scenes draw v3.32's layout (sidebar, breadcrumb, organization header with
/// tabs), after `reference/tts-console/README.md`.
const PICTURES: &[(&str, &str, Size)] = &[
    // The IotBridge guide: IotBridge, then the Console's setup path.
    (
        "account-dropdown.png",
        "book/scenes/account-dropdown.html",
        SCENE,
    ),
    (
        "manage-account.png",
        "book/scenes/manage-account.html",
        SCENE,
    ),
    ("console-login.png", "book/scenes/console-login.html", SCENE),
    ("console-home.png", "book/scenes/console-home.html", SCENE),
    ("organizations.png", "book/scenes/organizations.html", SCENE),
    ("organization.png", "book/scenes/organization.html", SCENE),
    ("api-keys.png", "book/scenes/api-keys.html", SCENE),
    (
        "add-api-key.png",
        "book/scenes/add-api-key.html",
        Size::Fixed(1000, 840),
    ),
    (
        "add-api-key-more.png",
        "book/scenes/add-api-key-more.html",
        SCENE,
    ),
    ("key-popup.png", "book/scenes/key-popup.html", SCENE),
    (
        "api-key-listed.png",
        "book/scenes/api-key-listed.html",
        SCENE,
    ),
    (
        "credentials-list.png",
        "book/scenes/credentials-list.html",
        SCENE,
    ),
    ("add-flyout.png", "book/scenes/add-flyout.html", SCENE),
    // The Things Stack's personal settings.
    ("profile-menu.png", "book/scenes/profile-menu.html", SCENE),
    ("edit-profile.png", "book/scenes/edit-profile.html", SCENE),
    (
        "change-password.png",
        "book/scenes/change-password.html",
        SCENE,
    ),
    (
        "email-notifications.png",
        "book/scenes/email-notifications.html",
        SCENE,
    ),
    (
        "personal-api-key.png",
        "book/scenes/personal-api-key.html",
        Size::Fixed(1000, 760),
    ),
    // The real widget.
    (
        "widget-empty.png",
        "book/scenes/widget.html?state=empty",
        WIDGET,
    ),
    (
        "widget-valid.png",
        "book/scenes/widget.html?state=valid",
        WIDGET,
    ),
    (
        "widget-problems.png",
        "book/scenes/widget.html?state=problems",
        WIDGET,
    ),
    (
        "widget-repair.png",
        "book/scenes/widget.html?state=repair",
        WIDGET,
    ),
    (
        "widget-report-ok.png",
        "book/scenes/widget.html?state=report-ok",
        WIDGET,
    ),
    (
        "widget-report-missing.png",
        "book/scenes/widget.html?state=report-missing",
        WIDGET,
    ),
    (
        "widget-error.png",
        "book/scenes/widget.html?state=error",
        WIDGET,
    ),
    (
        "widget-submitted.png",
        "book/scenes/widget.html?state=submitted",
        WIDGET,
    ),
    (
        "widget-support.png",
        "book/scenes/widget.html?state=support",
        WIDGET,
    ),
    (
        "widget-support-file.png",
        "book/scenes/widget.html?state=support-file",
        WIDGET,
    ),
];

/// Builds the widget, starts the stand-in and a static server for the project root, and
/// takes every picture; fails if one is missing or too large.
pub(crate) fn screenshots() -> Result<()> {
    let started = Instant::now();
    let chromium = chromium()?;
    tools::ensure_build_tools()?;
    wasm::build()?;
    let standin = standin::start()?;
    let server = serve_root(standin.url())?;
    let base = server.url();
    let images = project_root().join("book").join("src").join("images");
    std::fs::create_dir_all(&images)?;
    let scratch =
        std::env::temp_dir().join(format!("tts-keycheck-screenshots-{}", std::process::id()));
    println!("\nxtask: taking {} pictures from {base}", PICTURES.len());

    let mut problems = Vec::new();
    let mut taken = Vec::new();
    for (n, &(name, scene, size)) in PICTURES.iter().enumerate() {
        let url = format!("{base}/{scene}");
        let out = images.join(name);
        let _ = std::fs::remove_file(&out);
        let profile = scratch.join(format!("profile-{n}"));
        match take(&chromium, &url, size, &out, &profile) {
            Ok((width, height)) => taken.push((name, width, height)),
            Err(err) => problems.push(format!("{name}: {err}")),
        }
    }
    drop(server);
    drop(standin);
    let _ = std::fs::remove_dir_all(&scratch);

    println!("\n{:<28} {:>10} {:>8}", "picture", "size", "KB");
    for (name, width, height) in &taken {
        match std::fs::metadata(images.join(name)) {
            Ok(meta) => {
                let kb = meta.len().div_ceil(1024);
                println!("{name:<28} {:>10} {kb:>8}", format!("{width}x{height}"));
                if meta.len() > MAX_BYTES {
                    problems.push(format!(
                        "{name}: {kb} KB, over the limit of {} KB; simplify its scene (flat colours, fewer pixels)",
                        MAX_BYTES / 1024
                    ));
                }
            }
            Err(_) => problems.push(format!("{name}: Chromium wrote no file")),
        }
    }
    let seconds = started.elapsed().as_secs();
    if problems.is_empty() {
        println!(
            "\nxtask: {} pictures in {} ({seconds} s)",
            taken.len(),
            images.display()
        );
        Ok(())
    } else {
        Err(format!(
            "{} of {} pictures failed:\n  {}",
            problems.len(),
            PICTURES.len(),
            problems.join("\n  ")
        )
        .into())
    }
}

/// Takes one picture into `out`; returns its size in CSS pixels.
fn take(chromium: &Path, url: &str, size: Size, out: &Path, profile: &Path) -> Result<(u32, u32)> {
    let (width, height) = match size {
        Size::Fixed(width, height) => (width, height),
        Size::Fit(width) => {
            let dom = dump_dom(chromium, url, width, profile)?;
            (width, scene_height(&dom)?)
        }
    };
    let mut command = chromium_command(chromium, profile, width, height);
    command
        .arg(format!("--screenshot={}", out.display()))
        .arg(url);
    run_bounded(&mut command, profile, None)?;
    if !out.is_file() {
        return Err("Chromium wrote no picture".into());
    }
    Ok((width, height))
}

/// The page's DOM after it settled, from `--dump-dom`.
fn dump_dom(chromium: &Path, url: &str, width: u32, profile: &Path) -> Result<String> {
    let mut command = chromium_command(chromium, profile, width, 800);
    command.arg("--dump-dom").arg(url);
    let dom_file = profile.with_extension("html");
    run_bounded(&mut command, profile, Some(&dom_file))?;
    let dom = std::fs::read_to_string(&dom_file)?;
    let _ = std::fs::remove_file(&dom_file);
    Ok(dom)
}

/// Reads `data-scene` and `data-height` from the `<html>` tag of a widget scene.
fn scene_height(dom: &str) -> Result<u32> {
    let html_tag = dom
        .find("<html")
        .and_then(|start| dom[start..].find('>').map(|end| &dom[start..start + end]))
        .ok_or("the scene's DOM has no <html> tag")?;
    let attribute = |name: &str| {
        let key = format!("{name}=\"");
        let start = html_tag.find(&key)? + key.len();
        let len = html_tag[start..].find('"')?;
        Some(&html_tag[start..start + len])
    };
    match attribute("data-scene") {
        Some("ready") => {}
        Some(state) => {
            let said = dom
                .split("scene failed: ")
                .nth(1)
                .and_then(|rest| rest.split('<').next())
                .unwrap_or("");
            return Err(format!("the scene did not reach its state ({state}) {said}").into());
        }
        None => {
            return Err(format!(
                "the scene was not ready within {VIRTUAL_TIME_MS} ms of virtual time"
            )
            .into())
        }
    }
    attribute("data-height")
        .and_then(|h| h.parse().ok())
        .filter(|h| (100..=4000).contains(h))
        .ok_or_else(|| "the scene reported no usable data-height".into())
}

fn chromium_command(chromium: &Path, profile: &Path, width: u32, height: u32) -> Command {
    let mut command = Command::new(chromium);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--run-all-compositor-stages-before-draw",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("--virtual-time-budget={VIRTUAL_TIME_MS}"));
    command
}

/// Echoes and runs a command with a time limit, in a fresh profile folder; standard
/// output goes to `stdout_file` if given. Fails with Chromium's last words.
fn run_bounded(command: &mut Command, profile: &Path, stdout_file: Option<&Path>) -> Result<()> {
    println!("$ {}", show(command));
    let _ = std::fs::remove_dir_all(profile);
    std::fs::create_dir_all(profile)?;
    let log = profile.with_extension("log");
    command.stdin(Stdio::null()).stderr(File::create(&log)?);
    match stdout_file {
        Some(path) => command.stdout(File::create(path)?),
        None => command.stdout(Stdio::null()),
    };
    let mut child = command
        .spawn()
        .map_err(|err| format!("could not start {}: {err}", show(command)))?;
    let deadline = Instant::now() + RUN_LIMIT;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let said = std::fs::read_to_string(&log).unwrap_or_default();
    let _ = std::fs::remove_file(&log);
    let _ = std::fs::remove_dir_all(profile);
    let last_words = || {
        let lines: Vec<&str> = said.lines().filter(|l| !l.trim().is_empty()).collect();
        lines[lines.len().saturating_sub(5)..].join("\n    ")
    };
    match status {
        Some(status) if status.success() => Ok(()),
        Some(status) => Err(format!("Chromium failed ({status}):\n    {}", last_words()).into()),
        None => Err(format!(
            "Chromium did not finish within {} s:\n    {}",
            RUN_LIMIT.as_secs(),
            last_words()
        )
        .into()),
    }
}

/// Serves the project root (the scenes and `www/`) on a free loopback port with the
/// development server of `cargo xtask serve`, with the stand-in's URL in every page's demo
/// meta tag, until the returned server is dropped.
fn serve_root(standin_url: &str) -> Result<devserver::Server> {
    Ok(devserver::spawn(devserver::Site {
        root: project_root(),
        demo_url: Some(standin_url.to_owned()),
        ..devserver::Site::default()
    })?)
}

/// Debian's Chromium (or `$CHROMIUM`), or a one-line hint.
fn chromium() -> Result<PathBuf> {
    let candidates = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(["/usr/bin/chromium", "/usr/bin/chromium-browser"].map(PathBuf::from));
    for path in candidates {
        if path.is_file() {
            return Ok(path);
        }
    }
    Err("the pictures need Chromium: install Debian's `chromium` package (sudo apt-get install -y chromium) or set CHROMIUM".into())
}
