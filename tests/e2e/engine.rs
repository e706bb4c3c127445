//! The three browser engines the widget's cases run in, and how each is asked for a
//! session: Chromium (Debian's, through ChromeDriver), Firefox ESR (through geckodriver)
//! and WebKitGTK's MiniBrowser (through WebKitWebDriver, in Xvfb).
//!
//! Each runs headless or on a virtual display, with a fresh profile, and with nothing that
//! talks to a server of its own: Chromium by its flags; Firefox by its preferences
//! ([`firefox_prefs`]) and, like WebKit, by a proxy on loopback that every request of the
//! browser goes through (`proxy.rs`), which forwards only to 127.0.0.1 and records
//! everything, so the privacy audit reads the same network log in both.

use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use crate::processes::program;

/// A browser engine of the end-to-end tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Engine {
    Chromium,
    Firefox,
    WebKit,
}

/// Every engine, in the order they run.
pub(crate) const ENGINES: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::WebKit];

/// The browser window, in CSS pixels: tall, so a whole widget fits in a screenshot.
pub(crate) const WINDOW: (u32, u32) = (1100, 2400);

/// Firefox's preferences besides geckodriver's own: no update, telemetry, studies,
/// safe-browsing lists, captive-portal or connectivity probes, remote settings, push,
/// prefetching, DNS over HTTPS (mode 5: off by choice) or OCSP; every address a feature
/// would call goes nowhere (the discard port on loopback); and loopback through the proxy
/// too.
fn firefox_prefs() -> Value {
    let nowhere = "http://127.0.0.1:65535/v1";
    let prefs = [
        ("app.normandy.enabled", json!(false)),
        ("app.shield.optoutstudies.enabled", json!(false)),
        ("app.update.auto", json!(false)),
        ("app.update.disabledForTesting", json!(true)),
        ("browser.discovery.enabled", json!(false)),
        (
            "browser.newtabpage.activity-stream.feeds.system.topsites",
            json!(false),
        ),
        (
            "browser.newtabpage.activity-stream.feeds.telemetry",
            json!(false),
        ),
        ("browser.newtabpage.enabled", json!(false)),
        ("browser.ping-centre.telemetry", json!(false)),
        ("browser.region.network.url", json!(nowhere)),
        ("browser.region.update.enabled", json!(false)),
        ("browser.safebrowsing.blockedURIs.enabled", json!(false)),
        ("browser.safebrowsing.downloads.enabled", json!(false)),
        (
            "browser.safebrowsing.downloads.remote.enabled",
            json!(false),
        ),
        ("browser.safebrowsing.malware.enabled", json!(false)),
        ("browser.safebrowsing.phishing.enabled", json!(false)),
        (
            "browser.safebrowsing.provider.google4.updateURL",
            json!(nowhere),
        ),
        (
            "browser.safebrowsing.provider.mozilla.updateURL",
            json!(nowhere),
        ),
        ("browser.search.update", json!(false)),
        ("browser.shell.checkDefaultBrowser", json!(false)),
        ("browser.startup.homepage", json!("about:blank")),
        ("browser.startup.page", json!(0)),
        ("browser.topsites.contile.enabled", json!(false)),
        ("datareporting.healthreport.uploadEnabled", json!(false)),
        ("datareporting.policy.dataSubmissionEnabled", json!(false)),
        ("dom.push.connection.enabled", json!(false)),
        ("dom.push.enabled", json!(false)),
        ("extensions.blocklist.enabled", json!(false)),
        ("extensions.getAddons.cache.enabled", json!(false)),
        ("extensions.systemAddon.update.enabled", json!(false)),
        ("extensions.update.enabled", json!(false)),
        ("geo.provider.network.url", json!(nowhere)),
        ("media.gmp-gmpopenh264.enabled", json!(false)),
        ("media.gmp-manager.url", json!(nowhere)),
        ("network.captive-portal-service.enabled", json!(false)),
        ("network.connectivity-service.enabled", json!(false)),
        ("network.dns.disablePrefetch", json!(true)),
        ("network.http.speculative-parallel-limit", json!(0)),
        ("network.predictor.enabled", json!(false)),
        ("network.prefetch-next", json!(false)),
        ("network.proxy.allow_hijacking_localhost", json!(true)),
        ("network.trr.mode", json!(5)),
        ("security.OCSP.enabled", json!(0)),
        (
            "security.remote_settings.crlite_filters.enabled",
            json!(false),
        ),
        (
            "security.remote_settings.intermediates.enabled",
            json!(false),
        ),
        ("services.settings.server", json!(nowhere)),
        ("toolkit.telemetry.archive.enabled", json!(false)),
        ("toolkit.telemetry.enabled", json!(false)),
        ("toolkit.telemetry.server", json!(nowhere)),
        ("toolkit.telemetry.unified", json!(false)),
    ];
    Value::Object(
        prefs
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect(),
    )
}

impl Engine {
    /// Its name in case names, screenshot folders and the `--engine` option.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::WebKit => "webkit",
        }
    }

    /// Whether its requests go through the recording proxy (else the privacy audit reads
    /// Chromium's own network log, through the DevTools protocol).
    pub(crate) fn proxied(self) -> bool {
        self != Engine::Chromium
    }

    /// Whether the book's cases and the accessibility audit run in it: only in Chromium.
    /// They read what the page logs before any script of it runs (a policy violation of an
    /// inline script) and emulate print media, which only ChromeDriver's own endpoints
    /// give; the page's markup, which axe-core audits, is the same in every engine.
    pub(crate) fn runs_book_cases(self) -> bool {
        self == Engine::Chromium
    }

    /// The capabilities of a new session: a fresh `profile` (Chromium's; geckodriver and
    /// WebKit make their own), and the recording proxy (`127.0.0.1:PORT`) of a proxied
    /// engine.
    pub(crate) fn capabilities(self, profile: &Path, proxy: Option<&str>) -> Map<String, Value> {
        let mut capabilities = Map::new();
        match self {
            Engine::Chromium => {
                let args = vec![
                    "--headless".to_owned(),
                    "--no-sandbox".to_owned(),
                    "--disable-gpu".to_owned(),
                    "--disable-dev-shm-usage".to_owned(),
                    "--no-first-run".to_owned(),
                    "--no-default-browser-check".to_owned(),
                    "--disable-background-networking".to_owned(),
                    "--disable-component-update".to_owned(),
                    "--disable-sync".to_owned(),
                    "--disable-extensions".to_owned(),
                    format!("--window-size={},{}", WINDOW.0, WINDOW.1),
                    // Lets a case collect garbage (`gc()`), to test a dropped `mount` handle.
                    "--js-flags=--expose-gc".to_owned(),
                    format!("--user-data-dir={}", profile.display()),
                    // Keep Chromium's own traffic (safe browsing, metrics) off the network.
                    "--disable-client-side-phishing-detection".to_owned(),
                    "--metrics-recording-only".to_owned(),
                ];
                let mut options = json!({ "args": args });
                if let Some(binary) = existing(
                    "CHROMIUM",
                    &["/usr/bin/chromium", "/usr/bin/chromium-browser"],
                ) {
                    options["binary"] = json!(binary);
                }
                // Network events only, for the privacy audit; page events would only fill the log.
                options["perfLoggingPrefs"] = json!({ "enableNetwork": true, "enablePage": false });
                capabilities.insert("browserName".to_owned(), json!("chrome"));
                capabilities.insert("goog:chromeOptions".to_owned(), options);
                // Everything the pages log, errors and policy violations included, for `log`;
                // and the DevTools protocol's network events, for `performance_log`.
                capabilities.insert(
                    "goog:loggingPrefs".to_owned(),
                    json!({ "browser": "ALL", "performance": "ALL" }),
                );
            }
            Engine::Firefox => {
                let mut options = json!({
                    "args": ["-headless", format!("--width={}", WINDOW.0), format!("--height={}", WINDOW.1)],
                    "prefs": firefox_prefs(),
                });
                if let Some(binary) =
                    existing("FIREFOX", &["/usr/bin/firefox-esr", "/usr/bin/firefox"])
                {
                    options["binary"] = json!(binary);
                }
                capabilities.insert("browserName".to_owned(), json!("firefox"));
                capabilities.insert("moz:firefoxOptions".to_owned(), options);
            }
            Engine::WebKit => {
                let binary = program("MINIBROWSER", &minibrowser_candidates(), "MiniBrowser");
                capabilities.insert(
                    "webkitgtk:browserOptions".to_owned(),
                    json!({ "binary": binary, "args": ["--automation"] }),
                );
            }
        }
        if let (Some(proxy), true) = (proxy, self.proxied()) {
            // Everything through the proxy, loopback included (no `noProxy` entry).
            capabilities.insert(
                "proxy".to_owned(),
                json!({ "proxyType": "manual", "httpProxy": proxy, "sslProxy": proxy, "noProxy": [] }),
            );
        }
        capabilities
    }
}

/// `$VAR`, else the first path that exists.
fn existing(var: &str, paths: &[&str]) -> Option<String> {
    std::env::var(var).ok().or_else(|| {
        paths
            .iter()
            .find(|path| Path::new(path).is_file())
            .map(|path| (*path).to_owned())
    })
}

/// Where Debian's `libwebkit2gtk-4.1-0` puts MiniBrowser (`cargo xtask e2e` finds it with
/// `dpkg -L` and passes `$MINIBROWSER`).
fn minibrowser_candidates() -> Vec<PathBuf> {
    ["x86_64-linux-gnu", "aarch64-linux-gnu", "i386-linux-gnu"]
        .iter()
        .map(|arch| PathBuf::from(format!("/usr/lib/{arch}/webkit2gtk-4.1/MiniBrowser")))
        .collect()
}
