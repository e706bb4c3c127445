//! The keyboard-only path: from an empty form, a user who never touches the mouse fills
//! in the Organization Id and the key, tests it, and adds the credentials, with Tab,
//! typing, Space and Enter alone; and sees where the focus is on every button they press.
//!
//! Keys go through WebDriver (typing into the focused element, key actions for Tab, Space
//! and Enter); nothing is clicked, pasted or focused by a script.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::{json, Value};

use crate::browser::Browser;
use crate::cases::{Case, Keys, Site, Step, Step::*, FIXTURE, WORKS};
use crate::Result;

/// The fixture's form.
const FORM: &str = "#form";
/// The most Tab presses a [`Check::TabTo`] may take: more than the page has stops.
const MAX_TABS: usize = 40;

/// A keyboard-only step.
#[derive(Debug, Clone)]
pub(crate) enum Check {
    /// Presses Tab until the focus is on the widget's part, at most [`MAX_TABS`] times.
    TabTo(&'static str),
    /// Types the text into the focused element, key by key.
    Type(String),
    /// The focus is on the widget's part, it matches `:focus-visible`, and it shows an
    /// outline or a box shadow.
    FocusShown(&'static str),
    /// The widget's part has this `aria-pressed`.
    Pressed(&'static str, &'static str),
}

/// The keyboard-only case. One line per step, so not formatted.
#[rustfmt::skip]
pub(crate) fn cases(keys: &Keys) -> Vec<Case> {
    let key = keys.get("org-ok");
    let key_id = key.split('.').nth(1).unwrap_or_default().to_owned();
    let space = char::from(Key::Space);
    let enter = char::from(Key::Enter);
    let steps = vec![
        Keyboard(Check::TabTo("org")),
        Keyboard(Check::Type("demo-org".into())),
        Keyboard(Check::TabTo("secret")),
        Keyboard(Check::Type(key)),
        Has("secret-msgs", "Well-formed API key."),
        Step::Value("keyid", key_id.clone()),
        // Show and hide the key with Space.
        Keyboard(Check::TabTo("show")),
        Keyboard(Check::FocusShown("show")),
        Press(space),
        Keyboard(Check::Pressed("show", "true")),
        Press(space),
        Keyboard(Check::Pressed("show", "false")),
        Keyboard(Check::TabTo("test")),
        Keyboard(Check::FocusShown("test")),
        Press(enter),
        Has("report", WORKS),
        Enabled("submit"),
        Keyboard(Check::TabTo("submit")),
        Keyboard(Check::FocusShown("submit")),
        Press(enter),
        Has("#events", Box::leak(format!("submit demo-org {key_id}").into_boxed_str())),
        Has("status", "Credentials ready for IotBridge."),
    ];
    vec![Case { name: "keyboard-only-submit".to_owned(), site: Site::Widget, page: FIXTURE.to_owned(), widget: FORM, steps }]
}

/// What has the focus: whether it is the element the selector names, a description of it
/// otherwise, and its focus ring.
const FOCUS: &str = r#"
const el = document.activeElement;
const want = document.querySelector(arguments[0]);
const s = el ? getComputedStyle(el) : null;
const outline = !!s && s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
const shadow = !!s && s.boxShadow !== "" && s.boxShadow !== "none";
return {
  on: el !== null && el === want,
  what: el ? el.tagName.toLowerCase() + (el.dataset && el.dataset.part ? `[data-part="${el.dataset.part}"]` : "") : "nothing",
  visible: !!el && el.matches(":focus-visible"),
  ring: outline || shadow,
  style: s ? `outline ${s.outlineStyle} ${s.outlineWidth}, box-shadow ${s.boxShadow}` : "",
};
"#;

/// Runs one keyboard-only step.
pub(crate) async fn check(browser: &Browser, case: &Case, check: &Check) -> Result<()> {
    match check {
        Check::TabTo(part) => {
            let css = format!("{} [data-part=\"{part}\"]", case.widget);
            for _ in 0..MAX_TABS {
                if focus(browser, &css).await?["on"] == true {
                    return Ok(());
                }
                press(browser, Key::Tab).await?;
            }
            let found = focus(browser, &css).await?;
            Err(format!(
                "{MAX_TABS} Tab presses never reached `{part}`; the focus is on {}",
                found["what"]
            )
            .into())
        }
        Check::Type(text) => {
            let el = browser.client().active_element().await?;
            el.send_keys(text).await?;
            Ok(())
        }
        Check::FocusShown(part) => {
            let css = format!("{} [data-part=\"{part}\"]", case.widget);
            let found = focus(browser, &css).await?;
            if found["on"] != true {
                return Err(format!("the focus is on {}, not `{part}`", found["what"]).into());
            }
            if found["visible"] != true || found["ring"] != true {
                return Err(format!(
                    "`{part}` has the focus but does not show it (:focus-visible {}, {})",
                    found["visible"], found["style"]
                )
                .into());
            }
            Ok(())
        }
        Check::Pressed(part, pressed) => {
            const PRESSED: &str = r#"
const el = document.querySelector(arguments[0]);
return !!el && el.getAttribute("aria-pressed") === arguments[1];
"#;
            let css = format!("{} [data-part=\"{part}\"]", case.widget);
            let what = format!("aria-pressed=\"{pressed}\" on `{part}`");
            browser
                .wait_true(&what, PRESSED, vec![json!(css), json!(pressed)])
                .await
        }
    }
}

/// Where the focus is (see [`FOCUS`]).
async fn focus(browser: &Browser, css: &str) -> Result<Value> {
    browser.execute(FOCUS, vec![json!(css)]).await
}

/// Presses and releases one key, wherever the focus is.
async fn press(browser: &Browser, key: Key) -> Result<()> {
    let key = char::from(key);
    let keys = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    browser.client().perform_actions(keys).await?;
    Ok(())
}
