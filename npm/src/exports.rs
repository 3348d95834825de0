//! The wasm boundary, by hand, for `src/js/wasm.js`: one call per message. JavaScript writes the
//! message's shape and its tag into the input area (whose address `input` gives it once) and calls
//! `decode` with their sizes; the answer comes back as `[length: u32][bytes]` at the address
//! `decode` returns, valid until its next call. Generated glue would add about 1.5 KB (gzip) to
//! every page and build a `TextDecoder` as soon as the package is imported, which some test
//! environments do not have.

#![allow(unsafe_code)]

use alloc::vec::Vec;
use core::cell::UnsafeCell;

use crate::INPUT_LEN;

struct Input(UnsafeCell<[u8; INPUT_LEN]>);

// SAFETY: this build has no threads (wasm32 without the atomics feature), and JavaScript writes
// the area only between calls.
unsafe impl Sync for Input {}

static INPUT: Input = Input(UnsafeCell::new([0; INPUT_LEN]));

/// The address of the input area.
#[no_mangle]
pub extern "C" fn input() -> *mut u8 {
    INPUT.0.get().cast()
}

struct Keys(UnsafeCell<Option<[Vec<&'static str>; crate::VENDORS.len()]>>);

// SAFETY: as for `Input`: one thread, and no export re-enters another.
unsafe impl Sync for Keys {}

/// Each vendor's keys (`VendorTable::keys`), worked out on the first message and kept by the arena.
static KEYS: Keys = Keys(UnsafeCell::new(None));

fn keys() -> &'static [Vec<&'static str>; crate::VENDORS.len()] {
    // SAFETY: one thread, and no two borrows of it are alive at once.
    let cache = unsafe { &mut *KEYS.0.get() };
    cache.get_or_insert_with(|| {
        let keys = crate::keys();
        crate::runtime::keep();
        keys
    })
}

/// [`crate::decode`] of the shape in the input area: `blocks` blocks, then the tag's `tag_len`
/// bytes. Gives back the arena's memory of the message before.
#[no_mangle]
pub extern "C" fn decode(vendor: u32, blocks: usize, tag_len: usize) -> *const u8 {
    // A vendor number the build did not write traps: it is never decoded as another vendor.
    let Some(keys) = keys().get(vendor as usize) else { core::arch::wasm32::unreachable() };
    // SAFETY: there are as many decoding tables as keys, one per vendor number.
    let table = unsafe { crate::DECODING.get_unchecked(vendor as usize) };
    crate::runtime::reset();
    // SAFETY: JavaScript does not write the area while this runs.
    let input: &[u8; INPUT_LEN] = unsafe { &*INPUT.0.get() };
    let end = blocks.saturating_mul(keys.len());
    let kinds = input.get(..end).unwrap_or(&[]);
    let tag = input.get(end..end.saturating_add(tag_len)).and_then(|b| core::str::from_utf8(b).ok()).unwrap_or("");
    let answer = crate::decode(table, &crate::Shape { kinds, keys, tag });
    let mut out = Vec::with_capacity(answer.len() + 4);
    // Four bytes, little-endian, as `answered` in src/js/wasm.js reads them.
    out.extend_from_slice(&(answer.len() as u32).to_le_bytes());
    out.extend_from_slice(&answer);
    let at = out.as_ptr();
    // The arena gives it back at the next call.
    core::mem::forget(out);
    at
}
