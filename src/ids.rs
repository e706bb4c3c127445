//! Identifier rules of The Things Stack (placeholder: being written).
