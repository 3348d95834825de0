// The key without which `new Watcher()` throws: only the vendors' watchers (vendors.js, written by
// the build) make watchers.
export const token = Symbol();
