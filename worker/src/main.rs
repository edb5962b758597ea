//! The Web Worker: runs the engine and Typst off the UI thread. It is a thin shell: decode a
//! [`WorkerMessage::Request`], perform it with [`fitted_typeset::engine::perform`] (the same
//! function the `fitted` CLI calls), post progress and exactly one `Result` or `Error` back
//! with the same id.
//!
//! A panic here is fatal to this wasm instance (the wasm-release profile aborts), and the UI
//! treats the resulting `error` event as a crash: it fails the requests in flight and starts
//! a fresh worker on the next request. So handlers return errors instead of panicking
//! wherever the input can be wrong. The worker keeps no user data — only the typesetter
//! (fonts) — so a restart loses nothing.

use std::cell::RefCell;

use fitted_core::protocol::{self, ErrorCode, Request, Response, WorkerError, WorkerMessage};
use fitted_typeset::Typesetter;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

thread_local! {
    static TYPESETTER: RefCell<Option<Typesetter>> = const { RefCell::new(None) };
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
    for kind in ["Rendered", "Pages"] {
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
    let WorkerMessage::Request { id, request } = message else { return };
    if matches!(request, Request::Crash) {
        panic!("crash requested (diagnostics)");
    }
    let typesets = matches!(request, Request::Render { .. } | Request::PagesFromSource { .. });
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
