//! Shortens the names under which the wasm imports its JS glue's functions. wasm-bindgen
//! names each import after the function and a hash (`__wbg_set_hidden_7efdf3958dc524e5`),
//! and each name is in the wasm once and in the glue once: about 9 KB of the form's
//! build, 3 KB of it gzipped, the hashes being what gzip cannot shrink. Each import is
//! renamed in both to a short one (`a`, `b`, ...), where the glue names it exactly once
//! as a key of its imports object; an import the glue names otherwise keeps its name.

use std::path::Path;

use crate::Result;

/// The import module wasm-bindgen gives the glue's functions (`--target web`).
const MODULE: &str = "./tts_keycheck_bg.js";

/// Renames the imports of `wasm` from [`MODULE`] in it and in `glue`, both rewritten in
/// place.
pub(crate) fn shorten_imports(wasm: &Path, glue: &Path) -> Result<()> {
    let module = std::fs::read(wasm)?;
    let mut js = std::fs::read_to_string(glue)?;
    let sections = sections(&module).ok_or_else(|| format!("{} is not wasm", wasm.display()))?;
    let mut out = module[..8].to_vec();
    let mut names = short_names().peekable();
    for (id, body) in sections {
        let body = if id == IMPORT_SECTION {
            imports(body, &mut |name| {
                let short = names.peek()?.clone();
                js = rename_key(&js, name, &short)?;
                names.next();
                Some(short)
            })
            .ok_or_else(|| format!("could not read the imports of {}", wasm.display()))?
        } else {
            body.to_vec()
        };
        out.push(id);
        write_leb(&mut out, body.len());
        out.extend_from_slice(&body);
    }
    std::fs::write(wasm, out)?;
    std::fs::write(glue, js)?;
    Ok(())
}

/// The id of the import section.
const IMPORT_SECTION: u8 = 2;

/// The module's sections after its 8-byte header, each with its id and contents.
fn sections(module: &[u8]) -> Option<Vec<(u8, &[u8])>> {
    if module.get(..4)? != b"\0asm" {
        return None;
    }
    let mut at = 8;
    let mut sections = Vec::new();
    while at < module.len() {
        let id = *module.get(at)?;
        let (len, after) = read_leb(module, at + 1)?;
        sections.push((id, module.get(after..after.checked_add(len)?)?));
        at = after + len;
    }
    Some(sections)
}

/// The import section `body` with each import from [`MODULE`] renamed to what `rename`
/// says (or kept when it says `None`).
fn imports(body: &[u8], rename: &mut dyn FnMut(&str) -> Option<String>) -> Option<Vec<u8>> {
    let (count, mut at) = read_leb(body, 0)?;
    let mut out = Vec::with_capacity(body.len());
    write_leb(&mut out, count);
    for _ in 0..count {
        let (module, after_module) = read_name(body, at)?;
        let (name, after_name) = read_name(body, after_module)?;
        let end = skip_import_desc(body, after_name)?;
        let new_name = match module == MODULE {
            true => rename(name).unwrap_or_else(|| name.to_owned()),
            false => name.to_owned(),
        };
        out.extend_from_slice(body.get(at..after_module)?);
        write_leb(&mut out, new_name.len());
        out.extend_from_slice(new_name.as_bytes());
        out.extend_from_slice(body.get(after_name..end)?);
        at = end;
    }
    (at == body.len()).then_some(out)
}

/// Where the import description at `at` ends: a function, table, memory, global or tag.
fn skip_import_desc(body: &[u8], at: usize) -> Option<usize> {
    let kind = *body.get(at)?;
    let at = at + 1;
    match kind {
        // A function: its type index.
        0 => Some(read_leb(body, at)?.1),
        // A table: its element type, then its limits.
        1 => skip_limits(body, at + 1),
        // A memory: its limits.
        2 => skip_limits(body, at),
        // A global: its value type and mutability.
        3 => Some(at + 2),
        // A tag: its attribute and type index.
        4 => Some(read_leb(body, at + 1)?.1),
        _ => None,
    }
}

/// Where the limits at `at` end: flags, a minimum, and a maximum if flag bit 0 says so.
fn skip_limits(body: &[u8], at: usize) -> Option<usize> {
    let (flags, at) = read_leb(body, at)?;
    let (_, at) = read_leb(body, at)?;
    match flags & 1 {
        1 => Some(read_leb(body, at)?.1),
        _ => Some(at),
    }
}

/// The length-prefixed UTF-8 name at `at`, and where it ends.
fn read_name(body: &[u8], at: usize) -> Option<(&str, usize)> {
    let (len, start) = read_leb(body, at)?;
    let end = start.checked_add(len)?;
    Some((std::str::from_utf8(body.get(start..end)?).ok()?, end))
}

/// The unsigned LEB128 number at `at`, and where it ends.
fn read_leb(bytes: &[u8], mut at: usize) -> Option<(usize, usize)> {
    let mut value = 0usize;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(at)?;
        at += 1;
        value |= usize::from(byte & 0x7F) << shift;
        if byte & 0x80 == 0 {
            return Some((value, at));
        }
    }
    None
}

/// Appends `value` as unsigned LEB128.
fn write_leb(out: &mut Vec<u8>, mut value: usize) {
    loop {
        let byte = (value & 0x7F) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Short names, each once: `a` to `Z`, then `aa`, `ba`, and so on, without the JS
/// keywords of one or two letters (`do`, `if`, `in`).
fn short_names() -> impl Iterator<Item = String> {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    (0usize..)
        .map(|n| {
            let mut name = String::new();
            let mut rest = n;
            loop {
                name.push(char::from(LETTERS[rest % LETTERS.len()]));
                rest /= LETTERS.len();
                if rest == 0 {
                    return name;
                }
                rest -= 1;
            }
        })
        .filter(|name| !matches!(name.as_str(), "do" | "if" | "in"))
}

/// `js` with the object key `name` (written `{name:` or `,name:`) renamed to `short`, if
/// `name` is there exactly once and nowhere else.
fn rename_key(js: &str, name: &str, short: &str) -> Option<String> {
    let mut found = js.match_indices(name);
    let (at, _) = found.next()?;
    if found.next().is_some() {
        return None;
    }
    let before = js[..at].chars().next_back()?;
    let after = js[at + name.len()..].chars().next()?;
    if !matches!(before, '{' | ',') || after != ':' {
        return None;
    }
    Some(format!("{}{short}{}", &js[..at], &js[at + name.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_distinct_and_not_keywords() {
        let names: Vec<String> = short_names().take(3000).collect();
        let mut distinct = names.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), names.len());
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert!(!names
            .iter()
            .any(|name| name == "if" || name == "in" || name == "do"));
    }

    /// Renames `name` in `js` to `x`.
    fn renamed(js: &str, name: &str) -> Option<String> {
        rename_key(js, name, "x")
    }

    #[test]
    fn renames_a_key_named_once() {
        assert_eq!(
            renamed("{__wbg_a_1:function(){}}", "__wbg_a_1").as_deref(),
            Some("{x:function(){}}")
        );
        assert_eq!(
            renamed("{b:1,__wbg_a_1:2}", "__wbg_a_1").as_deref(),
            Some("{b:1,x:2}")
        );
        // Named twice, or not as a key: kept.
        assert_eq!(renamed("{__wbg_a_1:1};__wbg_a_1", "__wbg_a_1"), None);
        assert_eq!(renamed("f(__wbg_a_1)", "__wbg_a_1"), None);
        assert_eq!(renamed("{x__wbg_a_1:1}", "__wbg_a_1"), None);
        assert_eq!(renamed("{}", "__wbg_a_1"), None);
    }

    #[test]
    fn leb128_round_trips() {
        for value in [0, 1, 127, 128, 300, 16_384, 1 << 28] {
            let mut bytes = Vec::new();
            write_leb(&mut bytes, value);
            assert_eq!(read_leb(&bytes, 0), Some((value, bytes.len())), "{value}");
        }
    }
}
