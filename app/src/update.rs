//! The service worker and updates. Each deployment is a new service worker (its build id is
//! stamped in by `scripts/build_id.py`). A new one installs in the background and *waits*:
//! the page shows "Update available — reload", and only when the user accepts does it take
//! over, and the page reloads. So an open tab never runs an old UI with a new engine; an old
//! tab that starts its engine after a deploy gets the worker's own "reload" message instead.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ServiceWorkerRegistration, ServiceWorkerState};

/// How often an open tab asks the server for a new version.
const CHECK_EVERY_MS: u32 = 30 * 60 * 1000;

/// This page's build id (`<meta name="fitted-build">`); "dev-build" when not stamped.
pub fn build_id() -> String {
    document()
        .query_selector("meta[name=fitted-build]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_else(|| "dev-build".into())
}

/// A registration whose new version waits for the user, once there is one.
#[derive(Clone, Copy)]
pub struct Updates {
    pub available: RwSignal<bool>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
}

impl Updates {
    pub fn new() -> Self {
        Updates { available: RwSignal::new(false), registration: StoredValue::new_local(None) }
    }

    /// Lets the waiting version take over; the page reloads when it has.
    pub fn apply(&self) {
        let container = window().navigator().service_worker();
        let reload = Closure::<dyn FnMut()>::new(|| {
            let _ = window().location().reload();
        });
        container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
        reload.forget();
        match self.registration.get_value().and_then(|r| r.waiting()) {
            Some(waiting) => {
                let _ = waiting.post_message(&"skip-waiting".into());
            }
            None => {
                let _ = window().location().reload();
            }
        }
    }
}

impl Default for Updates {
    fn default() -> Self {
        Self::new()
    }
}

/// Registers the service worker (offline use, installability) and watches for updates.
/// Failure only costs offline use.
pub fn register(updates: Updates) {
    let nav = window().navigator();
    if !js_sys::Reflect::has(&nav, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let base = document().base_uri().ok().flatten().unwrap_or_else(|| "/".into());
    let Ok(url) = web_sys::Url::new_with_base("sw.js", &base) else { return };
    let container = nav.service_worker();
    let promise = container.register(&url.href());
    leptos::task::spawn_local(async move {
        let Ok(reg) = wasm_bindgen_futures::JsFuture::from(promise).await else { return };
        // Some environments (automation with service workers blocked) resolve to nothing.
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else { return };
        updates.registration.set_value(Some(reg.clone()));
        // A version that finished installing while no tab accepted it yet.
        let controlled = || window().navigator().service_worker().controller().is_some();
        if reg.waiting().is_some() && controlled() {
            updates.available.set(true);
        }
        let reg2 = reg.clone();
        let on_found = Closure::<dyn FnMut()>::new(move || {
            let Some(installing) = reg2.installing() else { return };
            let watched = installing.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                // "installed" with a page already controlled = an update is waiting.
                if watched.state() == ServiceWorkerState::Installed && controlled() {
                    updates.available.set(true);
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
        // Browsers look for a new version on navigation; a tab left open asks now and then.
        let reg3 = reg.clone();
        gloo::timers::callback::Interval::new(CHECK_EVERY_MS, move || {
            let _ = reg3.update();
        })
        .forget();
    });
}
