//! Diagnose and repair (placeholder: being written).
use crate::{ApiKey, ErrorKind, ParseError};

/// The result of checking a paste.
#[derive(Debug)]
pub struct Check {
    /// Whether the input is exactly a well-formed key.
    pub valid: bool,
    /// The repaired key.
    pub repaired: Option<ApiKey>,
}
/// A fix.
#[derive(Debug)]
pub struct Fix {}
/// Checks a paste.
pub fn check(input: &str) -> Check {
    let _ = input;
    Check { valid: false, repaired: None }
}
pub(crate) fn first_problem(input: &str) -> ParseError {
    let _ = input;
    ParseError::new(ErrorKind::Empty, 0, 0)
}
