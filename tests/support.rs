//! The support panel's decisions as data: one line per text, with the table's rows
//! (what, Key ID, format) and the status line.

use test_support::keys::{seeded, K1, K2};
use tts_keycheck::redact_text;
use tts_keycheck::support::view;

/// Renders the panel's view of `text` as `rows | summary`, naming Key IDs by their
/// first four characters.
#[track_caller]
fn case(text: &str, expect: &str) {
    let v = view(&redact_text(text), text.is_empty());
    let rows: Vec<String> = v
        .rows
        .iter()
        .map(|row| {
            let id = row.key_id.as_deref().map_or("-", |id| &id[..4]);
            format!("{} {} {}", row.what, id, row.format.label())
        })
        .collect();
    assert_eq!(
        format!("{} | {}", rows.join("; "), v.summary),
        expect,
        "{text:?}"
    );
    assert_eq!(
        v.n_testable,
        v.rows
            .iter()
            .filter(|row| row.format.label() == "well-formed")
            .count()
    );
}

#[test]
fn rows_and_summary() {
    let k3 = seeded(3);
    case("", " | ");
    case("nothing here", " | No keys found.");
    case(
        K1,
        "API key U4H3 well-formed | Redacted 1 API key: 1 well-formed.",
    );
    // A CRM lower-cases a whole ticket: the Key ID is still there, and it is repairable.
    case(
        &format!("key {} and {K2}", K1.to_lowercase()),
        "API key U4H3 repairable; API key ZXPW well-formed | Redacted 2 API keys: 1 well-formed, 1 repairable.",
    );
    case(
        &format!("{}\n> {}", &K1[..70], &K1[70..]),
        "API key U4H3 repairable | Redacted 1 API key: 1 repairable.",
    );
    case(
        &format!("cut: {} and {}", &K1[..80], &k3[46..]),
        "API key - not a usable key; secret - not a usable key | Redacted 1 API key and 1 secret on its own.",
    );
    case(
        &format!("MFRWG.{} ONZW4.{} {K1}", &k3[6..], &k3[6..]),
        "OAuth access token DWTC not a usable key; Console session token DWTC not a usable key; API key U4H3 well-formed | Redacted 1 API key and 2 other tokens: 1 well-formed.",
    );
}
