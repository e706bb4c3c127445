// The node half of `cargo xtask bench`: the release widget's `redactText` (through the
// loader, as host pages call it) next to V8's exact-key regex replace on the same corpus,
// in the same process. Run as `node node.mjs <www dir> <corpus.txt> <out.json>`; writes
// `{ bytes, redactTextMs, redactTextFlatMs, glueRedactTextMs, strictMs, ... }` (medians).
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [www, corpusFile, outFile] = process.argv.slice(2);
const base = pathToFileURL(www.endsWith("/") ? www : www + "/");
const pkg = await import(new URL("pkg/tts_keycheck.js", base).href);
// Node's fetch takes no file: URLs: the wasm is handed over, and the loader's `load()`
// then finds the package initialised (the same module instance).
pkg.initSync({ module: readFileSync(new URL("pkg/tts_keycheck_bg.wasm", base)) });
const loader = await import(new URL("loader.js", base).href);
await loader.load("support");
const text = readFileSync(corpusFile, "utf8");
const STRICT = /NNSXS\.[A-Z2-7]{39}\.[A-Z2-7]{52}/g;
const MASK = "[REDACTED]";
const RUNS = 7;

/** Median ms of `job` over RUNS runs, after one warm-up; and its last value. */
function timed(job) {
  let value = job();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    value = job();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[RUNS >> 1], value };
}

// The jobs take turns, so that a change in the machine's load hits all of them.
const ours = timed(() => loader.redactText(text));
const strict = timed(() => text.replace(STRICT, (m) => m.slice(0, 46) + MASK));
// The spliced string is a rope until read: the same job with the result read once.
const flat = timed(() => {
  const out = loader.redactText(text).text;
  return out.charCodeAt(out.length >> 1);
});
const glue = timed(() => pkg.redactText(text));
const same = ours.value.text === glue.value.text;
writeFileSync(
  outFile,
  JSON.stringify(
    {
      node: process.version,
      bytes: Buffer.byteLength(text),
      redactTextMs: ours.ms,
      redactTextFlatMs: flat.ms,
      glueRedactTextMs: glue.ms,
      strictMs: strict.ms,
      findings: ours.value.findings.length,
      sameAsGlue: same,
    },
    null,
    2,
  ) + "\n",
);
