#!/usr/bin/env bash
# What embed-events adds to a Leptos application's wasm: this example built with --release, with
# its watchers and without them (--no-default-features drops the `watch` feature: the same
# components, signals and frames, no `Watch`), each after wasm-bindgen, wasm-opt -Oz (the features
# scripts/build.mjs enables) and gzip -9. Leaves dist/ holding the release build with watchers.
#
#   examples/leptos/size.sh
set -euo pipefail
cd "$(dirname "$0")"
wasm_opt=../../node_modules/.bin/wasm-opt
[ -x "$wasm_opt" ] || { echo "size.sh: no $wasm_opt: run npm ci (scripts/setup.sh)" >&2; exit 1; }
out=../../target/example-leptos/size
mkdir -p "$out"

measure() {
  local name=$1
  shift
  bash build.sh --release "$@" >/dev/null
  "$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    --strip-debug --strip-producers --strip-target-features dist/app_bg.wasm -o "$out/$name.wasm"
  gzip -9 -c "$out/$name.wasm" > "$out/$name.wasm.gz"
  printf '%-17s %9d %9d %9d\n' "$name" "$(wc -c < dist/app_bg.wasm)" "$(wc -c < "$out/$name.wasm")" "$(wc -c < "$out/$name.wasm.gz")"
}

printf '%-17s %9s %9s %9s\n' "bytes" "rustc" "wasm-opt" "gzip -9"
measure without-watchers --no-default-features
measure with-watchers
without=$(wc -c < "$out/without-watchers.wasm.gz")
with=$(wc -c < "$out/with-watchers.wasm.gz")
echo "size.sh: embed-events' two watchers add $((with - without)) bytes (wasm-opt -Oz, gzip -9) to this Leptos application"
