//! What a paste can do to a key, as data: every damage operator, applied one after the
//! other to a key held as pieces that remember where each character came from, and
//! drawn at random from a seed within a [`Scope`].
//!
//! The operators: drop, duplicate or replace either dot (by punctuation, a full-width
//! dot, or a percent-, quoted-printable-, JSON-, C- or HTML-escaped dot); drop the
//! prefix; the secret alone; the prefix and the secret; insert whitespace, line breaks
//! with quote markers, a hyphen at a wrap, escaped line breaks, invisible and no-break
//! characters, soft hyphens and quoted-printable soft breaks anywhere (the prefix
//! included); change the case of all or part of the key; cut it short; replace
//! characters (typos); glue neighbours on either side; wrap it in quotes; put `Bearer `
//! before it; paste it twice.

use crate::keys;
use crate::rng::Rng;

/// Where a piece of a damaged paste came from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Origin {
    /// A character of the token type.
    Prefix,
    /// The dot after the token type.
    FirstDot,
    /// A character of the Key ID.
    Id,
    /// The dot between Key ID and secret.
    SecondDot,
    /// A character of the secret.
    Secret,
    /// Something the damage added.
    Added,
}

/// One character of the key, or a run of text the damage added.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Piece {
    /// The text as it is now.
    pub text: String,
    /// Where it came from.
    pub origin: Origin,
}

/// One damage operator. Positions are indexes into the pieces as they are when the
/// operator runs, taken modulo their number, so any value is valid.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Op {
    /// The first (0) or second (1) dot is gone.
    DropDot(usize),
    /// The dot is doubled.
    DuplicateDot(usize),
    /// The dot is replaced by this text.
    ReplaceDot(usize, &'static str),
    /// The token type and the first dot are gone.
    DropPrefix,
    /// Only the secret is left.
    SecretAlone,
    /// The Key ID and one dot are gone: `NNSXS.<secret>`.
    PrefixAndSecret,
    /// This text is inserted before the piece at `at` (or at the end).
    Insert {
        /// Where.
        at: usize,
        /// What.
        text: &'static str,
    },
    /// Every character of the key is lower case.
    LowerAll,
    /// The characters of the key from `from` to `to` (piece indexes) are lower case.
    LowerRange {
        /// First piece.
        from: usize,
        /// Last piece (exclusive).
        to: usize,
    },
    /// Only the first `keep` pieces are left.
    Truncate(usize),
    /// The key character at `at` is replaced by `with`.
    Typo {
        /// Which piece.
        at: usize,
        /// The character typed instead.
        with: char,
    },
    /// Text glued on in front, with nothing between.
    GlueBefore(&'static str),
    /// Text glued on after, with nothing between.
    GlueAfter(&'static str),
    /// Wrapped in these (quotes, brackets, whitespace).
    Surround(&'static str, &'static str),
    /// `Bearer ` or an `Authorization:` header in front.
    Bearer(&'static str),
    /// The whole paste twice, with this between.
    Twice(&'static str),
}

/// Which damage to draw.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Scope {
    /// Anything a paste into the Key Secret field can hold, combined without limits.
    Paste,
    /// Only what the repair undoes exactly (whitespace and invisible characters, quotes,
    /// `Bearer `, lower case, a double paste, a trailing full stop): the repair must give
    /// back the key.
    Repairable,
    /// What a key in a ticket, mail, log or file may have suffered while the text still
    /// tells it apart from ordinary words (see `redact`'s module docs): the redactor must
    /// hide every 8 characters of its secret.
    Text,
}

/// Characters a paste inserts that stand for nothing.
pub const SKIPS: &[&str] = &[
    "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}", "\u{180E}", "\u{200E}",
    "\u{202C}", "=\n", "=\r\n", "&shy;",
];

/// What splits a key where a line wraps or a space slipped in.
pub const SPLITS: &[&str] = &[
    " ",
    "  ",
    "\t",
    "\u{A0}",
    "\u{202F}",
    "\n",
    "\r\n",
    " \n",
    "\n> ",
    "\n>> ",
    "\n> > > ",
    "\n| ",
    "\n: ",
    "\n> > > > > > > > > > > > ",
    "-\n",
    "-\n> ",
    "\\n",
    "\\r\\n",
];

/// What may stand in for a dot.
pub const DOT_FORMS: &[&str] = &[
    ",", ";", ":", "-", "_", "/", "\u{B7}", "\u{FF0E}", "%2E", "%2e", "%252E", "=2E", "\\u002E",
    "\\u002e", "\\x2e", "&#46;", "&#x2E;", "&period;",
];

/// The dot forms a redactor reads as a dot, so the key stays whole.
pub const ESCAPED_DOTS: &[&str] = &[
    "\u{FF0E}", "%2E", "%2e", "%252E", "=2E", "\\u002E", "\\u002e", "\\x2e", "&#46;", "&#x2E;",
    "&period;",
];

/// Wrappers a paste brings along (the repair strips them).
pub const SURROUNDS: &[(&str, &str)] = &[
    (" ", "\n"),
    ("\"", "\""),
    ("'", "'"),
    ("`", "`"),
    ("<", ">"),
    ("\u{FEFF}", ""),
    ("\u{A0}", "\u{A0}"),
    ("\u{201C}", "\u{201D}"),
];

/// Header text copied along with a key.
pub const BEARERS: &[&str] = &[
    "Bearer ",
    "bearer ",
    "Authorization: Bearer ",
    "BEARER\t",
    "Bearer: ",
];

/// Text glued onto a key in a paste or a text.
pub const GLUE: &[&str] = &[
    "x", "3D", "key=", ":", "(", "\"", "abc", "Thanks", ")", ",", ".", "-", "%20", "=3D", "\\n",
];

/// Glue that is not a letter or digit next to the key.
pub const PLAIN_GLUE: &[&str] = &[":", "(", "\"", ")", ",", ".", " ", "%20", "=3D", "\\n"];

/// What replaces a character in a typo, in a paste.
const TYPOS: &[char] = &[
    '1', '0', '8', '9', 'I', 'l', 'O', 'a', 'z', '.', ',', '-', ' ', '#', 'А', 'Ⅰ', 'é',
];

/// A damaged key.
#[derive(Clone, Debug)]
pub struct Damaged {
    /// The key before the damage.
    pub key: String,
    /// The damage, in the order it was applied.
    pub ops: Vec<Op>,
    /// The pieces after the damage.
    pub pieces: Vec<Piece>,
}

impl Damaged {
    /// The key's pieces, one per character.
    pub fn new(key: &str) -> Damaged {
        let pieces = key
            .chars()
            .enumerate()
            .map(|(i, ch)| Piece {
                text: ch.to_string(),
                origin: match i {
                    0..=4 => Origin::Prefix,
                    5 => Origin::FirstDot,
                    6..=44 => Origin::Id,
                    45 => Origin::SecondDot,
                    _ => Origin::Secret,
                },
            })
            .collect();
        Damaged {
            key: key.to_owned(),
            ops: Vec::new(),
            pieces,
        }
    }

    /// The key with `ops` applied, in order.
    pub fn apply(key: &str, ops: &[Op]) -> Damaged {
        let mut damaged = Damaged::new(key);
        for op in ops {
            damaged.push(op.clone());
        }
        damaged
    }

    /// The paste as text.
    pub fn text(&self) -> String {
        self.pieces
            .iter()
            .map(|piece| piece.text.as_str())
            .collect()
    }

    /// The key's secret, as the key had it: what must never be shown.
    pub fn secret(&self) -> &str {
        keys::secret_of(&self.key)
    }

    /// The key's Key ID.
    pub fn id(&self) -> &str {
        keys::id_of(&self.key)
    }

    /// Whether an operator of this kind was applied.
    pub fn has(&self, matches: impl Fn(&Op) -> bool) -> bool {
        self.ops.iter().any(matches)
    }

    /// Whether the paste still holds the whole key, each character in place, with only
    /// damage a reader undoes exactly: letter case, inserted characters that stand for
    /// nothing, splits at wraps, and dots in an escaped form. A redactor then shows its
    /// Key ID and calls it repairable (or valid, undamaged).
    pub fn is_whole(&self) -> bool {
        self.splits_are_followed()
            && self.ops.iter().all(|op| match op {
                Op::LowerAll | Op::LowerRange { .. } | Op::Insert { .. } => true,
                Op::ReplaceDot(_, with) => ESCAPED_DOTS.contains(with),
                Op::GlueBefore(_) => true,
                Op::GlueAfter(glue) => !glue.starts_with(|c: char| c.is_ascii_alphanumeric()),
                _ => false,
            })
    }

    /// Whether nothing touched the key's own characters (glue in front aside): the span
    /// of the key is the key, byte for byte.
    pub fn is_exact(&self) -> bool {
        let glued_on = self.has(|op| {
            matches!(op, Op::GlueAfter(glue) if glue.starts_with(|c: char| c.is_ascii_alphanumeric()))
        });
        !glued_on && self.text().contains(&self.key)
    }

    /// Whether a redactor goes on across every split in the key (the rule of `redact`'s
    /// module docs): what follows a split up to the next one is exactly the rest of its
    /// part, or it is 8 characters or more and comes before the second dot or after 8
    /// characters of the key.
    pub fn splits_are_followed(&self) -> bool {
        let is_split =
            |piece: &Piece| piece.origin == Origin::Added && SPLITS.contains(&piece.text.as_str());
        let mut longest = 0;
        let mut piece_len = 0;
        // Before the second dot, any split with 8 characters after it is followed.
        let mut first_part = true;
        // Letters of the current part seen so far.
        let mut part_seen = 0;
        for (i, piece) in self.pieces.iter().enumerate() {
            match piece.origin {
                Origin::Id | Origin::Secret => {
                    piece_len += 1;
                    part_seen += 1;
                    longest = longest.max(piece_len);
                }
                Origin::FirstDot => {
                    piece_len = 0;
                    part_seen = 0;
                }
                Origin::SecondDot => {
                    piece_len = 0;
                    part_seen = 0;
                    first_part = false;
                }
                Origin::Prefix => {}
                Origin::Added if is_split(piece) => {
                    let Some(part) = self.pieces[i + 1..]
                        .iter()
                        .find(|p| matches!(p.origin, Origin::Id | Origin::Secret))
                        .map(|p| p.origin)
                    else {
                        continue;
                    };
                    // Letters after the split, up to the next split or the end of the part.
                    let mut after = 0;
                    let mut more_splits = false;
                    for next in &self.pieces[i + 1..] {
                        if next.origin == part {
                            after += 1;
                        } else if is_split(next) {
                            more_splits = true;
                            break;
                        } else if next.origin != Origin::Added {
                            break;
                        }
                    }
                    let rest_of_part = !more_splits;
                    let expected = if part == Origin::Id { 39 } else { 52 };
                    let needed = expected - part_seen.min(expected);
                    if !(rest_of_part || after >= 8 && needed >= 8 && (longest >= 8 || first_part))
                    {
                        return false;
                    }
                    piece_len = 0;
                }
                Origin::Added => {}
            }
        }
        true
    }

    fn indexes_of(&self, origin: Origin) -> Vec<usize> {
        (0..self.pieces.len())
            .filter(|&i| self.pieces[i].origin == origin)
            .collect()
    }

    fn dot(&self, which: usize) -> Option<usize> {
        let origin = if which.is_multiple_of(2) {
            Origin::FirstDot
        } else {
            Origin::SecondDot
        };
        self.pieces.iter().position(|piece| piece.origin == origin)
    }

    fn added(text: &str) -> Piece {
        Piece {
            text: text.to_owned(),
            origin: Origin::Added,
        }
    }

    /// Takes the last operator back.
    pub fn pop(&mut self) {
        let mut ops = std::mem::take(&mut self.ops);
        ops.pop();
        *self = Damaged::apply(&self.key, &ops);
    }

    /// Applies one more operator.
    pub fn push(&mut self, op: Op) {
        let n = self.pieces.len();
        match &op {
            Op::DropDot(which) => {
                if let Some(at) = self.dot(*which) {
                    self.pieces.remove(at);
                }
            }
            Op::DuplicateDot(which) => {
                if let Some(at) = self.dot(*which) {
                    let copy = Damaged::added(&self.pieces[at].text);
                    self.pieces.insert(at + 1, copy);
                }
            }
            Op::ReplaceDot(which, with) => {
                if let Some(at) = self.dot(*which) {
                    self.pieces[at].text = (*with).to_owned();
                }
            }
            Op::DropPrefix => self
                .pieces
                .retain(|piece| !matches!(piece.origin, Origin::Prefix | Origin::FirstDot)),
            Op::SecretAlone => self.pieces.retain(|piece| piece.origin == Origin::Secret),
            Op::PrefixAndSecret => self
                .pieces
                .retain(|piece| !matches!(piece.origin, Origin::Id | Origin::SecondDot)),
            Op::Insert { at, text } => {
                let at = at % (n + 1);
                self.pieces.insert(at, Damaged::added(text));
            }
            Op::LowerAll => {
                for piece in &mut self.pieces {
                    if piece.origin != Origin::Added {
                        piece.text = piece.text.to_ascii_lowercase();
                    }
                }
            }
            Op::LowerRange { from, to } => {
                let (from, to) = (from % (n + 1), to % (n + 1));
                for piece in &mut self.pieces[from.min(to)..from.max(to)] {
                    if piece.origin != Origin::Added {
                        piece.text = piece.text.to_ascii_lowercase();
                    }
                }
            }
            Op::Truncate(keep) => self.pieces.truncate(keep % (n + 1)),
            Op::Typo { at, with } => {
                if n > 0 {
                    let piece = &mut self.pieces[at % n];
                    if piece.origin != Origin::Added {
                        piece.text = with.to_string();
                    }
                }
            }
            Op::GlueBefore(text) | Op::Bearer(text) => {
                self.pieces.insert(0, Damaged::added(text));
            }
            Op::GlueAfter(text) => self.pieces.push(Damaged::added(text)),
            Op::Surround(before, after) => {
                self.pieces.insert(0, Damaged::added(before));
                self.pieces.push(Damaged::added(after));
            }
            Op::Twice(between) => {
                let copy = self.pieces.clone();
                self.pieces.push(Damaged::added(between));
                // The second copy is added text as far as positions go.
                self.pieces.extend(copy.into_iter().map(|piece| Piece {
                    origin: Origin::Added,
                    ..piece
                }));
            }
        }
        self.ops.push(op);
    }

    /// Draws a key and its damage from `rng`, within `scope`.
    pub fn generate(rng: &mut Rng, scope: Scope) -> Damaged {
        let key = keys::generate(rng);
        let mut damaged = Damaged::new(&key);
        match scope {
            Scope::Paste => damaged.paste_damage(rng),
            Scope::Repairable => damaged.repairable_damage(rng),
            Scope::Text => damaged.text_damage(rng),
        }
        damaged
    }

    fn paste_damage(&mut self, rng: &mut Rng) {
        let n_ops = rng.range(1, 7);
        for _ in 0..n_ops {
            let n = self.pieces.len().max(1);
            let at = rng.below(n + 1);
            let op = match rng.below(16) {
                0 => Op::DropDot(rng.below(2)),
                1 => Op::DuplicateDot(rng.below(2)),
                2 => Op::ReplaceDot(rng.below(2), rng.pick(DOT_FORMS)),
                3 => match rng.below(3) {
                    0 => Op::DropPrefix,
                    1 => Op::SecretAlone,
                    _ => Op::PrefixAndSecret,
                },
                4 => Op::Insert {
                    at,
                    text: rng.pick(SKIPS),
                },
                5 | 6 => Op::Insert {
                    at,
                    text: rng.pick(SPLITS),
                },
                7 => Op::LowerAll,
                8 => Op::LowerRange {
                    from: at,
                    to: rng.below(n + 1),
                },
                9 => Op::Truncate(rng.below(n + 1)),
                10 => Op::Typo {
                    at,
                    with: TYPOS[rng.below(TYPOS.len())],
                },
                11 => Op::GlueBefore(rng.pick(GLUE)),
                12 => Op::GlueAfter(rng.pick(GLUE)),
                13 => {
                    let (before, after) = SURROUNDS[rng.below(SURROUNDS.len())];
                    Op::Surround(before, after)
                }
                14 => Op::Bearer(rng.pick(BEARERS)),
                _ => Op::Twice(rng.pick(&["", "\n", " "])),
            };
            self.push(op);
        }
    }

    fn repairable_damage(&mut self, rng: &mut Rng) {
        let n_ops = rng.below(6);
        let mut twice = false;
        let mut trailing = false;
        for _ in 0..n_ops {
            match rng.below(6) {
                0 => {
                    let (before, after) = SURROUNDS[rng.below(SURROUNDS.len())];
                    self.push(Op::Surround(before, after));
                }
                1 => self.push(Op::Bearer(rng.pick(&[
                    "Bearer ",
                    "bearer ",
                    "Authorization: Bearer ",
                    "BEARER\t",
                ]))),
                2 => {
                    // Inside the key, not at either end.
                    let at = self.key_range_inside(rng);
                    let text = rng.pick(&[
                        "\n", " ", "\r\n", "\u{200B}", "\u{AD}", "\u{2060}", "\u{200E}",
                    ]);
                    self.push(Op::Insert { at, text });
                }
                3 => {
                    let (from, to) = (rng.below(99), rng.below(99));
                    let (start, _) = self.key_bounds();
                    self.push(Op::LowerRange {
                        from: start + from.min(to),
                        to: start + from.max(to),
                    });
                }
                4 => twice = true,
                _ => trailing = true,
            }
        }
        // A double paste and a trailing dot come after the damage inside the key and
        // before the wrappers, as `check` peels them from the outside in.
        let wrappers: Vec<Op> = self
            .ops
            .iter()
            .filter(|op| matches!(op, Op::Surround(..) | Op::Bearer(_)))
            .cloned()
            .collect();
        if twice || trailing {
            let inner: Vec<Op> = self
                .ops
                .iter()
                .filter(|op| !matches!(op, Op::Surround(..) | Op::Bearer(_)))
                .cloned()
                .collect();
            let mut rebuilt = Damaged::apply(&self.key, &inner);
            if twice {
                rebuilt.push(Op::Twice(rng.pick(&["", "\n", " "])));
            } else {
                rebuilt.push(Op::GlueAfter("."));
            }
            for op in wrappers {
                rebuilt.push(op);
            }
            *self = rebuilt;
        }
    }

    /// The pieces from the key's first to its last character.
    fn key_bounds(&self) -> (usize, usize) {
        let first = self
            .pieces
            .iter()
            .position(|piece| piece.origin != Origin::Added)
            .unwrap_or(0);
        let last = self
            .pieces
            .iter()
            .rposition(|piece| piece.origin != Origin::Added)
            .map_or(self.pieces.len(), |last| last + 1);
        (first, last)
    }

    fn key_range_inside(&self, rng: &mut Rng) -> usize {
        let (first, last) = self.key_bounds();
        rng.range(first + 1, last.max(first + 2))
    }

    fn text_damage(&mut self, rng: &mut Rng) {
        // The form: whole, without its prefix, the secret alone, or prefix and secret.
        let form = rng.below(100);
        let with_prefix = !(60..85).contains(&form);
        match form {
            60..=74 => self.push(Op::DropPrefix),
            75..=84 => self.push(Op::SecretAlone),
            85..=99 => self.push(Op::PrefixAndSecret),
            _ => {}
        }
        // The dots.
        for which in 0..2 {
            if self.dot(which).is_none() || !rng.chance(15) {
                continue;
            }
            let op = match rng.below(3) {
                // Without the prefix, a missing second dot leaves 91 characters that
                // cannot be told from any other long run.
                0 if with_prefix => Op::DropDot(which),
                1 => Op::DuplicateDot(which),
                // A dash after the prefix reads as a hyphenated word (`NNSXS-prefixed`).
                _ => match rng.pick(DOT_FORMS) {
                    "-" | "_" if which == 0 => Op::ReplaceDot(which, ","),
                    form => Op::ReplaceDot(which, form),
                },
            };
            self.push(op);
        }
        // Characters that stand for nothing, anywhere, the prefix included.
        for _ in 0..rng.below(4) {
            let at = self.key_range_inside(rng);
            self.push(Op::Insert {
                at,
                text: rng.pick(SKIPS),
            });
        }
        if with_prefix {
            // Letter case, a cut, typos: the prefix still says what this is.
            match rng.below(10) {
                0 | 1 => self.push(Op::LowerAll),
                2 => {
                    let n = self.pieces.len();
                    self.push(Op::LowerRange {
                        from: rng.below(n),
                        to: rng.below(n),
                    });
                }
                _ => {}
            }
            for _ in 0..rng.below(3) {
                if rng.chance(30) {
                    let body = self.body_indexes();
                    if !body.is_empty() {
                        let at = body[rng.below(body.len())];
                        let with = char::from(b"ABZ27019adz"[rng.below(11)]);
                        self.push(Op::Typo { at, with });
                    }
                }
            }
            self.split_body(rng, 2);
            if rng.chance(20) {
                let body = self.body_indexes();
                // Keep 8 characters of the body at least: a prefix with fewer after it is
                // prose (`NNSXS.ABC`), and the next word may then happen to continue the
                // secret.
                if let Some(&first) = body.get(7) {
                    let keep = rng.range(first + 1, self.pieces.len() + 1);
                    // A cut within 8 characters after a split leaves two short pieces that
                    // no reader can tell from words (see `redact`'s module docs).
                    let split_before = self.pieces[..keep.min(self.pieces.len())]
                        .iter()
                        .rev()
                        .take_while(|p| {
                            !(p.origin == Origin::Added && SPLITS.contains(&p.text.as_str()))
                        })
                        .filter(|p| matches!(p.origin, Origin::Id | Origin::Secret))
                        .count();
                    let after_split = self.pieces[..keep.min(self.pieces.len())]
                        .iter()
                        .any(|p| p.origin == Origin::Added && SPLITS.contains(&p.text.as_str()));
                    if !after_split || split_before >= 8 {
                        self.push(Op::Truncate(keep));
                    }
                }
            }
            if rng.chance(25) {
                self.push(Op::GlueBefore(rng.pick(GLUE)));
            }
            if rng.chance(25) {
                self.push(Op::GlueAfter(rng.pick(GLUE)));
            }
        } else {
            if rng.chance(20) {
                self.push(Op::LowerAll);
            }
            // A bare secret is found across one split, no more.
            self.split_secret(rng);
            if rng.chance(25) {
                self.push(Op::GlueBefore(rng.pick(PLAIN_GLUE)));
            }
            if rng.chance(25) {
                self.push(Op::GlueAfter(rng.pick(PLAIN_GLUE)));
            }
        }
    }

    /// The pieces of the Key ID and the secret.
    fn body_indexes(&self) -> Vec<usize> {
        (0..self.pieces.len())
            .filter(|&i| matches!(self.pieces[i].origin, Origin::Id | Origin::Secret))
            .collect()
    }

    /// Inserts up to `most` splits in the body, each with 8 or more characters of the key
    /// after it up to the next split or dot, or at the end of its part: where a wrap that
    /// a redactor follows falls.
    fn split_body(&mut self, rng: &mut Rng, most: usize) {
        for _ in 0..rng.below(most + 1) {
            if !rng.chance(50) {
                continue;
            }
            for origin in [Origin::Id, Origin::Secret] {
                let part = self.indexes_of(origin);
                if part.len() < 2 || !rng.chance(50) {
                    continue;
                }
                // Split before character `k` of the part (1..len): what follows up to the
                // next split is the rest of the part, or at least 8 characters.
                let k = rng.range(1, part.len());
                let at = part[k];
                let next_split = (at..self.pieces.len()).find(|&i| {
                    self.pieces[i].origin == Origin::Added
                        && SPLITS.contains(&self.pieces[i].text.as_str())
                });
                let letters_after = (at..next_split.unwrap_or(self.pieces.len()))
                    .filter(|&i| self.pieces[i].origin == origin)
                    .count();
                let rest_of_part = part.len() - k;
                if next_split.is_none() && letters_after == rest_of_part || letters_after >= 8 {
                    self.push(Op::Insert {
                        at,
                        text: rng.pick(SPLITS),
                    });
                    // A split right after another one, or one that leaves too little before
                    // the next: the redactor would not go on; take it back.
                    if !self.splits_are_followed() {
                        self.pop();
                    }
                }
                break;
            }
        }
    }

    /// Inserts at most one split inside the secret.
    fn split_secret(&mut self, rng: &mut Rng) {
        if rng.chance(40) {
            let secret = self.indexes_of(Origin::Secret);
            if secret.len() > 2 {
                let at = secret[rng.range(1, secret.len())];
                self.push(Op::Insert {
                    at,
                    text: rng.pick(SPLITS),
                });
            }
        }
    }
}
