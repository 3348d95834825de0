// Shared by the integration tests: the vendors' tables as the package knows them, and esbuild
// bundles of the browser fixtures.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Both vendors' tables (`VendorTable::to_json`, Ignition then Signere), as JSON text of an array: from
 * the file the build wrote from the Rust declarations and bundled into dist/, or, when the build stage
 * is gone, from the same output of the crate's `tables` binary.
 */
export function vendorTablesJson() {
  const staged = new URL("../../target/npm-stage/tables.js", import.meta.url);
  const full = () => execFileSync("cargo", ["run", "--quiet", "--release", "-p", "embed-events-npm", "--bin", "tables"], { cwd: root }).toString();
  const vendors = (json) => {
    // The tables are the array itself, or its `vendors` member.
    const parsed = JSON.parse(json);
    return Array.isArray(parsed) ? parsed : parsed.vendors;
  };
  if (!existsSync(staged)) return JSON.stringify(vendors(full()));
  const text = readFileSync(staged, "utf8");
  const tables = vendors(text.slice(text.indexOf("export default ") + "export default ".length).trim().replace(/;$/, ""));
  // The build leaves out a callback that is the event's name in camel case; the crate's own
  // output has every one.
  if (tables.some((t) => t.events.some((e) => e.callback === undefined))) {
    const complete = vendors(full());
    tables.forEach((t, v) => {
      for (const e of t.events) e.callback ??= complete[v].events.find((c) => c.name === e.name).callback;
    });
  }
  return JSON.stringify(tables);
}
