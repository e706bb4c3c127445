// The npm package's test app: imports the installed package by its name, as an app
// does, is type-checked against the package's types (tsc --noEmit) and bundled by
// esbuild; tests/e2e/package.rs loads the bundle and reads what it wrote.
import { check, errorCodes, load, mount, redactText, type Widget } from "tts-keycheck";

// The example key of The Things Stack's API-key docs: it grants nothing.
const EXAMPLE =
  "NNSXS.U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY.SHIF3PP5PBMJNZESN5XLR5TZJTJUIGKVUTM2I22IVBUVCD6VIQIA";

const show = (id: string, text: string): void => {
  const el = document.getElementById(id);
  if (el) el.textContent = text;
};

try {
  await load();
  const result = check(EXAMPLE);
  show("check", `valid ${result.valid} keyId ${result.keyId} redacted ${result.redacted}`);
  show("redact", redactText(`my key is ${EXAMPLE}, thanks`).text);
  show("codes", `${errorCodes().length} error codes`);
  const form = document.getElementById("app-form");
  if (form) {
    const widget: Widget = mount(form, { mode: "form" });
    show("mounted", widget ? "mounted" : "not mounted");
  }
} catch (err) {
  show("failed", `failed: ${(err as Error).message}`);
}
