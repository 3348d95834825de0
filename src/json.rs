//! A small JSON reader: exactly what the decoder needs, over the text a message arrives as.
//!
//! It accepts what `JSON.parse` accepts and rejects the rest, never panics and never recurses
//! deeper than [`BUILD_DEPTH`]: values below that depth are checked and skipped with an explicit
//! stack, so a hostile message nested a million levels deep is read like any other. Strings come
//! back borrowed when they hold no escapes. As with `JSON.parse`, a key given twice means its last
//! value. A lone surrogate escape (`"\ud800"`) reads as U+FFFD, since Rust strings are UTF-8.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

/// How many levels of objects are built; deeper values are only checked (the decoder reads at
/// most `data.payload.error.code`, three levels down).
pub(crate) const BUILD_DEPTH: usize = 4;

/// A JSON value, as far as the decoder cares.
#[derive(Debug)]
pub(crate) enum Json<'a> {
    /// `null`.
    Null,
    /// A string.
    Str(Cow<'a, str>),
    /// An object, its members in order (deeper than [`BUILD_DEPTH`]: left empty).
    Obj(Vec<(Cow<'a, str>, Json<'a>)>),
    /// A number, a boolean or an array.
    Other,
}

impl<'a> Json<'a> {
    /// The member `key` of an object (the last one, if given twice); `None` for anything else.
    pub(crate) fn get(&self, key: &[u8]) -> Option<&Json<'a>> {
        match self {
            Json::Obj(members) => members.iter().rev().find(|(k, _)| k.as_bytes() == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Parse a whole JSON text; `None` when it is not JSON.
pub(crate) fn parse(text: &str) -> Option<Json<'_>> {
    let mut reader = Reader { text, at: 0 };
    let value = reader.value(0)?;
    reader.space();
    (reader.at == text.len()).then_some(value)
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    fn eat(&mut self, want: u8) -> Option<()> {
        (self.next()? == want).then_some(())
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Option<Json<'a>> {
        self.space();
        match self.peek()? {
            b'"' => self.string().map(Json::Str),
            b'{' if depth < BUILD_DEPTH => self.object(depth),
            b'{' | b'[' => self.skip_nested().map(|object| if object { Json::Obj(Vec::new()) } else { Json::Other }),
            b'n' => self.word("null").map(|()| Json::Null),
            _ => self.scalar().map(|()| Json::Other),
        }
    }

    fn object(&mut self, depth: usize) -> Option<Json<'a>> {
        self.eat(b'{')?;
        let mut members = Vec::new();
        self.space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Some(Json::Obj(members));
        }
        loop {
            self.space();
            let key = self.string()?;
            self.space();
            self.eat(b':')?;
            let value = self.value(depth + 1)?;
            members.push((key, value));
            self.space();
            match self.next()? {
                b',' => {}
                b'}' => return Some(Json::Obj(members)),
                _ => return None,
            }
        }
    }

    /// Check an object or array without building it, with an explicit stack of open brackets.
    /// Returns whether it was an object.
    fn skip_nested(&mut self) -> Option<bool> {
        let object = self.peek()? == b'{';
        let mut open: Vec<u8> = Vec::new();
        // Each turn reads one value, or closes brackets.
        loop {
            self.space();
            match self.peek()? {
                b'{' | b'[' => {
                    let b = self.next()?;
                    open.push(b);
                    self.space();
                    let close = if b == b'{' { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.at += 1;
                        open.pop();
                    } else {
                        if b == b'{' {
                            self.key()?;
                        }
                        continue;
                    }
                }
                b'"' => {
                    self.skip_string()?;
                }
                b'n' => self.word("null")?,
                _ => self.scalar()?,
            }
            // After a value: a comma (then the next value, with its key in an object) or closers.
            loop {
                let Some(&top) = open.last() else { return Some(object) };
                self.space();
                match self.next()? {
                    b',' => {
                        if top == b'{' {
                            self.space();
                            self.key()?;
                        }
                        break;
                    }
                    b'}' if top == b'{' => {
                        open.pop();
                    }
                    b']' if top == b'[' => {
                        open.pop();
                    }
                    _ => return None,
                }
            }
        }
    }

    /// A key and its colon.
    fn key(&mut self) -> Option<()> {
        self.skip_string()?;
        self.space();
        self.eat(b':')
    }

    fn word(&mut self, word: &str) -> Option<()> {
        let end = self.at.checked_add(word.len())?;
        (self.bytes().get(self.at..end)? == word.as_bytes()).then(|| self.at = end)
    }

    /// `true`, `false` or a number.
    fn scalar(&mut self) -> Option<()> {
        match self.peek()? {
            b't' => self.word("true"),
            b'f' => self.word("false"),
            _ => self.number(),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek()? {
            b'0' => self.at += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            (self.digits() > 0).then_some(())?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            (self.digits() > 0).then_some(())?;
        }
        Some(())
    }

    fn skip_string(&mut self) -> Option<()> {
        self.string().map(drop)
    }

    /// A string, borrowed from the text when it has no escapes.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let start = self.at;
        loop {
            match self.next()? {
                b'"' => return self.text.get(start..self.at - 1).map(Cow::Borrowed),
                b'\\' => break,
                0..=0x1f => return None,
                _ => {}
            }
        }
        // Escapes: copy what came before, then decode the rest.
        let mut out = String::from(self.text.get(start..self.at - 1)?);
        self.at -= 1;
        loop {
            let run = self.at;
            while !matches!(self.peek()?, b'"' | b'\\' | 0..=0x1f) {
                self.at += 1;
            }
            out.push_str(self.text.get(run..self.at)?);
            match self.next()? {
                b'"' => return Some(Cow::Owned(out)),
                b'\\' => out.push(self.escape()?),
                _ => return None,
            }
        }
    }

    fn escape(&mut self) -> Option<char> {
        Some(match self.next()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4()?;
                if (0xd800..0xdc00).contains(&unit) {
                    // A high surrogate: a low one must follow for a pair.
                    let save = self.at;
                    if self.word("\\u").is_some() {
                        let low = self.hex4()?;
                        if (0xdc00..0xe000).contains(&low) {
                            let c = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                            return Some(char::from_u32(c).unwrap_or('\u{fffd}'));
                        }
                    }
                    self.at = save;
                    '\u{fffd}'
                } else {
                    char::from_u32(unit).unwrap_or('\u{fffd}')
                }
            }
            _ => return None,
        })
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut n = 0;
        for _ in 0..4 {
            let d = (self.next()? as char).to_digit(16)?;
            n = n * 16 + d;
        }
        Some(n)
    }
}

/// Append `s` to `out` as a JSON string literal.
pub(crate) fn push_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let n = c as usize;
                out.push_str("\\u00");
                out.push(HEX[(n >> 4) & 15] as char);
                out.push(HEX[n & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The digits of `n` in `radix` (10 or 16), lower case, without leading zeros: numbers written
/// without `core::fmt`, which would bring formatting code into the wasm.
pub(crate) fn push_digits(out: &mut String, n: usize, radix: usize) {
    let radix = radix.max(2);
    if n >= radix {
        push_digits(out, n / radix, radix);
    }
    let d = (n % radix) as u8;
    out.push(char::from(if d < 10 { b'0' + d } else { b'a' - 10 + d }));
}

/// A JSON object, written member by member.
pub(crate) struct Object {
    out: String,
    empty: bool,
}

impl Object {
    pub(crate) fn new() -> Object {
        Object { out: String::from("{"), empty: true }
    }

    /// Start the member `key`: what follows is its value.
    fn key(&mut self, key: &str) -> &mut String {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        push_string(&mut self.out, key);
        self.out.push(':');
        &mut self.out
    }

    /// A string member.
    pub(crate) fn string(&mut self, key: &str, value: &str) -> &mut Object {
        push_string(self.key(key), value);
        self
    }

    /// A member whose value is already JSON: a number, `true`, `null`, a nested object.
    pub(crate) fn raw(&mut self, key: &str, json: &str) -> &mut Object {
        self.key(key).push_str(json);
        self
    }

    /// A whole-number member.
    pub(crate) fn number(&mut self, key: &str, n: usize) -> &mut Object {
        push_digits(self.key(key), n, 10);
        self
    }

    /// An array member, of strings or, with `raw`, of JSON values.
    pub(crate) fn list<'s>(&mut self, key: &str, items: impl IntoIterator<Item = &'s str>, raw: bool) -> &mut Object {
        let out = self.key(key);
        out.push('[');
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            if raw {
                out.push_str(item);
            } else {
                push_string(out, item);
            }
        }
        out.push(']');
        self
    }

    /// The object's text.
    pub(crate) fn finish(&mut self) -> String {
        let mut out = core::mem::take(&mut self.out);
        out.push('}');
        out
    }
}

/// A JSON value with the text it was read from, for the webhook decoder: arrays are built too,
/// and a value passed through (`user`, `metadata`) is kept as its text.
#[cfg(feature = "webhooks")]
#[derive(Debug)]
pub(crate) struct Node<'a> {
    pub(crate) value: Tree<'a>,
    /// The value's text, as sent.
    pub(crate) raw: &'a str,
}

/// What a [`Node`] holds.
#[cfg(feature = "webhooks")]
#[derive(Debug)]
pub(crate) enum Tree<'a> {
    Null,
    /// A number or a boolean.
    Scalar,
    Str(Cow<'a, str>),
    Obj(Vec<(Cow<'a, str>, Node<'a>)>),
    Arr(Vec<Node<'a>>),
    /// An object or array deeper than [`BUILD_DEPTH`]: checked, not built (`true`: an object).
    Deep(bool),
}

#[cfg(feature = "webhooks")]
impl<'a> Node<'a> {
    /// The member `key` of an object (the last one, if given twice); `None` for anything else.
    pub(crate) fn get(&self, key: &str) -> Option<&Node<'a>> {
        match &self.value {
            Tree::Obj(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Parse a whole JSON text into [`Node`]s; `None` when it is not JSON. Objects and arrays are
/// built [`BUILD_DEPTH`] levels deep (a webhook's `payload.signers[i].signerId` is four down),
/// deeper ones only checked, without recursion.
#[cfg(feature = "webhooks")]
pub(crate) fn parse_tree(text: &str) -> Option<Node<'_>> {
    let mut reader = Reader { text, at: 0 };
    let value = reader.node(0)?;
    reader.space();
    (reader.at == text.len()).then_some(value)
}

#[cfg(feature = "webhooks")]
impl<'a> Reader<'a> {
    fn node(&mut self, depth: usize) -> Option<Node<'a>> {
        self.space();
        let start = self.at;
        let value = match self.peek()? {
            b'"' => Tree::Str(self.string()?),
            b'{' | b'[' if depth >= BUILD_DEPTH => Tree::Deep(self.skip_nested()?),
            b'{' => {
                self.at += 1;
                let mut members = Vec::new();
                self.space();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                } else {
                    loop {
                        self.space();
                        let key = self.string()?;
                        self.space();
                        self.eat(b':')?;
                        members.push((key, self.node(depth + 1)?));
                        self.space();
                        match self.next()? {
                            b',' => {}
                            b'}' => break,
                            _ => return None,
                        }
                    }
                }
                Tree::Obj(members)
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                self.space();
                if self.peek() == Some(b']') {
                    self.at += 1;
                } else {
                    loop {
                        items.push(self.node(depth + 1)?);
                        self.space();
                        match self.next()? {
                            b',' => {}
                            b']' => break,
                            _ => return None,
                        }
                    }
                }
                Tree::Arr(items)
            }
            b'n' => {
                self.word("null")?;
                Tree::Null
            }
            _ => {
                self.scalar()?;
                Tree::Scalar
            }
        };
        Some(Node { value, raw: self.text.get(start..self.at)? })
    }
}

/// `{"<tag>":"<name>","<key>":"<value>",…}` for the fields `fields` calls back with.
pub(crate) fn event_json(tag: &str, name: &str, fields: &mut dyn FnMut(&mut dyn FnMut(&'static str, &str))) -> String {
    let mut object = Object::new();
    object.string(tag, name);
    fields(&mut |key, value| {
        object.string(key, value);
    });
    object.finish()
}
