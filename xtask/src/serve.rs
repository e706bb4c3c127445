//! `cargo xtask serve`: builds the widget, optionally starts the local The Things Stack
//! stand-in, and serves the site from a small static file server on 127.0.0.1 only.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::{cargo, cmd, run_command, wasm, Result};

/// What `serve` was asked for.
#[derive(Debug, Default)]
pub(crate) struct Options {
    demo: bool,
    port: Option<u16>,
}

impl Options {
    pub(crate) fn parse(args: &[String]) -> Result<Options> {
        let mut options = Options::default();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--demo" => options.demo = true,
                "--port" => {
                    let port = args.next().ok_or("--port needs a number")?;
                    options.port = Some(port.parse().map_err(|_| "--port needs a number")?);
                }
                other => return Err(format!("serve: unknown option `{other}`").into()),
            }
        }
        Ok(options)
    }
}

/// Builds everything and serves it until interrupted.
pub(crate) fn serve(options: &Options) -> Result<()> {
    let root = crate::site::build()?;
    let standin = if options.demo {
        Some(StandIn::start()?)
    } else {
        None
    };
    let listener = bind(options.port)?;
    let addr = listener.local_addr()?;
    println!("\nxtask: serving {} on http://{addr}/", root.display());
    let demo = standin.as_ref().map(|s| s.url.clone());
    if let Some(url) = &demo {
        println!("xtask: the The Things Stack stand-in runs on {url} (demo keys: {url}/demo/keys)");
        println!("       every page is served with it preselected; pick a demo key under the form");
    }
    println!("xtask: press Ctrl-C to stop");
    for stream in listener.incoming().flatten() {
        let root = root.clone();
        let demo = demo.clone();
        std::thread::spawn(move || {
            // A client that goes away mid-request is not our error.
            let _ = handle(stream, &root, demo.as_deref());
        });
    }
    Ok(())
}

/// Binds 127.0.0.1 on the asked port, or on the first free one from 8000.
fn bind(port: Option<u16>) -> Result<TcpListener> {
    if let Some(port) = port {
        return Ok(TcpListener::bind(("127.0.0.1", port))?);
    }
    (8000..8100)
        .find_map(|port| TcpListener::bind(("127.0.0.1", port)).ok())
        .ok_or_else(|| "no free port in 8000..8100 on 127.0.0.1".into())
}

/// Serves one request (GET or HEAD) from `root`, then closes the connection. With a
/// `demo` stand-in URL, HTML pages get `<meta name="tts-keycheck-demo">` naming it, which
/// the loader uses to preselect the stand-in (the page URL is never read for that).
pub(crate) fn handle(stream: TcpStream, root: &Path, demo: Option<&str>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; we need none of them.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"",
            method,
        );
    }
    match resolve(root, target) {
        Some(path) => match std::fs::read(&path) {
            Ok(body) => {
                let kind = content_type(&path);
                let body = match demo {
                    Some(url) if kind.starts_with("text/html") => with_demo_meta(body, url),
                    _ => body,
                };
                respond(&mut stream, "200 OK", kind, &body, method)
            }
            Err(_) => respond(
                &mut stream,
                "404 Not Found",
                "text/plain",
                b"not found",
                method,
            ),
        },
        None => respond(
            &mut stream,
            "404 Not Found",
            "text/plain",
            b"not found",
            method,
        ),
    }
}

/// Inserts the demo meta tag right after `<head>` (or at the start).
fn with_demo_meta(body: Vec<u8>, url: &str) -> Vec<u8> {
    let html = String::from_utf8_lossy(&body);
    let meta = format!("<meta name=\"tts-keycheck-demo\" content=\"{url}\">");
    let at = html.find("<head>").map_or(0, |i| i + "<head>".len());
    format!("{}{meta}{}", &html[..at], &html[at..]).into_bytes()
}

/// Maps a request target to a file below `root`; `None` for anything that would leave it.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut file = root.to_path_buf();
    for component in Path::new(path.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "woff2" => "font/woff2",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    method: &str,
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The local stand-in for The Things Stack, stopped when dropped.
#[derive(Debug)]
pub(crate) struct StandIn {
    child: Child,
    /// Its base URL, e.g. `http://127.0.0.1:40123`.
    pub(crate) url: String,
}

impl StandIn {
    /// Builds and starts the stand-in on a free loopback port and reads its URL.
    pub(crate) fn start() -> Result<StandIn> {
        run_command(cmd(cargo()).args(["build", "--quiet", "--package", "tts-standin"]))?;
        let binary = wasm::target_dir().join("debug").join("tts-standin");
        let mut child = Command::new(&binary)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stdin(Stdio::null())
            .spawn()
            .map_err(|err| format!("could not start {}: {err}", binary.display()))?;
        let mut first_line = String::new();
        if let Some(stdout) = child.stdout.take() {
            let mut reader = BufReader::new(stdout);
            reader.read_line(&mut first_line)?;
            // Keep draining its output so it never blocks on a full pipe.
            std::thread::spawn(move || {
                let mut sink = Vec::new();
                let _ = reader.read_to_end(&mut sink);
            });
        }
        let url = first_line
            .trim()
            .strip_prefix("listening on ")
            .map(str::to_owned)
            .ok_or_else(|| format!("the stand-in said `{}`, not its URL", first_line.trim()))?;
        Ok(StandIn { child, url })
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
