#!/usr/bin/env bash
# Coverage-guided fuzzing of the decoding core (fuzz/fuzz_targets/decode.rs) with cargo-fuzz and
# libFuzzer, for N seconds (default 600). Not part of `npm test`.
#
#   scripts/fuzz.sh            # 10 minutes
#   scripts/fuzz.sh 60         # one minute
#   FUZZ_SANITIZER=address scripts/fuzz.sh 600   # with AddressSanitizer (about half the speed)
#
# cargo-fuzz needs nightly-only compiler flags; on a stable toolchain RUSTC_BOOTSTRAP=1 lets rustc
# accept them (this machine has only stable Rust). Prints the executions and the findings; a crash
# leaves its input in fuzz/artifacts/decode/ and makes this script exit non-zero. Reproduce one with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run -s none -a decode fuzz/artifacts/decode/<file>   (in fuzz/)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
sanitizer="${FUZZ_SANITIZER:-none}"
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "[fuzz] installing cargo-fuzz (cargo install cargo-fuzz)"
  cargo install cargo-fuzz
fi

corpus=fuzz/corpus/decode
artifacts=fuzz/artifacts/decode
mkdir -p "$corpus" "$artifacts"

# Seeds: every noise-corpus entry that is plain JSON, one message of every documented kind, and a few
# edge cases of JSON text, origins and URLs.
node --input-type=module - "$corpus" <<'JS'
import { readFileSync, writeFileSync } from "node:fs";
const dir = process.argv[2];
const noise = JSON.parse(readFileSync("tests/data/noise.json", "utf8"));
const seeds = noise.entries.filter((e) => "data" in e).map((e) => typeof e.data === "string" ? e.data : JSON.stringify(e.data));
seeds.push(
  '{"status":"complete","authCode":"cod_1","client":"cli_1","result":"link"}', '{"status":"exit","step":"s"}',
  '{"status":"error","message":"m"}', '{"type":"document_expired","payload":{"documentId":"d","externalDocumentId":"e"}}',
  '{"type":"eid_selected","payload":{"eid":"no_bankid"}}', '{"type":"language_changed","payload":{"language":"EN"}}',
  '{"type":"sign_error","payload":{"error":{"code":"c","message":"m"},"errorCode":"e","eidErrorCode":"x","documentId":"d"}}',
  '{"type":"user_canceled","payload":{"documentId":"d"}}', '{"type":"spinner_on","payload":null}',
  "https://ignition.axle.insure", "HTTPS://Sign.Idfy.IO:443/", "http://[::1]:8080", "null\nhttps://a.com/x",
  "https://user@a.com", "http://127.0.0.1:5173/", "https:\\\\a.com\\",
  // JSON text that serde_json and JSON.parse read differently, and deep nesting.
  '{"status":"exit","step":"\\ud800x\\udc00\\ud83d\\ude00","n":1e999}', '{"type":"sign_success","payload":{"documentId":"d","x":-1e400}}',
  '{"status":"exit","x":' + "[".repeat(300) + "]".repeat(300) + "}", '{"type":"sign_error","payload":{"error":{"code":' + '{"a":'.repeat(200) + "1" + "}".repeat(200) + "}}}",
  // The test-only Queue vendor (tests/support/queue.rs), and ignition_url's URL and parent origin.
  '{"kind":"admitted","seat":"C","detail":{"pass":"p","seatId":"B","seat":{"id":"A"}}}', '{"kind":"entered","position":"4"}',
  "https://ignition.axle.insure/?origin=x&token=t#f\nhttps://App.Example.com:443/",
);
seeds.forEach((s, i) => writeFileSync(`${dir}/seed-${i}`, s));
JS

before=$(ls "$artifacts" | wc -l)
log=$(mktemp)
echo "[fuzz] running fuzz target decode for ${seconds}s (sanitizer: $sanitizer); corpus $corpus"
status=0
(cd fuzz && cargo fuzz run -s "$sanitizer" --debug-assertions decode "corpus/decode" -- \
  -max_total_time="$seconds" -dict=decode.dict -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
  -print_final_stats=1 -close_fd_mask=1) >"$log" 2>&1 || status=$?

execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
after=$(ls "$artifacts" | wc -l)
echo "[fuzz] executions: ${execs:-unknown} (${speed:-?}/s) in ${seconds}s; coverage ${cov:-unknown}; corpus $(ls "$corpus" | wc -l) inputs"
echo "[fuzz] findings: $((after - before)) new in $artifacts ($after in all)"
if [ "$status" -ne 0 ] || [ "$after" -gt "$before" ]; then
  grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$log" | head -20 || true
  echo "[fuzz] full log: $log"
  exit 1
fi
rm -f "$log"
