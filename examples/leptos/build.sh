#!/usr/bin/env bash
# Builds the example into examples/leptos/dist/: cargo for wasm32-unknown-unknown, then
# wasm-bindgen --target web, next to index.html (examples/build.sh, shared with the other Rust
# example). No bundler: dist/ is static files.
#
#   examples/leptos/build.sh            # debug build (quicker to compile)
#   examples/leptos/build.sh --release  # optimised build (smaller module)
#   examples/leptos/build.sh --release --no-default-features   # the same, without the watchers
#
# Needs the wasm32-unknown-unknown target and wasm-bindgen-cli at the version of wasm-bindgen in
# Cargo.lock (scripts/setup.sh installs both). The target dir is the repo's target/example-leptos.
exec "$(dirname "$0")/../build.sh" leptos "$@"
