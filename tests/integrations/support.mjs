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
  let json;
  if (existsSync(staged)) {
    const text = readFileSync(staged, "utf8");
    json = text.slice(text.indexOf("export default ") + "export default ".length).trim().replace(/;$/, "");
  } else {
    json = execFileSync("cargo", ["run", "--quiet", "--release", "-p", "embed-events-npm", "--bin", "tables"], { cwd: root }).toString();
  }
  // The tables are the array itself, or its `vendors` member.
  const parsed = JSON.parse(json);
  return JSON.stringify(Array.isArray(parsed) ? parsed : parsed.vendors);
}
