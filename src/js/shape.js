// A data object's shape, for the decoder (npm/src/shape.rs reads it): for each key of the vendor's
// table, in order, one byte saying what the object holds there, and the strings kept aside by
// position. Only own enumerable data properties are read (what JSON.parse and structured cloning
// make): a getter is never called (an accessor reads as absent), and a Proxy trap that throws makes
// that member "anything else". Data the browser cloned (a trusted event's) or that JSON.parse made
// has nothing else, and no Proxy, so its members are read directly. Objects under the table's
// container keys (Signere's `payload`, `error`) are looked into, two levels deep at most and sixteen
// blocks in all, which is as deep as any path of a table goes.

import { isRecord, member as read } from "./read.js";

export { isRecord };

/** The most blocks a shape has (each of at most 16 keys). */
export const MAX_BLOCKS = 16;

/** How many blocks the shape being written has so far. */
let blocks;

/**
 * Write the shape of record `data` for table `t` (`keys`; `index`, a Map from key to its position;
 * `nested[k]`: whether key k is a container) into `kinds`; the strings go to `strings` at their
 * positions. `plain`: `data` is a structured clone or JSON.parse's, with only own data properties
 * and no Proxy anywhere in it. Returns the number of blocks.
 */
export function shape(data, t, kinds, strings, plain) {
  blocks = 1;
  walk(data, 0, 0, t, kinds, strings, plain);
  return blocks;
}

/** Write block number `block`: the members of `object`, `depth` levels down. */
function walk(object, block, depth, t, kinds, strings, plain) {
  const keys = t.keys;
  const count = keys.length;
  const start = block * count;
  for (let at = start; at < start + count; at++) kinds[at] = 0;
  if (plain) {
    // Its own keys, usually fewer than the table's, read directly.
    const own = Object.keys(object);
    const index = t.index;
    for (let i = 0; i < own.length; i++) {
      const k = index.get(own[i]);
      if (k !== undefined) kinds[start + k] = member(object[own[i]], k, start + k, depth, t, kinds, strings, plain);
    }
  } else {
    // Each key of the table by its descriptor (fewer calls than listing the object's keys first).
    for (let k = 0; k < count; k++) kinds[start + k] = member(read(object, keys[k]), k, start + k, depth, t, kinds, strings, plain);
  }
}

/** The kind of `value`, the member under key number `k`, at position `at`. */
function member(value, k, at, depth, t, kinds, strings, plain) {
  if (value == null) return 0;
  if (typeof value === "string") {
    strings[at] = value;
    return 1;
  }
  if (!isRecord(value)) return 3;
  if (depth < 2 && t.nested[k] && blocks < MAX_BLOCKS) {
    const block = blocks++;
    walk(value, block, depth + 1, t, kinds, strings, plain);
    return 4 + block;
  }
  return 2;
}
