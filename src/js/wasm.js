// The JavaScript half of the wasm boundary (npm/src/exports.rs): the module compiled and
// instantiated on first use, synchronously, from the bytes the build inlines; a message's shape
// and tag written into its memory and the answer read back.
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
  // The tag is only compared with the table's names, which are short and ASCII: another tag
  // crosses as "", which matches none of them either (JavaScript holds the tag for onUnknown).
  let tag = kinds[0] === 1 ? strings[0] : "";
  if (tag.length > 64 || /[^\0-\x7f]/.test(tag)) tag = "";
  const at = wasm.room(size + tag.length);
  let mem = view();
  for (let i = 0; i < size; i++) mem[at + i] = kinds[i];
  for (let i = 0; i < tag.length; i++) mem[at + size + i] = tag.charCodeAt(i);
  const answer = wasm.decode(vendor, size / count, tag.length) + 4;
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
      if (position !== 0) value[fields[i]] = strings[position - 1];
    }
    return value;
  }
  decoded = kind === 63 ? -1 : -2;
  if (kind === 63) return undefined;
  const end = answer + (mem[answer - 4] | (mem[answer - 3] << 8));
  return String.fromCharCode.apply(null, mem.subarray(answer + 1, end));
}
