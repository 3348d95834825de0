//! A user's crate: its own allocator, and one function of its own that uses embed-events.

use std::alloc::{GlobalAlloc, Layout, System};

struct Counting;

// SAFETY: forwards to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The user's own export.
#[no_mangle]
pub extern "C" fn user_probe(n: u32) -> u32 {
    let text = if n == 0 { r#"{"status":"exit"}"# } else { r#"{"status":"complete"}"# };
    #[cfg(feature = "webhooks")]
    {
        // The server half too: verification and decoding linked into the user's module.
        let none = |_: &str| -> Option<&'static [u8]> { None };
        let options = embed_events::webhook::SignereOptions::new("secret").expect("a secret");
        if embed_events::webhook::read_signere_webhook(text.as_bytes(), none, &options).is_ok() {
            return 2;
        }
    }
    match embed_events::decode::<embed_events::Ignition>(text) {
        embed_events::Decoded::Event(_) => 1,
        _ => 0,
    }
}
