//! Tests for `json`, the JSON reader behind the report: documents of every kind, escapes
//! and surrogates, integers read from number text, member lookup, every error kind with
//! its offset and message, the depth limit; and properties over generated input (10 000
//! cases each): it never panics, it agrees with serde_json on JSON-like text, serde_json's
//! output of any value reads back as that value, and a cut document ends unexpectedly.

use std::borrow::Cow;

use proptest::prelude::*;
use serde_json::Value;
use tts_keycheck::json::{self, ErrorKind, Json, ParseError, MAX_DEPTH};

/// A tree on one line: strings in Rust's debug form, `~` before a string that had to be
/// decoded (the others borrow from the input), numbers as their text.
fn render(json: &Json<'_>) -> String {
    #[expect(clippy::ptr_arg, reason = "whether it borrows is what is shown")]
    fn text(text: &Cow<'_, str>) -> String {
        match text {
            Cow::Borrowed(text) => format!("{text:?}"),
            Cow::Owned(text) => format!("~{text:?}"),
        }
    }
    match json {
        Json::Null => "null".to_owned(),
        Json::Bool(value) => value.to_string(),
        Json::Number(number) => (*number).to_owned(),
        Json::String(string) => text(string),
        Json::Array(items) => {
            let items: Vec<String> = items.iter().map(render).collect();
            format!("[{}]", items.join(", "))
        }
        Json::Object(members) => {
            let members: Vec<String> = members
                .iter()
                .map(|(name, value)| format!("{}: {}", text(name), render(value)))
                .collect();
            format!("{{{}}}", members.join(", "))
        }
    }
}

/// The tree, or `Kind @offset` for an error (whose message is checked too).
fn outcome(input: &str) -> String {
    match json::parse(input) {
        Ok(json) => render(&json),
        Err(error) => {
            assert_eq!(
                error.to_string(),
                format!("{} at byte {}", error.kind().message(), error.offset())
            );
            format!("{:?} @{}", error.kind(), error.offset())
        }
    }
}

#[track_caller]
fn check(input: &str, expect: &str) {
    assert_eq!(outcome(input), expect, "input {input:?}");
}

#[test]
#[rustfmt::skip]
fn values() {
    check("null", "null");
    check("true", "true");
    check("false", "false");
    check("0", "0");
    check("-12.5e+3", "-12.5e+3");
    check(r#""""#, r#""""#);
    check("[]", "[]");
    check("{}", "{}");
    check(" \t\n\r[ 1 , 2 ] \r\n", "[1, 2]");
    check("[1, [2, []], {}, null]", "[1, [2, []], {}, null]");
    check(r#"{"a": {"b": [null, true]}, "c": "d"}"#, r#"{"a": {"b": [null, true]}, "c": "d"}"#);
    check(r#"{"a":1,"a":2}"#, r#"{"a": 1, "a": 2}"#);
    check(r#"{"":0}"#, r#"{"": 0}"#);
    check(r#"{"\u0061":0}"#, r#"{~"a": 0}"#);
    check("[[[[[[[[[[]]]]]]]]]]", "[[[[[[[[[[]]]]]]]]]]");
}

#[test]
#[rustfmt::skip]
fn strings() {
    check(r#""plain text""#, r#""plain text""#);
    check("\"é😀 raw\"", "\"é😀 raw\"");
    check("\"\u{7f}\u{80}\"", r#""\u{7f}\u{80}""#);
    check(r#""a\"b\\c\/d\be\ff\ng\rh\ti""#, r#"~"a\"b\\c/d\u{8}e\u{c}f\ng\rh\ti""#);
    check(r#""\u0041\u00e9\u20AC\uFFFF""#, r#"~"Aé€\u{ffff}""#);
    check(r#""\u0000""#, r#"~"\0""#);
    check(r#""\ud83d\ude00""#, r#"~"😀""#);
    check(r#""x\uD83D\uDE00y""#, r#"~"x😀y""#);
    check(r#""\ud800\udc00""#, r#"~"𐀀""#);
    check(r#""\udbff\udfff""#, r#"~"\u{10ffff}""#);
    check(r#""\\u0041""#, r#"~"\\u0041""#);
}

#[test]
#[rustfmt::skip]
fn lone_surrogates() {
    check(r#""\ud800""#, "LoneSurrogate @1");
    check(r#""\udc00""#, "LoneSurrogate @1");
    check(r#""\ude00\ud83d""#, "LoneSurrogate @1");
    check(r#""\ud83d\ud83d""#, "LoneSurrogate @1");
    check(r#""a\ud83d\u0041""#, "LoneSurrogate @2");
    check(r#""a\ud83dx""#, "LoneSurrogate @2");
    check(r#""\ud83d\n""#, "LoneSurrogate @1");
    check(r#"{"\ud83d": 1}"#, "LoneSurrogate @2");
    check(r#""\ud83d"#, "UnexpectedEnd @7");
    check(r#""\ud83d\"#, "UnexpectedEnd @8");
    check(r#""\ud83d\ude"#, "UnexpectedEnd @11");
    check(r#""\ud83d\uzzzz""#, "InvalidEscape @1");
}

#[test]
#[rustfmt::skip]
fn numbers_stay_text() {
    check("18446744073709551616", "18446744073709551616");
    check("-123456789012345678901234567890", "-123456789012345678901234567890");
    check("1E400", "1E400");
    check("1e-400", "1e-400");
    check("-0", "-0");
    check("0.000", "0.000");
    check("[0,-0.5,2E-0]", "[0, -0.5, 2E-0]");
}

#[test]
#[rustfmt::skip]
fn integers() {
    #[track_caller]
    fn check_integer(text: &str, as_u64: Option<u64>, as_i64: Option<i64>) {
        let json = json::parse(text).unwrap();
        assert_eq!((json.as_u64(), json.as_i64()), (as_u64, as_i64), "{text}");
    }
    check_integer("0", Some(0), Some(0));
    check_integer("7", Some(7), Some(7));
    check_integer("-7", None, Some(-7));
    check_integer("-0", None, None);
    check_integer("9223372036854775807", Some(i64::MAX as u64), Some(i64::MAX));
    check_integer("9223372036854775808", Some(1 << 63), None);
    check_integer("18446744073709551615", Some(u64::MAX), None);
    check_integer("18446744073709551616", None, None);
    check_integer("-9223372036854775808", None, Some(i64::MIN));
    check_integer("-9223372036854775809", None, None);
    check_integer("1.0", None, None);
    check_integer("1e2", None, None);
    check_integer("10E0", None, None);
    check_integer(r#""7""#, None, None);
    check_integer("true", None, None);
}

#[test]
#[rustfmt::skip]
fn accessors() {
    #[track_caller]
    fn check_accessors(text: &str, expect: &str) {
        let json = json::parse(text).unwrap();
        let mut found = Vec::new();
        if json.is_null() { found.push("null".to_owned()); }
        if let Some(value) = json.as_bool() { found.push(format!("bool={value}")); }
        if let Some(value) = json.as_str() { found.push(format!("str={value:?}")); }
        if let Some(value) = json.as_u64() { found.push(format!("u64={value}")); }
        if let Some(value) = json.as_i64() { found.push(format!("i64={value}")); }
        if let Some(items) = json.as_array() { found.push(format!("array={}", items.len())); }
        if let Some(members) = json.as_object() { found.push(format!("object={}", members.len())); }
        assert_eq!(found.join(" "), expect, "{text}");
    }
    check_accessors("null", "null");
    check_accessors("false", "bool=false");
    check_accessors(r#""x\n""#, r#"str="x\n""#);
    check_accessors("7", "u64=7 i64=7");
    check_accessors("-7", "i64=-7");
    check_accessors("7.5", "");
    check_accessors("[1, 2]", "array=2");
    check_accessors(r#"{"a": 1, "a": 2}"#, "object=2");
}

#[test]
#[rustfmt::skip]
fn get() {
    #[track_caller]
    fn check_get(text: &str, path: &[&str], expect: Option<&str>) {
        let json = json::parse(text).unwrap();
        let found = path.iter().try_fold(&json, |json, name| json.get(name));
        assert_eq!(found.map(render).as_deref(), expect, "{text} {path:?}");
    }
    let doc = r#"{"a": 1, "b": "x", "a": 2, "c": [true, null], "d": {"e": false}, "\u0066": 3}"#;
    check_get(doc, &["a"], Some("2"));
    check_get(doc, &["b"], Some(r#""x""#));
    check_get(doc, &["c"], Some("[true, null]"));
    check_get(doc, &["d", "e"], Some("false"));
    check_get(doc, &["f"], Some("3"));
    check_get(doc, &["z"], None);
    check_get(doc, &["A"], None);
    check_get(doc, &["b", "x"], None);
    check_get(doc, &[], Some(&render(&json::parse(doc).unwrap())));
    check_get("[1]", &["0"], None);
    check_get(r#""a""#, &["a"], None);
    // A name given more than once: the last value counts, and an object is not merged
    // with the earlier one.
    check_get(r#"{"a": 1, "a": null}"#, &["a"], Some("null"));
    check_get(r#"{"d": {"e": 1}, "d": {"f": 2}}"#, &["d", "f"], Some("2"));
    check_get(r#"{"d": {"e": 1}, "d": {"f": 2}}"#, &["d", "e"], None);
    check_get(r#"{"d": {"e": 1}, "d": 2}"#, &["d", "e"], None);
}

#[test]
#[rustfmt::skip]
fn errors() {
    // The text ends too early: the offset is its length.
    check("", "UnexpectedEnd @0");
    check(" \n ", "UnexpectedEnd @3");
    check("[1,", "UnexpectedEnd @3");
    check("[1", "UnexpectedEnd @2");
    check("{", "UnexpectedEnd @1");
    check(r#"{"a""#, "UnexpectedEnd @4");
    check(r#"{"a":"#, "UnexpectedEnd @5");
    check(r#"{"a":1"#, "UnexpectedEnd @6");
    check(r#""abc"#, "UnexpectedEnd @4");
    check(r#""\"#, "UnexpectedEnd @2");
    check(r#""\u12"#, "UnexpectedEnd @5");
    check("tr", "UnexpectedEnd @2");
    check("[nul", "UnexpectedEnd @4");
    check("-", "UnexpectedEnd @1");
    check("1.", "UnexpectedEnd @2");
    check("1e+", "UnexpectedEnd @3");
    // A character that cannot start a value.
    check("]", "ExpectedValue @0");
    check("[1,]", "ExpectedValue @3");
    check("[,1]", "ExpectedValue @1");
    check(r#"{"a":}"#, "ExpectedValue @5");
    check("+1", "ExpectedValue @0");
    check(".5", "ExpectedValue @0");
    check("'a'", "ExpectedValue @0");
    check("NaN", "ExpectedValue @0");
    check("True", "ExpectedValue @0");
    check("\u{feff}{}", "ExpectedValue @0");
    check("\u{a0}{}", "ExpectedValue @0");
    check("<html>", "ExpectedValue @0");
    // Object syntax.
    check("{1:2}", "ExpectedName @1");
    check(r#"{"a":1,}"#, "ExpectedName @7");
    check("{'a':1}", "ExpectedName @1");
    check("{a:1}", "ExpectedName @1");
    check(r#"{"a" 1}"#, "ExpectedColon @5");
    check(r#"{"a",1}"#, "ExpectedColon @4");
    check(r#"{"a"=1}"#, "ExpectedColon @4");
    check("[1 2]", "ExpectedCommaOrClose @3");
    check("[1}", "ExpectedCommaOrClose @2");
    check(r#"{"a":1]"#, "ExpectedCommaOrClose @6");
    check(r#"{"a":1 "b":2}"#, "ExpectedCommaOrClose @7");
    check("[1;2]", "ExpectedCommaOrClose @2");
    // Literals, numbers, escapes, control characters.
    check("nul ", "InvalidLiteral @0");
    check("[tru]", "InvalidLiteral @1");
    check("fals e", "InvalidLiteral @0");
    check("nulL", "InvalidLiteral @0");
    check("01", "InvalidNumber @1");
    check("-01", "InvalidNumber @2");
    check("00", "InvalidNumber @1");
    check("-a", "InvalidNumber @1");
    check("1.e5", "InvalidNumber @2");
    check("2.x", "InvalidNumber @2");
    check("1ex", "InvalidNumber @2");
    check("1e+-1", "InvalidNumber @3");
    check("[-]", "InvalidNumber @2");
    check(r#""\x""#, "InvalidEscape @1");
    check(r#""\'""#, "InvalidEscape @1");
    check(r#""\U0041""#, "InvalidEscape @1");
    check(r#""ab\u12G4""#, "InvalidEscape @3");
    check(r#""\u+123""#, "InvalidEscape @1");
    check("\"a\tb\"", "ControlCharacter @2");
    check("\"\n\"", "ControlCharacter @1");
    check("\"\u{0}\"", "ControlCharacter @1");
    check("\"\u{1f}\"", "ControlCharacter @1");
    check("{\"a\rb\":1}", "ControlCharacter @3");
    check(r#""\ud800""#, "LoneSurrogate @1");
    // Depth.
    check(&"[".repeat(MAX_DEPTH + 1), &format!("TooDeep @{MAX_DEPTH}"));
    check(&format!("{}1", r#"{"a":"#.repeat(MAX_DEPTH + 1)), &format!("TooDeep @{}", 5 * MAX_DEPTH));
    check(&"[".repeat(100_000), &format!("TooDeep @{MAX_DEPTH}"));
    // More than whitespace after the value.
    check("{} x", "TrailingCharacters @3");
    check("1 2", "TrailingCharacters @2");
    check("nulll", "TrailingCharacters @4");
    check("[]]", "TrailingCharacters @2");
    check(r#""a""b""#, "TrailingCharacters @3");
    check("{}\u{0}", "TrailingCharacters @2");
    check("0x10", "TrailingCharacters @1");
    check("1.5.", "TrailingCharacters @3");
}

#[test]
fn depth_limit() {
    let arrays = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let objects = |depth: usize| format!("{}0{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
    check(&arrays(MAX_DEPTH), &arrays(MAX_DEPTH));
    check(&arrays(MAX_DEPTH + 1), &format!("TooDeep @{MAX_DEPTH}"));
    check(
        &objects(MAX_DEPTH),
        &format!(
            "{}0{}",
            r#"{"a": "#.repeat(MAX_DEPTH),
            "}".repeat(MAX_DEPTH)
        ),
    );
    check(
        &objects(MAX_DEPTH + 1),
        &format!("TooDeep @{}", 5 * MAX_DEPTH),
    );
    // Depth counts open brackets, not all brackets seen.
    let siblings = format!("[{}]", vec![arrays(MAX_DEPTH - 1); 3].join(","));
    assert!(json::parse(&siblings).is_ok());
    assert_eq!(
        MAX_DEPTH, 127,
        "serde_json's limit, as the report had before"
    );
}

#[test]
#[rustfmt::skip]
fn error_messages() {
    #[track_caller]
    fn check_message(kind: ErrorKind, message: &str) {
        assert_eq!(kind.message(), message);
    }
    use ErrorKind::*;
    check_message(UnexpectedEnd, "unexpected end of input");
    check_message(ExpectedValue, "expected a value");
    check_message(ExpectedName, "expected a member name in double quotes");
    check_message(ExpectedColon, "expected `:` after the member name");
    check_message(ExpectedCommaOrClose, "expected `,` or a closing bracket");
    check_message(InvalidLiteral, "expected `true`, `false` or `null`");
    check_message(InvalidNumber, "invalid number: a digit is missing, or a zero leads");
    check_message(InvalidEscape, "invalid escape in string");
    check_message(LoneSurrogate, "unpaired UTF-16 surrogate in a `\\u` escape");
    check_message(ControlCharacter, "control character in string: it must be escaped");
    check_message(TooDeep, "arrays and objects nested more than 127 levels deep");
    check_message(TrailingCharacters, "unexpected text after the value");
    assert_eq!(ErrorKind::ALL.len(), 12, "every kind has a line above");
    let error = json::parse("[1,").unwrap_err();
    assert_eq!(error.to_string(), "unexpected end of input at byte 3");
}

#[test]
fn autotraits() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Json<'static>>();
    assert_send_sync::<ParseError>();
    fn assert_error<T: std::error::Error>() {}
    assert_error::<ParseError>();
}

/// Any JSON value serde_json can hold: finite numbers of every kind, any strings.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::vec((any::<String>(), inner), 0..8)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// JSON that serde_json wrote, with up to three edits: a character removed, or one of
/// JSON's tokens or near misses put in. So some of it is valid, much of it nearly.
fn json_like_text() -> impl Strategy<Value = String> {
    let tokens = vec![
        "", "{", "}", "[", "]", ",", ":", "\"", r#""a""#, r#""b":"#, "\\", "\\u", "d83d", "DE00",
        "00e9", "\\n", "0", "1", "9", "-", "+", ".", "e", "E", "1e999", "true", "false", "null",
        "tru", " ", "\n", "\u{1}", "\u{feff}", "é", "x", "[[", "]]",
    ];
    let edit = (any::<prop::sample::Index>(), prop::sample::select(tokens));
    (json_value(), proptest::collection::vec(edit, 0..4)).prop_map(|(value, edits)| {
        let mut text = serde_json::to_string(&value).unwrap_or_default();
        for (at, token) in edits {
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|&at| text.is_char_boundary(at))
                .collect();
            let at = *at.get(&boundaries);
            match text[at..].chars().next() {
                Some(c) if token.is_empty() => drop(text.drain(at..at + c.len_utf8())),
                _ => text.insert_str(at, token),
            }
        }
        text
    })
}

/// Whether `json` holds what `value` does, numbers with the same text and integer value.
fn same(json: &Json<'_>, value: &Value) -> bool {
    match (json, value) {
        (Json::Null, Value::Null) => true,
        (Json::Bool(a), Value::Bool(b)) => a == b,
        (Json::Number(text), Value::Number(number)) => {
            *text == number.to_string()
                && json.as_u64() == number.as_u64()
                && json.as_i64() == number.as_i64()
        }
        (Json::String(a), Value::String(b)) => a == b,
        (Json::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b))
        }
        (Json::Object(members), Value::Object(map)) => {
            members.len() == map.len()
                && map
                    .iter()
                    .all(|(name, b)| json.get(name).is_some_and(|a| same(a, b)))
        }
        _ => false,
    }
}

/// `json` as a serde_json value, numbers read by serde_json from their text; `None` when
/// serde_json cannot read a number (out of `f64` range). Checks the integer accessors and
/// `get` against serde_json on the way.
fn to_value(json: &Json<'_>) -> Option<Value> {
    Some(match json {
        Json::Null => Value::Null,
        Json::Bool(value) => Value::Bool(*value),
        Json::Number(text) => {
            let number: serde_json::Number = serde_json::from_str(text).ok()?;
            assert_eq!(json.as_u64(), number.as_u64(), "{text}");
            assert_eq!(json.as_i64(), number.as_i64(), "{text}");
            Value::Number(number)
        }
        Json::String(text) => Value::String(text.to_string()),
        Json::Array(items) => Value::Array(items.iter().map(to_value).collect::<Option<_>>()?),
        Json::Object(members) => {
            let mut map = serde_json::Map::new();
            for (name, value) in members {
                map.insert(name.to_string(), to_value(value)?);
            }
            for (name, value) in &map {
                assert_eq!(json.get(name).and_then(to_value).as_ref(), Some(value));
            }
            Value::Object(map)
        }
    })
}

proptest! {
    #![proptest_config(test_support::props::config())]

    #[test]
    fn never_panics_on_any_text(input in any::<String>()) {
        if let Err(error) = json::parse(&input) {
            prop_assert!(input.is_char_boundary(error.offset()));
        }
    }

    #[test]
    fn agrees_with_serde_json(input in json_like_text()) {
        match (json::parse(&input), serde_json::from_str::<Value>(&input)) {
            (Ok(json), Ok(value)) => prop_assert_eq!(to_value(&json), Some(value)),
            (Err(error), Err(_)) => prop_assert!(input.is_char_boundary(error.offset())),
            // serde_json also rejects numbers out of `f64` range; this reader has no floats.
            (Ok(json), Err(error)) => prop_assert_eq!(to_value(&json), None, "{}", error),
            (Err(error), Ok(_)) => prop_assert!(false, "{:?} on serde_json's JSON", error),
        }
    }

    #[test]
    fn reads_back_what_serde_json_writes(value in json_value()) {
        let compact = serde_json::to_string(&value).unwrap();
        let json = json::parse(&compact);
        prop_assert!(json.as_ref().is_ok_and(|json| same(json, &value)), "{:?}", json);
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        let json = json::parse(&pretty);
        prop_assert!(json.as_ref().is_ok_and(|json| same(json, &value)), "{:?}", json);
    }

    #[test]
    fn a_cut_document_ends_unexpectedly(value in json_value(), cut in any::<prop::sample::Index>()) {
        let text = format!("[{}]", serde_json::to_string(&value).unwrap());
        let boundaries: Vec<usize> = (0..text.len()).filter(|&at| text.is_char_boundary(at)).collect();
        let at = *cut.get(&boundaries);
        let error = json::parse(&text[..at]).unwrap_err();
        prop_assert_eq!((error.kind(), error.offset()), (ErrorKind::UnexpectedEnd, at));
    }
}
