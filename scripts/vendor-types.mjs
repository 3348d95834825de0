// The watchers' types of each vendor (its event interfaces, their union and terminal union, its
// callbacks, options and watch function), written from the same tables the entry decodes with
// (npm/src/bin/tables.rs prints them from the `vendor!` declarations). The package ships them for
// every vendor whose types src/js/index.d.ts does not write by hand (`export * from
// "./vendor-types.js"`, which the hand-written names shadow); for the hand-written ones,
// `checks` gives the TypeScript that `tsc -p tests/types` compiles to hold both to the same types.

const pascal = (name) => name.split(/[._-]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
const doc = (lines, indent = "") =>
  lines.length === 1 ? `${indent}/** ${lines[0]} */\n` : `${indent}/**\n${lines.map((l) => `${indent} * ${l}`).join("\n")}\n${indent} */\n`;

/** Whether every event of `t` is terminal (its outcome type is then its event type, as Ignition's). */
const allTerminal = (t) => t.events.every((e) => e.terminal);

/** The event's interface name: the vendor's name and the event's (`IgnitionComplete`). */
const eventType = (t, e) => `${t.name}${pascal(e.name)}`;

/**
 * The `.d.ts` text for `vendors` (tables as `VendorTable::to_json` writes them), importing the
 * shared types from `from` (`"./index.js"`).
 */
export function vendorTypes(vendors, from = "./index.js") {
  let out = `// The vendors' watcher types (npm run build, from the vendors' declarations; scripts/vendor-types.mjs).\n`;
  out += `import type { Callbacks, WatchOptions, Watcher } from ${JSON.stringify(from)};\n`;
  for (const t of vendors) {
    const terminal = t.events.filter((e) => e.terminal).map((e) => eventType(t, e));
    out += `\n// ───────────────────────────── ${t.name} ─────────────────────────────\n\n`;
    for (const e of t.events) {
      const names = [e.name, ...(e.aliases ?? [])].map((n) => `\`${n}\``).join(", ");
      out += doc([`\`${t.tag}: ${JSON.stringify(e.name)}\`: ${t.name}'s ${names} message${e.terminal ? ". Terminal." : "."}`]);
      out += `export interface ${eventType(t, e)} {\n  ${t.tag}: ${JSON.stringify(e.name)};\n`;
      for (const f of e.fields) {
        const lines = [`The event's \`${f.key}\`${f.required ? ", always present" : ", when the message has it"}.`];
        if (f.secret) lines.push("A secret: do not log it (`debug` redacts it).");
        out += `${doc(lines, "  ")}  ${f.key}${f.required ? "" : "?"}: string;\n`;
      }
      out += `}\n\n`;
    }
    out += doc([`Any ${t.name} event, discriminated by \`${t.tag}\`.`]);
    out += `export type ${t.name}Event = ${t.events.map((e) => eventType(t, e)).join(" | ")};\n\n`;
    if (!allTerminal(t)) {
      out += doc([`The ${t.name} events after which the flow is over: what a ${t.name} watcher's \`outcome\` resolves to.`]);
      out += `export type ${t.name}TerminalEvent = ${terminal.length ? terminal.join(" | ") : "never"};\n\n`;
    }
    out += doc([`${t.name}'s callbacks, each with the event it receives.`]);
    out += `export interface ${t.name}Callbacks {\n${t.events.map((e) => `  ${e.callback}: ${eventType(t, e)};\n`).join("")}}\n\n`;
    out += doc([`Options of {@link ${t.watchFn}}: the {@link WatchOptions} and ${t.name}'s callbacks.`]);
    out += `export interface ${t.name}Options extends WatchOptions, Callbacks<${t.name}Callbacks> {\n`;
    if (t.environments.length) {
      out += doc([`Which ${t.name} deployment to accept messages from when \`origins\` is absent (default \`${JSON.stringify(t.environments[0])}\`).`], "  ");
      out += `  environment?: ${t.environments.map((e) => JSON.stringify(e)).join(" | ")} | undefined;\n`;
    }
    out += doc([`Every known ${t.name} event, after its specific callback (unless that callback stopped the watcher).`], "  ");
    out += `  onEvent?: ((event: ${t.name}Event) => void) | undefined;\n}\n\n`;
    out += doc([`Watch ${t.name}'s messages: attaches one \`message\` listener to \`window\` and returns its {@link Watcher}.`]);
    out += `export function ${t.watchFn}(options${t.defaultOrigin ? "?" : ""}: ${t.name}Options): Watcher<${t.name}${allTerminal(t) ? "" : "Terminal"}Event>;\n`;
  }
  return out;
}

/** Every type name `vendorTypes` writes for vendor `t`, with its watch function's. */
export function typeNames(t) {
  return [...t.events.map((e) => eventType(t, e)), ...["Event", ...(allTerminal(t) ? [] : ["TerminalEvent"]), "Callbacks", "Options"].map((s) => `${t.name}${s}`)];
}

/**
 * TypeScript that compiles only when the hand-written types (`hand`, a module specifier) and the
 * generated ones (`generated`) of `vendors` are the same, name by name, watch functions included.
 */
export function checks(vendors, hand, generated, handReact, generatedReact) {
  let out = `// Written by the build (scripts/vendor-types.mjs): the hand-written vendor types are the generated ones.\n`;
  out += `import type * as Hand from ${JSON.stringify(hand)};\nimport type * as Generated from ${JSON.stringify(generated)};\n`;
  out += `import type * as HandReact from ${JSON.stringify(handReact)};\nimport type * as GeneratedReact from ${JSON.stringify(generatedReact)};\n`;
  out += `import { ${vendors.map((t) => t.watchFn).join(", ")} } from ${JSON.stringify(hand)};\n`;
  out += `import type { ${vendors.map((t) => t.watchFn).map((f) => `${f} as generated_${f}`).join(", ")} } from ${JSON.stringify(generated)};\n\n`;
  out += `type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;\n`;
  for (const t of vendors) {
    for (const name of typeNames(t)) out += `export const ${name}: Same<Hand.${name}, Generated.${name}> = true;\n`;
    out += `export const ${t.watchFn}_: Same<typeof ${t.watchFn}, typeof generated_${t.watchFn}> = true;\n`;
    out += `export const Use${t.name}Options: Same<HandReact.Use${t.name}Options, GeneratedReact.Use${t.name}Options> = true;\n`;
    out += `export const use${t.name}_: Same<typeof HandReact.use${t.name}, typeof GeneratedReact.use${t.name}> = true;\n`;
  }
  return out;
}

/**
 * The `.d.ts` text of `vendors`' React hooks (`useQueue`, its `UseQueueOptions`), importing the
 * vendor types from `index` and the hook types from `react` (module specifiers).
 */
export function reactTypes(vendors, index = "./index.js", react = "./react.js") {
  let out = `// The vendors' React hook types (npm run build, from the vendors' declarations; scripts/vendor-types.mjs).\n`;
  out += `import type { HookSource, WatcherState } from ${JSON.stringify(react)};\n`;
  out += `import type { ${vendors.map((t) => `${t.name}Options, ${outcomeType(t)}`).join(", ")} } from ${JSON.stringify(index)};\n`;
  for (const t of vendors) {
    out += `\n${doc([`Options of {@link use${t.name}}: those of \`${t.watchFn}\`, with \`source\` that may also be a ref.`])}`;
    out += `export interface Use${t.name}Options extends Omit<${t.name}Options, "source"> {\n  source?: HookSource;\n}\n\n`;
    out += doc([`Watch ${t.name}'s messages while the component is mounted. Returns \`{ active, outcome, reset }\`.`]);
    out += `export function use${t.name}(options${t.defaultOrigin ? "?" : ""}: Use${t.name}Options): WatcherState<${outcomeType(t)}>;\n`;
  }
  return out;
}

/** The type of a vendor's outcome: its terminal events (all its events when each is terminal). */
const outcomeType = (t) => `${t.name}${allTerminal(t) ? "" : "Terminal"}Event`;
