//! `StreamRedactor` against `redact_text`: a text fed in chunks of any size comes back
//! exactly as in one piece (the same bytes, the same findings with the same UTF-16
//! offsets, and byte spans that point at the same text), for every chunk size over the
//! property tests' tickets and token soup, with chunk borders inside prefixes, UTF-8
//! characters, `\r\n`, escapes and soft breaks; with the scan's bounds as small as the
//! module docs work out, so the cut and carry are exercised on short texts; with memory
//! bounded by the chunk; and HAR files that stay valid JSON.

use proptest::prelude::*;
use test_support::corpus;
use test_support::har;
use test_support::keys::K1;
use test_support::oracle::leaks;
use test_support::rng::Rng;
use test_support::ticket::{ordinary, ticket};
use tts_keycheck::redact_text;
use tts_keycheck::stream::{FileFinding, StreamRedactor, LOOKAHEAD, LOOKBACK, MAX_CARRY};

/// The bounds the module docs work out (under 260 bytes forward, 330 back), with room
/// for the few inserted characters a ticket reads through in one look.
const TIGHT: (usize, usize) = (320, 400);

/// `bytes` fed in chunks of `size` with the given bounds: the output and findings.
fn chunked(bytes: &[u8], size: usize, bounds: (usize, usize)) -> (Vec<u8>, Vec<FileFinding>) {
    let mut redactor = StreamRedactor::with_bounds(bounds.0, bounds.1);
    let mut output = Vec::new();
    let mut findings = Vec::new();
    for chunk in bytes.chunks(size.max(1)) {
        let piece = redactor.feed(chunk);
        output.extend_from_slice(&piece.output);
        findings.extend(piece.findings);
    }
    let piece = redactor.finish();
    output.extend_from_slice(&piece.output);
    findings.extend(piece.findings);
    (output, findings)
}

/// Checks that `text` in chunks of `size` redacts as in one piece.
fn same_as_whole(text: &str, size: usize, bounds: (usize, usize)) -> Result<(), String> {
    let whole = redact_text(text);
    let (output, findings) = chunked(text.as_bytes(), size, bounds);
    if output != whole.text.as_bytes() {
        return Err(format!(
            "chunks of {size}: output differs\nwhole:   {:?}\nchunked: {:?}\ntext:    {text:?}",
            whole.text,
            String::from_utf8_lossy(&output)
        ));
    }
    let found: Vec<_> = findings.iter().map(|f| f.finding.clone()).collect();
    if found != whole.findings {
        return Err(format!(
            "chunks of {size}: findings differ\nwhole:   {:?}\nchunked: {found:?}\ntext:    {text:?}",
            whole.findings
        ));
    }
    for f in &findings {
        let before = text
            .get(..f.bytes.start)
            .ok_or("a byte span splits a character")?;
        let span = text
            .get(f.bytes.start..f.bytes.end)
            .ok_or("a byte span splits a character")?;
        let start = before.encode_utf16().count();
        if (start, start + span.encode_utf16().count()) != (f.finding.start, f.finding.end) {
            return Err(format!("byte span {:?} is not {f:?}", f.bytes));
        }
    }
    Ok(())
}

/// Every chunk size from 1 to the text's length (and one past it).
fn every_size(text: &str, bounds: (usize, usize)) -> Result<(), String> {
    (1..=text.len() + 1).try_for_each(|size| same_as_whole(text, size, bounds))
}

/// Fragments glued together with nothing between (as in `tests/redact_props.rs`).
const SOUP: &[&str] = &[
    "NNSXS",
    ".",
    "nnsxs.",
    "MFRWG.",
    "mf2xi",
    "NN=\nSXS",
    "NN=\r\nSXS",
    "%2E",
    "%252E",
    "\\u002E",
    "\\x2e",
    "&#46;",
    "&shy;",
    "&nbsp;",
    "=\n",
    "=\r\n",
    "\r\n",
    "\n> ",
    "\\r\\n",
    "\\n",
    " ",
    "-\n",
    "_",
    ",",
    "[REDACTED]",
    "é",
    "😀",
    "\u{200b}",
    "\u{a0}",
    "\u{ad}",
    "U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY",
    "SHIF3PP5PBMJNZESN5XLR5TZJTJUIGKVUTM2I22IVBUVCD6VIQIA",
    "SHIF3PP5PB",
    "MJNZESN5XLR5TZJTJUIGKVUTM2I22IVBUVCD6VIQIA",
    "ABCDEFGH",
    K1,
];

/// Texts whose chunk borders fall inside what the scan reads through, one line each.
#[test]
fn borders_inside_what_the_scan_reads_through() {
    let id = "U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY";
    let secret = "SHIF3PP5PBMJNZESN5XLR5TZJTJUIGKVUTM2I22IVBUVCD6VIQIA";
    let cases = [
        // A prefix, whole and split by a soft break and an invisible character.
        format!("key: {K1} thanks"),
        format!("key: NN=\r\nSXS.{id}.{secret}\r\n"),
        format!("key: NNS\u{200b}XS.{id}.{secret}"),
        // Multi-byte characters around and inside a key.
        format!("clé « {K1} » 😀😀 ü"),
        format!("NNSXS\u{ff0e}{id}\u{ff0e}{secret}"),
        // Escaped dots and line breaks in JSON, and a CRLF wrap.
        format!("{{\"key\":\"NNSXS%2E{id}%252E{secret}\"}}"),
        format!(
            "\"NNSXS\\u002E{id}\\u002E{}\\r\\n{}\"",
            &secret[..20],
            &secret[20..]
        ),
        format!("NNSXS.{id}.{}\r\n> {}\r\n", &secret[..30], &secret[30..]),
        // A quoted-printable mail with a soft break in the secret, and a bare secret.
        format!(
            "Key=3D NNSXS=2E{id}=2E{}=\r\n{}\r\n",
            &secret[..40],
            &secret[40..]
        ),
        format!("TTS_API_KEY=\n{secret}\n"),
        format!("secret {}\n  {} end", &secret[..26], &secret[26..]),
        // Lower case, already redacted, and a placeholder.
        format!(
            "{} and NNSXS.{id}.[REDACTED] and NNSXS.XXXX.YYYY",
            K1.to_lowercase()
        ),
    ];
    for text in &cases {
        for bounds in [TIGHT, (LOOKAHEAD, LOOKBACK)] {
            if let Err(err) = every_size(text, bounds) {
                panic!("{err}");
            }
        }
    }
}

/// Bytes that are not UTF-8 pass through unchanged, a key among them still goes.
#[test]
fn bytes_that_are_not_utf8_pass_through() {
    let mut text = b"\xff\xfe log \xc3 ".to_vec();
    text.extend_from_slice(K1.as_bytes());
    text.extend_from_slice(b" \x80\xe2\x82 end");
    let mut expected = b"\xff\xfe log \xc3 ".to_vec();
    expected.extend_from_slice(redact_text(K1).text.as_bytes());
    expected.extend_from_slice(b" \x80\xe2\x82 end");
    for size in 1..=text.len() {
        let (output, findings) = chunked(&text, size, TIGHT);
        assert_eq!(output, expected, "chunks of {size}");
        assert_eq!(findings.len(), 1);
        assert_eq!((findings[0].bytes.start, findings[0].bytes.end), (9, 107));
    }
}

/// A long text with the real bounds and the chunk sizes a file is read in: the same as
/// one piece, and the memory held never more than a chunk and the carried tail.
#[test]
fn a_long_text_in_file_sized_chunks() {
    let text = corpus::generate(1 << 20, 7).text;
    let whole = redact_text(&text);
    for size in [4096, 65_536 + 7, 1 << 20] {
        let mut redactor = StreamRedactor::new();
        let mut output = Vec::new();
        let mut n_found = 0;
        for chunk in text.as_bytes().chunks(size) {
            let piece = redactor.feed(chunk);
            output.extend_from_slice(&piece.output);
            n_found += piece.findings.len();
            // The carried tail, and what an event held back at the limit read (a token
            // body through its wraps, a run of letters): a few kilobytes at most.
            assert!(
                redactor.pending_len() <= 4 * (LOOKAHEAD + LOOKBACK),
                "holds {} bytes after chunks of {size}",
                redactor.pending_len()
            );
        }
        let piece = redactor.finish();
        output.extend_from_slice(&piece.output);
        n_found += piece.findings.len();
        assert!(output == whole.text.as_bytes(), "chunks of {size}");
        assert_eq!(n_found, whole.findings.len());
    }
}

/// A token body longer than the carry is cut, so memory stays bounded, and nothing of
/// it is left: what comes after the cut is letters only, no secret.
#[test]
fn a_body_longer_than_the_carry_is_cut() {
    let text = format!("NNSXS.{} end", "A".repeat(3 * MAX_CARRY));
    let mut redactor = StreamRedactor::new();
    let mut most = 0;
    let mut output = Vec::new();
    for chunk in text.as_bytes().chunks(1 << 16) {
        output.extend(redactor.feed(chunk).output);
        most = most.max(redactor.pending_len());
    }
    output.extend(redactor.finish().output);
    assert!(
        most <= MAX_CARRY + LOOKAHEAD + LOOKBACK + (1 << 16),
        "held {most}"
    );
    assert!(output.starts_with(b"NNSXS.[REDACTED]"));
    assert!(output.ends_with(b" end"));
}

/// A HAR capture with tokens in headers, query strings, cookies and bodies: every one
/// goes, the result is still valid JSON, and it is the same in chunks.
#[test]
fn har_files_stay_valid_json() {
    for seed in 0..20 {
        let har = har::generate(&mut Rng::new(seed), 40);
        let redacted = redact_text(&har.text);
        for secret in &har.secrets {
            assert!(
                !leaks(&redacted.text, secret),
                "a secret left in the HAR of seed {seed}"
            );
        }
        let parsed: Result<serde_json::Value, _> = serde_json::from_str(&redacted.text);
        assert!(parsed.is_ok(), "seed {seed}: not JSON: {:?}", parsed.err());
        assert!(serde_json::from_str::<serde_json::Value>(&har.text).is_ok());
        assert_eq!(redacted.findings.len(), har.secrets.len(), "seed {seed}");
        for size in [97, 4096] {
            same_as_whole(&har.text, size, TIGHT).unwrap_or_else(|err| panic!("{err}"));
        }
    }
}

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(SOUP), 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    // Every chunk size of a text costs as many runs as the text has bytes: fewer cases
    // than the 10 000 of the one-piece properties, each far more thorough.
    #![proptest_config(proptest::test_runner::Config {
        cases: test_support::props::config().cases / 20,
        ..test_support::props::config()
    })]

    #[test]
    fn tickets_in_every_chunk_size(seed in any::<u64>()) {
        let ticket = ticket(&mut Rng::new(seed), 12);
        prop_assert!(every_size(&ticket.text, TIGHT).is_ok(), "{}", every_size(&ticket.text, TIGHT).unwrap_err());
    }

    #[test]
    fn ordinary_text_in_every_chunk_size(seed in any::<u64>()) {
        let text = ordinary(&mut Rng::new(seed), 30);
        prop_assert!(every_size(&text, TIGHT).is_ok(), "{}", every_size(&text, TIGHT).unwrap_err());
    }

    #[test]
    fn soup_in_every_chunk_size(text in soup()) {
        prop_assert!(every_size(&text, TIGHT).is_ok(), "{}", every_size(&text, TIGHT).unwrap_err());
    }
}
