//! A small JSON value with ordered object fields, written the way Go's `encoding/json` writes.
//!
//! The Things Stack writes its fields in protobuf declaration order, and `serde_json` without
//! `preserve_order` sorts them, so the stand-in builds its bodies with this instead.
//! Strings are escaped like Go's encoder, including its HTML escaping of `<`, `>` and `&`.

use std::fmt::Write as _;

/// A JSON value whose objects keep their field order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    /// `null`.
    Null,
    /// An integer.
    Int(i64),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object, fields in writing order.
    Obj(Vec<(&'static str, Json)>),
}

impl Json {
    /// A string value.
    pub(crate) fn str(text: impl Into<String>) -> Json {
        Json::Str(text.into())
    }

    /// The compact form, as the gRPC gateway's marshaler writes it.
    pub(crate) fn compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None, 0);
        out
    }

    /// The form of Go's `json.Encoder` with `SetIndent("", "  ")`: two-space indent and a final newline.
    pub(crate) fn indented(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some("  "), 0);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, indent: Option<&str>, depth: usize) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Json::Str(text) => write_string(out, text),
            Json::Arr(items) => {
                if items.is_empty() {
                    out.push_str("[]");
                    return;
                }
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, indent, depth + 1);
                    item.write(out, indent, depth + 1);
                }
                newline(out, indent, depth);
                out.push(']');
            }
            Json::Obj(fields) => {
                if fields.is_empty() {
                    out.push_str("{}");
                    return;
                }
                out.push('{');
                for (i, (name, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, indent, depth + 1);
                    write_string(out, name);
                    out.push(':');
                    if indent.is_some() {
                        out.push(' ');
                    }
                    value.write(out, indent, depth + 1);
                }
                newline(out, indent, depth);
                out.push('}');
            }
        }
    }
}

fn newline(out: &mut String, indent: Option<&str>, depth: usize) {
    if let Some(indent) = indent {
        out.push('\n');
        for _ in 0..depth {
            out.push_str(indent);
        }
    }
}

/// Writes `text` as a JSON string with Go's escaping rules.
fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Go escapes these for safe embedding in HTML and JavaScript.
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::Json;

    #[track_caller]
    fn check(value: Json, compact: &str, indented: &str) {
        assert_eq!(value.compact(), compact);
        assert_eq!(value.indented(), indented);
    }

    #[rustfmt::skip]
    #[test]
    fn writes_like_go() {
        check(Json::Obj(vec![]), "{}", "{}\n");
        check(Json::Arr(vec![]), "[]", "[]\n");
        check(Json::str("a<b>&\"\\\n\u{1}\u{2028}é"), r#""a\u003cb\u003e\u0026\"\\\n\u0001\u2028é""#, "\"a\\u003cb\\u003e\\u0026\\\"\\\\\\n\\u0001\\u2028é\"\n");
        check(Json::Obj(vec![("b", Json::Int(5)), ("a", Json::Null)]), r#"{"b":5,"a":null}"#, "{\n  \"b\": 5,\n  \"a\": null\n}\n");
        check(Json::Obj(vec![("x", Json::Arr(vec![Json::Obj(vec![("y", Json::Int(-1))])]))]), r#"{"x":[{"y":-1}]}"#, "{\n  \"x\": [\n    {\n      \"y\": -1\n    }\n  ]\n}\n");
    }
}
