//! Fitted's UI: a Leptos client-side app. Components stay thin; data lives in the
//! IndexedDB store (`fitted-store`), computation in the worker (reached through [`bridge`]).

pub mod actions;
pub mod bridge;
pub mod components;
pub mod crypto;
pub mod fonts;
pub mod pages;
pub mod perf;
pub mod sentence_model;
pub mod state;
pub mod theme;
pub mod update;

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::bridge::WorkerBridge;
use crate::components::shell::Header;
use crate::components::toasts::{ToastHost, Toasts};
use crate::pages::{
    applications::ApplicationsPage, jobs::{JobDetailPage, JobsPage}, resume_editor::ResumeEditorPage, not_found::NotFound, resumes::ResumesPage, runs::{RunDetailPage, RunsPage},
    settings::SettingsPage, versions::VersionsPage,
};
use crate::state::{base_path, href, DbState, Services};

/// A panic aborts this wasm instance, so nothing after it runs: log it, then put a plain
/// DOM overlay up so the user learns what happened and that their saved data is safe.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let Some(body) = doc.body() else { return };
        if doc.get_element_by_id("fatal").is_some() {
            return;
        }
        if let Ok(el) = doc.create_element("div") {
            el.set_id("fatal");
            let _ = el.set_attribute("role", "alert");
            el.set_inner_html(
                "<h2>Fitted hit an internal error</h2>\
                 <p>Your saved data is safe: everything is stored after each change. \
                 The last unsaved action may need redoing. Reload to continue.</p>\
                 <button onclick=\"location.reload()\">Reload Fitted</button>",
            );
            let _ = body.append_child(&el);
        }
    }));
}

/// Uncaught JS errors and promise rejections become toasts too.
fn route_js_errors(toasts: Toasts) {
    let h1 = window_event_listener(leptos::ev::error, move |e| {
        toasts.error(format!("Something went wrong: {}", e.message()));
    });
    let h2 = window_event_listener(leptos::ev::unhandledrejection, move |e| {
        let reason = e.reason().as_string().unwrap_or_else(|| "an operation failed".into());
        toasts.error(format!("Something went wrong: {reason}"));
    });
    on_cleanup(move || {
        h1.remove();
        h2.remove();
    });
}

fn worker_url() -> String {
    let base = document().base_uri().ok().flatten().unwrap_or_else(|| "/".into());
    let url = web_sys::Url::new_with_base("worker-boot.js", &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| "/worker-boot.js".into());
    // The build id: the worker's boot script checks it is from the same build as this page.
    format!("{url}?v={}", update::build_id())
}

#[component]
pub fn App() -> impl IntoView {
    let toasts = Toasts::new();
    let services = Services {
        store: StoredValue::new_local(None),
        db: RwSignal::new(DbState::Opening),
        db_blocked: RwSignal::new(false),
        worker: StoredValue::new_local(WorkerBridge::new(worker_url())),
        toasts,
        updates: update::Updates::new(),
        versions_changed: RwSignal::new(0),
    };
    update::register(services.updates);
    provide_context(services);
    route_js_errors(toasts);
    state::open_store(services);
    let base = base_path();
    view! {
        <Router base=base>
            <Header/>
            <main id="main" class="app-main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=|| view! { <Redirect path=href("/resumes")/> }/>
                    <Route path=path!("/resumes") view=ResumesPage/>
                    <Route path=path!("/resumes/:id") view=ResumeEditorPage/>
                    <Route path=path!("/resumes/:id/versions") view=VersionsPage/>
                    <Route path=path!("/jobs") view=JobsPage/>
                    <Route path=path!("/jobs/:id") view=JobDetailPage/>
                    <Route path=path!("/runs") view=RunsPage/>
                    <Route path=path!("/runs/:id") view=RunDetailPage/>
                    <Route path=path!("/applications") view=ApplicationsPage/>
                    <Route path=path!("/settings") view=SettingsPage/>
                </Routes>
            </main>
            <ToastHost toasts=toasts/>
        </Router>
    }
}

pub fn run() {
    install_panic_hook();
    theme::apply(theme::current());
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(App);
}
