//! Property tests of `redact_text`: no input panics; keys planted in realistic text
//! (lower-cased, truncated, wrapped, glued on) never leave 8 characters of their secret
//! behind and are reported with their Key ID (and as `valid` when left intact);
//! redaction is idempotent; findings are ordered, in-bounds UTF-16 spans, a `valid` one
//! parses as an `ApiKey`, and everything outside them is kept as it was.

use std::collections::HashSet;

use proptest::prelude::*;
use tts_keycheck::redact::FindingKind;
use tts_keycheck::{redact_text, ApiKey, Redaction, TokenKind, SECRET_MASK};

/// The public example key from the docs; its pieces seed the token soup.
const K1: &str = "NNSXS.U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY.SHIF3PP5PBMJNZESN5XLR5TZJTJUIGKVUTM2I22IVBUVCD6VIQIA";

/// Pieces of ordinary tickets, mails, logs and config files.
const WORDS: &[&str] = &[
    "Hi",
    "Hello",
    "team,",
    "my",
    "API",
    "key",
    "is",
    "not",
    "working",
    "please",
    "help",
    "Thanks!",
    "Regards,",
    "Bob",
    "I",
    "think",
    "it",
    "was",
    "cut",
    "OK",
    "THANKS",
    "IMPORTANT",
    "Authorization: Bearer",
    "curl -H \"Authorization: Bearer",
    "\"api_key\": \"",
    "api_key:",
    "TTS_API_KEY=",
    "https://eu1.cloud.thethings.network/api/v3/auth_info?key=",
    "Bearer%20",
    "2024-05-01T12:00:00.123Z",
    "ERROR",
    "level=warn",
    "msg=\"auth failed\"",
    "NNSXS",
    "NNSXS.",
    "nnsxs",
    "MFRWG.",
    "ONZW4",
    "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "0f8fad5b-d9cb-469f-a165-70867728950e",
    "dGhlIHF1aWNrIGJyb3duIGZveA==",
    "Grüße",
    "😀",
    "é",
    "日本語",
    "[REDACTED]",
    "NNSXS.[REDACTED]",
    "=3D",
    "%2E",
    "...",
    "-",
    "—",
    "\t",
    "eu1.cloud.thethings.network",
    "v3.32.1",
    "70B3D57ED005A1B2",
];

/// What may separate two items.
const SEPARATORS: &[&str] = &[
    " ", " ", " ", "\n", "\n> ", "\r\n", ", ", ". ", "\"", "&", ")", "\n\n", "=\n", "",
];

/// What may follow a key without becoming part of it.
const KEY_SEPARATORS: &[&str] = &[
    " ", " ", "\n", "\n> ", "\r\n", ", ", ". ", "\"", "&", ")", "\n\n",
];

/// Line breaks that may wrap a secret: hard ones (with quote markers or a trailing
/// space) and quoted-printable soft ones.
const BREAKS: &[&str] = &[
    "\n", "\n> ", "\n>> ", "\r\n", "\r\n> ", "=\n", "=\r\n", " \n",
];

/// Fragments glued together with nothing between, to reach every corner of the scanner.
const SOUP: &[&str] = &[
    "NNSXS",
    ".",
    "nnsxs.",
    "MFRWG.",
    "ONZW4.",
    "mf2xi",
    "%2E",
    "%2e",
    "%20",
    "%",
    "=",
    "\n",
    "\r",
    "=\n",
    "\n> ",
    ">",
    " ",
    "-",
    "_",
    "[REDACTED]",
    "[REDACTED",
    "\\n",
    "A",
    "Q",
    "z",
    "9",
    "é",
    "😀",
    "U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY",
    "SHIF3PP5PBMJNZESN5XLR5TZJTJUIGKVUTM2I22IVBUVCD6VIQIA",
    "SHIF3PP5PB",
    "MJNZESN5XLR5TZJTJUIGKVUTM2I22IVBUVCD6VIQIA",
    "ABCDEFGH",
    "7777",
    K1,
];

#[derive(Debug, Clone)]
struct Planting {
    seed: u64,
    lower: bool,
    truncate_to: Option<usize>,
    /// Position of the break inside the secret, and which break.
    wrap: Option<(usize, usize)>,
    glue_before: String,
    glue_after: String,
}

#[derive(Debug, Clone)]
enum Item {
    Word(&'static str),
    Key(Planting),
    /// A secret alone (from a seed), behind an optional escape.
    Secret(u64, usize),
}

/// What may be glued in front of a bare secret and still bound it.
const ESCAPES: &[&str] = &["", "%20", "=3D", "\\n"];

/// A key as planted: what of its secret the text holds, and what must be reported.
struct Planted {
    id: String,
    shown_secret: String,
    expect_id: bool,
    expect_valid: bool,
}

fn planting() -> impl Strategy<Value = Planting> {
    let glue = "[a-zA-Z0-9]{1,4}";
    (
        any::<u64>(),
        prop::bool::weighted(0.2),
        prop::option::weighted(0.25, 1usize..98),
        prop::option::weighted(0.35, (1usize..52, 0..BREAKS.len())),
        prop::option::weighted(0.25, glue),
        prop::option::weighted(0.25, glue),
    )
        .prop_map(|(seed, lower, truncate_to, wrap, before, after)| Planting {
            seed,
            lower,
            truncate_to,
            wrap,
            glue_before: before.unwrap_or_default(),
            glue_after: after.unwrap_or_default(),
        })
}

fn items() -> impl Strategy<Value = Vec<(Item, usize)>> {
    let item = prop_oneof![
        3 => prop::sample::select(WORDS).prop_map(Item::Word),
        1 => planting().prop_map(Item::Key),
        1 => (any::<u64>(), 0..ESCAPES.len()).prop_map(|(seed, escape)| Item::Secret(seed, escape)),
    ];
    prop::collection::vec((item, any::<usize>()), 1..40)
}

fn build(items: &[(Item, usize)]) -> (String, Vec<Planted>) {
    let mut text = String::new();
    let mut planted = Vec::new();
    let mut after_key = false;
    for (item, separator) in items {
        // A bare secret needs a boundary in front, and nothing may glue onto a key.
        let bounded = after_key || matches!(item, Item::Secret(..));
        let separators = if bounded { KEY_SEPARATORS } else { SEPARATORS };
        text.push_str(separators[separator % separators.len()]);
        after_key = !matches!(item, Item::Word(_));
        match item {
            Item::Word(word) => text.push_str(word),
            Item::Secret(seed, escape) => {
                let key = generated_key(*seed);
                text.push_str(ESCAPES[*escape]);
                text.push_str(&key[46..]);
                planted.push(Planted {
                    id: String::new(),
                    shown_secret: key[46..].to_owned(),
                    expect_id: false,
                    expect_valid: false,
                });
            }
            Item::Key(planting) => {
                let key = generated_key(planting.seed);
                let mut shown = if planting.lower {
                    key.to_lowercase()
                } else {
                    key.clone()
                };
                let len = planting.truncate_to.unwrap_or(key.len());
                shown.truncate(len);
                let shown_secret = shown.get(46..).unwrap_or_default().to_owned();
                let mut wrapped = false;
                if let Some((at, which)) = planting.wrap {
                    if 46 + at < shown.len() {
                        shown.insert_str(46 + at, BREAKS[which]);
                        wrapped = true;
                    }
                }
                text.push_str(&planting.glue_before);
                text.push_str(&shown);
                text.push_str(&planting.glue_after);
                planted.push(Planted {
                    id: key[6..45].to_owned(),
                    shown_secret,
                    expect_id: !planting.lower && len >= 46,
                    expect_valid: !planting.lower
                        && planting.truncate_to.is_none()
                        && !wrapped
                        && planting.glue_after.is_empty(),
                });
            }
        }
    }
    (text, planted)
}

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(SOUP), 0..60).prop_map(|parts| parts.concat())
}

/// Arbitrary unicode, arbitrary bytes made valid, and token soup.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(any::<u8>(), 0..300)
            .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
        soup(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn no_input_panics(text in any_text()) {
        let _ = redact_text(&text);
    }

    #[test]
    fn planted_keys_are_hidden_and_found(items in items()) {
        let (text, planted) = build(&items);
        let redaction = redact_text(&text);
        let output = redaction.text.to_ascii_lowercase();
        for key in &planted {
            let windows: HashSet<&[u8]> = key.shown_secret.as_bytes().windows(8).collect();
            let windows: HashSet<Vec<u8>> = windows.into_iter().map(<[u8]>::to_ascii_lowercase).collect();
            let leaked = output.as_bytes().windows(8).any(|window| windows.contains(window));
            prop_assert!(!leaked, "8+ characters of a secret left in {:?}", redaction.text);
            let found = redaction.findings.iter().any(|finding| {
                finding.kind == FindingKind::Token(TokenKind::ApiKey)
                    && finding.key_id.as_deref() == Some(key.id.as_str())
                    && (finding.valid || !key.expect_valid)
            });
            prop_assert!(found || !key.expect_id, "key {} not reported in {:?}", key.id, text);
        }
        check_spans(&text, &redaction)?;
        check_idempotent(&redaction)?;
    }

    #[test]
    fn redaction_is_idempotent(text in any_text()) {
        check_idempotent(&redact_text(&text))?;
    }

    #[test]
    fn spans_are_ordered_and_keep_the_rest(text in any_text()) {
        check_spans(&text, &redact_text(&text))?;
    }
}

/// Redacting the output again changes nothing and finds nothing.
fn check_idempotent(redaction: &Redaction) -> Result<(), TestCaseError> {
    let again = redact_text(&redaction.text);
    prop_assert_eq!(&again.text, &redaction.text);
    prop_assert!(
        again.findings.is_empty(),
        "found again: {:?}",
        again.findings
    );
    Ok(())
}

/// The findings are in-bounds, ordered, non-overlapping UTF-16 spans, each starting with
/// its prefix (or being a bare secret), and the output is the input with each span
/// replaced by its redacted form.
fn check_spans(text: &str, redaction: &Redaction) -> Result<(), TestCaseError> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut expected = String::new();
    let mut previous_end = 0;
    for finding in &redaction.findings {
        prop_assert!(previous_end <= finding.start && finding.start < finding.end);
        prop_assert!(finding.end <= units.len());
        let before = String::from_utf16(&units[previous_end..finding.start]);
        let span = String::from_utf16(&units[finding.start..finding.end]);
        prop_assert!(before.is_ok() && span.is_ok(), "a span splits a character");
        expected.push_str(&before.unwrap_or_default());
        let span = span.unwrap_or_default();
        match finding.kind {
            FindingKind::Token(kind) => {
                let prefix = span.get(..5).unwrap_or_default();
                prop_assert!(
                    prefix.eq_ignore_ascii_case(kind.prefix()),
                    "span {:?}",
                    span
                );
                if finding.valid {
                    prop_assert!(ApiKey::parse(&span).is_ok(), "valid span {:?}", span);
                }
                expected.push_str(kind.prefix());
                if let Some(key_id) = &finding.key_id {
                    expected.push('.');
                    expected.push_str(key_id);
                }
                expected.push('.');
            }
            FindingKind::BareSecret => {
                prop_assert!(
                    tts_keycheck::key::is_secret(span.as_bytes()),
                    "span {:?}",
                    span
                );
                prop_assert!(finding.key_id.is_none() && !finding.valid);
            }
            _ => prop_assert!(false, "unexpected kind {:?}", finding.kind),
        }
        expected.push_str(SECRET_MASK);
        previous_end = finding.end;
    }
    expected.push_str(&String::from_utf16_lossy(&units[previous_end..]));
    prop_assert_eq!(&redaction.text, &expected);
    Ok(())
}

/// A well-formed API key made from `seed` (splitmix64).
fn generated_key(seed: u64) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut part = |len: usize, last: &[u8]| -> String {
        let mut text: String = (0..len - 1)
            .map(|_| char::from(ALPHABET[(next() % 32) as usize]))
            .collect();
        text.push(char::from(last[(next() % last.len() as u64) as usize]));
        text
    };
    let id = part(39, b"AIQY");
    let secret = part(52, b"AQ");
    format!("NNSXS.{id}.{secret}")
}
