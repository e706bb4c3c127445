//! `check` as data: one line per paste, with the verdict, the problems and their UTF-16
//! spans, and whether the repair gives back the intended key.
//!
//! Run with `UPDATE_EXPECT=1` to rewrite the expectations, then review the diff.

use std::cell::RefCell;
use std::collections::BTreeSet;

use expect_test::{expect, Expect};
use tts_keycheck::{check, ApiKey, ErrorKind};

/// The example key of The Things Stack's API-key docs.
const K1: &str = "NNSXS.U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY.SHIF3PP5PBMJNZESN5XLR5TZJTJUIGKVUTM2I22IVBUVCD6VIQIA";
/// The example key of the CLI docs.
const K2: &str = "NNSXS.ZXPW62GWUYNYJIERJDHBIECRJEKYYDMACPPBEUI.LQD7A5VGEXNZ7F7PNTVUPMPDEB5XBJMTIH6ESUEE622VU2FQVESA";

thread_local! {
    static SEEN: RefCell<BTreeSet<&'static str>> = const { RefCell::new(BTreeSet::new()) };
}

/// Renders what `check` says about `input` in one line, naming fixture keys instead of
/// printing them, so no expectation holds a secret.
#[track_caller]
fn case(input: &str, expect: Expect) {
    let report = check(input);
    let mut out = vec![if report.valid { "valid" } else { "invalid" }.to_owned()];
    if let Some(kind) = report.kind {
        out.push(format!("kind={}", kind.code()));
    }
    if let Some(id) = &report.key_id {
        out.push(format!("id={}…", &id[..4]));
    }
    if let Some(repaired) = &report.repaired {
        out.push(format!("repaired={}", name_of(repaired)));
        let fixes: Vec<_> = report.fixes.iter().map(|f| f.kind()).collect();
        let repairable: Vec<_> = report.problems.iter().map(|p| p.kind()).collect();
        assert_eq!(
            fixes, repairable,
            "every problem of a repaired paste is a fix"
        );
    }
    for problem in &report.problems {
        out.push(format!(
            "{}@{}..{}",
            problem.kind().code(),
            problem.start(),
            problem.end()
        ));
        assert_eq!(problem.to_string(), problem.kind().message());
        SEEN.with(|seen| seen.borrow_mut().insert(problem.kind().code()));
    }
    assert_eq!(report.valid, report.problems.is_empty());
    assert_eq!(report.valid, ApiKey::parse(input).is_ok());
    expect.assert_eq(&out.join(" "));
}

fn name_of(key: &ApiKey) -> String {
    match key.expose_secret() {
        K1 => "K1".to_owned(),
        K2 => "K2".to_owned(),
        _ => format!("other:{}", key.redacted()),
    }
}

/// `K1` with the character at `at` replaced by `with`.
fn k1_with(at: usize, with: &str) -> String {
    format!("{}{}{}", &K1[..at], with, &K1[at + 1..])
}

#[test]
fn pastes() {
    let id = &K1[6..45];
    let secret = &K1[46..];
    // Well-formed keys.
    case(K1, expect!["valid kind=api_key id=U4H3…"]);
    case(K2, expect!["valid kind=api_key id=ZXPW…"]);
    // Nothing there.
    case("", expect!["invalid empty@0..0"]);
    case(
        " \n\t",
        expect!["invalid empty@0..3 surrounding_whitespace@0..3"],
    );
    // What pasting adds around a key.
    case(&format!(" {K1}\n"), expect!["invalid kind=api_key id=U4H3… repaired=K1 surrounding_whitespace@0..1 surrounding_whitespace@99..100"]);
    case(
        &format!("\u{a0}{K1}"),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 surrounding_whitespace@0..1"],
    );
    case(
        &format!("\u{feff}{K1}"),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 invisible_character@0..1"],
    );
    case(
        &format!("\"{K1}\""),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 quotes@0..1 quotes@99..100"],
    );
    case(
        &format!("'{K1}'"),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 quotes@0..1 quotes@99..100"],
    );
    case(
        &format!("`{K1}`"),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 quotes@0..1 quotes@99..100"],
    );
    case(
        &format!("<{K1}>"),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 quotes@0..1 quotes@99..100"],
    );
    case(
        &format!("\u{201c}{K1}\u{201d}"),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 quotes@0..1 quotes@99..100"],
    );
    case(
        &format!("Bearer {K1}"),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 bearer_prefix@0..7"],
    );
    case(
        &format!("bearer   {K1}"),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 bearer_prefix@0..9"],
    );
    case(
        &format!("Authorization: Bearer {K1}"),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 bearer_prefix@0..22"],
    );
    case(
        &format!("AUTHORIZATION:bearer {K1}"),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 bearer_prefix@0..21"],
    );
    case(&format!(" 'Authorization: Bearer {K1}' "), expect!["invalid kind=api_key id=U4H3… repaired=K1 surrounding_whitespace@0..1 quotes@1..2 bearer_prefix@2..24 quotes@122..123 surrounding_whitespace@123..124"]);
    case(
        &format!("{K1}."),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 trailing_punctuation@98..99"],
    );
    case(
        &format!("{K1},"),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 trailing_punctuation@98..99"],
    );
    // What wrapping and rich text do inside a key.
    case(
        &format!("{}\n{}", &K1[..60], &K1[60..]),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 inner_whitespace@60..61"],
    );
    case(
        &format!("{}\r\n  {}", &K1[..30], &K1[30..]),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 inner_whitespace@30..34"],
    );
    case(
        &format!("{}\u{200b}{}", &K1[..20], &K1[20..]),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 invisible_character@20..21"],
    );
    case(
        &format!("{}\u{ad}{}", &K1[..50], &K1[50..]),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 invisible_character@50..51"],
    );
    case(
        &K1.to_lowercase(),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 lowercase@0..98"],
    );
    case(
        &format!("{}{}", &K1[..50], K1[50..].to_lowercase()),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 lowercase@51..98"],
    );
    // Look-alike characters: unambiguous ones are repaired, the others pointed at.
    case(&k1_with(26, "8"), expect!["invalid kind=api_key id=U4H3… repaired=other:NNSXS.U4H3ZFFCMSR42BUAZPW2BWGFBV4WCNI5EXDJXDY.[REDACTED] digit_not_in_alphabet@26..27"]);
    case(&k1_with(26, "0"), expect!["invalid kind=api_key id=U4H3… repaired=other:NNSXS.U4H3ZFFCMSR42BUAZPW2OWGFBV4WCNI5EXDJXDY.[REDACTED] digit_not_in_alphabet@26..27"]);
    case(
        &k1_with(35, "1"),
        expect!["invalid kind=api_key ambiguous_character@35..36"],
    );
    case(
        &k1_with(68, "9"),
        expect!["invalid kind=api_key id=U4H3… ambiguous_character@68..69"],
    );
    case(&k1_with(24, "\u{410}"), expect!["invalid kind=api_key id=U4H3… repaired=other:NNSXS.U4H3ZFFCMSR42BUAZPA2UWGFBV4WCNI5EXDJXDY.[REDACTED] lookalike_character@24..25"]);
    case(&k1_with(24, "\u{391}"), expect!["invalid kind=api_key id=U4H3… repaired=other:NNSXS.U4H3ZFFCMSR42BUAZPA2UWGFBV4WCNI5EXDJXDY.[REDACTED] lookalike_character@24..25"]);
    case(&k1_with(24, "\u{ff21}"), expect!["invalid kind=api_key id=U4H3… repaired=other:NNSXS.U4H3ZFFCMSR42BUAZPA2UWGFBV4WCNI5EXDJXDY.[REDACTED] lookalike_character@24..25"]);
    case(
        &K1.chars().map(full_width).collect::<String>(),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 lookalike_character@0..98"],
    );
    case(
        &k1_with(35, "\u{2160}"),
        expect!["invalid kind=api_key ambiguous_character@35..36"],
    );
    // Characters that never belong in a key.
    case(
        &k1_with(30, "-"),
        expect!["invalid kind=api_key invalid_character@30..31"],
    );
    case(
        &k1_with(30, "_"),
        expect!["invalid kind=api_key invalid_character@30..31"],
    );
    case(
        &format!("\u{1f511} {K1}"),
        expect!["invalid invalid_character@0..2 unknown_prefix@0..8 inner_whitespace@2..3"],
    );
    // The same key twice.
    case(
        &format!("{K1}{K1}"),
        expect!["invalid kind=api_key id=U4H3… repaired=K1 pasted_twice@98..196"],
    );
    case(&format!("{K1}\n{K1}"), expect!["invalid kind=api_key id=U4H3… repaired=K1 inner_whitespace@98..99 pasted_twice@99..197"]);
    case(&format!("{K1} {K2}"), expect!["invalid kind=api_key inner_whitespace@98..99 too_long@99..104 extra_separator@104..105"]);
    // Other tokens of The Things Stack.
    case(
        &format!("MFRWG{}", &K1[5..]),
        expect!["invalid kind=oauth_access_token id=U4H3… oauth_access_token@0..98"],
    );
    case(
        &format!("OJSWM{}", &K1[5..]),
        expect!["invalid kind=oauth_refresh_token id=U4H3… oauth_refresh_token@0..98"],
    );
    case(
        &format!("MF2XI{}", &K1[5..]),
        expect!["invalid kind=authorization_code id=U4H3… authorization_code@0..98"],
    );
    case(
        &format!("ONZW4{}", &K1[5..]),
        expect!["invalid kind=session_token id=U4H3… session_token@0..98"],
    );
    // Parts missing, cut off or too long.
    case(
        &format!("ABCDE{}", &K1[5..]),
        expect!["invalid unknown_prefix@0..5"],
    );
    case(
        "hello",
        expect!["invalid lowercase@0..5 unknown_prefix@0..5"],
    );
    case(
        &K1[6..],
        expect!["invalid kind=api_key id=U4H3… missing_prefix@0..39"],
    );
    case(id, expect!["invalid key_id_only@0..39"]);
    case(
        &format!("{}B", &id[..38]),
        expect!["invalid key_id_only@0..39 id_last_character@38..39"],
    );
    case(secret, expect!["invalid secret_only@0..52"]);
    case("NNS", expect!["invalid kind=api_key truncated@3..3"]);
    case("NNSXS", expect!["invalid kind=api_key truncated@5..5"]);
    case(&K1[..45], expect!["invalid kind=api_key truncated@45..45"]);
    case(&K1[..46], expect!["invalid kind=api_key truncated@46..46"]);
    case(&K1[..90], expect!["invalid kind=api_key truncated@90..90"]);
    case(&K1[..30], expect!["invalid kind=api_key truncated@30..30"]);
    case(
        &format!("{K1}ABC"),
        expect!["invalid kind=api_key too_long@98..101"],
    );
    case(
        &format!("{K1}.ABC"),
        expect!["invalid kind=api_key extra_separator@98..99"],
    );
    case(
        &format!("{}{}", &K1[..45], &K1[46..]),
        expect!["invalid kind=api_key id=U4H3… missing_separator@45..45"],
    );
    case(
        &format!("{}{}", &K1[..5], &K1[6..]),
        expect!["invalid kind=api_key id=U4H3… missing_separator@5..5"],
    );
    case(
        &format!("NNSXS.ABC.{secret}"),
        expect!["invalid kind=api_key id_length@6..9"],
    );
    case(
        &format!("NNSXS..{secret}"),
        expect!["invalid kind=api_key id_length@6..6"],
    );
    // Impossible last characters (the base32 padding bits must be zero).
    case(
        &k1_with(44, "Z"),
        expect!["invalid kind=api_key id_last_character@44..45"],
    );
    case(
        &k1_with(97, "B"),
        expect!["invalid kind=api_key id=U4H3… secret_last_character@97..98"],
    );
    // A key that was redacted on purpose.
    case(
        &format!("NNSXS.{id}.[REDACTED]"),
        expect!["invalid redacted_key@46..56"],
    );
    // Several problems at once: all are reported, and nothing is repaired.
    case(
        &K1[..90].to_lowercase(),
        expect!["invalid kind=api_key lowercase@0..90 truncated@90..90"],
    );
    case(
        &format!(" {}", k1_with(30, "-")),
        expect!["invalid kind=api_key surrounding_whitespace@0..1 invalid_character@31..32"],
    );

    let seen = SEEN.with(|seen| seen.borrow().clone());
    let missing: Vec<_> = ErrorKind::ALL
        .iter()
        .map(|kind| kind.code())
        .filter(|code| !seen.contains(code))
        .collect();
    assert!(missing.is_empty(), "no test line for: {missing:?}");
}

fn full_width(ch: char) -> char {
    match ch {
        'A'..='Z' | '2'..='7' => char::from_u32(ch as u32 - 0x21 + 0xFF01).unwrap_or(ch),
        '.' => '\u{ff0e}',
        _ => ch,
    }
}

/// The user-facing text of every problem, pinned: a change here is a change users see.
#[test]
fn messages() {
    let table: Vec<String> = ErrorKind::ALL
        .iter()
        .map(|kind| {
            let fix = match kind.fix_message() {
                "" => String::new(),
                fix => format!(" | fix: {fix}"),
            };
            format!("{}: {}{}", kind.code(), kind.message(), fix)
        })
        .collect();
    expect![[r#"
        empty: Paste the API key here. It starts with NNSXS. and is 98 characters long.
        surrounding_whitespace: There are spaces or line breaks around the key. Repair removes them. | fix: Removed spaces and line breaks around the key.
        inner_whitespace: The key contains spaces or line breaks, probably from wrapped text. Repair joins the pieces. | fix: Joined the pieces: removed spaces and line breaks inside the key.
        quotes: The key is wrapped in quotes, backticks or angle brackets. Repair removes them. | fix: Removed quotes, backticks or angle brackets around the key.
        bearer_prefix: This is the Authorization header text. Enter only the key after "Bearer"; Repair removes the prefix. | fix: Removed the "Bearer" prefix.
        invisible_character: The key contains invisible characters (zero-width space, byte-order mark or similar). Repair removes them. | fix: Removed invisible characters.
        lowercase: API keys are upper case. Something changed the letters to lower case; Repair converts them back. | fix: Converted lower-case letters to upper case.
        lookalike_character: This character only looks like a Latin letter or digit (Cyrillic, Greek or full-width). Repair replaces it with the letter it stands for. | fix: Replaced look-alike characters with the Latin letters they stand for.
        digit_not_in_alphabet: API keys never contain the digits 0, 1, 8 or 9. This one stands for a letter (0 for O, 8 for B); Repair replaces it. | fix: Replaced the digit 0 with the letter O and 8 with B.
        ambiguous_character: API keys never contain the digits 0, 1, 8 or 9, and this character could stand for more than one letter. Copy the key again instead of typing it.
        invalid_character: This character is not part of an API key, which only holds A to Z, 2 to 7 and two dots. Copy the key again.
        pasted_twice: The key was pasted twice. Repair keeps one copy. | fix: Kept one copy of the key that was pasted twice.
        oauth_access_token: This is an OAuth access token (it starts with MFRWG.), which expires within hours. Create an API key in the Console under your organization's API keys instead.
        oauth_refresh_token: This is an OAuth refresh token (it starts with OJSWM.), not an API key. Create an API key in the Console under your organization's API keys instead.
        authorization_code: This is an OAuth authorization code (it starts with MF2XI.), not an API key. Create an API key in the Console under your organization's API keys instead.
        session_token: This is a Console session token (it starts with ONZW4.), which ends when you log out. Create an API key in the Console under your organization's API keys instead.
        unknown_prefix: An API key starts with NNSXS. but this starts differently. Check that you copied an API key of The Things Stack, from its first character.
        missing_prefix: The key's first part, NNSXS., is missing. Copy the whole key again, from its first character.
        key_id_only: This is the Key ID, not the key. The Key ID goes in the Key Id field; the Key Secret field needs the whole key, which starts with NNSXS. and which the Console showed once when the key was created.
        secret_only: This looks like the secret part of a key only. Paste the whole key, which starts with NNSXS.
        truncated: The key ends early here: a whole key is 98 characters. Copy it again from where you saved it; if you no longer have it, create a new key.
        too_long: There are extra characters after the end of the key. Remove them, or copy the key again.
        missing_separator: A dot is missing between the parts of the key: NNSXS, a dot, the 39-character Key ID, a dot, the 52-character secret. Copy the key again.
        extra_separator: This has more dots than an API key, which has exactly two. Paste just one key.
        id_length: The Key ID part (between the two dots) must be 39 characters. Copy the key again.
        trailing_punctuation: There is punctuation after the key, probably from the end of a sentence. Repair removes it. | fix: Removed the punctuation after the key.
        id_last_character: A Key ID always ends in A, I, Q or Y, so a character of the Key ID was changed. Copy the key again.
        secret_last_character: A key always ends in A or Q, so a character at the end was changed or the key is cut off. Copy the key again.
        redacted_key: This key was redacted: its secret is hidden. Paste the full key from where you saved it; if you no longer have it, create a new key."#]].assert_eq(&table.join("\n"));
    let codes: BTreeSet<_> = ErrorKind::ALL.iter().map(|k| k.code()).collect();
    assert_eq!(codes.len(), ErrorKind::ALL.len(), "codes are unique");
    for code in codes {
        assert!(
            code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{code} is snake_case"
        );
    }
}

#[test]
fn debug_and_display_hide_the_secret() {
    let key = ApiKey::parse(K1).unwrap();
    let debug = format!("{key:?}");
    let display = key.to_string();
    let report = format!("{:?}", check(&format!(" {K1} ")));
    for shown in [&debug, &display, &report] {
        assert!(!shown.contains(&K1[46..54]), "secret in {shown}");
    }
    assert_eq!(
        display,
        "NNSXS.U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY.[REDACTED]"
    );
    assert_eq!(
        debug,
        "ApiKey { id: \"U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY\", secret: [REDACTED] }"
    );
}

#[test]
fn public_types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<ApiKey>();
    assert_send_sync::<tts_keycheck::Check>();
    assert_send_sync::<tts_keycheck::ParseError>();
}
