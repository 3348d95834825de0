// The wasm module's bytes, from the text the build inlines them as (scripts/build.mjs `inline`).
// Each byte is written as one printable character when it is one of the 91 most frequent bytes of
// the module, else as an escape (space or `!`) and a character. Unlike base64, every byte stays a
// whole character, so gzip compresses the text about as well as the binary itself (base64 cost 30%
// more). `order` (base64) lists the byte values, most frequent first.

/** Decode `text` (`length` bytes) with the byte ranking `order`. */
export function bytes(text, order, length) {
  const rank = Uint8Array.from(atob(order), (c) => c.charCodeAt(0));
  const out = new Uint8Array(length);
  for (let i = 0, j = 0; j < length; j++) {
    let c = text.charCodeAt(i++);
    let r = 0;
    if (c < 35) {
      r = 91 * (c - 31);
      c = text.charCodeAt(i++);
    }
    out[j] = rank[r + c - 35 - (c > 92)];
  }
  return out;
}
