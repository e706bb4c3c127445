//! Benchmarks of the core, native only: `check` on one pasted key (valid and broken), and
//! `redact_text` on a generated 16 MB support corpus next to the same job done with the
//! `regex` crate, and the same corpus through `StreamRedactor` in 4 MiB chunks. `cargo xtask bench` runs them and prints one table; `cargo bench
//! --bench core` runs them alone.

use std::collections::HashSet;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput};
use regex::bytes::{Captures, Regex};
use test_support::{corpus, keys};
use tts_keycheck::anatomy::anatomy;
use tts_keycheck::key::is_key_id;
use tts_keycheck::report::{report, Expectations, Response};
use tts_keycheck::rights::IOTBRIDGE_PROFILE;
use tts_keycheck::{check, redact_text, Redacted, TokenKind, SECRET_MASK};

/// The corpus size: large enough that the scan, not the setup, is measured, and that
/// it does not fit in the caches.
const CORPUS_BYTES: usize = 16 << 20;

/// The corpus seed; change it only together with the numbers it is compared with.
const CORPUS_SEED: u64 = 0x7775_6b65_7963_6865;

/// Where the bench writes what it planted and found (read by `cargo xtask bench`).
const STATS_ENV: &str = "TTS_KEYCHECK_BENCH_STATS";

/// A folder where the bench also leaves its corpus (`corpus.txt`) and its `check` inputs
/// (`inputs.json`), for the browser half of `cargo xtask bench` to run on the same data.
const BROWSER_DATA_ENV: &str = "TTS_KEYCHECK_BENCH_BROWSER_DATA";

fn main() {
    // Native only: under Miri the benchmarks would take days and measure nothing.
    if cfg!(miri) {
        return;
    }
    let mut criterion = Criterion::default().configure_from_args();
    check_latency(&mut criterion);
    adversarial_pastes(&mut criterion);
    redact_throughput(&mut criterion);
    criterion.final_summary();
}

/// The sizes of the adversarial pastes: 1 KB, 64 KB and 1 MB (criterion ids end in the
/// size in bytes, read by `cargo xtask bench`).
const ADVERSARIAL_SIZES: [usize; 3] = [1 << 10, 64 << 10, 1 << 20];

/// Pastes built to find quadratic work: `(name, text of about `len` bytes)`.
fn adversarial(name: &str, len: usize) -> String {
    let key = keys::seeded(1);
    match name {
        // Quotes all around: each round of the peel loop strips two.
        "quotes" => "\"".repeat(len),
        // A key and then commas: trailing punctuation, one at a time from the end.
        "commas" => format!("{key}{}", ",".repeat(len.saturating_sub(key.len()))),
        // Key-like characters, dots, whitespace and look-alikes in a repeating mix.
        "mixed" => "NNSXS.ab1 \u{200b}\".0ЅΑ-"
            .chars()
            .cycle()
            .take(len)
            .collect(),
        _ => String::new(),
    }
}

/// `check`, the anatomy and `report` on inputs of 1 KB, 64 KB and 1 MB: linear work
/// keeps the time per character flat (issue 8: 64 KB of quotes froze the tab for 6 s).
fn adversarial_pastes(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("adversarial");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for len in ADVERSARIAL_SIZES {
        for name in ["quotes", "commas", "mixed"] {
            let input = adversarial(name, len);
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_function(format!("check_{name}/{len}"), |bencher| {
                bencher.iter(|| check(black_box(&input)))
            });
        }
        let input = adversarial("mixed", len);
        let checked = check(&input);
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_function(format!("anatomy_mixed/{len}"), |bencher| {
            bencher.iter(|| anatomy(black_box(&input), black_box(&checked)))
        });
        // An `auth_info` answer with as many distinct right names as fit.
        let body = rights_body(len);
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function(format!("report_rights/{len}"), |bencher| {
            bencher.iter(|| {
                report(
                    &Response {
                        status: 200,
                        headers: &[],
                        body: black_box(&body),
                    },
                    &Expectations {
                        organization_id: None,
                        key_id: None,
                        required_rights: IOTBRIDGE_PROFILE,
                    },
                    0,
                )
            })
        });
    }
    group.finish();
}

/// An `auth_info` body of about `len` bytes: an organization key with distinct rights.
fn rights_body(len: usize) -> String {
    let mut rights = Vec::new();
    let mut size = 0;
    let mut n = 0;
    while size < len {
        let right = format!("\"RIGHT_UNKNOWN_{n}\"");
        size += right.len() + 1;
        rights.push(right);
        n += 1;
    }
    format!(
        "{{\"api_key\":{{\"api_key\":{{\"id\":\"{}\",\"rights\":[{}]}},\"entity_ids\":{{\"organization_ids\":{{\"organization_id\":\"demo-org\"}}}}}}}}",
        &keys::seeded(1)[6..45],
        rights.join(",")
    )
}

/// `check` on one 98-character paste, as the widget runs it on every keystroke.
fn check_latency(criterion: &mut Criterion) {
    let key = keys::seeded(1);
    let mut one_bad_char = key.clone();
    // An ambiguous character in the secret: pointed at, never guessed.
    one_bad_char.replace_range(70..71, "1");
    let inputs = [
        ("valid", key.clone()),
        ("lower_cased", key.to_ascii_lowercase()),
        ("one_bad_char", one_bad_char),
        // The last character missed by the copy.
        ("truncated", key[..97].to_owned()),
        // Hard-wrapped at 72 columns by a mail client.
        ("wrapped", format!("{}\n{}", &key[..72], &key[72..])),
    ];
    if let Some(dir) = std::env::var_os(BROWSER_DATA_ENV) {
        let entries: Vec<String> = inputs
            .iter()
            .map(|(name, input)| format!("{name:?}: {input:?}"))
            .collect();
        let json = format!("{{{}}}\n", entries.join(", "));
        write_or_say(
            std::path::Path::new(&dir).join("inputs.json"),
            json.as_bytes(),
        );
    }
    let mut group = criterion.benchmark_group("check");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for (name, input) in &inputs {
        group.bench_function(*name, |bencher| {
            bencher.iter(|| check(black_box(input.as_str())))
        });
    }
    group.finish();
}

/// `redact_text` and the regex baseline on the same corpus, in bytes per second.
fn redact_throughput(criterion: &mut Criterion) {
    let corpus = corpus::generate(CORPUS_BYTES, CORPUS_SEED);
    let text = corpus.text.as_str();
    let regex = baseline_regex();
    report_coverage(&corpus, &regex);
    if let Some(dir) = std::env::var_os(BROWSER_DATA_ENV) {
        write_or_say(
            std::path::Path::new(&dir).join("corpus.txt"),
            text.as_bytes(),
        );
    }

    let mut group = criterion.benchmark_group("redact");
    // Each iteration takes milliseconds: a few flat samples are enough.
    group
        .throughput(Throughput::Bytes(text.len() as u64))
        .sampling_mode(SamplingMode::Flat)
        .sample_size(20)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5));
    group.bench_function("redact_text", |bencher| {
        bencher.iter(|| redact_text(black_box(text)))
    });
    // The same text in the 4 MiB chunks `redactFile`'s worker feeds, output kept.
    group.bench_function("stream_4mib", |bencher| {
        bencher.iter(|| {
            let mut redactor = tts_keycheck::stream::StreamRedactor::new();
            let mut n_bytes = 0;
            for chunk in black_box(text.as_bytes()).chunks(4 << 20) {
                n_bytes += redactor.feed(chunk).output.len();
            }
            n_bytes + redactor.finish().output.len()
        })
    });
    group.bench_function("regex", |bencher| {
        bencher.iter(|| redact_with_regex(&regex, black_box(text.as_bytes())))
    });
    group.finish();
}

/// What the regex baseline matches: as much of what `redact_text` finds as one regex
/// can, written for speed (bytes API, ASCII classes, no Unicode).
///
/// - A token: a prefix of any of the five kinds, in any case and glued to anything
///   before it, then `.` or `%2E`, then alphanumeric parts joined by `-`, `_`, `.` or
///   `%2E`. Group 1 is the prefix, group 2 the first part (the Key ID when it is one).
/// - A bare secret: 52 base32 characters ending in `A` or `Q`, between word boundaries.
///
/// What it does not cover that `redact_text` does:
/// - A token wrapped across lines (hard breaks behind `>` quote markers, or
///   quoted-printable `=` soft breaks): the regex redacts the part before the break
///   and leaves the rest, up to the whole secret, in the text.
/// - A token whose body starts after a soft break right behind the prefix (`NNSXS.=`).
/// - A bare secret after `_` (a word character for `\b`) or behind a glued-on escape
///   (`%20`, `=3D`, `\n`), which `redact_text` takes as boundaries.
/// - Already-redacted forms (`NNSXS.<id>.[REDACTED]`) are matched up to the Key ID and
///   rewritten to the same text rather than skipped, and no UTF-16 spans or `valid`
///   flags are computed: the baseline does strictly less work.
fn baseline_regex() -> Regex {
    let token = r"(?i:(nnsxs|mfrwg|ojswm|mf2xi|onzw4))(?:\.|%2[eE])([0-9A-Za-z]+)(?:(?:[-_.]|%2[eE])[0-9A-Za-z]+)*";
    let bare_secret = r"\b[A-Z2-7]{51}[AQ]\b";
    Regex::new(&format!("(?-u){token}|{bare_secret}")).expect("the baseline regex compiles")
}

/// The regex baseline: every match replaced as `redact_text` would replace it; returns
/// the text and the number of matches.
fn redact_with_regex(regex: &Regex, text: &[u8]) -> (Vec<u8>, usize) {
    let mut n_matches = 0;
    let redacted = regex.replace_all(text, |caps: &Captures<'_>| {
        n_matches += 1;
        let Some(prefix) = caps.get(1) else {
            return SECRET_MASK.to_owned();
        };
        let kind = TokenKind::from_prefix(&prefix.as_bytes().to_ascii_uppercase())
            .unwrap_or(TokenKind::ApiKey);
        let key_id = caps
            .get(2)
            .map(|id| id.as_bytes())
            .filter(|id| is_key_id(id))
            .and_then(|id| std::str::from_utf8(id).ok());
        Redacted::new(kind, key_id).to_string()
    });
    (redacted.into_owned(), n_matches)
}

/// Prints (and, when `TTS_KEYCHECK_BENCH_STATS` names a file, writes as JSON) what was
/// planted in the corpus, what each side found, and how many planted secrets each side
/// leaves at least 8 characters of in its output: so the speed ratio is read next to
/// how much of the job the regex does.
fn report_coverage(corpus: &corpus::Corpus, regex: &Regex) {
    let ours = redact_text(&corpus.text);
    let (theirs, n_regex_matches) = redact_with_regex(regex, corpus.text.as_bytes());
    let windows: HashSet<&[u8]> = corpus
        .secrets
        .iter()
        .flat_map(|secret| secret.as_bytes().windows(8))
        .collect();
    let n_left_by_ours = secrets_left(&corpus.secrets, &windows, ours.text.as_bytes());
    let n_left_by_regex = secrets_left(&corpus.secrets, &windows, &theirs);
    let stats = format!(
        "{{\"bytes\": {}, \"planted\": {}, \"secrets\": {}, \"redact_text_findings\": {}, \"regex_matches\": {}, \"secrets_left_by_redact_text\": {n_left_by_ours}, \"secrets_left_by_regex\": {n_left_by_regex}}}",
        corpus.text.len(),
        corpus.n_planted,
        corpus.secrets.len(),
        ours.findings.len(),
        n_regex_matches,
    );
    eprintln!("corpus: {stats}");
    if let Some(path) = std::env::var_os(STATS_ENV) {
        if let Err(err) = std::fs::write(&path, stats + "\n") {
            eprintln!("could not write {}: {err}", path.to_string_lossy());
        }
    }
}

/// How many of `secrets` still have an 8-character window (from `windows`, all their
/// windows) somewhere in `text`.
fn secrets_left(secrets: &[String], windows: &HashSet<&[u8]>, text: &[u8]) -> usize {
    let mut seen: HashSet<&[u8]> = HashSet::new();
    let mut n_alphanumeric = 0;
    for (end, byte) in text.iter().enumerate() {
        n_alphanumeric = if byte.is_ascii_alphanumeric() {
            n_alphanumeric + 1
        } else {
            0
        };
        if n_alphanumeric >= 8 {
            let window = &text[end + 1 - 8..=end];
            if windows.contains(window) {
                seen.insert(window);
            }
        }
    }
    secrets
        .iter()
        .filter(|secret| {
            secret
                .as_bytes()
                .windows(8)
                .any(|window| seen.contains(window))
        })
        .count()
}

/// Writes a file for `cargo xtask bench`, or says why it could not.
fn write_or_say(path: std::path::PathBuf, contents: &[u8]) {
    if let Err(err) = std::fs::write(&path, contents) {
        eprintln!("could not write {}: {err}", path.display());
    }
}
