// The watchers' types of each vendor (its event interfaces, their union and terminal union, its
// callbacks, options and watch function), its React hook's and its example messages', written from the same tables the
// entry decodes with and from the `///` text of the same declarations (npm/src/bin/tables.rs
// prints both from the `vendor!` declarations: `vendors` and `docs`). They are the package's only
// vendor types: the build writes them into dist/index.d.ts, react.d.ts and testing.d.ts in place of
// the lines of src/js/*.d.ts that name `./vendor-types.js`, `./react-vendor-types.js` and
// `./example-types.js`.
// The doc text is the declaration's, with what follows from the table added here: the tag line
// (`status: "complete"`), "Terminal.", aliases, secrets, the default-origin and URL-parameter rules.
// scripts/webhook-types.mjs renders the webhook declarations' text with the same functions (`doc`,
// `docText`, `eventDoc`).

export const pascal = (name) => name.split(/[._-]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");

/** `text` as lines of at most `width` characters (words never split). */
function wrap(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A `/** … *\/` comment of `paragraphs` (each a string, or a list of lines kept as they are), each
 * wrapped to the line width; one line when it fits.
 */
export function doc(paragraphs, indent = "") {
  const width = 104 - indent.length;
  const parts = paragraphs.filter((p) => p.length);
  const lines = parts.flatMap((p, i) => [...(i ? [""] : []), ...(Array.isArray(p) ? p : wrap(p, width))]);
  if (lines.length === 1 && lines[0].length + 7 <= width) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)).join("\n")}\n${indent} */\n`;
}

/**
 * A declaration's `///` text (each line as written after `///`, ended by a newline) as TypeScript
 * doc text: its paragraphs, each one line, with Rust intra-doc links (``[`decode`](crate::decode)``)
 * as plain code.
 */
export function docText(text = "") {
  return text
    .split("\n")
    .map((line) => line.replace(/^ /, ""))
    .join("\n")
    .replace(/\[(`[^`]*`)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]`]+)\]\((?:crate|super|self)::[^)]*\)/g, "$1")
    .replace(/\[(`[^`]*`)\](?!\()/g, "$1")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter(Boolean);
}

/** Whether every event of `t` is terminal (its outcome type is then its event type, as Ignition's). */
const allTerminal = (t) => t.events.every((e) => e.terminal);

/** The event's interface name: the vendor's name and the event's (`IgnitionComplete`). */
const eventType = (t, e) => `${t.name}${pascal(e.name)}`;

/** The type of a vendor's outcome: its terminal events (all its events when each is terminal). */
const outcomeType = (t) => `${t.name}${allTerminal(t) ? "" : "Terminal"}Event`;

/** `A | B | …`, one member a line when that is too long for one. */
const union = (types) => (types.join(" | ").length > 80 ? types.map((ty) => `\n  | ${ty}`).join("") : types.join(" | "));

const code = (name) => `\`${name}\``;
const list = (items) => (items.length < 3 ? items.join(" and ") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);
const either = (items) => (items.length < 3 ? items.join(" or ") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`);

/**
 * An event's documentation: its declaration's text, with the tag line in place of its leading
 * `` `name` `` (`` `status: "complete"`: the user connected an account. Terminal. ``), the aliases
 * it is also delivered for, and the rest of the declaration's paragraphs.
 */
export function eventDoc(t, e) {
  const tagLine = `\`${t.tag}: ${JSON.stringify(e.name)}\``;
  const [first = "", ...rest] = docText(e.doc);
  const lead = first.startsWith(code(e.name)) ? tagLine + first.slice(code(e.name).length) : `${tagLine}: ${first}`;
  const aliases = e.aliases ?? [];
  const sentences = [lead, ...(e.terminal ? ["Terminal."] : [])];
  if (aliases.length) {
    sentences.push(
      `A message whose \`${t.tag}\` is ${either(aliases.map(code))} is delivered as this event, with ${tagLine}.`,
    );
  }
  return [sentences.join(" "), ...rest];
}

/**
 * A field's documentation: its declaration's paragraphs (`fallback` when it has none), with the
 * generator's `notes` ending the paragraph at `at` (0, the first; -1, the last).
 */
export function fieldDoc(text, fallback, notes, at) {
  const paragraphs = docText(text);
  if (!paragraphs.length) paragraphs.push(fallback);
  const i = at < 0 ? paragraphs.length + at : at;
  paragraphs[i] = [paragraphs[i], ...notes].filter(Boolean).join(" ");
  return paragraphs;
}

/** A message field's documentation: its declaration's text, and what its kind says. */
const messageFieldDoc = (f) =>
  fieldDoc(f.doc, `The event's \`${f.key}\`.`, f.secret ? ["A secret: do not log it (`debug` redacts it)."] : [], 0);

/** How the options name the allowed origins, for the watch function's and hook's documentation. */
function originRule(t) {
  if (t.defaultOrigin) return [];
  return [
    `${t.name} has no default origin: name the allowed origin(s) with \`origins\`, or give the ${t.name} iframe as ` +
      "`source` (whose `src` origin is then allowed); without either, it throws a `TypeError` that says so.",
  ];
}

/** The URL-parameter rule (`Ignition posts messages only when its URL carries an origin parameter`). */
function urlRule(t) {
  if (!t.urlParameter) return [];
  const [parameter, fn] = t.urlParameter;
  return [`${t.name} posts messages only when its URL carries an \`${parameter}\` parameter: build the iframe's URL with {@link ${fn}}.`];
}

/**
 * The `.d.ts` text for `vendors` (tables as `VendorTable::to_json` writes them, each event with its
 * `doc` and `example` and each field with its `doc` from `VendorDocs::to_json`, and with
 * `environmentOrigins`, each environment's origin), written into index.d.ts beside the shared types
 * it names (`Callbacks`, `WatchOptions`, `Watcher`).
 */
export function vendorTypes(vendors) {
  let out = "";
  for (const t of vendors) {
    const terminal = t.events.filter((e) => e.terminal);
    out += `\n// ───────────────────────────── ${t.name} ─────────────────────────────\n\n`;
    for (const e of t.events) {
      out += doc(eventDoc(t, e));
      out += `export interface ${eventType(t, e)} {\n  ${t.tag}: ${JSON.stringify(e.name)};\n`;
      for (const f of e.fields) out += `${doc(messageFieldDoc(f), "  ")}  ${f.key}${f.required ? "" : "?"}: string;\n`;
      out += `}\n\n`;
    }
    const terminalWords = allTerminal(t)
      ? `Every ${t.name} event is terminal.`
      : `Terminal: ${terminal.length ? list(terminal.map((e) => code(e.name))) : "none"}.`;
    const nested = t.containers?.length ? ` Fields the message carries in nested objects are lifted next to \`${t.tag}\`.` : "";
    out += doc([
      `Any ${t.name} event, discriminated by \`${t.tag}\`.${nested} ${terminalWords} Each is a fresh plain object carrying ` +
        "only the documented fields; an optional field that was absent or `null` in the message is left out (reads as " +
        "`undefined`, never `null`).",
    ]);
    out += `export type ${t.name}Event = ${union(t.events.map((e) => eventType(t, e)))};\n\n`;
    if (!allTerminal(t)) {
      out += doc([`The ${t.name} events after which the flow is over: what a ${t.name} watcher's \`outcome\` resolves to.`]);
      out += `export type ${t.name}TerminalEvent = ${terminal.length ? union(terminal.map((e) => eventType(t, e))) : "never"};\n\n`;
    }
    out += doc([`${t.name}'s callbacks, each with the event it receives (\`${t.name}Options\` takes each, optional).`]);
    out += `export interface ${t.name}Callbacks {\n`;
    for (const e of t.events) out += `${doc([eventDoc(t, e)[0]], "  ")}  ${e.callback}: ${eventType(t, e)};\n`;
    out += `}\n\n`;
    const optionsDoc = [`Options of {@link ${t.watchFn}}: the {@link WatchOptions} and ${t.name}'s callbacks.`];
    if (!t.defaultOrigin) {
      optionsDoc.push(
        `${t.name} has no default origin, so at least one of \`origins\` or an iframe \`source\` whose \`src\` is an ` +
          `http(s) URL is required; without either, \`${t.watchFn}\` throws a \`TypeError\` that says so. (Both are ` +
          `optional in this type: a "one of" type would make every options object harder to write.)`,
      );
    }
    out += doc(optionsDoc);
    out += `export interface ${t.name}Options extends WatchOptions, Callbacks<${t.name}Callbacks> {\n`;
    if (t.environments.length) {
      const envs = t.environments.map(
        (name, i) => `\`${JSON.stringify(name)}\` (\`${t.environmentOrigins?.[i] ?? ""}\`${i === 0 ? ", the default" : ""})`,
      );
      out += doc([`Which ${t.name} deployment to accept messages from when \`origins\` is absent: ${either(envs)}.`], "  ");
      out += `  environment?: ${t.environments.map((e) => JSON.stringify(e)).join(" | ")} | undefined;\n\n`;
    }
    out += doc(
      [`Every known ${t.name} event, after its specific callback (unless that callback stopped the watcher). Narrow it with \`switch (event.${t.tag})\`.`],
      "  ",
    );
    out += `  onEvent?: ((event: ${t.name}Event) => void) | undefined;\n}\n\n`;
    out += doc([
      `Watch ${t.name}'s messages: attaches one \`message\` listener to \`window\` and returns its {@link Watcher}, whose ` +
        `\`outcome\` is the first ${allTerminal(t) ? "event" : "terminal event"} it delivers.`,
      ...urlRule(t),
      ...originRule(t),
      [
        ...(t.defaultOrigin
          ? ["@throws {TypeError} for an invalid option (the message names the key)."]
          : [
              "@throws {TypeError} for an invalid option (the message names the key), and when neither `origins` nor an",
              "  iframe `source` with an http(s) `src` is given.",
            ]),
        "@throws {Error} outside a browser page (there is no `window`).",
      ],
    ]);
    out += `export function ${t.watchFn}(options${t.defaultOrigin ? "?" : ""}: ${t.name}Options): Watcher<${outcomeType(t)}>;\n`;
  }
  out += `\n${doc(["Any vendor's outcome (its terminal events): what a {@link Watcher} of no named vendor resolves to."])}`;
  out += `export type VendorOutcome = ${vendors.map(outcomeType).join(" | ")};\n`;
  return out;
}

/**
 * The `.d.ts` text of `vendors`' React hooks (`useIgnition`, its `UseIgnitionOptions`), written into
 * react.d.ts beside the hook types it names (`HookSource`, `WatcherState`), importing the vendor types
 * from `index` (a module specifier).
 */
export function reactTypes(vendors, index = "./index.js") {
  let out = "";
  out += `import type { ${vendors.map((t) => `${t.name}Options, ${outcomeType(t)}`).join(", ")} } from ${JSON.stringify(index)};\n`;
  for (const t of vendors) {
    out += `\n${doc([`Options of {@link use${t.name}}: those of \`${t.watchFn}\`, with \`source\` that may also be a ref.`])}`;
    out += `export interface Use${t.name}Options extends Omit<${t.name}Options, "source"> {\n  source?: HookSource;\n}\n\n`;
    out += doc([
      `Watch ${t.name}'s messages while the component is mounted. Returns \`{ active, outcome, reset }\`.`,
      ...originRule(t),
      [`@throws {TypeError} (from the effect, to the nearest error boundary) for an invalid option, as \`${t.watchFn}\` does.`],
    ]);
    out += `export function use${t.name}(options${t.defaultOrigin ? "?" : ""}: Use${t.name}Options): WatcherState<${outcomeType(t)}>;\n`;
  }
  return out;
}

/** A vendor's key in `exampleMessages` (`ignition`): its name, lower camel case. */
export const exampleKey = (t) => t.name.charAt(0).toLowerCase() + t.name.slice(1);

/**
 * The `.d.ts` text of `embed-events/testing`'s message types (`IgnitionMessage<Status>`, …) and
 * `ExampleMessages`, written into testing.d.ts, importing the vendors' event types from `index` (a
 * module specifier). A message type has the tag, each object its fields are read from (Signere's
 * `payload`) and, when some field is read at the top level, any other member.
 */
export function exampleTypes(vendors, index = "./index.js") {
  let out = `import type { ${vendors.map((t) => `${t.name}Event`).join(", ")} } from ${JSON.stringify(index)};\n`;
  for (const t of vendors) {
    const paths = t.events.flatMap((e) => e.fields.flatMap((f) => f.from ?? [f.key]));
    const topLevel = paths.some((p) => !p.includes("."));
    const objects = [...new Set(paths.filter((p) => p.includes(".")).map((p) => p.split(".")[0]))];
    const where = [...(topLevel ? ["at the top level"] : []), ...(objects.length ? [`in ${either(objects.map(code))}`] : [])];
    const param = pascal(t.tag);
    out += `\n${doc([`A message as ${t.name} posts it: \`${t.tag}\` and the event's fields${where.length ? `, ${where.join(" and ")}` : ""}.`])}`;
    out += `export interface ${t.name}Message<${param} extends string = string> {\n  readonly ${t.tag}: ${param};\n`;
    for (const o of objects) out += `  readonly ${o}?: { readonly [field: string]: unknown };\n`;
    if (topLevel) out += `  readonly [field: string]: unknown;\n`;
    out += `}\n`;
  }
  out += `\n${doc([
    "One realistic message per event, as the vendor posts it, each of which the matching watcher delivers to its callback " +
      "(each event's `example` in the vendor's declaration). Deeply frozen; `JSON.stringify` one to send the string form.",
  ])}`;
  out += `export interface ExampleMessages {\n`;
  for (const t of vendors) {
    const aliases = t.events.flatMap((e) => (e.aliases ?? []).map((a) => `\`${a}\` is delivered as \`${e.name}\``));
    const param = pascal(t.tag);
    out += doc([`${t.name}'s messages by \`${t.tag}\`, one per event: ${list(t.events.map((e) => code(e.name)))}${aliases.length ? ` (${aliases.join("; ")})` : ""}.`], "  ");
    out += `  readonly ${exampleKey(t)}: { readonly [${param} in ${t.name}Event["${t.tag}"]]: ${t.name}Message<${param}> };\n`;
  }
  return `${out}}\n`;
}
