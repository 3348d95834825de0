// The README's fenced code blocks, as `npm test` runs them (tests/readme/readme.test.mjs).
//
// A block's fence info is its language, then optionally what the test does with it:
//
//   ```js test: post=ignition:complete request=/api/ignition/complete body=cod_…
//   ```sh not-run: why this block is not run
//
// `test:` is followed by space-separated `key=value` directives (a value with spaces is quoted):
//   post=FRAME:MESSAGE   the fake vendor frame FRAME (ignition, sandbox, signere) posts the message
//                        MESSAGE (an id of www/frames/messages.js) once it has loaded
//   request=PATH body=T  the snippet must send a request to the page's server at PATH (whose body holds T)
//   console=T            the page (or a frame) must log a message containing T
//   text=T               the page must show T
//   url=PATH             the page's own path and query (default /)
//   runner=vitest        a Vitest test file, run with jsdom and with happy-dom
//   excerpt=FILE         every line of the block is a line of FILE, in order (`// …` stands for lines
//                        left out): an excerpt of an example or fixture that npm test builds and runs
// and the bare words `page` (an html block: the body of every browser snippet's page), `standalone`
// (an html block that is a whole page) and `csp` (an http block: the header every snippet's page is
// served with).
import { readFileSync } from "node:fs";

/** @typedef {{ index: number, line: number, lang: string, flags: string[], info: string, notRun?: string, test?: { words: string[], values: Record<string, string[]> }, code: string }} Block */

/** Parse `key=value` / `key="value with spaces"` / bare words. */
export function parseDirectives(text) {
  const words = [];
  const values = {};
  for (const match of text.matchAll(/([a-z-]+)=(?:"([^"]*)"|(\S+))|(\S+)/g)) {
    if (match[4] !== undefined) words.push(match[4]);
    else (values[match[1]] ??= []).push(match[2] ?? match[3]);
  }
  return { words, values };
}

/** Every fenced block of the markdown file at `path`, in order. */
export function readBlocks(path) {
  const lines = readFileSync(path, "utf8").split("\n");
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(```+)(.*)$/.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    const info = open[2].trim();
    const start = i;
    const body = [];
    for (i++; i < lines.length && !lines[i].startsWith(fence); i++) body.push(lines[i]);
    if (i >= lines.length) throw new Error(`${path}:${start + 1}: a code block is never closed`);
    const [head = "", ...rest] = info.split(/\s+/);
    const tail = rest.join(" ");
    const [lang, ...flags] = head.split(",");
    /** @type {Block} */
    const block = { index: blocks.length, line: start + 1, lang, flags, info, code: body.join("\n") + "\n" };
    if (/^not-run:/.test(tail)) block.notRun = tail.slice("not-run:".length).trim();
    else if (/^test:/.test(tail)) block.test = parseDirectives(tail.slice("test:".length));
    else if (tail) throw new Error(`${path}:${start + 1}: fence info "${info}": after the language, only "test: …" or "not-run: why"`);
    blocks.push(block);
  }
  return blocks;
}

/** The first value of directive `key`, or undefined. */
export const value = (block, key) => block.test?.values[key]?.[0];

/** How `block` is run: browser, tsc+browser, vitest, rustdoc, excerpt, page, standalone, csp, or not-run. */
export function kind(block) {
  if (block.notRun) return "not-run";
  const words = block.test?.words ?? [];
  if (value(block, "excerpt")) return "excerpt";
  if (block.lang === "rust") return block.flags.includes("ignore") ? "unrun" : "rustdoc";
  if (block.lang === "html") return words.includes("page") ? "page" : words.includes("standalone") ? "standalone" : "unrun";
  if (block.lang === "http") return words.includes("csp") ? "csp" : "unrun";
  if (["js", "ts", "jsx", "tsx"].includes(block.lang)) {
    if (value(block, "runner") === "vitest") return "vitest";
    return block.lang.startsWith("ts") ? "typescript" : "browser";
  }
  return "unrun";
}
