#!/usr/bin/env bash
# Builds a Rust example (examples/NAME, package embed-events-NAME-example) into examples/NAME/dist/:
# cargo for wasm32-unknown-unknown, then wasm-bindgen --target web, next to its index.html. No
# bundler: dist/ is static files. Each example's build.sh runs this with its name.
#
#   examples/build.sh NAME                          # debug build (quicker to compile)
#   examples/build.sh NAME --release                # optimised build (smaller module)
#   examples/build.sh NAME [--release] --no-default-features   # without the example's default features
#
# Needs the wasm32-unknown-unknown target and wasm-bindgen-cli at the version of wasm-bindgen in
# the example's Cargo.lock (scripts/setup.sh installs both). The target dir is the repo's
# target/example-NAME.
set -euo pipefail
usage() { echo "usage: examples/NAME/build.sh [--release] [--no-default-features]" >&2; exit 2; }
name=${1:-}
[ -n "$name" ] && [ -d "$(dirname "$0")/$name" ] || usage
shift
cd "$(dirname "$0")/$name"

profile=debug
flags=()
for arg in "$@"; do
  case "$arg" in
    --release) profile=release; flags+=(--release) ;;
    --no-default-features) flags+=(--no-default-features) ;;
    *) usage ;;
  esac
done
target_dir=../../target/example-$name

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
  "$target_dir/wasm32-unknown-unknown/$profile/embed-events-$name-example.wasm"
cp index.html "$staging/"
rm -rf dist
mv "$staging" dist
echo "build.sh: built examples/$name/dist/ ($profile${flags[*]/--release/}); serve it with: node examples/$name/serve.mjs"
