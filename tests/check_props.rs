//! Properties of `check` over generated input, 10 000 cases each (fixed seeds in
//! `cargo xtask test`; set `PROPTEST_RNG_SEED` or `PROPTEST_CASES` for other runs):
//!
//! - it never panics, its verdict agrees with `ApiKey::parse`, and spans stay inside the
//!   input;
//! - under any mix of repairable paste damage, the repair gives back exactly the key and
//!   never adds characters;
//! - under any mix of every damage operator (`test_support::damage`, scope `Paste`),
//!   nothing a user can see or copy holds 8 characters of the secret: the Key ID, the
//!   redacted form, every message, the `Debug` output, and the anatomy as drawn;
//! - the redacted form is a fixed point of `redact_text`, and shows what the masking
//!   rule shows.

use proptest::prelude::*;
use test_support::damage::{Damaged, Op, Scope};
use test_support::oracle::{is_folded_subsequence, leaks, utf16_len};
use test_support::rng::Rng;
use tts_keycheck::anatomy::anatomy;
use tts_keycheck::{check, redact_text, ApiKey, Check};

/// Text built from the characters pastes are made of, including look-alikes and dots.
fn keyish() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> =
        "ABCNQSXYZ234567abnsxz0189.. \n\t\"'`<>\u{200b}\u{feff}\u{a0}АΑＡ１Ⅰ-_:[]REDACTEBearr🔑é"
            .chars()
            .collect();
    proptest::collection::vec(prop::sample::select(alphabet), 0..240)
        .prop_map(|chars| chars.into_iter().collect())
}

/// Everything `check` shows or lets a user copy about `input`, as one string.
fn everything_shown(input: &str, report: &Check) -> String {
    let mut shown = String::new();
    shown.push_str(report.key_id.as_deref().unwrap_or_default());
    shown.push('\n');
    shown.push_str(&report.redacted);
    shown.push('\n');
    for problem in &report.problems {
        shown.push_str(problem.kind().message());
        shown.push_str(&problem.to_string());
    }
    for fix in &report.fixes {
        shown.push_str(fix.message());
    }
    shown.push_str(&format!("{report:?}"));
    for section in anatomy(input, report).sections {
        shown.push_str(section.kind.label());
        for glyph in section.glyphs {
            shown.push(glyph.shape.symbol());
        }
    }
    shown
}

fn assert_consistent(input: &str) -> Check {
    let report = check(input);
    assert_eq!(report.valid, report.problems.is_empty());
    assert_eq!(report.valid, ApiKey::parse(input).is_ok());
    let len = utf16_len(input);
    for p in &report.problems {
        assert!(
            p.start() <= p.end() && p.end() <= len,
            "{p:?} outside 0..{len}"
        );
    }
    for f in &report.fixes {
        assert!(
            f.start() <= f.end() && f.end() <= len,
            "{f:?} outside 0..{len}"
        );
    }
    let mut covered = 0;
    for part in &report.parts {
        assert_eq!(part.start, covered, "parts must cover {input:?} in order");
        assert!(part.start < part.end || len == 0);
        covered = part.end;
    }
    assert_eq!(covered, len, "parts must cover all of {input:?}");
    if let Some(repaired) = &report.repaired {
        let repaired = repaired.expose_secret();
        assert!(repaired.chars().count() <= input.chars().count());
        assert!(
            is_folded_subsequence(repaired, input),
            "the repair invented a character in {input:?}"
        );
        assert!(!report.fixes.is_empty());
    }
    report
}

/// The redacted form is already redacted: the redactor leaves it as it is.
fn assert_fixed_point(report: &Check) {
    assert_eq!(redact_text(&report.redacted).text, report.redacted);
}

/// Asserts that nothing `check` shows of the damaged paste holds its secret.
fn assert_hides_secret(damaged: &Damaged) -> Result<(), TestCaseError> {
    let pasted = damaged.text();
    let report = assert_consistent(&pasted);
    let shown = everything_shown(&pasted, &report);
    prop_assert!(
        !leaks(&shown, damaged.secret()),
        "check shows 8 characters of the secret of {:?} (damage {:?})",
        pasted,
        damaged.ops
    );
    assert_fixed_point(&report);
    // What the rule shows of the Key ID is the key's Key ID (as far as typos in it let
    // it be read), or nothing.
    let typos = damaged.has(|op| matches!(op, Op::Typo { .. }));
    if let (Some(id), false) = (&report.key_id, typos) {
        prop_assert_eq!(id.as_str(), damaged.id(), "pasted {:?}", pasted);
    }
    Ok(())
}

proptest! {
    #![proptest_config(test_support::props::config())]

    #[test]
    fn never_panics_on_any_text(input in any::<String>()) {
        assert_fixed_point(&assert_consistent(&input));
    }

    #[test]
    fn never_panics_on_key_like_text(input in keyish()) {
        assert_fixed_point(&assert_consistent(&input));
    }

    #[test]
    fn repair_gives_back_the_key(seed in any::<u64>()) {
        let damaged = Damaged::generate(&mut Rng::new(seed), Scope::Repairable);
        let pasted = damaged.text();
        let report = assert_consistent(&pasted);
        if pasted == damaged.key {
            prop_assert!(report.valid);
        } else {
            let repaired = report.repaired.as_ref().map(|k| k.expose_secret().to_owned());
            prop_assert_eq!(repaired.as_deref(), Some(damaged.key.as_str()), "pasted {:?} ({:?})", pasted, damaged.ops);
        }
        prop_assert_eq!(report.key_id.as_deref(), Some(damaged.id()));
        assert_hides_secret(&damaged)?;
    }

    #[test]
    fn damaged_pastes_never_show_the_secret(seed in any::<u64>()) {
        let damaged = Damaged::generate(&mut Rng::new(seed), Scope::Paste);
        assert_hides_secret(&damaged)?;
    }

    #[test]
    fn cut_and_glued_keys_never_show_the_secret(seed in any::<u64>(), cut in 0..98usize, junk in keyish()) {
        // Cut-off keys and keys with junk glued on are not repairable, but what check
        // shows about them must still hide the secret.
        let key = test_support::keys::seeded(seed);
        let secret = &key[46..];
        for pasted in [key[..cut].to_owned(), format!("{key}{junk}"), format!("{junk}{key}")] {
            let report = assert_consistent(&pasted);
            let shown = everything_shown(&pasted, &report);
            prop_assert!(!leaks(&shown, secret), "shown for {:?}", pasted);
            assert_fixed_point(&report);
        }
    }
}
