//! Small text helpers shared by the core: UTF-16 offsets (what JS uses for string
//! positions) from byte offsets.

/// The UTF-16 length of `text`.
pub(crate) fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// The UTF-16 length of the UTF-8 text in `bytes`: one unit per character, two for
/// those outside the Basic Multilingual Plane. Counts bytes, eight at a time, with no
/// decoding: every byte but a continuation byte (`10xxxxxx`) starts a character, and a
/// lead byte `11110xxx` starts one of two units.
pub(crate) fn utf16_len_of_utf8(bytes: &[u8]) -> usize {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut n_units = 0;
    for chunk in &mut chunks {
        let Some(chunk) = chunk.first_chunk::<8>() else {
            continue;
        };
        let word = u64::from_le_bytes(*chunk);
        if word & HIGH_BITS == 0 {
            n_units += 8;
            continue;
        }
        // Bit 7 of each byte, with bit 6, 5, 4 of the same byte shifted onto it.
        let continuation = word & !(word << 1) & HIGH_BITS;
        let four_byte_lead = word & (word << 1) & (word << 2) & (word << 3) & HIGH_BITS;
        n_units += 8 - continuation.count_ones() as usize + four_byte_lead.count_ones() as usize;
    }
    n_units
        + chunks
            .remainder()
            .iter()
            .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
            .sum::<usize>()
}
