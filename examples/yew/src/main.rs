//! A small Yew application (client-side rendered) on embed-events' Rust API.
//!
//! The `Flows` component embeds the Axle Ignition and Signere flows, served from another origin.
//! Each `Flow` watches its frame with a `Watch` and lists every typed event it receives. The
//! `Watcher` lives in the effect that started it and is dropped by that effect's cleanup when the
//! component unmounts: dropping a `Watcher` removes its window `message` listener. The "Unmount"
//! button removes the component; "Mount" puts a fresh one back.
//!
//! The page reads two query parameters:
//! - `vendor`: the origin serving the vendor pages (default `http://localhost:5174`);
//! - `intruder`: optional, the origin of a page that posts the same messages from a third origin.
//!   Its frame is shown, and nothing it posts reaches the flows.

use std::rc::Rc;

use embed_events::report::Ignored;
use embed_events::{ignition_url, Event, Ignition, IgnitionEvent, Signere, SignereEvent, Vendor, Watch};
use web_sys::HtmlIFrameElement;
use yew::prelude::*;

/// Where the vendor pages are when the page's URL does not say (`npm start`'s vendor server).
const DEFAULT_VENDOR: &str = "http://localhost:5174";

fn main() {
    yew::Renderer::<App>::new().render();
}

/// The page: the mount / unmount button and, while mounted, the flows.
#[component]
fn App() -> Html {
    let origins = use_state(|| {
        let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
        let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
        let param =
            |name: &str| params.as_ref().and_then(|p| p.get(name)).filter(|v| !v.is_empty()).map(AttrValue::from);
        (param("vendor").unwrap_or(AttrValue::Static(DEFAULT_VENDOR)), param("intruder"))
    });
    let (vendor, intruder) = (*origins).clone();
    let mounted = use_state(|| true);
    let toggle = {
        let mounted = mounted.clone();
        Callback::from(move |_| mounted.set(!*mounted))
    };
    html! {
        <>
            <header>
                <h1>{ "embed-events · Yew" }</h1>
                <button id="toggle" onclick={toggle}>{ if *mounted { "Unmount" } else { "Mount" } }</button>
            </header>
            if *mounted {
                <Flows {vendor} {intruder} />
            } else {
                <p id="unmounted">{ "Unmounted: its watchers were dropped, so no listener is left." }</p>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct FlowsProps {
    /// The vendor pages' origin.
    vendor: AttrValue,
    /// A third origin's page, if any.
    intruder: Option<AttrValue>,
}

/// Both flows, and the intruder's frame when there is one.
#[component]
fn Flows(props: &FlowsProps) -> Html {
    let vendor = &props.vendor;
    // Ignition posts nothing unless its URL carries this page's origin: `ignition_url` sets it.
    let ignition_src = ignition_url(&format!("{vendor}/ignition.html?token=ign_example"), None);
    // Signere learns the page's domain from its own configuration; the fake page reads `parent`.
    let page_origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    let signere_src = format!("{vendor}/signere.html?parent={}", js_sys::encode_uri_component(&page_origin));
    html! {
        <main>
            { match ignition_src {
                Ok(src) => html! { <Flow<Ignition> id="ignition" title="Axle Ignition" {src} origin={vendor.clone()} /> },
                Err(error) => html! { <p class="error">{ error.message() }</p> },
            } }
            <Flow<Signere> id="signere" title="Signere" src={signere_src} origin={vendor.clone()} />
            if let Some(origin) = &props.intruder {
                <section data-flow="intruder">
                    <h2>{ "Intruder" }</h2>
                    <p class="note">{ format!("{origin} posts look-alike messages: neither watcher delivers them.") }</p>
                    <iframe id="intruder-frame" title="Intruder" src={format!("{origin}/intruder.html?as=signere")} />
                </section>
            }
        </main>
    }
}

/// What the application makes of a vendor's events: a match on its typed variants.
trait Shown: Vendor {
    fn outcome(event: &Self::Event) -> String;
}

impl Shown for Ignition {
    fn outcome(event: &IgnitionEvent) -> String {
        match event {
            // The code is a secret for the server to exchange: sent there, never shown.
            IgnitionEvent::Complete { auth_code, .. } => {
                format!("Connected: send the authorization code ({} characters) to the server.", auth_code.len())
            }
            IgnitionEvent::Exit { step, .. } => format!("Left at {}.", step.as_deref().unwrap_or("an unknown step")),
            IgnitionEvent::Error { message, .. } => format!("Failed: {}", message.as_deref().unwrap_or("no message")),
        }
    }
}

impl Shown for Signere {
    fn outcome(event: &SignereEvent) -> String {
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
}

#[derive(Properties, PartialEq)]
struct FlowProps {
    /// Names the frame (`{id}-frame`) and the section (`data-flow`).
    id: AttrValue,
    title: AttrValue,
    /// The vendor page's URL.
    src: AttrValue,
    /// The only origin its messages may come from.
    origin: AttrValue,
}

/// What a flow's watcher reported.
#[derive(Clone, Default, PartialEq)]
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

enum Reported {
    Started,
    Failed(String),
    Event { line: String, outcome: String, terminal: bool },
    Ignored(String),
}

impl Reducible for Report {
    type Action = Reported;

    fn reduce(self: Rc<Self>, action: Reported) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        match action {
            Reported::Started => next = Report { active: true, ..Report::default() },
            Reported::Failed(message) => next.error = Some(message),
            Reported::Event { line, outcome, terminal } => {
                // With `once`, the watcher stopped right before delivering a terminal event.
                next.active &= !terminal;
                next.events.push(line);
                next.outcome = Some(outcome);
            }
            Reported::Ignored(what) => {
                next.ignored += 1;
                next.last_ignored = Some(what);
            }
        }
        Rc::new(next)
    }
}

/// One vendor's frame, its watcher, and what the watcher reported.
#[component]
fn Flow<V: Shown>(props: &FlowProps) -> Html {
    let frame = use_node_ref();
    let report = use_reducer(Report::default);
    {
        let frame = frame.clone();
        let report = report.dispatcher();
        // Runs once the frame is in the page (again if its URL or origin changes). The cleanup it
        // returns owns the Watcher: it runs when the component unmounts, and dropping the Watcher
        // removes its listener.
        use_effect_with((props.src.clone(), props.origin.clone()), move |(_, origin)| {
            let iframe = frame.cast::<HtmlIFrameElement>().expect("the frame is rendered");
            let (on_ignored, on_event) = (report.clone(), report.clone());
            let watcher = Watch::<V>::new()
                // Only messages from this frame's window, from the vendor's origin.
                .source(iframe)
                .origins([origin.as_str()])
                // The flow is over after a terminal event: stop listening then.
                .once(true)
                .on_ignored(move |Ignored { reason, origin, .. }| {
                    on_ignored.dispatch(Reported::Ignored(format!("{} from {origin}", reason.as_str())));
                })
                .start(move |event| {
                    on_event.dispatch(Reported::Event {
                        line: format!("{event:?}"),
                        outcome: V::outcome(&event),
                        terminal: event.is_terminal(),
                    });
                });
            match &watcher {
                Ok(_) => report.dispatch(Reported::Started),
                Err(error) => report.dispatch(Reported::Failed(error.message())),
            }
            move || drop(watcher)
        });
    }

    let r = &*report;
    html! {
        <section data-flow={props.id.clone()} data-active={r.active.to_string()}>
            <h2>
                { props.title.clone() }
                <span class="state">{ if r.active { "watching" } else { "stopped" } }</span>
            </h2>
            <iframe id={format!("{}-frame", props.id)} title={props.title.clone()} src={props.src.clone()} ref={frame} />
            if let Some(message) = &r.error {
                <p class="error">{ message.clone() }</p>
            }
            <p class="outcome">{ r.outcome.clone().unwrap_or_else(|| "Waiting for the flow…".into()) }</p>
            <ol class="events">
                { for r.events.iter().map(|line| html! { <li><code>{ line.clone() }</code></li> }) }
            </ol>
            <p class="ignored" data-ignored={r.ignored.to_string()}>
                { match (r.ignored, &r.last_ignored) {
                    (0, _) => "Nothing ignored.".to_owned(),
                    (count, last) => format!("Ignored {count}; the last: {}", last.as_deref().unwrap_or_default()),
                } }
            </p>
        </section>
    }
}
