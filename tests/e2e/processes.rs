//! The programs a run needs besides the stand-in (which `devserver::StandIn` starts, as
//! for `cargo xtask serve`), each on loopback and each stopped when its guard is dropped,
//! also when a case fails or the run times out: ChromeDriver, and (started by ChromeDriver)
//! a headless Chromium with a fresh profile.
//!
//! Invariant: only processes started here are ever killed, by their process id: the
//! child itself, and for ChromeDriver the processes below it (the browser it launched).

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::Result;

/// How long a program may take to start listening.
const START_TIMEOUT: Duration = Duration::from_secs(15);

/// A child process, killed (with whatever it started) when dropped.
#[derive(Debug)]
pub(crate) struct Process {
    name: &'static str,
    child: Child,
}

impl Process {
    fn spawn(name: &'static str, command: &mut Command) -> Result<Process> {
        let child = command.spawn().map_err(|err| {
            format!(
                "could not start {name} ({:?}): {err}",
                command.get_program()
            )
        })?;
        Ok(Process { name, child })
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        // The browser ChromeDriver started would outlive it: stop the descendants first.
        for pid in descendants(self.child.id()) {
            kill(pid);
        }
        if let Err(err) = self.child.kill() {
            if err.kind() != std::io::ErrorKind::InvalidInput {
                eprintln!("e2e: could not stop {}: {err}", self.name);
            }
        }
        let _ = self.child.wait();
    }
}

/// Every process below `pid`, deepest first, from `/proc` (empty where there is none).
fn descendants(pid: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let parents: Vec<(u32, u32)> = entries
        .flatten()
        .filter_map(|entry| {
            let child: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // The command name, in parentheses, may hold spaces: read after its end.
            let after_name = stat.rsplit_once(')')?.1;
            let parent: u32 = after_name.split_whitespace().nth(1)?.parse().ok()?;
            Some((child, parent))
        })
        .collect();
    let mut found = Vec::new();
    let mut frontier = vec![pid];
    while let Some(parent) = frontier.pop() {
        for &(child, _) in parents.iter().filter(|(_, p)| *p == parent) {
            found.push(child);
            frontier.push(child);
        }
    }
    found.reverse();
    found
}

fn kill(pid: u32) {
    let _ = Command::new("kill")
        .args(["-s", "KILL", &pid.to_string()])
        .stderr(Stdio::null())
        .status();
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

/// Starts ChromeDriver on a free loopback port and returns it with its URL.
pub(crate) fn start_chromedriver(program: &str) -> Result<(Process, String)> {
    let port = free_port()?;
    let process = Process::spawn(
        "chromedriver",
        Command::new(program)
            // Without `--allowed-ips` it listens on loopback only.
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null()),
    )?;
    wait_for_port("chromedriver", port)?;
    Ok((process, format!("http://127.0.0.1:{port}")))
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
