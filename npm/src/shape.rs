//! A JavaScript data object as the decoder reads it in the npm package: its shape, written into
//! wasm memory by `src/js/shape.js`, with the one string the decoder compares (the tag). The other
//! strings stay in JavaScript: the decoder only needs to know where they are, and the answer names
//! their positions, so a message's values never cross the boundary.
//!
//! The shape is a series of blocks of one byte per key of the vendor's table (`VendorTable::keys`,
//! in order), block 0 for the data object: 0 absent (or `null`, `undefined`, an accessor), 1 a
//! string, 2 an object that is not looked into, 3 anything else, 4 + b an object whose members are
//! block b.

use embed_events::table::{Member, Message};

/// A message's shape.
pub struct Shape<'a> {
    /// The blocks.
    pub kinds: &'a [u8],
    /// The vendor's keys, in table order: a block's length.
    pub keys: &'a [&'static str],
    /// The tag's value (position 0 is the tag of the data object).
    pub tag: &'a str,
}

/// Where an object's block starts; `usize::MAX` for an object that is not looked into.
type Block = usize;

impl Message for Shape<'_> {
    type Object = Block;
    /// A string, by its position in the shape.
    type Text = usize;

    fn root(&self) -> Option<Block> {
        Some(0)
    }

    fn member(&self, block: Block, key: &str) -> Member<Block, usize> {
        let Some(k) = self.keys.iter().position(|name| *name == key) else { return Member::Absent };
        let at = block.saturating_add(k);
        match self.kinds.get(at) {
            Some(1) => Member::Text(at),
            Some(2) => Member::Object(usize::MAX),
            Some(3) => Member::Other,
            Some(&b) if b >= 4 => Member::Object(usize::from(b - 4).saturating_mul(self.keys.len())),
            _ => Member::Absent,
        }
    }

    fn text(&self, at: &usize) -> alloc::string::String {
        if *at == 0 { self.tag.into() } else { alloc::string::String::new() }
    }

    fn text_is(&self, at: &usize, value: &str) -> bool {
        *at == 0 && self.tag == value
    }
}
