// tts-keycheck's file redaction worker, started by `redactFile` in loader.js as a module
// worker. It loads the same package, reads the Blob it is sent a chunk at a time
// (`blob.slice(...).arrayBuffer()`), feeds each chunk's bytes to the package's
// `FileRedactor` (bytes in, so UTF-8 split across chunks needs no decoding here), and
// builds the redacted Blob from the pieces it returns. Memory is bounded by a chunk and
// the redactor's carried tail; the parts of the output Blob are the browser's to keep.
//
// Messages out: `{ type: "progress", done, total }` after each chunk, then
// `{ type: "done", blob, found }` (the redactor's flat findings, which the loader reads)
// or `{ type: "error", code, message }`.
// A file that starts with a UTF-16 byte-order mark (what Windows PowerShell 5 writes with
// `>`) is decoded, redacted as UTF-8 and written back in UTF-16 after its mark; its
// findings' byte spans are then those of the UTF-16 file.
// Invariant: nothing is logged, and no text of the file leaves but in the redacted Blob.

const CHUNK_BYTES = 4 << 20;

/** The UTF-16 encoding a file's first two bytes name (`utf-16le`, `utf-16be`), or null. */
function utf16Of([a, b]) {
  if (a === 0xff && b === 0xfe) return "utf-16le";
  if (a === 0xfe && b === 0xff) return "utf-16be";
  return null;
}

/** `text` as UTF-16 bytes, little- or big-endian. */
function utf16Bytes(text, little) {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 * i + (little ? 0 : 1)] = unit & 0xff;
    out[2 * i + (little ? 1 : 0)] = unit >> 8;
  }
  return out;
}

/**
 * The redactor for a file: bytes in, bytes out. UTF-8 (and anything else) goes to the
 * package's `FileRedactor` as it is; UTF-16 is decoded to text and encoded to UTF-8 on
 * the way in, and the redacted UTF-8 back to UTF-16 on the way out.
 */
function redactorFor(lib, encoding) {
  const redactor = new lib.FileRedactor();
  if (!encoding) return { feed: (b) => redactor.feed(b), finish: () => redactor.finish(), redactor };
  const little = encoding === "utf-16le";
  const decodeIn = new TextDecoder(encoding); // Drops the mark; keeps a split unit for the next chunk.
  const decodeOut = new TextDecoder("utf-8");
  const encoder = new TextEncoder();
  const back = (utf8, stream) => utf16Bytes(decodeOut.decode(utf8, { stream }), little);
  return {
    redactor,
    feed: (bytes) => back(redactor.feed(encoder.encode(decodeIn.decode(bytes, { stream: true }))), true),
    finish: () => {
      const rest = redactor.feed(encoder.encode(decodeIn.decode()));
      const last = redactor.finish();
      const joined = new Uint8Array(rest.length + last.length);
      joined.set(rest);
      joined.set(last, rest.length);
      return back(joined, false);
    },
  };
}

/** Byte spans of the UTF-16 file: its 2-byte mark, then 2 bytes per UTF-16 unit. */
function toUtf16Spans([numbers]) {
  for (let i = 0; i + 8 <= numbers.length; i += 8) {
    numbers[i + 2] = 2 + 2 * numbers[i];
    numbers[i + 3] = 2 + 2 * numbers[i + 1];
  }
}

self.onmessage = async ({ data }) => {
  try {
    const { blob, pkg, chunkBytes } = data;
    const lib = await import(pkg);
    await lib.default();
    const chunk = Number.isInteger(chunkBytes) && chunkBytes > 0 ? chunkBytes : CHUNK_BYTES;
    const mark = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
    const encoding = utf16Of(mark);
    const { feed, finish, redactor } = redactorFor(lib, encoding);
    // The mark, which the decoder drops, goes back in front.
    const parts = encoding ? [mark] : [];
    const found = [];
    const total = blob.size;
    for (let at = 0; at < total; at += chunk) {
      const bytes = new Uint8Array(await blob.slice(at, Math.min(total, at + chunk)).arrayBuffer());
      parts.push(feed(bytes));
      found.push(redactor.findings());
      self.postMessage({ type: "progress", done: Math.min(total, at + chunk), total });
    }
    parts.push(finish());
    found.push(redactor.findings());
    redactor.free();
    if (encoding) found.forEach(toUtf16Spans);
    if (total === 0) self.postMessage({ type: "progress", done: 0, total });
    const out = new Blob(parts, { type: blob.type });
    self.postMessage({ type: "done", blob: out, found });
  } catch (err) {
    self.postMessage({
      type: "error",
      code: err?.code || "internal",
      message: "The file could not be redacted: it could not be read.",
    });
  }
};
