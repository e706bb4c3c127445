//! The static file server: answers `GET` and `HEAD` from a folder (and further folders
//! mounted below URL prefixes), one request per connection, on 127.0.0.1 only.
//!
//! Every answer has `Cache-Control: no-store` (a rebuilt widget is never stale) and
//! `X-Content-Type-Options: nosniff` (scripts and style sheets load only with their own
//! MIME type, as on a real host). Optionally:
//!
//! - with a stand-in URL ([`Site::demo_url`]), every HTML page gets
//!   `<meta name="tts-keycheck-demo" content="…">` right after its `<head>` (matched
//!   without regard to case; first in the page if there is none), which the loader reads to
//!   preselect the stand-in (the page URL is never read for that);
//! - with [`Site::cross_origin_isolated`], every answer (a 404 too) carries
//!   `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy:
//!   require-corp`, which make the page cross-origin isolated (the browser benchmark's 5 µs
//!   timer);
//! - with [`Site::static_host`], it answers as a static host does (`cargo xtask
//!   lighthouse`): a file that has a precompressed copy beside it (`FILE.gz`, made
//!   beforehand with `gzip -9 -k`) is answered with that copy and `Content-Encoding: gzip`
//!   to a client that accepts gzip (a page that gets the demo meta stays uncompressed), and
//!   a connection stays open for further requests until the client closes it or is idle
//!   for 10 s (otherwise every answer closes its connection).
//!
//! A folder is served as its `index.html`; asked for without its trailing slash it answers
//! 301 to the slash form, so the page's relative links resolve. Other methods get 405, a
//! request target that is not a path 400, and anything that would leave the folder
//! (`..`) or does not exist 404.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// How long a connection may take to send its request, and to take the answer.
const IO_TIMEOUT: Duration = Duration::from_secs(10);
/// The most a request line and its headers may hold.
const MAX_HEAD_BYTES: u64 = 64 * 1024;

/// What a server serves, and how.
#[derive(Clone, Debug, Default)]
pub struct Site {
    /// The folder served at `/`.
    pub root: PathBuf,
    /// Further folders, each served below its URL prefix, which starts and ends with `/`
    /// (`/__e2e/`). The first prefix that matches wins.
    pub mounts: Vec<(String, PathBuf)>,
    /// The stand-in's base URL, which every HTML page then names in its demo meta tag.
    pub demo_url: Option<String>,
    /// Whether every answer carries the headers that make a page cross-origin isolated.
    pub cross_origin_isolated: bool,
    /// Whether it answers as a static host does: a file with its precompressed `FILE.gz`,
    /// when there is one and the client accepts gzip, and on kept-alive connections.
    pub static_host: bool,
}

/// One request, as far as its answer depends on it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Request<'a> {
    /// The method, `GET` or `HEAD` (anything else gets 405).
    pub method: &'a str,
    /// The request target of the request line.
    pub target: &'a str,
    /// Whether its `Accept-Encoding` accepts gzip.
    pub accepts_gzip: bool,
}

impl<'a> Request<'a> {
    /// A request without content negotiation.
    pub fn new(method: &'a str, target: &'a str) -> Request<'a> {
        Request {
            method,
            target,
            accepts_gzip: false,
        }
    }
}

/// Whether an `Accept-Encoding` value accepts gzip: it names `gzip` (or `*`) without `q=0`.
fn accepts_gzip(value: &str) -> bool {
    value.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        let coding = parts.next().unwrap_or("");
        let refused = parts.any(|param| {
            param
                .strip_prefix("q=")
                .is_some_and(|q| q.trim_end_matches(['0', '.']).is_empty())
        });
        (coding.eq_ignore_ascii_case("gzip") || coding == "*") && !refused
    })
}

/// The answer to one request, as it goes on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The HTTP status code.
    pub status: u16,
    /// The headers in the order they are sent.
    pub headers: Vec<(&'static str, String)>,
    /// The body; empty for `HEAD`, whose `Content-Length` is still that of the `GET`.
    pub body: Vec<u8>,
}

impl Answer {
    /// The value of the header `name` (case-insensitive), if the answer has it.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(header, _)| header.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The status line, the headers and the body.
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str("\r\n");
        let mut bytes = out.into_bytes();
        bytes.extend_from_slice(&self.body);
        bytes
    }
}

/// What `site` answers to `request`.
///
/// Reads files below the site's folders, and nothing else.
pub fn answer(site: &Site, request: &Request) -> Answer {
    let Request { method, target, .. } = *request;
    let head_only = method == "HEAD";
    let (status, mut headers, body) = match method {
        "GET" | "HEAD" if target.starts_with('/') => file(site, target, request.accepts_gzip),
        "GET" | "HEAD" => plain(400, "bad request"),
        _ => {
            let (status, mut headers, body) = plain(405, "method not allowed");
            headers.push(("Allow", "GET, HEAD".to_owned()));
            (status, headers, body)
        }
    };
    headers.push(("Content-Length", body.len().to_string()));
    headers.push(("Cache-Control", "no-store".to_owned()));
    headers.push(("X-Content-Type-Options", "nosniff".to_owned()));
    if site.cross_origin_isolated {
        headers.push(("Cross-Origin-Opener-Policy", "same-origin".to_owned()));
        headers.push(("Cross-Origin-Embedder-Policy", "require-corp".to_owned()));
    }
    headers.push(("Connection", "close".to_owned()));
    Answer {
        status,
        headers,
        body: if head_only { Vec::new() } else { body },
    }
}

type Parts = (u16, Vec<(&'static str, String)>, Vec<u8>);

fn plain(status: u16, text: &str) -> Parts {
    let headers = vec![("Content-Type", "text/plain; charset=utf-8".to_owned())];
    (status, headers, text.as_bytes().to_vec())
}

/// The file (or folder) `target` names; its precompressed copy when `gzip` is allowed.
fn file(site: &Site, target: &str, accepts_gzip: bool) -> Parts {
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    let path = path.split('#').next().unwrap_or(path);
    let (folder, rest) = site
        .mounts
        .iter()
        .find_map(|(prefix, folder)| Some((folder, path.strip_prefix(prefix.as_str())?)))
        .unwrap_or((&site.root, path));
    let Some(mut file) = below(folder, rest) else {
        return plain(404, "not found");
    };
    if file.is_dir() {
        if !path.ends_with('/') {
            let location = match query {
                Some(query) => format!("{path}/?{query}"),
                None => format!("{path}/"),
            };
            let (status, mut headers, body) = plain(301, "moved permanently");
            headers.push(("Location", location));
            return (status, headers, body);
        }
        file.push("index.html");
    }
    let content_type = content_type(&file);
    let html = content_type.starts_with("text/html");
    let mut headers = vec![("Content-Type", content_type.to_owned())];
    if site.static_host {
        headers.push(("Vary", "Accept-Encoding".to_owned()));
        let demo_page = html && site.demo_url.is_some();
        let mut compressed = file.clone().into_os_string();
        compressed.push(".gz");
        if accepts_gzip && !demo_page && file.is_file() {
            if let Ok(body) = std::fs::read(&compressed) {
                headers.push(("Content-Encoding", "gzip".to_owned()));
                return (200, headers, body);
            }
        }
    }
    let Ok(body) = std::fs::read(&file) else {
        return plain(404, "not found");
    };
    let body = match &site.demo_url {
        Some(url) if html => with_demo_meta(&body, url),
        _ => body,
    };
    (200, headers, body)
}

/// `path` (without its leading `/`) below `folder`; `None` for anything that would leave it.
fn below(folder: &Path, path: &str) -> Option<PathBuf> {
    let mut file = folder.to_path_buf();
    for component in Path::new(path.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(file)
}

/// Puts the demo meta tag right after the first `<head>` tag (matched without regard to
/// case, attributes allowed), or first if there is none.
fn with_demo_meta(html: &[u8], demo_url: &str) -> Vec<u8> {
    let meta = format!(
        "<meta name=\"tts-keycheck-demo\" content=\"{}\">",
        escape_attribute(demo_url)
    );
    let text = String::from_utf8_lossy(html);
    let at = head_end(&text).unwrap_or(0);
    let mut out = String::with_capacity(text.len() + meta.len());
    out.push_str(&text[..at]);
    out.push_str(&meta);
    out.push_str(&text[at..]);
    out.into_bytes()
}

/// The byte offset just after the first `<head>` or `<head …>` tag (not `<header>`).
fn head_end(html: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(found) = find_ignore_case(&bytes[from..], b"<head") {
        let after = from + found + b"<head".len();
        match bytes.get(after) {
            Some(b'>') => return Some(after + 1),
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/') => {
                return bytes[after..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map(|end| after + end + 1);
            }
            _ => from = after,
        }
    }
    None
}

/// The offset of the first `needle` (ASCII, lower case) in `haystack`, ignoring ASCII case.
fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

fn content_type(path: &Path) -> &'static str {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "",
    }
}

/// A server running in a background thread; stopped when dropped.
#[derive(Debug)]
pub struct Server {
    url: String,
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Its base URL, `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // A connection wakes the accepting thread, which then sees the flag. Without one
        // it would block forever, so it is only waited for when the wake-up got through.
        if TcpStream::connect_timeout(&self.addr, IO_TIMEOUT).is_ok() {
            if let Some(thread) = self.thread.take() {
                let _ = thread.join();
            }
        }
    }
}

/// Serves `site` on a free port of 127.0.0.1 in a background thread, until the returned
/// [`Server`] is dropped.
pub fn spawn(site: Site) -> io::Result<Server> {
    let listener = TcpListener::bind(("127.0.0.1", 0))?;
    let addr = listener.local_addr()?;
    let stop = Arc::new(AtomicBool::new(false));
    let thread = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || accept(&listener, &site, &stop))
    };
    Ok(Server {
        url: format!("http://{addr}"),
        addr,
        stop,
        thread: Some(thread),
    })
}

/// Serves `site` on `listener` until the process ends; refuses a listener that is not on
/// a loopback address.
pub fn serve(site: &Site, listener: &TcpListener) -> io::Result<()> {
    loopback_only(listener.local_addr()?)?;
    accept(listener, site, &AtomicBool::new(false));
    Ok(())
}

fn loopback_only(addr: SocketAddr) -> io::Result<()> {
    if addr.ip().is_loopback() {
        Ok(())
    } else {
        Err(io::Error::other(format!(
            "{addr} is not a loopback address: the development server serves 127.0.0.1 only"
        )))
    }
}

/// Accepts connections, each answered in its own thread, until `stop` is set.
fn accept(listener: &TcpListener, site: &Site, stop: &AtomicBool) {
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let site = site.clone();
        std::thread::spawn(move || {
            // A client that goes away mid-request is not the server's error.
            let _ = handle(stream, &site);
        });
    }
}

/// Reads a request, answers it, and closes the connection; for a static host, goes on
/// with the next request on the same connection until the client closes it (or asks to).
fn handle(stream: TcpStream, site: &Site) -> io::Result<()> {
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    let mut reader = BufReader::new(&stream);
    loop {
        // Each request's line and headers may hold at most MAX_HEAD_BYTES.
        let mut head = (&mut reader).take(MAX_HEAD_BYTES);
        let mut request_line = String::new();
        if head.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        // Read the headers; `Accept-Encoding` changes the answer, `Connection` whether
        // the connection goes on.
        let (mut gzip, mut close) = (false, false);
        loop {
            let mut line = String::new();
            if head.read_line(&mut line)? == 0 || line.trim().is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                let name = name.trim();
                if name.eq_ignore_ascii_case("accept-encoding") {
                    gzip |= accepts_gzip(value);
                } else if name.eq_ignore_ascii_case("connection") {
                    close |= value.trim().eq_ignore_ascii_case("close");
                }
            }
        }
        let mut parts = request_line.split_whitespace();
        let request = Request {
            method: parts.next().unwrap_or(""),
            target: parts.next().unwrap_or(""),
            accepts_gzip: gzip,
        };
        let mut answer = answer(site, &request);
        let keep_alive = site.static_host && !close;
        if keep_alive {
            for (name, value) in &mut answer.headers {
                if *name == "Connection" {
                    *value = "keep-alive".to_owned();
                }
            }
        }
        let mut out = &stream;
        out.write_all(&answer.to_bytes())?;
        out.flush()?;
        if !keep_alive {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::path::PathBuf;

    use super::{accepts_gzip, answer, head_end, spawn, Request, Site};

    /// A fresh folder with a few files, removed when dropped.
    struct Folder(PathBuf);

    impl Folder {
        fn new(label: &str) -> Folder {
            let dir = std::env::temp_dir().join(format!(
                "devserver-{label}-{}-{:?}",
                std::process::id(),
                std::thread::current().id()
            ));
            let _ = std::fs::remove_dir_all(&dir);
            for (path, text) in [
                (
                    "index.html",
                    "<!doctype html><HEAD><title>root</title></HEAD>",
                ),
                ("plain.html", "<p>no head</p>"),
                ("app.js", "export {};"),
                ("notes.md", "# notes"),
                ("pkg/x.wasm", "\0asm"),
                ("pkg/blob.bin", "?"),
                (
                    "docs/index.html",
                    "<html><head lang=\"en\"><header>h</header>",
                ),
                ("fixtures/fixture.html", "<head><title>fixture</title>"),
                ("app.js.gz", "gz:export {};"),
                ("index.html.gz", "gz:<!doctype html>"),
                ("docs/index.html.gz", "gz:<html>"),
            ] {
                let file = dir.join(path);
                std::fs::create_dir_all(file.parent().unwrap()).unwrap();
                std::fs::write(file, text).unwrap();
            }
            Folder(dir)
        }

        fn site(&self, demo: bool, isolated: bool) -> Site {
            Site {
                root: self.0.clone(),
                mounts: vec![("/__e2e/".to_owned(), self.0.join("fixtures"))],
                demo_url: demo.then(|| "http://127.0.0.1:4000".to_owned()),
                cross_origin_isolated: isolated,
                static_host: false,
            }
        }
    }

    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// The answer in one line: status, content type, the location if any, and the body.
    #[track_caller]
    fn check(site: &Site, method: &str, target: &str, expect: &str) {
        let answer = answer(site, &Request::new(method, target));
        let mut line = format!(
            "{} {}",
            answer.status,
            answer.header("content-type").unwrap_or("-")
        );
        if let Some(location) = answer.header("location") {
            line.push_str(&format!(" -> {location}"));
        }
        line.push_str(&format!(" {:?}", String::from_utf8_lossy(&answer.body)));
        assert_eq!(line, expect, "{method} {target}");
        let length = answer.header("content-length").unwrap();
        if method != "HEAD" {
            assert_eq!(length, answer.body.len().to_string(), "{method} {target}");
        }
        assert_eq!(answer.header("cache-control"), Some("no-store"));
        assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(answer.header("connection"), Some("close"));
    }

    #[rustfmt::skip]
    #[test]
    fn answers_files_folders_and_refusals() {
        let folder = Folder::new("answers");
        let site = folder.site(false, false);
        check(&site, "GET", "/", r#"200 text/html; charset=utf-8 "<!doctype html><HEAD><title>root</title></HEAD>""#);
        check(&site, "GET", "/index.html?x=1#top", r#"200 text/html; charset=utf-8 "<!doctype html><HEAD><title>root</title></HEAD>""#);
        check(&site, "GET", "/app.js", r#"200 text/javascript; charset=utf-8 "export {};""#);
        check(&site, "GET", "/notes.md", r##"200 text/plain; charset=utf-8 "# notes""##);
        check(&site, "GET", "/pkg/x.wasm", r#"200 application/wasm "\0asm""#);
        check(&site, "GET", "/pkg/blob.bin", r#"200 application/octet-stream "?""#);
        check(&site, "GET", "/./pkg//x.wasm", r#"200 application/wasm "\0asm""#);
        check(&site, "GET", "/docs/", r#"200 text/html; charset=utf-8 "<html><head lang=\"en\"><header>h</header>""#);
        check(&site, "GET", "/docs", r#"301 text/plain; charset=utf-8 -> /docs/ "moved permanently""#);
        check(&site, "GET", "/docs?state=x", r#"301 text/plain; charset=utf-8 -> /docs/?state=x "moved permanently""#);
        check(&site, "GET", "/pkg/", r#"404 text/plain; charset=utf-8 "not found""#);
        check(&site, "GET", "/__e2e/fixture.html", r#"200 text/html; charset=utf-8 "<head><title>fixture</title>""#);
        check(&site, "GET", "/fixtures/fixture.html", r#"200 text/html; charset=utf-8 "<head><title>fixture</title>""#);
        check(&site, "GET", "/__e2e/index.html", r#"404 text/plain; charset=utf-8 "not found""#);
        check(&site, "GET", "/missing.html", r#"404 text/plain; charset=utf-8 "not found""#);
        check(&site, "GET", "/../devserver.rs", r#"404 text/plain; charset=utf-8 "not found""#);
        check(&site, "GET", "/pkg/../../x", r#"404 text/plain; charset=utf-8 "not found""#);
        check(&site, "GET", "/__e2e/../index.html", r#"404 text/plain; charset=utf-8 "not found""#);
        check(&site, "GET", "http://example.com/", r#"400 text/plain; charset=utf-8 "bad request""#);
        check(&site, "GET", "", r#"400 text/plain; charset=utf-8 "bad request""#);
        check(&site, "HEAD", "/app.js", r#"200 text/javascript; charset=utf-8 """#);
        check(&site, "POST", "/app.js", r#"405 text/plain; charset=utf-8 "method not allowed""#);
        check(&site, "OPTIONS", "/api/v3/auth_info", r#"405 text/plain; charset=utf-8 "method not allowed""#);
        check(&site, "", "", r#"405 text/plain; charset=utf-8 "method not allowed""#);
        assert_eq!(answer(&site, &Request::new("HEAD", "/app.js")).header("content-length"), Some("10"));
        assert_eq!(answer(&site, &Request::new("POST", "/")).header("allow"), Some("GET, HEAD"));
    }

    #[rustfmt::skip]
    #[test]
    fn demo_pages_name_the_stand_in_after_their_head() {
        let folder = Folder::new("demo");
        let site = folder.site(true, false);
        check(&site, "GET", "/", r#"200 text/html; charset=utf-8 "<!doctype html><HEAD><meta name=\"tts-keycheck-demo\" content=\"http://127.0.0.1:4000\"><title>root</title></HEAD>""#);
        check(&site, "GET", "/docs/", r#"200 text/html; charset=utf-8 "<html><head lang=\"en\"><meta name=\"tts-keycheck-demo\" content=\"http://127.0.0.1:4000\"><header>h</header>""#);
        check(&site, "GET", "/plain.html", r#"200 text/html; charset=utf-8 "<meta name=\"tts-keycheck-demo\" content=\"http://127.0.0.1:4000\"><p>no head</p>""#);
        check(&site, "GET", "/__e2e/fixture.html", r#"200 text/html; charset=utf-8 "<head><meta name=\"tts-keycheck-demo\" content=\"http://127.0.0.1:4000\"><title>fixture</title>""#);
        check(&site, "GET", "/app.js", r#"200 text/javascript; charset=utf-8 "export {};""#);
        let odd = Site { demo_url: Some("http://x/\"><script>".to_owned()), ..site };
        check(&odd, "GET", "/plain.html", r#"200 text/html; charset=utf-8 "<meta name=\"tts-keycheck-demo\" content=\"http://x/&quot;&gt;&lt;script&gt;\"><p>no head</p>""#);
    }

    /// What a gzip-serving site answers, with and without `Accept-Encoding: gzip`: the
    /// status, the encoding, `Vary`, and the body.
    #[rustfmt::skip]
    #[test]
    fn serves_precompressed_copies_to_clients_that_accept_gzip() {
        let folder = Folder::new("gzip");
        let check = |site: &Site, gzip: bool, target: &str, expect: &str| {
            let request = Request { method: "GET", target, accepts_gzip: gzip };
            let answer = answer(site, &request);
            let line = format!(
                "{} {} {} {:?}",
                answer.status,
                answer.header("content-encoding").unwrap_or("-"),
                answer.header("vary").unwrap_or("-"),
                String::from_utf8_lossy(&answer.body)
            );
            assert_eq!(line, expect, "{target}, gzip {gzip}");
        };
        let site = Site { static_host: true, ..folder.site(false, false) };
        check(&site, true, "/app.js", r#"200 gzip Accept-Encoding "gz:export {};""#);
        check(&site, false, "/app.js", r#"200 - Accept-Encoding "export {};""#);
        check(&site, true, "/", r#"200 gzip Accept-Encoding "gz:<!doctype html>""#);
        check(&site, true, "/docs/", r#"200 gzip Accept-Encoding "gz:<html>""#);
        check(&site, true, "/notes.md", r##"200 - Accept-Encoding "# notes""##);
        check(&site, true, "/missing.js", r#"404 - - "not found""#);
        check(&site, true, "/app.js.gz", r#"200 - Accept-Encoding "gz:export {};""#);
        // The demo meta goes into the page itself, so a demo page is not compressed.
        let demo = Site { static_host: true, ..folder.site(true, false) };
        check(&demo, true, "/", r#"200 - Accept-Encoding "<!doctype html><HEAD><meta name=\"tts-keycheck-demo\" content=\"http://127.0.0.1:4000\"><title>root</title></HEAD>""#);
        check(&demo, true, "/app.js", r#"200 gzip Accept-Encoding "gz:export {};""#);
        // Without the option, the copy is only a file of its own.
        check(&folder.site(false, false), true, "/app.js", r#"200 - - "export {};""#);
    }

    #[test]
    fn reads_accept_encoding() {
        let cases: &[(&str, bool)] = &[
            ("gzip, deflate, br, zstd", true),
            ("GZIP", true),
            ("br;q=1.0, gzip;q=0.5", true),
            ("*", true),
            ("gzip;q=0", false),
            ("gzip; q=0.000", false),
            ("identity", false),
            ("x-gzip2", false),
            ("", false),
        ];
        for &(value, expect) in cases {
            assert_eq!(accepts_gzip(value), expect, "{value:?}");
        }
    }

    #[test]
    fn finds_the_head_tag_only() {
        let cases: &[(&str, Option<usize>)] = &[
            ("<head>", Some(6)),
            ("<HeAd>", Some(6)),
            ("<head\n  lang=x>", Some(15)),
            ("<header><head>", Some(14)),
            ("<header>", None),
            ("<head", None),
            ("", None),
        ];
        for &(html, expect) in cases {
            assert_eq!(head_end(html), expect, "{html:?}");
        }
    }

    #[test]
    fn isolation_headers_go_with_every_answer_when_asked() {
        let folder = Folder::new("isolated");
        for (isolated, target) in [(true, "/"), (true, "/missing"), (false, "/")] {
            let site = folder.site(false, isolated);
            let answer = answer(&site, &Request::new("GET", target));
            let expect = isolated.then_some("same-origin");
            assert_eq!(answer.header("cross-origin-opener-policy"), expect);
            let expect = isolated.then_some("require-corp");
            assert_eq!(answer.header("cross-origin-embedder-policy"), expect);
        }
    }

    /// One request over loopback: what comes back, as text.
    fn fetch(url: &str, request: &str) -> String {
        let addr = url.strip_prefix("http://").unwrap();
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }

    #[test]
    fn serves_over_loopback_and_stops_when_dropped() {
        let folder = Folder::new("loopback");
        std::fs::write(folder.0.join("only-here.txt"), "only in the loopback test").unwrap();
        let server = spawn(folder.site(false, false)).unwrap();
        let url = server.url().to_owned();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        let got = fetch(&url, "GET /app.js HTTP/1.1\r\nHost: x\r\n\r\n");
        assert!(got.starts_with("HTTP/1.1 200 OK\r\n"), "{got}");
        assert!(got.ends_with("\r\n\r\nexport {};"), "{got}");
        let got = fetch(&url, "HEAD /app.js HTTP/1.1\r\n\r\n");
        assert!(got.contains("\r\nContent-Length: 10\r\n"), "{got}");
        assert!(got.ends_with("\r\n\r\n"), "{got}");
        let got = fetch(&url, "DELETE / HTTP/1.1\r\n\r\n");
        assert!(
            got.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"),
            "{got}"
        );
        drop(server);
        // The tests run in parallel, so another test's server may get the freed port at
        // once (CI saw it): a server there must not be this one, serving this folder.
        let addr = url.strip_prefix("http://").unwrap();
        if let Ok(mut stream) = TcpStream::connect(addr) {
            let _ = stream.write_all(b"GET /only-here.txt HTTP/1.1\r\nConnection: close\r\n\r\n");
            let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(5)));
            let mut got = String::new();
            let _ = stream.read_to_string(&mut got);
            assert!(
                !got.contains("only in the loopback test"),
                "still serving after drop: {got}"
            );
        }
    }

    #[test]
    fn a_static_host_keeps_the_connection_open() {
        let folder = Folder::new("keep-alive");
        let site = Site {
            static_host: true,
            ..folder.site(false, false)
        };
        let server = spawn(site).unwrap();
        // Two requests on one connection, the second asking to close it: both answered,
        // the first kept alive, and then the server closes.
        let got = fetch(
            server.url(),
            "GET /app.js HTTP/1.1\r\nAccept-Encoding: gzip\r\n\r\nGET /notes.md HTTP/1.1\r\nConnection: close\r\n\r\n",
        );
        let answers: Vec<&str> = got.split("HTTP/1.1 ").skip(1).collect();
        assert_eq!(answers.len(), 2, "{got}");
        assert!(
            answers[0].contains("\r\nConnection: keep-alive\r\n"),
            "{got}"
        );
        assert!(answers[0].ends_with("\r\n\r\ngz:export {};"), "{got}");
        assert!(answers[1].contains("\r\nConnection: close\r\n"), "{got}");
        assert!(answers[1].ends_with("\r\n\r\n# notes"), "{got}");
    }

    #[test]
    fn serves_loopback_addresses_only() {
        for (addr, ok) in [
            ("127.0.0.1:8000", true),
            ("[::1]:8000", true),
            ("0.0.0.0:8000", false),
            ("192.168.1.2:8000", false),
        ] {
            let result = super::loopback_only(addr.parse().unwrap());
            assert_eq!(result.is_ok(), ok, "{addr}");
        }
    }
}
