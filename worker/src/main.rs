//! The Web Worker: runs the engine and Typst off the UI thread. It is a thin shell: decode a
//! [`WorkerMessage::Request`], perform it with [`fitted_typeset::engine::perform`] (the same
//! function the `fitted` CLI calls), post progress and exactly one `Result` or `Error` back
//! with the same id.
//!
//! LLM calls (`Request::Llm`) are the one asynchronous request: the worker makes them with
//! `fitted_llm` while it goes on answering other requests, posts the characters of a
//! streamed answer as progress, and aborts a call on `WorkerMessage::Cancel`. The page links
//! no HTTP client. What limits where these requests go: `fitted_llm`'s key-destination guard
//! (a key is only ever sent to its own provider's base URL); the page's `<meta>` CSP does not
//! bind a worker loaded from its own URL.
//!
//! A panic here is fatal to this wasm instance (the wasm-release profile aborts), and the UI
//! treats the resulting `error` event as a crash: it fails the requests in flight and starts
//! a fresh worker on the next request. So handlers return errors instead of panicking
//! wherever the input can be wrong. The worker keeps no user data — only the typesetter
//! (fonts) and the job ranker's prepared postings (`fitted_core::rank::Ranker`, a cache the
//! page refills with texts after a restart) — so a restart loses nothing.

use std::cell::RefCell;
use std::collections::HashMap;

use fitted_core::protocol::{self, ErrorCode, Request, RequestId, Response, WorkerError, WorkerMessage};
use fitted_llm::remote::{self, Call};
use fitted_llm::CancelToken;
use fitted_typeset::Typesetter;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

thread_local! {
    static TYPESETTER: RefCell<Option<Typesetter>> = const { RefCell::new(None) };
    /// Postings read for ranking, kept so a résumé edit re-scores without reading them again.
    static RANKER: RefCell<fitted_core::rank::Ranker> = RefCell::new(fitted_core::rank::Ranker::new());
    /// Model calls in flight, by request id, so `Cancel` can abort them.
    static CALLS: RefCell<HashMap<RequestId, CancelToken>> = RefCell::new(HashMap::new());
}

/// Makes a model call and answers `id` when it ends; other requests are served meanwhile.
fn start_llm_call(id: RequestId, call: serde_json::Value) {
    let token = CancelToken::new();
    CALLS.with(|c| c.borrow_mut().insert(id, token.clone()));
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = match Call::from_message(call) {
            Ok(call) => {
                // A progress message per network chunk would flood the page; one per 200
                // characters is enough to show that the answer is arriving.
                let mut posted = 0usize;
                call.perform(&token, &mut |chars| {
                    if chars >= posted + 200 || posted == 0 {
                        posted = chars.max(1);
                        post(&WorkerMessage::Progress { id, label: "Receiving the answer".into(), done: chars as u32, total: 0 });
                    }
                })
                .await
            }
            Err(e) => Err(e),
        };
        CALLS.with(|c| c.borrow_mut().remove(&id));
        post(&WorkerMessage::Result { id, response: Response::Llm { outcome: remote::outcome_to_message(&outcome) } });
    });
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The byte buffers (PDF, page pixels) of an encoded `Rendered` or `Pages` result, to hand
/// over (transfer) instead of copying: a page image is megabytes.
fn byte_buffers(value: &JsValue) -> js_sys::Array {
    fn walk(v: &JsValue, depth: u32, out: &js_sys::Array) {
        if let Some(bytes) = v.dyn_ref::<js_sys::Uint8Array>() {
            out.push(&bytes.buffer());
        } else if let Some(list) = v.dyn_ref::<js_sys::Array>() {
            for item in list.iter() {
                walk(&item, depth + 1, out);
            }
        } else if v.is_object() && depth < 6 {
            for entry in js_sys::Object::values(v.unchecked_ref()).iter() {
                walk(&entry, depth + 1, out);
            }
        }
    }
    let out = js_sys::Array::new();
    let response = js_sys::Reflect::get(value, &"Result".into())
        .and_then(|r| js_sys::Reflect::get(&r, &"response".into()))
        .unwrap_or(JsValue::UNDEFINED);
    for kind in ["Rendered", "Pages", "Pdf"] {
        if let Ok(body) = js_sys::Reflect::get(&response, &kind.into()) {
            if body.is_object() {
                walk(&body, 0, &out);
            }
        }
    }
    out
}

fn post(message: &WorkerMessage) {
    // Bytes (PDFs, page pixels) as Uint8Arrays that can be transferred: the JSON-compatible
    // default writes them as arrays of numbers, which cost ~0.5 s for two page images.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible().serialize_bytes_as_arrays(false);
    match serde::Serialize::serialize(message, &serializer) {
        Ok(value) => {
            let buffers = byte_buffers(&value);
            let sent = if buffers.length() > 0 {
                scope().post_message_with_transfer(&value, &buffers)
            } else {
                scope().post_message(&value)
            };
            if let Err(e) = sent {
                web_sys::console::error_2(&"worker: postMessage failed".into(), &e);
            }
        }
        Err(e) => web_sys::console::error_1(&format!("worker: cannot encode reply: {e}").into()),
    }
}

fn on_message(event: MessageEvent) {
    let message: WorkerMessage = match serde_wasm_bindgen::from_value(event.data()) {
        Ok(m) => m,
        Err(e) => {
            // Id 0 is reserved for worker-level failures that belong to no request.
            post(&WorkerMessage::Error {
                id: 0,
                error: WorkerError::new(ErrorCode::BadInput, format!("The worker received a message it does not understand: {e}")),
            });
            return;
        }
    };
    let (id, request) = match message {
        WorkerMessage::Request { id, request } => (id, request),
        WorkerMessage::Cancel { id } => {
            if let Some(token) = CALLS.with(|c| c.borrow().get(&id).cloned()) {
                token.cancel();
            }
            return;
        }
        _ => return,
    };
    let request = match request {
        Request::Crash => panic!("crash requested (diagnostics)"),
        Request::Llm { call } => return start_llm_call(id, call),
        Request::RankJobs { document, jobs, as_of, gaps } => {
            let out = RANKER.with(|r| {
                r.borrow_mut().rank(&document, jobs, as_of, gaps, &mut |done, total| {
                    post(&WorkerMessage::Progress { id, label: "Scoring saved jobs".into(), done, total })
                })
            });
            return post(&WorkerMessage::Result { id, response: Response::Ranked(out) });
        }
        other => other,
    };
    let typesets = matches!(request, Request::Render { .. } | Request::PagesFromSource { .. } | Request::PdfFromSource { .. });
    let reply: Result<Response, WorkerError> = TYPESETTER.with(|t| {
        let mut t = t.borrow_mut();
        let typesetter = t.get_or_insert_with(Typesetter::new);
        fitted_typeset::engine::perform(typesetter, request, &now_ms, &mut |label, done, total| {
            post(&WorkerMessage::Progress { id, label: label.to_string(), done, total })
        })
    });
    if typesets {
        // Free what this compile memoised beyond a few generations: a long editing session
        // must not grow the worker's memory.
        typst::comemo::evict(4);
    }
    post(&match reply {
        Ok(response) => WorkerMessage::Result { id, response },
        Err(error) => WorkerMessage::Error { id, error },
    });
}

fn main() {
    console_error_panic_hook::set_once();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(on_message);
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    handler.forget();
    post(&WorkerMessage::Ready { protocol: protocol::PROTOCOL_VERSION });
}
