#!/usr/bin/env bash
# npm test: every test, in order of depth. scripts/setup.sh has run first (npm test does it).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "native: the pure core and the npm module's crate (cargo test, with the serde feature)"
cargo test --quiet --workspace --features embed-events/serde

step "package: build (release wasm, wasm-opt, inlined into dist/index.js and dist/index.cjs)"
node scripts/build.mjs

step "browser: the JavaScript API (dist/) and the Rust watcher in headless Chromium (wasm-bindgen-test)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}" \
WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/tests/browser/webdriver.json" \
WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --target wasm32-unknown-unknown --test browser --test browser_hostile

step "types: tsc --noEmit on a usage file"
node_modules/.bin/tsc -p tests/types

step "package, end-to-end, consumer, integration and crate-hygiene tests (node --test)"
shopt -s nullglob
node --test --test-concurrency=1 tests/js/*.test.mjs tests/e2e/*.test.mjs tests/integrations/*.test.mjs tests/hygiene/check.mjs
