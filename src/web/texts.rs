//! The exports for whole texts and files, in the full build only (the `support`
//! feature): `redactText`, the loader's fast path (`inputBuffer`, `findKeysIn`) and the
//! worker's `FileRedactor`.
//!
//! Invariant: nothing here panics on input; the secret leaves only in its masked form.

use wasm_bindgen::prelude::*;

use super::{to_js, WebError};
use crate::value::Value;

/// Finds every key in `text` and masks its secret.
///
/// Returns `{ text, findings: [{ kind, keyId, start, end, valid, repairable }] }` with
/// UTF-16 offsets into the original `text`.
#[wasm_bindgen(js_name = redactText)]
pub fn redact_text_js(text: &str) -> Result<JsValue, JsValue> {
    let redaction = crate::redact_text(text);
    let findings = redaction
        .findings
        .iter()
        .map(|f| {
            Value::Object(vec![
                ("kind", Value::Static(f.kind.code())),
                ("keyId", Value::text(f.key_id.as_deref())),
                ("start", Value::Int(f.start as i64)),
                ("end", Value::Int(f.end as i64)),
                ("valid", Value::Bool(f.valid)),
                ("repairable", Value::Bool(f.repairable)),
            ])
        })
        .collect();
    let result = to_js(&Value::Object(vec![("findings", Value::Array(findings))]))?;
    // The text goes in as it is, not through a copy into a Value.
    js_sys::Reflect::set(&result, &"text".into(), &redaction.text.into())
        .map_err(|_| JsValue::from(WebError::Internal))?;
    Ok(result)
}

/// How many numbers `findKeysIn` gives per key.
const FOUND_STRIDE: usize = 8;

/// Finds every key in `bytes` (UTF-8 text, as `TextEncoder` writes it) without building
/// the redacted text, in two flat values rather than an object per key (measured: the
/// objects cost more than the scan): `[numbers, texts]`, a `Uint32Array` of
/// [`FOUND_STRIDE`] numbers per key, `start, end` (UTF-16), `byteStart, byteEnd`,
/// `flags` (1 valid, 2 repairable, 4 a Key ID is shown), and the lengths of its `kind`,
/// `keyId` and `redacted` strings, which follow one another in `texts` (all ASCII, so
/// their byte lengths are their JS lengths). The loader's `redactText` builds the
/// findings from them and splices the `redacted` forms into the original string, which
/// is what `redactText` returns.
fn find_keys(bytes: &[u8]) -> Result<JsValue, JsValue> {
    let (findings, spans) = crate::redact::find_spans(bytes);
    flat_findings(findings.iter().zip(spans))
}

/// Findings with their byte spans as `[numbers, texts]` (see `find_keys`).
fn flat_findings<'a>(
    found: impl ExactSizeIterator<Item = (&'a crate::Finding, crate::redact::ByteSpan)>,
) -> Result<JsValue, JsValue> {
    let mut numbers = Vec::with_capacity(found.len() * FOUND_STRIDE);
    let mut texts = String::new();
    // Offsets into a text the loader could copy in (under 4 GiB) fit a u32; a file's
    // beyond that are clamped, never wrapped.
    let number = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    for (finding, span) in found {
        let kind = finding.kind.code();
        let key_id = finding.key_id.as_deref().unwrap_or_default();
        let redacted = finding.redacted();
        let flags = u32::from(finding.valid)
            | u32::from(finding.repairable) << 1
            | u32::from(finding.key_id.is_some()) << 2;
        numbers.extend([
            number(finding.start),
            number(finding.end),
            number(span.start),
            number(span.end),
            flags,
            number(kind.len()),
            number(key_id.len()),
            number(redacted.len()),
        ]);
        texts.push_str(kind);
        texts.push_str(key_id);
        texts.push_str(&redacted);
    }
    let found = js_sys::Array::of2(
        &js_sys::Uint32Array::from(&numbers[..]).into(),
        &JsValue::from_str(&texts),
    );
    Ok(found.into())
}

thread_local! {
    /// The text `findKeysIn` scans, written by JS straight into the module's memory
    /// (`TextEncoder.encodeInto` on a view of it), so the text is copied in once.
    static INPUT: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Makes room for `len` bytes of text and returns where they go in the module's memory,
/// or 0 when the memory cannot grow that far; the loader's `redactText` writes the text
/// there and calls `findKeysIn`. The buffer only grows: a later, shorter text reuses it
/// without clearing it again (measured: zeroing 48 MB took longer than the scan), and
/// `findKeysIn` reads only the bytes the loader wrote.
#[wasm_bindgen(js_name = inputBuffer)]
pub fn input_buffer(len: usize) -> usize {
    INPUT.with(|input| {
        let mut input = input.borrow_mut();
        let have = input.len();
        if have < len {
            // An allocation failure would abort the module: it is an answer instead.
            if input.try_reserve_exact(len - have).is_err() {
                return 0;
            }
            input.resize(len, 0);
        }
        // Only the address is taken; JS writes through a view of the memory.
        input.as_mut_ptr() as usize
    })
}

/// The keys in the first `len` bytes written at `inputBuffer`'s address, as
/// `[numbers, texts]` (see `find_keys`).
#[wasm_bindgen(js_name = findKeysIn)]
pub fn find_keys_in(len: usize) -> Result<JsValue, JsValue> {
    INPUT.with(|input| {
        let input = input.borrow();
        find_keys(input.get(..len).unwrap_or(&input[..]))
    })
}

/// Redacts a file chunk by chunk (`redactFile` in the loader's worker): `feed(bytes)`
/// returns the redacted bytes that are final so far, `finish()` the rest; `findings()`
/// takes the findings found since the last call, with offsets into the whole file.
#[wasm_bindgen(js_name = FileRedactor)]
pub struct FileRedactor {
    inner: Option<crate::stream::StreamRedactor>,
    found: Vec<crate::stream::FileFinding>,
}

impl std::fmt::Debug for FileRedactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FileRedactor")
    }
}

#[wasm_bindgen(js_class = FileRedactor)]
impl FileRedactor {
    /// A redactor at the start of a file.
    #[wasm_bindgen(constructor)]
    pub fn new() -> FileRedactor {
        FileRedactor {
            inner: Some(crate::stream::StreamRedactor::new()),
            found: Vec::new(),
        }
    }

    /// Takes the next chunk of the file; returns the redacted bytes final so far.
    pub fn feed(&mut self, chunk: &[u8]) -> Vec<u8> {
        let Some(inner) = self.inner.as_mut() else {
            return Vec::new();
        };
        let piece = inner.feed(chunk);
        self.found.extend(piece.findings);
        piece.output
    }

    /// Ends the file; returns the rest of the redacted bytes.
    pub fn finish(&mut self) -> Vec<u8> {
        let Some(inner) = self.inner.take() else {
            return Vec::new();
        };
        let piece = inner.finish();
        self.found.extend(piece.findings);
        piece.output
    }

    /// The findings since the last call, with offsets into the whole file, as
    /// `[numbers, texts]` in the layout of `findKeysIn`.
    pub fn findings(&mut self) -> Result<JsValue, JsValue> {
        let found = std::mem::take(&mut self.found);
        flat_findings(found.iter().map(|f| (&f.finding, f.bytes)))
    }
}

impl Default for FileRedactor {
    fn default() -> Self {
        FileRedactor::new()
    }
}
