//! The wasm boundary in headless Chromium (wasm-bindgen-test): every export's JS shape,
//! the `code` of its errors, the DOM wiring of `mount`, and `liveCheck` against the local
//! stand-in for The Things Stack, whose URL `cargo xtask wasm-test` passes in at build
//! time (`TTS_STANDIN_URL`).

#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement, HtmlInputElement};

use tts_keycheck::web::{check_js, error_codes, live_check, mount, redact_text_js};

wasm_bindgen_test_configure!(run_in_browser);

const K1: &str = "NNSXS.U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY.SHIF3PP5PBMJNZESN5XLR5TZJTJUIGKVUTM2I22IVBUVCD6VIQIA";
/// The stand-in's organization key with the IotBridge rights (tts-standin/README.md).
const DEMO_ORG_KEY: &str = "NNSXS.RI5LQKMVZFBV6XJGXF2Q3XB652K5NTGKQOI6IEY.2GWMQDGOOWL6RFDUHDK3RW3REYLWUT3PL3FXECDU7OPX3ZYTAYYA";
/// The stand-in's `fault-redirect` key: 307 to another address.
const DEMO_REDIRECT_KEY: &str = "NNSXS.TS63RBYNWGN4TYCIVPPLZKEKU4WGCBQB6QJ4NAI.IGJ7SSM2HSUEEQEMHDVKPTAOUGIQKWFE2YRDGKTTW5MJZDOONZSQ";
/// The stand-in's key whose ID is unknown.
const DEMO_UNKNOWN_KEY: &str = "NNSXS.BEWLHJ4BKQ53AV7CSSMBBVTAX27XFZJKIZBYVOA.VIGOGGDR7BO4D6MBPF7DA6762B6OATR42M7CTO6ETQXOGCF54WQQ";

fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.')
        .fold(value.clone(), |v, key| match key.parse::<u32>() {
            Ok(i) => Reflect::get_u32(&v, i).unwrap_or(JsValue::UNDEFINED),
            Err(_) => Reflect::get(&v, &key.into()).unwrap_or(JsValue::UNDEFINED),
        })
}

fn text(value: &JsValue, path: &str) -> String {
    get(value, path)
        .as_string()
        .unwrap_or_else(|| format!("{:?}", get(value, path)))
}

fn len(value: &JsValue, path: &str) -> u32 {
    Array::from(&get(value, path)).length()
}

/// One line per input: what `check` tells JS about it.
#[track_caller]
fn check_case(input: &str, expect: &str) {
    let out = check_js(input).expect("check never throws");
    let mut shown = format!(
        "valid={} kind={} problems={}",
        get(&out, "valid").as_bool().unwrap_or_default(),
        text(&out, "kind"),
        len(&out, "problems")
    );
    if len(&out, "problems") > 0 {
        shown.push_str(&format!(
            " first={}@{}..{}",
            text(&out, "problems.0.code"),
            get(&out, "problems.0.start").as_f64().unwrap_or(-1.0),
            get(&out, "problems.0.end").as_f64().unwrap_or(-1.0)
        ));
    }
    if get(&out, "repaired").is_string() {
        shown.push_str(" repaired");
    }
    assert_eq!(shown, expect, "check({input:?})");
    assert!(!text(&out, "redacted").contains(&K1[46..60]));
}

#[wasm_bindgen_test]
fn check_returns_the_documented_shape() {
    check_case(K1, "valid=true kind=api_key problems=0");
    check_case(
        "",
        "valid=false kind=JsValue(null) problems=1 first=empty@0..0",
    );
    check_case(
        &format!(" {K1}"),
        "valid=false kind=api_key problems=1 first=surrounding_whitespace@0..1 repaired",
    );
    // UTF-16 offsets: the emoji is two code units.
    check_case(
        &format!("\u{1f511}{K1}"),
        "valid=false kind=JsValue(null) problems=2 first=invalid_character@0..2",
    );
    check_case(
        &K1[..50],
        "valid=false kind=api_key problems=1 first=truncated@50..50",
    );
    let out = check_js(&format!(" {K1}")).unwrap();
    assert_eq!(text(&out, "keyId"), &K1[6..45]);
    assert_eq!(text(&out, "repaired"), K1);
    assert_eq!(text(&out, "fixes.0.code"), "surrounding_whitespace");
    assert_eq!(text(&out, "redacted"), format!("{}.[REDACTED]", &K1[..45]));
}

#[wasm_bindgen_test]
fn redact_text_returns_text_and_findings() {
    let ticket = format!("Hi, my key is é {K1} and {DEMO_ORG_KEY}.");
    let out = redact_text_js(&ticket).unwrap();
    let redacted = text(&out, "text");
    assert!(!redacted.contains(&K1[46..60]) && !redacted.contains(&DEMO_ORG_KEY[46..60]));
    assert_eq!(len(&out, "findings"), 2);
    assert_eq!(text(&out, "findings.0.kind"), "api_key");
    assert_eq!(text(&out, "findings.0.keyId"), &K1[6..45]);
    assert_eq!(get(&out, "findings.0.start").as_f64(), Some(16.0));
    assert_eq!(get(&out, "findings.0.valid").as_bool(), Some(true));
}

#[wasm_bindgen_test]
fn error_codes_are_stable_snake_case() {
    let codes = Array::from(&error_codes().unwrap());
    assert!(codes.length() >= 10);
    for code in codes.iter() {
        let code = text(&code, "code");
        assert!(
            code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{code}"
        );
    }
}

/// Runs `liveCheck` and returns the report, or the error's code.
async fn live(options: &[(&str, JsValue)]) -> Result<JsValue, String> {
    let object = js_sys::Object::new();
    for (name, value) in options {
        Reflect::set(&object, &(*name).into(), value).unwrap();
    }
    live_check(object.into())
        .await
        .map_err(|err| text(&err, "code"))
}

fn standin() -> Option<&'static str> {
    option_env!("TTS_STANDIN_URL")
}

#[wasm_bindgen_test]
async fn live_check_rejects_with_stable_codes_before_sending() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[], "bad_options"),
        (&[("key", "nope")], "invalid_key"),
        (
            &[
                ("key", K1),
                ("baseUrl", "http://eu1.cloud.thethings.network"),
            ],
            "invalid_base_url",
        ),
        (
            &[
                ("key", K1),
                ("baseUrl", "https://user:pw@eu1.cloud.thethings.network"),
            ],
            "invalid_base_url",
        ),
        // A host outside the clusters sends nothing without confirmation.
        (
            &[("key", K1), ("baseUrl", "https://evil.example")],
            "host_not_confirmed",
        ),
    ];
    for (options, code) in cases {
        let options: Vec<(&str, JsValue)> = options
            .iter()
            .map(|(n, v)| (*n, JsValue::from(*v)))
            .collect();
        assert_eq!(
            live(&options).await.err().as_deref(),
            Some(*code),
            "{options:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn live_check_reports_what_the_stand_in_says() {
    let Some(base) = standin() else {
        panic!("TTS_STANDIN_URL is not set: run these tests with `cargo xtask wasm-test`");
    };
    let report = live(&[
        ("key", DEMO_ORG_KEY.into()),
        ("baseUrl", base.into()),
        ("organizationId", "demo-org".into()),
    ])
    .await
    .expect("the stand-in answers");
    assert_eq!(text(&report, "outcome.code"), "ok");
    assert_eq!(text(&report, "entity.id"), "demo-org");
    assert_eq!(get(&report, "organizationMatches").as_bool(), Some(true));

    let report = live(&[("key", DEMO_UNKNOWN_KEY.into()), ("baseUrl", base.into())])
        .await
        .unwrap();
    assert_eq!(text(&report, "outcome.code"), "api_key_not_found");
    assert_eq!(get(&report, "httpStatus").as_f64(), Some(401.0));

    // A redirect is not followed: the answer would be another server's.
    let err = live(&[("key", DEMO_REDIRECT_KEY.into()), ("baseUrl", base.into())]).await;
    assert_eq!(err.err().as_deref(), Some("redirected"));

    // A port nobody listens on: no answer at all.
    let err = live(&[
        ("key", DEMO_ORG_KEY.into()),
        ("baseUrl", "http://127.0.0.1:9".into()),
    ])
    .await;
    assert_eq!(err.err().as_deref(), Some("network"));

    // An aborted signal: nothing is sent, and the code says so.
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort();
    let err = live(&[
        ("key", DEMO_ORG_KEY.into()),
        ("baseUrl", base.into()),
        ("signal", controller.signal().into()),
    ])
    .await;
    assert_eq!(err.err().as_deref(), Some("aborted"));
}

fn element(root: &HtmlElement, part: &str) -> web_sys::Element {
    root.query_selector(&format!("[data-part=\"{part}\"]"))
        .unwrap()
        .expect(part)
}

#[wasm_bindgen_test]
async fn mount_builds_the_form_and_reacts_to_input() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let mut widget = mount(root.clone().into(), js_sys::Object::new().into()).unwrap();

    let secret: HtmlInputElement = element(&root, "secret").unchecked_into();
    assert_eq!(secret.type_(), "password");
    for (attr, value) in [
        ("autocomplete", "off"),
        ("spellcheck", "false"),
        ("autocorrect", "off"),
        ("autocapitalize", "off"),
    ] {
        assert_eq!(secret.get_attribute(attr).as_deref(), Some(value), "{attr}");
    }
    secret.set_value(&K1.to_lowercase());
    secret
        .dispatch_event(
            &web_sys::Event::new_with_event_init_dict("input", &{
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                init
            })
            .unwrap(),
        )
        .unwrap();
    let repair: HtmlButtonElement = element(&root, "repair").unchecked_into();
    assert!(!repair.hidden(), "a lower-cased key can be repaired");
    repair.click();
    assert_eq!(secret.value(), K1);
    let keyid: HtmlInputElement = element(&root, "keyid").unchecked_into();
    assert_eq!(keyid.value(), &K1[6..45], "the Key Id fills from the key");
    let submit: HtmlButtonElement = element(&root, "submit").unchecked_into();
    assert!(submit.disabled(), "no submit before a live check");

    // The secret never lands in an attribute.
    let html = root.outer_html();
    assert!(!html.contains(&K1[46..60]), "secret in the DOM: {html}");

    element(&root, "clear")
        .unchecked_into::<HtmlButtonElement>()
        .click();
    assert_eq!(secret.value(), "");
    assert_eq!(keyid.value(), "");

    widget.unmount();
    assert_eq!(root.inner_html(), "");
    // Let pending microtasks run before the test ends.
    JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL))
        .await
        .unwrap();
}

/// The form's markup as `xtask/src/prerender.rs` puts it into a page: with the stamp of
/// `form.html` (FNV-1a, computed here again), buttons waiting, the loading note.
fn static_form(root: &HtmlElement, stamp: Option<u32>) {
    const FORM: &str = include_str!("../src/web/form.html");
    let fnv = FORM.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    let stamp = stamp.unwrap_or(fnv);
    root.set_attribute("data-tkc-static", &format!("form-{stamp:08x}"))
        .unwrap();
    root.set_inner_html(&format!(
        "{}<p data-part=\"loading\">Loading the key checker…</p>",
        FORM.replace("{p}", "tkcs9")
            .replace("<button", "<button disabled data-tkc-wait")
    ));
}

#[wasm_bindgen_test]
fn mount_adopts_markup_already_on_the_page() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    static_form(&root, None);
    // Typed before the engine arrived.
    element(&root, "secret")
        .unchecked_into::<HtmlInputElement>()
        .set_value(K1);
    let mut widget = mount(root.clone().into(), js_sys::Object::new().into()).unwrap();
    let secret: HtmlInputElement = element(&root, "secret").unchecked_into();
    assert_eq!(secret.value(), K1, "what was typed stays");
    assert_eq!(
        secret.id(),
        "tkcs9-secret",
        "the ids it was rendered with stay"
    );
    let keyid: HtmlInputElement = element(&root, "keyid").unchecked_into();
    assert_eq!(keyid.value(), &K1[6..45], "and is checked at once");
    let test: HtmlButtonElement = element(&root, "test").unchecked_into();
    assert!(!test.disabled(), "the buttons no longer wait");
    assert!(
        element(&root, "submit")
            .unchecked_into::<HtmlButtonElement>()
            .disabled(),
        "the gate still decides"
    );
    // The loading note stays, hidden by the style sheet once `data-tkc-static` is gone.
    assert!(root.query_selector("[data-tkc-wait]").unwrap().is_none());
    assert!(!root.has_attribute("data-tkc-static"));
    widget.unmount();
}

#[wasm_bindgen_test]
fn mount_renders_markup_of_another_version_afresh() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    static_form(&root, Some(0));
    element(&root, "secret")
        .unchecked_into::<HtmlInputElement>()
        .set_value(K1);
    let mut widget = mount(root.clone().into(), js_sys::Object::new().into()).unwrap();
    let secret: HtmlInputElement = element(&root, "secret").unchecked_into();
    assert_eq!(secret.value(), "", "a fresh form");
    assert!(root
        .query_selector("[data-part=loading], [data-tkc-wait]")
        .unwrap()
        .is_none());
    assert!(!root.has_attribute("data-tkc-static"));
    widget.unmount();
}

#[wasm_bindgen_test]
fn mount_rejects_what_is_not_an_element() {
    let err = mount(JsValue::NULL, JsValue::UNDEFINED).err().unwrap();
    assert_eq!(text(&err, "code"), "bad_element");
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    let options = js_sys::Object::new();
    Reflect::set(&options, &"mode".into(), &"nonsense".into()).unwrap();
    let err = mount(root.into(), options.into()).err().unwrap();
    assert_eq!(text(&err, "code"), "bad_options");
}
