//! The wasm boundary, by hand: four exports over one buffer in wasm memory, for the forty lines of
//! `src/js/wasm.js`. JavaScript asks for `room` for its input, writes the strings there as UTF-8
//! one after the other, and calls an export with their byte lengths; the answer comes back in the
//! same buffer as `[length: u32][UTF-8 bytes]`, at the address the export returns. Generated glue
//! would add about 1.5 KB (gzip) to every page and build a `TextDecoder` as soon as the package is
//! imported, which some test environments do not have.

#![allow(unsafe_code)]

use alloc::string::String;
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

/// The input's strings, of the given byte lengths, one after the other.
fn inputs<const N: usize>(lens: [usize; N], answer: impl FnOnce([&str; N]) -> String) -> *const u8 {
    let buffer = buffer();
    let total = lens.iter().fold(0usize, |sum, &len| sum.saturating_add(len));
    let out = if total <= buffer.capacity() {
        // SAFETY: JavaScript wrote `total` bytes at the start of the capacity `room` reserved.
        unsafe { buffer.set_len(total) };
        let mut strings = [""; N];
        let mut at = 0;
        for (string, len) in strings.iter_mut().zip(lens) {
            *string = buffer.get(at..at + len).and_then(|bytes| core::str::from_utf8(bytes).ok()).unwrap_or("");
            at += len;
        }
        answer(strings)
    } else {
        String::new()
    };
    buffer.clear();
    buffer.extend_from_slice(&(out.len() as u32).to_le_bytes());
    buffer.extend_from_slice(out.as_bytes());
    buffer.as_ptr()
}

/// [`crate::decode`] of the `text_len` bytes written.
#[no_mangle]
pub extern "C" fn decode(vendor: u32, text_len: usize) -> *const u8 {
    inputs([text_len], |[text]| crate::decode(vendor, text))
}

/// [`crate::origins`] of the strings written.
#[no_mangle]
pub extern "C" fn origins(vendor: u32, entries: usize, environment: usize, frame_src: usize, has_source: u32) -> *const u8 {
    inputs([entries, environment, frame_src], |[e, env, src]| crate::origins(vendor, e, env, src, has_source != 0))
}

/// [`crate::origin`] of the entry written.
#[no_mangle]
pub extern "C" fn origin(entry: usize) -> *const u8 {
    inputs([entry], |[entry]| crate::origin(entry))
}
