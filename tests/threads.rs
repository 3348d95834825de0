//! Which threads a `Watcher` may live on, checked when this file compiles.
//!
//! On `wasm32` without the `atomics` target feature (one thread per module) a `Watcher` is
//! `Send + Sync`, so that frameworks which ask for it (Leptos's `on_cleanup`, `StoredValue`,
//! signals) can keep it. Everywhere else, where threads share memory (`atomics`, native targets),
//! it must be neither, as it holds `Rc`s. `cargo test` compiles the second assertion natively;
//! `npm test` (scripts/test.sh) also compiles this file for wasm32-unknown-unknown, the first one,
//! and for wasm32 with `-C target-feature=+atomics`, the second one.
#![cfg(feature = "browser")]

use embed_events::{IgnitionEvent, SignereEvent, Watcher};

// The events are plain data on every target: they go into a framework's signals as they are.
const _: () = {
    const fn data<T: Send + Sync + Clone + 'static>() {}
    data::<IgnitionEvent>();
    data::<SignereEvent>();
};

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
const _: () = {
    const fn send_and_sync<T: Send + Sync>() {}
    send_and_sync::<Watcher>();
    send_and_sync::<Option<Watcher>>();
};

/// `T: NotSend<_>` has one impl when `T` is not `Send`, and two, so that `_` is ambiguous and the
/// crate does not compile, when it is (the `static_assertions::assert_not_impl_any!` trick).
#[cfg(not(all(target_arch = "wasm32", not(target_feature = "atomics"))))]
const _: () = {
    trait NotSend<A> {
        const OK: () = ();
    }
    impl<T: ?Sized> NotSend<()> for T {}
    struct IfSend;
    impl<T: ?Sized + Send> NotSend<IfSend> for T {}
    trait NotSync<A> {
        const OK: () = ();
    }
    impl<T: ?Sized> NotSync<()> for T {}
    struct IfSync;
    impl<T: ?Sized + Sync> NotSync<IfSync> for T {}
    <Watcher as NotSend<_>>::OK;
    <Watcher as NotSync<_>>::OK;
};

/// Listed by the test runner, so a run shows this file was built.
#[test]
fn watcher_threads_checked_at_compile_time() {}
