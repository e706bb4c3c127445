//! Properties of `check` over generated input, 10 000 cases each: it never panics, its
//! verdict agrees with `ApiKey::parse`, spans stay inside the input, the repair gives back
//! exactly the key under any mix of repairable paste damage and never adds characters,
//! and nothing it shows holds 8 characters of the secret.

use proptest::prelude::*;
use tts_keycheck::{check, ApiKey};

const BASE32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(10_000)
}

/// A well-formed key: 39-char id ending in A/I/Q/Y, 52-char secret ending in A/Q.
fn key() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(0..32usize, 38),
        prop::sample::select(vec!['A', 'I', 'Q', 'Y']),
        proptest::collection::vec(0..32usize, 51),
        prop::sample::select(vec!['A', 'Q']),
    )
        .prop_map(|(id, id_last, secret, secret_last)| {
            let id: String = id.iter().map(|&i| BASE32[i] as char).collect();
            let secret: String = secret.iter().map(|&i| BASE32[i] as char).collect();
            format!("NNSXS.{id}{id_last}.{secret}{secret_last}")
        })
}

/// Text built from the characters pastes are made of, including look-alikes and dots.
fn keyish() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> =
        "ABCNQSXYZ234567abnsxz0189.. \n\t\"'`<>\u{200b}\u{feff}\u{a0}АΑＡ１Ⅰ-_:[]REDACTEBearr🔑é"
            .chars()
            .collect();
    proptest::collection::vec(prop::sample::select(alphabet), 0..240)
        .prop_map(|chars| chars.into_iter().collect())
}

/// One kind of damage a paste does that the repair must undo.
#[derive(Clone, Debug)]
enum Damage {
    Surround(&'static str, &'static str),
    Prefix(&'static str),
    Insert(usize, &'static str),
    Lowercase(usize, usize),
    Twice(&'static str),
    TrailingDot,
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        prop::sample::select(vec![
            (" ", "\n"),
            ("\"", "\""),
            ("'", "'"),
            ("`", "`"),
            ("<", ">"),
            ("\u{feff}", ""),
            ("\u{a0}", "\u{a0}"),
            ("\u{201c}", "\u{201d}"),
        ])
        .prop_map(|(a, b)| Damage::Surround(a, b)),
        prop::sample::select(vec![
            "Bearer ",
            "bearer ",
            "Authorization: Bearer ",
            "BEARER\t"
        ])
        .prop_map(Damage::Prefix),
        (
            1..97usize,
            prop::sample::select(vec!["\n", " ", "\r\n", "\u{200b}", "\u{ad}", "\u{2060}"])
        )
            .prop_map(|(at, s)| Damage::Insert(at, s)),
        (0..98usize, 0..98usize).prop_map(|(a, b)| Damage::Lowercase(a.min(b), a.max(b))),
        prop::sample::select(vec!["", "\n", " "]).prop_map(Damage::Twice),
        Just(Damage::TrailingDot),
    ]
}

/// Applies damage to a clean key. Insertions and case changes go in first, at offsets
/// that are still inside the key; wrappers go around the result.
fn apply(key: &str, damages: &[Damage]) -> String {
    let mut inner: Vec<(usize, &str)> = Vec::new();
    let mut lower = vec![false; key.len()];
    let mut twice = None;
    let mut dot = false;
    for d in damages {
        match d {
            Damage::Insert(at, s) => inner.push((*at, s)),
            Damage::Lowercase(from, to) => lower[*from..*to].iter_mut().for_each(|l| *l = true),
            Damage::Twice(sep) => twice = Some(*sep),
            Damage::TrailingDot => dot = true,
            _ => {}
        }
    }
    inner.sort();
    let mut out = String::new();
    for (i, ch) in key.chars().enumerate() {
        for (_, s) in inner.iter().filter(|(at, _)| *at == i) {
            out.push_str(s);
        }
        out.push(if lower[i] {
            ch.to_ascii_lowercase()
        } else {
            ch
        });
    }
    if let Some(sep) = twice {
        out = format!("{out}{sep}{out}");
    } else if dot {
        out.push('.');
    }
    for d in damages {
        match d {
            Damage::Surround(a, b) => out = format!("{a}{out}{b}"),
            Damage::Prefix(p) => out = format!("{p}{out}"),
            _ => {}
        }
    }
    out
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// Whether `shown` holds any 8-character window of the secret (case-insensitive).
fn leaks(shown: &str, key: &str) -> bool {
    let shown = shown.to_ascii_uppercase();
    let secret = &key[46..];
    (0..=secret.len() - 8).any(|i| shown.contains(&secret[i..i + 8]))
}

fn assert_consistent(input: &str) {
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
    if let Some(repaired) = &report.repaired {
        assert!(repaired.expose_secret().chars().count() <= input.chars().count());
        assert!(!report.fixes.is_empty());
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn never_panics_on_any_text(input in any::<String>()) {
        assert_consistent(&input);
    }

    #[test]
    fn never_panics_on_key_like_text(input in keyish()) {
        assert_consistent(&input);
    }

    #[test]
    fn repair_gives_back_the_key(key in key(), damages in proptest::collection::vec(damage(), 0..5)) {
        let pasted = apply(&key, &damages);
        let report = check(&pasted);
        assert_consistent(&pasted);
        if pasted == key {
            prop_assert!(report.valid);
        } else {
            let repaired = report.repaired.as_ref().map(|k| k.expose_secret().to_owned());
            prop_assert_eq!(repaired.as_deref(), Some(key.as_str()), "pasted {:?}", pasted);
        }
        prop_assert_eq!(report.key_id.as_deref(), Some(&key[6..45]));
        let debug = format!("{:?}", report);
        prop_assert!(!leaks(&debug, &key));
        prop_assert!(!leaks(&report.redacted, &key));
    }

    #[test]
    fn damaged_keys_never_leak(key in key(), cut in 0..98usize, junk in keyish()) {
        // Cut-off keys and keys with junk glued on are not repairable, but what check
        // shows about them must still hide the secret.
        for pasted in [key[..cut].to_owned(), format!("{key}{junk}"), format!("{junk}{key}")] {
            let report = check(&pasted);
            assert_consistent(&pasted);
            prop_assert!(!leaks(&report.redacted, &key));
            let problems: String = report.problems.iter().map(|p| p.to_string()).collect();
            prop_assert!(!leaks(&problems, &key));
        }
    }
}
