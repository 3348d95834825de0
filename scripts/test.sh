#!/usr/bin/env bash
# npm test: every test, in order of depth. scripts/setup.sh has run first (npm test does it).
#
# The browser suites (tests/browser.rs, browser_hostile.rs and browser_features.rs through
# wasm-bindgen-test, and the end-to-end demo, features, lifecycle, react, secrets and vendor suites) run once per
# engine: Chromium, Firefox ESR and WebKitGTK (tests/engines/); EMBED_EVENTS_ENGINES="chromium
# firefox" runs fewer. The run ends with a table of every suite in every engine (passed, failed,
# skipped with the reason, time), and fails if any step after the build failed.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s (at %d s)\n' "$*" "$SECONDS"; }
failed=0

step "native: the pure core and the npm module's crate (cargo test, with the serde feature)"
cargo test --quiet --workspace --features embed-events/serde

step "native: webhooks (the shared cases in tests/data/webhooks, verification, http::HeaderMap)"
cargo test --quiet --features webhooks,serde,http --test webhooks

step "package: build (release wasm, wasm-opt, inlined into dist/index.js and dist/index.cjs)"
node scripts/build.mjs

step "package: the test build, with the test-only vendor of tests/support/queue.rs (target/test-package/dist)"
node scripts/build.mjs --test-vendor

step "browser: build the wasm-bindgen-test suites (the JavaScript API in dist/ and the Rust watcher)"
cargo test --target wasm32-unknown-unknown --test browser --test browser_hostile --test browser_features --test threads --no-run

step "wasm-bindgen: an application pinning the oldest version Cargo.toml declares builds the crate for wasm32"
bash scripts/min-wasm-bindgen.sh

step "threads: tests/threads.rs for wasm32 with atomics, where a Watcher must be neither Send nor Sync (rustc warns that the feature is unstable)"
RUSTFLAGS="-C target-feature=+atomics,+bulk-memory" \
  cargo check --quiet --target wasm32-unknown-unknown --test threads --target-dir target/wasm32-atomics

node tests/engines/run.mjs --reset
for engine in ${EMBED_EVENTS_ENGINES:-chromium firefox webkit}; do
  step "browser: every browser suite in $engine (wasm-bindgen-test, then the end-to-end demo, features, lifecycle, react and secrets)"
  node tests/engines/run.mjs "$engine" || failed=1
done

step "types: tsc --noEmit on a usage file (the main entry's, then embed-events/webhooks' built declarations)"
node_modules/.bin/tsc -p tests/types || failed=1
node_modules/.bin/tsc -p tests/types/webhooks || failed=1
node_modules/.bin/tsc -p tests/types/queue || failed=1

step "package, README code, end-to-end (Chromium only), consumer, server (tests/servers), integration and crate-hygiene tests (node --test)"
shopt -s nullglob
# demo, features, lifecycle, react, secrets and vendor ran above, in every engine.
chromium_only=()
for file in tests/e2e/*.test.mjs; do
  case "$file" in
    tests/e2e/demo.test.mjs | tests/e2e/features.test.mjs | tests/e2e/lifecycle.test.mjs | tests/e2e/react.test.mjs | tests/e2e/secrets.test.mjs | tests/e2e/vendor.test.mjs) ;;
    *) chromium_only+=("$file") ;;
  esac
done
node --test --test-concurrency=1 tests/js/*.test.mjs tests/readme/*.test.mjs "${chromium_only[@]}" tests/servers/*.test.mjs tests/integrations/*.test.mjs tests/hygiene/check.mjs \
  || failed=1

step "browser suites in every engine"
node tests/engines/run.mjs --table || failed=1
printf '\nnpm test: %d s\n' "$SECONDS"
exit "$failed"
