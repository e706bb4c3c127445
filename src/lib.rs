//! Check, repair and redact The Things Stack API keys.
//!
//! ```
//! let report = tts_keycheck::check(
//!     " NNSXS.U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY.SHIF3PP5PBMJNZESN5XLR5TZJTJUIGKVUTM2I22IVBUVCD6VIQIA\n",
//! );
//! assert!(!report.valid); // surrounding whitespace...
//! let repaired = report.repaired.expect("...which repair removes");
//! assert_eq!(repaired.id(), "U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY");
//!
//! let ticket = "my key is NNSXS.U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY.SHIF3PP5PBMJNZESN5XLR5TZJTJUIGKVUTM2I22IVBUVCD6VIQIA thanks";
//! let redacted = tts_keycheck::redact_text(ticket);
//! assert_eq!(redacted.text, "my key is NNSXS.U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY.[REDACTED] thanks");
//! ```
//!
//! # Scope of this crate
//!
//! The pure core: no JS types and no I/O, so it builds and is tested natively and for
//! `wasm32-unknown-unknown` alike. It parses and diagnoses keys ([`check`], [`ApiKey`]),
//! finds and redacts keys in any text ([`redact_text`]), knows the rights of The Things
//! Stack ([`rights`]) and its identifier rules ([`ids`]), and turns an `auth_info`
//! response into a report ([`report`]). The HTTP request itself and the DOM widget live
//! in the `web` module, compiled only for wasm32.

#![deny(missing_docs)]
#![warn(missing_debug_implementations, unreachable_pub)]

pub mod anatomy;
pub mod cluster;
pub mod diagnose;
mod error;
pub mod form;
pub mod ids;
pub mod json;
pub mod key;
pub mod mask;
mod order;
// Redaction: natively always; in the wasm package only in the support panel's build.
#[cfg(any(feature = "support", not(target_arch = "wasm32")))]
pub mod redact;
pub mod report;
pub mod rights;
// Redaction: natively always; in the wasm package only in the support panel's build.
#[cfg(any(feature = "support", not(target_arch = "wasm32")))]
pub mod stream;
// Redaction: natively always; in the wasm package only in the support panel's build.
#[cfg(any(feature = "support", not(target_arch = "wasm32")))]
pub mod support;
pub(crate) mod text;
pub mod value;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use diagnose::{check, Check, Fix, Part, Role};
pub use error::{ErrorKind, ParseError};
pub use key::{ApiKey, Redacted, TokenKind, SECRET_MASK};
#[cfg(any(feature = "support", not(target_arch = "wasm32")))]
pub use redact::{redact_text, Finding, FindingKind, Redaction};
