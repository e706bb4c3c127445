//! Property tests of `redact_text`, 10 000 cases each (fixed seeds in `cargo xtask
//! test`):
//!
//! - no input panics;
//! - keys planted in text with any mix of the damage a text keeps recognisable
//!   (`test_support::damage`, scope `Text`: every operator, within the limits `redact`'s
//!   module docs give) never leave 8 characters of their secret behind, case and
//!   whitespace ignored, and whole ones are reported with their Key ID, as `valid` when
//!   untouched and `repairable` otherwise;
//! - ordinary text, placeholders included, comes back unchanged;
//! - redaction is idempotent; findings are ordered, in-bounds UTF-16 spans that split no
//!   character, a `valid` one parses as an `ApiKey`, and everything outside them is kept
//!   as it was.

use proptest::prelude::*;
use test_support::keys::K1;
use test_support::oracle::leaks;
use test_support::rng::Rng;
use test_support::ticket::{ordinary, ticket};
use tts_keycheck::redact::FindingKind;
use tts_keycheck::{redact_text, ApiKey, Redaction, TokenKind, SECRET_MASK};

/// Fragments glued together with nothing between, to reach every corner of the scanner.
const SOUP: &[&str] = &[
    "NNSXS",
    ".",
    "nnsxs.",
    "MFRWG.",
    "ONZW4.",
    "mf2xi",
    "NN=\nSXS",
    "%2E",
    "%2e",
    "%252E",
    "\\u002E",
    "\\x2e",
    "&#46;",
    "&shy;",
    "%20",
    "%",
    "=",
    "\n",
    "\r",
    "=\n",
    "\n> ",
    "\n| ",
    ">",
    " ",
    "-",
    "-\n",
    "_",
    ",",
    "[REDACTED]",
    "[REDACTED",
    "\\n",
    "A",
    "Q",
    "z",
    "9",
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
    "7777",
    K1,
];

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
    #![proptest_config(test_support::props::config())]

    #[test]
    fn no_input_panics(text in any_text()) {
        let _ = redact_text(&text);
    }

    #[test]
    fn planted_keys_are_hidden_and_found(seed in any::<u64>()) {
        let ticket = ticket(&mut Rng::new(seed), 12);
        let redaction = redact_text(&ticket.text);
        for damaged in &ticket.planted {
            prop_assert!(
                !leaks(&redaction.text, damaged.secret()),
                "8 characters of a secret left in {:?}\nfrom {:?}\ndamage {:?}",
                redaction.text, ticket.text, damaged.ops
            );
            if damaged.is_whole() {
                let exact = damaged.is_exact();
                let found = redaction.findings.iter().any(|finding| {
                    finding.kind == FindingKind::Token(TokenKind::ApiKey)
                        && finding.key_id.as_deref() == Some(damaged.id())
                        && finding.valid == exact
                        && finding.repairable != exact
                });
                prop_assert!(found, "key {} not reported as whole in {:?}\ndamage {:?}\nfindings {:?}", damaged.id(), ticket.text, damaged.ops, redaction.findings);
            }
        }
        check_spans(&ticket.text, &redaction)?;
        check_idempotent(&redaction)?;
    }

    #[test]
    fn ordinary_text_is_left_alone(seed in any::<u64>()) {
        let text = ordinary(&mut Rng::new(seed), 30);
        let redaction = redact_text(&text);
        prop_assert_eq!(&redaction.text, &text);
        prop_assert!(redaction.findings.is_empty(), "found {:?} in {:?}", redaction.findings, text);
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

/// The findings are in-bounds, ordered, non-overlapping UTF-16 spans; a token's span
/// holds its prefix's letters (maybe with inserted characters between them) first, a
/// bare secret's span is letters and inserted characters only; and the output is the
/// input with each span replaced by its redacted form.
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
        // The span's letters, without those of the HTML entities a paste inserts.
        let letters: String = span
            .replace("&shy;", "")
            .replace("&nbsp;", "")
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        match finding.kind {
            FindingKind::Token(kind) => {
                // The prefix's letters start the span, or follow letters glued on in front
                // (which go too when they and the prefix make 8 letters of one case).
                let upper = letters.to_ascii_uppercase();
                prop_assert!(
                    upper
                        .match_indices(kind.prefix())
                        .any(|(at, _)| at == 0 || at >= 3),
                    "span {:?}",
                    span
                );
                if finding.valid {
                    // A valid token is exactly a key from its prefix on.
                    let key = span
                        .get(span.len().saturating_sub(98)..)
                        .unwrap_or_default();
                    prop_assert!(ApiKey::parse(key).is_ok(), "valid span {:?}", span);
                }
                prop_assert!(!(finding.valid && finding.repairable));
                if finding.repairable {
                    prop_assert!(
                        finding.key_id.is_some(),
                        "repairable without a Key ID: {:?}",
                        span
                    );
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
                    span.starts_with(|c: char| c.is_ascii_alphanumeric())
                        && span.ends_with(|c: char| c.is_ascii_alphanumeric()),
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
