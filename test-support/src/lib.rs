//! Generators shared by the tests, property tests, benchmarks and fuzz targets of
//! tts-keycheck, so each kind of input is made in one place:
//!
//! - [`rng`]: the one seeded generator;
//! - [`keys`]: the public example keys and the one generator of well-formed keys;
//! - [`damage`]: every damage operator a paste applies to a key, drawn from a seed;
//! - [`ticket`]: ordinary text, and text with damaged keys planted in it;
//! - [`corpus`]: the 16 MB support corpus the benchmarks scan;
//! - [`har`]: HAR captures with tokens in headers, query strings, cookies and bodies;
//! - [`oracle`]: what outputs are checked against (secret windows, UTF-16 lengths);
//! - [`props`]: the one proptest configuration (fixed seed, 10 000 cases).
//!
//! Proptest, criterion and libFuzzer all drive the generators through seeds.

#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]

pub mod corpus;
pub mod damage;
pub mod har;
pub mod keys;
pub mod oracle;
pub mod props;
pub mod rng;
pub mod ticket;
