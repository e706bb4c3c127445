//! The support panel's decisions, pure: from a redaction, the table of findings (what
//! each is, its Key ID when the masking rule shows it, whether it is well-formed,
//! repairable or unusable) and the status line, with real plurals; and for a file, the
//! name of the redacted download, the progress line and the status when it is done.
//!
//! The DOM layer (`web::support`) redacts, calls [`view`], and renders the rows; it
//! decides nothing itself. Pinned by `tests/support.rs`.

use crate::key::TokenKind;
use crate::redact::{Finding, FindingKind, Redaction};

/// What a finding's format is, for the table.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Format {
    /// Exactly a well-formed API key.
    WellFormed,
    /// A whole API key once a paste's damage is undone (case, wraps, inserted
    /// characters, escaped dots): the customer's key, intact.
    Repairable,
    /// Anything else: another token kind, a cut or changed key, a secret alone.
    NotUsable,
}

impl Format {
    /// The cell's text.
    pub fn label(self) -> &'static str {
        match self {
            Format::WellFormed => "well-formed",
            Format::Repairable => "repairable",
            Format::NotUsable => "not a usable key",
        }
    }

    /// Whether the cell reads as good news.
    pub fn is_good(self) -> bool {
        !matches!(self, Format::NotUsable)
    }
}

/// One row of the table.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Row {
    /// What was found (`API key`, `OAuth access token`, `secret`).
    pub what: &'static str,
    /// The Key ID, when the masking rule shows it.
    pub key_id: Option<String>,
    /// Its format.
    pub format: Format,
}

/// What the panel shows for a redaction.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct View {
    /// The table's rows, in text order.
    pub rows: Vec<Row>,
    /// The status line (empty for an empty text).
    pub summary: String,
    /// How many findings are well-formed keys that a live check can test.
    pub n_testable: usize,
}

/// The format of a finding.
pub fn format_of(finding: &Finding) -> Format {
    if finding.valid {
        Format::WellFormed
    } else if finding.repairable {
        Format::Repairable
    } else {
        Format::NotUsable
    }
}

/// Decides what the panel shows for `redaction` of a text that was `empty` or not.
pub fn view(redaction: &Redaction, empty: bool) -> View {
    view_findings(&redaction.findings, empty)
}

/// Decides what the panel shows for `findings` in a text that was `empty` or not (a
/// pasted text's, or a file's as `redactFile` found them).
pub fn view_findings(findings: &[Finding], empty: bool) -> View {
    let rows: Vec<Row> = findings
        .iter()
        .map(|finding| Row {
            what: finding.kind.label(),
            key_id: finding.key_id.clone(),
            format: format_of(finding),
        })
        .collect();
    let count = |format: Format| rows.iter().filter(|row| row.format == format).count();
    let (well_formed, repairable) = (count(Format::WellFormed), count(Format::Repairable));
    let count_kind = |wanted: fn(&Finding) -> bool| findings.iter().filter(|f| wanted(f)).count();
    let n_api_keys = count_kind(|f| f.kind == FindingKind::Token(TokenKind::ApiKey));
    let n_secrets = count_kind(|f| f.kind == FindingKind::BareSecret);
    let n_other = rows.len() - n_api_keys - n_secrets;
    let summary = if rows.is_empty() {
        if empty {
            String::new()
        } else {
            "No keys found.".to_owned()
        }
    } else {
        let found: Vec<String> = [
            (n_api_keys, "API key", "API keys"),
            (n_other, "other token", "other tokens"),
            (n_secrets, "secret on its own", "secrets on their own"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| plural(n, one, many))
        .collect();
        let mut formats = Vec::new();
        if well_formed > 0 {
            formats.push(format!("{well_formed} well-formed"));
        }
        if repairable > 0 {
            formats.push(format!("{repairable} repairable"));
        }
        let mut summary = format!("Redacted {}", and_list(&found));
        if !formats.is_empty() {
            summary.push_str(": ");
            push_joined(&mut summary, &formats, ", ");
        }
        summary.push('.');
        summary
    };
    View {
        rows,
        summary,
        n_testable: well_formed,
    }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => {
            let mut list = String::new();
            push_joined(&mut list, init, ", ");
            list.push_str(" and ");
            list.push_str(last);
            list
        }
    }
}

/// Appends `items` with `separator` between them (what `join` does, without the
/// standard library's generic joiner in the wasm).
fn push_joined(out: &mut String, items: &[String], separator: &str) {
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            out.push_str(separator);
        }
        out.push_str(item);
    }
}

/// `n` and the noun in the number it takes.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The kind of a finding from its code, as JS sees it in `kind` (the inverse of
/// [`FindingKind::code`]).
pub fn finding_kind(code: &str) -> Option<FindingKind> {
    if code == FindingKind::BareSecret.code() {
        return Some(FindingKind::BareSecret);
    }
    TokenKind::ALL
        .iter()
        .find(|kind| kind.code() == code)
        .map(|&kind| FindingKind::Token(kind))
}

/// The name of the redacted download of a file named `name`: `.redacted` before the
/// extension (`capture.har` → `capture.redacted.har`), or at the end when there is none
/// (`README`, `.env`). A name with a path keeps only its last part.
pub fn redacted_name(name: &str) -> String {
    let name = name.rsplit(['/', '\\']).next().unwrap_or(name).trim();
    if name.is_empty() {
        return "redacted.txt".to_owned();
    }
    // `split_at_checked`, not `&name[..dot]`: no slicing panic, whose message formatting
    // was 4 KB of the support panel's wasm.
    match name.rfind('.').and_then(|dot| name.split_at_checked(dot)) {
        // Not a leading dot (`.env`) and not a trailing one (`notes.`).
        Some((stem, extension)) if !stem.is_empty() && extension.len() > 1 => {
            format!("{stem}.redacted{extension}")
        }
        _ => format!("{name}.redacted"),
    }
}

/// Where redacting a file stands, for the progress bar.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Progress {
    /// The bar's value, 0 to 100: 100 only when every byte is done.
    pub percent: u32,
    /// The line beside it: `Redacting capture.har: 42 % of 12.5 MB`.
    pub label: String,
}

/// The progress of redacting `name` after `done` of `total` bytes.
pub fn progress(name: &str, done: u64, total: u64) -> Progress {
    let percent = if done >= total {
        100
    } else {
        // Floored, so 100 % means done: the largest p with p * total <= done * 100, in
        // 128 bits so that no file size overflows, found by comparing products (no
        // 128-bit division in the wasm).
        let scaled = u128::from(done) * 100;
        (0..100u32)
            .rev()
            .find(|&p| u128::from(p) * u128::from(total) <= scaled)
            .unwrap_or(0)
    };
    Progress {
        percent,
        label: format!("Redacting {name}: {percent} % of {}", size_label(total)),
    }
}

/// The status line once a file is redacted: its name and the summary of the table.
pub fn file_summary(name: &str, view: &View) -> String {
    if view.rows.is_empty() {
        format!("{name}: no keys found. The redacted file is the same as the original.")
    } else {
        format!("{name}: {}", view.summary)
    }
}

/// A byte count for people: `512 bytes`, `12.5 KB`, `64.0 MB`, `1.2 GB` (powers of 1000,
/// one decimal).
pub fn size_label(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1_000_000_000, "GB"), (1_000_000, "MB"), (1_000, "KB")];
    for (unit, name) in UNITS {
        if bytes >= unit {
            // Tenths, rounded down, in integers (no float formatting in the wasm).
            let tenths = bytes / (unit / 10);
            return format!("{}.{} {name}", tenths / 10, tenths % 10);
        }
    }
    plural(
        usize::try_from(bytes).unwrap_or(usize::MAX),
        "byte",
        "bytes",
    )
}
