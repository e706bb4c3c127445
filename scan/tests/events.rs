//! The fast scan against its definition: on generated texts dense in near misses (pairs,
//! base32 runs of every length, inserted characters, bytes just off each class), from
//! every kind of start, `next_event` (with SIMD where the target has it) and
//! `next_event_swar` return exactly what `next_event_plain` returns.
//! A fixed seed, so a failure is reproducible; the texts are long enough that the SIMD
//! stage's 32-byte steps and the SWAR stage's blocks both start and stop inside them.

use tts_keycheck_scan::{next_event, next_event_plain, next_event_swar, utf16_len_of_utf8, Event};

/// A small xorshift generator: the test needs no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Pieces the texts are made of: quiet prose, hints and near hints, inserted characters
/// and their look-alikes, bytes next to each class boundary.
const PIECES: &[&[u8]] = &[
    b"the quick brown fox jumps over the lazy dog ",
    b"Lorem ipsum dolor sit amet, consectetur adipiscing elit. ",
    b"0123456789",
    b", ",
    b"\n",
    b"\r\n",
    b" ",
    b"xs",
    b"XI",
    b"wg",
    b"Wm",
    b"w4",
    b"W\x14",
    b"X\x13",
    b"x",
    b"w",
    b"s",
    b"NNSXS.",
    b"mf2xi",
    b"ONZW4",
    b"=\n",
    b"=\r\n",
    b"=\r",
    b"=x",
    b"=",
    b"&shy;",
    b"&nbsp;",
    b"&amp;",
    b"&",
    "\u{ad}".as_bytes(),
    "\u{200b}".as_bytes(),
    "é".as_bytes(),
    "\u{a0}".as_bytes(),
    "\u{1F600}".as_bytes(),
    b"\x80",
    b"\xbf",
    b"\xc0",
    b"\x12\x17",
    b"@[`{",
    b"189",
];

/// What a caller may answer for "inserted character here?": any fixed function of the
/// bytes does; this one says yes to some of each kind it is asked about.
fn inserted(bytes: &[u8], i: usize) -> bool {
    let next = bytes.get(i + 1).copied().unwrap_or(0);
    match bytes.get(i) {
        Some(0xC2) => next == 0xAD || next == 0xA0,
        Some(0xE2) => true,
        Some(b'=') => next == b'\n',
        Some(b'&') => bytes[i..].starts_with(b"&shy;"),
        _ => false,
    }
}

fn generate(rng: &mut Rng, len: usize) -> Vec<u8> {
    let mut text = Vec::with_capacity(len + 64);
    while text.len() < len {
        match rng.below(4) {
            // A base32 run, in one case or mixed, of any length up to past a secret's.
            0 => {
                let n = rng.below(60) + 1;
                let case = rng.below(3);
                for _ in 0..n {
                    let c = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[rng.below(32)];
                    let lower = case == 1 || (case == 2 && rng.below(2) == 0);
                    text.push(if lower { c.to_ascii_lowercase() } else { c });
                }
            }
            _ => text.extend_from_slice(PIECES[rng.below(PIECES.len())]),
        }
    }
    text
}

/// Walks `text` from `from` as the redaction scan does (on to the byte after a hint;
/// after a sample, the same place with `sample_from` past it, or further on), asking
/// both functions every time.
fn walk(rng: &mut Rng, text: &[u8], from: usize) {
    let (mut pos, mut sample_from) = (from, from + rng.below(16));
    for _ in 0..text.len() + 2 {
        let fast = next_event(text, pos, sample_from, inserted);
        let plain = next_event_plain(text, pos, sample_from, inserted);
        let swar = next_event_swar(text, pos, sample_from, inserted);
        assert_eq!(
            (fast, swar),
            (plain, plain),
            "from {pos}, samples from {sample_from}, in {:?}",
            String::from_utf8_lossy(text)
        );
        match fast {
            Event::End => return,
            Event::Prefix(at) | Event::Skippable(at) => pos = at + 1 + rng.below(3) / 2,
            Event::Sample(at) => {
                if rng.below(2) == 0 {
                    pos = at;
                    sample_from = at + 1 + rng.below(70);
                } else {
                    pos = at + 1 + rng.below(100);
                }
            }
        }
    }
    panic!("the walk did not end");
}

#[test]
fn fast_scan_finds_exactly_the_events_of_the_plain_scan() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..20_000 {
        let len = if case % 10 == 0 { 2000 } else { rng.below(400) };
        let text = generate(&mut rng, len);
        let from = rng.below(text.len().clamp(1, 64));
        walk(&mut rng, &text, from);
    }
}

#[test]
fn quiet_text_has_no_event_and_a_secret_in_it_is_sampled() {
    // Quiet prose of every length, then the same with a 52-letter run at every offset:
    // the run is sampled wherever it lies (a letter of the prose glued on in front may
    // be in the sampled word).
    let prose = b"Since this morning every request returns 401 Unauthorized. ".repeat(8);
    let run = b"SHIF3PP5PBMJNZESN5XLR5TZJTJUIGKVUTM2I22IVBUVCD6VIQIA";
    let never = |_: &[u8], _: usize| false;
    for len in 0..prose.len() {
        assert_eq!(next_event(&prose[..len], 0, 0, never), Event::End, "{len}");
    }
    for offset in 0..200 {
        let mut text = prose[..offset].to_vec();
        text.extend_from_slice(run);
        text.extend_from_slice(&prose);
        let event = next_event(&text, 0, 0, never);
        assert!(
            matches!(event, Event::Sample(at) if at + 16 <= offset + run.len()),
            "{offset}: {event:?}"
        );
    }
}

#[test]
fn utf16_lengths() {
    for text in [
        "",
        "abc",
        "Zoë",
        "\u{200b}",
        "a\u{1F600}b",
        &"é€\u{1F600}x".repeat(100),
    ] {
        let expected = text.encode_utf16().count();
        assert_eq!(utf16_len_of_utf8(text.as_bytes()), expected, "{text:?}");
    }
}
