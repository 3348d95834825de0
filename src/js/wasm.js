// The JavaScript half of the wasm boundary (npm/src/exports.rs): the module compiled and
// instantiated on first use, synchronously, from the bytes the build inlines; a message's shape
// and tag written into its memory and the answer read back.
import { bytes } from "./bytes.js";
import { MAX_BLOCKS, plainCopy, shape } from "./shape.js";
import { length, order, text } from "./wasm-bytes.js";
import { INPUT_LEN } from "./tables.js";

let wasm;
let input;
let memory = new Uint8Array(0);

/** The module's exports, instantiating it on the first call. */
export function load() {
  if (!wasm) {
    // The engines' own errors under a Content-Security-Policy without 'wasm-unsafe-eval' name
    // 'unsafe-eval', which this package never needs.
    try {
      wasm = new WebAssembly.Instance(new WebAssembly.Module(bytes(text, order, length)), {}).exports;
    } catch (cause) {
      throw Error("embed-events: add 'wasm-unsafe-eval' to the CSP's script-src (WebAssembly is blocked)", { cause });
    }
    input = wasm.input();
  }
  return wasm;
}

/** The memory, as bytes (a new view when it has grown, which detaches the old one). */
function view() {
  if (memory.byteLength === 0) memory = new Uint8Array(wasm.memory.buffer);
  return memory;
}

// Reused for every message: from the shape on, `decode` runs no user code, so one message is decoded at a time. The
// shape is written straight into the module's input area (`area`, renewed when the memory grows).
let area = new Uint8Array(0);
// A packed array of the shape's size, written at the positions of strings and emptied after use
// (so no message's strings stay reachable).
const strings = new Array(MAX_BLOCKS * MAX_BLOCKS).fill("");

/** What the last `decode` found: the event's index, -1 for an unknown tag, -2 for malformed. */
export let decoded = -1;
/** The tag of the last data decoded, when it is a string. */
export let tag;

/**
 * Decode record `data` by table `t` (vendor number `vendor`): its shape crosses into wasm, with the
 * tag. `plain`: `data` is a structured clone or JSON.parse's (see shape.js). Returns the event
 * value (a fresh object with the tag and the fields present) when `decoded` is its index, the
 * detail when `decoded` is -2 (malformed), else undefined.
 */
export function decode(vendor, t, data, plain) {
  load();
  // First, while no state below is in use, what may run user code (see shape.js).
  if (!plain) data = plainCopy(data, t);
  // INPUT_LEN: the input area's size, written by the build from npm/src/lib.rs.
  if (area.byteLength === 0) area = new Uint8Array(wasm.memory.buffer, input, INPUT_LEN);
  const count = t.keys.length;
  const size = shape(data, t, area, strings) * count;
  // The tag is only compared with the table's names, which are short and ASCII: another tag
  // crosses as "", which matches none of them either (`tag` holds it for onUnknown).
  tag = area[0] === 1 ? strings[0] : undefined;
  let tagLength = 0;
  for (; tag?.length <= 64 && tagLength < tag.length; tagLength++) {
    const c = tag.charCodeAt(tagLength);
    if (c > 127) {
      tagLength = 0;
      break;
    }
    area[size + tagLength] = c;
  }
  const value = answered(t, wasm.decode(vendor, size / count, tagLength) + 4);
  for (let i = 0; i < size; i++) strings[i] = "";
  return value;
}

/** The value or detail for the answer at `answer` (see `decode`). */
function answered(t, answer) {
  const mem = view();
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
  // The length before it: four bytes, little-endian (npm/src/exports.rs writes a u32).
  const end = answer + new DataView(mem.buffer).getUint32(answer - 4, true);
  return String.fromCharCode.apply(null, mem.subarray(answer + 1, end));
}
