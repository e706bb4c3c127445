// The example host page's script (www/examples/embed.html), included piece by piece in the
// guide's chapter "Embedding the widget in another page" through the ANCHOR markers.
// It mounts a credentials form with `mount`, receives its `tts-keycheck:submit` event,
// checks a key as it is typed with `check`, asks The Things Stack with `liveCheck`, shows
// its own texts for errors with `errorCodes`, and redacts a ticket with `redactText`.
// Invariant: no key's secret is written to the page, an attribute, the console or storage.

// ANCHOR: import
import { load, check, redactText, liveCheck, mount, errorCodes } from "../loader.js";
// ANCHOR_END: import

const baseUrl = demoBaseUrl() ?? "https://eu1.cloud.thethings.network";

// ANCHOR: mount
await load(); // `check`, `redactText`, `mount` and `errorCodes` need the package loaded.

const host = document.getElementById("credentials");
const widget = mount(host, {
  mode: "form",
  baseUrl, // The cluster to preselect.
  showResult: true, // After submitting, list the three values to paste.
  timeoutMs: 15000,
  requiredRights: [
    "RIGHT_ORGANIZATION_APPLICATIONS_LIST",
    "RIGHT_APPLICATION_INFO",
    "RIGHT_APPLICATION_SETTINGS_BASIC",
    "RIGHT_APPLICATION_DEVICES_READ",
    "RIGHT_APPLICATION_DEVICES_WRITE",
  ],
});
// ANCHOR_END: mount

// ANCHOR: submit
const submitted = document.getElementById("submitted");
host.addEventListener("tts-keycheck:submit", (event) => {
  const { organizationId, keyId, keySecret } = event.detail;
  saveCredentials({ organizationId, keyId, keySecret });
  // Show what is not secret; the Key Secret is passed on, never displayed.
  submitted.textContent = `Received the credentials for organization “${organizationId}”, Key Id ${keyId}.`;
});

/** Where a real host page hands the three values to its own back end. */
function saveCredentials(credentials) {
  // For example: fetch("/api/things-stack-credentials", { method: "POST",
  //   headers: { "Content-Type": "application/json" }, body: JSON.stringify(credentials) });
  // This example page keeps them nowhere.
  void credentials;
}
// ANCHOR_END: submit

// ANCHOR: unmount
document.getElementById("remove-form").addEventListener("click", (event) => {
  widget.unmount(); // Removes the markup and the listeners, and stops a running check.
  event.currentTarget.disabled = true;
});
// ANCHOR_END: unmount

// ANCHOR: check
const keyInput = document.getElementById("key");
const keyStatus = document.getElementById("key-status");
const repairButton = document.getElementById("repair");

function showCheck() {
  const result = check(keyInput.value);
  repairButton.hidden = !result.repaired;
  if (result.valid) {
    keyStatus.textContent = `Well-formed: ${result.redacted}`;
  } else {
    // Problems carry a stable code, a message, and where they are in the input.
    keyStatus.textContent = result.problems
      .map((problem) => `${problem.code} at ${problem.start}–${problem.end}: ${problem.message}`)
      .join("\n");
  }
}
keyInput.addEventListener("input", showCheck);

repairButton.addEventListener("click", () => {
  const { repaired } = check(keyInput.value);
  if (repaired) keyInput.value = repaired; // The repaired key goes back into the input only.
  showCheck();
});
// ANCHOR_END: check

// ANCHOR: live
// A host page can show its own texts for the error codes; here they start as the checker's.
const messages = new Map(errorCodes().map(({ code, message }) => [code, message]));
const liveStatus = document.getElementById("live-status");
let controller;

document.getElementById("test").addEventListener("click", async () => {
  controller?.abort();
  controller = new AbortController();
  const result = check(keyInput.value);
  const key = result.valid ? keyInput.value : result.repaired;
  if (!key) {
    liveStatus.textContent = messages.get("invalid_key");
    return;
  }
  liveStatus.textContent = "Asking The Things Stack…";
  try {
    const report = await liveCheck({ key, baseUrl, timeoutMs: 15000, signal: controller.signal });
    const { code, cause, fix } = report.outcome;
    const lines = [code === "ok" ? "The key works." : `${code}: ${cause} ${fix}`];
    if (report.entity) lines.push(`Belongs to ${report.entity.kind} ${report.entity.id ?? "(unknown)"}.`);
    if (report.missing.length) lines.push(`Missing: ${report.missing.join(", ")}`);
    if (report.error?.correlationId) lines.push(`Correlation ID: ${report.error.correlationId}`);
    liveStatus.textContent = lines.join("\n");
  } catch (err) {
    // No HTTP answer: `err.code` is one of the codes errorCodes() lists.
    liveStatus.textContent = messages.get(err.code) ?? err.message;
  }
});

document.getElementById("cancel").addEventListener("click", () => controller?.abort());
// ANCHOR_END: live

// ANCHOR: redact
const ticket = document.getElementById("ticket");
const ticketRedacted = document.getElementById("ticket-redacted");
const ticketFindings = document.getElementById("ticket-findings");

ticket.addEventListener("input", () => {
  const { text, findings } = redactText(ticket.value);
  ticketRedacted.textContent = text;
  ticketFindings.textContent = findings.length
    ? findings
        .map((f) => `${f.kind} ${f.keyId ?? "(no readable Key ID)"}: ${f.valid ? "well-formed" : "not usable"}`)
        .join("\n")
    : "No keys found.";
});
// ANCHOR_END: redact

/**
 * The local The Things Stack stand-in, when `cargo xtask serve --demo` serves this page: it
 * names the stand-in in a meta tag. Only addresses on this computer are accepted.
 */
function demoBaseUrl() {
  const content = document.querySelector('meta[name="tts-keycheck-demo"]')?.content;
  if (!content) return undefined;
  try {
    const url = new URL(content);
    const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname);
    return /^https?:$/.test(url.protocol) && loopback ? url.origin : undefined;
  } catch {
    return undefined;
  }
}
