//! The npm build's allocator (src/heap.rs), driven natively over a region of real memory: blocks
//! are aligned, never overlap, keep their contents, are reused after free, and memory stops growing
//! once a workload repeats.
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{alloc_zeroed, dealloc, Layout};

use embed_events::heap::{Heap, PAGE};
use proptest::prelude::*;

/// A stand-in for wasm memory: `PAGES` pages of real memory, handed out by `grow` like
/// `memory.grow` does (returning the page count before, as an absolute page number).
struct Memory {
    base: *mut u8,
    grown: usize,
}

const PAGES: usize = 512;

impl Memory {
    fn new() -> Memory {
        // SAFETY: a non-zero size and a valid power-of-two alignment.
        let base = unsafe { alloc_zeroed(Layout::from_size_align(PAGES * PAGE, PAGE).unwrap()) };
        assert!(!base.is_null());
        Memory { base, grown: 0 }
    }

    fn grow(&mut self, pages: usize) -> Option<usize> {
        if self.grown + pages > PAGES {
            return None;
        }
        let before = self.base as usize / PAGE + self.grown;
        self.grown += pages;
        Some(before)
    }

    fn contains(&self, address: usize, size: usize) -> bool {
        let start = self.base as usize;
        address >= start && address + size <= start + self.grown * PAGE
    }
}

impl Drop for Memory {
    fn drop(&mut self) {
        // SAFETY: allocated in `new` with this layout.
        unsafe { dealloc(self.base, Layout::from_size_align(PAGES * PAGE, PAGE).unwrap()) }
    }
}

#[derive(Clone, Debug)]
enum Op {
    Alloc { size: usize, align: usize },
    /// Free the live block at this position (modulo the number of live blocks).
    Free(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let size = prop_oneof![4 => 0usize..200, 1 => 0usize..70_000];
    prop_oneof![
        3 => (size, 0u32..13).prop_map(|(size, align)| Op::Alloc { size, align: 1 << align }),
        2 => any::<usize>().prop_map(Op::Free),
    ]
}

struct Block {
    address: usize,
    layout: Layout,
    fill: u8,
}

/// Run `ops` on `heap`, checking every block; frees whatever is left at the end.
fn run(heap: &mut Heap, memory: &mut Memory, ops: &[Op]) -> Result<(), TestCaseError> {
    let mut live: Vec<Block> = Vec::new();
    for (n, op) in ops.iter().enumerate() {
        match *op {
            Op::Alloc { size, align } => {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: the memory is this heap's alone.
                let address = unsafe { heap.alloc(layout, |pages| memory.grow(pages)) };
                let address = address.ok_or_else(|| TestCaseError::fail("out of memory"))?;
                prop_assert_eq!(address % align, 0, "alignment");
                prop_assert!(memory.contains(address, size.max(1)), "inside grown memory");
                for other in &live {
                    let apart = address + size <= other.address || other.address + other.layout.size() <= address;
                    prop_assert!(apart || size == 0 || other.layout.size() == 0, "overlap");
                }
                let fill = n as u8;
                // SAFETY: the block is `size` bytes of the heap's memory, now ours.
                unsafe { std::ptr::write_bytes(address as *mut u8, fill, size) };
                live.push(Block { address, layout, fill });
            }
            Op::Free(i) if !live.is_empty() => {
                let block = live.swap_remove(i % live.len());
                free(heap, block)?;
            }
            Op::Free(_) => {}
        }
    }
    for block in live {
        free(heap, block)?;
    }
    Ok(())
}

fn free(heap: &mut Heap, block: Block) -> Result<(), TestCaseError> {
    // SAFETY: the block is live and `size` bytes long.
    let bytes = unsafe { std::slice::from_raw_parts(block.address as *const u8, block.layout.size()) };
    prop_assert!(bytes.iter().all(|&b| b == block.fill), "contents kept");
    // SAFETY: from `alloc` with this layout, not used again.
    unsafe { heap.free(block.address, block.layout) };
    Ok(())
}

proptest! {
    #[test]
    fn blocks_are_aligned_apart_and_kept_and_memory_stops_growing(ops in prop::collection::vec(op(), 1..300)) {
        let mut memory = Memory::new();
        let mut heap = Heap::new();
        run(&mut heap, &mut memory, &ops)?;
        let grown = memory.grown;
        // The same workload again is served from the free lists.
        run(&mut heap, &mut memory, &ops)?;
        prop_assert_eq!(memory.grown, grown);
    }
}

#[test]
fn a_freed_block_is_reused_for_the_same_class() {
    let mut memory = Memory::new();
    let mut heap = Heap::new();
    let layout = Layout::from_size_align(24, 8).unwrap();
    // SAFETY: the memory is this heap's alone; each block is freed once.
    unsafe {
        let a = heap.alloc(layout, |p| memory.grow(p)).unwrap();
        heap.free(a, layout);
        let b = heap.alloc(Layout::from_size_align(32, 4).unwrap(), |p| memory.grow(p)).unwrap();
        assert_eq!(a, b);
    }
    assert!(Heap::fits(layout, 32));
    assert!(!Heap::fits(layout, 33));
}

#[test]
fn an_impossible_layout_or_full_memory_gives_none() {
    let mut memory = Memory::new();
    let mut heap = Heap::new();
    let huge = Layout::from_size_align(isize::MAX as usize, 1).unwrap();
    // SAFETY: the memory is this heap's alone.
    unsafe {
        assert_eq!(heap.alloc(huge, |p| memory.grow(p)), None);
        let too_big = Layout::from_size_align(PAGES * PAGE * 2, 1).unwrap();
        assert_eq!(heap.alloc(too_big, |p| memory.grow(p)), None);
        assert!(heap.alloc(Layout::from_size_align(8, 8).unwrap(), |p| memory.grow(p)).is_some());
    }
}
