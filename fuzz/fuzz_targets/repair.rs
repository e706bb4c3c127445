//! Fuzz target `repair`: a generated key with up to five kinds of paste damage (as in
//! `tests/check_props.rs`), or raw text. Oracles: a repair never adds characters (its
//! char count is at most the input's, and each of its chars matches, in order, an input
//! char that is the same up to case or a documented look-alike); a damaged generated
//! key is repaired to exactly the original key, with its Key ID.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use tts_keycheck::check;
use tts_keycheck_fuzz::{apply, is_folded_subsequence, Damage, GenKey};

#[derive(Debug, Arbitrary)]
enum Input {
    Damaged { key: GenKey, damages: Vec<Damage> },
    Raw(String),
}

fn never_adds(input: &str) {
    let report = check(input);
    if let Some(repaired) = &report.repaired {
        let repaired = repaired.expose_secret();
        assert!(
            repaired.chars().count() <= input.chars().count(),
            "repair grew {input:?}"
        );
        assert!(
            is_folded_subsequence(repaired, input),
            "repair invented a char in {input:?}"
        );
        assert!(
            !report.fixes.is_empty(),
            "repaired without a fix: {input:?}"
        );
    }
}

fuzz_target!(|input: Input| {
    match input {
        Input::Raw(text) => never_adds(&text),
        Input::Damaged { key, mut damages } => {
            damages.truncate(5);
            let key = key.text();
            let pasted = apply(&key, &damages);
            never_adds(&pasted);
            let report = check(&pasted);
            if pasted == key {
                assert!(report.valid);
            } else {
                let repaired = report.repaired.as_ref().map(|k| k.expose_secret());
                assert_eq!(
                    repaired,
                    Some(key.as_str()),
                    "pasted {pasted:?} ({damages:?})"
                );
            }
            assert_eq!(
                report.key_id.as_deref(),
                Some(&key[6..45]),
                "pasted {pasted:?}"
            );
        }
    }
});
