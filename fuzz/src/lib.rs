//! Helpers shared by the fuzz targets: generated keys, the paste damage of
//! `tests/check_props.rs`, and the oracles' small checks (UTF-16 lengths, secret leaks,
//! and whether a repair only kept and mapped characters of its input).

use arbitrary::Arbitrary;

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A well-formed API key, drawn from the fuzzer's bytes: 39-char id ending in
/// A/I/Q/Y, 52-char secret ending in A/Q.
#[derive(Debug, Arbitrary)]
pub struct GenKey {
    id: [u8; 38],
    id_last: u8,
    secret: [u8; 51],
    secret_last: u8,
}

impl GenKey {
    /// The key as text, `NNSXS.<id>.<secret>`.
    pub fn text(&self) -> String {
        let id: String = self
            .id
            .iter()
            .map(|&b| BASE32[usize::from(b % 32)] as char)
            .collect();
        let secret: String = self
            .secret
            .iter()
            .map(|&b| BASE32[usize::from(b % 32)] as char)
            .collect();
        let id_last = ['A', 'I', 'Q', 'Y'][usize::from(self.id_last % 4)];
        let secret_last = ['A', 'Q'][usize::from(self.secret_last % 2)];
        format!("NNSXS.{id}{id_last}.{secret}{secret_last}")
    }
}

/// A well-formed API key made from `seed` (splitmix64), as in `tests/redact_props.rs`.
pub fn seeded_key(seed: u64) -> String {
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
            .map(|_| char::from(BASE32[(next() % 32) as usize]))
            .collect();
        text.push(char::from(last[(next() % last.len() as u64) as usize]));
        text
    };
    let id = part(39, b"AIQY");
    let secret = part(52, b"AQ");
    format!("NNSXS.{id}.{secret}")
}

const SURROUNDS: &[(&str, &str)] = &[
    (" ", "\n"),
    ("\"", "\""),
    ("'", "'"),
    ("`", "`"),
    ("<", ">"),
    ("\u{feff}", ""),
    ("\u{a0}", "\u{a0}"),
    ("\u{201c}", "\u{201d}"),
];
const PREFIXES: &[&str] = &["Bearer ", "bearer ", "Authorization: Bearer ", "BEARER\t"];
const INSERTS: &[&str] = &["\n", " ", "\r\n", "\u{200b}", "\u{ad}", "\u{2060}"];
const TWICE: &[&str] = &["", "\n", " "];

/// One kind of paste damage the repair must undo (the `Damage` of
/// `tests/check_props.rs`, with indexes into the same tables).
#[derive(Debug, Arbitrary, Clone, Copy)]
pub enum Damage {
    /// Wrapped in a pair of quotes, brackets, spaces or a byte-order mark.
    Surround(u8),
    /// Behind `Bearer ` or an `Authorization:` header.
    Prefix(u8),
    /// Whitespace or an invisible character inserted before char `1 + at % 96`.
    Insert(u8, u8),
    /// Chars `min..max` lower-cased (each `% 98`).
    Lowercase(u8, u8),
    /// Pasted twice, with a separator.
    Twice(u8),
    /// A full stop after the key.
    TrailingDot,
}

/// Applies damage to a clean key, exactly as `apply` in `tests/check_props.rs`.
pub fn apply(key: &str, damages: &[Damage]) -> String {
    let mut inner: Vec<(usize, &str)> = Vec::new();
    let mut lower = vec![false; key.len()];
    let mut twice = None;
    let mut dot = false;
    for d in damages {
        match *d {
            Damage::Insert(at, s) => inner.push((
                1 + usize::from(at) % 96,
                INSERTS[usize::from(s) % INSERTS.len()],
            )),
            Damage::Lowercase(a, b) => {
                let (a, b) = (usize::from(a) % 98, usize::from(b) % 98);
                lower[a.min(b)..a.max(b)].iter_mut().for_each(|l| *l = true);
            }
            Damage::Twice(sep) => twice = Some(TWICE[usize::from(sep) % TWICE.len()]),
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
        match *d {
            Damage::Surround(i) => {
                let (a, b) = SURROUNDS[usize::from(i) % SURROUNDS.len()];
                out = format!("{a}{out}{b}");
            }
            Damage::Prefix(i) => {
                out = format!("{}{out}", PREFIXES[usize::from(i) % PREFIXES.len()])
            }
            _ => {}
        }
    }
    out
}

/// The length of `s` in UTF-16 code units, the unit of every span.
pub fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// The key character `ch` may stand for in a repair: itself or its upper case for
/// ASCII, and the documented look-alikes (`0`→`O`, `8`→`B`, full-width forms, Cyrillic
/// and Greek capitals and small letters that look like Latin capitals).
pub fn folds_to(ch: char) -> Option<char> {
    let code = ch as u32;
    if ch.is_ascii() {
        return Some(match ch {
            '0' => 'O',
            '8' => 'B',
            _ => ch.to_ascii_uppercase(),
        });
    }
    if (0xFF21..=0xFF3A).contains(&code) {
        return char::from_u32(code - 0xFF21 + 'A' as u32);
    }
    if (0xFF41..=0xFF5A).contains(&code) {
        return char::from_u32(code - 0xFF41 + 'A' as u32);
    }
    if (0xFF12..=0xFF17).contains(&code) {
        return char::from_u32(code - 0xFF10 + '0' as u32);
    }
    Some(match ch {
        '．' => '.',
        '０' => 'O',
        '８' => 'B',
        'А' | 'а' | 'Α' | 'α' => 'A',
        'В' | 'Β' => 'B',
        'С' | 'с' => 'C',
        'Е' | 'е' | 'Ε' => 'E',
        'Н' | 'һ' | 'Η' => 'H',
        'І' | 'і' | 'Ι' => 'I',
        'Ј' | 'ј' => 'J',
        'К' | 'Κ' | 'κ' => 'K',
        'М' | 'Μ' => 'M',
        'Ν' => 'N',
        'О' | 'о' | 'Ο' | 'ο' => 'O',
        'Р' | 'р' | 'Ρ' => 'P',
        'Ԛ' | 'ԛ' => 'Q',
        'Ѕ' | 'ѕ' => 'S',
        'Т' | 'Τ' => 'T',
        'ν' => 'V',
        'Ԝ' | 'ԝ' => 'W',
        'Х' | 'х' | 'Χ' => 'X',
        'Ү' | 'у' | 'Υ' => 'Y',
        'Ζ' => 'Z',
        _ => return None,
    })
}

/// Whether every char of `repaired` can be matched, in order, to a char of `input` that
/// folds to it: the repair only removed characters and mapped one to one.
pub fn is_folded_subsequence(repaired: &str, input: &str) -> bool {
    let mut input = input.chars();
    repaired
        .chars()
        .all(|want| input.by_ref().any(|have| folds_to(have) == Some(want)))
}

/// Whether `shown` holds any `n`-char window of `secret`, ignoring ASCII case.
pub fn holds_window(shown: &str, secret: &str, n: usize) -> bool {
    let shown = shown.to_ascii_uppercase();
    let secret = secret.to_ascii_uppercase();
    secret.len() >= n
        && (0..=secret.len() - n).any(|i| {
            secret.is_char_boundary(i) && secret.get(i..i + n).is_some_and(|w| shown.contains(w))
        })
}
