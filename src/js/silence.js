// The silence report's sentence (src/silence.rs words it for the Rust watcher): its own module so
// that tests/js/silence.test.mjs runs tests/data/silence.json through it, as tests/silence.rs does.

/**
 * When the frame's http(s) `src` lacks the query parameter without which vendor `t` is silent: the
 * sentence that says so and how to set it (`missing_parameter`, src/silence.rs); else false.
 */
export function missingParameter(t, src) {
  if (!t.urlParameter || !/^https?:\/\//i.test(src)) return false;
  const [parameter, fn] = t.urlParameter;
  try {
    if (new URL(src).searchParams.get(parameter)) return false;
  } catch {
    return false;
  }
  return `the iframe's src has no "${parameter}" query parameter, without which ${t.name} posts no messages; set it with ${fn}: iframe.src = ${fn}(url).`;
}

/**
 * The sentence naming the likely cause of silence and its fix, in the cases and words of the Rust
 * core's `Silence::detail_without_origins` (`Silence::detail` with `origins`); the vendor's own
 * facts (`urlParameter`, `silenceHint`) come from its table. `others`: each origin of an
 * environment the watcher does not trust → its words; `srcOther(src)`: the sentence for a frame
 * on one, else false.
 */
export function silenceDetail(t, report, src, others, srcOther) {
  const start = `Nothing was heard from ${t.name} in ${report.ms} ms`;
  const missing = missingParameter(t, src);
  const count = report.ignored.origin;
  if (count > 0) {
    const one = report.origins.length <= 1;
    const list = report.origins.length ? ` (${report.origins.join(", ")})` : "";
    const known = report.origins.find((origin) => others.has(origin));
    // The cause with evidence first, then the missing parameter.
    return `${start}, but ${count} message${count === 1 ? "" : "s"} came from ${one ? "an origin that is" : "origins that are"} not allowed${list}; ${known ? `${known} is ${others.get(known)}.` : `if ${one ? "it is" : "one of them is"} ${t.name}'s, add it to the origins option.`}${missing ? ` Also, ${missing}` : ""}`;
  }
  return `${start}: ${missing || srcOther(src) || t.silenceHint}`;
}
