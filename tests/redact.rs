//! Data-driven tests of `redact_text`: one line per case, each asserting the exact
//! redacted text and the exact findings (kind code, UTF-16 span, Key ID, validity).
//!
//! Inputs and expectations are templates: `{K1}`/`{I1}`/`{S1}` are the first public
//! example key and its id and secret, `{K2}`… the second; `{K3}`… are generated from a
//! seed. `{S1:..20}`, `{S1:20..}` and `{K1:5..9}` slice (in characters), `{K1:lower}`
//! lower-cases. Every check also asserts that redacting the output again changes
//! nothing and finds nothing.

use tts_keycheck::redact::FindingKind;
use tts_keycheck::{redact_text, ApiKey, Finding, Redaction, TokenKind};

/// The example key from the docs (`doc/content/api/concepts/auth/_index.md`).
const K1: &str = "NNSXS.U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY.SHIF3PP5PBMJNZESN5XLR5TZJTJUIGKVUTM2I22IVBUVCD6VIQIA";
/// The example key from the CLI docs.
const K2: &str = "NNSXS.ZXPW62GWUYNYJIERJDHBIECRJEKYYDMACPPBEUI.LQD7A5VGEXNZ7F7PNTVUPMPDEB5XBJMTIH6ESUEE622VU2FQVESA";

#[test]
#[rustfmt::skip]
fn ticket_prose() {
    check("", "", "");
    check("Hi, my key is {K1} and it fails.", "Hi, my key is NNSXS.{I1}.[REDACTED] and it fails.", "api_key 14..112 id={I1} valid");
    check("Key: {K1}.", "Key: NNSXS.{I1}.[REDACTED].", "api_key 5..103 id={I1} valid");
    check("({K1})", "(NNSXS.{I1}.[REDACTED])", "api_key 1..99 id={I1} valid");
    check("{K1} - the old one", "NNSXS.{I1}.[REDACTED] - the old one", "api_key 0..98 id={I1} valid");
}

#[test]
#[rustfmt::skip]
fn email() {
    check("> my key is {K1}\n> thanks", "> my key is NNSXS.{I1}.[REDACTED]\n> thanks", "api_key 12..110 id={I1} valid");
    // Hard-wrapped inside the secret, then quoted.
    check("> key: NNSXS.{I1}.{S1:..20}\n> {S1:20..}\n> thanks", "> key: NNSXS.{I1}.[REDACTED]\n> thanks", "api_key 7..108 id={I1} repairable");
    check(">> NNSXS.{I1}.{S1:..30}\n>> > {S1:30..}", ">> NNSXS.{I1}.[REDACTED]", "api_key 3..107 id={I1} repairable");
    // Wrapped inside the id, after the id, with a short tail, with CRLF, after a trailing
    // space. A wrapped key is reported with its id, but only an exact key is `valid`.
    check("NNSXS.{I1:..10}\n{I1:10..}.{S1} ok", "NNSXS.{I1}.[REDACTED] ok", "api_key 0..99 id={I1} repairable");
    check("NNSXS.{I1}.\n> {S1}", "NNSXS.{I1}.[REDACTED]", "api_key 0..101 id={I1} repairable");
    check("{K1:..95}\n> {K1:95..}\n> bye", "NNSXS.{I1}.[REDACTED]\n> bye", "api_key 0..101 id={I1} repairable");
    check("{K1:..76}\r\n{K1:76..}\r\n", "NNSXS.{I1}.[REDACTED]\r\n", "api_key 0..100 id={I1} repairable");
    check("{K1:..70} \n{K1:70..}", "NNSXS.{I1}.[REDACTED]", "api_key 0..100 id={I1} repairable");
    // A truncated key at a line end does not swallow the next line.
    // Cut short, it is not otherwise a key, so its Key ID is not shown either.
    check("{K1:..90}\nI think it is cut.", "NNSXS.[REDACTED]\nI think it is cut.", "api_key 0..90");
    check("{K1:..60}\nTHANKS", "NNSXS.[REDACTED]\nTHANKS", "api_key 0..60");
    check("{K1:..60}\n\nTHANKS, BOB", "NNSXS.[REDACTED]\n\nTHANKS, BOB", "api_key 0..60");
    check("{K1}\nTHANKSALOT", "NNSXS.{I1}.[REDACTED]\nTHANKSALOT", "api_key 0..98 id={I1} valid");
    // A tail too short to tell from the next word is left: at most 7 characters.
    check("{K1:..90}\n{K1:90..93} and more", "NNSXS.[REDACTED]\n{K1:90..93} and more", "api_key 0..90");
    // Exactly the rest of the secret on the next line goes on.
    check("{K1:..93}\n{K1:93..} and more", "NNSXS.{I1}.[REDACTED] and more", "api_key 0..99 id={I1} repairable");
}

#[test]
#[rustfmt::skip]
fn quoted_printable() {
    check("key=3D{K1:..70}=\n{K1:70..}=20ok", "key=3DNNSXS.{I1}.[REDACTED]=20ok", "api_key 6..106 id={I1} repairable");
    check("NNSXS.=\r\n{I1}.{S1}", "NNSXS.{I1}.[REDACTED]", "api_key 0..101 id={I1} repairable");
    check("{K1:..45}=\n{K1:45..}", "NNSXS.{I1}.[REDACTED]", "api_key 0..100 id={I1} repairable");
    // A soft break inside the prefix, or right after it.
    check("{K1:..3}=\n{K1:3..}", "NNSXS.{I1}.[REDACTED]", "api_key 0..100 id={I1} repairable");
    check("{K1:..5}=\r\n{K1:5..}", "NNSXS.{I1}.[REDACTED]", "api_key 0..101 id={I1} repairable");
    check("{K1:..97}=\n{K1:97..}=\n", "NNSXS.{I1}.[REDACTED]=\n", "api_key 0..100 id={I1} repairable");
}

#[test]
#[rustfmt::skip]
fn structured_text() {
    check(r#"{"api_key": "{K1}", "n": 1}"#, r#"{"api_key": "NNSXS.{I1}.[REDACTED]", "n": 1}"#, "api_key 13..111 id={I1} valid");
    check("tts:\n  api_key: {K1}\n  region: eu1\n", "tts:\n  api_key: NNSXS.{I1}.[REDACTED]\n  region: eu1\n", "api_key 16..114 id={I1} valid");
    check("TTS_API_KEY={K1}\nTTS_REGION=eu1", "TTS_API_KEY=NNSXS.{I1}.[REDACTED]\nTTS_REGION=eu1", "api_key 12..110 id={I1} valid");
    check("api_key = '{K1}'", "api_key = 'NNSXS.{I1}.[REDACTED]'", "api_key 11..109 id={I1} valid");
    check("2024-05-01T12:00:00.123Z WARN mqtt: auth failed for key={K1} (401)", "2024-05-01T12:00:00.123Z WARN mqtt: auth failed for key=NNSXS.{I1}.[REDACTED] (401)", "api_key 56..154 id={I1} valid");
}

#[test]
#[rustfmt::skip]
fn http() {
    check(r#"curl -H "Authorization: Bearer {K1}" https://eu1.cloud.thethings.network/api/v3/auth_info"#, r#"curl -H "Authorization: Bearer NNSXS.{I1}.[REDACTED]" https://eu1.cloud.thethings.network/api/v3/auth_info"#, "api_key 31..129 id={I1} valid");
    check("GET /api/v3/auth_info HTTP/1.1\r\nAuthorization: Bearer {K1}\r\n\r\n", "GET /api/v3/auth_info HTTP/1.1\r\nAuthorization: Bearer NNSXS.{I1}.[REDACTED]\r\n\r\n", "api_key 54..152 id={I1} valid");
    check("https://example.com/hook?api_key={K1}&x=1", "https://example.com/hook?api_key=NNSXS.{I1}.[REDACTED]&x=1", "api_key 33..131 id={I1} valid");
    check("?auth=Bearer%20{K1}&x=1", "?auth=Bearer%20NNSXS.{I1}.[REDACTED]&x=1", "api_key 15..113 id={I1} valid");
    check("?key=NNSXS%2E{I1}%2E{S1}&x=1", "?key=NNSXS.{I1}.[REDACTED]&x=1", "api_key 5..107 id={I1} repairable");
    check("?key=nnsxs%2e{I1:lower}%2e{S1:lower}", "?key=NNSXS.{I1}.[REDACTED]", "api_key 5..107 id={I1} repairable");
}

#[test]
#[rustfmt::skip]
fn several_keys() {
    check("{K1} {K2}", "NNSXS.{I1}.[REDACTED] NNSXS.{I2}.[REDACTED]", "api_key 0..98 id={I1} valid; api_key 99..197 id={I2} valid");
    check("{K1}\n{K1}", "NNSXS.{I1}.[REDACTED]\nNNSXS.{I1}.[REDACTED]", "api_key 0..98 id={I1} valid; api_key 99..197 id={I1} valid");
    check("{K1}{K2}", "NNSXS.{I1}.[REDACTED]NNSXS.{I2}.[REDACTED]", "api_key 0..98 id={I1} valid; api_key 98..196 id={I2} valid");
    check("{K3},{K4};{K5}", "NNSXS.{I3}.[REDACTED],NNSXS.{I4}.[REDACTED];NNSXS.{I5}.[REDACTED]", "api_key 0..98 id={I3} valid; api_key 99..197 id={I4} valid; api_key 198..296 id={I5} valid");
    check("NNSXS.{K1}", "NNSXS.NNSXS.{I1}.[REDACTED]", "api_key 6..104 id={I1} valid");
    check("{K1}NNSXS. next", "NNSXS.{I1}.[REDACTED]NNSXS. next", "api_key 0..98 id={I1} valid");
    check("NNSXS.{I1:..9}{K2}", "NNSXS.[REDACTED]NNSXS.{I2}.[REDACTED]", "api_key 0..15; api_key 15..113 id={I2} valid");
    // A Key ID may end in a prefix (`MF2XI`): the key stays one, found by proptest.
    check("NNSXS.{I1:..34}MF2XI.{S1}", "NNSXS.{I1:..34}MF2XI.[REDACTED]", "api_key 0..98 id={I1:..34}MF2XI valid");
    check("NNSXS.{I1:..9}MF2XI.{I4}.{S4}", "NNSXS.[REDACTED]MF2XI.{I4}.[REDACTED]", "api_key 0..15; authorization_code 15..113 id={I4}");
}

#[test]
#[rustfmt::skip]
fn other_token_kinds() {
    check("MFRWG.{I3}.{S3}", "MFRWG.{I3}.[REDACTED]", "oauth_access_token 0..98 id={I3}");
    check("refresh: OJSWM.{I3}.{S4}", "refresh: OJSWM.{I3}.[REDACTED]", "oauth_refresh_token 9..107 id={I3}");
    check("?code=MF2XI.{I4}.{S4}&state=x", "?code=MF2XI.{I4}.[REDACTED]&state=x", "authorization_code 6..104 id={I4}");
    check("Bearer ONZW4.0f8fad5b-d9cb-469f-a165-70867728950e.{S5}", "Bearer ONZW4.[REDACTED]", "session_token 7..102");
    check("mfrwg.{I3:lower}.{S3:lower}", "MFRWG.{I3}.[REDACTED]", "oauth_access_token 0..98 id={I3}");
}

#[test]
#[rustfmt::skip]
fn near_misses() {
    check("{K1:lower}", "NNSXS.{I1}.[REDACTED]", "api_key 0..98 id={I1} repairable");
    check("nnsxs.{I1}.{S1}", "NNSXS.{I1}.[REDACTED]", "api_key 0..98 id={I1} repairable");
    check("key {K1:..80} end", "key NNSXS.[REDACTED] end", "api_key 4..84");
    check("key {K1:..20} end", "key NNSXS.[REDACTED] end", "api_key 4..24");
    check("{K1:..46}", "NNSXS.[REDACTED].", "api_key 0..45");
    check("{K1}xyz", "NNSXS.[REDACTED]", "api_key 0..101");
    check("{K1}==", "NNSXS.{I1}.[REDACTED]==", "api_key 0..98 id={I1} valid");
    check("{K1}-backup", "NNSXS.[REDACTED]", "api_key 0..105");
    check("{K1}.Thanks", "NNSXS.[REDACTED]", "api_key 0..105");
    check("{K1:..97}B", "NNSXS.{I1}.[REDACTED]", "api_key 0..98 id={I1}");
    check("NNSXS.{I1:..38}B.{S1}", "NNSXS.[REDACTED]", "api_key 0..98");
    check("NNSXS.{I1}X.{S1}", "NNSXS.[REDACTED]", "api_key 0..99");
    check("NNSXS.{S1}", "NNSXS.[REDACTED]", "api_key 0..58");
    check("NNSXS {I1} {S1}", "NNSXS {I1} [REDACTED]", "bare_secret 46..98");
    check("NNSXS..{I1}", "NNSXS.[REDACTED]", "api_key 0..46");
    check("x{K1}", "xNNSXS.{I1}.[REDACTED]", "api_key 1..99 id={I1} valid");
    check("3D{K1}", "3DNNSXS.{I1}.[REDACTED]", "api_key 2..100 id={I1} valid");
    check("NNSXS.XXXXXXXX", "NNSXS.[REDACTED]", "api_key 0..14");
}

/// What issue 8 found left readable: each form of paste damage, one line each.
#[test]
#[rustfmt::skip]
fn paste_damage() {
    // Invisible characters, a no-break space, a soft hyphen inside the secret.
    check("NNSXS.{I1}.{S1:..20}\u{200b}{S1:20..}", "NNSXS.{I1}.[REDACTED]", "api_key 0..99 id={I1} repairable");
    check("NNSXS.{I1}.{S1:..20}\u{a0}{S1:20..}", "NNSXS.{I1}.[REDACTED]", "api_key 0..99 id={I1} repairable");
    check("NNSXS.{I1}.{S1:..20}\u{ad}{S1:20..}", "NNSXS.{I1}.[REDACTED]", "api_key 0..99 id={I1} repairable");
    // Escaped dots: JSON, C, percent-encoded twice, HTML.
    check(r"NNSXS\u002E{I1}\u002E{S1}", "NNSXS.{I1}.[REDACTED]", "api_key 0..108 id={I1} repairable");
    check(r"NNSXS\x2e{I1}\x2e{S1}", "NNSXS.{I1}.[REDACTED]", "api_key 0..104 id={I1} repairable");
    check("NNSXS%252E{I1}%252E{S1}", "NNSXS.{I1}.[REDACTED]", "api_key 0..106 id={I1} repairable");
    check("NNSXS&#46;{I1}&#46;{S1}", "NNSXS.{I1}.[REDACTED]", "api_key 0..106 id={I1} repairable");
    // A JSON string with an escaped line break inside the key.
    check(r#"{"key": "NNSXS.{I1}.{S1:..20}\n{S1:20..}"}"#, r#"{"key": "NNSXS.{I1}.[REDACTED]"}"#, "api_key 9..109 id={I1} repairable");
    // Dots missing or replaced: the Key ID shows where the rest is otherwise a key.
    check("NNSXS{I1}{S1}", "NNSXS.{I1}.[REDACTED]", "api_key 0..96 id={I1}");
    check("NNSXS{I1}.{S1}", "NNSXS.{I1}.[REDACTED]", "api_key 0..97 id={I1}");
    check("NNSXS,{I1}.{S1}", "NNSXS.{I1}.[REDACTED]", "api_key 0..98 id={I1}");
    check("Bearer: NNSXS{I1}.{S1}", "Bearer: NNSXS.{I1}.[REDACTED]", "api_key 8..105 id={I1}");
    check("nnsxs{I1:lower}.{S1:lower}", "NNSXS.{I1}.[REDACTED]", "api_key 0..97 id={I1}");
    check("NNSXS{S1}", "NNSXS.[REDACTED]", "api_key 0..57");
    // Quote prefixes other than `>`, deep quotes, a hyphen at the wrap.
    check("> | NNSXS.{I1}.{S1:..20}\n> | {S1:20..}", "> | NNSXS.{I1}.[REDACTED]", "api_key 4..107 id={I1} repairable");
    check(": NNSXS.{I1}.{S1:..20}\n: {S1:20..}", ": NNSXS.{I1}.[REDACTED]", "api_key 2..103 id={I1} repairable");
    check("> > > > > > > > > > > > NNSXS.{I1}.{S1:..20}\n> > > > > > > > > > > > {S1:20..}", "> > > > > > > > > > > > NNSXS.{I1}.[REDACTED]", "api_key 24..147 id={I1} repairable");
    check("NNSXS.{I1}.{S1:..20}-\n{S1:20..}", "NNSXS.{I1}.[REDACTED]", "api_key 0..100 id={I1} repairable");
}

/// What line ends, encodings and markup put inside a wrapped key's secret, once the Key
/// ID is whole: the secret goes on across them (a leak hunt found each leaving the rest of
/// the secret shown).
#[test]
#[rustfmt::skip]
fn stretches_inside_the_secret() {
    // A serial console's line end, a doubled CR, quoted-printable `=20` before a break.
    check("[app] key=NNSXS.{I1}.{S1:..20}\n\r{S1:20..}\n\r", "[app] key=NNSXS.{I1}.[REDACTED]\n\r", "api_key 10..110 id=U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY repairable");
    check("TTS_API_KEY=NNSXS.{I1}.{S1:..20}\r\r\n{S1:20..}", "TTS_API_KEY=NNSXS.{I1}.[REDACTED]", "api_key 12..113 id=U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY repairable");
    check("NNSXS.{I1}.{S1:..20}=20\r\n{S1:20..}", "NNSXS.{I1}.[REDACTED]", "api_key 0..103 id=U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY repairable");
    check("NNSXS.{I1}.{S1:..20}=20=\r\n{S1:20..}", "NNSXS.{I1}.[REDACTED]", "api_key 0..104 id=U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY repairable");
    // A form body, HTML source, character references.
    check("key=NNSXS.{I1}.{S1:..20}%0D%0A{S1:20..}&x=1", "key=NNSXS.{I1}.[REDACTED]&x=1", "api_key 4..108 id=U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY repairable");
    check("key=NNSXS.{I1}.{S1:..20}+{S1:20..}", "key=NNSXS.{I1}.[REDACTED]", "api_key 4..103 id=U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY repairable");
    check("<p>NNSXS.{I1}.{S1:..20}<br>\n{S1:20..}</p>", "<p>NNSXS.{I1}.[REDACTED]</p>", "api_key 3..106 id=U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY repairable");
    check("<span>NNSXS.{I1}.{S1:..20}</span><span>{S1:20..}</span>", "<span>NNSXS.{I1}.[REDACTED]</span>", "api_key 6..117 id=U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY repairable");
    check("NNSXS.{I1}.{S1:..20}&#8203;{S1:20..}", "NNSXS.{I1}.[REDACTED]", "api_key 0..105 id=U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY repairable");
    // A string split over two lines of code.
    check("const k = \"NNSXS.{I1}.{S1:..20}\" +\n  \"{S1:20..}\";", "const k = \"NNSXS.{I1}.[REDACTED]\";", "api_key 11..116 id=U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY repairable");
    // Unicode line and paragraph separators, Word's line break, an ideographic space, a
    // look-alike letter in place of one of the secret's.
    check("NNSXS.{I1}.{S1:..20}\u{2028}{S1:20..}", "NNSXS.{I1}.[REDACTED]", "api_key 0..99 id=U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY repairable");
    check("NNSXS.{I1}.{S1:..20}\x0b{S1:20..}", "NNSXS.{I1}.[REDACTED]", "api_key 0..99 id=U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY repairable");
    check("NNSXS.{I1}.{S1:..20}\u{3000}{S1:20..}", "NNSXS.{I1}.[REDACTED]", "api_key 0..99 id=U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY repairable");
    check("NNSXS.{I1}.{S1:..20}\u{422}{S1:21..}", "NNSXS.[REDACTED]", "api_key 0..98");
    // Not across a longer run (a secret or a key of its own), nor into a prefix.
    check("NNSXS.{I1}.{S1:..20} and {S2}", "NNSXS.[REDACTED] and [REDACTED]", "api_key 0..66; bare_secret 71..123");
    check("NNSXS.{I1}.{S1:..20}\n\r{K2}", "NNSXS.[REDACTED]\n\r{K2:..46}[REDACTED]", "api_key 0..66; api_key 68..166 id=ZXPW62GWUYNYJIERJDHBIECRJEKYYDMACPPBEUI valid");
    // Nor across ordinary words after a truncated key.
    check("NNSXS.{I1}.{S1:..20}, I think; Regenerated yesterday", "NNSXS.[REDACTED], I think; Regenerated yesterday", "api_key 0..66");
}

/// Inputs the property tests and the longer random runs found, kept as table cases.
#[test]
#[rustfmt::skip]
fn found_by_property_tests() {
    // `TTS_API_KEY=` and the value on the next line: the `=` is no soft break there.
    check("TTS_API_KEY=\n{S1:..28}\n: {S1:28..}", "TTS_API_KEY=\n[REDACTED]", "bare_secret 13..68");
    check("TTS_API_KEY=\nThanks{K1}", "TTS_API_KEY=\nThanksNNSXS.{I1}.[REDACTED]", "api_key 19..117 id={I1} valid");
    // The mask of an earlier redaction is no piece of a secret (idempotence).
    check("{S1}\n{S1:10..}AA%2E", "[REDACTED]\n{S1:10..}AA%2E", "bare_secret 0..52");
    // A prefix glued to a placeholder's piece starts a token of its own.
    check("nnsxs.SHIF3PP5PB%252ENNSXSnnsxs.{I1}", "NNSXS.[REDACTED]NNSXS.[REDACTED]", "api_key 0..26; api_key 26..71");
    // A secret that holds a prefix: the letters glued on before it go with the token.
    check("{I1}.QWOMF2XI{S1:8..}", "{I1}.MF2XI.[REDACTED]", "authorization_code 40..92");
    // A line break, then letters glued to a prefix: a token of its own.
    check("NNSXS.help\nabcNNSXS\u{200e}.{I1}=\r\n.{S1}", "NNSXS.help\nabcNNSXS.{I1}.[REDACTED]", "api_key 14..116 id={I1} repairable");
    // A key glued to its prefix, split by two spaces.
    check("NNSXS{S1:..34}  {S1:34..}", "NNSXS.[REDACTED]", "api_key 0..59");
    // A cut-off secret, then the next key on its own line.
    check("nnsxs.{S1:..49}\n key {K1}", "NNSXS.[REDACTED] NNSXS.{I1}.[REDACTED]", "api_key 0..60; api_key 61..159 id={I1} valid");
    check(r"{S1:..30}\n{S1:30..}", "[REDACTED]", "bare_secret 0..54");
    // A secret whose next line holds a prefix's letters (`nnsxs`) with nothing after them
    // that starts a token: the line goes on, or 10 characters of the secret stay.
    check("NNSXS.ADWZ5SU6exkp6g4l2tgtuu \nh7nnsxsgf3", "NNSXS.[REDACTED]", "api_key 0..40");
    check("NNSXS.ADWZ5SU6exkp6g4l2tgtuu\nh7nnsxsgf3", "NNSXS.[REDACTED]", "api_key 0..39");
    check("\n> OK=\n\"api_key\": \"&OK\n\nNNSXS.ADWZ5SU6exkp6g4l2tgtuu \nh7nnsxsgf3\n> ", "\n> OK=\n\"api_key\": \"&OK\n\nNNSXS.[REDACTED]\n> ", "api_key 24..64");
    check("NNSXS.ADWZ5SU6exkp6g4l2tgtuu\u{200b}nnsxsgf3", "NNSXS.[REDACTED]", "api_key 0..37");
    // A wrapped key whose secret holds a prefix right after the wrap: the next line is
    // exactly the secret's rest, so the key stays whole.
    check("NNSXS.{I1}.{S1:..20}\nABNNSXS{S1:27..}", "NNSXS.{I1}.[REDACTED]", "api_key 0..99 id={I1} repairable");
    // A prefix on the next line with a key's run glued after it still starts a token.
    check("NNSXS.{S1:..22}\nabNNSXS{I1}{S1}", "NNSXS.[REDACTED]\nabNNSXS.{I1}.[REDACTED]", "api_key 0..28; api_key 31..127 id={I1}");
    // A word, then a key with a prefix glued to 39 more letters on the same line: the
    // key is a token of its own, not the word's continuation.
    check("MFRWG.please nnsxs{I1:lower}:{S1:lower}", "MFRWG.please NNSXS.{I1}.[REDACTED]", "api_key 13..110 id={I1}");
    // A prefix after an inserted character, with too little glued on to start a token:
    // read once as a body, it is read so again after redaction.
    check("nnsxs.mf2xi&shy;NNSXS,7777{K1:lower}", "nnsxs.mf2xi&shy;NNSXS,NNSXS.{I1}.[REDACTED]", "api_key 22..124 id={I1} repairable");
    // A Key ID that holds a prefix right after an inserted character is still one.
    check("NNSXS.Q\u{ad}ONZW4{I1:6..}.{S1}", "NNSXS.QONZW4{I1:6..}.[REDACTED]", "api_key 0..99 id=QONZW4{I1:6..} repairable");
    // A name glued on by a soft break and a key on the next line make no bare secret.
    check("TTS_API_KEY=\nERROR\nNNSXS{I1:..38}Q.{S1}", "TTS_API_KEY=\nERROR\nNNSXS.{I1:..38}Q.[REDACTED]", "api_key 19..116 id={I1:..38}Q");
    // A secret without its Key ID, wrapped with fewer than 8 characters left: its rest.
    check("NNSXS.{S1:..21}\n: {S1:21..45}\n{S1:45..}", "NNSXS.[REDACTED]", "api_key 0..62");
    // A bare secret that holds a prefix near its end, where no token body follows it.
    check("secret: {S1:..44}NNSXSQIA ok", "secret: [REDACTED] ok", "bare_secret 8..60");
}

#[test]
#[rustfmt::skip]
fn bare_secrets() {
    check("secret: {S1}\n", "secret: [REDACTED]\n", "bare_secret 8..60");
    check("{I1}.{S1}", "{I1}.[REDACTED]", "bare_secret 40..92");
    check(r#""\n{S1}""#, r#""\n[REDACTED]""#, "bare_secret 3..55");
    check("?s=%20{S1}&", "?s=%20[REDACTED]&", "bare_secret 6..58");
    check("s=3D{S1}", "s=3D[REDACTED]", "bare_secret 4..56");
    check("{S2}", "[REDACTED]", "bare_secret 0..52");
    // A CRM lower-cases whole tickets.
    check("{S1:lower}", "[REDACTED]", "bare_secret 0..52");
    // Not a secret: wrong last character, wrong length, glued on, lower case.
    check("{S1:..51}B", "{S1:..51}B", "");
    check("{S1}A", "{S1}A", "");
    check("{S1:..51}", "{S1:..51}", "");
    check("x{S1}", "x{S1}", "");
}

#[test]
#[rustfmt::skip]
fn left_alone() {
    // A bare Key ID is not secret: neither redacted nor reported.
    check("Key ID {I1} was revoked", "Key ID {I1} was revoked", "");
    check("Keys start with NNSXS. The id follows.", "Keys start with NNSXS. The id follows.", "");
    check("the NNSXS prefix, nnsxs, NNSXS", "the NNSXS prefix, nnsxs, NNSXS", "");
    check("NNSXS.<id>.<secret>", "NNSXS.<id>.<secret>", "");
    check("NNSXS... and NNSXS.", "NNSXS... and NNSXS.", "");
    // Placeholders: no piece as long as 8 characters, so no secret could hide in one.
    check("MFRWG.token_id.token_key", "MFRWG.token_id.token_key", "");
    check("NNSXS.XXXX.YYYY and NNSXS.KEY_ID.KEY_SECRET", "NNSXS.XXXX.YYYY and NNSXS.KEY_ID.KEY_SECRET", "");
    check("NNSXS.your-key-id.your-api-key", "NNSXS.your-key-id.your-api-key", "");
    check("Prefix: NNSXS.\nThe id comes next", "Prefix: NNSXS.\nThe id comes next", "");
    check("`NNSXS.` or `MFRWG.`", "`NNSXS.` or `MFRWG.`", "");
    check("sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "");
    check("SHA256 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08", "SHA256 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08", "");
    check("id 0f8fad5b-d9cb-469f-a165-70867728950e", "id 0f8fad5b-d9cb-469f-a165-70867728950e", "");
    check("dGhlIHF1aWNrIGJyb3duIGZveCBqdW1wcyBvdmVyIHRoZSBsYXp5IGRvZw==", "dGhlIHF1aWNrIGJyb3duIGZveCBqdW1wcyBvdmVyIHRoZSBsYXp5IGRvZw==", "");
    check("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.SflKxwRJSMeKKF2QT4fwpM", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.SflKxwRJSMeKKF2QT4fwpM", "");
    check("dev_eui 70B3D57ED005A1B2, host eu1.cloud.thethings.network", "dev_eui 70B3D57ED005A1B2, host eu1.cloud.thethings.network", "");
}

#[test]
#[rustfmt::skip]
fn already_redacted() {
    check("NNSXS.{I1}.[REDACTED]", "NNSXS.{I1}.[REDACTED]", "");
    check("NNSXS.[REDACTED] and MFRWG.[REDACTED]", "NNSXS.[REDACTED] and MFRWG.[REDACTED]", "");
    check("secret: [REDACTED]", "secret: [REDACTED]", "");
    check("nnsxs.{I1}.[REDACTED]", "nnsxs.{I1}.[REDACTED]", "");
    // Secret text before a mask is still redacted.
    check("NNSXS.{S1:..20}.[REDACTED]", "NNSXS.[REDACTED]", "api_key 0..37");
    check("NNSXS.{I1}.{S1:..9}.[REDACTED]", "NNSXS.[REDACTED]", "api_key 0..66");
}

#[test]
#[rustfmt::skip]
fn utf16_offsets() {
    check("Grüße 😀 {K1}", "Grüße 😀 NNSXS.{I1}.[REDACTED]", "api_key 9..107 id={I1} valid");
    check("é{K1}é{S2}", "éNNSXS.{I1}.[REDACTED]é[REDACTED]", "api_key 1..99 id={I1} valid; bare_secret 100..152");
    check("日本語のキー: {K1}", "日本語のキー: NNSXS.{I1}.[REDACTED]", "api_key 8..106 id={I1} valid");
    check("𝄞𝄞 > {K1:..60}\n> {K1:60..} 𝄞 {S2}", "𝄞𝄞 > NNSXS.{I1}.[REDACTED] 𝄞 [REDACTED]", "api_key 7..108 id={I1} repairable; bare_secret 112..164");
}

#[test]
fn kind_codes() {
    let codes: Vec<&str> = TokenKind::ALL
        .into_iter()
        .map(|kind| FindingKind::Token(kind).code())
        .collect();
    assert_eq!(
        codes,
        [
            "api_key",
            "oauth_access_token",
            "oauth_refresh_token",
            "authorization_code",
            "session_token"
        ]
    );
    assert_eq!(FindingKind::BareSecret.code(), "bare_secret");
    // The fast scan marks a separator only with `X` or `W` two bytes before it.
    for kind in TokenKind::ALL {
        assert!(
            matches!(kind.prefix().as_bytes().get(3), Some(b'X' | b'W')),
            "{kind:?}"
        );
    }
    assert_eq!(FindingKind::BareSecret.token_kind(), None);
    assert_eq!(
        FindingKind::Token(TokenKind::ApiKey).token_kind(),
        Some(TokenKind::ApiKey)
    );
}

#[test]
fn autotraits() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Redaction>();
    assert_send_sync::<Finding>();
    assert_send_sync::<FindingKind>();
}

/// Redacts the expanded `input`, then asserts the expanded `expect_text`, the findings
/// rendered as `<code> <start>..<end>[ id=<key id>][ valid]` joined by `; `, that each
/// `valid` span parses as an `ApiKey`, and that a second redaction changes nothing.
#[track_caller]
fn check(input: &str, expect_text: &str, expect_findings: &str) {
    let input = expand(input);
    let redaction = redact_text(&input);
    assert_eq!(
        redaction.text,
        expand(expect_text),
        "redacted text of {input:?}"
    );
    assert_eq!(
        render(&redaction.findings),
        expand(expect_findings),
        "findings of {input:?}"
    );
    let units: Vec<u16> = input.encode_utf16().collect();
    for finding in redaction.findings.iter().filter(|finding| finding.valid) {
        let span = String::from_utf16(&units[finding.start..finding.end]).unwrap_or_default();
        assert!(
            ApiKey::parse(&span).is_ok(),
            "a valid span of {input:?} does not parse"
        );
    }
    let again = redact_text(&redaction.text);
    assert_eq!(again.text, redaction.text, "second redaction of {input:?}");
    assert_eq!(render(&again.findings), "", "second redaction of {input:?}");
}

fn render(findings: &[Finding]) -> String {
    let rendered: Vec<String> = findings
        .iter()
        .map(|finding| {
            let mut line = format!("{} {}..{}", finding.kind.code(), finding.start, finding.end);
            if let Some(key_id) = &finding.key_id {
                line.push_str(" id=");
                line.push_str(key_id);
            }
            if finding.valid {
                line.push_str(" valid");
            }
            if finding.repairable {
                line.push_str(" repairable");
            }
            line
        })
        .collect();
    rendered.join("; ")
}

/// Replaces the `{NAME}` and `{NAME:modifier}` placeholders; other braces stay.
fn expand(template: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let value = rest[open..].find('}').and_then(|close| {
            placeholder(&rest[open + 1..open + close]).map(|value| (value, open + close + 1))
        });
        match value {
            Some((value, after)) => {
                out.push_str(&value);
                rest = &rest[after..];
            }
            None => {
                out.push('{');
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn placeholder(spec: &str) -> Option<String> {
    let (name, modifier) = spec.split_once(':').unwrap_or((spec, ""));
    let (part, number) = name.split_at(1);
    let key = match number {
        "1" => K1.to_owned(),
        "2" => K2.to_owned(),
        "3" | "4" | "5" => generated_key(number.parse().ok()?),
        _ => return None,
    };
    let value = match part {
        "K" => key.as_str(),
        "I" => &key[6..45],
        "S" => &key[46..],
        _ => return None,
    };
    let chars: Vec<char> = value.chars().collect();
    Some(match modifier {
        "" => value.to_owned(),
        "lower" => value.to_lowercase(),
        range => {
            let (from, to) = range.split_once("..")?;
            let from = if from.is_empty() {
                0
            } else {
                from.parse().ok()?
            };
            let to = if to.is_empty() {
                chars.len()
            } else {
                to.parse().ok()?
            };
            chars[from..to].iter().collect()
        }
    })
}

/// A well-formed API key made from `seed` (splitmix64), so fixtures need no more
/// literal keys.
fn generated_key(seed: u64) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
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
            .map(|_| char::from(ALPHABET[(next() % 32) as usize]))
            .collect();
        text.push(char::from(last[(next() % last.len() as u64) as usize]));
        text
    };
    let id = part(39, b"AIQY");
    let secret = part(52, b"AQ");
    format!("NNSXS.{id}.{secret}")
}

/// The fast scan looks for a prefix by its 4th and 5th characters: these are all there
/// are (`redact::next_event` and its SIMD stage test exactly these pairs).
#[test]
fn prefixes_end_in_the_pairs_the_fast_scan_looks_for() {
    let mut pairs: Vec<&str> = tts_keycheck::TokenKind::ALL
        .iter()
        .map(|kind| &kind.prefix()[3..5])
        .collect();
    pairs.sort_unstable();
    assert_eq!(pairs, ["W4", "WG", "WM", "XI", "XS"]);
}

/// The fast scan's crate cannot see `TokenKind`: its own list of pairs is exactly the
/// prefixes' 4th and 5th characters.
#[test]
fn the_fast_scan_crate_holds_the_prefixes_pairs() {
    let mut pairs: Vec<[u8; 2]> = tts_keycheck::TokenKind::ALL
        .iter()
        .map(|kind| {
            let prefix = kind.prefix().as_bytes();
            [prefix[3], prefix[4]]
        })
        .collect();
    let mut scan = tts_keycheck_scan::PREFIX_PAIRS.to_vec();
    pairs.sort_unstable();
    scan.sort_unstable();
    assert_eq!(scan, pairs);
}
