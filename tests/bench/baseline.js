// The benchmark's baseline: a careful hand-written JavaScript listener implementing the same
// contract as embed-events (source → origin → decode, typed values with exactly the documented
// fields, malformed / unknown / ignored reporting, once, stop). What a diligent integrator would
// write by hand, and what the package is measured against.

const str = (v) => v === undefined || v === null ? undefined : typeof v === "string" ? v : null;

function own(o, k) {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

function pick(out, from, keys) {
  for (const k of keys) {
    const v = str(own(from, k));
    if (v === null) return k;
    if (v !== undefined) out[k] = v;
  }
  return undefined;
}

const IGNITION = {
  complete: ["onComplete", ["authCode", "client", "result"], true],
  exit: ["onExit", ["step", "client"], true],
  error: ["onError", ["message", "client"], true],
};

function decodeIgnition(d) {
  const status = str(own(d, "status"));
  if (status === undefined) return { malformed: "status: missing" };
  if (status === null) return { malformed: "status: expected a string" };
  const spec = IGNITION[status];
  if (!spec || !Object.prototype.hasOwnProperty.call(IGNITION, status)) return { unknown: status };
  const value = { status };
  const bad = pick(value, d, spec[1]);
  if (bad) return { malformed: bad + ": expected a string" };
  if (status === "complete" && value.authCode === undefined) return { malformed: "authCode: missing" };
  return { callback: spec[0], value, terminal: spec[2] };
}

const SIGNERE = {
  document_expired: ["onDocumentExpired", ["documentId", "externalDocumentId"], true],
  document_read: ["onDocumentRead", ["documentId", "externalDocumentId"], false],
  eid_selected: ["onEidSelected", ["eid"], false],
  language_changed: ["onLanguageChanged", ["language"], false],
  sign_success: ["onSignSuccess", ["documentId"], true],
  sign_error: ["onSignError", [], false],
  spinner_on: ["onSpinnerOn", [], false],
  spinner_off: ["onSpinnerOff", [], false],
  user_aborted: ["onUserAborted", ["documentId"], true],
  user_canceled: ["onUserAborted", ["documentId"], true],
  app_started: ["onAppStarted", ["documentId"], false],
  outdated_browser: ["onOutdatedBrowser", [], false],
};

function decodeSignere(d) {
  const type = str(own(d, "type"));
  if (type === undefined) return { malformed: "type: missing" };
  if (type === null) return { malformed: "type: expected a string" };
  if (!Object.prototype.hasOwnProperty.call(SIGNERE, type)) return { unknown: type };
  const spec = SIGNERE[type];
  let p = own(d, "payload");
  if (p === null) p = undefined;
  if (p !== undefined && (typeof p !== "object" || Array.isArray(p))) return { malformed: "payload: expected an object" };
  p = p || {};
  const value = { type: type === "user_canceled" ? "user_aborted" : type };
  if (type === "sign_error") {
    let e = own(p, "error");
    if (e === null) e = undefined;
    if (e !== undefined && (typeof e !== "object" || Array.isArray(e))) return { malformed: "payload.error: expected an object" };
    e = e || {};
    const first = (...vs) => vs.find((v) => v !== undefined);
    const f = {};
    for (const [o, k] of [[e, "code"], [e, "message"], [p, "errorCode"], [p, "errorMessage"], [p, "code"], [p, "message"],
      [p, "eidErrorCode"], [p, "eidErrorMessage"], [p, "documentId"]]) {
      const v = str(own(o, k));
      if (v === null) return { malformed: (o === e ? "payload.error." : "payload.") + k + ": expected a string" };
      f[(o === e ? "e." : "") + k] = v;
    }
    const fields = {
      code: first(f["e.code"], f.errorCode, f.code), message: first(f["e.message"], f.errorMessage, f.message),
      eidCode: f.eidErrorCode, eidMessage: f.eidErrorMessage, documentId: f.documentId,
    };
    for (const k in fields) if (fields[k] !== undefined) value[k] = fields[k];
  } else {
    const bad = pick(value, p, spec[1]);
    if (bad) return { malformed: "payload." + bad + ": expected a string" };
    if ((type === "eid_selected" && !value.eid) || (type === "language_changed" && !value.language)) {
      return { malformed: "payload." + spec[1][0] + ": missing" };
    }
  }
  return { callback: spec[0], value, terminal: spec[2] };
}

function report(error) {
  if (typeof globalThis.reportError === "function") globalThis.reportError(error); else console.error(error);
}

function call(f, v) {
  if (f) try { f(v); } catch (e) { report(e); }
}

/** `watch("ignition" | "signere", options)` → { stop(), active } */
export function watch(vendor, options) {
  const decode = vendor === "ignition" ? decodeIgnition : decodeSignere;
  const origins = [].concat(options.origins).map((o) => new URL(o).origin);
  const source = options.source;
  let active = true;
  let stops = 0;
  const stop = () => { stops++; if (active) { active = false; window.removeEventListener("message", listener); } };
  function ignored(reason, origin, detail) { call(options.onIgnored, { reason, origin, detail }); }
  function listener(event) {
    if (source) {
      const win = source.contentWindow !== undefined ? source.contentWindow : source;
      if (!win || event.source !== win) return ignored("source", event.origin, "sent by another window than the watched source");
    }
    if (!origins.includes(event.origin)) return ignored("origin", event.origin, "origin is not in the allow-list");
    let d = event.data;
    if (typeof d === "string") {
      try { d = JSON.parse(d); } catch { return ignored("malformed", event.origin, "data: a string that is not JSON"); }
    }
    if (d === null || typeof d !== "object" || Array.isArray(d)) return ignored("malformed", event.origin, "data: expected an object");
    const r = decode(d);
    if (r.malformed) return ignored("malformed", event.origin, r.malformed);
    if (r.unknown !== undefined) return call(options.onUnknown, { name: r.unknown, data: d });
    if (options.once && r.terminal) stop();
    const at = stops;
    call(options[r.callback], { ...r.value });
    if (stops === at) call(options.onEvent, { ...r.value });
  }
  window.addEventListener("message", listener);
  return { stop, get active() { return active; } };
}
