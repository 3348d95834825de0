#!/usr/bin/env bash
# Builds the example into examples/yew/dist/: cargo for wasm32-unknown-unknown, then
# wasm-bindgen --target web, next to index.html. No bundler: dist/ is static files.
#
#   examples/yew/build.sh            # debug build (quicker to compile)
#   examples/yew/build.sh --release  # optimised build (smaller module)
#
# Needs the wasm32-unknown-unknown target and wasm-bindgen-cli at the version of wasm-bindgen in
# Cargo.lock (scripts/setup.sh installs both). The target dir is the repo's target/example-yew.
set -euo pipefail
cd "$(dirname "$0")"

profile=debug
flags=()
case "${1:-}" in
  "") ;;
  --release) profile=release; flags=(--release) ;;
  *) echo "usage: $0 [--release]" >&2; exit 2 ;;
esac
target_dir=../../target/example-yew

cargo build --target wasm32-unknown-unknown --target-dir "$target_dir" ${flags[@]+"${flags[@]}"}

# The CLI must be exactly the version the module was built with.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  echo "build.sh: wasm-bindgen-cli $want is needed (found: ${have:-none}); run scripts/setup.sh, or: cargo install wasm-bindgen-cli --version $want" >&2
  exit 1
fi

# Built beside, then swapped in: dist/ is either the previous build or this one, never half of one.
staging="$target_dir/dist.staging"
rm -rf "$staging"
mkdir -p "$staging"
wasm-bindgen --target web --no-typescript --out-dir "$staging" --out-name app \
  "$target_dir/wasm32-unknown-unknown/$profile/embed-events-yew-example.wasm"
cp index.html "$staging/"
rm -rf dist
mv "$staging" dist
echo "build.sh: built examples/yew/dist/ ($profile); serve it with: node examples/yew/serve.mjs"
