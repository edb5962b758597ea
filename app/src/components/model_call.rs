//! The state of one call to the user's model as a panel shows it: busy, seconds waited,
//! characters of the answer received (the worker streams it), and the token that cancels
//! it. Shared by the AI rewrite and the cover letter so both behave the same.

use std::rc::Rc;
use std::time::Duration;

use fitted_llm::CancelToken;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct ModelCall {
    pub busy: RwSignal<bool>,
    waited: RwSignal<u32>,
    received: RwSignal<u32>,
    token: StoredValue<Option<CancelToken>>,
}

/// What a started call hands to the action: the cancel token and the progress callback.
pub struct Started {
    pub cancel: CancelToken,
    pub on_chars: Rc<dyn Fn(u32)>,
    tick: Option<IntervalHandle>,
}

impl ModelCall {
    pub fn new() -> Self {
        ModelCall { busy: RwSignal::new(false), waited: RwSignal::new(0), received: RwSignal::new(0), token: StoredValue::new(None) }
    }

    /// Marks the call started: counts the seconds until [`Self::finish`].
    pub fn start(&self) -> Started {
        self.busy.set(true);
        self.waited.set(0);
        self.received.set(0);
        let cancel = CancelToken::new();
        self.token.set_value(Some(cancel.clone()));
        let waited = self.waited;
        let tick = set_interval_with_handle(move || waited.update(|w| *w += 1), Duration::from_secs(1)).ok();
        let received = self.received;
        let on_chars: Rc<dyn Fn(u32)> = Rc::new(move |n| {
            let _ = received.try_set(n);
        });
        Started { cancel, on_chars, tick }
    }

    /// Marks the call over (done, failed or cancelled). Safe after the panel is gone.
    pub fn finish(&self, started: Started) {
        if let Some(t) = started.tick {
            t.clear();
        }
        let _ = self.token.try_set_value(None);
        let _ = self.busy.try_set(false);
    }

    pub fn cancel(&self) {
        self.token.with_value(|t| {
            if let Some(t) = t {
                t.cancel()
            }
        });
    }

    /// The button's label: `idle` until the call starts, then how long it has waited and
    /// whether the answer is arriving.
    pub fn label(&self, idle: &str) -> String {
        match (self.busy.get(), self.received.get()) {
            (false, _) => idle.to_string(),
            (true, 0) => format!("Waiting for the model… {} s", self.waited.get()),
            (true, _) => format!("The model is writing… {} s", self.waited.get()),
        }
    }

    /// Characters received so far while busy (0 before the answer starts).
    pub fn received(&self) -> u32 {
        if self.busy.get() {
            self.received.get()
        } else {
            0
        }
    }
}

impl Default for ModelCall {
    fn default() -> Self {
        Self::new()
    }
}
