//! What std would provide to the std-less npm build: the global allocator and a panic handler.
//! Nothing on the message path panics; should anything else, the handler traps without formatting a
//! message, which keeps core's formatting out of the wasm.
//!
//! The allocator is an arena. A message's work needs a few small blocks (the shape, the decoded
//! field positions, the answer: a few hundred bytes at most, as the shape is bounded and the tag
//! is at most 64 bytes), all dead by the next message, so `decode` (the one call for each message,
//! `exports.rs`) first gives back everything allocated since [`keep`] was called, and freeing a block
//! does nothing. What is allocated before `keep` (each vendor's keys) stays. Measured on this
//! module (wasm-opt -Oz, gzip -9 of the shipped entry) it is 77 bytes smaller than lol_alloc's
//! free list, which replaced this crate's former size-class heap, which replaced std's allocator
//! (4.5 KB more); it is also faster, which is where an accepted message's time goes.

#![allow(unsafe_code)]

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;
use core::cell::Cell;

struct Arena {
    /// The next free address (0 before the first allocation).
    top: Cell<usize>,
    /// The end of the memory.
    end: Cell<usize>,
    /// What `reset` goes back to.
    mark: Cell<usize>,
}

// SAFETY: this build has no threads (wasm32 without the atomics feature).
unsafe impl Sync for Arena {}

extern "C" {
    /// Where the linker lets the heap start, after the stack and the data.
    static __heap_base: u8;
}

#[global_allocator]
static ARENA: Arena = Arena { top: Cell::new(0), end: Cell::new(0), mark: Cell::new(0) };

unsafe impl GlobalAlloc for Arena {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if self.top.get() == 0 {
            // Only the address of the linker's symbol is taken, never its value.
            let base = core::ptr::addr_of!(__heap_base) as usize;
            self.top.set(base);
            self.mark.set(base);
            self.end.set(wasm32::memory_size(0) << 16);
        }
        let align = layout.align() - 1;
        let Some(start) = self.top.get().checked_add(align).map(|a| a & !align) else { return core::ptr::null_mut() };
        let Some(top) = start.checked_add(layout.size()) else { return core::ptr::null_mut() };
        if top > self.end.get() {
            let pages = (top - self.end.get()).div_ceil(1 << 16);
            if wasm32::memory_grow(0, pages) == usize::MAX {
                return core::ptr::null_mut();
            }
            self.end.set(self.end.get() + (pages << 16));
        }
        self.top.set(top);
        start as *mut u8
    }

    unsafe fn dealloc(&self, _: *mut u8, _: Layout) {}
}

/// Keep everything allocated so far: `reset` will not give it back.
pub(crate) fn keep() {
    ARENA.mark.set(ARENA.top.get());
}

/// Give back everything allocated since `keep`. Nothing allocated since may be used afterwards.
pub(crate) fn reset() {
    if ARENA.top.get() != 0 {
        ARENA.top.set(ARENA.mark.get());
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    wasm32::unreachable()
}
