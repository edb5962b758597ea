//! The page frame: skip link, header with navigation, status banners, and the theme switch.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::bridge::WorkerStatus;
use crate::state::{href, use_services, DbState};
use crate::theme::{self, Theme};

const NAV: [(&str, &str); 5] = [
    ("/resumes", "Résumés"),
    ("/jobs", "Jobs"),
    ("/runs", "Runs"),
    ("/applications", "Applications"),
    ("/settings", "Settings"),
];

/// The router would treat `#main` as a navigation; move focus to the content instead.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = document().get_element_by_id("main") {
        if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(main) {
            let _ = el.focus();
        }
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let theme = RwSignal::new(theme::current());
    let cycle = move |_| {
        let next = match theme.get_untracked() {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        };
        theme::apply(next);
        theme.set(next);
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>"Skip to content"</a>
        <header class="app-header">
            <A href=href("/resumes") attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"F"</span>
                <span class="brand-name">"Fitted"</span>
            </A>
            <nav class="app-nav" aria-label="Main">
                <ul>
                    {NAV.iter().map(|(path, label)| view! {
                        <li><A href=href(path)>{*label}</A></li>
                    }).collect_view()}
                </ul>
            </nav>
            <button class="theme-toggle" on:click=cycle
                title="Switch colour theme"
                aria-label=move || format!("Colour theme: {}. Switch theme", theme.get().label())>
                <span aria-hidden="true">{move || theme.get().icon()}</span>
                <span class="theme-label">{move || theme.get().label()}</span>
            </button>
        </header>
        <StatusBanners/>
    }
}

/// Problems that affect every page: storage unavailable or stale, an upgrade blocked by
/// another tab, the engine down.
#[component]
fn StatusBanners() -> impl IntoView {
    let s = use_services();
    let worker_status = s.bridge().status();
    view! {
        <div class="banners">
            {move || match s.db.get() {
                DbState::Failed(msg) => Some(view! {
                    <div class="banner banner-error" role="alert" data-testid="db-error">{msg}</div>
                }.into_any()),
                DbState::Stale => Some(view! {
                    <div class="banner banner-error" role="alert" data-testid="db-stale">
                        {fitted_store::StoreError::VersionChanged.user_message()}
                        " "
                        <button on:click=move |_| { let _ = window().location().reload(); }>"Reload now"</button>
                    </div>
                }.into_any()),
                _ => None,
            }}
            <Show when=move || s.updates.available.get()>
                <div class="banner banner-info" role="status" data-testid="update-available">
                    "Update available: a new version of Fitted is ready. "
                    <button class="primary" on:click=move |_| s.updates.apply() data-testid="update-reload">"Reload to update"</button>
                </div>
            </Show>
            <Show when=move || s.db_blocked.get()>
                <div class="banner banner-warn" role="status">
                    {fitted_store::StoreError::Blocked.user_message()}
                </div>
            </Show>
            {move || match worker_status.get() {
                WorkerStatus::Down(msg) => Some(view! {
                    <div class="banner banner-warn" role="alert" data-testid="worker-down">{msg}</div>
                }),
                _ => None,
            }}
        </div>
    }
}

/// A page's empty state: what the page will hold and what to do first.
#[component]
pub fn EmptyState(
    #[prop(into)] title: String,
    #[prop(into)] body: String,
    #[prop(into)] first_step: String,
) -> impl IntoView {
    view! {
        <section class="empty-state" data-testid="empty-state">
            <h2>{title}</h2>
            <p>{body}</p>
            <p class="first-step"><strong>"First step: "</strong>{first_step}</p>
        </section>
    }
}
