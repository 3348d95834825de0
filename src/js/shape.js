// A data object's shape, for the decoder (npm/src/shape.rs reads it): for each key of the vendor's
// table, in order, one byte saying what the object holds there, and the strings kept aside by
// position. Only own enumerable data properties are read (what JSON.parse and structured cloning
// make): a getter is never called (an accessor reads as absent), and a Proxy trap that throws makes
// that member "anything else". Data the browser cloned (a trusted event's) or that JSON.parse made
// has nothing else, and no Proxy, so its members are read directly; other data is first copied
// (`plainCopy`), so that no user code runs while a shape is written. Objects under the table's
// container keys (Signere's `payload`, `error`) are looked into, two levels deep at most and sixteen
// blocks in all, which is as deep as any path of a table goes.

import { isRecord, member as read } from "./read.js";

export { isRecord };

/** The most blocks a shape has (each of at most 16 keys). */
export const MAX_BLOCKS = 16;

/** How many blocks the shape being written has so far. */
let blocks;

/**
 * Record `data` as plain data for table `t`: each key of the table read by its descriptor (see
 * read.js), the objects under container keys copied the same way, `depth` levels down. A Proxy's
 * traps run here, and may dispatch a message that is decoded meanwhile (even by the same decoder,
 * for another watcher): the shared state of the walk below is not in use yet.
 */
export function plainCopy(data, t, depth = 0) {
  const copy = {};
  t.keys.forEach((key, k) => {
    const value = read(data, key);
    copy[key] = depth < 2 && t.nested[k] && isRecord(value) ? plainCopy(value, t, depth + 1) : value;
  });
  return copy;
}

/**
 * Write the shape of plain record `data` (a structured clone, JSON.parse's or `plainCopy`'s, with
 * only own data properties and no Proxy anywhere in it) for table `t` (`index`, a Map from key to
 * its position; `nested[k]`: whether key k is a container) into `kinds`; the strings go to
 * `strings` at their positions. Returns the number of blocks.
 */
export function shape(data, t, kinds, strings) {
  blocks = 1;
  walk(data, 0, 0, t, kinds, strings);
  return blocks;
}

/** Write block number `block`: the members of `object`, `depth` levels down. */
function walk(object, block, depth, t, kinds, strings) {
  const count = t.keys.length;
  const start = block * count;
  for (let at = start; at < start + count; at++) kinds[at] = 0;
  // Its own keys, usually fewer than the table's.
  const own = Object.keys(object);
  const index = t.index;
  for (let i = 0; i < own.length; i++) {
    const k = index.get(own[i]);
    if (k !== undefined) kinds[start + k] = member(object[own[i]], k, start + k, depth, t, kinds, strings);
  }
}

/** The kind of `value`, the member under key number `k`, at position `at`. */
function member(value, k, at, depth, t, kinds, strings) {
  if (value == null) return 0;
  if (typeof value === "string") {
    strings[at] = value;
    return 1;
  }
  if (!isRecord(value)) return 3;
  if (depth < 2 && t.nested[k] && blocks < MAX_BLOCKS) {
    const block = blocks++;
    walk(value, block, depth + 1, t, kinds, strings);
    return 4 + block;
  }
  return 2;
}
