//! The one masking rule: which characters of a token may be shown.
//!
//! Every output that shows a key, or part of one, derives from [`reading`]: the redacted
//! form and Key ID of `check`, the anatomy under the Key Secret field (drawn from the
//! check's parts), and every token `redact_text` finds. No other code
//! decides, by counting dots or positions, what of a paste may be shown.
//!
//! # The rule
//!
//! The input is a token read into *cells*, one per character that stands for a key
//! character: an upper-case base32 character (`A–Z`, `2–7`, after case folding and
//! look-alike mapping), a separator `.`, or [`OTHER`] for anything else (a typo, a
//! comma, a digit no key has). What surrounds a token (whitespace, quotes, `Bearer `,
//! line breaks, invisible characters) is not in the cells.
//!
//! A cell is shown only when it is positively part of the token type or of a well-formed
//! Key ID:
//!
//! - **The token type** is shown when the cells start with one of the five prefixes.
//! - **The Key ID** is shown when 39 cells in the ID's place are base32 and end in `A`,
//!   `I`, `Q` or `Y`, and the rest is otherwise a key. The ID's place is right after the
//!   type and one separator, right after the type (the separator missing), or at the start
//!   when the type is missing. After the 39 cells come one separator and exactly 52 cells
//!   of secret with no separator among them. A separator is a `.` or one [`OTHER`] cell (a
//!   dot replaced by a comma, say). With the type present, the separator between Key ID
//!   and secret may be missing too, but then the evidence is weaker and more must hold:
//!   all 91 cells are base32 and the secret ends in `A` or `Q`.
//! - **Everything else is hidden**, separators included when no Key ID is shown.
//!
//! Invariant: a secret has 52 characters, so 39 of them in the ID's place leave at most
//! 13 for the secret's place, never the 52 the rule asks for; a damaged paste of one key
//! can therefore never have a stretch of its secret read as its Key ID. When in doubt,
//! the rule hides.

use crate::key::{
    is_base32, is_id_last, is_secret_last, TokenKind, ID_LEN, PREFIX_LEN, SECRET_LEN,
};

/// The cell for a character that stands for no key character.
pub const OTHER: u8 = 0;

/// The cell for a separator.
pub const SEPARATOR: u8 = b'.';

/// What the rule lets a reader see of a token.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Reading {
    /// The token type, when the cells start with a prefix (its cells are `0..5`).
    pub kind: Option<TokenKind>,
    /// The cells of the Key ID, when one may be shown: `start..start + 39`.
    pub id_start: Option<usize>,
    /// Whether the cells are a whole, well-formed token of `kind` (or of an API key when
    /// the type is missing): type, separators, Key ID and a secret with its last-character
    /// rule, each cell in place. Only then is a paste *repairable* to a key.
    pub complete: bool,
}

impl Reading {
    /// The cells that may be shown of the Key ID, if any.
    pub fn id_range(&self) -> Option<std::ops::Range<usize>> {
        self.id_start.map(|start| start..start + ID_LEN)
    }

    /// The Key ID's text out of `cells`, when one may be shown.
    pub fn key_id<'a>(&self, cells: &'a [u8]) -> Option<&'a str> {
        let range = self.id_range()?;
        cells.get(range).and_then(|id| std::str::from_utf8(id).ok())
    }

    /// Whether the cell at `index` may be shown.
    pub fn shows(&self, index: usize) -> bool {
        (self.kind.is_some() && index < PREFIX_LEN)
            || self.id_range().is_some_and(|range| range.contains(&index))
    }
}

/// Applies the masking rule to a token read into `cells` (see the module docs).
pub fn reading(cells: &[u8]) -> Reading {
    let kind = cells.get(..PREFIX_LEN).and_then(TokenKind::from_prefix);
    let mut reading = Reading {
        kind,
        ..Reading::default()
    };
    let body_start = if kind.is_some() { PREFIX_LEN } else { 0 };
    let body = cells.get(body_start..).unwrap_or_default();
    if let Some(shape) = body_shape(body, kind.is_some()) {
        reading.id_start = Some(body_start + shape.id_start);
        reading.complete = kind.is_some() && shape.complete;
    }
    reading
}

/// Where the Key ID sits in a token body, and whether the body is a whole key.
struct BodyShape {
    id_start: usize,
    complete: bool,
}

fn is_id(cells: &[u8]) -> bool {
    cells.len() == ID_LEN && cells.iter().all(|&c| is_base32(c)) && is_id_last(cells[ID_LEN - 1])
}

fn is_strict_secret(cells: &[u8]) -> bool {
    cells.len() == SECRET_LEN
        && cells.iter().all(|&c| is_base32(c))
        && is_secret_last(cells[SECRET_LEN - 1])
}

fn is_separator(cell: u8) -> bool {
    cell == SEPARATOR || cell == OTHER
}

/// Finds the Key ID's place in `body` (the cells after the type, if any), when the body is
/// otherwise a key.
fn body_shape(body: &[u8], has_type: bool) -> Option<BodyShape> {
    // The separator before the Key ID, if there is one.
    let lead = usize::from(body.first().copied().is_some_and(is_separator));
    let id = body.get(lead..lead + ID_LEN).filter(|id| is_id(id))?;
    let rest = &body[lead + ID_LEN..];
    // `.<id>.<secret>`, `<type><id>.<secret>` and, without the type, `<id>.<secret>`: a
    // separator, then exactly 52 cells with no separator among them.
    if let Some((&separator, secret)) = rest.split_first() {
        if is_separator(separator) && secret.len() == SECRET_LEN && !secret.contains(&SEPARATOR) {
            let dotted = (lead == 0 || body[0] == SEPARATOR) && separator == SEPARATOR;
            return Some(BodyShape {
                id_start: lead,
                complete: lead == 1 && dotted && is_strict_secret(secret),
            });
        }
    }
    // `<type>.<id><secret>` or `<type><id><secret>`: the second separator is missing, so
    // the 91 cells must all be key characters and the secret must end as a secret does.
    if has_type && is_strict_secret(rest) {
        debug_assert_eq!(id.len(), ID_LEN);
        return Some(BodyShape {
            id_start: lead,
            complete: false,
        });
    }
    None
}
