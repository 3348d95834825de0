//! The wasm module of the server entry (`src/js/webhooks.js`): a Signere webhook's HMAC-SHA256
//! checked with RustCrypto's `hmac` and `sha2`, as the core's `webhooks` feature checks it
//! (src/receive.rs), synchronously. Node 20's `crypto.subtle.verify` is an async job on the thread
//! pool that cost more than the rest of a 1 KB webhook's handling; this is one call.
//!
//! No allocator: JavaScript writes the key, and then the signature and body, at [`area`] (growing
//! the memory when they do not fit), and passes where they are.
#![cfg_attr(target_arch = "wasm32", no_std)]
#![allow(unsafe_code)]

use core::cell::RefCell;

use hmac::{Hmac, Mac};
use sha2::Sha256;

struct Keyed(RefCell<Option<Hmac<Sha256>>>);
// SAFETY: this build has no threads (wasm32 without the atomics feature).
unsafe impl Sync for Keyed {}

/// The last key's HMAC state (its inner and outer pads hashed once), cloned for each body.
static KEYED: Keyed = Keyed(RefCell::new(None));

#[cfg(target_arch = "wasm32")]
extern "C" {
    /// Where the linker lets the heap start, after the stack and the data.
    static __heap_base: u8;
}

/// Where JavaScript may write: from here to the end of the memory, nothing of Rust's.
#[cfg(target_arch = "wasm32")]
#[no_mangle]
pub extern "C" fn area() -> usize {
    // Only the address of the linker's symbol is taken, never its value.
    core::ptr::addr_of!(__heap_base) as usize
}

/// The key for the bodies that follow: the `len` bytes at `at`.
#[no_mangle]
pub extern "C" fn key(at: *const u8, len: usize) {
    // SAFETY: JavaScript wrote `len` bytes at `at`, inside the memory.
    let key = unsafe { core::slice::from_raw_parts(at, len) };
    // HMAC takes a key of any length.
    *KEYED.0.borrow_mut() = Hmac::<Sha256>::new_from_slice(key).ok();
}

/// 1 when the 32 bytes at `signature` are the HMAC-SHA256 of the `len` bytes at `body` under the
/// last key, compared in constant time (`Mac::verify_slice`); else 0 (also with no key given).
#[no_mangle]
pub extern "C" fn verify(signature: *const u8, body: *const u8, len: usize) -> u32 {
    let Some(mut mac) = KEYED.0.borrow().clone() else {
        return 0;
    };
    // SAFETY: JavaScript wrote 32 bytes at `signature` and `len` at `body`, inside the memory.
    let (signature, body) = unsafe {
        (
            core::slice::from_raw_parts(signature, 32),
            core::slice::from_raw_parts(body, len),
        )
    };
    mac.update(body);
    mac.verify_slice(signature).is_ok() as u32
}

#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}
