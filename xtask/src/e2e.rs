//! `cargo xtask e2e`: the end-to-end tests in Chromium, Firefox ESR and WebKitGTK
//! (`tests/e2e`). Builds what they load, the site (the wasm widget into `www/pkg`, then the
//! book with the widget into `target/site`), the npm package with its bundled test app and
//! the stand-in binary, then runs `cargo test --test e2e`, which starts the stand-in, the
//! static servers, the recording proxy, the WebDriver servers and the browsers on loopback
//! itself and stops them again.

use crate::{cargo, cmd, package, site, standin, step, tools, Result};

/// Builds the site, the package's test app and the stand-in, then runs the browser tests
/// (those whose `ENGINE/NAME` contains the filter, if one is given).
pub(crate) fn run(filter: &[String]) -> Result<()> {
    let site = site::build()?;
    let tarball = package::pack()?;
    let app = package::app(&tarball)?;
    let standin = standin::build()?;
    step(
        "end-to-end tests in Chromium, Firefox ESR and WebKitGTK (tests/e2e)",
        cmd(cargo())
            .args(["test", "--package", "tts-keycheck", "--test", "e2e", "--"])
            .args(filter)
            .env("TTS_STANDIN", standin)
            .env("TTS_KEYCHECK_SITE", site)
            .env("TTS_KEYCHECK_PACKAGE_APP", app)
            .env("TTS_KEYCHECK_AXE", tools::axe())
            .env("GECKODRIVER", tools::tool("geckodriver"))
            .env("MINIBROWSER", tools::minibrowser()?),
    )
}
