//! Stopping what a child process started: its descendants, found in `/proc`, killed by
//! process id, deepest first. Shared by the end-to-end tests (ChromeDriver, geckodriver,
//! WebKitWebDriver under `xvfb-run`, and the browsers they launch) and by xtask
//! (Lighthouse and the Chromium it launches).
//!
//! Invariant: only the given process and the processes below it are ever signalled, by
//! their process id; nothing is looked up by name.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Every process below `pid`, deepest first, from `/proc` (empty where there is none),
/// with its command name (`/proc/PID/comm`).
pub fn descendants(pid: u32) -> Vec<(u32, String)> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let table: Vec<(u32, u32, String)> = entries
        .flatten()
        .filter_map(|entry| {
            let child: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // The command name, in parentheses, may hold spaces: read after its end.
            let (before, after_name) = stat.rsplit_once(')')?;
            let name = before.split_once('(')?.1.to_owned();
            let parent: u32 = after_name.split_whitespace().nth(1)?.parse().ok()?;
            Some((child, parent, name))
        })
        .collect();
    let mut found = Vec::new();
    let mut frontier = vec![pid];
    while let Some(parent) = frontier.pop() {
        for (child, _, name) in table.iter().filter(|(_, p, _)| *p == parent) {
            found.push((*child, name.clone()));
            frontier.push(*child);
        }
    }
    found.reverse();
    found
}

/// Sends `SIGKILL` to one process.
pub fn kill(pid: u32) {
    let _ = Command::new("kill")
        .args(["-s", "KILL", &pid.to_string()])
        .stderr(Stdio::null())
        .status();
}

/// Stops `child` and everything it started: first every descendant whose command name is
/// not in `last` (deepest first), then, after giving the child up to `grace` to exit on
/// its own (as `xvfb-run` does once its command is gone, stopping its X server), the rest
/// and the child itself; and reaps the child.
pub fn stop_tree(child: &mut Child, last: &[&str], grace: Duration) {
    let pid = child.id();
    for (below, name) in descendants(pid) {
        if !last.contains(&name.as_str()) {
            kill(below);
        }
    }
    if !last.is_empty() {
        let deadline = Instant::now() + grace;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    for (below, _) in descendants(pid) {
        kill(below);
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use std::process::{Command, Stdio};
    use std::time::Duration;

    use super::{descendants, stop_tree};

    #[test]
    fn stops_a_child_and_what_it_started() {
        // A shell that starts two sleeps, one below another shell.
        let mut child = Command::new("sh")
            .args(["-c", "sleep 60 & sh -c 'sleep 61 & wait' & wait"])
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        let mut below = descendants(child.id());
        while below.iter().filter(|(_, name)| name == "sleep").count() < 2 {
            assert!(std::time::Instant::now() < deadline, "found {below:?}");
            std::thread::sleep(Duration::from_millis(20));
            below = descendants(child.id());
        }
        let pids: Vec<u32> = below.iter().map(|(pid, _)| *pid).collect();
        stop_tree(&mut child, &[], Duration::ZERO);
        for pid in pids {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            // Gone, or a zombie its (killed) parent left for init to reap.
            let state = stat
                .rsplit_once(')')
                .map(|(_, rest)| rest.trim_start().chars().next());
            assert!(
                matches!(state, None | Some(Some('Z'))),
                "{pid} still runs: {stat}"
            );
        }
    }
}
