//! The browser shell for Rust users: a window `message` listener that checks the sender (source,
//! then origin), lets the decoder read the data object where it is (a JSON string parsed first),
//! and calls Rust closures with typed events. Dropping the [`Watcher`] removes the listener.

use alloc::boxed::Box;
use alloc::collections::VecDeque;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
use core::fmt;
use core::marker::PhantomData;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortSignal, HtmlIFrameElement, MessageEvent, Window};

use crate::decode::{Decoded, Malformed, Member, Message, Problem};
use crate::origin::{AllowList, Origin, OriginError};
use crate::silence::Silence;
use crate::vendors::{Environment, Event, Ignition, Vendor};
use crate::WatchError;

/// A message's data object as the decoder reads it in the browser: members are own enumerable data
/// properties, read through their descriptors, so a getter is never called; a Proxy trap that
/// throws makes the member "anything else". Objects met on the way are kept, and referred to by
/// their position.
struct JsMessage {
    objects: RefCell<Vec<JsValue>>,
    /// The table's tag key, and the string the decoder read there on the root object (what a
    /// malformed message reports as its `name`, never read again: a Proxy could answer otherwise).
    tag_key: &'static str,
    tag: RefCell<Option<String>>,
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/js/read.js")]
extern "C" {
    /// An object and not an array (a revoked Proxy is neither).
    #[wasm_bindgen(js_name = isRecord)]
    fn is_record(value: &JsValue) -> bool;
    /// `[JSON.parse(text)]`, or `undefined` when `text` is not JSON.
    fn parse(text: &str) -> JsValue;
    /// An own enumerable data property's value; `undefined` when none; a symbol when reading threw.
    fn member(object: &JsValue, key: &str) -> JsValue;
}

impl Message for JsMessage {
    type Object = usize;
    type Text = String;

    fn root(&self) -> Option<usize> {
        self.objects.borrow().first().filter(|data| is_record(data)).map(|_| 0)
    }

    fn member(&self, object: usize, key: &str) -> Member<usize, String> {
        let Some(target) = self.objects.borrow().get(object).cloned() else { return Member::Absent };
        let value = member(&target, key);
        if value.is_undefined() || value.is_null() {
            Member::Absent
        } else if let Some(text) = value.as_string() {
            if object == 0 && key == self.tag_key {
                *self.tag.borrow_mut() = Some(text.clone());
            }
            Member::Text(text)
        } else if is_record(&value) {
            let mut objects = self.objects.borrow_mut();
            objects.push(value);
            Member::Object(objects.len() - 1)
        } else {
            Member::Other
        }
    }

    fn text(&self, text: &String) -> String {
        text.clone()
    }

    fn text_is(&self, text: &String, value: &str) -> bool {
        text == value
    }
}

/// The frame a vendor's flow runs in: messages from any other window are ignored.
///
/// ```no_run
/// use embed_events::report::Source;
/// use wasm_bindgen::JsCast;
/// let document = web_sys::window().unwrap().document().unwrap();
/// let iframe: web_sys::HtmlIFrameElement = document.get_element_by_id("ignition").unwrap().unchecked_into();
/// let source = Source::from(iframe);
/// ```
#[derive(Clone, Debug)]
pub enum Source {
    /// An `<iframe>`: messages must come from its `contentWindow` (read at each message, so a
    /// removed frame's messages are ignored). Its `src` gives the default allowed origin.
    Frame(HtmlIFrameElement),
    /// A window, e.g. a popup from `window.open`.
    Window(Window),
}

impl From<HtmlIFrameElement> for Source {
    fn from(frame: HtmlIFrameElement) -> Source {
        Source::Frame(frame)
    }
}

impl From<Window> for Source {
    fn from(window: Window) -> Source {
        Source::Window(window)
    }
}

/// Why a message was not delivered.
///
/// ```
/// use embed_events::report::Reason;
/// assert_eq!([Reason::Source, Reason::Origin, Reason::Malformed].map(Reason::as_str), ["source", "origin", "malformed"]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Sent by another window than the watched source.
    Source,
    /// Sent from an origin that is not allowed.
    Origin,
    /// From an allowed sender, but its data does not decode.
    Malformed,
}

impl Reason {
    /// `"source"`, `"origin"` or `"malformed"`, as JavaScript's `onIgnored` receives it.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Source => "source",
            Reason::Origin => "origin",
            Reason::Malformed => "malformed",
        }
    }
}

/// A message that was not delivered.
///
/// ```
/// use embed_events::report::{Ignored, Reason};
/// let ignored = Ignored {
///     reason: Reason::Origin,
///     origin: "https://evil.example".into(),
///     detail: "origin is not in the allow-list".into(),
///     name: None,
///     data: None,
/// };
/// assert_eq!(ignored.reason.as_str(), "origin");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Ignored {
    /// Why it was ignored.
    pub reason: Reason,
    /// The message's origin.
    pub origin: String,
    /// A short human-readable explanation (never a field's value).
    pub detail: String,
    /// For [`Reason::Malformed`] data of an allowed sender that decoded to an object: its
    /// `status` / `type`, when that is a string, as [`Unknown::name`] gets it (what the vendor
    /// sent when a known type's payload changed shape).
    pub name: Option<String>,
    /// For [`Reason::Malformed`] data of an allowed sender that decoded to an object: that object,
    /// as [`Unknown::data`] gets it. Never logged by `debug`.
    pub data: Option<JsValue>,
}

/// A well-formed message from an allowed sender whose `status` / `type` this version does not know.
///
/// ```
/// let unknown = embed_events::report::Unknown { name: "document_signed".into(), data: wasm_bindgen::JsValue::NULL };
/// assert_eq!(unknown.name, "document_signed");
/// ```
#[derive(Clone, Debug)]
pub struct Unknown {
    /// The `status` / `type` string.
    pub name: String,
    /// The message's data (a JSON string's parsed object).
    pub data: JsValue,
}

type Callback<T> = Option<Box<dyn FnMut(T)>>;

/// Builds a watcher for vendor `V`: set options, then [`start`](Watch::start) with a handler.
///
/// ```no_run
/// use embed_events::{Ignition, IgnitionEvent, Watch};
/// # fn send_to_backend(_: &str) {}
/// let watcher = Watch::<Ignition>::new()
///     .once(true)
///     .on_ignored(|ignored| web_sys::console::warn_1(&ignored.detail.into()))
///     .start(|event| {
///         if let IgnitionEvent::Complete { auth_code, .. } = event {
///             send_to_backend(&auth_code);
///         }
///     })
///     .expect("valid options");
/// // Dropping `watcher` stops it; keep it as long as the flow is on screen.
/// # drop(watcher);
/// ```
#[must_use = "a Watch does nothing until start() is called"]
pub struct Watch<V: Vendor> {
    origins: Option<Vec<String>>,
    environment: Option<&'static str>,
    source: Option<Source>,
    once: bool,
    debug: bool,
    signal: Option<AbortSignal>,
    on_unknown: Callback<Unknown>,
    on_ignored: Callback<Ignored>,
    on_outcome: Option<Box<dyn FnOnce(Option<V::Event>)>>,
    on_silence: Option<(u32, Box<dyn FnOnce(&Silence, String)>)>,
    vendor: PhantomData<V>,
}

impl<V: Vendor> fmt::Debug for Watch<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Watch")
            .field("vendor", &V::TABLE.name)
            .field("origins", &self.origins)
            .field("environment", &self.environment)
            .field("source", &self.source)
            .field("once", &self.once)
            .field("debug", &self.debug)
            .finish_non_exhaustive()
    }
}

impl<V: Vendor> Default for Watch<V> {
    fn default() -> Self {
        Watch {
            origins: None,
            environment: None,
            source: None,
            once: false,
            debug: false,
            signal: None,
            on_unknown: None,
            on_ignored: None,
            on_outcome: None,
            on_silence: None,
            vendor: PhantomData,
        }
    }
}

impl Watch<Ignition> {
    /// Which Ignition deployment's origin to allow when `origins` is not given.
    pub fn environment(mut self, environment: Environment) -> Self {
        self.environment = Some(environment.name());
        self
    }
}

impl<V: Vendor> Watch<V> {
    /// A watcher with no options set.
    pub fn new() -> Self {
        Self::default()
    }

    /// The allowed message origins (normalised when the watcher starts).
    pub fn origins<I, S>(mut self, origins: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.origins = Some(origins.into_iter().map(Into::into).collect());
        self
    }

    /// Only accept messages from this frame or window.
    pub fn source(mut self, source: impl Into<Source>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// Stop right before delivering the first terminal event (which is still delivered).
    pub fn once(mut self, once: bool) -> Self {
        self.once = once;
        self
    }

    /// Stop when `signal` aborts.
    pub fn signal(mut self, signal: AbortSignal) -> Self {
        self.signal = Some(signal);
        self
    }

    /// Log each delivered or ignored message with `console.debug`, secrets redacted.
    pub fn debug(mut self, debug: bool) -> Self {
        self.debug = debug;
        self
    }

    /// Called for a well-formed message whose tag this version does not know.
    pub fn on_unknown(mut self, f: impl FnMut(Unknown) + 'static) -> Self {
        self.on_unknown = Some(Box::new(f));
        self
    }

    /// Called for each message that is not delivered, with the reason.
    pub fn on_ignored(mut self, f: impl FnMut(Ignored) + 'static) -> Self {
        self.on_ignored = Some(Box::new(f));
        self
    }

    /// Called once with the first terminal event, after `start`'s handler has had it, or with
    /// `None` when the watcher stops first: the outcome of the flow (JavaScript's
    /// `watcher.outcome`).
    ///
    /// ```no_run
    /// use embed_events::{Ignition, IgnitionEvent, Watch};
    /// let watcher = Watch::<Ignition>::new()
    ///     .once(true)
    ///     .on_outcome(|outcome| match outcome {
    ///         Some(IgnitionEvent::Complete { auth_code, .. }) => web_sys::console::log_1(&"connected".into()),
    ///         Some(_) => web_sys::console::log_1(&"left or failed".into()),
    ///         None => web_sys::console::log_1(&"stopped before the end".into()),
    ///     })
    ///     .start(|_| {})?;
    /// # drop(watcher);
    /// # Ok::<(), embed_events::WatchError>(())
    /// ```
    pub fn on_outcome(mut self, f: impl FnOnce(Option<V::Event>) + 'static) -> Self {
        self.on_outcome = Some(Box::new(f));
        self
    }

    /// When nothing has been heard from the vendor `ms` milliseconds after the start (no message
    /// passed the source and origin checks), call `f` once with the counts of what was ignored and a
    /// sentence naming the likely cause and its fix ([`Silence::detail`]); the watcher keeps
    /// listening.
    ///
    /// ```no_run
    /// use embed_events::{Signere, Watch};
    /// let watcher = Watch::<Signere>::new()
    ///     .origins(["https://sign.idfy.io"])
    ///     .on_silence(5000, |_silence, detail| web_sys::console::warn_1(&detail.into()))
    ///     .start(|_| {})?;
    /// # drop(watcher);
    /// # Ok::<(), embed_events::WatchError>(())
    /// ```
    pub fn on_silence(mut self, ms: u32, f: impl FnOnce(&Silence, String) + 'static) -> Self {
        self.on_silence = Some((ms, Box::new(f)));
        self
    }

    /// Attach the listener; `handler` receives every event. Fails, naming the option at fault,
    /// when the options do not give a valid allow-list, or outside a browser page.
    pub fn start(self, handler: impl FnMut(V::Event) + 'static) -> Result<Watcher, WatchError> {
        let window = web_sys::window().ok_or(WatchError::NoWindow)?;
        let frame = match &self.source {
            Some(Source::Frame(frame)) => Some(frame.clone()),
            _ => None,
        };
        let frame_src = frame.as_ref().map(HtmlIFrameElement::src);
        // A host `Origin::parse` does not canonicalise itself (`Unsupported`) is the engine's to
        // canonicalise, as it is for the JavaScript watcher: `new URL(entry).origin` stands in.
        let parse = |entry: &str| {
            Origin::parse(entry).or_else(|error| {
                if error != OriginError::Unsupported {
                    return Err(error);
                }
                let host_of = |name: &str| web_sys::Url::new(&(String::from("http://") + name)).ok().map(|url| url.host());
                let engine = web_sys::Url::new(entry).ok();
                engine.and_then(|url| Origin::from_engine(url.origin(), host_of)).ok_or(error)
            })
        };
        let allow = V::TABLE.allow_list_with(
            self.origins.as_deref(),
            self.environment,
            frame_src.as_deref(),
            self.source.is_some(),
            &parse,
        )?;
        let state = Rc::new(State { active: Cell::new(true), stop: RefCell::new(None) });
        // The outcome callback, until it has had its answer: the first terminal event, or `None`
        // from `stop`.
        let outcome: Rc<RefCell<Option<Box<dyn FnOnce(Option<V::Event>)>>>> = Rc::new(RefCell::new(self.on_outcome));
        if self.signal.as_ref().is_some_and(AbortSignal::aborted) {
            state.active.set(false);
            if let Some(f) = outcome.borrow_mut().take() {
                f(None);
            }
            return Ok(Watcher { state, stop_on_drop: true });
        }
        let silence = Rc::new(Quiet { heard: Cell::new(false), counts: RefCell::new(Silence::new(0)) });
        // Without `origins`, a message from the vendor's origin of another environment is named as
        // such, with the `environment` value that accepts it.
        let environment = if self.origins.is_none() { Some(self.environment) } else { None };
        let listener = Listener::<V> {
            state: state.clone(),
            environments: environment.is_some(),
            allow,
            source: self.source,
            once: self.once,
            debug: self.debug,
            outcome: outcome.clone(),
            silence: silence.clone(),
            handler: RefCell::new(Box::new(handler)),
            on_unknown: RefCell::new(self.on_unknown),
            on_ignored: RefCell::new(self.on_ignored),
            busy: Cell::new(false),
            waiting: RefCell::new(VecDeque::new()),
        };
        // `Fn`, not `FnMut`: a callback may dispatch a message synchronously, which re-enters it.
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| listener.receive(event));
        let target: &web_sys::EventTarget = window.as_ref();
        target
            .add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref())
            .map_err(|_| WatchError::NoWindow)?;
        let on_abort = self.signal.as_ref().map(|signal| {
            let weak = Rc::downgrade(&state);
            let on_abort = Closure::<dyn Fn()>::new(move || {
                if let Some(state) = weak.upgrade() {
                    state.stop();
                }
            });
            let _ = signal.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
            on_abort
        });
        if self.debug {
            let src = frame_src.as_deref();
            let missing = crate::silence::missing_parameter(V::TABLE, src);
            let other = environment.and_then(|e| crate::silence::src_environment(V::TABLE, src, e));
            for warning in [missing, other.map(|name| crate::silence::src_sentence(V::TABLE, name))].into_iter().flatten() {
                let mut line = String::from("embed-events: ");
                line.push_str(V::TABLE.watch_fn);
                line.push_str(": ");
                line.push_str(&warning);
                web_sys::console::warn_1(&line.into());
            }
        }
        let timer = self.on_silence.map(|(ms, f)| {
            let quiet = silence.clone();
            let state = Rc::downgrade(&state);
            let mut f = Some(f);
            // The frame's src is read when the report is made, as the JavaScript watcher does: a
            // page may set it after starting the watcher.
            let frame = frame.clone();
            let report = Closure::<dyn FnMut()>::new(move || {
                let active = state.upgrade().is_some_and(|state| state.active.get());
                if let (true, false, Some(f)) = (active, quiet.heard.get(), f.take()) {
                    let mut counts = quiet.counts.borrow().clone();
                    counts.ms = ms;
                    let src = frame.as_ref().map(HtmlIFrameElement::src);
                    let detail = match environment {
                        Some(environment) => counts.detail_without_origins(V::TABLE, src.as_deref(), environment),
                        None => counts.detail(V::TABLE, src.as_deref()),
                    };
                    f(&counts, detail);
                }
            });
            let id = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(report.as_ref().unchecked_ref(), ms.min(i32::MAX as u32) as i32)
                .unwrap_or(0);
            (id, report)
        });
        let signal = self.signal;
        *state.stop.borrow_mut() = Some(Box::new(move || {
            let _ = target_remove(&window, "message", &on_message);
            if let (Some(signal), Some(on_abort)) = (&signal, &on_abort) {
                let _ = signal.remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
            }
            if let Some((id, _)) = &timer {
                window.clear_timeout_with_handle(*id);
            }
            drop(on_message);
            drop(on_abort);
            drop(timer);
            if let Some(f) = outcome.borrow_mut().take() {
                f(None);
            }
        }));
        Ok(Watcher { state, stop_on_drop: true })
    }
}

fn target_remove<T: ?Sized>(window: &Window, kind: &str, closure: &Closure<T>) -> Result<(), JsValue> {
    let target: &web_sys::EventTarget = window.as_ref();
    target.remove_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())
}

/// What a watcher and its listener share: whether it is active, and how to detach it.
struct State {
    active: Cell<bool>,
    stop: RefCell<Option<Box<dyn FnOnce()>>>,
}

impl State {
    fn stop(&self) {
        self.active.set(false);
        // Taken out first: the closure being dropped may be the one running now.
        let stop = self.stop.borrow_mut().take();
        if let Some(stop) = stop {
            stop();
        }
    }
}

/// What a watcher with `on_silence` has heard: whether anything passed the source and origin
/// checks, and what was ignored until then.
struct Quiet {
    heard: Cell<bool>,
    counts: RefCell<Silence>,
}

struct Listener<V: Vendor> {
    state: Rc<State>,
    outcome: Rc<RefCell<Option<Box<dyn FnOnce(Option<V::Event>)>>>>,
    silence: Rc<Quiet>,
    allow: AllowList,
    /// Whether the allow-list comes from no `origins` (so the `environment` value fixes a message
    /// from the vendor's origin of another environment).
    environments: bool,
    source: Option<Source>,
    once: bool,
    debug: bool,
    handler: RefCell<Box<dyn FnMut(V::Event)>>,
    on_unknown: RefCell<Callback<Unknown>>,
    on_ignored: RefCell<Callback<Ignored>>,
    busy: Cell<bool>,
    waiting: RefCell<VecDeque<MessageEvent>>,
}

impl<V: Vendor> Listener<V> {
    /// A message dispatched from inside one of this watcher's callbacks waits until the current
    /// one is handled: a callback is never re-entered.
    fn receive(&self, event: MessageEvent) {
        if self.busy.replace(true) {
            self.waiting.borrow_mut().push_back(event);
            return;
        }
        let mut next = Some(event);
        while let Some(event) = next {
            if !self.state.active.get() {
                break;
            }
            self.handle(&event);
            next = self.waiting.borrow_mut().pop_front();
        }
        self.waiting.borrow_mut().clear();
        self.busy.set(false);
    }

    fn handle(&self, event: &MessageEvent) {
        // Read, not `event.origin()`: a plain `Event("message")` has no origin, and must not throw.
        let origin = js_sys::Reflect::get(event, &"origin".into()).ok().and_then(|o| o.as_string()).unwrap_or_default();
        if let Some(source) = &self.source {
            let expected: Option<JsValue> = match source {
                Source::Frame(frame) => frame.content_window().map(Into::into),
                Source::Window(window) => Some(window.clone().into()),
            };
            let heard = match expected {
                Some(window) => event.source().map(JsValue::from) == Some(window),
                None => windowless(source, event),
            };
            if !heard {
                return self.ignore(Reason::Source, origin, "sent by another window than the watched source".into());
            }
        }
        if !self.allow.allows(&origin) {
            let detail = if !event.is_instance_of::<MessageEvent>() {
                "not a MessageEvent".into()
            } else if let Some(name) = V::TABLE.environment_of(&origin).filter(|_| self.environments) {
                String::from("origin is ") + &V::TABLE.other_environment(name)
            } else {
                "origin is not in the allow-list".into()
            };
            return self.ignore(Reason::Origin, origin, detail);
        }
        self.silence.heard.set(true);
        let mut data = event.data();
        if let Some(text) = data.as_string() {
            let parsed = parse(&text);
            if parsed.is_undefined() {
                return self.ignore(Reason::Malformed, origin, bad_data(Problem::NotJson));
            }
            data = js_sys::Reflect::get_u32(&parsed, 0).unwrap_or(JsValue::UNDEFINED);
        }
        if !is_record(&data) {
            return self.ignore(Reason::Malformed, origin, bad_data(Problem::NotObject));
        }
        let message = JsMessage { objects: RefCell::new(alloc::vec![data]), tag_key: V::TABLE.tag, tag: RefCell::new(None) };
        let decoded = V::TABLE.decode_message(&message);
        let data = message.objects.borrow_mut().swap_remove(0);
        match decoded {
            Decoded::Event((index, values)) => match V::Event::from_parts(index, values) {
                Some(event) => self.deliver(event),
                None => self.ignore(Reason::Malformed, origin, bad_data(Problem::NotObject)),
            },
            Decoded::Unknown(name) => {
                if self.debug {
                    log("unknown", "onUnknown", &name);
                }
                if let Some(f) = self.on_unknown.borrow_mut().as_mut() {
                    f(Unknown { name, data });
                }
            }
            Decoded::Malformed(malformed) => {
                let name = message.tag.take();
                self.report(Ignored { reason: Reason::Malformed, origin, detail: malformed.detail(), name, data: Some(data) })
            }
        }
    }

    fn deliver(&self, event: V::Event) {
        // The outcome is taken before `once` stops the watcher, which would answer it with `None`.
        let outcome = if event.is_terminal() { self.outcome.borrow_mut().take() } else { None };
        if self.once && event.is_terminal() {
            self.state.stop();
        }
        if self.debug {
            log("delivered", event.callback(), &redacted(&event));
        }
        match outcome {
            Some(f) => {
                (self.handler.borrow_mut())(event.clone());
                f(Some(event));
            }
            None => (self.handler.borrow_mut())(event),
        }
    }

    fn ignore(&self, reason: Reason, origin: String, detail: String) {
        self.report(Ignored { reason, origin, detail, name: None, data: None });
    }

    fn report(&self, ignored: Ignored) {
        let Ignored { reason, ref origin, ref detail, ref name, .. } = ignored;
        if !self.silence.heard.get() && reason != Reason::Malformed {
            self.silence.counts.borrow_mut().note_ignored(reason == Reason::Origin, origin);
        }
        // Without `data`, which may hold secrets.
        if self.debug {
            let mut line = String::from(reason.as_str());
            if let Some(name) = name {
                line.push(' ');
                line.push_str(name);
            }
            line.push_str(" from ");
            line.push_str(origin);
            line.push_str(": ");
            line.push_str(detail);
            log("ignored", "onIgnored", &line);
        }
        if let Some(f) = self.on_ignored.borrow_mut().as_mut() {
            f(ignored);
        }
    }
}

/// Whether `event` is heard from a watched frame that has no window, as the JavaScript watcher
/// decides it (`windowless` in src/js/index.js), so that both APIs give one answer in every
/// engine. WebKitGTK gives a connected frame no window when it refuses the frame's `src` (a port
/// the Fetch standard blocks, such as 9), where Chromium and Firefox load an error page into a
/// window; happy-dom gives no frame a window. Such a frame posts nothing: a message "from" it is a
/// synthetic one the page dispatched itself (never `isTrusted`) with a `null` source.
fn windowless(source: &Source, event: &MessageEvent) -> bool {
    let Source::Frame(frame) = source else {
        return false;
    };
    let null_source = js_sys::Reflect::get(event, &"source".into()).is_ok_and(|s| s.is_null());
    let connected = js_sys::Reflect::get(frame, &"isConnected".into()).is_ok_and(|c| c.as_bool() == Some(true));
    null_source && connected && !event.is_trusted()
}

/// `data: …`, the detail of data that is not a JSON object.
fn bad_data(problem: Problem) -> String {
    Malformed { path: "data", problem }.detail()
}

/// The event value as JSON, its secret fields written as `"[redacted]"`.
fn redacted<E: Event>(event: &E) -> String {
    let spec = event.spec();
    crate::json::event_json(E::TABLE.tag, event.name(), &mut |emit| {
        event.for_each_field(&mut |key, value| {
            let secret = spec.fields.iter().any(|f| f.key == key && f.secret);
            emit(key, if secret { "[redacted]" } else { value });
        })
    })
}

fn log(what: &str, callback: &str, value: &str) {
    let mut prefix = String::from("[embed-events] ");
    prefix.push_str(what);
    web_sys::console::debug_3(&prefix.into(), &callback.into(), &value.into());
}

/// A running watcher. Dropping it stops it (removes the listener); call
/// [`forget`](Watcher::forget) to keep it for the page's lifetime.
///
/// Threads: a `Watcher` lives on the thread that started it, the page's. On `wasm32` without the
/// `atomics` target feature (the usual build, where the page has one thread) it is `Send + Sync`,
/// as wasm-bindgen's `JsValue` is, so it can be kept where a framework wants `Send + Sync` values:
/// Leptos's `on_cleanup(move || drop(watcher))`, `StoredValue::new(Some(watcher))` or an
/// `RwSignal`. Where threads can exist (`atomics`, or a native target), it is neither.
///
/// ```no_run
/// use embed_events::{Ignition, Watch};
/// let watcher = Watch::<Ignition>::new().start(|event| web_sys::console::log_1(&format!("{event:?}").into()))?;
/// assert!(watcher.active());
/// watcher.stop();
/// assert!(!watcher.active());
/// # Ok::<(), embed_events::WatchError>(())
/// ```
#[must_use = "a Watcher stops when dropped: keep it, or call forget()"]
pub struct Watcher {
    state: Rc<State>,
    stop_on_drop: bool,
}

impl fmt::Debug for Watcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Watcher").field("active", &self.active()).finish()
    }
}

impl Watcher {
    /// Remove the listener. Idempotent; safe from inside any callback, after which no further
    /// callback of this watcher runs.
    pub fn stop(&self) {
        self.state.stop();
    }

    /// `true` until stopped (by `stop`, `once`, the signal, or drop).
    pub fn active(&self) -> bool {
        self.state.active.get()
    }

    /// Keep listening after this handle is dropped, for the page's lifetime (or until `once` or
    /// the signal stops it).
    pub fn forget(mut self) {
        self.stop_on_drop = false;
    }
}

// Safety: without the `atomics` target feature a wasm32 module has one thread: each Web Worker
// instantiates its own module, with its own memory, so neither a `Watcher` nor the `Rc`s and
// `Cell`s inside it can reach another thread, and `Send` and `Sync` promise nothing that could be
// broken. wasm-bindgen declares `JsValue` `Send + Sync` without `atomics` on the same argument.
// With `atomics` (threads sharing memory) those `Rc`s would race, and these impls do not apply;
// tests/threads.rs checks both cases at compile time.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[allow(unsafe_code)]
unsafe impl Send for Watcher {}
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[allow(unsafe_code)]
unsafe impl Sync for Watcher {}

impl Drop for Watcher {
    fn drop(&mut self) {
        if self.stop_on_drop {
            self.state.stop();
        }
    }
}
