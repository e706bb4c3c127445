// tts-keycheck loader: loads the wasm package once, relative to this file (not the page),
// and mounts every [data-tts-keycheck] element with options from its data attributes.
//
//   <div data-tts-keycheck="form" data-show-result></div>
//   <script type="module" src="path/to/loader.js"></script>
//
// Host pages may also import it: `await load()`, then `check`, `redactText`, `mount`,
// `errorCodes` (synchronous) and `liveCheck` (async) behave as the package's exports;
// `redactFile(blob, { onProgress, signal })` redacts a whole file in a Web Worker.
// The package comes in two builds, one per widget: `pkg-form/` (the form) and `pkg/`
// (the support panel, whole texts and files). A page loads only what it shows.
// Invariant: nothing is read from the page URL, and no key is put in an attribute.

const PKGS = {
  form: new URL("./pkg-form/tts_keycheck.js", import.meta.url),
  support: new URL("./pkg/tts_keycheck.js", import.meta.url),
};
const KINDS = Object.keys(PKGS);
const DEMO_META = 'meta[name="tts-keycheck-demo"]';
const LOAD_FAILED = "The key checker could not be loaded. Reload the page to try again.";

const loading = {}; // Per build, the promise of its load.
const ready = {}; // Per build, the package, once loaded.
// Marks mounted elements; shared by every copy of this loader on the page (Symbol.for),
// so that two imports under different URLs never mount one element twice.
const MOUNTED = Symbol.for("tts-keycheck.widget");
const SELECTOR = "[data-tts-keycheck]";

/** Imports and initialises one build once; resolves with its module namespace. */
function loadBuild(kind) {
  loading[kind] ??= import(PKGS[kind].href)
    .then(async (lib) => {
      await lib.default(); // The glue finds the .wasm next to itself.
      return (ready[kind] = lib);
    })
    .catch((err) => {
      loading[kind] = undefined; // Invariant: a failed load may be retried.
      throw err;
    });
  return loading[kind];
}

/**
 * Loads the builds `kinds` asks for (`"form"`, `"support"` or both, the default) once;
 * resolves with this module's functions, which can then be called.
 */
export async function load(kinds = KINDS) {
  const wanted = [].concat(kinds);
  if (!wanted.length || wanted.some((kind) => !KINDS.includes(kind))) {
    const err = new Error('load() takes "form", "support" or both.');
    err.code = "bad_options";
    throw err;
  }
  await Promise.all(wanted.map(loadBuild));
  return { check, redactText, errorCodes, mount, liveCheck, redactFile, mountAll };
}

/** The loaded build for `kind`, or any loaded build when the function is in both. */
const pkg = (kind) => {
  const lib = kind ? ready[kind] : ready.form || ready.support;
  if (lib) return lib;
  const err = new Error("The key checker is not loaded yet: await load() first.");
  err.code = "not_loaded";
  throw err;
};

/** The build that mounts a widget with these options. */
const kindOf = (options) => (options?.mode === "support" ? "support" : "form");

/** The package's exports, available after `await load()`. */
export const check = (input) => pkg().check(input);
export const redactText = (text) => fastRedactText(pkg("support"), String(text));
export const errorCodes = () => pkg().errorCodes();
export const mount = (element, options) => pkg(kindOf(options)).mount(element, withFiles(options));
export const liveCheck = async (options) =>
  (ready.form || ready.support || (await loadBuild("form"))).liveCheck(options);

const STATIC = "data-tkc-static";
const WAKE = ["focusin", "pointerdown", "keydown", "paste", "input"];

/**
 * Resolves when the engine is needed: at the first focus, press, key or paste in a
 * widget whose markup is already on the page, or once the page has loaded and the
 * browser is idle, whichever comes first. What a reader types meanwhile stays in the
 * inputs and is checked at mount.
 */
function needed(doc) {
  return new Promise((resolve) => {
    const win = doc.defaultView || globalThis;
    const done = () => {
      for (const type of WAKE) doc.removeEventListener(type, wake, true);
      resolve();
    };
    const wake = (event) => {
      if (event.target?.closest?.(`[${STATIC}]`)) done();
    };
    for (const type of WAKE) doc.addEventListener(type, wake, true);
    // A reader may have been quicker than this script.
    const early = [...doc.querySelectorAll(`[${STATIC}]`)].some(
      (el) => el.contains(doc.activeElement) || [...el.querySelectorAll("input:not([type=checkbox])")].some((i) => i.value),
    );
    if (early) return done();
    const idle = () =>
      win.requestIdleCallback ? win.requestIdleCallback(done, { timeout: 2000 }) : win.setTimeout(done, 500);
    if (doc.readyState === "complete") idle();
    else win.addEventListener("load", idle, { once: true });
  });
}

// --- Whole texts and files (the support panel's file flow) ------------------------------
// `redactText` copies the text into the module's memory once (`encodeInto` on a view of
// it), lets the module find the keys, and splices their redacted forms into the original
// string: no copy of the whole text comes back. `redactFile` streams a Blob through
// `redact-worker.js`, a module worker that loads the same package.

const WORKER = new URL("./redact-worker.js", import.meta.url);
const encoder = new TextEncoder();

/** `{ text, findings }` as the package's `redactText` returns it, spliced in JS. */
function fastRedactText(lib, text) {
  // Invariant: initSync returns the instance the package already has (it is loaded).
  const memory = lib.initSync().memory;
  // At most 3 bytes of UTF-8 for each UTF-16 unit.
  const ptr = lib.inputBuffer(text.length * 3);
  // No room in the module's memory for a copy of the text: there is none for the glue's.
  if (!ptr) {
    const err = new Error("The text is too large to redact here; use redactFile.");
    err.code = "internal";
    throw err;
  }
  const { written } = encoder.encodeInto(text, new Uint8Array(memory.buffer, ptr, text.length * 3));
  const found = foundKeys([lib.findKeysIn(written)]);
  if (!found.length) return { text, findings: [] };
  // Joined at once (measured: flatter and faster to read than a chain of `+=`).
  const parts = [];
  let at = 0;
  for (const f of found) {
    parts.push(text.slice(at, f.start), f.redacted);
    at = f.end;
  }
  parts.push(text.slice(at));
  const findings = found.map(({ kind, keyId, start, end, valid, repairable }) => ({ kind, keyId, start, end, valid, repairable }));
  return { text: parts.join(""), findings };
}

/**
 * The keys the module found, from its flat answers (`findKeysIn`, `FileRedactor.findings`):
 * each `[numbers, texts]`, eight numbers per key (UTF-16 `start`, `end`; `byteStart`,
 * `byteEnd`; flags 1 valid, 2 repairable, 4 a Key ID shown; the lengths of its kind, Key
 * ID and redacted form, which follow one another in `texts`). Flat, so the module builds
 * no object per key (measured: that cost more than the scan).
 */
function foundKeys(answers) {
  const found = [];
  for (const [numbers, texts] of answers) {
    let t = 0;
    for (let i = 0; i + 8 <= numbers.length; i += 8) {
      const flags = numbers[i + 4];
      const kind = texts.slice(t, (t += numbers[i + 5]));
      const keyId = texts.slice(t, (t += numbers[i + 6]));
      const redacted = texts.slice(t, (t += numbers[i + 7]));
      found.push({
        kind,
        keyId: flags & 4 ? keyId : null,
        start: numbers[i],
        end: numbers[i + 1],
        byteStart: numbers[i + 2],
        byteEnd: numbers[i + 3],
        valid: !!(flags & 1),
        repairable: !!(flags & 2),
        redacted,
      });
    }
  }
  return found;
}

/** Options for `mount` with the file flow: the support panel redacts files with it. */
function withFiles(options) {
  return options && typeof options === "object" ? { redactFile, ...options } : options;
}

function aborted() {
  const err = new Error("Stopped: the file was not redacted.");
  err.code = "aborted";
  return err;
}

/**
 * Redacts a `Blob` or `File` of any size in a Web Worker, a few MB at a time.
 * Resolves with `{ blob, findings }`: the redacted file (same MIME type) and every key
 * found, `{ kind, keyId, start, end, byteStart, byteEnd, valid, repairable, redacted }`
 * with `byteStart`/`byteEnd` in bytes of the original file and `start`/`end` in UTF-16
 * code units of its text decoded as UTF-8 (as UTF-16, after its mark, for a file that
 * starts with a UTF-16 byte-order mark; it comes back in UTF-16 too). Calls `onProgress(doneBytes, totalBytes)`
 * after each chunk; an aborted `signal` stops the worker and rejects with an `Error`
 * whose `code` is `aborted`.
 */
export function redactFile(blob, { onProgress, signal, chunkBytes } = {}) {
  return new Promise((resolve, reject) => {
    if (!(blob instanceof Blob)) {
      const err = new Error("redactFile takes a Blob or a File.");
      err.code = "bad_options";
      reject(err);
      return;
    }
    if (signal?.aborted) {
      reject(aborted());
      return;
    }
    const worker = new Worker(WORKER, { type: "module" });
    const stop = () => {
      worker.terminate();
      reject(aborted());
    };
    const done = () => {
      signal?.removeEventListener("abort", stop);
      worker.terminate();
    };
    signal?.addEventListener("abort", stop, { once: true });
    worker.onmessage = ({ data }) => {
      if (data.type === "progress") {
        if (!signal?.aborted) onProgress?.(data.done, data.total);
      } else if (data.type === "done") {
        done();
        resolve({ blob: data.blob, findings: foundKeys(data.found) });
      } else {
        done();
        const err = new Error(data.message || "The file could not be redacted.");
        err.code = data.code || "internal";
        reject(err);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      done();
      const err = new Error("The file could not be redacted: the worker failed to start.");
      err.code = "internal";
      reject(err);
    };
    worker.postMessage({ blob, pkg: PKGS.support.href, chunkBytes });
  });
}

/** The demo stand-in's address, from `<meta name="tts-keycheck-demo">`; loopback only. */
function demoUrl(doc) {
  const content = doc.querySelector?.(DEMO_META)?.content;
  if (!content) return null;
  try {
    const url = new URL(content);
    const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname);
    return /^https?:$/.test(url.protocol) && loopback ? url.origin : null;
  } catch {
    return null;
  }
}

/** Options for `mount` from an element's data attributes. */
function optionsOf(element, demo) {
  const data = element.dataset;
  const options = { mode: data.ttsKeycheck || "form" };
  if (demo || data.baseUrl) options.baseUrl = demo || data.baseUrl;
  if (data.requiredRights) options.requiredRights = data.requiredRights;
  const ms = Number(data.timeoutMs);
  if (data.timeoutMs && Number.isFinite(ms)) options.timeoutMs = ms;
  if ("showResult" in data) options.showResult = data.showResult !== "false";
  return options;
}

function showError(element, err) {
  const p = document.createElement("p");
  p.className = "tkc-load-error";
  p.setAttribute("role", "alert");
  p.textContent = err?.code === "bad_options" ? err.message : LOAD_FAILED;
  element.replaceChildren(p);
  element.classList.add("tkc");
}

/** Mounts every `[data-tts-keycheck]` element under `root` not mounted yet; resolves with the new widgets. */
export async function mountAll(root = document) {
  const found = [...(root.matches?.(SELECTOR) ? [root] : []), ...root.querySelectorAll(SELECTOR)];
  const elements = found.filter((el) => !el[MOUNTED]);
  if (!elements.length) return [];
  for (const el of elements) el[MOUNTED] = "loading";
  const doc = root.ownerDocument || root;
  const demo = demoUrl(doc);
  try {
    // Markup already on the page can wait for the engine; anything else needs it now.
    if (elements.every((el) => el.hasAttribute(STATIC))) await needed(doc);
    // Only the builds of the widgets on the page.
    await load([...new Set(elements.map((el) => kindOf(optionsOf(el, null))))]);
  } catch (err) {
    for (const el of elements) {
      delete el[MOUNTED];
      showError(el, err);
    }
    return [];
  }
  const keys = demo ? demoKeys(demo) : null;
  const widgets = [];
  for (const el of elements) {
    try {
      const options = withFiles(optionsOf(el, demo));
      const widget = mount(el, options);
      const unmount = widget.unmount.bind(widget);
      let box;
      // Unmounting also removes the demo keys, and lets mountAll mount the element again.
      widget.unmount = () => {
        unmount();
        box?.remove();
        if (el[MOUNTED] === widget) delete el[MOUNTED];
      };
      el[MOUNTED] = widget;
      widgets.push(widget);
      if (keys && options.mode === "form") {
        keys.then((list) => {
          if (list.length && el[MOUNTED] === widget) box = renderDemo(el, list);
        });
      }
    } catch (err) {
      delete el[MOUNTED];
      showError(el, err);
    }
  }
  return widgets;
}

/** The demo keys from the stand-in: `[{ name, description, key }]`, or `[]`. */
async function demoKeys(base) {
  try {
    const res = await fetch(`${base}/demo/keys`, { cache: "no-store", credentials: "omit" });
    const json = res.ok ? await res.json() : [];
    const items = Array.isArray(json) ? json : json?.keys;
    return (Array.isArray(items) ? items : [])
      .map((item) => ({
        name: String(item?.name ?? item?.label ?? item?.title ?? "key"),
        description: String(item?.expect ?? item?.description ?? "").replace(/`/g, ""),
        key: item?.key ?? item?.value,
      }))
      .filter((item) => typeof item.key === "string" && item.key);
  } catch {
    return [];
  }
}

/** A "Demo keys" list after a form widget; a click puts the key into Key Secret. */
function renderDemo(element, keys) {
  const box = document.createElement("section");
  box.className = "tkc tkc-demo";
  const title = document.createElement("h3");
  title.className = "tkc-title";
  title.textContent = "Demo keys";
  const note = document.createElement("p");
  note.className = "tkc-note";
  note.textContent = "Keys of the local The Things Stack stand-in; they grant nothing anywhere. Its organization keys belong to demo-org.";
  const list = document.createElement("ul");
  for (const { name, description, key } of keys) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "tkc-btn";
    button.textContent = name;
    // Invariant: the key stays in this closure; it is written only to the input's value.
    button.addEventListener("click", () => {
      const input = element.querySelector("input[data-part=secret]");
      if (!input) return;
      input.value = key;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.focus();
    });
    const text = document.createElement("span");
    text.textContent = description;
    item.append(button, text);
    list.append(item);
  }
  box.append(title, note, list);
  element.after(box);
  return box;
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => mountAll(), { once: true });
  } else {
    mountAll();
  }
}
