#!/bin/sh
# WebKitWebDriver as wasm-bindgen-test-runner starts a driver (SAFARIDRIVER=this file; the runner
# appends --port=N). The runner's Safari session asks for no capabilities, so WebKitWebDriver starts
# its default browser, WebKitGTK's MiniBrowser (with --automation). MiniBrowser has no headless
# mode: the caller provides an X display (tests/engines/run.mjs runs the suite under xvfb-run -a).
exec "${WEBKIT_WEBDRIVER:-WebKitWebDriver}" --host=local "$@"
