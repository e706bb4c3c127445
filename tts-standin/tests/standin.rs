//! End-to-end tests: the stand-in runs in-process on 127.0.0.1:0 and is spoken to in raw
//! HTTP/1.1 over a `TcpStream`, one request per connection.
//!
//! Most cases go through one helper, `check`, which sends a request and compares a one-line
//! summary of the reply with the expectation. A summary reads
//! `<status> <content-type> <body digest> | <CORS, auth and rate-limit headers>`; `*` in an
//! expectation matches any text. Demo keys are written `{name}` and replaced with the key,
//! so no key text appears here.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::timeout;
use tts_standin::{Config, DEMO_KEYS};

/// Every network step of a test must finish within this.
const STEP: Duration = Duration::from_secs(10);

const ORIGIN: &str = "Origin: https://docs.example";

/// Starts a stand-in with the default configuration and returns its address.
async fn start() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(tts_standin::serve(listener, Config::default()));
    addr
}

/// The key of the demo key `name`.
fn key(name: &str) -> &'static str {
    DEMO_KEYS
        .iter()
        .find(|demo| demo.name == name)
        .map(|demo| demo.key)
        .unwrap_or_else(|| panic!("no demo key `{name}`"))
}

/// Replaces every `{name}` with the key of that demo key.
fn with_keys(text: &str) -> String {
    let mut out = text.to_owned();
    while let Some(start) = out.find('{') {
        let Some(len) = out[start..].find('}') else {
            break;
        };
        let name = out[start + 1..start + len].to_owned();
        out.replace_range(start..=start + len, key(&name));
    }
    out
}

/// The raw request for `"METHOD /path"` with extra header lines.
fn request(line: &str, headers: &[&str]) -> String {
    let mut text = format!("{line} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for header in headers {
        text.push_str(&with_keys(header));
        text.push_str("\r\n");
    }
    text.push_str("\r\n");
    text
}

/// A parsed HTTP reply.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// Sends `raw` on a new connection and reads the reply until the server closes it.
async fn send(addr: SocketAddr, raw: &str) -> Result<Reply, io::ErrorKind> {
    let exchange = async {
        let mut stream = TcpStream::connect(addr).await?;
        stream.write_all(raw.as_bytes()).await?;
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).await?;
        Ok::<_, io::Error>(bytes)
    };
    let bytes = timeout(STEP, exchange)
        .await
        .expect("the reply came in time")
        .map_err(|err| err.kind())?;
    if bytes.is_empty() {
        return Err(io::ErrorKind::UnexpectedEof);
    }
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete head");
    let head = String::from_utf8(bytes[..split].to_vec()).expect("an ASCII head");
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let body = bytes[split + 4..].to_vec();
    let reply = Reply {
        status,
        headers,
        body,
    };
    assert_eq!(
        reply.header("transfer-encoding"),
        None,
        "bodies are sent whole"
    );
    let length = reply
        .header("content-length")
        .map(|n| n.parse::<usize>().expect("a length"));
    assert_eq!(
        length.unwrap_or(0),
        reply.body.len(),
        "Content-Length matches the body"
    );
    Ok(reply)
}

/// A short description of a JSON body.
fn digest_json(value: &Value, n_bytes: usize) -> String {
    let error = |details: &Value| {
        let attributes = details["attributes"]
            .as_object()
            .map(|attrs| attrs.keys().cloned().collect::<Vec<_>>().join(","));
        let attributes = attributes
            .map(|names| format!("({names})"))
            .unwrap_or_default();
        format!(
            "{}:{}{attributes}",
            details["namespace"].as_str().unwrap_or("?"),
            details["name"].as_str().unwrap_or("?")
        )
    };
    if value.as_object().is_some_and(|object| object.is_empty()) {
        return "{}".to_owned();
    }
    if let Some(details) = value["details"].get(0) {
        let mut out = format!("error={}", error(details));
        if details["cause"].is_object() {
            out.push_str(&format!("<-{}", error(&details["cause"])));
        }
        return out;
    }
    if let (Some(code), Some(message)) = (value["code"].as_i64(), value["message"].as_str()) {
        return format!("status={code}:{message}");
    }
    if let Some(access) = value["api_key"].as_object() {
        let api_key = &access["api_key"];
        let (kind, ids) = access["entity_ids"]
            .as_object()
            .and_then(|ids| ids.iter().next())
            .expect("entity_ids");
        let id = ids
            .as_object()
            .and_then(|ids| ids.values().next())
            .and_then(Value::as_str)
            .unwrap_or("?");
        let n_rights = api_key["rights"].as_array().map_or(0, Vec::len);
        let mut out = format!("api_key({kind}={id} rights={n_rights}");
        for optional in ["name", "expires_at"] {
            if api_key.get(optional).is_some() {
                out.push_str(&format!(" {optional}"));
            }
        }
        assert!(api_key.get("key").is_none(), "the key is never sent");
        return out + ")";
    }
    if let Some(keys) = value["keys"].as_array() {
        return format!("keys({})", keys.len());
    }
    format!("json({n_bytes} bytes)")
}

/// The one-line summary that `check` compares.
fn summary(reply: &Result<Reply, io::ErrorKind>) -> String {
    let reply = match reply {
        Ok(reply) => reply,
        Err(kind) => return format!("closed: {kind:?}"),
    };
    let content_type = reply.header("content-type").unwrap_or("-");
    let n_bytes = reply.body.len();
    let body = match serde_json::from_slice::<Value>(&reply.body) {
        _ if reply.body.is_empty() => "empty".to_owned(),
        Ok(value) => digest_json(&value, n_bytes),
        Err(_) if content_type == "application/json" => format!("invalid-json({n_bytes} bytes)"),
        Err(_) if content_type == "text/html" => format!("html({n_bytes} bytes)"),
        Err(_) => format!("text({n_bytes} bytes)"),
    };
    let mut out = format!("{} {content_type} {body} |", reply.status);
    let shown = [
        ("access-control-allow-origin", "acao"),
        ("access-control-allow-headers", "acah"),
        ("access-control-allow-methods", "acam"),
        ("access-control-max-age", "max-age"),
    ];
    for (name, label) in shown {
        if let Some(value) = reply.header(name) {
            out.push_str(&format!(" {label}={value}"));
        }
    }
    if reply.header("access-control-expose-headers").is_some() {
        out.push_str(" expose");
    }
    let vary: Vec<&str> = reply
        .headers
        .iter()
        .filter(|(n, _)| n == "vary")
        .map(|(_, v)| v.as_str())
        .collect();
    if !vary.is_empty() {
        out.push_str(&format!(" vary={}", vary.join(",")));
    }
    if let Some(cookie) = reply.header("set-cookie") {
        let name = cookie.split('=').next().unwrap_or("?");
        out.push_str(&format!(" {}-cookie", name.trim_start_matches('_')));
    }
    if let Some(value) = reply.header("www-authenticate") {
        let message = serde_json::from_slice::<Value>(&reply.body)
            .ok()
            .and_then(|v| v["message"].as_str().map(str::to_owned));
        if message.as_deref() == Some(value) {
            out.push_str(" www-auth=message");
        } else {
            out.push_str(&format!(" www-auth={value}"));
        }
    }
    if let Some(limit) = reply.header("x-rate-limit-limit") {
        let value = |name| reply.header(name).unwrap_or("-");
        out.push_str(&format!(
            " rate={limit}/{}/{}/{}",
            value("x-rate-limit-available"),
            value("x-rate-limit-reset"),
            value("x-rate-limit-retry")
        ));
    }
    out
}

/// Whether `text` matches `pattern`, where `*` matches any run of characters.
fn matches(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (i, part) in parts.iter().enumerate() {
        if i == parts.len() - 1 {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

/// Sends one request and compares the summary of its reply with `expected`.
async fn check(addr: SocketAddr, line: &str, headers: &[&str], expected: &str) {
    let reply = send(addr, &request(line, headers)).await;
    let got = summary(&reply);
    assert!(
        matches(expected, &got),
        "{line} {headers:?}\n  expected: {expected}\n       got: {got}"
    );
}

/// Replaces every correlation ID (checked to be 32 hex digits) with `*`.
fn mask_correlation_ids(body: &str) -> String {
    let marker = "\"correlation_id\":";
    let mut out = String::new();
    let mut rest = body;
    while let Some(at) = rest.find(marker) {
        let value_start =
            at + marker.len() + rest[at + marker.len()..].find('"').expect("a string value") + 1;
        let id = &rest[value_start..value_start + 32];
        assert!(
            id.bytes().all(|b| b.is_ascii_hexdigit()),
            "correlation id {id}"
        );
        out.push_str(&rest[..value_start]);
        out.push('*');
        rest = &rest[value_start + 32..];
    }
    out + rest
}

#[rustfmt::skip]
#[tokio::test]
async fn demo_keys_answer_as_documented() {
    let s = start().await;
    let get = "GET /api/v3/auth_info";
    check(s, get, &[ORIGIN, "Authorization: Bearer {org-ok}"], "200 application/json api_key(organization_ids=demo-org rights=8 name) | acao=* expose").await;
    check(s, get, &[ORIGIN, "Authorization: Bearer {org-read-only}"], "200 application/json api_key(organization_ids=demo-org rights=4 name) | acao=* expose").await;
    check(s, get, &[ORIGIN, "Authorization: Bearer {org-missing-rights}"], "200 application/json api_key(organization_ids=demo-org rights=13 name) | acao=* expose").await;
    check(s, get, &[ORIGIN, "Authorization: Bearer {user-ok}"], "200 application/json api_key(user_ids=demo-user rights=15 expires_at) | acao=* expose").await;
    check(s, get, &[ORIGIN, "Authorization: Bearer {expired}"], "401 application/json error=pkg/identityserver:api_key_expired | acao=* expose www-auth=message").await;
    check(s, get, &[ORIGIN, "Authorization: Bearer {unknown-id}"], "401 application/json error=pkg/identityserver:api_key_not_found<-pkg/identityserver/store:api_key_not_found(api_key_id) | acao=* expose www-auth=message").await;
    check(s, get, &[ORIGIN, "Authorization: Bearer {wrong-secret}"], "401 application/json error=pkg/identityserver:invalid_authorization | acao=* expose www-auth=message").await;
    check(s, get, &[ORIGIN, "Authorization: Bearer {rate-limited}"], "200 application/json api_key(organization_ids=demo-org rights=8 name) | acao=* expose rate=3/2/20/0").await;
    check(s, get, &[ORIGIN, "Authorization: Bearer {fault-500}"], "500 application/json error=pkg/rpcserver:rpc_recovered | acao=* expose").await;
    check(s, get, &[ORIGIN, "Authorization: Bearer {fault-502}"], "502 text/html html(122 bytes) | acao=* expose").await;
    check(s, get, &[ORIGIN, "Authorization: Bearer {fault-malformed-json}"], "200 application/json invalid-json(274 bytes) | acao=* expose").await;
    check(s, get, &[ORIGIN, "Authorization: Bearer {fault-huge-body}"], "200 application/json json(10485760 bytes) | acao=* expose").await;
    check(s, get, &[ORIGIN, "Authorization: Bearer {fault-redirect}"], "307 - empty | acao=* expose").await;
    check(s, get, &[ORIGIN, "Authorization: Bearer {fault-reset}"], "closed: ConnectionReset").await;
}

/// The table's own `status` and `error` columns must be what the server does.
#[tokio::test]
async fn the_table_tells_the_truth() {
    let s = start().await;
    for demo in DEMO_KEYS.iter().filter(|demo| demo.name != "fault-slow") {
        let bearer = format!("Authorization: Bearer {}", demo.key);
        let reply = send(s, &request("GET /api/v3/auth_info", &[&bearer])).await;
        let Ok(reply) = reply else {
            assert_eq!(demo.status, 0, "{} got no reply", demo.name);
            continue;
        };
        assert_eq!(reply.status, demo.status, "{}", demo.name);
        let error = serde_json::from_slice::<Value>(&reply.body)
            .ok()
            .and_then(|body| {
                let details = body["details"].get(0)?.clone();
                Some(format!(
                    "{}:{}",
                    details["namespace"].as_str()?,
                    details["name"].as_str()?
                ))
            });
        assert_eq!(error.unwrap_or_default(), demo.error, "{}", demo.name);
    }
}

#[rustfmt::skip]
#[tokio::test]
async fn authorization_header_parsing() {
    let s = start().await;
    let get = "GET /api/v3/auth_info";
    check(s, get, &[ORIGIN], "200 application/json {} | acao=* expose vary=Cookie csrf-cookie").await;
    check(s, get, &["Authorization: {org-ok}"], "200 application/json {} | vary=Cookie csrf-cookie").await;
    check(s, get, &["Authorization: Bearer"], "200 application/json {} | vary=Cookie csrf-cookie").await;
    check(s, get, &["Authorization: Basic dXNlcjpwYXNz"], "401 application/json error=pkg/identityserver:unsupported_authorization | vary=Cookie csrf-cookie www-auth=message").await;
    check(s, get, &["Authorization: Basic {org-ok}"], "401 application/json error=pkg/identityserver:unsupported_authorization | vary=Cookie csrf-cookie www-auth=message").await;
    check(s, get, &["Authorization: bearer {org-ok}"], "200 application/json api_key(organization_ids=demo-org rights=8 name) | vary=Cookie csrf-cookie").await;
    check(s, get, &["Authorization: BEARER {user-ok}"], "200 application/json api_key(user_ids=demo-user rights=15 expires_at) | vary=Cookie csrf-cookie").await;
    check(s, get, &["Authorization: Bearer  {org-ok}"], "400 application/json error=pkg/auth:token | vary=Cookie csrf-cookie").await;
    check(s, get, &["Authorization: Bearer {org-ok} "], "200 application/json api_key(organization_ids=demo-org rights=8 name) |").await;
    check(s, get, &["Authorization: Bearer FOO"], "400 application/json error=pkg/auth:token | vary=Cookie csrf-cookie").await;
    check(s, get, &["Authorization: Bearer FOO.FOO.FOO"], "400 application/json error=pkg/auth:token | vary=Cookie csrf-cookie").await;
    check(s, get, &["Authorization: Bearer NNSXS.A.B.C"], "400 application/json error=pkg/auth:token | vary=Cookie csrf-cookie").await;
    check(s, get, &["Authorization: Bearer MFZWC.A.B"], "400 application/json error=pkg/auth:token | vary=Cookie csrf-cookie").await;
    check(s, get, &["Authorization: Bearer NNSXS.A.B"], "401 application/json error=pkg/identityserver:api_key_not_found<-pkg/identityserver/store:api_key_not_found(api_key_id) | www-auth=message").await;
    check(s, get, &["Authorization: Bearer NNSXS.."], "401 application/json error=pkg/identityserver:api_key_not_found<-pkg/identityserver/store:api_key_not_found(api_key_id) | www-auth=message").await;
    check(s, get, &["Authorization: Bearer MFRWG.A.B"], "401 application/json error=pkg/identityserver:token_not_found<-pkg/identityserver/store:access_token_not_found(access_token_id) | www-auth=message").await;
    check(s, get, &["Authorization: Bearer ONZW4.A.B"], "401 application/json error=pkg/identityserver:token_not_found<-pkg/identityserver/store:user_session_not_found(session_id) | vary=Cookie csrf-cookie www-auth=message").await;
    check(s, get, &["Authorization: Bearer OJSWM.A.B"], "401 application/json error=pkg/identityserver:unsupported_authorization | vary=Cookie csrf-cookie www-auth=message").await;
    check(s, get, &["Authorization: Bearer MF2XI.A.B"], "401 application/json error=pkg/identityserver:unsupported_authorization | vary=Cookie csrf-cookie www-auth=message").await;
    check(s, get, &["Authorization: Bearer {org-ok}", "Authorization: Basic x"], "401 application/json error=pkg/identityserver:unsupported_authorization | www-auth=message").await;
}

#[rustfmt::skip]
#[tokio::test]
async fn cors_preflights() {
    let s = start().await;
    let options = "OPTIONS /api/v3/auth_info";
    let get = "Access-Control-Request-Method: GET";
    check(s, options, &[ORIGIN, get, "Access-Control-Request-Headers: authorization"], "200 - empty | acao=* acah=Authorization max-age=600 vary=Cookie csrf-cookie").await;
    check(s, options, &[ORIGIN, get, "Access-Control-Request-Headers: authorization, content-type, accept, x-csrf-token"], "200 - empty | acao=* acah=Authorization,Content-Type,X-Csrf-Token max-age=600 vary=Cookie csrf-cookie").await;
    check(s, options, &[ORIGIN, get, "Access-Control-Request-Headers: Accept,Accept-Language,Content-Language,Origin"], "200 - empty | acao=* max-age=600 vary=Cookie csrf-cookie").await;
    check(s, options, &[ORIGIN, get], "200 - empty | acao=* max-age=600 vary=Cookie csrf-cookie").await;
    check(s, options, &[ORIGIN, get, "Access-Control-Request-Headers: authorization, x-requested-with"], "403 - empty | vary=Cookie csrf-cookie").await;
    check(s, options, &[ORIGIN, get, "Access-Control-Request-Headers: cache-control"], "403 - empty | vary=Cookie csrf-cookie").await;
    check(s, options, &[ORIGIN, "Access-Control-Request-Headers: authorization"], "400 - empty | vary=Cookie csrf-cookie").await;
    check(s, options, &[ORIGIN, "Access-Control-Request-Method: PUT", "Access-Control-Request-Headers: authorization"], "200 - empty | acao=* acah=Authorization acam=PUT max-age=600 vary=Cookie csrf-cookie").await;
    check(s, options, &[ORIGIN, "Access-Control-Request-Method: DELETE"], "200 - empty | acao=* acam=DELETE max-age=600 vary=Cookie csrf-cookie").await;
    check(s, options, &[ORIGIN, "Access-Control-Request-Method: PATCH"], "200 - empty | acao=* acam=PATCH max-age=600 vary=Cookie csrf-cookie").await;
    check(s, options, &[ORIGIN, "Access-Control-Request-Method: POST"], "200 - empty | acao=* max-age=600 vary=Cookie csrf-cookie").await;
    check(s, options, &[ORIGIN, "Access-Control-Request-Method: HEAD"], "405 - empty | vary=Cookie csrf-cookie").await;
    check(s, options, &[ORIGIN, "Access-Control-Request-Method: OPTIONS"], "405 - empty | vary=Cookie csrf-cookie").await;
    check(s, options, &[ORIGIN, "Access-Control-Request-Method: get"], "405 - empty | vary=Cookie csrf-cookie").await;
    check(s, options, &[ORIGIN, "Access-Control-Request-Method:"], "405 - empty | vary=Cookie csrf-cookie").await;
    check(s, options, &[get, "Access-Control-Request-Headers: authorization"], "200 - empty | vary=Cookie csrf-cookie").await;
    check(s, "OPTIONS /api/v3/no_such_route", &[ORIGIN, get], "200 - empty | acao=* max-age=600 vary=Cookie csrf-cookie").await;
    check(s, "OPTIONS /api/no_such_route", &[ORIGIN, get], "404 application/json error=pkg/webhandlers:route_not_found(route) |").await;
}

#[rustfmt::skip]
#[tokio::test]
async fn cors_on_actual_requests() {
    let s = start().await;
    let get = "GET /api/v3/auth_info";
    check(s, get, &["Authorization: Bearer {org-ok}"], "200 application/json api_key(organization_ids=demo-org rights=8 name) |").await;
    check(s, get, &["Origin:", "Authorization: Bearer {org-ok}"], "200 application/json api_key(organization_ids=demo-org rights=8 name) |").await;
    check(s, get, &["Origin: null", "Authorization: Bearer {expired}"], "401 application/json error=pkg/identityserver:api_key_expired | acao=* expose www-auth=message").await;
    let reply = send(s, &request(get, &[ORIGIN])).await.expect("a reply");
    assert_eq!(reply.header("access-control-expose-headers"), Some("Date,Content-Length,X-Rate-Limit-Limit,X-Rate-Limit-Available,X-Rate-Limit-Reset,X-Rate-Limit-Retry,X-Request-Id,X-Total-Count,X-Warning"));
    // CSRF adds `Vary: Cookie` to a request without a bearer key; gorilla adds no `Vary: Origin`.
    assert_eq!(reply.header("vary"), Some("Cookie"));
    assert_eq!(reply.header("access-control-allow-credentials"), None);
}

#[rustfmt::skip]
#[tokio::test]
async fn routes() {
    let s = start().await;
    check(s, "GET /api/v3/no_such_route", &[ORIGIN], "404 application/json status=5:Not Found | acao=* expose vary=Cookie csrf-cookie").await;
    check(s, "GET /api/v3/auth_info/", &[ORIGIN], "404 application/json status=5:Not Found | acao=* expose vary=Cookie csrf-cookie").await;
    check(s, "POST /api/v3/auth_info", &[ORIGIN, "Content-Length: 0"], "501 application/json status=12:Method Not Allowed | acao=* expose csrf-cookie").await;
    check(s, "OPTIONS /api/v3/auth_info", &[], "200 - empty | vary=Cookie csrf-cookie").await;
    check(s, "GET /api/v3/auth_info?field_mask=x", &[], "200 application/json {} | vary=Cookie csrf-cookie").await;
    check(s, "GET /api/no_such_route", &[ORIGIN], "404 application/json error=pkg/webhandlers:route_not_found(route) |").await;
    check(s, "GET /demo/keys", &[], "200 application/json keys(15) | acao=*").await;
    check(s, "POST /demo/keys", &["Content-Length: 0"], "405 text/plain; charset=utf-8 text(23 bytes) |").await;
    check(s, "GET /", &[], "200 text/plain; charset=utf-8 text(*) |").await;
    check(s, "GET /elsewhere", &[], "404 text/plain; charset=utf-8 text(19 bytes) |").await;
}

#[tokio::test]
async fn rate_limit_runs_out_after_three() {
    let s = start().await;
    let get = "GET /api/v3/auth_info";
    let headers = [ORIGIN, "Authorization: Bearer {rate-limited}"];
    let ok =
        "200 application/json api_key(organization_ids=demo-org rights=8 name) | acao=* expose";
    check(s, get, &headers, &format!("{ok} rate=3/2/20/0")).await;
    check(s, get, &headers, &format!("{ok} rate=3/1/*/0")).await;
    check(s, get, &headers, &format!("{ok} rate=3/0/*/0")).await;
    let limited = "429 application/json error=pkg/ratelimit:rate_limit_exceeded(key,rate) | acao=* expose rate=3/0/*/*";
    check(s, get, &headers, limited).await;
    let reply = send(s, &request(get, &headers)).await.expect("a reply");
    let seconds = |name| {
        reply
            .header(name)
            .and_then(|v| v.parse::<u64>().ok())
            .expect(name)
    };
    let retry = seconds("x-rate-limit-retry");
    let reset = seconds("x-rate-limit-reset");
    assert!((1..=20).contains(&retry), "retry {retry}");
    assert!((40..=60).contains(&reset), "reset {reset}");
    let details = &reply.json()["details"][0];
    let id = key("rate-limited").split('.').nth(1).expect("an id");
    let resource = format!("grpc:method:/ttn.lorawan.v3.EntityAccess/AuthInfo::token:{id}");
    assert_eq!(
        details["attributes"],
        serde_json::json!({"key": resource, "rate": 3})
    );
    let message = format!("error:pkg/ratelimit:rate_limit_exceeded (rate limit of `3` accesses per minute exceeded for resource `{resource}`)");
    assert_eq!(reply.json()["message"], Value::String(message));
    assert_eq!(reply.header("www-authenticate"), None);
    // Other keys have no rate-limiting profile.
    check(
        s,
        get,
        &["Authorization: Bearer {org-ok}"],
        "200 application/json api_key(organization_ids=demo-org rights=8 name) |",
    )
    .await;
}

#[tokio::test]
async fn slow_key_does_not_answer_within_200_ms() {
    let s = start().await;
    let mut stream = timeout(STEP, TcpStream::connect(s))
        .await
        .expect("connect in time")
        .expect("connect");
    let raw = request(
        "GET /api/v3/auth_info",
        &["Authorization: Bearer {fault-slow}"],
    );
    stream.write_all(raw.as_bytes()).await.expect("write");
    let mut buf = [0u8; 1];
    let read = timeout(Duration::from_millis(200), stream.read(&mut buf)).await;
    assert!(read.is_err(), "answered within 200 ms: {read:?}");
    // Dropping the connection here leaves the server with a bounded sleep to cancel.
}

#[tokio::test]
async fn slow_key_answers_after_the_configured_delay() {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local address");
    let mut config = Config::default();
    config.slow_delay = Duration::from_millis(300);
    tokio::spawn(tts_standin::serve(listener, config));
    let started = std::time::Instant::now();
    check(
        addr,
        "GET /api/v3/auth_info",
        &["Authorization: Bearer {fault-slow}"],
        "200 application/json api_key(organization_ids=demo-org rights=8 name) |",
    )
    .await;
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn api_responses_carry_security_and_request_id_headers() {
    let s = start().await;
    let reply = send(s, &request("GET /api/v3/auth_info", &[]))
        .await
        .expect("a reply");
    let expected = [
        ("referrer-policy", "strict-origin-when-cross-origin"),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "SAMEORIGIN"),
        ("x-xss-protection", "1; mode=block"),
        ("cache-control", "no-store"),
        ("pragma", "no-cache"),
    ];
    for (name, value) in expected {
        assert_eq!(reply.header(name), Some(value), "{name}");
    }
    let request_id = reply.header("x-request-id").expect("a request id");
    assert_eq!(request_id.len(), 26, "a ULID: {request_id}");
    let reply = send(
        s,
        &request(
            "OPTIONS /api/v3/auth_info",
            &[
                ORIGIN,
                "Access-Control-Request-Method: GET",
                "X-Request-Id: abc",
            ],
        ),
    )
    .await
    .expect("a reply");
    assert_eq!(reply.header("x-request-id"), Some("abc"));
    assert_eq!(reply.header("x-frame-options"), Some("SAMEORIGIN"));
}

#[tokio::test]
async fn bodies_have_the_tts_shape() {
    let s = start().await;
    let get = "GET /api/v3/auth_info";
    let reply = send(s, &request(get, &["Authorization: Bearer {org-ok}"]))
        .await
        .expect("a reply");
    let body = String::from_utf8(reply.body).expect("UTF-8");
    let id = key("org-ok").split('.').nth(1).expect("an id");
    let rights = "\"RIGHT_APPLICATION_INFO\",\"RIGHT_APPLICATION_SETTINGS_BASIC\",\"RIGHT_APPLICATION_DEVICES_READ\",\"RIGHT_APPLICATION_DEVICES_WRITE\",\"RIGHT_APPLICATION_DEVICES_READ_KEYS\",\"RIGHT_APPLICATION_DEVICES_WRITE_KEYS\",\"RIGHT_ORGANIZATION_APPLICATIONS_LIST\",\"RIGHT_ORGANIZATION_APPLICATIONS_CREATE\"";
    let expected = format!("{{\"api_key\":{{\"api_key\":{{\"id\":\"{id}\",\"name\":\"iotbridge\",\"rights\":[{rights}],\"created_at\":\"2024-05-14T09:21:07.412305Z\",\"updated_at\":\"2024-05-14T09:21:07.412306Z\"}},\"entity_ids\":{{\"organization_ids\":{{\"organization_id\":\"demo-org\"}}}}}}}}");
    assert_eq!(body, expected);

    let reply = send(
        s,
        &request(get, &["Authorization: Bearer NNSXS.NOSUCHID.SECRET"]),
    )
    .await
    .expect("a reply");
    assert_eq!(
        reply.header("www-authenticate"),
        Some("error:pkg/identityserver:api_key_not_found (API key not found)")
    );
    let body = mask_correlation_ids(&String::from_utf8(reply.body).expect("UTF-8"));
    let expected = r#"{"code":16,"message":"error:pkg/identityserver:api_key_not_found (API key not found)","details":[{"@type":"type.googleapis.com/ttn.lorawan.v3.ErrorDetails","namespace":"pkg/identityserver","name":"api_key_not_found","message_format":"API key not found","correlation_id":"*","cause":{"namespace":"pkg/identityserver/store","name":"api_key_not_found","message_format":"api key with id `{api_key_id}` not found","attributes":{"api_key_id":"NOSUCHID"},"correlation_id":"*","code":5},"code":16}]}"#;
    assert_eq!(body, expected);

    let reply = send(s, &request(get, &["Authorization: Bearer x"]))
        .await
        .expect("a reply");
    let body = mask_correlation_ids(&String::from_utf8(reply.body).expect("UTF-8"));
    let expected = r#"{"code":3,"message":"error:pkg/auth:token (invalid token)","details":[{"@type":"type.googleapis.com/ttn.lorawan.v3.ErrorDetails","namespace":"pkg/auth","name":"token","message_format":"invalid token","correlation_id":"*","code":3}]}"#;
    assert_eq!(body, expected);

    let reply = send(s, &request("GET /api/%3Cx%3E", &[]))
        .await
        .expect("a reply");
    let body = mask_correlation_ids(&String::from_utf8(reply.body).expect("UTF-8"));
    let expected = "{\n  \"code\": 5,\n  \"message\": \"error:pkg/webhandlers:route_not_found (route `/api/\\u003cx\\u003e` not found)\",\n  \"details\": [\n    {\n      \"@type\": \"type.googleapis.com/ttn.lorawan.v3.ErrorDetails\",\n      \"namespace\": \"pkg/webhandlers\",\n      \"name\": \"route_not_found\",\n      \"message_format\": \"route `{route}` not found\",\n      \"attributes\": {\n        \"route\": \"/api/\\u003cx\\u003e\"\n      },\n      \"correlation_id\": \"*\",\n      \"code\": 5\n    }\n  ]\n}\n";
    assert_eq!(body, expected);
}

#[tokio::test]
async fn fault_bodies() {
    let s = start().await;
    let get = "GET /api/v3/auth_info";
    let reply = send(s, &request(get, &["Authorization: Bearer {fault-502}"]))
        .await
        .expect("a reply");
    assert!(String::from_utf8_lossy(&reply.body).contains("<h1>502 Bad Gateway</h1>"));
    let reply = send(
        s,
        &request(get, &["Authorization: Bearer {fault-malformed-json}"]),
    )
    .await
    .expect("a reply");
    assert!(
        reply
            .body
            .starts_with(b"{\"api_key\":{\"api_key\":{\"id\":"),
        "starts like auth_info"
    );
    let reply = send(s, &request(get, &["Authorization: Bearer {fault-500}"]))
        .await
        .expect("a reply");
    assert_eq!(
        reply.json()["message"],
        "error:pkg/rpcserver:rpc_recovered (Internal Server Error)"
    );
    // The connection reset takes nothing else down with it.
    check(
        s,
        get,
        &["Authorization: Bearer {fault-reset}"],
        "closed: ConnectionReset",
    )
    .await;
    check(
        s,
        get,
        &[],
        "200 application/json {} | vary=Cookie csrf-cookie",
    )
    .await;
}

#[tokio::test]
async fn demo_keys_endpoint_lists_the_table() {
    let s = start().await;
    let reply = send(s, &request("GET /demo/keys", &[]))
        .await
        .expect("a reply");
    let body = reply.json();
    let names: Vec<&str> = body["keys"]
        .as_array()
        .expect("keys")
        .iter()
        .filter_map(|k| k["name"].as_str())
        .collect();
    let expected: Vec<&str> = DEMO_KEYS.iter().map(|demo| demo.name).collect();
    assert_eq!(names, expected);
    assert_eq!(body["keys"][0]["key"], key("org-ok"));
    assert_eq!(body["keys"][0]["error"], Value::Null);
    assert_eq!(
        body["keys"][4]["error"],
        "pkg/identityserver:api_key_expired"
    );
    assert_eq!(body["rate_limit_per_minute"], 3);
    assert_eq!(body["slow_delay_ms"], 15000);
}

#[test]
fn readme_shows_the_current_table() {
    let readme = include_str!("../README.md");
    assert!(
        readme.contains(&tts_standin::keys_markdown()),
        "README.md: paste `tts-standin --print-keys` into the key table"
    );
}

#[test]
fn wildcards_match() {
    for (pattern, text, expected) in [
        ("a*c", "abbc", true),
        ("a*c", "abbd", false),
        ("*", "", true),
        ("a", "ab", false),
        ("a*", "ab", true),
        ("*b*d", "abcd", true),
    ] {
        assert_eq!(matches(pattern, text), expected, "{pattern} {text}");
    }
}

#[rustfmt::skip]
#[tokio::test]
async fn csrf_layer() {
    let s = start().await;
    let post = "POST /api/v3/auth_info";
    check(s, post, &[ORIGIN, "Content-Length: 0", "Authorization: Bearer ONZW4.A.B"], "403 application/json error=pkg/webmiddleware:invalid_csrf_token | csrf-cookie").await;
    check(s, post, &[ORIGIN, "Content-Length: 0", "Authorization: Bearer {org-ok}"], "501 application/json status=12:Method Not Allowed | acao=* expose").await;
    check(s, "GET /api/v3/auth_info", &["Cookie: _csrf=abc"], "200 application/json {} | vary=Cookie").await;
    let reply = send(s, &request("GET /api/v3/auth_info", &[])).await.expect("a reply");
    let cookie = reply.header("set-cookie").expect("a cookie");
    assert!(matches("_csrf=*; Path=/; Expires=*, * GMT; Max-Age=43200; HttpOnly; SameSite=Strict", cookie), "{cookie}");
}
