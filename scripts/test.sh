#!/usr/bin/env bash
# Runs every test of Fitted. On a fresh machine it first installs what is missing (see
# scripts/tools.sh); a second run skips the installs. Prints how long each phase took.
#
#   bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$ROOT/tests/node_modules/.bin:$PATH"
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export CARGO_TERM_COLOR=never

phases=()
phase_start=$SECONDS
phase() { # name: closes the previous phase's timer and starts a new one
  local now=$SECONDS
  [ -n "${current:-}" ] && phases+=("$(printf '%-28s %4ss' "$current" $((now - phase_start)))")
  current=$1; phase_start=$now
  printf '\n======== %s ========\n' "$1"
}
summary() {
  phase done
  printf '\n======== phase times ========\n'; printf '%s\n' "${phases[@]}"
}
trap summary EXIT

phase "tools"
bash scripts/tools.sh test

phase "lint (view! attributes, labels)"
python3 scripts/lint_views.py
# Both labelled folders keep the labelling rules of tests/fixtures/README.md.
python3 scripts/eval/check_labels.py tests/fixtures
python3 scripts/eval/check_labels.py tests/other-fields

phase "native tests (cargo test)"
cargo test --workspace --exclude app --exclude worker --exclude fitted-store --exclude typst-only

phase "browser store tests (wasm-bindgen-test)"
cargo test -p fitted-store --target wasm32-unknown-unknown

phase "browser provider-client tests (wasm-bindgen-test + protocol server)"
bash tests/provider-server/wasm-test.sh

phase "build dist (trunk --release)"
trunk build --release

phase "end-to-end (Chromium)"
(cd tests && node --test --test-concurrency=1 e2e/)
