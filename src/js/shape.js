// A data object's shape, for the decoder (npm/src/shape.rs reads it): for each key of the vendor's
// table, in order, one byte saying what the object holds there, and the strings kept aside by
// position. Only own enumerable data properties are read (what JSON.parse and structured cloning
// make): a getter is never called (an accessor reads as absent), and a Proxy trap that throws makes
// that member "anything else". Objects under the
// table's container keys (Signere's `payload`, `error`) are looked into, two levels deep at most
// and sixteen blocks in all, which is as deep as any path of a table goes.

import { isRecord, member as read } from "./read.js";

export { isRecord };

/** The most blocks a shape has (each of at most 16 keys). */
export const MAX_BLOCKS = 16;

/**
 * Write the shape of record `data` for table `t` (`keys`; `index`, a Map from key to its position;
 * `nested[k]`: whether key k is a container) into `kinds`; the strings go to `strings` at their
 * positions. Returns the number of blocks.
 */
export function shape(data, t, kinds, strings) {
  const count = t.keys.length;
  let blocks = 1;
  /** What `object` holds under key number `k`, at position `at`. */
  const member = (object, k, at, depth) => {
    const value = read(object, t.keys[k]);
    if (value == null) return 0;
    if (typeof value === "string") {
      strings[at] = value;
      return 1;
    }
    if (!isRecord(value)) return 3;
    if (depth < 2 && t.nested[k] && blocks < MAX_BLOCKS) {
      const block = blocks++;
      walk(value, block, depth + 1);
      return 4 + block;
    }
    return 2;
  };
  const walk = (object, block, depth) => {
    const start = block * count;
    kinds.fill(0, start, start + count);
    let own;
    try {
      own = Object.keys(object);
    } catch {
      // A Proxy whose traps throw: ask for each key of the table.
      for (let k = 0; k < count; k++) kinds[start + k] = member(object, k, start + k, depth);
      return;
    }
    // The object's own keys, usually few, rather than every key of the table; and the tag (key 0)
    // by its descriptor whatever the object lists, as the decoder reads it first.
    for (let i = 0; i < own.length; i++) {
      const k = t.index.get(own[i]);
      if (k !== undefined) kinds[start + k] = member(object, k, start + k, depth);
    }
    if (block === 0 && kinds[start] === 0) kinds[start] = member(object, 0, start, depth);
  };
  walk(data, 0, 0);
  return blocks;
}
