#!/usr/bin/env bash
# Installs what `npm start` and `npm test` need and is missing on this machine, and says what it does:
# the wasm32 target, wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock, Chromium
# and ChromeDriver (Debian packages), and the npm packages (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }
fail() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || fail "cargo is not installed; install Rust with rustup (https://rustup.rs) and run this again."
command -v node >/dev/null || fail "node is not installed; install Node.js 20 or newer and run this again."

# 1. The wasm32 target.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "installing the Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli at the version Cargo.lock pins (the two must match exactly).
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock 2>/dev/null || true)
if [ -z "$want" ]; then
  cargo generate-lockfile >/dev/null 2>&1 || true
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found: ${have:-none}); this builds from source and takes a few minutes"
  # Not --locked: a dependency version locked by that release is no longer served by the registry.
  cargo install wasm-bindgen-cli --version "$want" --force \
    || fail "could not install wasm-bindgen-cli $want; install it with: cargo install wasm-bindgen-cli --version $want"
fi

# 3. Chromium and ChromeDriver, for the browser tests and the end-to-end tests.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Chromium and ChromeDriver (Debian packages chromium, chromium-driver)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    fail "Chromium and ChromeDriver are missing; install them, e.g.: sudo apt-get install chromium chromium-driver"
  fi
fi

# 4. npm packages, when package-lock.json changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi
