#!/usr/bin/env bash
# Installs what `npm start` and `npm test` need and is missing on this machine, and says what it does:
# the wasm32 target, wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock, the three
# browser engines the tests run in with their WebDriver servers (Debian packages: chromium and
# chromium-driver; firefox-esr; webkit2gtk-driver, which brings WebKitGTK's MiniBrowser, and xvfb,
# the X server MiniBrowser needs as it has no headless mode), geckodriver (from crates.io), and the
# npm packages (npm ci).
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

# 3. The browser engines and their WebDriver servers, for the browser and end-to-end tests: every
#    missing Debian package in one apt-get call.
packages=()
command -v chromium >/dev/null || packages+=(chromium)
command -v chromedriver >/dev/null || packages+=(chromium-driver)
command -v firefox-esr >/dev/null || packages+=(firefox-esr)
multiarch=$(gcc -print-multiarch 2>/dev/null || echo "$(uname -m)-linux-gnu")
if ! command -v WebKitWebDriver >/dev/null || [ ! -x "/usr/lib/$multiarch/webkit2gtk-4.1/MiniBrowser" ]; then
  packages+=(webkit2gtk-driver)
fi
command -v xvfb-run >/dev/null || packages+=(xvfb)
if [ "${#packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing the Debian packages ${packages[*]} (browsers and WebDriver servers for the tests)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  else
    fail "missing: ${packages[*]}; install them, e.g.: sudo apt-get install ${packages[*]}"
  fi
fi

# 4. geckodriver, Firefox's WebDriver server (not packaged by Debian): from crates.io.
geckodriver_version=0.37.0
if ! command -v geckodriver >/dev/null && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/geckodriver" ]; then
  say "installing geckodriver $geckodriver_version (cargo install geckodriver --locked); this builds from source and takes a few minutes"
  cargo install geckodriver --version "$geckodriver_version" --locked \
    || fail "could not install geckodriver; install it with: cargo install geckodriver --version $geckodriver_version --locked"
fi

# 5. npm packages, when package-lock.json changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi
