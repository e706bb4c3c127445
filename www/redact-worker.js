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
// Invariant: nothing is logged, and no text of the file leaves but in the redacted Blob.

const CHUNK_BYTES = 4 << 20;

self.onmessage = async ({ data }) => {
  try {
    const { blob, pkg, chunkBytes } = data;
    const lib = await import(pkg);
    await lib.default();
    const chunk = Number.isInteger(chunkBytes) && chunkBytes > 0 ? chunkBytes : CHUNK_BYTES;
    const redactor = new lib.FileRedactor();
    const parts = [];
    const found = [];
    const total = blob.size;
    for (let at = 0; at < total; at += chunk) {
      const bytes = new Uint8Array(await blob.slice(at, Math.min(total, at + chunk)).arrayBuffer());
      parts.push(redactor.feed(bytes));
      found.push(redactor.findings());
      self.postMessage({ type: "progress", done: Math.min(total, at + chunk), total });
    }
    parts.push(redactor.finish());
    found.push(redactor.findings());
    redactor.free();
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
