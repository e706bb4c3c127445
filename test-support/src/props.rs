//! The one proptest configuration of the property tests: 10 000 cases from a fixed seed,
//! so `cargo xtask test` and CI run the same cases every time. `PROPTEST_RNG_SEED`
//! (a number) and `PROPTEST_CASES` choose others, for the longer random runs made by
//! hand; a failure prints its seed, and the input becomes a table case.

use proptest::test_runner::{Config, RngSeed};

/// The seed every property test starts from unless `PROPTEST_RNG_SEED` says otherwise.
pub const SEED: u64 = 0x7474_732d_6b65_7963;

/// How many cases each property runs unless `PROPTEST_CASES` says otherwise.
pub const CASES: u32 = 10_000;

/// The configuration for every `proptest!` block.
pub fn config() -> Config {
    // `Config::default()` reads `PROPTEST_CASES` and `PROPTEST_RNG_SEED`.
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = CASES;
    }
    if config.rng_seed == RngSeed::Random {
        config.rng_seed = RngSeed::Fixed(SEED);
    }
    // Failures are reported with their input; no regression files in the source tree.
    config.failure_persistence = None;
    config
}
