//! Performance marks for the browser's timeline and the bench (`tests/bench/browser.mjs`
//! reads them with `performance.getEntriesByType("measure")`). A [`Span`] measures from its
//! creation to its drop as `fitted:<name>`; nothing is recorded when the Performance API is
//! missing, and marks are cleared as soon as their measure exists.

use std::cell::Cell;

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
