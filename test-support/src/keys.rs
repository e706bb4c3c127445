//! Keys for tests: the two public example keys of The Things Stack's docs, and the one
//! generator of well-formed keys (39-character Key ID ending in `A I Q Y`, 52-character
//! secret ending in `A Q`), drawn from [`Rng`].

use crate::rng::Rng;

/// The example key of The Things Stack's API-key docs
/// (`doc/content/api/concepts/auth/_index.md`).
pub const K1: &str = "NNSXS.U4H3ZFFCMSR42BUAZPW2UWGFBV4WCNI5EXDJXDY.SHIF3PP5PBMJNZESN5XLR5TZJTJUIGKVUTM2I22IVBUVCD6VIQIA";

/// The example key of the CLI docs (`ttn-lw-cli users api-keys create`).
pub const K2: &str = "NNSXS.ZXPW62GWUYNYJIERJDHBIECRJEKYYDMACPPBEUI.LQD7A5VGEXNZ7F7PNTVUPMPDEB5XBJMTIH6ESUEE622VU2FQVESA";

/// The base32 alphabet of keys.
pub const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// `len` base32 characters from `rng`, the last one from `last`.
pub fn base32(rng: &mut Rng, len: usize, last: &[u8]) -> String {
    let mut text: String = (0..len.saturating_sub(1))
        .map(|_| char::from(BASE32[rng.below(32)]))
        .collect();
    text.push(char::from(last[rng.below(last.len())]));
    text
}

/// A well-formed API key drawn from `rng`: `NNSXS.<id>.<secret>`.
pub fn generate(rng: &mut Rng) -> String {
    let id = base32(rng, 39, b"AIQY");
    let secret = base32(rng, 52, b"AQ");
    format!("NNSXS.{id}.{secret}")
}

/// The well-formed API key for `seed`: the same on every machine.
pub fn seeded(seed: u64) -> String {
    generate(&mut Rng::new(seed))
}

/// The Key ID of a well-formed key.
pub fn id_of(key: &str) -> &str {
    &key[6..45]
}

/// The secret of a well-formed key.
pub fn secret_of(key: &str) -> &str {
    &key[46..]
}
