// The demo page's own script: shows that the widget's submit event arrived, with the
// Organization Id and the Key Id only. Invariant: it never reads detail.keySecret.

const out = document.getElementById("demo-events");

document.addEventListener("tts-keycheck:submit", (event) => {
  const { organizationId, keyId } = event.detail ?? {};
  if (!out) return;
  const time = new Date().toLocaleTimeString();
  out.textContent = `${time}: tts-keycheck:submit received for Organization Id “${organizationId}”, Key Id ${keyId} (the Key Secret is in event.detail.keySecret and is not shown here).`;
});
