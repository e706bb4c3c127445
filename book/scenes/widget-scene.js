// Drives the real widget (www/loader.js and the built package) into the state named by
// the page's `?state=`, then marks the page: `data-scene="ready"` and `data-height` (the
// picture's height in CSS pixels) on <html>. `cargo xtask screenshots` reads both from a
// first run with --dump-dom, then takes the picture at that height.
// Stand-in keys are looked up by name in its /demo/keys table, as the e2e tests do.
// States that ask the stand-in start the picture at a field below the cluster, which
// shows the stand-in's loopback address and would mean nothing to a reader.

import { load, mount } from "../../www/loader.js";

/** The example key of The Things Stack's API-key docs; public, it grants nothing. */
const EXAMPLE = "NNSXS.U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY.SHIF3PP5PBMJNZESN5XLR5TZJTJUIGKVUTM2I22IVBUVCD6VIQIA";
/** The example key of the CLI docs; public too. */
const CLI_EXAMPLE = "NNSXS.ZXPW62GWUYNYJIERJDHBIECRJEKYYDMACPPBEUI.LQD7A5VGEXNZ7F7PNTVUPMPDEB5XBJMTIH6ESUEE622VU2FQVESA";

/** The stand-in's address, injected by the xtask server as `<meta name="tts-keycheck-demo">`. */
const STANDIN = document.querySelector('meta[name="tts-keycheck-demo"]')?.content;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Puts text into a field as a paste does. */
function fill(root, part, text) {
  const field = root.querySelector(`[data-part=${part}]`);
  field.value = text;
  field.dispatchEvent(new Event("input", { bubbles: true }));
}

const click = (root, part) => root.querySelector(`[data-part=${part}]`).click();

/** Waits, bounded, until the live check is over (the form is no longer busy). */
async function settled(root) {
  for (let i = 0; i < 100 && (root.getAttribute("aria-busy") === "true" || !text(root, "status")); i++) {
    await sleep(100);
  }
}

const text = (root, part) => root.querySelector(`[data-part=${part}]`)?.textContent ?? "";

async function standinKey(name) {
  const res = await fetch(`${STANDIN}/demo/keys`, { cache: "no-store" });
  const { keys } = await res.json();
  return keys.find((k) => k.name === name).key;
}

/** Tests a stand-in key for the demo organization. */
async function live(root, name) {
  fill(root, "org", "demo-org");
  fill(root, "secret", await standinKey(name));
  click(root, "test");
  await settled(root);
}

/**
 * Each state: the widget's mode (`form` unless said), whether it asks the stand-in, the
 * field the picture starts at and the part it ends with (the whole widget when none),
 * and what to do.
 */
const STATES = {
  empty: { run: async () => {} },
  valid: {
    run: async (root) => {
      fill(root, "org", "acme-sensors");
      fill(root, "secret", EXAMPLE);
    },
  },
  problems: {
    run: async (root) => {
      // A `1` where the ID has an `I`, and the last eight characters lost.
      fill(root, "org", "acme-sensors");
      fill(root, "secret", EXAMPLE.replace("WCNI5", "WCN15").slice(0, -8));
    },
  },
  repair: {
    run: async (root) => {
      fill(root, "org", "acme-sensors");
      fill(root, "secret", `${EXAMPLE.slice(0, 52)} ${EXAMPLE.slice(52)}`.toLowerCase());
    },
  },
  "report-ok": { standin: true, from: "org", run: (root) => live(root, "org-ok") },
  // The longest report: it starts at Test key and ends with the report to stay a small picture.
  "report-missing": { standin: true, from: "test", to: "report", run: (root) => live(root, "org-missing-rights") },
  error: { standin: true, from: "org", run: (root) => live(root, "unknown-id") },
  submitted: {
    standin: true,
    from: "org",
    run: async (root) => {
      await live(root, "org-ok");
      click(root, "submit");
    },
  },
  support: {
    mode: "support",
    run: async (root) => {
      fill(
        root,
        "ticket",
        [
          "Hello support,",
          "IotBridge rejects our keys for acme-sensors:",
          EXAMPLE,
          CLI_EXAMPLE.toLowerCase(),
          "Thanks, Jane Doe",
        ].join("\n"),
      );
    },
  },
  // The panel halfway through a file: the real panel, driven by a `redactFile` that
  // reports 42 % of a 48.2 MB HAR capture and does not finish, so the picture is the
  // same on every run.
  "support-file": {
    mode: "support",
    redactFile: (file, { onProgress }) => {
      onProgress?.(20_244_000, 48_200_000);
      return new Promise(() => {});
    },
    run: async (root) => {
      const input = root.querySelector("[data-part=file]");
      const files = new DataTransfer();
      files.items.add(new File(["{}"], "support-export.har", { type: "application/json" }));
      input.files = files.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
      for (let i = 0; i < 50 && !text(root, "progress-label").includes("42"); i++) await sleep(20);
    },
  },
};

async function main() {
  const name = new URLSearchParams(location.search).get("state") || "empty";
  const state = STATES[name];
  const root = document.getElementById("widget");
  await load();
  const options = { mode: state.mode || "form", showResult: true };
  if (state.standin) options.baseUrl = STANDIN;
  if (state.redactFile) options.redactFile = state.redactFile;
  mount(root, options);
  await state.run(root);
  frame(root, state.from, state.to);
  document.documentElement.dataset.scene = "ready";
}

/**
 * Crops the page to the widget, from the field or row of part `from` and down to the end
 * of part `to` if given, and records the height.
 */
function frame(root, from, to) {
  const margin = 12;
  if (from) {
    const field = root.querySelector(`[data-part=${from}]`).closest(".tkc-field, .tkc-actions");
    const top = field.getBoundingClientRect().top + scrollY - margin;
    document.body.style.marginTop = `${-top}px`;
  }
  const last = to ? root.querySelector(`[data-part=${to}]`) : root;
  const bottom = last.getBoundingClientRect().bottom + scrollY + margin + 4;
  document.documentElement.dataset.height = String(Math.ceil(bottom));
}

main().catch((err) => {
  document.documentElement.dataset.scene = "failed";
  document.body.prepend(`scene failed: ${err}`);
});
