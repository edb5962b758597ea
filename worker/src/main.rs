//! The Web Worker: runs the engine (and, from the typesetting stage on, Typst) off the UI
//! thread. It is a thin shell: decode a [`WorkerMessage::Request`], call the engine, post
//! progress and exactly one `Result` or `Error` back with the same id.
//!
//! A panic here is fatal to this wasm instance (the wasm-release profile aborts), and the
//! UI treats the resulting `error` event as a crash: it fails the requests in flight and
//! starts a fresh worker on the next request. So handlers return errors instead of
//! panicking wherever the input can be wrong.

use fitted_core::protocol::{self, ErrorCode, Request, WorkerError, WorkerMessage};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(message: &WorkerMessage) {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    match serde::Serialize::serialize(message, &serializer) {
        Ok(value) => {
            if let Err(e) = scope().post_message(&value) {
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
    let reply = match request {
        Request::Crash => panic!("crash requested (diagnostics)"),
        other => protocol::handle(other),
    };
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
