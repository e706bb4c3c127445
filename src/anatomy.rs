//! The anatomy of a paste, as the widget draws it under the Key Secret field: labelled
//! sections (type, Key ID, the hidden rest), every character's place, the characters a
//! problem concerns marked, and a caret where something is missing.
//!
//! Pure: it only arranges what [`crate::check`] found. Which characters are drawn as they
//! are comes from the check's [`Part`]s, which the one masking rule ([`crate::mask`])
//! decided; everything else is drawn as a mark of its class, never as itself.
//!
//! Linear in the length of the input.

use crate::diagnose::{Check, Part, Role};

/// The drawing of one paste.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Anatomy {
    /// The sections, in input order.
    pub sections: Vec<Section>,
    /// Whether something is missing after the last character.
    pub caret_at_end: bool,
}

/// A run of the paste with one label.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Section {
    /// What the section is.
    pub kind: SectionKind,
    /// Whether a dot comes before this section.
    pub dot_before: Option<Dot>,
    /// Its characters' places.
    pub glyphs: Vec<Glyph>,
}

/// The dot before a section, and whether a problem concerns it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Dot {
    /// Whether a problem's span covers the dot.
    pub marked: bool,
    /// Whether something is missing right before the dot.
    pub caret_before: bool,
}

/// What a section of the anatomy is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum SectionKind {
    /// The token type, drawn as typed.
    TokenType,
    /// The Key ID, drawn as typed.
    KeyId,
    /// The secret, after a Key ID: drawn as dots.
    Secret,
    /// Characters the masking rule hides without a Key ID before them.
    Hidden,
}

impl SectionKind {
    /// The label the widget shows above the section.
    pub fn label(self) -> &'static str {
        match self {
            SectionKind::TokenType => "type",
            SectionKind::KeyId => "Key ID",
            SectionKind::Secret => "secret",
            SectionKind::Hidden => "hidden",
        }
    }

    /// The stable class suffix for styling (`tkc-<class>`).
    pub fn class(self) -> &'static str {
        match self {
            SectionKind::TokenType => "type",
            SectionKind::KeyId => "id",
            SectionKind::Secret | SectionKind::Hidden => "secret",
        }
    }
}

/// One character's place.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Glyph {
    /// What is drawn.
    pub shape: Shape,
    /// Whether a problem's span covers the character.
    pub marked: bool,
    /// Whether something is missing right before the character.
    pub caret_before: bool,
}

/// What is drawn for a character.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shape {
    /// The character itself: only for the token type and a Key ID the rule shows.
    Shown(char),
    /// A hidden character: `•`.
    Masked,
    /// A space: `␣`.
    Space,
    /// A line break: `↵`.
    LineBreak,
    /// A tab: `⇥`.
    Tab,
    /// Another blank or invisible character: `⌷`.
    Invisible,
}

impl Shape {
    /// The character the widget draws.
    pub fn symbol(self) -> char {
        match self {
            Shape::Shown(ch) => ch,
            Shape::Masked => '\u{2022}',
            Shape::Space => '\u{2423}',
            Shape::LineBreak => '\u{21b5}',
            Shape::Tab => '\u{21e5}',
            Shape::Invisible => '\u{2337}',
        }
    }
}

/// Arranges `input` as the check of it found it.
///
/// `report` must be `check(input)`; for any other pairing the drawing is still safe (no
/// character outside a shown part is drawn), only meaningless.
pub fn anatomy(input: &str, report: &Check) -> Anatomy {
    let n_units: usize = input.chars().map(char::len_utf16).sum();
    // Which UTF-16 positions a problem covers (a running sum of span starts and ends)
    // and where something is missing: one pass over the problems, one over the input.
    let mut coverage = vec![0i32; n_units + 1];
    let mut carets = vec![false; n_units + 1];
    for problem in &report.problems {
        let (start, end) = (problem.start().min(n_units), problem.end().min(n_units));
        if start == end {
            carets[start] = true;
        } else if start < end {
            coverage[start] += 1;
            coverage[end] -= 1;
        }
    }
    let mut anatomy = Anatomy::default();
    let mut parts = report.parts.iter().peekable();
    let mut covered = 0i32;
    let mut pos = 0;
    let mut seen_id = false;
    let mut pending_dot: Option<Dot> = None;
    for ch in input.chars() {
        let start = pos;
        pos += ch.len_utf16();
        covered += coverage[start..pos].iter().sum::<i32>();
        let marked = covered > 0;
        let caret_before = carets[start];
        let role = role_at(&mut parts, start);
        let shape = match role {
            Role::TokenType | Role::KeyId => Shape::Shown(ch),
            Role::Separator => {
                pending_dot = Some(Dot {
                    marked,
                    caret_before,
                });
                continue;
            }
            Role::Blank => match ch {
                ' ' => Shape::Space,
                '\n' | '\r' => Shape::LineBreak,
                '\t' => Shape::Tab,
                _ => Shape::Invisible,
            },
            _ => Shape::Masked,
        };
        let kind = match role {
            Role::TokenType => Some(SectionKind::TokenType),
            Role::KeyId => Some(SectionKind::KeyId),
            Role::Blank => None,
            _ if seen_id => Some(SectionKind::Secret),
            _ => Some(SectionKind::Hidden),
        };
        seen_id |= role == Role::KeyId;
        let glyph = Glyph {
            shape,
            marked,
            caret_before,
        };
        let current = anatomy.sections.last().map(|section| section.kind);
        // A blank joins the current section; a dot or another kind starts a new one.
        let kind = kind.or(current).unwrap_or(SectionKind::Hidden);
        if pending_dot.is_some() || current != Some(kind) {
            anatomy.sections.push(Section {
                kind,
                dot_before: pending_dot.take(),
                glyphs: Vec::new(),
            });
        }
        if let Some(section) = anatomy.sections.last_mut() {
            section.glyphs.push(glyph);
        }
    }
    if let Some(dot) = pending_dot {
        // A dot at the very end opens an empty section, so the dot is drawn.
        anatomy.sections.push(Section {
            kind: if seen_id {
                SectionKind::Secret
            } else {
                SectionKind::Hidden
            },
            dot_before: Some(dot),
            glyphs: Vec::new(),
        });
    }
    anatomy.caret_at_end = carets[n_units] && n_units > 0;
    anatomy
}

/// The role of the character at UTF-16 offset `start`, advancing through `parts` (which
/// are in order and cover the input); hidden where the parts say nothing.
fn role_at<'a>(
    parts: &mut std::iter::Peekable<impl Iterator<Item = &'a Part>>,
    start: usize,
) -> Role {
    while parts.next_if(|part| part.end <= start).is_some() {}
    match parts.peek() {
        Some(part) if part.start <= start => part.role,
        _ => Role::Hidden,
    }
}
