//! The test's own static file server, on 127.0.0.1 only: a folder at `/` (`www/`, or the
//! built site), and for `www/` this folder's fixture page at `/__e2e/`. Every HTML page it
//! serves gets
//! `<meta name="tts-keycheck-demo" content="…">` with the stand-in's URL, as
//! `cargo xtask serve --demo` does, so the widgets talk to the stand-in. The benchmark's
//! server ([`start_isolated`]) also makes its pages cross-origin isolated.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// Where requests for `/__e2e/…` are served from.
const FIXTURE_PREFIX: &str = "/__e2e/";

/// Starts serving `www` (and `fixtures`, if given, under `/__e2e/`) on a free loopback port
/// in a background thread; returns the base URL.
///
/// The thread lives as long as the test process.
pub(crate) fn start(
    www: PathBuf,
    fixtures: Option<PathBuf>,
    demo_url: String,
) -> std::io::Result<String> {
    spawn(Site {
        www,
        fixtures,
        demo_url,
        isolated: false,
    })
}

/// Like [`start`] for the benchmark: `www` and `fixtures`, no stand-in, and every
/// response with the headers that make a page cross-origin isolated (for a 5 µs timer).
pub(crate) fn start_isolated(www: PathBuf, fixtures: PathBuf) -> std::io::Result<String> {
    spawn(Site {
        www,
        fixtures: Some(fixtures),
        demo_url: String::new(),
        isolated: true,
    })
}

/// What one server serves.
#[derive(Clone)]
struct Site {
    www: PathBuf,
    fixtures: Option<PathBuf>,
    demo_url: String,
    isolated: bool,
}

fn spawn(site: Site) -> std::io::Result<String> {
    let listener = TcpListener::bind(("127.0.0.1", 0))?;
    let addr = listener.local_addr()?;
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let site = site.clone();
            std::thread::spawn(move || {
                // A browser that drops a connection is not a test failure.
                let _ = handle(stream, &site);
            });
        }
    });
    Ok(format!("http://{addr}"))
}

/// Serves one GET request, then closes the connection.
fn handle(stream: TcpStream, site: &Site) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let file = match (&site.fixtures, path.strip_prefix(FIXTURE_PREFIX)) {
        (Some(fixtures), Some(rest)) => resolve(fixtures, rest),
        _ => resolve(&site.www, path),
    };
    let mut stream = stream;
    let extra = if site.isolated { ISOLATION } else { "" };
    let found = file.and_then(|file| std::fs::read(&file).ok().map(|body| (file, body)));
    let Some((file, mut body)) = found else {
        return respond(
            &mut stream,
            "404 Not Found",
            "text/plain",
            extra,
            b"not found",
        );
    };
    let content_type = content_type(&file);
    if content_type.starts_with("text/html") && !site.demo_url.is_empty() {
        body = with_demo_meta(&body, &site.demo_url);
    }
    respond(&mut stream, "200 OK", content_type, extra, &body)
}

/// The headers that make a page cross-origin isolated.
const ISOLATION: &str =
    "Cross-Origin-Opener-Policy: same-origin\r\nCross-Origin-Embedder-Policy: require-corp\r\n";

/// Maps a path to a file below `root`; `None` for anything that would leave it.
fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
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

/// Puts the demo meta right after `<head>` (or first, if there is none).
fn with_demo_meta(html: &[u8], demo_url: &str) -> Vec<u8> {
    let meta = format!("<meta name=\"tts-keycheck-demo\" content=\"{demo_url}\">");
    let text = String::from_utf8_lossy(html);
    let at = text
        .to_ascii_lowercase()
        .find("<head>")
        .map_or(0, |at| at + "<head>".len());
    let mut out = String::with_capacity(text.len() + meta.len());
    out.push_str(&text[..at]);
    out.push_str(&meta);
    out.push_str(&text[at..]);
    out.into_bytes()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    extra_headers: &str,
    body: &[u8],
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\n{extra_headers}Connection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}
