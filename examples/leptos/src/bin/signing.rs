// The Leptos snippet of the project README (examples/leptos/README.md, "For the project README"),
// built with the example so that it stays a complete application that compiles.
use embed_events::{Signere, SignereEvent, Watch};
use leptos::html::Iframe;
use leptos::prelude::*;

/// Signere's signing page in a frame, and its events as they come.
#[component]
fn Signing(#[prop(into)] url: String) -> impl IntoView {
    let frame = NodeRef::<Iframe>::new();
    let events = RwSignal::new(Vec::<SignereEvent>::new());
    // Runs once the frame is mounted, when the NodeRef is set.
    Effect::new(move || {
        let Some(iframe) = frame.get() else { return };
        let watcher = Watch::<Signere>::new()
            .source(iframe) // only this frame's window, from its src's origin
            .start(move |event| events.update(|list| list.push(event)));
        // The component goes away: dropping the watcher removes its listener.
        on_cleanup(move || drop(watcher));
    });
    view! {
        <iframe src=url node_ref=frame />
        <ul>
            {move || events.get().into_iter().map(|event| view! { <li>{format!("{event:?}")}</li> }).collect_view()}
        </ul>
    }
}

fn main() {
    // The signing URL your server got from Signere.
    mount_to_body(|| view! { <Signing url="https://sign.idfy.io/…" /> });
}
