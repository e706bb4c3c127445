//! What the tests check outputs against: whether shown text holds a piece of a secret,
//! UTF-16 lengths, and whether a repair only kept and mapped characters of its input.

/// How long a piece of a secret must be to count as shown: the threshold, and
/// what the redactor promises never to leave behind.
pub const WINDOW: usize = 8;

/// Whether `shown` holds any `n`-character window of `secret`, ignoring ASCII case and
/// whitespace (a window split by a space or a line break is still shown).
pub fn holds_window(shown: &str, secret: &str, n: usize) -> bool {
    let squeeze = |s: &str| -> Vec<u8> {
        s.bytes()
            .filter(|b| !b.is_ascii_whitespace())
            .map(|b| b.to_ascii_uppercase())
            .collect()
    };
    let shown = squeeze(shown);
    let secret = squeeze(secret);
    if secret.len() < n || shown.len() < n {
        return false;
    }
    let windows: std::collections::HashSet<&[u8]> = secret.windows(n).collect();
    shown.windows(n).any(|window| windows.contains(window))
}

/// Whether `shown` holds an 8-character window of `secret` (see [`holds_window`]).
pub fn leaks(shown: &str, secret: &str) -> bool {
    holds_window(shown, secret, WINDOW)
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

/// Whether every character of `repaired` can be matched, in order, to a character of
/// `input` that folds to it: the repair only removed characters and mapped one to one.
pub fn is_folded_subsequence(repaired: &str, input: &str) -> bool {
    let mut input = input.chars();
    repaired
        .chars()
        .all(|want| input.by_ref().any(|have| folds_to(have) == Some(want)))
}

/// The `secrets` of which `shown` holds an 8-character window (as [`leaks`] reads it),
/// in one pass over `shown`: for large texts with many secrets (a 64 MB log).
pub fn leaked<'a>(shown: &str, secrets: &'a [String]) -> Vec<&'a str> {
    let squeeze = |s: &str| -> Vec<u8> {
        s.bytes()
            .filter(|b| !b.is_ascii_whitespace())
            .map(|b| b.to_ascii_uppercase())
            .collect()
    };
    let squeezed: Vec<Vec<u8>> = secrets.iter().map(|s| squeeze(s)).collect();
    let windows: std::collections::HashSet<&[u8]> =
        squeezed.iter().flat_map(|s| s.windows(WINDOW)).collect();
    let shown = squeeze(shown);
    let seen: std::collections::HashSet<&[u8]> = shown
        .windows(WINDOW)
        .filter(|window| windows.contains(window))
        .collect();
    secrets
        .iter()
        .zip(&squeezed)
        .filter(|(_, s)| s.windows(WINDOW).any(|window| seen.contains(window)))
        .map(|(secret, _)| secret.as_str())
        .collect()
}
