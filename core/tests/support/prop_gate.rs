//! Property-test settings shared by every property test in the workspace, so that the test
//! gate (`scripts/test.sh`, which CI runs) gives the same answer for the same commit.
//!
//! In the gate a property replays its committed regression file
//! (`<test file>.proptest-regressions`), then runs `gate_cases` cases drawn from one fixed
//! seed: a push cannot pass on one machine and fail on the next because a new random input
//! was drawn. New failing inputs are found apart from the gate, by `scripts/discover.sh`: it
//! sets `FITTED_PROPTEST_DISCOVER=1` (a random seed, or `PROPTEST_RNG_SEED` when given) and
//! `PROPTEST_CASES`; proptest writes each failure it finds to the regression file, and
//! committing that file makes the case part of the gate.
//!
//! Included with `#[path]` by the test files of `fitted-core` and `fitted-typeset`.

use proptest::test_runner::{Config, FileFailurePersistence, RngSeed};

/// The gate's seed. Any fixed number would do; changing it changes which cases the gate
/// runs, so change it only on purpose.
pub const GATE_SEED: u64 = 0x0F17_7ED5;

/// Whether this run looks for new failures (random seed, many cases) instead of gating.
pub fn discovering() -> bool {
    std::env::var_os("FITTED_PROPTEST_DISCOVER").is_some_and(|v| !v.is_empty() && v != "0")
}

/// The configuration for a property: `gate_cases` cases from the fixed seed in the gate;
/// in a discovery run `PROPTEST_CASES` cases (default 100 × `gate_cases`) from a random
/// seed.
pub fn config(gate_cases: u32) -> Config {
    // `Config::default()` reads PROPTEST_* variables; the gate overrides the two that would
    // make it vary, so a stray variable in someone's shell cannot change what it checks.
    // Regression cases live next to the test file (`x.rs` → `x.proptest-regressions`), for
    // integration tests in a folder too (proptest's default would put those elsewhere).
    let from_env = Config {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..Config::default()
    };
    if discovering() {
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(gate_cases.saturating_mul(100));
        Config { cases, rng_seed: from_env.rng_seed, ..from_env }
    } else {
        Config { cases: gate_cases, rng_seed: RngSeed::Fixed(GATE_SEED), ..from_env }
    }
}
