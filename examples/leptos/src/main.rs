//! A small Leptos application (client-side rendered) on embed-events' Rust API.
//!
//! The `Flows` component embeds the Axle Ignition and Signere flows, served from another origin.
//! Each `Flow` starts a `Watch` in an `Effect` once its frame is mounted (a `NodeRef`) and lists
//! every typed event it receives in a signal. The `Watcher` is kept the way Leptos keeps things:
//! `on_cleanup(move || drop(watcher))`, which runs when the component goes away, and dropping a
//! `Watcher` removes its window `message` listener. The "Unmount" button hides the flows (a
//! `<Show>`); "Mount" puts fresh ones back.
//!
//! The page reads two query parameters:
//! - `vendor`: the origin serving the vendor pages (default `http://localhost:5174`);
//! - `intruder`: optional, the origin of a page that posts the same messages from a third origin.
//!   Its frame is shown, and nothing it posts reaches the flows.
//!
//! Built without its default feature `watch`, the application is the same minus the watchers: the
//! size measurement in README.md compares the two.

use embed_events::{ignition_url, Event, Ignition, IgnitionEvent, Signere, SignereEvent, Vendor};
use leptos::html::Iframe;
use leptos::prelude::*;

/// Where the vendor pages are when the page's URL does not say (`npm start`'s vendor server).
const DEFAULT_VENDOR: &str = "http://localhost:5174";

fn main() {
    leptos::mount::mount_to_body(App);
}

/// A non-empty query parameter of the page's URL.
fn query(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name).filter(|v| !v.is_empty())
}

/// The page: the mount / unmount button and, while mounted, the flows.
#[component]
fn App() -> impl IntoView {
    let vendor = query("vendor").unwrap_or_else(|| DEFAULT_VENDOR.into());
    let intruder = query("intruder");
    let mounted = RwSignal::new(true);
    view! {
        <header>
            <h1>"embed-events · Leptos"</h1>
            <button id="toggle" on:click=move |_| mounted.update(|m| *m = !*m)>
                {move || if mounted.get() { "Unmount" } else { "Mount" }}
            </button>
        </header>
        <Show
            when=move || mounted.get()
            fallback=|| view! { <p id="unmounted">"Unmounted: its watchers were dropped, so no listener is left."</p> }
        >
            <Flows vendor_origin=vendor.clone() intruder=intruder.clone() />
        </Show>
    }
}

/// Both flows, and the intruder's frame when there is one.
#[component]
fn Flows(
    /// The vendor pages' origin.
    vendor_origin: String,
    /// A third origin's page, if any.
    intruder: Option<String>,
) -> impl IntoView {
    // Ignition posts nothing unless its URL carries this page's origin: `ignition_url` sets it.
    let ignition_src = ignition_url(&format!("{vendor_origin}/ignition.html?token=ign_example"), None);
    // Signere learns the page's domain from its own configuration; the fake page reads `parent`.
    let page_origin = window().location().origin().unwrap_or_default();
    let signere_src = format!("{vendor_origin}/signere.html?parent={}", js_sys::encode_uri_component(&page_origin));
    view! {
        <main>
            {match ignition_src {
                Ok(src) => {
                    view! { <Flow vendor=Ignition id="ignition" title="Axle Ignition" src origin=vendor_origin.clone() outcome=ignition_outcome /> }
                        .into_any()
                }
                Err(error) => view! { <p class="error">{error.message()}</p> }.into_any(),
            }}
            <Flow vendor=Signere id="signere" title="Signere" src=signere_src origin=vendor_origin outcome=signere_outcome />
            {intruder.map(|origin| view! {
                <section data-flow="intruder">
                    <h2>"Intruder"</h2>
                    <p class="note">{format!("{origin} posts look-alike messages: neither watcher delivers them.")}</p>
                    <iframe id="intruder-frame" title="Intruder" src=format!("{origin}/intruder.html?as=signere") />
                </section>
            })}
        </main>
    }
}

/// What the application makes of an Ignition event: a match on its typed variants.
fn ignition_outcome(event: &IgnitionEvent) -> String {
    match event {
        // The code is a secret for the server to exchange: sent there, never shown.
        IgnitionEvent::Complete { auth_code, .. } => {
            format!("Connected: send the authorization code ({} characters) to the server.", auth_code.len())
        }
        IgnitionEvent::Exit { step, .. } => format!("Left at {}.", step.as_deref().unwrap_or("an unknown step")),
        IgnitionEvent::Error { message, .. } => format!("Failed: {}", message.as_deref().unwrap_or("no message")),
    }
}

/// What the application makes of a Signere event.
fn signere_outcome(event: &SignereEvent) -> String {
    match event {
        SignereEvent::SignSuccess { .. } => "Signed.".into(),
        SignereEvent::SignError { code, message, .. } => format!(
            "Signing failed ({}): {}",
            code.as_deref().unwrap_or("no code"),
            message.as_deref().unwrap_or("no message")
        ),
        SignereEvent::UserAborted { .. } => "The signer gave up.".into(),
        SignereEvent::DocumentExpired { .. } => "The document expired.".into(),
        other => format!("In progress: {}", other.name()),
    }
}

/// What a flow's watcher reported.
#[derive(Clone, Default)]
struct Report {
    active: bool,
    /// Each event's `Debug`, which redacts secrets such as Ignition's auth code.
    events: Vec<String>,
    /// What the application made of the last event.
    outcome: Option<String>,
    ignored: usize,
    last_ignored: Option<String>,
    error: Option<String>,
}

/// One vendor's frame, its watcher, and what the watcher reported.
#[component]
fn Flow<V: Vendor>(
    /// Whose flow: `Ignition` or `Signere`. Only its type is used: it sets `V`.
    vendor: V,
    /// Names the frame (`{id}-frame`) and the section (`data-flow`).
    id: &'static str,
    title: &'static str,
    /// The vendor page's URL.
    src: String,
    /// The only origin its messages may come from.
    origin: String,
    /// What the application makes of an event.
    outcome: fn(&V::Event) -> String,
) -> impl IntoView {
    let _: V = vendor;
    let frame = NodeRef::<Iframe>::new();
    let report = RwSignal::new(Report::default());
    // Runs once the frame is in the page, when the NodeRef is set.
    Effect::new(move || {
        let Some(iframe) = frame.get() else { return };
        #[cfg(feature = "watch")]
        {
            use embed_events::{report::Ignored, Watch};
            let watcher = Watch::<V>::new()
                // Only messages from this frame's window, from the vendor's origin.
                .source(iframe)
                .origins([origin.as_str()])
                // The flow is over after a terminal event: stop listening then.
                .once(true)
                .on_ignored(move |Ignored { reason, origin, .. }| {
                    report.update(|r| {
                        r.ignored += 1;
                        r.last_ignored = Some(format!("{} from {origin}", reason.as_str()));
                    })
                })
                .start(move |event| {
                    report.update(|r| {
                        // With `once`, the watcher stopped right before delivering a terminal event.
                        r.active &= !event.is_terminal();
                        r.events.push(format!("{event:?}"));
                        r.outcome = Some(outcome(&event));
                    })
                });
            match &watcher {
                Ok(_) => report.set(Report { active: true, ..Report::default() }),
                Err(error) => report.update(|r| r.error = Some(error.message())),
            }
            // Runs when the component goes away (or before this effect runs again): dropping the
            // Watcher removes its listener. A Watcher is Send + Sync on wasm32, as Leptos asks.
            on_cleanup(move || drop(watcher));
        }
        #[cfg(not(feature = "watch"))]
        let _ = (iframe, &origin, outcome);
    });

    view! {
        <section data-flow=id data-active=move || report.with(|r| r.active.to_string())>
            <h2>
                {title}
                <span class="state">{move || if report.with(|r| r.active) { "watching" } else { "stopped" }}</span>
            </h2>
            <iframe id=format!("{id}-frame") title=title src=src node_ref=frame />
            {move || report.with(|r| r.error.clone()).map(|message| view! { <p class="error">{message}</p> })}
            <p class="outcome">{move || report.with(|r| r.outcome.clone()).unwrap_or_else(|| "Waiting for the flow…".into())}</p>
            <ol class="events">
                {move || report.with(|r| r.events.iter().map(|line| view! { <li><code>{line.clone()}</code></li> }).collect_view())}
            </ol>
            <p class="ignored" data-ignored=move || report.with(|r| r.ignored.to_string())>
                {move || report.with(|r| match (r.ignored, &r.last_ignored) {
                    (0, _) => "Nothing ignored.".to_owned(),
                    (count, last) => format!("Ignored {count}; the last: {}", last.as_deref().unwrap_or_default()),
                })}
            </p>
        </section>
    }
}
