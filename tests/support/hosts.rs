// What the URL standard says of a generated host, for the origin properties of tests/native.rs and
// tests/properties.rs: which hosts it refuses although every character in them is allowed.
#![allow(dead_code)]

/// Whether the URL standard may refuse `host` (ASCII letters, digits, `.` and `-` only): it ends in
/// a number without being an IPv4 address ("a.0", "1.2.3.4.5", ".0"), or one of its labels starts
/// with the punycode prefix `xn--` in any case, which must then decode as UTS #46 says ("XN--aA0"
/// decodes to a control character). Every other such host is accepted.
pub fn may_be_refused(host: &str) -> bool {
    ends_in_a_number(host) || host.split('.').any(|label| label.get(..4).is_some_and(|prefix| prefix.eq_ignore_ascii_case("xn--")))
}

/// The URL standard's "ends in a number": the last label (after one trailing dot) is decimal
/// digits, or a `0x` hexadecimal number.
fn ends_in_a_number(host: &str) -> bool {
    let host = host.strip_suffix('.').filter(|h| !h.is_empty()).unwrap_or(host);
    let last = host.rsplit('.').next().unwrap_or("");
    let hex = last.strip_prefix("0x").or_else(|| last.strip_prefix("0X"));
    (!last.is_empty() && last.bytes().all(|b| b.is_ascii_digit())) || hex.is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
}
