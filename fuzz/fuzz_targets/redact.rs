//! Fuzz target `redact`: any text, or text with generated keys planted between
//! separators (whole, lower-cased, or wrapped inside the secret). Oracles: no panic;
//! no 8 consecutive chars of a planted secret survive (ignoring case); redaction is
//! idempotent; findings are in-bounds, ordered, non-overlapping UTF-16 spans that do
//! not split a character.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use tts_keycheck::redact_text;
use tts_keycheck_fuzz::seeded_key;

/// What may stand before and after a planted key without becoming part of it.
const SEPARATORS: &[&str] = &[" ", " ", ", ", "\"", ") ", ": ", "\t"];
/// Line breaks that may wrap a secret (as in `tests/redact_props.rs`).
const BREAKS: &[&str] = &[
    "\n", "\n> ", "\n>> ", "\r\n", "\r\n> ", "=\n", "=\r\n", " \n",
];

#[derive(Debug, Arbitrary)]
enum Item {
    Text(String),
    Key {
        seed: u64,
        lower: bool,
        wrap: Option<(u8, u8)>,
        before: u8,
        after: u8,
    },
}

#[derive(Debug, Arbitrary)]
enum Input {
    Raw(String),
    Planted(Vec<Item>),
}

fn check_findings(text: &str) {
    let redaction = redact_text(text);
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut previous_end = 0;
    for f in &redaction.findings {
        assert!(
            previous_end <= f.start && f.start < f.end && f.end <= units.len(),
            "{f:?} after {previous_end} in {text:?}"
        );
        assert!(
            String::from_utf16(&units[f.start..f.end]).is_ok(),
            "{f:?} splits a char in {text:?}"
        );
        assert!(
            String::from_utf16(&units[previous_end..f.start]).is_ok(),
            "{f:?} splits a char in {text:?}"
        );
        previous_end = f.end;
    }
    let again = redact_text(&redaction.text);
    assert_eq!(again.text, redaction.text, "not idempotent on {text:?}");
}

fuzz_target!(|input: Input| {
    match input {
        Input::Raw(text) => check_findings(&text),
        Input::Planted(items) => {
            let mut text = String::new();
            let mut plain = String::new();
            let mut secrets = Vec::new();
            for item in items.iter().take(16) {
                match item {
                    Item::Text(t) => {
                        text.push_str(t);
                        plain.push_str(t);
                    }
                    Item::Key {
                        seed,
                        lower,
                        wrap,
                        before,
                        after,
                    } => {
                        let key = seeded_key(*seed);
                        plain.push('\u{0}');
                        let mut shown = if *lower {
                            key.to_ascii_lowercase()
                        } else {
                            key.clone()
                        };
                        secrets.push(shown[46..].to_ascii_lowercase());
                        if let Some((at, which)) = wrap {
                            let at = 46 + 1 + usize::from(*at) % 51;
                            shown.insert_str(at, BREAKS[usize::from(*which) % BREAKS.len()]);
                        }
                        text.push_str(SEPARATORS[usize::from(*before) % SEPARATORS.len()]);
                        text.push_str(&shown);
                        text.push_str(SEPARATORS[usize::from(*after) % SEPARATORS.len()]);
                    }
                }
            }
            check_findings(&text);
            let output = redact_text(&text).text.to_ascii_lowercase();
            let plain = plain.to_ascii_lowercase();
            for secret in &secrets {
                for i in 0..=secret.len() - 8 {
                    let window = &secret[i..i + 8];
                    // A window the fuzzer wrote itself, in plain text, is not a leak.
                    assert!(
                        !output.contains(window) || plain.contains(window),
                        "secret window {window:?} left in {:?}",
                        output
                    );
                }
            }
        }
    }
});
