//! Whole files in every engine: `redactFile` and the support panel's file flow.
//!
//! The test writes a generated 64 MB log (the bench corpus's mix of tickets, mail, logs
//! and JSON with keys, near misses and bare secrets planted, plus keys placed so a
//! 4 MiB chunk border falls inside them: in the prefix, at a dot, in the Key ID, in the
//! secret, inside a `\r\n` wrap and in a multi-byte character just before one) and
//! what `redact_text` makes of it in one piece, checked natively to hold none of the
//! planted secrets. Then, on a page of its own server (`files/files.html`):
//!
//! - `redactFile` gives back exactly that text (every secret gone, nothing else
//!   changed), with the same MIME type, progress calls that reach the file's size, and a
//!   10 ms timer on the main thread that keeps firing (its longest gap is bounded);
//! - a UTF-16LE file with its byte-order mark (what Windows PowerShell 5 writes with
//!   `>`), read in 333-byte chunks that split its 2-byte units, comes back as the
//!   UTF-16 of `redact_text`'s text, with its byte spans in the UTF-16 file;
//! - aborting its signal rejects with an `Error` whose `code` is `aborted`;
//! - the support panel takes the log and a HAR capture through its file input, shows
//!   the findings, and **Download redacted file** saves `<name>.redacted.<ext>` with the
//!   same text (the HAR still valid JSON), its object URL revoked after.
//!
//! Registered in `main.rs` with one call after the cases; every wait is bounded.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::browser::Browser;
use crate::{processes, Result};

/// The size of the generated log.
const LOG_BYTES: usize = 64 << 20;
/// The chunk `redact-worker.js` reads (its `CHUNK_BYTES`): the borders keys straddle.
const CHUNK: usize = 4 << 20;
/// The longest one job of the page may take.
const JOB_LIMIT: Duration = Duration::from_secs(120);
/// The longest gap the main thread's 10 ms timer may show while a file is redacted.
const MAX_TIMER_GAP_MS: f64 = 500.0;

/// Runs the file checks unless `filter` names something else; returns (passed, failed).
pub(crate) async fn run(browser: &Browser, filter: Option<&str>) -> (usize, usize) {
    if filter.is_some_and(|f| !"files redactFile".contains(f)) {
        return (0, 0);
    }
    let started = Instant::now();
    match checks(browser).await {
        Ok(names) => {
            for name in &names {
                println!("ok   files: {name}");
            }
            println!("     (files: {:.1} s)", started.elapsed().as_secs_f64());
            (names.len(), 0)
        }
        Err(err) => {
            println!("FAIL files: {err}");
            (0, 1)
        }
    }
}

async fn checks(browser: &Browser) -> Result<Vec<&'static str>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = processes::TempDir::new("tts-keycheck-files")?;
    write_inputs(dir.path())?;
    let server = devserver::spawn(devserver::Site {
        root: root.join("www"),
        mounts: vec![
            ("/__e2e/".to_owned(), root.join("tests/e2e/files")),
            ("/__files/".to_owned(), dir.path().to_path_buf()),
        ],
        demo_url: None,
        cross_origin_isolated: false,
        static_host: false,
    })?;
    let page = format!("{}/__e2e/files.html", server.url());
    browser.client().goto(&page).await?;
    browser.wait_mounted().await?;
    let mut passed = Vec::new();

    let whole = job(
        browser,
        "window.tkcFiles.jobs.whole('/__files/app.log', '/__files/app.expected.log')",
    )
    .await?;
    expect(
        &whole,
        "same",
        json!(true),
        "the redacted log equals the one-piece redaction",
    )?;
    expect(&whole, "type", json!("text/plain"), "the MIME type is kept")?;
    expect(
        &whole,
        "reached",
        json!(true),
        "progress reaches the file's size",
    )?;
    expect(
        &whole,
        "progressIncreases",
        json!(true),
        "progress never goes back",
    )?;
    expect(
        &whole,
        "byteSpansHold",
        json!(true),
        "byte spans are in the file",
    )?;
    let gap = whole["maxGapMs"].as_f64().unwrap_or(f64::INFINITY);
    let ticks = whole["ticks"].as_f64().unwrap_or(0.0);
    if gap > MAX_TIMER_GAP_MS || ticks < 1.0 {
        return Err(format!("the main thread's timer stalled: {whole}").into());
    }
    passed.push("redactFile on 64 MB: every secret gone, nothing else changed, progress to 100 %, the main thread's timer kept firing");
    println!(
        "     (redactFile: {} MB in {:.0} ms, {} findings, longest timer gap {gap:.0} ms)",
        LOG_BYTES >> 20,
        whole["ms"].as_f64().unwrap_or(0.0),
        whole["findings"]
    );

    // A UTF-16LE file with its mark (Windows PowerShell 5's `>`), in odd-sized chunks
    // that split its 2-byte units.
    let utf16 = job(
        browser,
        "window.tkcFiles.jobs.whole('/__files/ps.txt', '/__files/ps.expected.txt', 333)",
    )
    .await?;
    expect(&utf16, "same", json!(true), "the redacted UTF-16 file")?;
    expect(
        &utf16,
        "utf16Spans",
        json!(true),
        "byte spans in the UTF-16 file",
    )?;
    passed.push("redactFile on a UTF-16LE file: every secret gone, still UTF-16 with its mark, byte spans in the file");

    let cancel = job(browser, "window.tkcFiles.jobs.cancel('/__files/app.log')").await?;
    expect(
        &cancel,
        "rejected",
        json!(true),
        "an aborted signal rejects",
    )?;
    expect(&cancel, "code", json!("aborted"), "the rejection's code")?;
    expect(&cancel, "isError", json!(true), "the rejection is an Error")?;
    expect(
        &cancel,
        "early",
        json!("aborted"),
        "an already aborted signal",
    )?;
    expect(
        &cancel,
        "progressAfterAbort",
        json!(0),
        "no progress after the abort",
    )?;
    passed.push("redactFile with an aborted signal rejects with code `aborted`");

    browser
        .execute("window.tkcFiles.jobs.catchDownloads();", vec![])
        .await?;
    for (file, expected, json_file) in [
        ("app.log", "app.expected.log", false),
        ("capture.har", "capture.expected.har", true),
    ] {
        panel_file(browser, &dir.path().join(file)).await?;
        let download = job(
            browser,
            &format!("window.tkcFiles.jobs.checkDownload('/__files/{expected}', {json_file})"),
        )
        .await?;
        let name = redacted(file);
        expect(&download, "name", json!(name), "the download's name")?;
        expect(&download, "same", json!(true), "the downloaded text")?;
        expect(
            &download,
            "revoked",
            json!(true),
            "the object URL is revoked after",
        )?;
        if json_file {
            expect(&download, "parses", json!(true), "the redacted HAR is JSON")?;
        }
    }
    passed.push("the support panel: open a file, progress, findings, Download redacted file (a log and a HAR, still JSON)");
    Ok(passed)
}

/// `name` with `.redacted` before its extension.
fn redacted(name: &str) -> String {
    tts_keycheck::support::redacted_name(name)
}

/// Opens `file` in the panel's file input, waits for the table and the download button,
/// and clicks it.
async fn panel_file(browser: &Browser, file: &Path) -> Result<()> {
    use fantoccini::Locator;
    let input = browser
        .client()
        .find(Locator::Css("#support [data-part=\"file\"]"))
        .await?;
    input
        .send_keys(&file.to_string_lossy())
        .await
        .map_err(|err| format!("could not open {} in the panel: {err}", file.display()))?;
    let deadline = Instant::now() + JOB_LIMIT;
    loop {
        let state = browser
            .execute(
                "const r = document.getElementById('support');
                 const d = r.querySelector('[data-part=download]');
                 return { shown: !d.hidden, status: r.querySelector('[data-part=status]').textContent,
                          rows: r.querySelectorAll('[data-part=findings] tbody tr').length };",
                vec![],
            )
            .await?;
        if state["shown"] == json!(true) {
            let status = state["status"].as_str().unwrap_or_default();
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            if !status.starts_with(&format!("{name}: Redacted")) || state["rows"] == json!(0) {
                return Err(format!("the panel shows no findings for {name}: {state}").into());
            }
            break;
        }
        if Instant::now() >= deadline {
            return Err(format!("no Download button within {JOB_LIMIT:?}: {state}").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let download = browser
        .client()
        .find(Locator::Css("#support [data-part=\"download\"]"))
        .await?;
    download.click().await?;
    Ok(())
}

/// Starts a job of the page and waits, at most [`JOB_LIMIT`], for its value.
async fn job(browser: &Browser, call: &str) -> Result<Value> {
    browser
        .execute(&format!("{call}; return true;"), vec![])
        .await?;
    let deadline = Instant::now() + JOB_LIMIT;
    loop {
        let state = browser
            .execute("return window.tkcFiles.result || { done: false };", vec![])
            .await?;
        if state["done"] == json!(true) {
            if let Some(error) = state["error"].as_str() {
                return Err(format!("{call} failed: {error}").into());
            }
            return Ok(state["value"].clone());
        }
        if Instant::now() >= deadline {
            return Err(format!("{call} did not finish within {JOB_LIMIT:?}").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn expect(value: &Value, key: &str, want: Value, what: &str) -> Result<()> {
    if value[key] == want {
        Ok(())
    } else {
        Err(format!("{what}: `{key}` is {}, not {want}, in {value}", value[key]).into())
    }
}

/// Writes the log, the HAR capture and what `redact_text` makes of each.
fn write_inputs(dir: &Path) -> Result<()> {
    use test_support::oracle::leaked;
    let corpus = test_support::corpus::generate(LOG_BYTES - 16 * 200, 0x66_696c_6573);
    let mut text = corpus.text;
    let mut secrets = corpus.secrets;
    // Keys with a chunk border inside them, at these offsets from the key's start.
    let mut rng = test_support::rng::Rng::new(64);
    for (n, offset) in [1, 3, 5, 6, 20, 45, 46, 70, 97, 30, 60, 2, 50, 90, 10]
        .into_iter()
        .enumerate()
    {
        let key = test_support::keys::generate(&mut rng);
        secrets.push(test_support::keys::secret_of(&key).to_owned());
        let planted = match n % 4 {
            // Lower-cased by a CRM, wrapped with a CRLF, and after a multi-byte character.
            1 => format!(" {} ", key.to_lowercase()),
            2 => format!(" {}\r\n{} ", &key[..offset.max(2)], &key[offset.max(2)..]),
            3 => format!(" é{key} "),
            _ => format!(" {key} "),
        };
        let mut at = (n + 1) * CHUNK - offset - 1;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.insert_str(at, &planted);
    }
    let expected = tts_keycheck::redact_text(&text).text;
    if !leaked(&expected, &secrets).is_empty() {
        return Err("the one-piece redaction of the log leaves a planted secret".into());
    }
    std::fs::write(dir.join("app.log"), &text)?;
    std::fs::write(dir.join("app.expected.log"), &expected)?;
    let har = test_support::har::generate(&mut rng, 200);
    let har_expected = tts_keycheck::redact_text(&har.text).text;
    if !leaked(&har_expected, &har.secrets).is_empty() {
        return Err("the redaction of the HAR leaves a secret".into());
    }
    std::fs::write(dir.join("capture.har"), &har.text)?;
    std::fs::write(dir.join("capture.expected.har"), &har_expected)?;
    // What Windows PowerShell 5 writes with `>`: UTF-16LE after its mark.
    let mut lines = String::new();
    for _ in 0..12 {
        let key = test_support::keys::generate(&mut rng);
        let lower = test_support::keys::generate(&mut rng).to_lowercase();
        let wrapped = test_support::keys::generate(&mut rng);
        for secret in [&key, &lower, &wrapped] {
            secrets.push(test_support::keys::secret_of(secret).to_uppercase());
        }
        lines.push_str(&format!(
            "PS C:\\> Get-Content .\\config.txt\r\nApiKey : {key}\r\nBackup : {lower} (é)\r\nWrapped : {}\r\n{}\r\n",
            &wrapped[..30],
            &wrapped[30..]
        ));
    }
    let utf16 = |text: &str| -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    let ps_expected = tts_keycheck::redact_text(&lines).text;
    if !leaked(&ps_expected, &secrets).is_empty() {
        return Err("the redaction of the PowerShell output leaves a secret".into());
    }
    std::fs::write(dir.join("ps.txt"), utf16(&lines))?;
    std::fs::write(dir.join("ps.expected.txt"), utf16(&ps_expected))?;
    Ok(())
}
