#!/usr/bin/env bash
# Store benches in real IndexedDB (headless Chromium): the `#[ignore]`d tests of
# store/tests/bench_versions.rs, which print their figures. Not part of the gate.
#
#   bash scripts/bench-store.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/tests/node_modules/.bin:$PATH"
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
cargo test --release -p fitted-store --target wasm32-unknown-unknown --test bench_versions -- --include-ignored --nocapture 2>&1 \
  | grep -E 'versions in IndexedDB|test result|panicked|error' || true
