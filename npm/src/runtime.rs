//! What std would provide to the std-less npm build: the global allocator (a [`Heap`] over
//! `memory.grow`) and a panic handler. Nothing on the message path panics; should anything else,
//! the handler traps without formatting a message, which keeps core's formatting out of the wasm.

#![allow(unsafe_code)]

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;
use core::cell::UnsafeCell;
use core::ptr;

use crate::heap::Heap;

struct Allocator(UnsafeCell<Heap>);

// SAFETY: this build has no threads (wasm32 without the atomics feature), so no two calls overlap.
unsafe impl Sync for Allocator {}

#[global_allocator]
static ALLOCATOR: Allocator = Allocator(UnsafeCell::new(Heap::new()));

fn grow(pages: usize) -> Option<usize> {
    Some(wasm32::memory_grow(0, pages)).filter(|&before| before != usize::MAX)
}

unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: one thread, and no call re-enters the allocator; grown memory is the heap's alone.
        let heap = unsafe { &mut *self.0.get() };
        unsafe { heap.alloc(layout, grow) }.map_or(ptr::null_mut(), |address| address as *mut u8)
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: as in `alloc`; the caller returns a block `alloc` gave for this layout.
        unsafe { (*self.0.get()).free(block as usize, layout) }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if Heap::fits(layout, new_size) {
            return block;
        }
        // SAFETY: the caller's guarantees, passed on; the new layout is valid as `new_size` is.
        unsafe {
            let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
            let new_block = self.alloc(new_layout);
            if !new_block.is_null() {
                ptr::copy_nonoverlapping(block, new_block, layout.size().min(new_size));
                self.dealloc(block, layout);
            }
            new_block
        }
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    wasm32::unreachable()
}
