// The JavaScript half of the wasm boundary (npm/src/exports.rs): the module compiled and
// instantiated on first use, synchronously, from the bytes the build inlines; strings written into
// its memory as UTF-8 and the answer read back. UTF-8 is encoded and decoded here by hand, so it
// works where TextEncoder and TextDecoder are missing (Jest's jsdom environment) and costs no
// object per call.
import { bytes } from "./bytes.js";
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
 * Write `strings` one after the other as UTF-8 at room the module reserves, call `name` with
 * `vendor`, their byte lengths and `flag`, and read its answer. Lone surrogates become U+FFFD, as
 * TextEncoder writes them.
 */
function call(name, vendor, strings, flag) {
  load();
  let room = 0;
  for (const s of strings) room += s.length * 3;
  let at = wasm.room(room);
  const mem = view();
  const lens = [];
  for (const s of strings) {
    const start = at;
    for (let i = 0; i < s.length; i++) {
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
    lens.push(at - start);
  }
  const answer = name === "decode" ? wasm.decode(vendor, lens[0])
    : name === "origins" ? wasm.origins(vendor, lens[0], lens[1], lens[2], flag)
    : wasm.origin(lens[0]);
  return read(answer);
}

/** The answer at `at`: a little-endian u32 length, then that many bytes of UTF-8. */
function read(at) {
  const mem = view();
  const end = at + 4 + (mem[at] | (mem[at + 1] << 8) | (mem[at + 2] << 16) | (mem[at + 3] << 24));
  let out = "";
  const codes = [];
  for (at += 4; at < end; ) {
    let c = mem[at++];
    if (c >= 0xf0) c = ((c & 7) << 18) | ((mem[at++] & 63) << 12) | ((mem[at++] & 63) << 6) | (mem[at++] & 63);
    else if (c >= 0xe0) c = ((c & 15) << 12) | ((mem[at++] & 63) << 6) | (mem[at++] & 63);
    else if (c >= 0x80) c = ((c & 31) << 6) | (mem[at++] & 63);
    if (c >= 0x10000) {
      c -= 0x10000;
      codes.push(0xd800 + (c >> 10), 0xdc00 + (c & 1023));
    } else codes.push(c);
    if (codes.length > 4096) out += String.fromCharCode(...codes.splice(0));
  }
  return out + String.fromCharCode(...codes);
}

/** Decode a message's data, given as JSON text: `A`+index and the event JSON, `?`+name, or `!`+why. */
export const decode = (vendor, json) => call("decode", vendor, [json]);

/** The allowed origins, space-separated, or `!` and the error message. */
export const origins = (vendor, entries, environment, frameSrc, hasSource) =>
  call("origins", vendor, [entries, environment, frameSrc], hasSource ? 1 : 0);

/** `parentOrigin` normalised, or `!` and why it is not an http(s) origin. */
export const origin = (entry) => call("origin", 0, [entry]);
