// A data object's shape, for the decoder (npm/src/shape.rs reads it): for each key of the vendor's
// table, in order, one byte saying what the object holds there, and the strings kept aside by
// position. Only own enumerable data properties are read (what JSON.parse and structured cloning
// make): a getter is never called (an accessor reads as absent), and a Proxy trap that throws makes
// that member "anything else". Data the browser cloned (a trusted event's) or that JSON.parse made
// has nothing else, so its members are read directly, which is three times faster. Objects under the
// table's container keys (Signere's `payload`, `error`) are looked into, two levels deep at most
// and sixteen blocks in all, which is as deep as any path of a table goes.

import { isRecord, member as read } from "./read.js";

export { isRecord };

/** The most blocks a shape has (each of at most 16 keys). */
export const MAX_BLOCKS = 16;

// The walk's state, for the one shape being written (module-level, so no closure is made per
// message): the table, where the kinds and strings go, and the blocks used so far.
let table;
let out;
let texts;
let blocks;
let plain;

/**
 * Write the shape of record `data` for table `t` (`keys`; `index`, a Map from key to its position;
 * `nested[k]`: whether key k is a container) into `kinds`; the strings go to `strings` at their
 * positions. `isPlain`: `data` is a structured clone or JSON.parse's, with only own data
 * properties and no Proxy anywhere in it. Returns the number of blocks.
 */
export function shape(data, t, kinds, strings, isPlain) {
  table = t;
  out = kinds;
  texts = strings;
  blocks = 1;
  plain = isPlain;
  walk(data, 0, 0);
  return blocks;
}

/** What `object` holds under key number `k`, at position `at`. */
function member(object, k, at, depth) {
  const value = plain ? object[table.keys[k]] : read(object, table.keys[k]);
  if (value == null) return 0;
  if (typeof value === "string") {
    texts[at] = value;
    return 1;
  }
  if (!isRecord(value)) return 3;
  if (depth < 2 && table.nested[k] && blocks < MAX_BLOCKS) {
    const block = blocks++;
    walk(value, block, depth + 1);
    return 4 + block;
  }
  return 2;
}

/** Write block number `block`: the members of `object`, `depth` levels down. */
function walk(object, block, depth) {
  const count = table.keys.length;
  const start = block * count;
  out.fill(0, start, start + count);
  let own;
  try {
    own = Object.keys(object);
  } catch {
    // A Proxy whose traps throw: ask for each key of the table.
    for (let k = 0; k < count; k++) out[start + k] = member(object, k, start + k, depth);
    return;
  }
  // The object's own keys, usually few, rather than every key of the table; and the tag (key 0)
  // by its descriptor whatever the object lists, as the decoder reads it first.
  for (let i = 0; i < own.length; i++) {
    const k = table.index.get(own[i]);
    if (k !== undefined) out[start + k] = member(object, k, start + k, depth);
  }
  if (block === 0 && out[start] === 0 && !plain) out[start] = member(object, 0, start, depth);
}
