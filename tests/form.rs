//! The form's decisions as data: one line per state of the fields, with what shows,
//! what each field says (problems `!`, notes `~`, by their first words), and the gate.
//!
//! Run with `UPDATE_EXPECT=1` to rewrite the expectations, then review the diff.

use expect_test::{expect, Expect};
use test_support::keys::K1;
use tts_keycheck::form::{autofill, view, Autofill, Fields, Live, Message, MAX_PASTE_CHARS};

const EU1: &str = "https://eu1.cloud.thethings.network";
const ID1: &str = "U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY";

/// Fields filled in well for the Sandbox's eu1, before a live check.
fn filled() -> Fields<'static> {
    Fields {
        cluster_choice: EU1,
        tenant: "",
        custom: "",
        confirmed: false,
        organization_id: "acme-sensors",
        key_id: ID1,
        key_id_autofilled: true,
        secret: K1,
        live: Live::Idle,
        acknowledged: false,
    }
}

fn summary(messages: &[Message]) -> String {
    messages
        .iter()
        .map(|m| {
            let words: Vec<&str> = m.text.split_whitespace().take(4).collect();
            format!("{}{}", if m.problem { "!" } else { "~" }, words.join(" "))
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Renders what the form shows for `fields` in one line.
#[track_caller]
fn case(fields: Fields<'_>, expect: Expect) {
    let v = view(&fields);
    let mut out = Vec::new();
    let shows: Vec<&str> = [
        ("tenant", v.show_tenant),
        ("custom", v.show_custom),
        ("confirm", v.show_confirm),
        ("repair", v.show_repair),
        ("cancel", v.show_cancel),
        ("ack", v.show_acknowledge),
        ("anatomy", v.anatomy.is_some()),
    ]
    .into_iter()
    .filter(|(_, shown)| *shown)
    .map(|(name, _)| name)
    .collect();
    out.push(format!("shows=[{}]", shows.join(",")));
    for (name, invalid, messages) in [
        ("cluster", false, &v.cluster_messages),
        ("org", v.organization_invalid, &v.organization_messages),
        ("secret", v.key_secret_invalid, &v.key_secret_messages),
        ("keyid", v.key_id_invalid, &v.key_id_messages),
    ] {
        if invalid || !messages.is_empty() {
            let mark = if invalid { "✗" } else { "" };
            out.push(format!("{name}{mark}={}", summary(messages)));
        }
    }
    out.push(format!(
        "test={}",
        if v.test_enabled { "on" } else { "off" }
    ));
    out.push(if v.submit_enabled {
        "submit=on".to_owned()
    } else {
        format!("submit=off({})", v.gate_reason)
    });
    expect.assert_eq(&out.join(" "));
}

#[test]
#[rustfmt::skip]
fn the_gate() {
    case(Fields { secret: "", key_id: "", organization_id: "", key_id_autofilled: false, ..filled() },
        expect![["shows=[] test=off submit=off(Fill in all three fields with well-formed values.)"]]);
    case(filled(), expect![[r#"shows=[anatomy] secret=~Well-formed API key. keyid=~Filled in from the test=on submit=off(Test the key first.)"#]]);
    case(Fields { live: Live::Running, ..filled() }, expect![[r#"shows=[cancel,anatomy] secret=~Well-formed API key. keyid=~Filled in from the test=off submit=off(Waiting for The Things Stack…)"#]]);
    case(Fields { live: Live::Passed, ..filled() }, expect![[r#"shows=[anatomy] secret=~Well-formed API key. keyid=~Filled in from the test=on submit=on"#]]);
    case(Fields { live: Live::Refused, ..filled() }, expect![[r#"shows=[anatomy] secret=~Well-formed API key. keyid=~Filled in from the test=on submit=off(The live check found a problem: fix it, then test again.)"#]]);
    case(Fields { live: Live::Unreachable, ..filled() }, expect![[r#"shows=[ack,anatomy] secret=~Well-formed API key. keyid=~Filled in from the test=on submit=off(Tick the box above to add the credentials without a live check.)"#]]);
    case(Fields { live: Live::Unreachable, acknowledged: true, ..filled() }, expect![[r#"shows=[ack,anatomy] secret=~Well-formed API key. keyid=~Filled in from the test=on submit=on"#]]);
    case(Fields { live: Live::Stopped, ..filled() }, expect![[r#"shows=[anatomy] secret=~Well-formed API key. keyid=~Filled in from the test=on submit=off(Test the key first.)"#]]);
    // A passed check does not open the gate for fields that are not well-formed.
    case(Fields { live: Live::Passed, organization_id: "Acme Sensors", ..filled() }, expect!["shows=[anatomy] org✗=!IDs are lower case.|!IDs cannot contain spaces.|!IDs are lower case. secret=~Well-formed API key. keyid=~Filled in from the test=on submit=off(Fill in all three fields with well-formed values.)"]);
}

#[test]
#[rustfmt::skip]
fn the_cluster() {
    case(Fields { cluster_choice: "tenant", ..filled() }, expect![[r#"shows=[tenant,anatomy] secret=~Well-formed API key. keyid=~Filled in from the test=off submit=off(Test the key first.)"#]]);
    case(Fields { cluster_choice: "tenant", tenant: "acme", ..filled() }, expect![[r#"shows=[tenant,anatomy] secret=~Well-formed API key. keyid=~Filled in from the test=on submit=off(Test the key first.)"#]]);
    case(Fields { cluster_choice: "custom", custom: "https://tts.example.com", ..filled() }, expect!["shows=[custom,confirm,anatomy] cluster=~This server is not|!Your key would be secret=~Well-formed API key. keyid=~Filled in from the test=off submit=off(Test the key first.)"]);
    case(Fields { cluster_choice: "custom", custom: "https://tts.example.com", confirmed: true, ..filled() }, expect!["shows=[custom,confirm,anatomy] cluster=~This server is not secret=~Well-formed API key. keyid=~Filled in from the test=on submit=off(Test the key first.)"]);
    case(Fields { cluster_choice: "custom", custom: "http://tts.example.com", ..filled() }, expect![[r#"shows=[custom,anatomy] cluster=!The address must start secret=~Well-formed API key. keyid=~Filled in from the test=off submit=off(Test the key first.)"#]]);
    case(Fields { cluster_choice: "https://nam1.cloud.thethings.network", ..filled() }, expect!["shows=[anatomy] cluster=~API keys are checked secret=~Well-formed API key. keyid=~Filled in from the test=on submit=off(Test the key first.)"]);
}

#[test]
#[rustfmt::skip]
fn the_key_fields() {
    let lowered = K1.to_lowercase();
    case(Fields { secret: &lowered, key_id: "", key_id_autofilled: false, ..filled() }, expect![[r#"shows=[repair,anatomy] secret✗=!API keys are upper test=off submit=off(Fill in all three fields with well-formed values.)"#]]);
    case(Fields { key_id: K1, key_id_autofilled: false, ..filled() }, expect![[r#"shows=[anatomy] secret=~Well-formed API key. keyid✗=!This is the whole test=on submit=off(Fill in all three fields with well-formed values.)"#]]);
    case(Fields { key_id: "ZXPW62GWUYNYJIERJDHBIECRJEKYYDMACPPBEUI", key_id_autofilled: false, ..filled() }, expect![[r#"shows=[anatomy] secret=~Well-formed API key. keyid✗=!This Key Id is test=on submit=off(Fill in all three fields with well-formed values.)"#]]);
    // A paste longer than any key is a whole text: no check, no anatomy, one message.
    let ticket = format!("Hi team, here is the log:\n{}\n{K1}\nThanks", "x".repeat(MAX_PASTE_CHARS));
    case(Fields { secret: &ticket, key_id: "", key_id_autofilled: false, ..filled() }, expect![[r#"shows=[] secret✗=!This is much longer test=off submit=off(Fill in all three fields with well-formed values.)"#]]);
    let just_fits: String = " ".repeat(MAX_PASTE_CHARS - K1.len()) + K1;
    case(Fields { secret: &just_fits, key_id: "", key_id_autofilled: false, ..filled() }, expect![[r#"shows=[repair,anatomy] secret✗=!There are spaces or test=off submit=off(Fill in all three fields with well-formed values.)"#]]);
}

#[test]
fn autofill_follows_the_key_until_the_user_types() {
    let cases: &[(&str, bool, &str, Autofill)] = &[
        ("", false, K1, Autofill::Set(ID1.to_owned())),
        (ID1, true, "NNSXS.broken", Autofill::Clear),
        ("", false, "NNSXS.broken", Autofill::Keep),
        ("TYPED", false, K1, Autofill::Keep),
        ("OLD", true, K1, Autofill::Set(ID1.to_owned())),
    ];
    for (key_id, autofilled, secret, expected) in cases {
        assert_eq!(
            &autofill(key_id, *autofilled, secret),
            expected,
            "{key_id:?} {autofilled}"
        );
    }
}
