//! The npm package in a bundled app: the test app `cargo xtask package` makes (the
//! package installed from its tarball into a scratch project, `package/main.ts`
//! type-checked and bundled by esbuild, the package's `pkg/` next to the bundle), served
//! at `/__package/`, in every engine: `check()`, `redactText()` and `errorCodes()` from
//! the bundle answer, and a form it mounts checks a typed key.

use std::path::PathBuf;

use crate::cases::{Case, Site, Step::*, EXAMPLE};

/// Where the widget's server serves the test app.
pub(crate) const PREFIX: &str = "/__package/";
/// The form the app mounts.
const FORM: &str = "#app-form";

/// The built test app: `$TTS_KEYCHECK_PACKAGE_APP`, else where `cargo xtask package`
/// puts it; `None` when it is not built.
pub(crate) fn app_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("TTS_KEYCHECK_PACKAGE_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/package/app/dist")
        });
    dir.join("app.js").is_file().then_some(dir)
}

/// The package's case; without the app, one that fails at once and says how to build it.
/// One line per case, so not formatted.
#[rustfmt::skip]
pub(crate) fn cases() -> Vec<Case> {
    let (page, steps) = match app_dir() {
        Some(_) => (format!("{PREFIX}index.html"), vec![
            Has("#check", "valid true keyId U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY redacted NNSXS.U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY.[REDACTED]"),
            Has("#redact", "my key is NNSXS.U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY.[REDACTED], thanks"),
            Has("#codes", "error codes"),
            Has("#mounted", "mounted"),
            Type("secret", EXAMPLE.to_owned()),
            Has("secret-msgs", "Well-formed API key."),
            Lacks("#failed", "failed"),
        ]),
        None => (crate::cases::FIXTURE.to_owned(), vec![Has("#package-app-not-built", "run `cargo xtask e2e` or `cargo xtask package` first")]),
    };
    let widget = if page.starts_with(PREFIX) { FORM } else { "#form" };
    vec![Case { name: "package-bundled-app".to_owned(), site: Site::Widget, page, widget, steps }]
}
