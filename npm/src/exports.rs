//! The wasm boundary, by hand: two exports over one buffer in wasm memory, for `src/js/wasm.js`. JavaScript asks for `room` for its input, writes the strings there as UTF-8
//! one after the other, and calls an export with their byte lengths; the answer comes back in the
//! same buffer as `[length: u32][UTF-8 bytes]`, at the address the export returns. Generated glue
//! would add about 1.5 KB (gzip) to every page and build a `TextDecoder` as soon as the package is
//! imported, which some test environments do not have.

#![allow(unsafe_code)]

use alloc::vec::Vec;
use core::cell::UnsafeCell;

struct Buffer(UnsafeCell<Vec<u8>>);

// SAFETY: this build has no threads (wasm32 without the atomics feature), and no export re-enters
// another: each runs to its end before JavaScript reads the answer.
unsafe impl Sync for Buffer {}

static BUFFER: Buffer = Buffer(UnsafeCell::new(Vec::new()));

fn buffer() -> &'static mut Vec<u8> {
    // SAFETY: see `Buffer`: one thread, and no two borrows of it are alive at once.
    unsafe { &mut *BUFFER.0.get() }
}

/// The address of room for `len` bytes, where JavaScript writes an export's input.
#[no_mangle]
pub extern "C" fn room(len: usize) -> *mut u8 {
    let buffer = buffer();
    buffer.clear();
    buffer.reserve(len);
    buffer.as_mut_ptr()
}

/// The input's strings, of the given byte lengths, one after the other, after `skip` other bytes.
fn inputs<const N: usize>(skip: usize, lens: [usize; N], answer: impl FnOnce(&[u8], [&str; N]) -> Vec<u8>) -> *const u8 {
    let buffer = buffer();
    let total = lens.iter().fold(skip, |sum, &len| sum.saturating_add(len));
    let out = if total <= buffer.capacity() {
        // SAFETY: JavaScript wrote `total` bytes at the start of the capacity `room` reserved.
        unsafe { buffer.set_len(total) };
        let mut strings = [""; N];
        let mut at = skip;
        for (string, len) in strings.iter_mut().zip(lens) {
            *string = buffer.get(at..at + len).and_then(|bytes| core::str::from_utf8(bytes).ok()).unwrap_or("");
            at += len;
        }
        answer(buffer.get(..skip).unwrap_or(&[]), strings)
    } else {
        Vec::new()
    };
    buffer.clear();
    buffer.extend_from_slice(&(out.len() as u32).to_le_bytes());
    buffer.extend_from_slice(&out);
    buffer.as_ptr()
}

struct Keys(UnsafeCell<[Option<Vec<&'static str>>; 2]>);

// SAFETY: as for `Buffer`.
unsafe impl Sync for Keys {}

/// Each vendor's keys (`VendorTable::keys`), worked out on the vendor's first message.
static KEYS: Keys = Keys(UnsafeCell::new([None, None]));

/// [`crate::decode`] of the shape written: `blocks` blocks, then the tag's `tag_len` bytes.
#[no_mangle]
pub extern "C" fn decode(vendor: u32, blocks: usize, tag_len: usize) -> *const u8 {
    // SAFETY: as for `Buffer`: one thread, and this is the only borrow of KEYS.
    let cache = unsafe { &mut *KEYS.0.get() };
    let table = crate::table_of(vendor);
    let keys: &[&str] = match cache.get_mut(vendor as usize) {
        Some(slot) => slot.get_or_insert_with(|| table.keys()),
        None => &[],
    };
    let kinds = blocks.saturating_mul(keys.len());
    inputs(kinds, [tag_len], |kinds, [tag]| crate::decode(vendor, &crate::Shape { kinds, keys, tag }))
}
