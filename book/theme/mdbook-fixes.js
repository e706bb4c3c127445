// Two fixes to mdBook 0.5.4's behaviour, loaded through `additional-js`, which
// theme/index.hbs puts before book.js; neither needs a copy of book.js.
"use strict";

// book.js sets `window.onunload = function() { };` ("Fix back button cache problem"), an
// unload handler: Chromium deprecates those (Lighthouse's best practices flag it when it
// is set), and it keeps every page out of the back/forward cache. The property takes no
// handler from here on, so book.js's assignment sets none.
Object.defineProperty(window, "onunload", {
  configurable: true,
  get: () => null,
  set: () => {},
});

// The sidebar toggle is a <button> in theme/index.hbs, not mdBook's <label> for the hidden
// checkbox `#mdbook-sidebar-toggle-anchor`, so a click flips the checkbox here and tells
// book.js through the `change` event it listens for. This listens on the document, so
// book.js's own click listener on the button (which shows the sidebar's element before
// it slides in) runs first, as it did for the label.
document.addEventListener("click", (event) => {
  const toggle = event.target instanceof Element ? event.target.closest("#mdbook-sidebar-toggle") : null;
  const checkbox = document.getElementById("mdbook-sidebar-toggle-anchor");
  if (!toggle || !checkbox) return;
  checkbox.checked = !checkbox.checked;
  checkbox.dispatchEvent(new Event("change"));
});
