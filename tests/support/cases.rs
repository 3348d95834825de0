// One set of decoding cases, run natively (over serde_json) and in headless Chromium (through the
// real listener, with the data posted both as an object and as a JSON string).

/// What a message must come out as.
#[allow(dead_code)]
pub enum Expect {
    /// Delivered to its callback as exactly this value (JSON text).
    Event(&'static str),
    /// Delivered to `onUnknown` with this name.
    Unknown(&'static str),
    /// Ignored as malformed, with this detail.
    Malformed(&'static str),
}

/// Which vendor's watcher the case is for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[allow(dead_code)]
pub enum For {
    Ignition,
    Signere,
}

pub struct Case {
    pub vendor: For,
    /// The message, as JSON text. Posted as this string, and (unless `string_only`) as the object
    /// it parses to.
    pub data: &'static str,
    /// Only meaningful as a string (its parsed value is not an object).
    pub string_only: bool,
    pub expect: Expect,
}

const fn ig(data: &'static str, expect: Expect) -> Case {
    Case { vendor: For::Ignition, data, string_only: false, expect }
}

const fn si(data: &'static str, expect: Expect) -> Case {
    Case { vendor: For::Signere, data, string_only: false, expect }
}

const fn text(vendor: For, data: &'static str, expect: Expect) -> Case {
    Case { vendor, data, string_only: true, expect }
}

use Expect::{Event, Malformed, Unknown};

pub const CASES: &[Case] = &[
    // Ignition: every status, optional fields present and absent.
    ig(
        r#"{"status":"complete","authCode":"cod_LwPJhgxnjinMEPfGYc-XV","client":"cli_mZj6","result":"link"}"#,
        Event(r#"{"status":"complete","authCode":"cod_LwPJhgxnjinMEPfGYc-XV","client":"cli_mZj6","result":"link"}"#),
    ),
    ig(r#"{"status":"complete","authCode":"cod_1"}"#, Event(r#"{"status":"complete","authCode":"cod_1"}"#)),
    ig(
        r#"{"status":"complete","authCode":"cod_1","client":null,"result":"basic","token":"ign_x","extra":{"a":1}}"#,
        Event(r#"{"status":"complete","authCode":"cod_1","result":"basic"}"#),
    ),
    ig(
        r#"{"status":"exit","step":"carrier-login","client":"cli_1"}"#,
        Event(r#"{"status":"exit","step":"carrier-login","client":"cli_1"}"#),
    ),
    ig(r#"{"status":"exit"}"#, Event(r#"{"status":"exit"}"#)),
    ig(
        r#"{"status":"error","message":"Carrier unavailable","client":"cli_1"}"#,
        Event(r#"{"status":"error","message":"Carrier unavailable","client":"cli_1"}"#),
    ),
    ig(r#"{"status":"error"}"#, Event(r#"{"status":"error"}"#)),
    // Ignition: wrong types and missing required fields.
    ig(r#"{"status":"complete"}"#, Malformed("authCode: missing")),
    ig(r#"{"status":"complete","authCode":null}"#, Malformed("authCode: missing")),
    ig(r#"{"status":"complete","authCode":42}"#, Malformed("authCode: expected a string")),
    ig(r#"{"status":"complete","authCode":"c","client":7}"#, Malformed("client: expected a string")),
    ig(r#"{"status":"complete","authCode":"c","result":["link"]}"#, Malformed("result: expected a string")),
    ig(r#"{"status":"exit","step":{"name":"x"}}"#, Malformed("step: expected a string")),
    ig(r#"{"status":"error","message":false}"#, Malformed("message: expected a string")),
    ig(r#"{"authCode":"cod_1"}"#, Malformed("status: missing")),
    ig(r#"{"status":1}"#, Malformed("status: expected a string")),
    ig(r#"{"status":null}"#, Malformed("status: missing")),
    // Ignition: unknown statuses, and case matters.
    ig(r#"{"status":"opened","client":"cli_1"}"#, Unknown("opened")),
    ig(r#"{"status":"Complete","authCode":"c"}"#, Unknown("Complete")),
    ig(r#"{"status":""}"#, Unknown("")),
    // `__proto__` in JSON is an own key, never a prototype: it cannot smuggle fields in.
    ig(r#"{"status":"complete","authCode":"c","__proto__":{"client":"evil"}}"#, Event(r#"{"status":"complete","authCode":"c"}"#)),
    ig(r#"{"__proto__":{"status":"complete","authCode":"c"}}"#, Malformed("status: missing")),
    // Signere: every type, from the source document and the later documentation.
    si(
        r#"{"type":"document_expired","payload":{"documentId":"8bfae710","externalDocumentId":"8577545740"}}"#,
        Event(r#"{"type":"document_expired","documentId":"8bfae710","externalDocumentId":"8577545740"}"#),
    ),
    si(r#"{"type":"document_read"}"#, Event(r#"{"type":"document_read"}"#)),
    si(r#"{"type":"document_read","payload":{"documentId":"d1"}}"#, Event(r#"{"type":"document_read","documentId":"d1"}"#)),
    si(r#"{"type":"eid_selected","payload":{"eid":"no_bankid"}}"#, Event(r#"{"type":"eid_selected","eid":"no_bankid"}"#)),
    si(r#"{"type":"language_changed","payload":{"language":"EN"}}"#, Event(r#"{"type":"language_changed","language":"EN"}"#)),
    si(r#"{"type":"sign_success","payload":{"documentId":"d1"}}"#, Event(r#"{"type":"sign_success","documentId":"d1"}"#)),
    si(r#"{"type":"sign_success"}"#, Event(r#"{"type":"sign_success"}"#)),
    si(
        r#"{"type":"sign_error","payload":{"error":{"code":"cookies_disabled","message":"Cookies are disabled in the users browser"}}}"#,
        Event(r#"{"type":"sign_error","code":"cookies_disabled","message":"Cookies are disabled in the users browser"}"#),
    ),
    si(
        r#"{"type":"sign_error","payload":{"errorCode":"SA-1017","errorMessage":"Operation timed out","eidErrorCode":"E42","eidErrorMessage":"BankID timeout","documentId":"d1"}}"#,
        Event(
            r#"{"type":"sign_error","code":"SA-1017","message":"Operation timed out","eidCode":"E42","eidMessage":"BankID timeout","documentId":"d1"}"#,
        ),
    ),
    si(
        r#"{"type":"sign_error","payload":{"code":"SA-1020","message":"Error starting BankID"}}"#,
        Event(r#"{"type":"sign_error","code":"SA-1020","message":"Error starting BankID"}"#),
    ),
    si(r#"{"type":"sign_error"}"#, Event(r#"{"type":"sign_error"}"#)),
    si(
        r#"{"type":"sign_error","payload":{"error":{"code":"nested"},"errorCode":"flat","code":"old","message":"old message"}}"#,
        Event(r#"{"type":"sign_error","code":"nested","message":"old message"}"#),
    ),
    si(r#"{"type":"spinner_on"}"#, Event(r#"{"type":"spinner_on"}"#)),
    si(r#"{"type":"spinner_off","payload":{}}"#, Event(r#"{"type":"spinner_off"}"#)),
    si(r#"{"type":"spinner_on","payload":null}"#, Event(r#"{"type":"spinner_on"}"#)),
    si(r#"{"type":"user_aborted","payload":{"documentId":"d1"}}"#, Event(r#"{"type":"user_aborted","documentId":"d1"}"#)),
    si(r#"{"type":"user_canceled","payload":{"documentId":"d2"}}"#, Event(r#"{"type":"user_aborted","documentId":"d2"}"#)),
    si(r#"{"type":"app_started","payload":{"documentId":"d1"}}"#, Event(r#"{"type":"app_started","documentId":"d1"}"#)),
    si(r#"{"type":"outdated_browser"}"#, Event(r#"{"type":"outdated_browser"}"#)),
    // Signere: undocumented fields (a signer's national identity number) never reach the event value.
    si(
        r#"{"type":"sign_success","payload":{"documentId":"d1","signer":{"socialSecurityNumber":"01018812345"}},"socialSecurityNumber":"01018812345"}"#,
        Event(r#"{"type":"sign_success","documentId":"d1"}"#),
    ),
    // Signere: malformed.
    si(r#"{"type":"eid_selected","payload":{}}"#, Malformed("payload.eid: missing")),
    si(r#"{"type":"eid_selected"}"#, Malformed("payload.eid: missing")),
    si(r#"{"type":"eid_selected","payload":{"eid":3}}"#, Malformed("payload.eid: expected a string")),
    si(r#"{"type":"language_changed","payload":{"language":null}}"#, Malformed("payload.language: missing")),
    si(r#"{"type":"sign_success","payload":"d1"}"#, Malformed("payload: expected an object")),
    si(r#"{"type":"sign_success","payload":["d1"]}"#, Malformed("payload: expected an object")),
    // ... whether or not the event has fields.
    si(r#"{"type":"outdated_browser","payload":"x"}"#, Malformed("payload: expected an object")),
    si(r#"{"type":"spinner_on","payload":[]}"#, Malformed("payload: expected an object")),
    si(r#"{"type":"spinner_off","payload":0}"#, Malformed("payload: expected an object")),
    si(r#"{"type":"sign_error","payload":{"error":"cookies_disabled"}}"#, Malformed("payload.error: expected an object")),
    si(r#"{"type":"sign_error","payload":{"error":{"code":17}}}"#, Malformed("payload.error.code: expected a string")),
    si(r#"{"type":"sign_error","payload":{"errorCode":17}}"#, Malformed("payload.errorCode: expected a string")),
    si(r#"{"type":"document_read","payload":{"documentId":1}}"#, Malformed("payload.documentId: expected a string")),
    si(r#"{"payload":{"documentId":"d1"}}"#, Malformed("type: missing")),
    si(r#"{"type":["sign_success"]}"#, Malformed("type: expected a string")),
    // Signere: unknown types (webhook-only types, future types) whatever their payload.
    si(r#"{"type":"document_signed","payload":{"documentId":"d1"}}"#, Unknown("document_signed")),
    si(r#"{"type":"future_thing","payload":[1,2,3]}"#, Unknown("future_thing")),
    // Data that is not an object.
    text(For::Ignition, r#"[{"status":"complete","authCode":"c"}]"#, Malformed("data: expected an object")),
    text(For::Signere, r#""sign_success""#, Malformed("data: expected an object")),
    text(For::Signere, "42", Malformed("data: expected an object")),
    text(For::Ignition, "null", Malformed("data: expected an object")),
    text(For::Ignition, "complete", Malformed("data: a string that is not JSON")),
    text(For::Signere, "", Malformed("data: a string that is not JSON")),
    text(For::Signere, r#"{"type":"sign_success""#, Malformed("data: a string that is not JSON")),
    // JSON text as JSON.parse reads it: escapes, white space, duplicate keys (the last wins), numbers
    // out of a double's range, and what is not JSON. (A lone surrogate escape reads as U+FFFD in Rust
    // but stays a lone surrogate in JavaScript: tests/native.rs has those.)
    text(
        For::Ignition,
        r#"{"status":"exit","step":"a\"b\\c\/d\n\u00e9\ud83d\ude00"}"#,
        Event(r#"{"status":"exit","step":"a\"b\\c/d\né😀"}"#),
    ),
    text(For::Ignition, r#"{"status":"\u0065xit"}"#, Event(r#"{"status":"exit"}"#)),
    text(For::Signere, r#"{"type":"op\u0065ned"}"#, Unknown("opened")),
    text(For::Ignition, " \t\r\n{ \"status\" : \"exit\" , \"step\" :\"s\" }\n ", Event(r#"{"status":"exit","step":"s"}"#)),
    ig(r#"{"status":"exit","status":"complete","authCode":"c"}"#, Event(r#"{"status":"complete","authCode":"c"}"#)),
    si(
        r#"{"type":"eid_selected","payload":{"eid":1},"payload":{"eid":"mitid"}}"#,
        Event(r#"{"type":"eid_selected","eid":"mitid"}"#),
    ),
    text(For::Ignition, r#"{"status":"exit","step":1e999}"#, Malformed("step: expected a string")),
    text(For::Ignition, r#"{"status":"exit","n":-1e999,"m":123456789012345678901234567890e300}"#, Event(r#"{"status":"exit"}"#)),
    si(
        r#"{"type":"sign_error","payload":{"error":{"code":{"a":{"b":{"c":{}}}}}}}"#,
        Malformed("payload.error.code: expected a string"),
    ),
    si(
        r#"{"type":"sign_success","payload":{"documentId":"d1","deep":[[[[[[[[{"a":[{}]}]]]]]]]]}}"#,
        Event(r#"{"type":"sign_success","documentId":"d1"}"#),
    ),
    text(For::Ignition, r#"{"status":"exit",}"#, Malformed("data: a string that is not JSON")),
    text(For::Ignition, r#"{'status':'exit'}"#, Malformed("data: a string that is not JSON")),
    text(For::Ignition, r#"{"status":"exit"} {}"#, Malformed("data: a string that is not JSON")),
    text(For::Ignition, r#"{"status":"exit","step":01}"#, Malformed("data: a string that is not JSON")),
    text(For::Ignition, r#"{"status":"exit","step":"\x41"}"#, Malformed("data: a string that is not JSON")),
    text(For::Ignition, "{\"status\":\"exit\",\"step\":\"a\tb\"}", Malformed("data: a string that is not JSON")),
    text(For::Ignition, "\u{feff}{\"status\":\"exit\"}", Malformed("data: a string that is not JSON")),
    text(For::Signere, r#"{"type":"sign_success","payload":[1,]}"#, Malformed("data: a string that is not JSON")),
];
