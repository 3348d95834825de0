// The JavaScript half of the wasm boundary (npm/src/exports.rs): the module compiled and
// instantiated on first use, synchronously, from the bytes the build inlines; strings written into
// its memory as UTF-8 and the answer read back.
import { bytes } from "./bytes.js";
import { MAX_BLOCKS, shape } from "./shape.js";
import { length, order, text } from "./wasm-bytes.js";

let wasm;
let memory = new Uint8Array(0);

/** The module's exports, instantiating it on the first call. */
export function load() {
  if (!wasm) wasm = new WebAssembly.Instance(new WebAssembly.Module(bytes(text, order, length)), {}).exports;
  return wasm;
}

/** The memory, as bytes (a new view when it has grown). */
function view() {
  if (memory.buffer !== wasm.memory.buffer) memory = new Uint8Array(wasm.memory.buffer);
  return memory;
}

/**
 * Write `s` as UTF-8 at `at` in `mem` (which has room for three bytes per UTF-16 unit); returns the
 * end. Lone surrogates become U+FFFD, as TextEncoder writes them.
 */
function put(s, mem, at) {
  const n = s.length;
  let i = 0;
  // Most messages are ASCII: byte for byte until the first other character.
  for (let c; i < n && (c = s.charCodeAt(i)) < 0x80; i++) mem[at++] = c;
  if (i === n) return at;
  if (encoder === undefined) encoder = typeof TextEncoder === "function" ? new TextEncoder() : null;
  if (encoder) return at + encoder.encodeInto(s.slice(i), mem.subarray(at)).written;
  for (; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      mem[at++] = c;
      continue;
    }
    if (c < 0x800) {
      mem[at++] = 0xc0 | (c >> 6);
      mem[at++] = 0x80 | (c & 63);
      continue;
    }
    if (c >= 0xd800 && c < 0xe000) {
      const low = s.charCodeAt(i + 1);
      if (c < 0xdc00 && low >= 0xdc00 && low < 0xe000) {
        i++;
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        mem[at++] = 0xf0 | (c >> 18);
        mem[at++] = 0x80 | ((c >> 12) & 63);
        mem[at++] = 0x80 | ((c >> 6) & 63);
        mem[at++] = 0x80 | (c & 63);
        continue;
      }
      c = 0xfffd;
    }
    mem[at++] = 0xe0 | (c >> 12);
    mem[at++] = 0x80 | ((c >> 6) & 63);
    mem[at++] = 0x80 | (c & 63);
  }
  return at;
}

// TextEncoder where the environment has it (made on first use, not at import), else `null`, and
// the hand-written loop does the work (Jest's jsdom environment has none).
let encoder;

// Reused for every message: `decode` runs no user code, so one message is decoded at a time.
const kinds = new Uint8Array(MAX_BLOCKS * MAX_BLOCKS);
const strings = [];

/** What the last `decode` found: the event's index, -1 for an unknown tag, -2 for malformed. */
export let decoded = -1;

/**
 * Decode record `data` by table `t` (vendor number `vendor`): its shape crosses into wasm, with the
 * tag. Returns the event value (a fresh object with the tag and the fields present) when
 * `decoded` is its index, the detail when `decoded` is -2 (malformed), else undefined.
 */
export function decode(vendor, t, data) {
  load();
  const count = t.keys.length;
  strings.length = 0;
  const size = shape(data, t, kinds, strings) * count;
  const tag = kinds[0] === 1 ? strings[0] : "";
  const at = wasm.room(size + tag.length * 3);
  let mem = view();
  for (let i = 0; i < size; i++) mem[at + i] = kinds[i];
  const answer = wasm.decode(vendor, size / count, put(tag, mem, at + size) - at - size) + 4;
  mem = view();
  const kind = mem[answer];
  if (kind === 69) {
    // "E", the event's index, then each field's position + 1 (0: absent).
    const e = t.events[(decoded = mem[answer + 1])];
    const value = {};
    value[t.tag] = e.name;
    const fields = e.fields;
    for (let i = 0; i < fields.length; i++) {
      const position = mem[answer + 2 + i];
      if (position !== 0) value[fields[i].key] = strings[position - 1];
    }
    return value;
  }
  decoded = kind === 63 ? -1 : -2;
  if (kind === 63) return undefined;
  const end = answer + (mem[answer - 4] | (mem[answer - 3] << 8));
  return String.fromCharCode.apply(null, mem.subarray(answer + 1, end));
}
