// Short names for the imports wasm-bindgen's glue hands the wasm: `__wbg_origin_fba7d3755dd37895`
// becomes `a`. wasm-bindgen names each import after its function plus a 16-digit hash, and those
// names sit in both the .wasm's import section and the JS glue, where gzip cannot compress the
// hashes. Only the glue's own module (`./<name>_bg.js`) is renamed: imports from a snippet module
// are that module's real export names. Used by scripts/build.mjs.

/** Reads an unsigned LEB128 at `at`: `[value, next offset]`. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
    shift += 7;
  }
}

function encodeLeb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

const text = new TextDecoder();
const utf8 = new TextEncoder();

function readName(bytes, at) {
  const [length, start] = leb(bytes, at);
  return [text.decode(bytes.subarray(start, start + length)), start + length];
}

function encodeName(name) {
  const encoded = utf8.encode(name);
  return [...encodeLeb(encoded.length), ...encoded];
}

/** The end of an import descriptor starting at `at` (its kind byte). */
function skipDescriptor(bytes, at) {
  const kind = bytes[at++];
  const limits = (p) => {
    const flags = bytes[p++];
    p = leb(bytes, p)[1];
    return flags & 1 ? leb(bytes, p)[1] : p;
  };
  switch (kind) {
    case 0: // function: type index
      return leb(bytes, at)[1];
    case 1: // table: reference type, limits
      return limits(at + 1);
    case 2: // memory: limits
      return limits(at);
    case 3: // global: value type, mutability
      return at + 2;
    case 4: // tag: attribute, type index
      return leb(bytes, at + 1)[1];
    default:
      throw new Error(`short-imports: unknown import kind ${kind}`);
  }
}

/** `a`, `b`, … `Z`, `aa`, `ab`, …: the `n`th short name. */
function shortName(n) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let name = "";
  do {
    name = letters[n % letters.length] + name;
    n = Math.floor(n / letters.length) - 1;
  } while (n >= 0);
  return name;
}

/**
 * Rename the imports of module `module` in `wasm` (bytes) and in `js` (the glue's source) to
 * short names. Returns `{ wasm, js, renamed }`.
 */
export function shortenImports(wasm, js, module) {
  if (text.decode(wasm.subarray(0, 4)) !== "\0asm") throw new Error("short-imports: not a wasm module");
  const out = [...wasm.subarray(0, 8)];
  const renamed = new Map();
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = leb(wasm, at + 1);
    const end = start + size;
    if (id !== 2) {
      out.push(...wasm.subarray(at, end));
      at = end;
      continue;
    }
    const [count, first] = leb(wasm, start);
    const body = [...encodeLeb(count)];
    let p = first;
    for (let i = 0; i < count; i++) {
      const [from, afterModule] = readName(wasm, p);
      const [name, afterName] = readName(wasm, afterModule);
      const descriptorEnd = skipDescriptor(wasm, afterName);
      let newName = name;
      if (from === module) {
        if (!renamed.has(name)) renamed.set(name, shortName(renamed.size));
        newName = renamed.get(name);
      }
      body.push(...encodeName(from), ...encodeName(newName), ...wasm.subarray(afterName, descriptorEnd));
      p = descriptorEnd;
    }
    if (p !== end) throw new Error("short-imports: the import section did not parse to its end");
    out.push(id, ...encodeLeb(body.length), ...body);
    at = end;
  }
  for (const [name, short] of renamed) {
    // Each name is a key of the glue's imports object, `name: function(…)`, and appears nowhere
    // else; anything else means the glue changed shape and this step must be revisited.
    const uses = js.split(name).length - 1;
    if (uses !== 1) throw new Error(`short-imports: ${name} appears ${uses} times in the glue, not once`);
    js = js.replace(`${name}:`, `${short}:`);
  }
  return { wasm: Uint8Array.from(out), js, renamed };
}
