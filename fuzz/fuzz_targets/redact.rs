//! Fuzz target `redact`: any text, or a ticket with damaged keys planted in it
//! (`test_support::ticket`, from a seed the fuzzer picks). Oracles: no panic; no 8
//! consecutive characters of a planted secret survive (ignoring case and whitespace);
//! redaction is idempotent; findings are in-bounds, ordered, non-overlapping UTF-16 spans
//! that do not split a character.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use test_support::oracle::leaks;
use test_support::rng::Rng;
use test_support::ticket::ticket;
use tts_keycheck::redact_text;

#[derive(Debug, Arbitrary)]
enum Input {
    Raw(String),
    Planted(u64),
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
        Input::Planted(seed) => {
            let ticket = ticket(&mut Rng::new(seed), 16);
            check_findings(&ticket.text);
            let output = redact_text(&ticket.text).text;
            for damaged in &ticket.planted {
                assert!(
                    !leaks(&output, damaged.secret()),
                    "secret left in {output:?} (damage {:?})",
                    damaged.ops
                );
            }
        }
    }
});
