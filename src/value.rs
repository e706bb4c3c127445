//! Plain values as JS sees them: null, booleans, integers, strings, arrays and objects
//! with fixed keys. Every result the exports return is built as a [`Value`], which the
//! wasm boundary turns into JS objects with one small converter (`web::to_js`), so the
//! widget carries neither serde's serializers nor serde-wasm-bindgen (issue 11: "serde
//! only where it earns its size"; they cost 5 KB gzipped). The core types keep their
//! `Serialize` derives for native users; the derives cost the widget nothing, since it
//! never calls them.
//!
//! [`Value::to_json`] writes the same value as compact JSON, for native tests and docs.

/// A value as JS sees it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Value {
    /// `null` (also what an absent `Option` becomes).
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number (every number the exports return is one, far below 2^53).
    Int(i64),
    /// A string from the program's tables.
    Static(&'static str),
    /// A string made at run time (an ID, a name from the server).
    Text(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, its keys in order.
    Object(Vec<(&'static str, Value)>),
}

/// Converts a result into the [`Value`] JS sees.
pub trait ToValue {
    /// The value, with JS's camelCase keys.
    fn to_value(&self) -> Value;
}

impl Value {
    /// A string value, or `null`.
    pub fn text(text: Option<&str>) -> Value {
        text.map_or(Value::Null, |text| Value::Text(text.to_owned()))
    }

    /// A boolean value, or `null`.
    pub fn flag(flag: Option<bool>) -> Value {
        flag.map_or(Value::Null, Value::Bool)
    }

    /// A number value, or `null`.
    pub fn int(number: Option<i64>) -> Value {
        number.map_or(Value::Null, Value::Int)
    }

    /// An array of strings.
    pub fn texts<S: AsRef<str>>(texts: &[S]) -> Value {
        Value::Array(
            texts
                .iter()
                .map(|text| Value::Text(text.as_ref().to_owned()))
                .collect(),
        )
    }

    /// An array of converted items.
    pub fn all<T: ToValue>(items: &[T]) -> Value {
        Value::Array(items.iter().map(ToValue::to_value).collect())
    }

    /// The converted item, or `null`.
    pub fn maybe<T: ToValue>(item: Option<&T>) -> Value {
        item.map_or(Value::Null, ToValue::to_value)
    }

    /// The value as compact JSON, escaped as `serde_json` escapes: `"`, `\`, and control
    /// characters; everything else as it is.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
            Value::Int(number) => out.push_str(&number.to_string()),
            Value::Static(text) => write_json_string(out, text),
            Value::Text(text) => write_json_string(out, text),
            Value::Array(items) => {
                out.push('[');
                for (n, item) in items.iter().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    item.write_json(out);
                }
                out.push(']');
            }
            Value::Object(fields) => {
                out.push('{');
                for (n, (key, value)) in fields.iter().enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    write_json_string(out, key);
                    out.push(':');
                    value.write_json(out);
                }
                out.push('}');
            }
        }
    }
}

fn write_json_string(out: &mut String, text: &str) {
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ch if ch < ' ' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(ch as u8 >> 4)]));
                out.push(char::from(HEX[usize::from(ch as u8 & 0xf)]));
            }
            ch => out.push(ch),
        }
    }
    out.push('"');
}
