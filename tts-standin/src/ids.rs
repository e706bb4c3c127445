//! Random-looking identifiers: error correlation IDs and request IDs.
//!
//! TTS gives every error a correlation ID (a version 4 UUID written as 32 hex digits, as in
//! the docs example `7d4a76e4b2074fdfbb6d0fac81d8647c`) and every HTTP request an
//! `X-Request-Id` (a ULID, `pkg/webmiddleware/request_id.go`). Nothing here is used for
//! security, so the bits come from the standard library's randomly keyed hasher.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

fn random_u64() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u128(unix_nanos());
    hasher.finish()
}

fn unix_nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_nanos())
        .unwrap_or(0)
}

/// `n` random-looking bytes.
pub(crate) fn random_bytes(n: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(n + 8);
    while out.len() < n {
        out.extend_from_slice(&random_u64().to_le_bytes());
    }
    out.truncate(n);
    out
}

/// A correlation ID: a random version 4 UUID as 32 lowercase hex digits.
pub(crate) fn correlation_id() -> String {
    let mut bits = (u128::from(random_u64()) << 64) | u128::from(random_u64());
    // Set the version (4) and the RFC 4122 variant bits, as uuid.New() does.
    bits = (bits & !(0xf << 76)) | (0x4 << 76);
    bits = (bits & !(0x3 << 62)) | (0x2 << 62);
    format!("{bits:032x}")
}

/// A request ID: a ULID (48-bit millisecond time, 80 random bits, Crockford base32).
pub(crate) fn request_id() -> String {
    const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let millis = (unix_nanos() / 1_000_000) & ((1 << 48) - 1);
    let random = ((u128::from(random_u64()) << 64) | u128::from(random_u64())) & ((1 << 80) - 1);
    let bits = (millis << 80) | random;
    (0..26)
        .map(|i| CROCKFORD[((bits >> (125 - 5 * i)) & 0x1f) as usize] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{correlation_id, request_id};

    #[test]
    fn shapes() {
        let id = correlation_id();
        assert_eq!(id.len(), 32);
        assert!(id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        assert_eq!(&id[12..13], "4");
        assert!("89ab".contains(&id[16..17]));
        assert_ne!(correlation_id(), correlation_id());
        let id = request_id();
        assert_eq!(id.len(), 26);
        assert!(id.starts_with('0'), "{id}");
        assert_ne!(request_id(), request_id());
    }
}
