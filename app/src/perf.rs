//! Performance marks for the browser's timeline and the bench (`tests/bench/browser.mjs`
//! reads them with `performance.getEntriesByType("measure")`). A [`Span`] measures from its
//! creation to its drop as `fitted:<name>`; nothing is recorded when the Performance API is
//! missing, and marks are cleared as soon as their measure exists.

use std::cell::Cell;

use wasm_bindgen::JsCast;

thread_local! {
    static NEXT: Cell<u64> = const { Cell::new(0) };
}

pub struct Span {
    name: &'static str,
    mark: String,
}

fn performance() -> Option<web_sys::Performance> {
    web_sys::window().and_then(|w| w.performance())
}

/// Starts measuring `name` (a static label such as `"run:select"`).
pub fn span(name: &'static str) -> Span {
    // Spans of the same name may overlap (two previews), so each has its own start mark.
    let n = NEXT.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    let mark = format!("fitted-start-{n}");
    if let Some(p) = performance() {
        let _ = p.mark(&mark);
    }
    Span { name, mark }
}

impl Drop for Span {
    fn drop(&mut self) {
        if let Some(p) = performance() {
            let _ = p.measure_with_start_mark(&format!("fitted:{}", self.name), &self.mark);
            p.clear_marks_with_mark_name(&self.mark);
        }
    }
}

/// Records `fitted:<name>` as having taken `duration_ms` up to now: work timed elsewhere (the
/// worker's own clock), placed on the page's timeline.
pub fn ended_now(name: &'static str, duration_ms: f64) {
    let Some(p) = performance() else { return };
    let options = js_sys::Object::new();
    let end = p.now();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &(end - duration_ms.max(0.0)).into());
    let _ = js_sys::Reflect::set(&options, &"end".into(), &end.into());
    // `performance.measure(name, {start, end})` (User Timing Level 3); web-sys exposes it
    // only behind its unstable flag.
    if let Ok(measure) = js_sys::Reflect::get(&p, &"measure".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        let _ = measure.call2(&p, &format!("fitted:{name}").into(), &options);
    }
}
