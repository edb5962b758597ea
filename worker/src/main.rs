//! The Web Worker: runs the engine and Typst off the UI thread. It is a thin shell: decode a
//! [`WorkerMessage::Request`], call the engine (or the typesetter), post progress and exactly
//! one `Result` or `Error` back with the same id.
//!
//! A panic here is fatal to this wasm instance (the wasm-release profile aborts), and the UI
//! treats the resulting `error` event as a crash: it fails the requests in flight and starts
//! a fresh worker on the next request. So handlers return errors instead of panicking
//! wherever the input can be wrong. The worker keeps no user data — only the typesetter
//! (fonts) — so a restart loses nothing.

use std::cell::RefCell;

use fitted_core::protocol::{self, ErrorCode, RenderOutput, Request, Response, WorkerError, WorkerMessage};
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

fn with_typesetter<T>(f: impl FnOnce(&mut Typesetter) -> T) -> T {
    TYPESETTER.with(|t| {
        let mut t = t.borrow_mut();
        f(t.get_or_insert_with(Typesetter::new))
    })
}

fn render(request: Request) -> Result<Response, WorkerError> {
    let Request::Render { document, template, layout, fit_to_page } = request else { unreachable!() };
    let t0 = now_ms();
    let failed = |e: fitted_typeset::RenderError| WorkerError::new(ErrorCode::Failed, e.to_string());
    let (rendered, fits, lines_over, body_pt) = with_typesetter(|ts| {
        if fit_to_page {
            ts.fit_to_one_page(&document, &template, layout.paper)
                .map(|o| (o.rendered, o.fits, o.lines_over, o.body_pt))
                .map_err(failed)
        } else {
            ts.render(&document, &template, &layout).map(|r| {
                let over = r.lines_beyond_first_page;
                (r, over == 0, over, 0.0)
            }).map_err(failed)
        }
    })?;
    // Free what this compile memoised beyond a few generations: a long editing session
    // must not grow the worker's memory.
    typst::comemo::evict(4);
    let latex_source = fitted_core::render_source::latex_source(&document, &template, &rendered.layout_options)
        .unwrap_or_else(|e| format!("% LaTeX export failed: {e}\n"));
    Ok(Response::Rendered(Box::new(RenderOutput {
        page_count: rendered.page_count as u32,
        fits_one_page: fits,
        lines_over: lines_over as u32,
        layout: rendered.layout_options,
        body_pt,
        warnings: rendered.warnings.iter().map(|w| w.message.clone()).collect(),
        missing_glyphs: rendered.layout.missing_glyphs.iter().map(|c| c.to_string()).collect(),
        typst_source: rendered.source,
        latex_source,
        pdf: rendered.pdf,
        compile_ms: now_ms() - t0,
    })))
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
        r @ Request::Render { .. } => render(r),
        Request::AddFont { bytes } => with_typesetter(|ts| ts.add_font(bytes))
            .map(|families| Response::FontAdded { families })
            .map_err(|e| WorkerError::new(ErrorCode::BadInput, e.to_string())),
        other => protocol::handle(other, &now_ms, &mut |label, done, total| {
            post(&WorkerMessage::Progress { id, label: label.to_string(), done, total })
        }),
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
