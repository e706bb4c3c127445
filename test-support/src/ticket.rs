//! Text for the redactor's property tests: ordinary text made of what tickets, mails,
//! logs and config files hold (words, headers, timestamps, hashes, IDs, placeholders,
//! prose about prefixes), with damaged keys ([`Damaged`], scope [`Scope::Text`])
//! planted in it.

use crate::damage::{Damaged, Scope};
use crate::rng::Rng;

/// Pieces of ordinary tickets, mails, logs and config files; none is, or holds, a key.
pub const WORDS: &[&str] = &[
    "Hi",
    "Hello",
    "team,",
    "my",
    "API",
    "key",
    "is",
    "not",
    "working",
    "please",
    "help",
    "Thanks!",
    "Regards,",
    "Bob",
    "I",
    "think",
    "it",
    "was",
    "cut",
    "OK",
    "THANKS",
    "IMPORTANT",
    "Authorization: Bearer",
    "curl -H \"Authorization: Bearer",
    "\"api_key\": \"",
    "api_key:",
    "TTS_API_KEY=",
    "https://eu1.cloud.thethings.network/api/v3/auth_info?key=",
    "Bearer%20",
    "2024-05-01T12:00:00.123Z",
    "ERROR",
    "level=warn",
    "msg=\"auth failed\"",
    "NNSXS",
    "NNSXS.",
    "nnsxs",
    "MFRWG.",
    "ONZW4",
    "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "0f8fad5b-d9cb-469f-a165-70867728950e",
    "dGhlIHF1aWNrIGJyb3duIGZveA==",
    "Grüße",
    "😀",
    "é",
    "日本語",
    "[REDACTED]",
    "NNSXS.[REDACTED]",
    "=3D",
    "%2E",
    "...",
    "-",
    "—",
    "\t",
    "eu1.cloud.thethings.network",
    "v3.32.1",
    "70B3D57ED005A1B2",
];

/// Placeholders from code and docs: token-shaped, but no piece is as long as 8
/// characters, or they hold characters no key has. They must come back unchanged.
pub const PLACEHOLDERS: &[&str] = &[
    "MFRWG.token_id.token_key",
    "NNSXS.XXXX.YYYY",
    "NNSXS.<key-id>.<secret>",
    "NNSXS.<id>.<secret>",
    "NNSXS.KEY_ID.KEY_SECRET",
    "NNSXS.your-key-id.your-api-key",
    "ONZW4.session_id.secret",
    "OJSWM.refresh_token",
    "MF2XI.auth-code",
    "nnsxs.abc.def",
    "NNSXS.…",
    "NNSXS.${KEY_ID}.${KEY_SECRET}",
    "`NNSXS.`",
    "NNSXS-prefixed",
    "the NNSXS prefix",
    "NNSXS...",
];

/// What separates two items of ordinary text.
pub const SEPARATORS: &[&str] = &[
    " ", " ", " ", "\n", "\n> ", "\r\n", ", ", ". ", "\"", "&", ")", "\n\n", "=\n", "",
];

/// What may stand next to a planted key without becoming part of it.
pub const KEY_SEPARATORS: &[&str] = &[
    " ", " ", "\n", "\n> ", "\r\n", ", ", ". ", "\"", "&", ")", "\n\n", " | ", "; ",
];

/// A text with damaged keys in it.
#[derive(Debug, Clone)]
pub struct Ticket {
    /// The text.
    pub text: String,
    /// The keys planted in it, in order.
    pub planted: Vec<Damaged>,
}

/// A text of up to `max_items` items from `rng`: ordinary words, with a damaged key as
/// about one item in four, never two keys in a row.
pub fn ticket(rng: &mut Rng, max_items: usize) -> Ticket {
    let n_items = rng.range(1, max_items.max(2));
    let mut text = String::new();
    let mut planted = Vec::new();
    let mut after_key = false;
    for _ in 0..n_items {
        // Keys are apart from each other by at least one word: two damaged keys with only
        // a space or a line break between them may be read as one token (see `redact`).
        if !after_key && rng.chance(25) {
            let damaged = Damaged::generate(rng, Scope::Text);
            // Nothing may glue onto a key's ends but what its damage glued on.
            text.push_str(rng.pick(KEY_SEPARATORS));
            text.push_str(&damaged.text());
            text.push_str(rng.pick(KEY_SEPARATORS));
            planted.push(damaged);
            after_key = true;
        } else {
            let separators = if after_key {
                KEY_SEPARATORS
            } else {
                SEPARATORS
            };
            text.push_str(rng.pick(separators));
            text.push_str(rng.pick(WORDS));
            after_key = false;
        }
    }
    Ticket { text, planted }
}

/// Ordinary text of up to `max_items` items, without any key: words and placeholders.
pub fn ordinary(rng: &mut Rng, max_items: usize) -> String {
    let n_items = rng.range(1, max_items.max(2));
    let mut text = String::new();
    for _ in 0..n_items {
        text.push_str(rng.pick(KEY_SEPARATORS));
        if rng.chance(30) {
            text.push_str(rng.pick(PLACEHOLDERS));
        } else {
            text.push_str(rng.pick(WORDS));
        }
    }
    text
}
