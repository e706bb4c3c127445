//! Fuzz target `parse`: any bytes, read as UTF-8 (lossy), go through `ApiKey::parse`
//! and `check`. Oracles: no panic; `check(x).valid == ApiKey::parse(x).is_ok()`; every
//! problem and fix span lies within the input's UTF-16 length; neither `check`'s
//! `Debug` output nor its `redacted` form holds the secret of a key parsed from (or
//! repaired out of) the input.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tts_keycheck::{check, ApiKey};
use test_support::oracle::{holds_window, utf16_len};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let input = input.as_ref();
    let parsed = ApiKey::parse(input);
    let report = check(input);
    assert_eq!(report.valid, parsed.is_ok(), "verdicts differ on {input:?}");
    assert_eq!(report.valid, report.problems.is_empty());
    let len = utf16_len(input);
    for p in &report.problems {
        assert!(
            p.start() <= p.end() && p.end() <= len,
            "{p:?} outside 0..{len} in {input:?}"
        );
    }
    for f in &report.fixes {
        assert!(
            f.start() <= f.end() && f.end() <= len,
            "{f:?} outside 0..{len} in {input:?}"
        );
    }
    let debug = format!("{report:?}");
    let keys = parsed.iter().chain(report.repaired.iter());
    for key in keys {
        let whole = key.expose_secret();
        let (id, secret) = (&whole[6..45], &whole[46..]);
        // The id is shown on purpose; take it out so a secret that shares a run of
        // characters with its own id is not taken for a leak.
        let debug = debug.replace(id, "");
        let redacted = report.redacted.replace(id, "");
        assert!(
            !holds_window(&debug, secret, 20),
            "Debug holds the secret: {input:?}"
        );
        assert!(
            !holds_window(&redacted, secret, 20),
            "redacted holds the secret: {input:?}"
        );
        assert!(!format!("{key:?}{key}").contains(secret));
        if let Ok(p) = &parsed {
            assert_eq!(p.id(), id);
        }
    }
});
