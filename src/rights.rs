//! The rights of The Things Stack (placeholder: being written).
