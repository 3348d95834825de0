// Which origins a watcher allows, as `VendorTable::allow_list` (src/vendor_table.rs) decides it for the
// Rust watcher: `origins` → `environment` → the iframe `source`'s `src` → the vendor's default.
// Hosts are canonicalised by the engine's own URL parser, the one that serialises every
// `MessageEvent.origin` this package compares against; the rules an entry must follow, their
// order and their explanations are those of `Origin::parse` (src/origin.rs), whose texts the
// build writes into tables.js. Both run the same case files (tests/data/origins.json, allow.json;
// here by tests/js/origins.test.mjs, the WHATWG URL test data by tests/js/wpt-origins.test.mjs), are
// held to the same answers natively (tests/origins.rs runs this module in Node) and in three
// engines (tests/browser_hostile.rs).

/**
 * `[origin]`: the origin `entry` names, as the URL standard serialises it; or `[, rule]`, the
 * `OriginError` it breaks. `url`: `entry` is a frame's `src`, whose path, query and fragment are
 * ignored.
 */
export function originOf(entry, url) {
  const e = entry.replace(/^[\0- ]+|[\0- ]+$/g, "");
  if (!e) return [, "Empty"];
  if (e === "*") return [, "Wildcard"];
  if (e === "null") return url ? [, "NoScheme"] : ["null"];
  const colon = e.indexOf(":");
  const written = e.slice(0, colon);
  const scheme = written.toLowerCase();
  const rest = e.slice(colon + 1);
  // `example.com:443` is a host and a port, not a scheme.
  if (colon < 0 || /^\d/.test(rest)) return [, "NoScheme"];
  if (scheme !== "http" && scheme !== "https") return [, /^[a-z+.-][a-z\d+.-]*$/i.test(written) ? "Scheme" : "NoScheme"];
  if (!/^[/\\]{2}/.test(rest)) return [, "NoScheme"];
  const after = rest.slice(2);
  const end = after.search(/[/\\?#]/);
  const authority = end < 0 ? after : after.slice(0, end);
  // What may follow the authority in an entry: nothing, or a lone slash.
  const tail = end < 0 || url ? "" : after.slice(end).replace(/^[/\\]/, "");
  if (tail) return [, tail[0] === "?" ? "Query" : tail[0] === "#" ? "Fragment" : "Path"];
  if (authority.includes("@")) return [, "Credentials"];
  let host = authority;
  let port = "";
  if (authority[0] === "[") {
    const close = authority.indexOf("]") + 1;
    if (!close || (authority[close] ?? ":") !== ":") return [, "Host"];
    host = authority.slice(0, close);
    port = authority.slice(close + 1);
    if (!isIpv6(host.slice(1, -1))) return [, "Host"];
  } else {
    const last = authority.lastIndexOf(":");
    if (last >= 0) [host, port] = [authority.slice(0, last), authority.slice(last + 1)];
    // `https://*.example.com`: a wildcard someone hoped for.
    if (host.includes("*")) return [, "Wildcard"];
    if (host.includes(":")) return [, "Host"];
  }
  // The URL parser drops tabs and newlines anywhere; in a host, the Rust parser refuses them.
  if (/[\0- ]/.test(host)) return [, "Host"];
  const parsed = hostOf(`${scheme}://${host}`);
  // Firefox refuses a `*` in a host, which the standard keeps: still a wildcard.
  if (parsed === undefined) return [, hostOf(`${scheme}://${host.replace(/%2a|\uff0a|\ufe61/gi, "a")}`) ? "Wildcard" : "Host"];
  // A last number `0x` alone is 0 for the standard (and Chromium), refused by Firefox: the
  // host's labels as the parser maps them, read with a label after them so it sees no number.
  if (/^[\d.]+$/.test(parsed) && /(^|\.)0x\.?$/.test(hostOf(`http://${host}.a`)?.slice(0, -2))) return [, "Host"];
  host = parsed;
  // What Chromium escapes (a space, `"`) other engines refuse; `*` (kept by the standard, escaped
  // by Chromium) matches no sender.
  if (/"|%(?!2a)/i.test(host) || !host.split(".").every(isAce)) return [, "Host"];
  if (/\*|%2a/i.test(host)) return [, "Wildcard"];
  if (port && (!/^\d+$/.test(port) || +port > 65535)) return [, "Port"];
  port = port && +port !== (scheme === "https" ? 443 : 80) ? `:${+port}` : "";
  return [`${scheme}://${host}${port}`];
}

/**
 * The origins a watcher of vendor `vendor` (table `t`) allows with options `o` (`frame`: its iframe
 * `source`, `hasSource`: whether any `source` is given), or throws the message of the first entry
 * at fault through `fail`. `core`: what the build wrote into tables.js.
 */
export function allowList(core, vendor, t, o, frame, hasSource, fail) {
  const ERRORS = core.errors;
  const entries = o.origins;
  const [environments, fallback] = core.origins[vendor];
  if (entries) {
    if (!entries.length) throw fail(ERRORS.NoOrigins);
    const list = entries.map((entry, index) => {
      const [origin, error] = originOf(entry);
      if (error) throw fail(`origins[${index}]: "${entry}" ${ERRORS[error]}`);
      return origin;
    });
    const index = hasSource ? -1 : list.indexOf("null");
    if (index >= 0) throw fail(`origins[${index}]: "${entries[index]}" ${ERRORS.NullWithoutSource}`);
    return list;
  }
  if (o.environment !== undefined) return [environments[t.environments.indexOf(o.environment)][0]];
  const [src] = frame ? originOf(String(frame.src), true) : [];
  if (src) return [src];
  if (fallback[0]) return [fallback[0]];
  throw fail(fallback[1]);
}

/**
 * Whether `label` (ASCII, lower-case, as the URL parser writes a host), if it says it is punycode
 * (`xn--`), is what the URL parser itself writes for the characters it decodes to. Some engines
 * pass any `xn--` label through; the Rust parser, and so this package, refuses one that no
 * browser would produce from a host name.
 */
function isAce(label) {
  if (!label.startsWith("xn--")) return true;
  const decoded = punycode(label.slice(4));
  if (!decoded || !/[^\0-\x7f]/.test(decoded) || decoded.startsWith("xn--")) return false;
  return hostOf(`http://${decoded}`) === label;
}

/** The host of `url` as the engine's URL parser writes it, or undefined when it does not parse. */
function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {}
}

/** The code points punycode `input` (RFC 3492) decodes to, or undefined when it is not punycode. */
function punycode(input) {
  const dash = input.lastIndexOf("-");
  const out = Array.from(input.slice(0, Math.max(dash, 0)), (c) => c.charCodeAt(0));
  let n = 128;
  let i = 0;
  let bias = 72;
  for (let at = dash + 1; at < input.length; ) {
    const old = i;
    for (let w = 1, k = 36; ; k += 36) {
      const c = input.charCodeAt(at++);
      const digit = c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? c - 22 : 36;
      if (digit > 35) return;
      i += digit * w;
      const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
      if (digit < t) break;
      w *= 36 - t;
    }
    const points = out.length + 1;
    let delta = old ? Math.floor((i - old) / 2) : Math.floor(i / 700);
    delta += Math.floor(delta / points);
    for (bias = 0; delta > 455; bias += 36) delta = Math.floor(delta / 35);
    bias += Math.floor((36 * delta) / (delta + 38));
    n += Math.floor(i / points);
    i %= points;
    if (n > 0x10ffff) return;
    out.splice(i++, 0, n);
  }
  return String.fromCodePoint(...out);
}

/**
 * Whether `text` (between the brackets) is an IPv6 address as the URL standard reads one: pieces
 * of one to four hex digits, at most one `::`, and perhaps an IPv4 address at the end, of four
 * decimal numbers without leading zeros. Some engines read more.
 */
function isIpv6(text) {
  const halves = text.split("::");
  const pieces = halves.flatMap((half) => (half ? half.split(":") : []));
  let count = pieces.length;
  if (pieces[count - 1]?.includes(".")) {
    if (!/^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(?!$)|$)){4}$/.test(pieces.pop())) return false;
    count++;
  }
  return halves.length < 3 && pieces.every((p) => /^[\da-f]{1,4}$/i.test(p)) && (halves.length > 1 ? count < 8 : count === 8);
}
