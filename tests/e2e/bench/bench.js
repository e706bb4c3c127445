// The in-browser half of `cargo xtask bench`, loaded from bench.html by tests/e2e/bench.rs.
//
// `?mode=startup`: the time from this module's start to a mounted widget that has
// answered a typed key (the package fetched, compiled and instantiated on the way).
// `?mode=full`: the same, then `check()` latency, and `redactText` on the benchmark's
// corpus next to JavaScript regexes doing the same job in the same page (the package's
// export through the glue, and the loader's, which host pages call), and `redactFile`'s
// throughput on 64 MB and 256 MB made of the corpus. The result is
// `window.tkcBench = { done, result | error }`. Nothing is logged.
const started = performance.now();
window.tkcBench = { done: false };

// The regex a JavaScript author would write for exact keys only.
const STRICT = /NNSXS\.[A-Z2-7]{39}\.[A-Z2-7]{52}/g;
// The broader one that also catches near misses: the native baseline of benches/core.rs
// (any of the five prefixes in any case, `.` or `%2E`, joined parts; bare secrets).
const BROAD =
  /(?i:(nnsxs|mfrwg|ojswm|mf2xi|onzw4))(?:\.|%2[eE])([0-9A-Za-z]+)(?:(?:[-_.]|%2[eE])[0-9A-Za-z]+)*|\b[A-Z2-7]{51}[AQ]\b/g;
const KEY_ID = /^[A-Z2-7]{38}[AIQY]$/;
const MASK = "[REDACTED]";

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** The smallest step `performance.now()` moves by here (5 µs when cross-origin isolated). */
function timerStep() {
  let step = Infinity;
  for (let i = 0; i < 200; i++) {
    const a = performance.now();
    let b = performance.now();
    while (b === a) b = performance.now();
    step = Math.min(step, b - a);
  }
  return step * 1000;
}

/** Per-call latency of `fn(input)` in µs: `batches` timed batches of `per` calls each. */
function latency(fn, input, batches, per) {
  for (let i = 0; i < 5000; i++) fn(input);
  const samples = new Float64Array(batches);
  for (let b = 0; b < batches; b++) {
    const t = performance.now();
    for (let i = 0; i < per; i++) fn(input);
    samples[b] = ((performance.now() - t) * 1000) / per;
  }
  samples.sort();
  const mean = samples.reduce((a, b) => a + b, 0) / batches;
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), mean, batches, per };
}

/** Median wall time in ms of `runs` calls of `job` after one warm-up, and its last value. */
function timed(job, runs) {
  let value = job();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = job();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: percentile(times, 50), value };
}

function redactStrict(text) {
  let n = 0;
  const out = text.replace(STRICT, (m) => {
    n += 1;
    return m.slice(0, 46) + MASK;
  });
  return { out, n };
}

function redactBroad(text) {
  let n = 0;
  const out = text.replace(BROAD, (m, prefix, id) => {
    n += 1;
    if (prefix === undefined) return MASK;
    const keyId = KEY_ID.test(id) ? id + "." : "";
    return prefix.toUpperCase() + "." + keyId + MASK;
  });
  return { out, n };
}

async function full(pkg, result) {
  const inputs = await (await fetch("inputs.json")).json();
  const text = await (await fetch("corpus.txt")).text();
  result.timerStepUs = timerStep();
  result.check = {};
  for (const [name, input] of Object.entries(inputs)) {
    result.check[name] = latency(pkg.check, input, 2000, 10);
  }
  const bytes = new TextEncoder().encode(text).length;
  const loader = await import("/loader.js");
  await loader.load("support");
  const ours = timed(() => pkg.redactText(text), 5);
  const strict = timed(() => redactStrict(text), 5);
  const viaLoader = timed(() => loader.redactText(text), 5);
  const flat = timed(() => {
    const out = loader.redactText(text).text;
    return out.charCodeAt(out.length >> 1);
  }, 5);
  const broad = timed(() => redactBroad(text), 5);
  // What the two string copies of redactText cost on their own, done as wasm-bindgen's
  // glue does them: the text encoded into a buffer as UTF-8 (`encodeInto`), and the
  // bytes decoded back into a JS string.
  const buffer = new Uint8Array(text.length * 3);
  const encoder = new TextEncoder();
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true });
  const copies = timed(() => {
    const { written } = encoder.encodeInto(text, buffer);
    return decoder.decode(buffer.subarray(0, written)).length;
  }, 5);
  result.redact = {
    bytes,
    chars: text.length,
    redactTextMs: ours.ms,
    findings: ours.value.findings.length,
    strictMs: strict.ms,
    strictMatches: strict.value.n,
    broadMs: broad.ms,
    broadMatches: broad.value.n,
    copiesMs: copies.ms,
    loaderMs: viaLoader.ms,
    loaderFlatMs: flat.ms,
    loaderSame: viaLoader.value.text === ours.value.text,
  };
  // `redactFile` on the corpus repeated to 64 MB and 256 MB, one run each after a warm-up.
  const corpus = new TextEncoder().encode(text);
  result.redactFile = {};
  await loader.redactFile(new Blob([corpus]));
  for (const copies of [4, 16]) {
    const blob = new Blob(Array(copies).fill(corpus), { type: "text/plain" });
    const t = performance.now();
    const { blob: out, findings } = await loader.redactFile(blob);
    const ms = performance.now() - t;
    result.redactFile[`${copies * 16}MB`] = { bytes: blob.size, ms, outBytes: out.size, findings: findings.length };
  }
}

try {
  // The form's build, as a setup page loads it; the full run's jobs use the support
  // panel's build (`pkg/`), which holds `redactText` and the file worker's exports.
  const form = await import("/pkg-form/tts_keycheck.js");
  await form.default();
  const root = document.getElementById("widget");
  form.mount(root, { mode: "form" });
  const secret = root.querySelector('[data-part="secret"]');
  const messages = root.querySelector('[data-part="secret-msgs"]');
  secret.value = "NNSXS.";
  secret.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText" }));
  const answered = messages.textContent.length > 0;
  const result = {
    startupMs: performance.now() - started,
    answered,
    crossOriginIsolated: self.crossOriginIsolated,
  };
  if (new URLSearchParams(location.search).get("mode") === "full") {
    const pkg = await import("/pkg/tts_keycheck.js");
    await pkg.default();
    await full(pkg, result);
  }
  window.tkcBench = { done: true, result };
} catch (err) {
  window.tkcBench = { done: true, error: String((err && err.stack) || err) };
}
