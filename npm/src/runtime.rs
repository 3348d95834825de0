//! What std would provide to the std-less npm build: the global allocator and a panic handler.
//! Nothing on the message path panics; should anything else, the handler traps without formatting a
//! message, which keeps core's formatting out of the wasm.
//!
//! The allocator is lol_alloc's free list (sorted by address, neighbours merged), made for
//! single-threaded wasm. Measured on this module (wasm-opt -Oz, gzip -9): std's allocator and panic
//! machinery 15,101 bytes, this crate's former size-class heap 10,628, lol_alloc 10,547.

#![allow(unsafe_code)]

use core::arch::wasm32;

use lol_alloc::{AssumeSingleThreaded, FreeListAllocator};

// SAFETY: this build has no threads (wasm32 without the atomics feature).
#[global_allocator]
static ALLOCATOR: AssumeSingleThreaded<FreeListAllocator> = unsafe { AssumeSingleThreaded::new(FreeListAllocator::new()) };

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    wasm32::unreachable()
}
