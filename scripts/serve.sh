#!/usr/bin/env bash
# Builds Fitted and serves it at http://127.0.0.1:8080/ (no API key needed). On a fresh
# machine it first installs the build tools (scripts/tools.sh build), skipping what exists.
#
#   bash scripts/serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/tests/node_modules/.bin:$PATH"
bash scripts/tools.sh build
exec trunk serve --release --no-autoreload --address 127.0.0.1 --port 8080
