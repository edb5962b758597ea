#!/usr/bin/env bash
# Runs fitted-llm's browser tests (llm/tests/browser.rs): the wasm build in headless Chromium
# (wasm-bindgen-test-runner + chromedriver, as for the store) against this protocol server on
# another origin. Starts the server on an ephemeral port, passes its address to the build in
# FITTED_PROVIDER_SERVER, and stops it on exit — also if cargo fails or this script is killed
# (the server exits when its stdin, held here, closes).
#
#   bash tests/provider-server/wasm-test.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}

coproc SERVER { exec node tests/provider-server/server.mjs --port 0 --exit-on-stdin-close; }
server_pid=$SERVER_PID
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
read -r line <&"${SERVER[0]}"
port=${line#listening }
case $port in ''|*[!0-9]*) echo "the provider test server did not start: $line" >&2; exit 1 ;; esac

FITTED_PROVIDER_SERVER="http://127.0.0.1:$port" \
  cargo test -p fitted-llm --target wasm32-unknown-unknown --test browser "$@"
