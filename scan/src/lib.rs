//! The fast stage of `tts_keycheck::redact`'s scan: where in a text the next place worth
//! a closer look is (an [`Event`]), and the UTF-16 length of UTF-8 text.
//!
//! A crate of its own so that it has its own optimisation level: the wasm package is
//! built for size, and Cargo's profile overrides are per package, so the root manifest
//! gives this one `opt-level = 3` (`[profile.release.package.tts-keycheck-scan]`). It is
//! pure: bytes in, positions out, no allocation, no panics, no dependencies. What an
//! event means, and what the scan does at one, is `tts_keycheck::redact`'s business (its
//! module docs are the specification); this crate only finds events fast, and
//! [`next_event`] returns exactly what the plain byte-at-a-time [`next_event_plain`]
//! returns (`tests/events.rs` compares them on generated texts).
//!
//! # How it scans
//!
//! It marks the places worth a closer look: each `X` or `W` (case folded; the 4th
//! character of every prefix) followed by a prefix's 5th character, each byte above
//! 0x7F (an invisible character may start there), each `=` before a line end (a soft
//! break) and each `&` before `s` or `n` (`&shy;`, `&nbsp;`); and the first byte of each
//! 8-byte word (on a grid that starts at the scan's start) where 16 base32 letters begin,
//! a sample: only there does the search for a bare secret begin. Where the build has
//! SIMD (WebAssembly `simd128` where the module is built with it; natively on x86_64 the
//! same code on SSE2, so native tests run it too), it does so 32 bytes a step on 16-byte
//! lanes and checks the marks of a step in text order; elsewhere word-at-a-time (SWAR)
//! arithmetic does it in blocks of [`BLOCK`] bytes, as it does for the last bytes of any
//! text. Most steps and blocks hold no mark and cost one well-predicted branch.

#![no_std]

/// The bytes the SWAR stage looks at in one go, a multiple of 8.
pub const BLOCK: usize = 48;

/// The 4th and 5th characters of every token prefix (`NNSXS`, `MF2XI`, `MFRWG`, `OJSWM`,
/// `ONZW4`), in upper case: the pairs the scan looks for. `tts_keycheck`'s tests check
/// that these are all there are.
pub const PREFIX_PAIRS: [[u8; 2]; 5] = [*b"XS", *b"XI", *b"WG", *b"WM", *b"W4"];

/// Where the fast scan stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// An `X` or `W` at this position followed by a prefix's 5th character.
    Prefix(usize),
    /// A byte at this position that starts an inserted character (the caller's
    /// [`Inserted`] said so).
    Skippable(usize),
    /// A sampled word at this position that may be inside a bare secret.
    Sample(usize),
    /// The end of the text.
    End,
}

/// Whether the character at a position is one a paste inserts (an invisible character,
/// a soft break, a no-break space, `&shy;`, `&nbsp;`). The scan asks it only at a byte
/// of 0xC0 or above, at `=` before CR or LF, and at `&` before `s`, `S`, `n` or `N`.
pub type Inserted = fn(&[u8], usize) -> bool;

/// The byte at `i`, or 0 (which is in no class the scan looks for) past the end.
#[inline]
fn at(bytes: &[u8], i: usize) -> u8 {
    bytes.get(i).copied().unwrap_or(0)
}

/// Whether the 4th and 5th characters of some prefix are at `i` and `i + 1` (each byte
/// folded with `| 0x20`, as every stage folds).
#[inline]
fn is_prefix_hint(bytes: &[u8], i: usize) -> bool {
    let fourth = at(bytes, i) | 0x20;
    let fifth = at(bytes, i + 1) | 0x20;
    PREFIX_PAIRS
        .iter()
        .any(|pair| pair[0] | 0x20 == fourth && pair[1] | 0x20 == fifth)
}

/// Whether the byte at `i` starts an inserted character: only a byte of 0xC0 or above,
/// `=` before a line end or `&` before `s` or `n` may, and `inserted` decides.
#[inline]
fn is_skippable_hint(bytes: &[u8], i: usize, inserted: Inserted) -> bool {
    match at(bytes, i) {
        // Continuation bytes start no character.
        0x80..=0xBF => false,
        0xC0.. => inserted(bytes, i),
        b'=' if matches!(at(bytes, i + 1), b'\n' | b'\r') => inserted(bytes, i),
        b'&' if matches!(at(bytes, i + 1) | 0x20, b's' | b'n') => inserted(bytes, i),
        _ => false,
    }
}

/// The next event at or after `from`, looked for byte by byte: a prefix hint, then an
/// inserted character, then (on the grid of 8-byte words that starts at `from`, at or
/// after `sample_from`) a word of 8 base32 letters, in either case, followed by another.
/// This is the definition [`next_event`] computes faster.
///
/// Sampling only where 16 base32 letters are in a row loses no secret: a secret is 52
/// letters, or two pieces of a split one that add up to 52, so one piece has at least
/// 26 in a row, and 26 in a row hold two whole words of the grid at any alignment.
pub fn next_event_plain(
    bytes: &[u8],
    from: usize,
    sample_from: usize,
    inserted: Inserted,
) -> Event {
    plain_from(bytes, from, from, sample_from, inserted)
}

/// [`next_event_plain`] from `i`, on the grid that starts at `from`.
fn plain_from(
    bytes: &[u8],
    from: usize,
    mut i: usize,
    sample_from: usize,
    inserted: Inserted,
) -> Event {
    while i < bytes.len() {
        if is_prefix_hint(bytes, i) {
            return Event::Prefix(i);
        }
        if is_skippable_hint(bytes, i, inserted) {
            return Event::Skippable(i);
        }
        if (i - from) % 8 == 0
            && i >= sample_from
            && is_base32_word(bytes, i)
            && is_base32_word(bytes, i + 8)
        {
            return Event::Sample(i);
        }
        i += 1;
    }
    Event::End
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` that equals `byte` (and maybe of a byte after
/// one, see [`approx_zero_bytes`]).
#[inline]
fn bytes_equal(word: u64, byte: u8) -> u64 {
    approx_zero_bytes(word ^ (LOW_BITS * u64::from(byte)))
}

/// The high bit of each byte of `word` that is zero, and maybe of a byte after one (the
/// borrow of the subtraction): callers check each hit.
#[inline]
fn approx_zero_bytes(word: u64) -> u64 {
    word.wrapping_sub(LOW_BITS) & !word & HIGH_BITS
}

/// Whether the 8 bytes from `i` are base32 letters, in either case.
#[inline]
fn is_base32_word(bytes: &[u8], i: usize) -> bool {
    bytes
        .get(i..)
        .and_then(<[u8]>::first_chunk::<8>)
        .is_some_and(|word| all_lower_base32(u64::from_le_bytes(*word) | (LOW_BITS * 0x20)))
}

/// Whether all 8 bytes of `word` are lower-case base32 (`a–z`, `2–7`).
#[inline]
fn all_lower_base32(word: u64) -> bool {
    let at_least = |bound: u8| word.wrapping_add(LOW_BITS * u64::from(0x80 - bound));
    let letters = at_least(b'a') & !at_least(b'z' + 1);
    let digits = at_least(b'2') & !at_least(b'7' + 1);
    word & HIGH_BITS == 0 && (letters | digits) & HIGH_BITS == HIGH_BITS
}

/// The first event at or after `from`: what [`next_event_plain`] returns, 32 bytes a
/// step with SIMD where the build has it, else a block of [`BLOCK`] bytes at a time with
/// SWAR ([`next_event_swar`]); the last bytes of the text byte by byte. The grid of
/// sampled words starts at `from`, so every stage moves by multiples of 8.
#[inline(never)]
pub fn next_event(bytes: &[u8], from: usize, sample_from: usize, inserted: Inserted) -> Event {
    if !simd::ENABLED {
        return next_event_swar(bytes, from, sample_from, inserted);
    }
    match simd::first_event(bytes, from, sample_from, inserted) {
        Ok(event) => event,
        Err(at) => plain_from(bytes, from, at, sample_from, inserted),
    }
}

/// [`next_event`] without SIMD: a block of [`BLOCK`] bytes at a time with SWAR words,
/// then the last bytes byte by byte. What builds without SIMD run; public so that the
/// tests compare it with [`next_event_plain`] on every target (a build with SIMD does
/// not call it, so its code is not in that build).
pub fn next_event_swar(bytes: &[u8], from: usize, sample_from: usize, inserted: Inserted) -> Event {
    // A block and the word after it (the 5th character of a prefix whose 4th ends the
    // block, and the sample's second word).
    const WINDOW: usize = BLOCK + 8;
    let mut i = from;
    while let Some(window) = bytes.get(i..).and_then(<[u8]>::first_chunk::<WINDOW>) {
        // One bit per byte worth a look, at bit `8 * j + k` for byte `j` of word `k`, and
        // one per sampled word at bit `k`: the common block without either costs one
        // well-predicted branch.
        let mut hits = 0u64;
        let mut samples = 0u32;
        let word_at = |at: usize| {
            let word = window.get(at..).and_then(<[u8]>::first_chunk::<8>);
            word.map_or(0, |word| u64::from_le_bytes(*word))
        };
        let mut base32 = all_lower_base32(word_at(0) | (LOW_BITS * 0x20));
        for k in 0..BLOCK / 8 {
            let word = word_at(8 * k);
            // The same bytes one further on: byte `j` of `next` follows byte `j` of `word`.
            let next = word_at(8 * k + 1);
            let folded = word | (LOW_BITS * 0x20);
            let next_folded = next | (LOW_BITS * 0x20);
            // `XS`, `XI` (NNSXS, MF2XI) and `WG`, `WM`, `W4` (MFRWG, OJSWM, ONZW4).
            let next_s = bytes_equal(next_folded, b's');
            let after_x = next_s | bytes_equal(next_folded, b'i');
            let after_w = bytes_equal(next_folded, b'g')
                | bytes_equal(next_folded, b'm')
                | bytes_equal(next_folded, b'4');
            let pairs =
                (bytes_equal(folded, b'x') & after_x) | (bytes_equal(folded, b'w') & after_w);
            let line_ends = bytes_equal(next, b'\n') | bytes_equal(next, b'\r');
            let soft_breaks = bytes_equal(word, b'=') & line_ends;
            let entities = bytes_equal(word, b'&') & (next_s | bytes_equal(next_folded, b'n'));
            let others = (word & HIGH_BITS) | soft_breaks | entities;
            hits |= ((pairs | others) >> 7) << k;
            let next_base32 = all_lower_base32(word_at(8 * k + 8) | (LOW_BITS * 0x20));
            samples |= u32::from(base32 && next_base32) << k;
            base32 = next_base32;
        }
        if hits | u64::from(samples) != 0 {
            if let Some(event) = first_event(bytes, i, hits, samples, sample_from, inserted) {
                return event;
            }
        }
        i += BLOCK;
    }
    // The tail, shorter than a window: byte by byte, words on the same grid.
    plain_from(bytes, from, i, sample_from, inserted)
}

/// The first event of the block at `i`, from its hint bits and sampled words.
fn first_event(
    bytes: &[u8],
    i: usize,
    mut hits: u64,
    samples: u32,
    sample_from: usize,
    inserted: Inserted,
) -> Option<Event> {
    // The bits are not in text order: take the first that holds up.
    let mut first: Option<(usize, Event)> = None;
    while hits != 0 {
        let bit = hits.trailing_zeros() as usize;
        let found = i + 8 * (bit % 8) + bit / 8;
        hits &= hits - 1;
        if first
            .as_ref()
            .is_some_and(|(at_first, _)| *at_first <= found)
        {
            continue;
        }
        if is_prefix_hint(bytes, found) {
            first = Some((found, Event::Prefix(found)));
        } else if is_skippable_hint(bytes, found, inserted) {
            first = Some((found, Event::Skippable(found)));
        }
    }
    let sample = (0..BLOCK / 8)
        .filter(|k| samples & (1 << k) != 0)
        .map(|k| i + 8 * k)
        .find(|&word| word >= sample_from);
    match (first, sample) {
        (Some((hint, _)), Some(word)) if word < hint => Some(Event::Sample(word)),
        (Some((_, event)), _) => Some(event),
        (None, Some(word)) => Some(Event::Sample(word)),
        (None, None) => None,
    }
}

/// The SIMD stage: 32 bytes a step, on 16-byte lanes.
mod simd {
    use super::lanes::{self, Lanes};

    /// Whether this build has the SIMD stage.
    pub(super) const ENABLED: bool = lanes::ENABLED;

    /// The bytes one step reads: its 32, the byte after them (a pair's 5th character)
    /// and the word after that byte's word (the last sampled word's second word).
    const READ: usize = 40;

    /// The first event from `from`, 32 bytes a step (so on the grid of sampled words
    /// that starts at `from`): `Ok` with the event, or `Err` with where fewer than 40
    /// bytes are left, for the byte-by-byte stage to go on from.
    ///
    /// Why this is the event [`super::next_event_plain`] returns: in a step at `i`, every
    /// position `p` in `i..i + 32` where that function would stop is marked, and every
    /// mark is checked with that function's own tests before it is returned:
    /// - a prefix hint: bytes `p`, `p + 1` (both in the 33 bytes from `i`) are one of
    ///   [`super::PREFIX_PAIRS`] after `| 0x20`, which sets bit `p - i` of `hinted`;
    /// - an inserted character: the byte at `p` is 0xC0 or above (its high bit is its
    ///   bit in the lane mask), `=` before CR or LF, or `&` before `s` or `n` after
    ///   `| 0x20`, each of which sets that bit too;
    /// - a sample: `p` is on the grid (`i`, `i + 8`, `i + 16` or `i + 24`, since `i`
    ///   moved from `from` by multiples of 8), at or after `sample_from`, and the 16
    ///   bytes from `p` (all in the 40 from `i`) are base32 after `| 0x20` (exactly the
    ///   SWAR test: a letter or `2`–`7`, never a byte above 0x7F), which sets bit `k` of
    ///   `samples` for the word `p = i + 8k`.
    ///
    /// The marks are taken in text order (a hint before a sample at the same position,
    /// as there), and each is checked with `is_prefix_hint` and `is_skippable_hint`,
    /// so a mark that does not hold up costs a look, never an event. A step with no mark
    /// that holds up holds no event, and the next step starts 32 bytes on.
    #[inline(always)]
    pub(super) fn first_event(
        bytes: &[u8],
        from: usize,
        sample_from: usize,
        inserted: super::Inserted,
    ) -> Result<super::Event, usize> {
        use super::Event;
        let mut i = from;
        while let Some(step) = bytes.get(i..).and_then(<[u8]>::first_chunk::<READ>) {
            let (low, high) = (lanes::load(step, 0), lanes::load(step, 16));
            // Bit `j` for byte `i + j`.
            let mut hinted =
                hints(low, lanes::load(step, 1)) | hints(high, lanes::load(step, 17)) << 16;
            // Bit `j` for byte `i + j`, `j < 40`: the last lane's upper half is bytes 32..40.
            let letters = u64::from(base32(low))
                | u64::from(base32(high)) << 16
                | u64::from(base32(lanes::load(step, 24)) >> 8) << 32;
            let sample = (0..4)
                .map(|k| i + 8 * k)
                .zip(0..4)
                .find(|&(word, k)| word >= sample_from && (letters >> (8 * k)) & 0xFFFF == 0xFFFF)
                .map(|(word, _)| word);
            while hinted != 0 {
                let at = i + hinted.trailing_zeros() as usize;
                hinted &= hinted - 1;
                if let Some(word) = sample.filter(|&word| word < at) {
                    return Ok(Event::Sample(word));
                }
                if super::is_prefix_hint(bytes, at) {
                    return Ok(Event::Prefix(at));
                }
                if super::is_skippable_hint(bytes, at, inserted) {
                    return Ok(Event::Skippable(at));
                }
            }
            if let Some(word) = sample {
                return Ok(Event::Sample(word));
            }
            i += 32;
        }
        Err(i)
    }

    /// `v` folded to lower case (`| 0x20`, as every stage folds).
    #[inline(always)]
    fn fold(v: Lanes) -> Lanes {
        lanes::or(v, lanes::splat(0x20))
    }

    /// 0xFF where a byte of `v` is `byte`.
    #[inline(always)]
    fn eq(v: Lanes, byte: u8) -> Lanes {
        lanes::eq(v, lanes::splat(byte))
    }

    /// The places worth a look among 16 bytes `v`, with `next` the 16 bytes one on, as
    /// a mask: byte `j` at bit `j`.
    #[inline(always)]
    fn hints(v: Lanes, next: Lanes) -> u32 {
        let folded = fold(v);
        let next_folded = fold(next);
        // `XS`, `XI` and `WG`, `WM`, `W4`, as in `next_event`.
        let next_s = eq(next_folded, b's');
        let after_x = lanes::or(next_s, eq(next_folded, b'i'));
        let after_w = lanes::or(
            lanes::or(eq(next_folded, b'g'), eq(next_folded, b'm')),
            eq(next_folded, b'4'),
        );
        let pairs = lanes::or(
            lanes::and(eq(folded, b'x'), after_x),
            lanes::and(eq(folded, b'w'), after_w),
        );
        let line_ends = lanes::or(eq(next, b'\n'), eq(next, b'\r'));
        let soft_breaks = lanes::and(eq(v, b'='), line_ends);
        let entities = lanes::and(eq(v, b'&'), lanes::or(next_s, eq(next_folded, b'n')));
        // The high bit of a byte above 0x7F marks it too.
        lanes::mask(lanes::or(
            lanes::or(pairs, v),
            lanes::or(soft_breaks, entities),
        ))
    }

    /// The base32 bytes among 16 (after folding), as a mask.
    #[inline(always)]
    fn base32(v: Lanes) -> u32 {
        let folded = fold(v);
        lanes::mask(lanes::or(
            lanes::below(folded, b'a', 26),
            lanes::below(folded, b'2', 6),
        ))
    }
}

/// 16 bytes side by side: WebAssembly's `v128` where the module is built with `simd128`.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod lanes {
    use core::arch::wasm32::*;

    pub(super) type Lanes = v128;

    /// Whether this build has the SIMD stage.
    pub(super) const ENABLED: bool = true;

    /// The 16 bytes of `bytes` from `offset`; zeros where fewer are left (never, for the
    /// offsets `first_event` reads).
    #[inline(always)]
    pub(super) fn load(bytes: &[u8], offset: usize) -> Lanes {
        match bytes.get(offset..).and_then(<[u8]>::first_chunk::<16>) {
            // SAFETY: `lanes` is a reference to 16 readable bytes, and `v128_load` takes
            // any alignment.
            Some(lanes) => unsafe { v128_load(lanes.as_ptr().cast()) },
            None => u8x16_splat(0),
        }
    }

    #[inline(always)]
    pub(super) fn splat(byte: u8) -> Lanes {
        u8x16_splat(byte)
    }

    #[inline(always)]
    pub(super) fn or(a: Lanes, b: Lanes) -> Lanes {
        v128_or(a, b)
    }

    #[inline(always)]
    pub(super) fn and(a: Lanes, b: Lanes) -> Lanes {
        v128_and(a, b)
    }

    /// 0xFF where the bytes are equal, else 0.
    #[inline(always)]
    pub(super) fn eq(a: Lanes, b: Lanes) -> Lanes {
        u8x16_eq(a, b)
    }

    /// 0xFF where `low <= byte < low + n` (unsigned), else 0.
    #[inline(always)]
    pub(super) fn below(v: Lanes, low: u8, n: u8) -> Lanes {
        u8x16_lt(u8x16_sub(v, u8x16_splat(low)), u8x16_splat(n))
    }

    /// The high bit of each byte, byte `j` at bit `j`.
    #[inline(always)]
    pub(super) fn mask(v: Lanes) -> u32 {
        u32::from(u8x16_bitmask(v))
    }
}

/// 16 bytes side by side: SSE2's `__m128i` natively on x86_64 (part of its baseline), so
/// native builds and tests run the same SIMD stage as the wasm build.
#[cfg(target_arch = "x86_64")]
// Before Rust 1.87 these intrinsics are `unsafe` to call; since, only the load is.
#[allow(unused_unsafe)]
mod lanes {
    use core::arch::x86_64::*;

    pub(super) type Lanes = __m128i;

    /// Whether this build has the SIMD stage.
    pub(super) const ENABLED: bool = true;

    // SAFETY (every `unsafe` below): SSE2 is part of the x86_64 baseline, so its
    // intrinsics are available on every x86_64 CPU; only `load` reads memory.

    /// The 16 bytes of `bytes` from `offset`; zeros where fewer are left (never, for the
    /// offsets `first_event` reads).
    #[inline(always)]
    pub(super) fn load(bytes: &[u8], offset: usize) -> Lanes {
        match bytes.get(offset..).and_then(<[u8]>::first_chunk::<16>) {
            // SAFETY: `lanes` is a reference to 16 readable bytes, and
            // `_mm_loadu_si128` takes any alignment.
            Some(lanes) => unsafe { _mm_loadu_si128(lanes.as_ptr().cast()) },
            None => splat(0),
        }
    }

    #[inline(always)]
    pub(super) fn splat(byte: u8) -> Lanes {
        unsafe { _mm_set1_epi8(byte as i8) }
    }

    #[inline(always)]
    pub(super) fn or(a: Lanes, b: Lanes) -> Lanes {
        unsafe { _mm_or_si128(a, b) }
    }

    #[inline(always)]
    pub(super) fn and(a: Lanes, b: Lanes) -> Lanes {
        unsafe { _mm_and_si128(a, b) }
    }

    /// 0xFF where the bytes are equal, else 0.
    #[inline(always)]
    pub(super) fn eq(a: Lanes, b: Lanes) -> Lanes {
        unsafe { _mm_cmpeq_epi8(a, b) }
    }

    /// 0xFF where `low <= byte < low + n` (unsigned), else 0: `byte - low` is below `n`
    /// exactly when its unsigned minimum with `n - 1` is itself.
    #[inline(always)]
    pub(super) fn below(v: Lanes, low: u8, n: u8) -> Lanes {
        unsafe {
            let offset = _mm_sub_epi8(v, splat(low));
            _mm_cmpeq_epi8(_mm_min_epu8(offset, splat(n - 1)), offset)
        }
    }

    /// The high bit of each byte, byte `j` at bit `j`.
    #[inline(always)]
    pub(super) fn mask(v: Lanes) -> u32 {
        // The mask has 16 bits, so it is never negative.
        unsafe { _mm_movemask_epi8(v) as u32 }
    }
}

/// No SIMD stage: a wasm build without `simd128`, or another architecture. The SWAR
/// stage then reads every block; these are never called.
#[cfg(not(any(
    all(target_arch = "wasm32", target_feature = "simd128"),
    target_arch = "x86_64"
)))]
mod lanes {
    pub(super) type Lanes = [u8; 16];

    /// Whether this build has the SIMD stage.
    pub(super) const ENABLED: bool = false;

    pub(super) fn load(_: &[u8], _: usize) -> Lanes {
        [0; 16]
    }

    pub(super) fn splat(byte: u8) -> Lanes {
        [byte; 16]
    }

    pub(super) fn or(a: Lanes, _: Lanes) -> Lanes {
        a
    }

    pub(super) fn and(a: Lanes, _: Lanes) -> Lanes {
        a
    }

    pub(super) fn eq(a: Lanes, _: Lanes) -> Lanes {
        a
    }

    pub(super) fn below(v: Lanes, _: u8, _: u8) -> Lanes {
        v
    }

    pub(super) fn mask(_: Lanes) -> u32 {
        u32::MAX
    }
}

/// The UTF-16 length of the UTF-8 text in `bytes`: one unit per character, two for
/// those outside the Basic Multilingual Plane. Counts bytes with no decoding: every
/// byte but a continuation byte (`10xxxxxx`) starts a character, and a lead byte
/// `11110xxx` starts one of two units.
///
/// Never inlined: its callers are built for size, and it runs over every byte.
#[inline(never)]
pub fn utf16_len_of_utf8(bytes: &[u8]) -> usize {
    // Each byte adds at most 2, so a chunk of up to 127 bytes fits a `u8` sum, which
    // vectorizes well. Exact chunks of 96 (a multiple of the vector width) leave no slow
    // tail inside the loop; only the last partial chunk takes the scalar path.
    fn count(chunk: &[u8]) -> usize {
        let n_units = chunk.iter().fold(0u8, |sum, &b| {
            sum.wrapping_add(u8::from(b & 0xC0 != 0x80) + u8::from(b >= 0xF0))
        });
        usize::from(n_units)
    }
    let chunks = bytes.chunks_exact(96);
    let tail = chunks.remainder();
    chunks.map(count).sum::<usize>() + count(tail)
}
