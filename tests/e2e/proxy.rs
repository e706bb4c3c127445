//! The recording proxy: every request of a proxied engine (Firefox, WebKit) goes through
//! it, loopback included, so the privacy audit sees the browser's requests in every engine
//! as it sees Chromium's through the DevTools protocol, and nothing reaches any host but
//! 127.0.0.1.
//!
//! It records each request (method, absolute URL, headers, body) before doing anything
//! with it, then forwards it to its origin when that is `http://` on loopback, with
//! `Connection: close`, and relays the answer byte for byte with `Connection: close`
//! (one request per connection). Anything else (another host, `https://` through
//! `CONNECT`, a port nothing listens on, an origin that resets) gets the connection closed
//! without an answer, which the browser reports as a network failure, as a closed
//! network would.
//!
//! Invariant: it listens on 127.0.0.1 only and connects to 127.0.0.1 (or `[::1]`) only.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// How long the browser may take to send a request, and an origin to connect.
const IO_TIMEOUT: Duration = Duration::from_secs(10);
/// How long an origin may take to answer (the stand-in's slow fault is slower than the
/// widget's timeout, which then closes the browser's side).
const ANSWER_TIMEOUT: Duration = Duration::from_secs(60);
/// The most a request's line and headers, or an answer's, may hold.
const MAX_HEAD_BYTES: u64 = 64 * 1024;
/// The most a request body may hold.
const MAX_BODY_BYTES: usize = 1024 * 1024;

/// One request as the proxy received it.
#[derive(Debug, Clone)]
pub(crate) struct Recorded {
    pub(crate) method: String,
    /// The absolute URL, or for `CONNECT` the `host:port` asked for.
    pub(crate) url: String,
    /// Every header, as sent.
    pub(crate) headers: Vec<(String, String)>,
    /// The body, as text (lossy).
    pub(crate) body: String,
}

/// What the proxy saw: the requests since they were last taken, and every origin since it
/// started.
#[derive(Debug, Default)]
struct Log {
    recent: Vec<Recorded>,
    origins: std::collections::BTreeSet<String>,
}

/// The proxy, serving in a background thread until dropped.
#[derive(Debug)]
pub(crate) struct Proxy {
    addr: SocketAddr,
    log: Arc<Mutex<Log>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Proxy {
    /// Starts it on a free port of 127.0.0.1.
    pub(crate) fn spawn() -> io::Result<Proxy> {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let addr = listener.local_addr()?;
        let log = Arc::new(Mutex::new(Log::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (log, stop) = (Arc::clone(&log), Arc::clone(&stop));
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        return;
                    }
                    let Ok(stream) = stream else { continue };
                    let log = Arc::clone(&log);
                    std::thread::spawn(move || {
                        // A browser that goes away mid-request is not the proxy's error.
                        let _ = handle(&stream, &log);
                        let _ = stream.shutdown(Shutdown::Both);
                    });
                }
            })
        };
        Ok(Proxy {
            addr,
            log,
            stop,
            thread: Some(thread),
        })
    }

    /// `127.0.0.1:PORT`, as a browser's proxy setting takes it.
    pub(crate) fn address(&self) -> String {
        self.addr.to_string()
    }

    /// Every request recorded since the last call, which then forgets them.
    pub(crate) fn take(&self) -> Vec<Recorded> {
        match self.log.lock() {
            Ok(mut log) => std::mem::take(&mut log.recent),
            Err(poisoned) => std::mem::take(&mut poisoned.into_inner().recent),
        }
    }

    /// Every origin asked for since the proxy started (`scheme://host:port`, or for
    /// `CONNECT` the `host:port`), sorted.
    pub(crate) fn origins(&self) -> Vec<String> {
        match self.log.lock() {
            Ok(log) => log.origins.iter().cloned().collect(),
            Err(poisoned) => poisoned.into_inner().origins.iter().cloned().collect(),
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // A connection wakes the accepting thread, which then sees the flag.
        if TcpStream::connect_timeout(&self.addr, IO_TIMEOUT).is_ok() {
            if let Some(thread) = self.thread.take() {
                let _ = thread.join();
            }
        }
    }
}

/// Reads one request, records it, and forwards it if it may go anywhere.
fn handle(client: &TcpStream, log: &Mutex<Log>) -> io::Result<()> {
    client.set_read_timeout(Some(IO_TIMEOUT))?;
    client.set_write_timeout(Some(IO_TIMEOUT))?;
    let mut reader = BufReader::new(client);
    let Some((request_line, headers)) = read_head(&mut reader)? else {
        return Ok(());
    };
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("").to_owned();
    let url = parts.next().unwrap_or("").to_owned();
    let body = read_body(&mut reader, &headers)?;
    let recorded = Recorded {
        method: method.clone(),
        url: url.clone(),
        headers: headers.clone(),
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    if let Ok(mut log) = log.lock() {
        log.origins.insert(origin_of(&url));
        log.recent.push(recorded);
    }
    let Some((origin, path)) = loopback_origin(&method, &url) else {
        return Ok(());
    };
    let Ok(mut upstream) = TcpStream::connect_timeout(&origin, IO_TIMEOUT) else {
        return Ok(());
    };
    upstream.set_read_timeout(Some(ANSWER_TIMEOUT))?;
    upstream.set_write_timeout(Some(IO_TIMEOUT))?;
    let mut out = format!("{method} {path} HTTP/1.1\r\n");
    for (name, value) in &headers {
        if !is_hop_by_hop(name) && !name.eq_ignore_ascii_case("content-length") {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    if !body.is_empty()
        || headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-length"))
    {
        out.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    out.push_str("Connection: close\r\n\r\n");
    upstream.write_all(out.as_bytes())?;
    upstream.write_all(&body)?;
    upstream.flush()?;
    // The answer's head, with the connection closing after it; then the rest as it comes.
    let mut answer = BufReader::new(&upstream);
    let Some((status_line, answer_headers)) = read_head(&mut answer)? else {
        return Ok(());
    };
    let mut head = format!("{status_line}\r\n");
    for (name, value) in &answer_headers {
        if !is_hop_by_hop(name) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    head.push_str("Connection: close\r\n\r\n");
    let mut client_out = client;
    client_out.write_all(head.as_bytes())?;
    io::copy(&mut answer, &mut client_out)?;
    client_out.flush()
}

/// The origin to forward to and the path to ask it, for an `http://` URL on loopback;
/// `None` for anything else.
fn loopback_origin(method: &str, url: &str) -> Option<(SocketAddr, String)> {
    if method.eq_ignore_ascii_case("CONNECT") {
        return None;
    }
    let rest = url.strip_prefix("http://")?;
    let (authority, path) = match rest.find('/') {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, "/"),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !port.contains(']') => (host, port.parse().ok()?),
        _ => (authority, 80),
    };
    let ip = match host {
        "127.0.0.1" | "localhost" => std::net::Ipv4Addr::LOCALHOST.into(),
        "[::1]" => std::net::Ipv6Addr::LOCALHOST.into(),
        _ => return None,
    };
    Some((SocketAddr::new(ip, port), path.to_owned()))
}

/// The origin of an absolute URL (`scheme://authority`), or the URL itself when it has
/// no scheme (`CONNECT`'s `host:port`).
fn origin_of(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
            format!("{scheme}://{authority}")
        }
        None => url.to_owned(),
    }
}

/// Headers that belong to one connection, not to the request or answer.
fn is_hop_by_hop(name: &str) -> bool {
    [
        "connection",
        "proxy-connection",
        "keep-alive",
        "proxy-authorization",
        "te",
        "upgrade",
    ]
    .iter()
    .any(|hop| name.eq_ignore_ascii_case(hop))
}

/// The first line and the headers of a request or an answer; `None` at the end of input.
type Head = (String, Vec<(String, String)>);

fn read_head(reader: &mut impl BufRead) -> io::Result<Option<Head>> {
    let mut head = reader.take(MAX_HEAD_BYTES);
    let mut first = String::new();
    if head.read_line(&mut first)? == 0 {
        return Ok(None);
    }
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if head.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    Ok(Some((first.trim_end().to_owned(), headers)))
}

/// The request body: `Content-Length` bytes, or a chunked body decoded.
fn read_body(reader: &mut impl BufRead, headers: &[(String, String)]) -> io::Result<Vec<u8>> {
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        let mut body = Vec::new();
        loop {
            let mut size_line = String::new();
            reader.read_line(&mut size_line)?;
            let size = usize::from_str_radix(size_line.trim().split(';').next().unwrap_or(""), 16)
                .map_err(|_| io::Error::other("a bad chunk size"))?;
            if size == 0 {
                // The trailers, up to the empty line.
                while read_line_len(reader)? > 2 {}
                return Ok(body);
            }
            if body.len() + size > MAX_BODY_BYTES {
                return Err(io::Error::other("a request body over the limit"));
            }
            let start = body.len();
            body.resize(start + size, 0);
            reader.read_exact(&mut body[start..])?;
            read_line_len(reader)?;
        }
    }
    let length: usize = header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    if length > MAX_BODY_BYTES {
        return Err(io::Error::other("a request body over the limit"));
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(body)
}

fn read_line_len(reader: &mut impl BufRead) -> io::Result<usize> {
    let mut line = Vec::new();
    reader.read_until(b'\n', &mut line)
}
