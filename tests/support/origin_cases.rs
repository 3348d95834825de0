// Origin lookalikes and allow-list entries: one table, run natively (tests/origins.rs, against
// `AllowList`) and in headless Chromium (tests/browser_hostile.rs, through the real listener with
// the entries passed as `origins` and each sender posted from the watched frame).
//
// Every entry here is plain ASCII with no percent-escapes and no numeric IPv4 short forms, so the
// browser's URL parser (which the watcher runs every entry through) canonicalises it to exactly what
// `Origin::parse` gives natively. Entries whose canonical form needs the browser (IDN, IPv4 number
// forms, percent-encoded hosts) are in `BROWSER_ENTRIES`, which only the browser runs.
#![allow(dead_code)]

/// A sender origin (`MessageEvent.origin`, any string: synthetic events can carry anything)
/// against an allow-list, and whether it must be accepted.
pub struct Lookalike {
    pub list: &'static [&'static str],
    pub sender: &'static str,
    pub accept: bool,
}

const fn ok(list: &'static [&'static str], sender: &'static str) -> Lookalike {
    Lookalike { list, sender, accept: true }
}

const fn no(list: &'static [&'static str], sender: &'static str) -> Lookalike {
    Lookalike { list, sender, accept: false }
}

pub const PRODUCTION: &[&str] = &["https://ignition.axle.insure"];
/// The same origin written every way a person might: each normalises to the one origin.
pub const PRODUCTION_SLOPPY: &[&str] = &["HTTPS://Ignition.AXLE.insure:443/"];
pub const LOOPBACK: &[&str] = &["http://127.0.0.1:8080"];
pub const IPV6: &[&str] = &["https://[::1]:8443"];
pub const MIXED: &[&str] = &["https://sign.idfy.io/", "http://LOCALHOST:80", "https://localhost:80"];
pub const WITH_NULL: &[&str] = &["null", "https://sign.idfy.io"];
pub const TRAILING_DOT: &[&str] = &["https://sign.idfy.io."];
pub const PUNYCODE: &[&str] = &["https://xn--bcher-kva.example"];

pub const LOOKALIKES: &[Lookalike] = &[
    // The one origin, and the same origin written sloppily in the list.
    ok(PRODUCTION, "https://ignition.axle.insure"),
    ok(PRODUCTION_SLOPPY, "https://ignition.axle.insure"),
    // Suffix and prefix tricks.
    no(PRODUCTION, "https://ignition.axle.insure.evil.com"),
    no(PRODUCTION, "https://ignition.axle.insure.com"),
    no(PRODUCTION, "https://ignition.axle.insuree"),
    no(PRODUCTION, "https://ignition.axle.insur"),
    no(PRODUCTION, "https://ignition.axle.ins"),
    no(PRODUCTION, "https://evilignition.axle.insure"),
    no(PRODUCTION, "https://evil-ignition.axle.insure"),
    no(PRODUCTION, "https://evil.ignition.axle.insure"),
    no(PRODUCTION, "https://www.ignition.axle.insure"),
    no(PRODUCTION, "https://ignition-axle.insure"),
    no(PRODUCTION, "https://ignitionaxle.insure"),
    no(PRODUCTION, "https://axle.insure"),
    no(PRODUCTION, "https://ignition.sandbox.axle.insure"),
    no(PRODUCTION, "https://ignition.dev.axle.insure"),
    no(PRODUCTION, "https://evil.com/https://ignition.axle.insure"),
    no(PRODUCTION, "https://evil.com?https://ignition.axle.insure"),
    no(PRODUCTION, "https://evil.com#https://ignition.axle.insure"),
    no(PRODUCTION, "https://ignition.axle.insure@evil.com"),
    no(PRODUCTION, "https://evil.com@ignition.axle.insure"),
    // Trailing dots: a different origin as far as the browser is concerned.
    no(PRODUCTION, "https://ignition.axle.insure."),
    no(PRODUCTION, "https://ignition.axle.insure.."),
    ok(TRAILING_DOT, "https://sign.idfy.io."),
    no(TRAILING_DOT, "https://sign.idfy.io"),
    // Other schemes and ports; http vs https.
    no(PRODUCTION, "http://ignition.axle.insure"),
    no(PRODUCTION, "http://ignition.axle.insure:443"),
    no(PRODUCTION, "wss://ignition.axle.insure"),
    no(PRODUCTION, "ws://ignition.axle.insure"),
    no(PRODUCTION, "ftp://ignition.axle.insure"),
    no(PRODUCTION, "file://"),
    no(PRODUCTION, "blob:https://ignition.axle.insure"),
    no(PRODUCTION, "chrome-extension://ignition.axle.insure"),
    no(PRODUCTION, "chrome-extension://fmkadmapgofadopljbjfkapdkoienihi"),
    no(PRODUCTION, "moz-extension://ignition.axle.insure"),
    no(PRODUCTION, "https://ignition.axle.insure:443"),
    no(PRODUCTION, "https://ignition.axle.insure:0443"),
    no(PRODUCTION, "https://ignition.axle.insure:8443"),
    no(PRODUCTION, "https://ignition.axle.insure:0"),
    no(PRODUCTION, "https://ignition.axle.insure:"),
    // Upper case: the browser always serialises lower case, so these never match.
    no(PRODUCTION, "https://IGNITION.AXLE.INSURE"),
    no(PRODUCTION, "https://Ignition.Axle.Insure"),
    no(PRODUCTION, "HTTPS://ignition.axle.insure"),
    // Not a bare origin.
    no(PRODUCTION, "https://ignition.axle.insure/"),
    no(PRODUCTION, "https://ignition.axle.insure/path"),
    no(PRODUCTION, "https://ignition.axle.insure?x=1"),
    no(PRODUCTION, "https://ignition.axle.insure#x"),
    no(PRODUCTION, "//ignition.axle.insure"),
    no(PRODUCTION, "ignition.axle.insure"),
    no(PRODUCTION, "https:ignition.axle.insure"),
    no(PRODUCTION, "https:/ignition.axle.insure"),
    no(PRODUCTION, "https:\\\\ignition.axle.insure"),
    // Userinfo.
    no(PRODUCTION, "https://user@ignition.axle.insure"),
    no(PRODUCTION, "https://user:pass@ignition.axle.insure"),
    no(PRODUCTION, "https://:@ignition.axle.insure"),
    // Whitespace, controls and invisible characters around or inside.
    no(PRODUCTION, " https://ignition.axle.insure"),
    no(PRODUCTION, "https://ignition.axle.insure "),
    no(PRODUCTION, "https://ignition.axle.insure\n"),
    no(PRODUCTION, "https://ignition.axle.insure\t"),
    no(PRODUCTION, "https://ignition.axle.insure\0"),
    no(PRODUCTION, "https://ignition.axle.insure\u{200b}"),
    no(PRODUCTION, "https://ignition.axle.insure\u{feff}"),
    no(PRODUCTION, "https://ign\u{00ad}ition.axle.insure"),
    // IDN and punycode lookalikes (Cyrillic а, dotless ı, fullwidth and ideographic dots).
    no(PRODUCTION, "https://ignition.xn--xle-5cd.insure"),
    no(PRODUCTION, "https://ignition.\u{430}xle.insure"),
    no(PRODUCTION, "https://xn--gnition-qfb.axle.insure"),
    no(PRODUCTION, "https://\u{131}gnition.axle.insure"),
    no(PRODUCTION, "https://ignition\u{ff0e}axle\u{ff0e}insure"),
    no(PRODUCTION, "https://ignition.axle.insure\u{3002}"),
    no(PRODUCTION, "https://\u{ff49}gnition.axle.insure"),
    no(PRODUCTION, "https://ignition%2Eaxle.insure"),
    no(PRODUCTION, "https://%69gnition.axle.insure"),
    ok(PUNYCODE, "https://xn--bcher-kva.example"),
    no(PUNYCODE, "https://b\u{fc}cher.example"),
    no(PUNYCODE, "https://XN--BCHER-KVA.example"),
    no(PUNYCODE, "https://bucher.example"),
    no(PUNYCODE, "https://xn--bcher-kva.example."),
    // "null", empty, and things that are not origins at all.
    no(PRODUCTION, "null"),
    no(PRODUCTION, ""),
    no(PRODUCTION, "*"),
    no(PRODUCTION, "https://*.axle.insure"),
    no(PRODUCTION, "undefined"),
    ok(WITH_NULL, "null"),
    ok(WITH_NULL, "https://sign.idfy.io"),
    no(WITH_NULL, "NULL"),
    no(WITH_NULL, "Null"),
    no(WITH_NULL, "null "),
    no(WITH_NULL, " null"),
    no(WITH_NULL, ""),
    no(WITH_NULL, "https://null"),
    no(WITH_NULL, "null://sign.idfy.io"),
    // Several entries, normalised.
    ok(MIXED, "https://sign.idfy.io"),
    ok(MIXED, "http://localhost"),
    ok(MIXED, "https://localhost:80"),
    no(MIXED, "https://sign.idfy.io:443"),
    no(MIXED, "http://localhost:80"),
    no(MIXED, "https://localhost"),
    no(MIXED, "http://localhost:443"),
    no(MIXED, "https://sign-test.idfy.io"),
    no(MIXED, "https://sign.idfy.io.evil.com"),
    no(MIXED, "https://localhost.evil.com"),
    no(MIXED, "http://localhost.:80"),
    // IPv4 forms: the browser serialises dotted decimal, so every other spelling is a different string.
    ok(LOOPBACK, "http://127.0.0.1:8080"),
    no(LOOPBACK, "http://127.0.0.1"),
    no(LOOPBACK, "http://127.0.0.1:80"),
    no(LOOPBACK, "https://127.0.0.1:8080"),
    no(LOOPBACK, "http://127.0.0.1:08080"),
    no(LOOPBACK, "http://127.0.0.1.:8080"),
    no(LOOPBACK, "http://127.1:8080"),
    no(LOOPBACK, "http://2130706433:8080"),
    no(LOOPBACK, "http://0x7f000001:8080"),
    no(LOOPBACK, "http://0x7f.0.0.1:8080"),
    no(LOOPBACK, "http://0177.0.0.1:8080"),
    no(LOOPBACK, "http://017700000001:8080"),
    no(LOOPBACK, "http://127.000.000.001:8080"),
    no(LOOPBACK, "http://127.0.0.2:8080"),
    no(LOOPBACK, "http://localhost:8080"),
    no(LOOPBACK, "http://[::ffff:7f00:1]:8080"),
    no(LOOPBACK, "http://[::ffff:127.0.0.1]:8080"),
    no(LOOPBACK, "http://[::1]:8080"),
    // IPv6 forms: the browser serialises the compressed lower-case form.
    ok(IPV6, "https://[::1]:8443"),
    no(IPV6, "https://[::1]"),
    no(IPV6, "https://[0:0:0:0:0:0:0:1]:8443"),
    no(IPV6, "https://[::0001]:8443"),
    no(IPV6, "https://[::1%25lo]:8443"),
    no(IPV6, "https://::1:8443"),
    no(IPV6, "https://[::1]:8443/"),
    no(IPV6, "http://[::1]:8443"),
];

/// What an allow-list entry comes out as: its normalised origin, or the reason it is a `TypeError`
/// (the text that follows the quoted entry in the message).
pub enum Entry {
    Normalises(&'static str),
    Rejected(&'static str),
}

pub struct EntryCase {
    pub entry: &'static str,
    pub expect: Entry,
}

const fn norm(entry: &'static str, origin: &'static str) -> EntryCase {
    EntryCase { entry, expect: Entry::Normalises(origin) }
}

const fn bad(entry: &'static str, reason: &'static str) -> EntryCase {
    EntryCase { entry, expect: Entry::Rejected(reason) }
}

pub const EMPTY: &str = "is empty";
pub const WILDCARD: &str = "is not allowed: it would trust every page on the web";
pub const NO_SCHEME: &str = "has no scheme";
pub const SCHEME: &str = "is not an http or https origin";
pub const CREDENTIALS: &str = "has credentials";
pub const PATH: &str = "has a path";
pub const QUERY: &str = "has a query";
pub const FRAGMENT: &str = "has a fragment";
pub const PORT: &str = "has a port that is not a number from 0 to 65535";
pub const HOST: &str = "does not parse as an origin (bad host)";

pub const ENTRIES: &[EntryCase] = &[
    norm("https://ignition.axle.insure", "https://ignition.axle.insure"),
    norm("https://ignition.axle.insure/", "https://ignition.axle.insure"),
    norm("HTTPS://IGNITION.AXLE.INSURE:443/", "https://ignition.axle.insure"),
    norm("hTtPs://Ignition.Axle.Insure", "https://ignition.axle.insure"),
    norm("https://ignition.axle.insure:00443", "https://ignition.axle.insure"),
    norm("https://ignition.axle.insure:8443/", "https://ignition.axle.insure:8443"),
    norm("https://ignition.axle.insure:80", "https://ignition.axle.insure:80"),
    norm("http://ignition.axle.insure:443", "http://ignition.axle.insure:443"),
    norm("http://localhost:0080", "http://localhost"),
    norm("https://localhost:0", "https://localhost:0"),
    norm("https://localhost:65535", "https://localhost:65535"),
    norm("\t https://sign.idfy.io \n", "https://sign.idfy.io"),
    norm("https://sign.idfy.io:", "https://sign.idfy.io"),
    norm("https:\\\\sign.idfy.io\\", "https://sign.idfy.io"),
    norm("https:/\\sign.idfy.io", "https://sign.idfy.io"),
    norm("https://sign.idfy.io.", "https://sign.idfy.io."),
    norm("https://SIGN.IDFY.IO.:443", "https://sign.idfy.io."),
    norm("https://[::1]", "https://[::1]"),
    norm("https://[ABCD::1]:8443/", "https://[abcd::1]:8443"),
    norm("http://127.0.0.1:5173/", "http://127.0.0.1:5173"),
    norm("https://xn--bcher-kva.example", "https://xn--bcher-kva.example"),
    norm("https://a_b.example", "https://a_b.example"),
    norm("null", "null"),
    norm(" null ", "null"),
    bad("*", WILDCARD),
    bad(" * ", WILDCARD),
    // The URL standard would make this `https://%2A.axle.insure`, which matches nothing: a hoped-for
    // wildcard, refused as one.
    bad("https://*.axle.insure", WILDCARD),
    bad("", EMPTY),
    bad(" \t\n", EMPTY),
    bad("ignition.axle.insure", NO_SCHEME),
    bad("ignition.axle.insure:443", NO_SCHEME),
    bad("//ignition.axle.insure", NO_SCHEME),
    bad("https:ignition.axle.insure", NO_SCHEME),
    bad("https:/ignition.axle.insure", NO_SCHEME),
    bad("NULL", NO_SCHEME),
    bad("wss://ignition.axle.insure", SCHEME),
    bad("ftp://ignition.axle.insure", SCHEME),
    bad("blob:https://ignition.axle.insure", SCHEME),
    bad("chrome-extension://fmkadmapgofadopljbjfkapdkoienihi", SCHEME),
    bad("javascript:alert(1)//https://ignition.axle.insure", SCHEME),
    bad("data:text/html,https://ignition.axle.insure", SCHEME),
    bad("https://user@ignition.axle.insure", CREDENTIALS),
    bad("https://user:pass@ignition.axle.insure", CREDENTIALS),
    bad("https://ignition.axle.insure:443@evil.com", CREDENTIALS),
    bad("https://ignition.axle.insure@evil.com", CREDENTIALS),
    bad("https://ignition.axle.insure/login", PATH),
    bad("https://ignition.axle.insure//", PATH),
    bad("https://ignition.axle.insure\\.evil.com", PATH),
    bad("https://evil.com\\@ignition.axle.insure", PATH),
    bad("https://evil.com/https://ignition.axle.insure", PATH),
    bad("https://ignition.axle.insure/?", QUERY),
    bad("https://ignition.axle.insure?origin=x", QUERY),
    bad("https://ignition.axle.insure#", FRAGMENT),
    bad("https://ignition.axle.insure/#x", FRAGMENT),
    bad("https://ignition.axle.insure:65536", PORT),
    bad("https://ignition.axle.insure:4294967739", PORT),
    bad("https://ignition.axle.insure:https", PORT),
    bad("https://ignition.axle.insure:+443", PORT),
    bad("https://ignition.axle.insure:443:443", HOST),
    bad("https://", HOST),
    bad("https://:443", HOST),
    bad("https://ign ition.axle.insure", HOST),
    bad("https://ignition.axle.insure\nevil.com", HOST),
    bad("https://ignition<axle.insure", HOST),
    bad("https://[::1", HOST),
    bad("https://[::1]x", HOST),
    bad("https://[zz::1]", HOST),
];

/// Entries whose canonical form only the browser's URL parser gives (IDN → punycode, IPv4 number
/// forms, percent-encoded hosts, compressed IPv6): what `origins` makes of them in the browser.
pub struct BrowserEntry {
    pub entry: &'static str,
    /// `Some(origin)`: the canonical origin the watcher accepts; `None`: a `TypeError` naming the entry.
    pub canonical: Option<&'static str>,
}

const fn canon(entry: &'static str, origin: &'static str) -> BrowserEntry {
    BrowserEntry { entry, canonical: Some(origin) }
}

const fn type_error(entry: &'static str) -> BrowserEntry {
    BrowserEntry { entry, canonical: None }
}

pub const BROWSER_ENTRIES: &[BrowserEntry] = &[
    canon("https://b\u{fc}cher.example", "https://xn--bcher-kva.example"),
    canon("https://B\u{dc}CHER.example", "https://xn--bcher-kva.example"),
    canon("https://fa\u{df}.de", "https://xn--fa-hia.de"),
    canon("https://ignition.\u{430}xle.insure", "https://ignition.xn--xle-5cd.insure"),
    canon("https://\u{131}gnition.axle.insure", "https://xn--gnition-qfb.axle.insure"),
    canon("https://ignition\u{ff0e}axle\u{ff0e}insure", "https://ignition.axle.insure"),
    canon("https://\u{ff49}\u{ff47}\u{ff4e}\u{ff49}\u{ff54}\u{ff49}\u{ff4f}\u{ff4e}.axle.insure", "https://ignition.axle.insure"),
    canon("https://ig\u{ad}nition.axle.insure", "https://ignition.axle.insure"),
    canon("https://ignition.axle.insure\u{200b}", "https://ignition.axle.insure"),
    canon("https://ignition.axle.insure\u{3002}", "https://ignition.axle.insure."),
    canon("https://ignition%2Eaxle.insure", "https://ignition.axle.insure"),
    canon("https://%69gnition.axle.insure", "https://ignition.axle.insure"),
    canon("https://EX%41MPLE.com", "https://example.com"),
    canon("http://0x7f.0.0.1:8080", "http://127.0.0.1:8080"),
    canon("http://2130706433:8080", "http://127.0.0.1:8080"),
    canon("http://0x7f000001:8080", "http://127.0.0.1:8080"),
    canon("http://0177.0.0.1:8080", "http://127.0.0.1:8080"),
    canon("http://017700000001:8080", "http://127.0.0.1:8080"),
    canon("http://127.1:8080", "http://127.0.0.1:8080"),
    canon("http://127.000.000.001:8080", "http://127.0.0.1:8080"),
    canon("https://1.2.3", "https://1.2.0.3"),
    canon("https://4294967295", "https://255.255.255.255"),
    canon("http://[0:0:0:0:0:0:0:1]:8080", "http://[::1]:8080"),
    canon("https://[::0001]:8443", "https://[::1]:8443"),
    canon("http://[::ffff:127.0.0.1]", "http://[::ffff:7f00:1]"),
    type_error("https://999.1.1.1"),
    type_error("https://4294967296"),
    type_error("https://1.2.3.4.5"),
    type_error("https://a.09"),
    type_error("https://a]b.com"),
    type_error("https://%zz.com"),
    type_error("https://ex%40ample.com"),
    type_error("https://ex%2fample.com"),
    type_error("https://ignition.axle.insure%00"),
    type_error("https://ignition.axle.insure\u{200d}"),
    type_error("https://[.]"),
    type_error("https://[:]"),
    type_error("https://[1:2:3:4:5:6:7:8:9]"),
];
