#!/usr/bin/env bash
# Proves the oldest wasm-bindgen the crate declares (`wasm-bindgen = { version = "0.2.N" … }` in
# Cargo.toml) is enough: an application that pins exactly that version (`wasm-bindgen = "=0.2.N"`)
# and depends on embed-events resolves (cargo picks the js-sys and web-sys that go with it) and
# builds for wasm32 with the watcher. The project's own build stays on the version Cargo.lock pins.
#
#   scripts/min-wasm-bindgen.sh             # the minimum Cargo.toml declares
#   scripts/min-wasm-bindgen.sh 0.2.99      # another version, e.g. to look for the minimum
#
# The application is written to target/min-wasm-bindgen/app (scratch, with its own lock file and
# target dir, so the repository's Cargo.lock is never touched); `cargo check` is enough, as the
# question is whether the crate compiles against that wasm-bindgen.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

declared=$(sed -n 's/^wasm-bindgen = { version = "\([0-9.]*\)".*/\1/p' Cargo.toml | sort -u)
if [ "$(printf '%s\n' "$declared" | wc -l)" != 1 ] || [ -z "$declared" ]; then
  echo "min-wasm-bindgen.sh: Cargo.toml should declare one minimum, wasm-bindgen = { version = \"0.2.N\", … } (found: ${declared:-none})" >&2
  exit 1
fi
version=${1:-$declared}

app=target/min-wasm-bindgen/app
rm -rf "$app"
mkdir -p "$app/src"
cat > "$app/Cargo.toml" <<TOML
[package]
name = "embed-events-min-wasm-bindgen"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
embed-events = { path = "$root" }
wasm-bindgen = "=$version"
TOML
cat > "$app/src/lib.rs" <<'RUST'
//! An application that pins wasm-bindgen, starts a watcher, and keeps it where Leptos would.
pub fn start() -> Result<embed_events::Watcher, embed_events::WatchError> {
    embed_events::Watch::<embed_events::Signere>::new().origins(["https://sign.idfy.io"]).start(|_| {})
}
const _: () = {
    const fn send_and_sync<T: Send + Sync>() {}
    send_and_sync::<embed_events::Watcher>();
};
RUST

started=$SECONDS
cargo check --quiet --manifest-path "$app/Cargo.toml" --target wasm32-unknown-unknown --target-dir target/min-wasm-bindgen/target
resolved=$(awk '/^name = "(wasm-bindgen|js-sys|web-sys)"$/ { name = $3; getline; print name " " $3 }' "$app/Cargo.lock" | tr -d '"' | paste -sd, - | sed 's/,/, /g')
echo "min-wasm-bindgen.sh: embed-events builds for wasm32 with wasm-bindgen $version ($resolved) in $((SECONDS - started)) s"
