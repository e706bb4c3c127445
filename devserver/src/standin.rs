//! The one way to start the The Things Stack stand-in (`tts-standin`): on a free loopback
//! port, tied to its starter, and stopped when its guard is dropped.
//!
//! The stand-in is started as `tts-standin --port 0 --exit-on-stdin-eof` with its stdin a
//! pipe held by the guard, so it also stops when its starter dies without dropping the
//! guard (the pipe closes with the process). Its first line says where it listens
//! (`listening on http://127.0.0.1:PORT`); the rest of its output is drained so it never
//! blocks on a full pipe.
//!
//! Invariant: only the child started here is ever killed, by its process id.

use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::Duration;

/// How long the stand-in may take to say where it listens.
const START_TIMEOUT: Duration = Duration::from_secs(15);

/// A running stand-in, stopped when dropped.
#[derive(Debug)]
pub struct StandIn {
    child: Child,
    /// Held open: the stand-in exits when it closes.
    stdin: Option<ChildStdin>,
    url: String,
}

impl StandIn {
    /// Starts the stand-in `binary` (built beforehand) and waits until it says its URL.
    pub fn start(binary: &Path) -> io::Result<StandIn> {
        let mut child = Command::new(binary)
            .args(["--port", "0", "--exit-on-stdin-eof"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|err| {
                io::Error::new(
                    err.kind(),
                    format!("could not start the stand-in {}: {err}", binary.display()),
                )
            })?;
        let stdout = child.stdout.take();
        // From here on the guard owns the child, so every early return stops it.
        let mut standin = StandIn {
            stdin: child.stdin.take(),
            child,
            url: String::new(),
        };
        let stdout = stdout.ok_or_else(|| io::Error::other("the stand-in has no stdout"))?;
        // Its first line is read in a thread, so a silent stand-in cannot block the caller.
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut first_line = String::new();
            let _ = reader.read_line(&mut first_line);
            let _ = sender.send(first_line);
            let _ = reader.read_to_end(&mut Vec::new());
        });
        let first_line = receiver.recv_timeout(START_TIMEOUT).map_err(|_| {
            io::Error::other(format!(
                "the stand-in did not say where it listens within {START_TIMEOUT:?}"
            ))
        })?;
        standin.url = url_of(&first_line)?;
        Ok(standin)
    }

    /// Its base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The URL in the stand-in's first line, which must be on 127.0.0.1.
fn url_of(first_line: &str) -> io::Result<String> {
    first_line
        .trim()
        .strip_prefix("listening on ")
        .filter(|url| {
            url.strip_prefix("http://127.0.0.1:")
                .is_some_and(|port| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(str::to_owned)
        .ok_or_else(|| {
            io::Error::other(format!(
                "the stand-in said `{}`, not its loopback URL",
                first_line.trim()
            ))
        })
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;
    use std::path::PathBuf;

    use super::{url_of, StandIn};

    #[test]
    fn reads_only_a_loopback_url() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "listening on http://127.0.0.1:40123\n",
                Some("http://127.0.0.1:40123"),
            ),
            ("listening on http://0.0.0.0:40123\n", None),
            ("listening on http://127.0.0.1:\n", None),
            ("listening on http://127.0.0.1:1/x\n", None),
            ("usage: tts-standin\n", None),
            ("", None),
        ];
        for &(line, expect) in cases {
            assert_eq!(url_of(line).ok().as_deref(), expect, "{line:?}");
        }
    }

    /// A stand-in played by a shell script, in a fresh folder.
    struct Script(PathBuf);

    impl Script {
        fn new(label: &str, body: &str) -> Script {
            let dir = std::env::temp_dir()
                .join(format!("devserver-standin-{label}-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join("tts-standin");
            std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
            Script(path)
        }
    }

    impl Drop for Script {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(self.0.parent().unwrap());
        }
    }

    #[test]
    fn starts_with_the_one_command_line_and_stops_when_dropped() {
        // The script checks its arguments, says its URL, and waits for the end of stdin.
        let script = Script::new(
            "ok",
            r#"[ "$*" = "--port 0 --exit-on-stdin-eof" ] || { echo "args: $*"; exit 1; }
echo "listening on http://127.0.0.1:40123"
cat >/dev/null"#,
        );
        let standin = StandIn::start(&script.0).unwrap();
        assert_eq!(standin.url(), "http://127.0.0.1:40123");
        let pid = standin.child.id();
        drop(standin);
        assert!(
            !std::path::Path::new(&format!("/proc/{pid}")).exists(),
            "the stand-in still runs after drop"
        );
    }

    #[test]
    fn fails_with_what_the_stand_in_said() {
        let script = Script::new("wrong", "echo 'tts-standin: unknown option'");
        let error = StandIn::start(&script.0).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the stand-in said `tts-standin: unknown option`, not its loopback URL"
        );
        let missing = script.0.with_file_name("missing");
        let error = StandIn::start(&missing).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("could not start the stand-in "),
            "{error}"
        );
    }
}
