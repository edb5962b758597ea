//! The UI side of the worker protocol ([`fitted_core::protocol`]).
//!
//! The worker is created lazily on the first request, so the UI is interactive before the
//! (large) engine wasm is downloaded. Requests carry ids; answers are routed back to the
//! future that asked. A worker that fails to load, crashes (an `error` event, or a panic
//! that aborts its wasm), or stays silent past [`READY_TIMEOUT_MS`] is torn down: every
//! request in flight fails with `WorkerUnavailable`, the status signal says so for the UI,
//! and the next request starts a fresh worker.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use fitted_core::protocol::{ErrorCode, Request, RequestId, Response, WorkerError, WorkerMessage, PROTOCOL_VERSION};
use fitted_llm::remote::{self, Call, Outcome};
use fitted_llm::{CancelToken, LlmError};
use futures::channel::oneshot;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// How long a worker may take from creation to its `Ready` message. Generous: the first load
/// downloads several MB on what may be a slow connection.
pub const READY_TIMEOUT_MS: u32 = 90_000;

#[derive(Debug, Clone, PartialEq)]
pub enum WorkerStatus {
    /// Not requested yet (nothing downloaded).
    Idle,
    Starting,
    Ready,
    /// Failed to load or crashed; restarts on the next request.
    Down(String),
}

pub type ProgressFn = Rc<dyn Fn(&str, u32, u32)>;

type Answer = oneshot::Receiver<Result<Response, WorkerError>>;

fn stopped() -> WorkerError {
    WorkerError::new(ErrorCode::WorkerUnavailable, "The engine stopped before answering. Try again.")
}

struct Pending {
    reply: oneshot::Sender<Result<Response, WorkerError>>,
    progress: Option<ProgressFn>,
}

struct Inner {
    worker: Option<Worker>,
    ready: bool,
    queue: Vec<(RequestId, JsValue)>,
    pending: HashMap<RequestId, Pending>,
    next_id: RequestId,
    // Kept alive as long as the worker they listen to.
    listeners: Vec<Closure<dyn FnMut(JsValue)>>,
    ready_timer: Option<gloo::timers::callback::Timeout>,
    generation: u64,
}

#[derive(Clone)]
pub struct WorkerBridge {
    inner: Rc<RefCell<Inner>>,
    status: RwSignal<WorkerStatus>,
    url: Rc<String>,
}

fn encode(msg: &WorkerMessage) -> Result<JsValue, WorkerError> {
    // Bytes (fonts) as Uint8Arrays, not arrays of numbers: JSON-compatible otherwise.
    serde::Serialize::serialize(msg, &serde_wasm_bindgen::Serializer::json_compatible().serialize_bytes_as_arrays(false))
        .map_err(|e| WorkerError::new(ErrorCode::BadInput, format!("could not encode the request: {e}")))
}

impl WorkerBridge {
    /// `url` is the worker boot script (absolute, so routes under sub-paths still find it).
    pub fn new(url: String) -> Self {
        WorkerBridge {
            inner: Rc::new(RefCell::new(Inner {
                worker: None,
                ready: false,
                queue: Vec::new(),
                pending: HashMap::new(),
                next_id: 1,
                listeners: Vec::new(),
                ready_timer: None,
                generation: 0,
            })),
            status: RwSignal::new(WorkerStatus::Idle),
            url: Rc::new(url),
        }
    }

    /// Changes every time a worker is started: state kept *inside* the worker (loaded fonts)
    /// must be sent again when this changes.
    pub fn generation(&self) -> u64 {
        self.inner.borrow().generation
    }

    pub fn status(&self) -> ReadSignal<WorkerStatus> {
        self.status.read_only()
    }

    /// Send a request and wait for its one answer.
    pub async fn request(&self, request: Request) -> Result<Response, WorkerError> {
        self.request_with_progress(request, None).await
    }

    pub async fn request_with_progress(
        &self,
        request: Request,
        progress: Option<ProgressFn>,
    ) -> Result<Response, WorkerError> {
        let (_, rx) = self.send(request, progress)?;
        rx.await.unwrap_or_else(|_| Err(stopped()))
    }

    /// A call to the user's model, made by the worker (`fitted_llm::remote`): the page links
    /// no HTTP client. `progress` hears the characters of the answer as it streams in;
    /// `cancel` answers `Cancelled` at once and tells the worker to abort the request.
    pub async fn llm(&self, call: &Call, progress: Option<ProgressFn>, cancel: &CancelToken) -> Outcome {
        use futures::future::{select, Either};
        if cancel.is_cancelled() {
            return Err(LlmError::Cancelled);
        }
        let request = Request::Llm { call: call.to_message()? };
        let (id, rx) = self.send(request, progress).map_err(|e| LlmError::Engine { detail: e.message })?;
        let answer = match select(rx, Box::pin(cancel.cancelled())).await {
            Either::Left((answer, _)) => answer.unwrap_or_else(|_| Err(stopped())),
            Either::Right(_) => {
                // Not sent yet: never send it. Sent: the worker aborts it and still answers
                // this id, but nobody is waiting any more.
                let mut inner = self.inner.borrow_mut();
                inner.pending.remove(&id);
                inner.queue.retain(|(queued, _)| *queued != id);
                if let (true, Some(w), Ok(msg)) = (inner.ready, &inner.worker, encode(&WorkerMessage::Cancel { id })) {
                    let _ = w.post_message(&msg);
                }
                return Err(LlmError::Cancelled);
            }
        };
        match answer {
            Ok(Response::Llm { outcome }) => remote::outcome_from_message(outcome),
            Ok(_) => Err(LlmError::Engine { detail: "The engine answered a different request. Try again.".into() }),
            Err(e) => Err(LlmError::Engine { detail: e.message }),
        }
    }

    /// Queues `request` (starting the worker if needed); the receiver gets its one answer.
    fn send(&self, request: Request, progress: Option<ProgressFn>) -> Result<(RequestId, Answer), WorkerError> {
        let (tx, rx) = oneshot::channel();
        let mut inner = self.inner.borrow_mut();
        let id = inner.next_id;
        inner.next_id += 1;
        let msg = encode(&WorkerMessage::Request { id, request })?;
        inner.pending.insert(id, Pending { reply: tx, progress });
        if inner.worker.is_none() {
            drop(inner);
            self.start();
            inner = self.inner.borrow_mut();
        }
        if inner.ready {
            if let Some(w) = &inner.worker {
                if let Err(e) = w.post_message(&msg) {
                    inner.pending.remove(&id);
                    return Err(WorkerError::new(ErrorCode::WorkerUnavailable, format!("{e:?}")));
                }
            }
        } else {
            inner.queue.push((id, msg));
        }
        Ok((id, rx))
    }

    fn start(&self) {
        let generation = {
            let mut inner = self.inner.borrow_mut();
            inner.generation += 1;
            inner.generation
        };
        self.status.set(WorkerStatus::Starting);
        let worker = match Worker::new(&self.url) {
            Ok(w) => w,
            Err(e) => {
                self.fail(generation, format!("The browser refused to start the engine ({e:?})."));
                return;
            }
        };
        let on_message = {
            let this = self.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
                let ev: MessageEvent = ev.unchecked_into();
                this.on_message(generation, ev.data());
            })
        };
        let on_error = {
            let this = self.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
                let detail = ev
                    .dyn_ref::<ErrorEvent>()
                    .map(|e| e.message())
                    .filter(|m| !m.is_empty())
                    .unwrap_or_else(|| "it could not be loaded".into());
                this.fail(generation, format!("The engine crashed: {detail}."));
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
        let timer = {
            let this = self.clone();
            gloo::timers::callback::Timeout::new(READY_TIMEOUT_MS, move || {
                if !this.inner.borrow().ready {
                    this.fail(generation, "The engine did not start in time (is the connection very slow?).".into());
                }
            })
        };
        let mut inner = self.inner.borrow_mut();
        inner.worker = Some(worker);
        inner.ready = false;
        inner.listeners = vec![on_message, on_error];
        inner.ready_timer = Some(timer);
    }

    fn on_message(&self, generation: u64, data: JsValue) {
        if self.inner.borrow().generation != generation {
            return;
        }
        let msg: WorkerMessage = match serde_wasm_bindgen::from_value(data) {
            Ok(m) => m,
            Err(e) => {
                web_sys::console::error_1(&format!("unreadable worker message: {e}").into());
                return;
            }
        };
        match msg {
            WorkerMessage::Ready { protocol } => {
                if protocol != PROTOCOL_VERSION {
                    self.fail(
                        generation,
                        "The engine is from a different version of Fitted. Reload the page to update it.".into(),
                    );
                    return;
                }
                let queue = {
                    let mut inner = self.inner.borrow_mut();
                    inner.ready = true;
                    if let Some(t) = inner.ready_timer.take() {
                        t.cancel();
                    }
                    std::mem::take(&mut inner.queue)
                };
                self.status.set(WorkerStatus::Ready);
                let inner = self.inner.borrow();
                if let Some(w) = &inner.worker {
                    for (_, m) in queue {
                        let _ = w.post_message(&m);
                    }
                }
            }
            WorkerMessage::Progress { id, label, done, total } => {
                let cb = self.inner.borrow().pending.get(&id).and_then(|p| p.progress.clone());
                if let Some(cb) = cb {
                    cb(&label, done, total);
                }
            }
            WorkerMessage::Result { id, response } => self.settle(id, Ok(response)),
            WorkerMessage::Error { id: 0, error } => self.fail(generation, error.message),
            WorkerMessage::Error { id, error } => self.settle(id, Err(error)),
            WorkerMessage::Request { .. } | WorkerMessage::Cancel { .. } => {}
        }
    }

    fn settle(&self, id: RequestId, result: Result<Response, WorkerError>) {
        let pending = self.inner.borrow_mut().pending.remove(&id);
        if let Some(p) = pending {
            let _ = p.reply.send(result);
        }
    }

    /// Tear the worker down and fail everything in flight; the next request restarts it.
    fn fail(&self, generation: u64, message: String) {
        let pending = {
            let mut inner = self.inner.borrow_mut();
            if inner.generation != generation {
                return;
            }
            if let Some(w) = inner.worker.take() {
                w.set_onmessage(None);
                w.set_onerror(None);
                w.set_onmessageerror(None);
                w.terminate();
            }
            inner.ready = false;
            inner.queue.clear();
            // This may run inside one of these very closures (the error listener, the ready
            // timer): dropping them now would free a closure while it executes. Drop them on a
            // later tick instead.
            let retired = (std::mem::take(&mut inner.listeners), inner.ready_timer.take());
            gloo::timers::callback::Timeout::new(0, move || drop(retired)).forget();
            // A later start() bumps the generation; stale events from this worker are ignored.
            inner.generation += 1;
            std::mem::take(&mut inner.pending)
        };
        let user_message = format!("{message} It will restart on your next action; your data is safe.");
        for (_, p) in pending {
            let _ = p.reply.send(Err(WorkerError::new(ErrorCode::WorkerUnavailable, user_message.clone())));
        }
        self.status.set(WorkerStatus::Down(user_message));
    }
}
