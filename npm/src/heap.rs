//! The allocator of the std-less npm build: free lists by power-of-two size class over memory that
//! only grows. It is a few hundred bytes of wasm, where std's allocator is about 9 KB; what it gives
//! up (splitting and merging blocks) this crate does not need, since it allocates the same few small
//! shapes over and over (closures, option lists, origin strings).
//!
//! The logic is plain Rust over addresses, so it is tested natively (`tests/heap.rs`); the wasm
//! build plugs it into `memory.grow` in `runtime.rs`.

#![allow(unsafe_code)]

use core::alloc::Layout;
use core::ptr;

/// Bytes in a wasm page, the unit memory grows by.
pub const PAGE: usize = 65536;

/// The smallest block: room for the free-list link a free block holds.
const MIN: usize = 2 * core::mem::size_of::<usize>();

/// Size classes `MIN << k`, as many as an address can hold.
const CLASSES: usize = usize::BITS as usize;

/// The allocator's state: one free list per size class, and the bump region new blocks come from.
#[derive(Debug)]
pub struct Heap {
    /// The first free block of each class (0: none); each free block holds the next one's address.
    free: [usize; CLASSES],
    /// Where the next new block may start.
    next: usize,
    /// The end of the memory the heap owns.
    end: usize,
}

impl Default for Heap {
    fn default() -> Self {
        Self::new()
    }
}

/// The class of a layout: blocks are powers of two, aligned to their size, so any block of a class
/// suits any layout of that class.
fn class(layout: Layout) -> Option<usize> {
    let size = layout.size().max(layout.align()).max(MIN).checked_next_power_of_two()?;
    Some((size / MIN).trailing_zeros() as usize)
}

impl Heap {
    /// An empty heap, owning no memory yet.
    pub const fn new() -> Heap {
        Heap { free: [0; CLASSES], next: 0, end: 0 }
    }

    /// A block for `layout`, or `None` when memory cannot grow. `grow(pages)` adds `pages` pages of
    /// memory and returns the number of pages there were before (as `memory.grow` does).
    ///
    /// # Safety
    /// Addresses from `grow` must be memory this heap alone may read and write.
    pub unsafe fn alloc(&mut self, layout: Layout, mut grow: impl FnMut(usize) -> Option<usize>) -> Option<usize> {
        let k = class(layout)?;
        let size = MIN.checked_shl(k as u32)?;
        let head = *self.free.get(k)?;
        if head != 0 {
            // SAFETY: a free block of this class holds the address of the next one.
            self.free[k] = unsafe { ptr::read(head as *const usize) };
            return Some(head);
        }
        loop {
            let start = self.next.checked_add(size - 1)? & !(size - 1);
            let end = start.checked_add(size)?;
            if end <= self.end {
                self.next = end;
                return Some(start);
            }
            let pages = (end - self.end).div_ceil(PAGE);
            let before = grow(pages)?.checked_mul(PAGE)?;
            if before != self.end {
                // The first growth, or memory grown by someone else: start at the new memory.
                self.next = before;
            }
            self.end = before.checked_add(pages.checked_mul(PAGE)?)?;
        }
    }

    /// Return a block from [`alloc`](Heap::alloc) with the same `layout`.
    ///
    /// # Safety
    /// `address` came from `alloc(layout)` on this heap and is not used again.
    pub unsafe fn free(&mut self, address: usize, layout: Layout) {
        if let Some(head) = class(layout).and_then(|k| self.free.get_mut(k)) {
            // SAFETY: the block is at least MIN bytes, aligned, and ours again.
            unsafe { ptr::write(address as *mut usize, *head) };
            *head = address;
        }
    }

    /// Whether a block for `layout` also holds `new_size` bytes (so `realloc` keeps it in place).
    pub fn fits(layout: Layout, new_size: usize) -> bool {
        let grown = Layout::from_size_align(new_size, layout.align());
        grown.is_ok_and(|grown| class(grown) == class(layout))
    }
}
