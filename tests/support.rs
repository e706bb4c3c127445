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

/// The download's name: `.redacted` before the extension.
#[test]
fn redacted_names() {
    let case = |name: &str, expect: &str| {
        assert_eq!(
            tts_keycheck::support::redacted_name(name),
            expect,
            "{name:?}"
        );
    };
    case("capture.har", "capture.redacted.har");
    case("app.log", "app.redacted.log");
    case("ticket 4711.eml", "ticket 4711.redacted.eml");
    case("logs.tar.gz", "logs.tar.redacted.gz");
    case("README", "README.redacted");
    case(".env", ".env.redacted");
    case("notes.", "notes..redacted");
    case("C:\\Users\\me\\trace.json", "trace.redacted.json");
    case("", "redacted.txt");
}

/// The progress line: floored percent, 100 only when done, sizes for people.
#[test]
fn progress_lines() {
    let case = |done: u64, total: u64, expect: &str| {
        let p = tts_keycheck::support::progress("app.log", done, total);
        assert_eq!(format!("{} | {}", p.percent, p.label), expect);
    };
    case(0, 64_000_000, "0 | Redacting app.log: 0 % of 64.0 MB");
    case(
        4_194_304,
        64_000_000,
        "6 | Redacting app.log: 6 % of 64.0 MB",
    );
    case(
        63_999_999,
        64_000_000,
        "99 | Redacting app.log: 99 % of 64.0 MB",
    );
    case(
        64_000_000,
        64_000_000,
        "100 | Redacting app.log: 100 % of 64.0 MB",
    );
    case(0, 0, "100 | Redacting app.log: 100 % of 0 bytes");
    case(1, 1, "100 | Redacting app.log: 100 % of 1 byte");
    case(5, 12_500, "0 | Redacting app.log: 0 % of 12.5 KB");
    case(
        u64::MAX / 2,
        u64::MAX,
        "49 | Redacting app.log: 49 % of 18446744073.7 GB",
    );
}

/// A file's status line, and finding kinds read back from their codes.
#[test]
fn file_summaries_and_kinds() {
    use tts_keycheck::support::{file_summary, finding_kind, view_findings};
    let found = redact_text(&format!("{K1} {}", K2.to_lowercase())).findings;
    assert_eq!(
        file_summary("capture.har", &view_findings(&found, false)),
        "capture.har: Redacted 2 API keys: 1 well-formed, 1 repairable."
    );
    assert_eq!(
        file_summary("empty.log", &view_findings(&[], false)),
        "empty.log: no keys found. The redacted file is the same as the original."
    );
    for finding in &found {
        assert_eq!(finding_kind(finding.kind.code()), Some(finding.kind));
    }
    assert_eq!(
        finding_kind("bare_secret"),
        Some(tts_keycheck::FindingKind::BareSecret)
    );
    assert_eq!(finding_kind("api_key").map(|k| k.label()), Some("API key"));
    assert_eq!(finding_kind("nonsense"), None);
}
