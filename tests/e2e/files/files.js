// The page half of tests/e2e/files.rs. Each job stores its result in `window.tkcFiles.
// result` as `{ done, value | error }`, which the test polls (no fixed sleeps here or
// there). Nothing is logged.
import { load, redactFile } from "/loader.js";

const jobs = {};
window.tkcFiles = { result: null, jobs };

function run(job) {
  window.tkcFiles.result = { done: false };
  job().then(
    (value) => (window.tkcFiles.result = { done: true, value }),
    (err) => (window.tkcFiles.result = { done: true, error: String(err?.stack || err) }),
  );
}

/** Whether two Blobs hold the same bytes, compared 8 MB at a time. */
async function sameBytes(a, b) {
  if (a.size !== b.size) return false;
  const step = 8 << 20;
  for (let at = 0; at < a.size; at += step) {
    const [x, y] = await Promise.all([
      a.slice(at, at + step).arrayBuffer(),
      b.slice(at, at + step).arrayBuffer(),
    ]);
    const u = new Uint8Array(x);
    const v = new Uint8Array(y);
    for (let i = 0; i < u.length; i++) if (u[i] !== v[i]) return false;
  }
  return true;
}

const fetchBlob = async (url, type) => {
  const blob = await (await fetch(url, { cache: "no-store" })).blob();
  return new Blob([blob], { type });
};

/**
 * Redacts `input` with `redactFile` (in chunks of `chunkBytes`, if given) while a 10 ms
 * timer runs on this thread, and compares the result with `expected`.
 */
jobs.whole = (input, expected, chunkBytes) =>
  run(async () => {
    await load();
    const file = await fetchBlob(input, "text/plain");
    const want = await fetchBlob(expected, "text/plain");
    let ticks = 0;
    let last = performance.now();
    let maxGapMs = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      maxGapMs = Math.max(maxGapMs, now - last);
      last = now;
      ticks += 1;
    }, 10);
    const progress = [];
    const started = performance.now();
    const { blob, findings } = await redactFile(file, {
      onProgress: (done, total) => progress.push([done, total]),
      chunkBytes,
    });
    const ms = performance.now() - started;
    clearInterval(timer);
    const [lastDone, lastTotal] = progress[progress.length - 1] || [0, -1];
    return {
      same: await sameBytes(blob, want),
      type: blob.type,
      size: file.size,
      findings: findings.length,
      byteSpansHold: findings.every((f) => f.byteStart < f.byteEnd && f.byteEnd <= file.size),
      // For a UTF-16 file with its mark: 2 bytes of mark, then 2 per UTF-16 unit.
      utf16Spans: findings.every((f) => f.byteStart === 2 + 2 * f.start && f.byteEnd === 2 + 2 * f.end),
      progressCalls: progress.length,
      progressIncreases: progress.every(([d], i) => i === 0 || d >= progress[i - 1][0]),
      reached: lastDone === lastTotal && lastTotal === file.size,
      ticks,
      maxGapMs,
      ms,
    };
  });

/** Starts `redactFile` and aborts it at its first progress call. */
jobs.cancel = (input) =>
  run(async () => {
    await load();
    const file = await fetchBlob(input, "text/plain");
    const controller = new AbortController();
    let progressAfterAbort = 0;
    try {
      await redactFile(file, {
        signal: controller.signal,
        onProgress: () => {
          if (controller.signal.aborted) progressAfterAbort += 1;
          controller.abort();
        },
      });
      return { rejected: false };
    } catch (err) {
      // And a signal aborted before the call rejects at once.
      let early = null;
      try {
        await redactFile(file, { signal: controller.signal });
      } catch (again) {
        early = again.code;
      }
      return { rejected: true, code: err.code, isError: err instanceof Error, early, progressAfterAbort };
    }
  });

/** Catches the panel's download link: its name, and the Blob behind its URL. */
jobs.catchDownloads = () => {
  window.tkcFiles.downloads = [];
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    const entry = { name: this.download, href: this.href, text: null };
    window.tkcFiles.downloads.push(entry);
    fetch(this.href)
      .then((r) => r.text())
      .then((text) => (entry.text = text));
    // No real download in the test browser.
    if (!this.download) click.call(this);
  };
};

/** Whether the last download equals the text at `expected`, and is JSON when asked. */
jobs.checkDownload = (expected, json) =>
  run(async () => {
    const list = window.tkcFiles.downloads;
    const entry = list[list.length - 1];
    if (!entry) return { found: false };
    while (entry.text === null) await new Promise((r) => setTimeout(r, 20));
    const want = await (await fetch(expected, { cache: "no-store" })).text();
    let parses = null;
    if (json) {
      try {
        JSON.parse(entry.text);
        parses = true;
      } catch {
        parses = false;
      }
    }
    // The object URL is revoked after the download.
    let revoked = false;
    for (let i = 0; i < 200 && !revoked; i++) {
      await new Promise((r) => setTimeout(r, 25));
      revoked = await fetch(entry.href).then(() => false, () => true);
    }
    return { found: true, name: entry.name, same: entry.text === want, parses, revoked };
  });
