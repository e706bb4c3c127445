//! Fuzz target `repair`: a generated key with repairable paste damage, any paste damage,
//! or raw text (keys and damage from `test_support::damage`, drawn from a seed the fuzzer
//! picks). Oracles: a repair never adds characters (its char count is at most the
//! input's, and each of its chars matches, in order, an input char that is the same up
//! to case or a documented look-alike); a key with repairable damage is repaired to
//! exactly the original key, with its Key ID; under any damage, nothing `check` shows
//! (Key ID, redacted form, messages, `Debug`, the anatomy) holds 8 characters of the
//! secret.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use test_support::damage::{Damaged, Scope};
use test_support::oracle::{is_folded_subsequence, leaks};
use test_support::rng::Rng;
use tts_keycheck::anatomy::anatomy;
use tts_keycheck::check;

#[derive(Debug, Arbitrary)]
enum Input {
    Repairable(u64),
    Pasted(u64),
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

fn never_shows(damaged: &Damaged) {
    let pasted = damaged.text();
    let report = check(&pasted);
    let mut shown = format!("{report:?}{}", report.redacted);
    for problem in &report.problems {
        shown.push_str(problem.kind().message());
    }
    for section in anatomy(&pasted, &report).sections {
        shown.extend(section.glyphs.iter().map(|glyph| glyph.shape.symbol()));
    }
    assert!(
        !leaks(&shown, damaged.secret()),
        "check shows the secret of {pasted:?} ({:?})",
        damaged.ops
    );
}

fuzz_target!(|input: Input| {
    match input {
        Input::Raw(text) => never_adds(&text),
        Input::Pasted(seed) => {
            let damaged = Damaged::generate(&mut Rng::new(seed), Scope::Paste);
            never_adds(&damaged.text());
            never_shows(&damaged);
        }
        Input::Repairable(seed) => {
            let damaged = Damaged::generate(&mut Rng::new(seed), Scope::Repairable);
            let pasted = damaged.text();
            never_adds(&pasted);
            never_shows(&damaged);
            let report = check(&pasted);
            if pasted == damaged.key {
                assert!(report.valid);
            } else {
                let repaired = report.repaired.as_ref().map(|k| k.expose_secret());
                assert_eq!(
                    repaired,
                    Some(damaged.key.as_str()),
                    "pasted {pasted:?} ({:?})",
                    damaged.ops
                );
            }
            assert_eq!(report.key_id.as_deref(), Some(damaged.id()), "pasted {pasted:?}");
        }
    }
});
