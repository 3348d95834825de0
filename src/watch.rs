//! The window listener: source → origin → decode → dispatch, and its lifecycle (`stop`, `once`,
//! `signal`). This is the Rust API; the JavaScript API in `js.rs` is a thin layer over it.

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use alloc::vec;
use core::cell::{Cell, RefCell};
use core::fmt;
use core::marker::PhantomData;

use js_sys::Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;
use web_sys::{AbortSignal, HtmlIFrameElement, Window};

use crate::fields::{Decoded, EventFields, Key, Malformed};
use crate::ignition::{Environment, Ignition};
use crate::js_value::{ensure_keys, event_object, listen, message_origin, page_origin, record, text, JsMessage, JsText, Slot};
use crate::origin::{AllowList, EntryError, Origin, OriginError};
use crate::vendor::Vendor;

/// The frame a vendor's flow runs in: messages from any other window are ignored.
///
/// ```no_run
/// use embed_events::Source;
/// use wasm_bindgen::JsCast;
/// let document = web_sys::window().unwrap().document().unwrap();
/// let iframe: web_sys::HtmlIFrameElement = document.get_element_by_id("ignition").unwrap().unchecked_into();
/// let source = Source::from(iframe);
/// ```
#[derive(Clone, Debug)]
pub enum Source {
    /// An `<iframe>`: messages must come from its `contentWindow` (checked at each message, so a
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

impl Source {
    /// The origin of the frame's `src`, when it is an http(s) URL.
    fn src_origin(&self) -> Option<Origin> {
        match self {
            Source::Frame(frame) => Origin::of_url(&frame.src()).and_then(|o| canonical(o).ok()),
            Source::Window(_) => None,
        }
    }
}

/// Why a message was not delivered.
///
/// ```
/// use embed_events::Reason;
/// assert_eq!([Reason::Source, Reason::Origin, Reason::Malformed].map(Reason::as_str), ["source", "origin", "malformed"]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Sent by another window than the watched `source`.
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

/// A message that was not delivered, as `on_ignored` receives it.
///
/// ```
/// use embed_events::{Ignored, Reason};
/// let ignored = Ignored { reason: Reason::Origin, origin: "https://evil.example".into(), detail: "origin not allowed".into() };
/// assert_eq!(ignored.reason.as_str(), "origin");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ignored {
    /// Why it was ignored.
    pub reason: Reason,
    /// The message's origin.
    pub origin: String,
    /// A short human-readable explanation (never a field's value).
    pub detail: String,
}

/// A well-formed message from an allowed sender whose `status` / `type` this version does not know.
///
/// ```
/// let unknown = embed_events::Unknown { name: "document_signed".to_string(), data: wasm_bindgen::JsValue::NULL };
/// assert_eq!(unknown.name, "document_signed");
/// ```
#[derive(Clone, Debug)]
pub struct Unknown<T = String> {
    /// The `status` / `type` string.
    pub name: T,
    /// The decoded message (a JSON string's parsed object).
    pub data: JsValue,
}

/// Why a watcher could not be started. [`message`](WatchError::message) names the option at fault.
///
/// ```
/// use embed_events::WatchError;
/// assert_eq!(WatchError::NoDefaultOrigin { vendor: "Signere" }.message().split(';').next(), Some("origins: Signere has no default origin"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WatchError {
    /// An `origins` entry was rejected.
    Origin(EntryError),
    /// `origins` is an empty list, which would allow nothing.
    NoOrigins,
    /// The vendor has no default origin and none was given (Signere).
    NoDefaultOrigin {
        /// The vendor's name.
        vendor: &'static str,
    },
    /// There is no `window` (not running in a browser page).
    NoWindow,
}

impl WatchError {
    /// The explanation, naming the option at fault.
    pub fn message(&self) -> String {
        match self {
            WatchError::Origin(e) => e.describe("origins"),
            WatchError::NoOrigins => "origins: the list is empty, which would allow no sender; list at least one origin".into(),
            WatchError::NoDefaultOrigin { vendor } => {
                let mut s = String::from("origins: ");
                s.push_str(vendor);
                s.push_str(
                    " has no default origin; pass origins (e.g. \"https://sign.idfy.io\"), or an iframe as source whose src is an http(s) URL",
                );
                s
            }
            WatchError::NoWindow => "there is no window: watchers run in a browser page".into(),
        }
    }
}

impl fmt::Display for WatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for WatchError {}

/// Canonicalise an origin the way the browser serialises it (punycode, IPv4 forms, percent-decoding),
/// through the browser's own URL parser.
fn canonical(origin: Origin) -> Result<Origin, OriginError> {
    if origin.is_null() {
        return Ok(origin);
    }
    match web_sys::Url::new(origin.as_str()) {
        Ok(url) => Ok(Origin::from_serialised(url.origin())),
        Err(_) => Err(OriginError::Host),
    }
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
///         if let IgnitionEvent::Complete(done) = event {
///             send_to_backend(&done.auth_code);
///         }
///     })
///     .expect("valid options");
/// // Dropping `watcher` stops it; keep it as long as the flow is on screen.
/// # drop(watcher);
/// ```
#[must_use = "a Watch does nothing until start() is called"]
pub struct Watch<V: Vendor, T: JsText = String> {
    options: Options<T>,
    vendor: PhantomData<V>,
}

/// A watcher's options, apart from its vendor. The JavaScript API fills them in directly, so that
/// gathering them is not repeated for each vendor.
pub(crate) struct Options<T> {
    /// What starting the watcher needs.
    pub(crate) settings: Settings,
    pub(crate) once: bool,
    pub(crate) debug: bool,
    pub(crate) on_unknown: Callback<Unknown<T>>,
    pub(crate) on_ignored: Callback<Ignored>,
}

impl<T> Default for Options<T> {
    fn default() -> Self {
        Options { settings: Settings::default(), once: false, debug: false, on_unknown: None, on_ignored: None }
    }
}

impl<V: Vendor, T: JsText> fmt::Debug for Watch<V, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Watch")
            .field("vendor", &V::NAME)
            .field("origins", &self.options.settings.origins)
            .field("environment", &self.options.settings.environment)
            .field("source", &self.options.settings.source)
            .field("once", &self.options.once)
            .field("debug", &self.options.debug)
            .finish_non_exhaustive()
    }
}

impl<V: Vendor, T: JsText> Default for Watch<V, T> {
    fn default() -> Self {
        Watch { options: Options::default(), vendor: PhantomData }
    }
}

impl<T: JsText> Watch<Ignition, T> {
    /// Which Ignition deployment to trust when `origins` is not given.
    ///
    /// ```no_run
    /// use embed_events::{Environment, Ignition, Watch};
    /// let watcher = Watch::<Ignition>::new().environment(Environment::Sandbox).start(|_| {});
    /// ```
    pub fn environment(mut self, environment: Environment) -> Self {
        self.options.settings.environment = Some(environment);
        self
    }
}

impl<V: Vendor, T: JsText> Watch<V, T> {
    /// A watcher with these options (the JavaScript API's way in).
    pub(crate) fn with_options(options: Options<T>) -> Self {
        Watch { options, vendor: PhantomData }
    }
}

impl<V: Vendor, T: JsText> Watch<V, T> {
    /// A watcher with no options set.
    pub fn new() -> Self {
        Self::default()
    }

    /// The allowed message origins (see [`Origin::parse`] for what an entry may be). Checked when
    /// the watcher starts.
    ///
    /// ```no_run
    /// use embed_events::{Signere, Watch};
    /// let watcher = Watch::<Signere>::new().origins(["https://sign.idfy.io"]).start(|_| {});
    /// ```
    pub fn origins<I, S>(mut self, origins: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.options.settings.origins = Some(origins.into_iter().map(Into::into).collect());
        self
    }

    /// Only accept messages from this frame or window.
    ///
    /// ```no_run
    /// # let iframe: web_sys::HtmlIFrameElement = unimplemented!();
    /// use embed_events::{Signere, Watch};
    /// let watcher = Watch::<Signere>::new().source(iframe).start(|_| {});
    /// ```
    pub fn source(mut self, source: impl Into<Source>) -> Self {
        self.options.settings.source = Some(source.into());
        self
    }

    /// Stop right before delivering the first terminal event (which is still delivered).
    pub fn once(mut self, once: bool) -> Self {
        self.options.once = once;
        self
    }

    /// Stop when this signal aborts; an already-aborted signal gives an inactive watcher.
    pub fn signal(mut self, signal: AbortSignal) -> Self {
        self.options.settings.signal = Some(signal);
        self
    }

    /// Log each delivered or ignored message with `console.debug`, secrets redacted.
    pub fn debug(mut self, debug: bool) -> Self {
        self.options.debug = debug;
        self
    }

    /// Called for a well-formed message from an allowed sender whose `status` / `type` this
    /// version does not know.
    pub fn on_unknown(mut self, f: impl FnMut(Unknown<T>) + 'static) -> Self {
        self.options.on_unknown = Some(Box::new(f));
        self
    }

    /// Called for every message that is not delivered, with the reason.
    pub fn on_ignored(mut self, f: impl FnMut(Ignored) + 'static) -> Self {
        self.options.on_ignored = Some(Box::new(f));
        self
    }

    /// Attach the listener; `handler` receives every known event. The watcher stops when dropped.
    ///
    /// ```no_run
    /// use embed_events::{Signere, SignereEvent, Watch};
    /// let watcher = Watch::<Signere>::new()
    ///     .origins(["https://sign.idfy.io"])
    ///     .start(|event| match event {
    ///         SignereEvent::SignSuccess { document_id } => web_sys::console::log_1(&"signed".into()),
    ///         _ => {}
    ///     })?;
    /// # Ok::<(), embed_events::WatchError>(())
    /// ```
    pub fn start(self, mut handler: impl FnMut(V::Event<T>) + 'static) -> Result<Watcher, WatchError> {
        self.start_raw(move |event, _| handler(event))
    }

    /// [`start`](Watch::start) with a handler that can ask whether the watcher is still live
    /// between the callbacks it runs for one event.
    pub(crate) fn start_raw(self, handler: impl FnMut(V::Event<T>, &Live) + 'static) -> Result<Watcher, WatchError> {
        let Options { settings, once, debug, on_unknown, on_ignored } = self.options;
        let allow = settings.allow_list(V::default_origin(), V::NAME)?;
        let shared = Rc::new(Shared::default());
        let report = Report { shared: shared.clone(), debug, on_ignored };
        let dispatcher = Dispatcher::<V, T, _> { report, once, on_unknown, handler, vendor: PhantomData };
        settings.attach(allow, shared, Box::new(dispatcher))
    }
}

/// What starting a watcher needs of its options besides what dispatching needs. Apart from the
/// vendor's types, so that this code exists once, not once per vendor.
#[derive(Default)]
pub(crate) struct Settings {
    pub(crate) origins: Option<Vec<String>>,
    pub(crate) environment: Option<Environment>,
    pub(crate) source: Option<Source>,
    pub(crate) signal: Option<AbortSignal>,
}

impl Settings {
    /// The allowed origins: `origins` → `environment` → the iframe `source`'s `src` → the vendor's
    /// default.
    fn allow_list(&self, default_origin: Option<&str>, vendor: &'static str) -> Result<AllowList, WatchError> {
        if let Some(entries) = &self.origins {
            if entries.is_empty() {
                return Err(WatchError::NoOrigins);
            }
            let mut list = AllowList::parse(entries).map_err(WatchError::Origin)?;
            for (index, (origin, entry)) in list.origins_mut().iter_mut().zip(entries).enumerate() {
                let checked = if origin.is_null() && self.source.is_none() {
                    Err(OriginError::NullWithoutSource)
                } else {
                    canonical(origin.clone())
                };
                *origin = checked.map_err(|error| WatchError::Origin(EntryError { index, entry: entry.clone(), error }))?;
            }
            return Ok(list);
        }
        let origin = match (self.environment, self.source.as_ref().and_then(Source::src_origin)) {
            (Some(environment), _) => Origin::from_serialised(environment.origin().into()),
            (None, Some(origin)) => origin,
            (None, None) => match default_origin {
                Some(origin) => Origin::from_serialised(origin.into()),
                None => return Err(WatchError::NoDefaultOrigin { vendor }),
            },
        };
        Ok(AllowList::from_origins(vec![origin]))
    }

    /// Attach the window listener (and the signal's abort listener), which hands messages to
    /// `dispatcher`.
    fn attach(self, allow: AllowList, shared: Rc<Shared>, mut dispatcher: Box<dyn Dispatch>) -> Result<Watcher, WatchError> {
        page_origin().ok_or(WatchError::NoWindow)?;
        ensure_keys();
        if self.signal.as_ref().is_some_and(AbortSignal::aborted) {
            return Ok(Watcher::new(shared));
        }
        let (frame, window) = match self.source {
            Some(Source::Frame(frame)) => (Some(frame), None),
            Some(Source::Window(window)) => (None, Some(window)),
            None => (None, None),
        };
        let origins: Array = allow.origins().iter().map(|o| JsValue::from_str(o.as_str())).collect();
        let report_ignored = dispatcher.report().wanted();
        // `Fn`, not `FnMut`: the signal may abort inside a callback, which calls this closure again
        // while it runs. boundary.js holds back a message dispatched to this watcher from inside
        // one of its own callbacks until the current one is handled, so the dispatcher is never
        // busy here; if it were, the message would be dropped rather than re-enter a handler.
        let dispatcher = RefCell::new(dispatcher);
        let on_abort = shared.clone();
        let handle = Closure::<dyn Fn(u8)>::new(move |verdict| {
            if verdict == verdict::ABORTED {
                return on_abort.stop();
            }
            let Ok(mut dispatcher) = dispatcher.try_borrow_mut() else { return };
            match verdict {
                verdict::OK => dispatcher.accept(),
                verdict => dispatcher.report().verdict(verdict),
            }
        });
        let remove = listen(frame, window, origins, report_ignored, self.signal, handle.as_ref());
        *shared.listener.borrow_mut() = Some(Listener { remove, _handle: handle });
        Ok(Watcher::new(shared))
    }
}

/// The window listener (and the signal's abort listener) `boundary.js` attached, and the wasm
/// closure they call.
struct Listener {
    remove: js_sys::Function,
    _handle: Closure<dyn Fn(u8)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.remove.call0(&JsValue::UNDEFINED);
    }
}

/// What the watcher and its listener share.
#[derive(Default)]
pub(crate) struct Shared {
    /// How many times `stop` was called: a delivery in progress goes on only while it is unchanged.
    stops: Cell<u32>,
    listener: RefCell<Option<Listener>>,
}

impl Shared {
    fn stop(&self) {
        self.stops.set(self.stops.get().wrapping_add(1));
        let listener = self.listener.borrow_mut().take();
        drop(listener);
    }

    fn active(&self) -> bool {
        self.listener.borrow().is_some()
    }
}

/// During one delivery: whether the watcher has been stopped since the delivery began.
pub(crate) struct Live<'a> {
    shared: &'a Shared,
    stops: u32,
}

impl Live<'_> {
    /// `false` once `stop()` (or an abort) has happened during this delivery.
    pub(crate) fn is_live(&self) -> bool {
        self.shared.stops.get() == self.stops
    }
}

/// What `boundary.js` found of a message before handing it over.
mod verdict {
    /// From the watched source and an allowed origin, and its data is an object.
    pub const OK: u8 = 0;
    /// Sent by another window than the watched source.
    pub const SOURCE: u8 = 1;
    /// Sent from an origin that is not allowed.
    pub const ORIGIN: u8 = 2;
    /// Its data is a string that is not JSON.
    pub const NOT_JSON: u8 = 3;
    /// The watcher's signal aborted (no message).
    pub const ABORTED: u8 = 5;
    /// An event that is not a `MessageEvent` (so it has no origin).
    pub const NOT_MESSAGE_EVENT: u8 = 6;
}

/// Reporting ignored messages: the half of dispatching that is the same for every vendor.
struct Report {
    shared: Rc<Shared>,
    debug: bool,
    on_ignored: Callback<Ignored>,
}

impl Report {
    /// Whether ignored messages are reported at all (else `boundary.js` need not hand them over).
    fn wanted(&self) -> bool {
        self.on_ignored.is_some() || self.debug
    }

    /// A message `boundary.js` did not hand over, and why (`verdict`); its event is in the frame.
    fn verdict(&mut self, verdict: u8) {
        let (reason, detail) = match verdict {
            verdict::SOURCE => (Reason::Source, "sent by another window than the watched source".into()),
            verdict::ORIGIN => (Reason::Origin, "origin is not in the allow-list".into()),
            verdict::NOT_MESSAGE_EVENT => (Reason::Origin, "not a MessageEvent".into()),
            verdict::NOT_JSON => (Reason::Malformed, Malformed::NOT_JSON.detail()),
            _ => (Reason::Malformed, Malformed::NOT_OBJECT.detail()),
        };
        self.ignore(reason, message_origin(), detail);
    }

    fn ignore(&mut self, reason: Reason, origin: String, detail: String) {
        if !self.wanted() {
            return;
        }
        let ignored = Ignored { reason, origin, detail };
        if self.debug {
            log("ignored", "onIgnored", ignored_object(&ignored));
        }
        if let Some(f) = &mut self.on_ignored {
            f(ignored);
        }
    }
}

/// A watcher's dispatching, as the listener sees it (one listener for every vendor).
trait Dispatch {
    /// Decode and deliver the message whose data object is in slot 0 of the current frame (from
    /// the watched source and an allowed origin).
    fn accept(&mut self);
    /// The reporting half.
    fn report(&mut self) -> &mut Report;
}

/// Dispatching for vendor `V`, with strings held as `T`, to `handler`.
struct Dispatcher<V: Vendor, T: JsText, H> {
    report: Report,
    once: bool,
    on_unknown: Callback<Unknown<T>>,
    handler: H,
    vendor: PhantomData<V>,
}

impl<V: Vendor, T: JsText, H: FnMut(V::Event<T>, &Live)> Dispatch for Dispatcher<V, T, H> {
    fn accept(&mut self) {
        let message = JsMessage::<T>::data();
        match V::decode(&message) {
            Decoded::Event(decoded) => self.deliver(decoded),
            Decoded::Unknown(name) => self.unknown(name, message),
            Decoded::Malformed(malformed) if self.report.wanted() => {
                self.report.ignore(Reason::Malformed, message_origin(), malformed.detail());
            }
            Decoded::Malformed(_) => {}
        }
    }

    fn report(&mut self) -> &mut Report {
        &mut self.report
    }
}

impl<V: Vendor, T: JsText, H: FnMut(V::Event<T>, &Live)> Dispatcher<V, T, H> {
    fn deliver(&mut self, event: V::Event<T>) {
        let shared = &self.report.shared;
        if self.once && event.is_terminal() {
            shared.stop();
        }
        if self.report.debug {
            log("delivered", event.callback(), event_object::<T, _>(V::TAG, &event, true));
        }
        let live = Live { shared, stops: shared.stops.get() };
        (self.handler)(event, &live);
    }

    fn unknown(&mut self, name: T, message: JsMessage<T>) {
        if self.report.debug {
            log("unknown", "onUnknown", record(&[(Key::NAME, &name.to_js())]));
        }
        if let Some(f) = &mut self.on_unknown {
            f(Unknown { name, data: message.value() });
        }
    }
}

/// `{ reason, origin, detail }` as `onIgnored` and the debug log receive it.
pub(crate) fn ignored_object(ignored: &Ignored) -> Slot {
    record(&[
        (Key::REASON, &text(ignored.reason.as_str())),
        (Key::ORIGIN, &text(&ignored.origin)),
        (Key::DETAIL, &text(&ignored.detail)),
    ])
}

fn log(what: &str, callback: &str, value: Slot) {
    let mut prefix = String::from("[embed-events] ");
    prefix.push_str(what);
    web_sys::console::debug_3(&prefix.into(), &callback.into(), &value.value());
}

/// A running watcher. Dropping it stops it (removes the listener); call
/// [`forget`](Watcher::forget) to keep it for the page's lifetime.
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
    shared: Rc<Shared>,
    stop_on_drop: bool,
}

impl fmt::Debug for Watcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Watcher").field("active", &self.active()).finish()
    }
}

impl Watcher {
    fn new(shared: Rc<Shared>) -> Watcher {
        Watcher { shared, stop_on_drop: true }
    }

    /// Remove the listener. Idempotent; safe from inside any callback, after which no further
    /// callback of this watcher runs.
    pub fn stop(&self) {
        self.shared.stop();
    }

    /// `true` until stopped (by `stop`, `once`, the signal, or drop).
    pub fn active(&self) -> bool {
        self.shared.active()
    }

    /// Keep listening after this handle is dropped, for the page's lifetime (or until `once` or
    /// the signal stops it).
    pub fn forget(mut self) {
        self.stop_on_drop = false;
    }

    /// A handle for JavaScript, which keeps listening when garbage-collected (as
    /// `addEventListener` does) and stops only when told to.
    pub(crate) fn into_detached(mut self) -> Watcher {
        self.stop_on_drop = false;
        self
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        if self.stop_on_drop {
            self.shared.stop();
        }
    }
}
