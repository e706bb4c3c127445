//! Finds and redacts keys in arbitrary text (placeholder: being written).

/// The redacted text and what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    /// The input with every key's secret replaced.
    pub text: String,
    /// Every key found.
    pub findings: Vec<Finding>,
}

/// One key (or key-shaped near miss) found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {}

/// Finds every key in `text` and masks its secret.
pub fn redact_text(text: &str) -> Redaction {
    Redaction { text: text.to_owned(), findings: Vec::new() }
}
