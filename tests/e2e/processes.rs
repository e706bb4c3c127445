//! The programs a run needs besides the stand-in (which `devserver::StandIn` starts, as
//! for `cargo xtask serve`), each on loopback and each stopped when its guard is dropped,
//! also when a case fails or the run times out: the WebDriver server of each engine
//! (ChromeDriver; geckodriver; WebKitWebDriver under `xvfb-run`), and the browser each
//! launches with a fresh profile.
//!
//! Invariant: only processes started here are ever killed, by their process id: the
//! child itself and the processes below it (the browser it launched, `xvfb-run`'s X
//! server), through `devserver::process`.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::engine::Engine;
use crate::Result;

/// How long a program may take to start listening.
const START_TIMEOUT: Duration = Duration::from_secs(15);
/// How long `xvfb-run` may take to stop its X server once its command is gone.
const XVFB_GRACE: Duration = Duration::from_secs(5);

/// A child process, killed (with whatever it started) when dropped.
#[derive(Debug)]
pub(crate) struct Process {
    child: Child,
    /// Command names below the child stopped last, after the child had a chance to stop
    /// them itself (`xvfb-run`'s `Xvfb`).
    last: &'static [&'static str],
}

impl Process {
    fn spawn(
        name: &'static str,
        command: &mut Command,
        last: &'static [&'static str],
    ) -> Result<Process> {
        let child = command.spawn().map_err(|err| {
            format!(
                "could not start {name} ({:?}): {err}",
                command.get_program()
            )
        })?;
        Ok(Process { child, last })
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        // The browser the driver started would outlive it: stop the descendants first.
        devserver::process::stop_tree(&mut self.child, self.last, XVFB_GRACE);
    }
}

/// A free TCP port on 127.0.0.1 (free when asked; the caller binds it right away).
pub(crate) fn free_port() -> Result<u16> {
    Ok(TcpListener::bind(("127.0.0.1", 0))?.local_addr()?.port())
}

/// Waits until something accepts connections on `port`, or fails after a while.
fn wait_for_port(name: &str, port: u16) -> Result<()> {
    let deadline = Instant::now() + START_TIMEOUT;
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(format!("{name} did not listen on 127.0.0.1:{port} within {START_TIMEOUT:?}").into())
}

/// Starts the engine's WebDriver server on a free loopback port, its output in `log`, and
/// returns it with its URL. `profiles` is where geckodriver makes Firefox's profile.
pub(crate) fn start_driver(
    engine: Engine,
    profiles: &Path,
    log: &Path,
) -> Result<(Process, String)> {
    let port = free_port()?;
    let log = std::fs::File::create(log)?;
    let (name, mut command, last): (&'static str, Command, &'static [&'static str]) = match engine {
        Engine::Chromium => {
            // Without `--allowed-ips` it listens on loopback only.
            let mut command = Command::new(program("CHROMEDRIVER", &[], "chromedriver"));
            command.arg(format!("--port={port}"));
            ("chromedriver", command, &[])
        }
        Engine::Firefox => {
            let local = Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools/bin/geckodriver");
            let mut command = Command::new(program("GECKODRIVER", &[local], "geckodriver"));
            command
                .args(["--host", "127.0.0.1", "--port", &port.to_string()])
                .arg("--profile-root")
                .arg(profiles)
                // Firefox inherits it from geckodriver (which passes no `env` capability on):
                // without it, a release build ignores `services.settings.server`, and
                // Remote Settings asks Mozilla's server (`engine.rs`).
                .env("MOZ_REMOTE_SETTINGS_DEVTOOLS", "1");
            ("geckodriver", command, &[])
        }
        Engine::WebKit => {
            // xvfb-run finds a free display (`-a`); the screen is taller than the window.
            let mut command = Command::new("xvfb-run");
            command
                .args(["-a", "-s", "-screen 0 1280x2600x24 -nolisten tcp"])
                .arg(program("WEBKIT_WEBDRIVER", &[], "WebKitWebDriver"))
                .arg(format!("--port={port}"));
            ("WebKitWebDriver", command, &["Xvfb"])
        }
    };
    command
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log);
    let process = Process::spawn(name, &mut command, last)?;
    wait_for_port(name, port)?;
    Ok((process, format!("http://127.0.0.1:{port}")))
}

/// `$VAR`, else the first of `candidates` that exists, else `fallback` on the `PATH`.
pub(crate) fn program(var: &str, candidates: &[PathBuf], fallback: &str) -> PathBuf {
    std::env::var_os(var)
        .map(PathBuf::from)
        .or_else(|| candidates.iter().find(|path| path.is_file()).cloned())
        .unwrap_or_else(|| PathBuf::from(fallback))
}

/// A fresh, empty directory, removed when dropped: the browser profile.
#[derive(Debug)]
pub(crate) struct TempDir(PathBuf);

impl TempDir {
    pub(crate) fn new(label: &str) -> Result<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!("{label}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        Ok(TempDir(dir))
    }

    pub(crate) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
