//! App-wide services, provided once through Leptos context: the IndexedDB store, the worker
//! bridge, the toast list (the global error surface) and paths under the deployment base.

use fitted_store::migrate::DbEvent;
use fitted_store::{Store, StoreError};
use leptos::prelude::*;
use std::rc::Rc;

use crate::bridge::WorkerBridge;
use crate::components::toasts::Toasts;

#[derive(Clone, Debug, PartialEq)]
pub enum DbState {
    Opening,
    Ready,
    /// Opening failed; the message says what to do. Nothing was changed.
    Failed(String),
    /// Another tab upgraded the schema; this tab must reload before writing again.
    Stale,
}

#[derive(Clone, Copy)]
pub struct Services {
    pub store: StoredValue<Option<Store>, LocalStorage>,
    pub db: RwSignal<DbState>,
    /// True while our schema upgrade waits for other tabs to close.
    pub db_blocked: RwSignal<bool>,
    pub worker: StoredValue<WorkerBridge, LocalStorage>,
    pub toasts: Toasts,
    /// A new version of Fitted waiting for the user's "reload".
    pub updates: crate::update::Updates,
    /// Bumped whenever a résumé version is made, so open version lists refresh (a version
    /// can land just after a page loaded, e.g. when leaving the editor ends a session).
    pub versions_changed: RwSignal<u32>,
}

impl Services {
    /// The open store, or the reason there is none (as a user-facing message).
    pub fn store(&self) -> Result<Store, String> {
        match self.db.get_untracked() {
            DbState::Ready => self.store.get_value().ok_or_else(|| "Storage is not open yet.".to_string()),
            DbState::Opening => Err("Storage is still opening; try again in a moment.".into()),
            DbState::Failed(m) => Err(m),
            DbState::Stale => Err(StoreError::VersionChanged.user_message()),
        }
    }

    /// The store, waiting (up to 15 s) while it is still opening: a click that lands during
    /// start-up then works instead of failing with "still opening".
    pub async fn store_ready(&self) -> Result<Store, String> {
        for _ in 0..300 {
            if self.db.get_untracked() != DbState::Opening {
                break;
            }
            let p = js_sys::Promise::new(&mut |ok, _| {
                if let Some(w) = web_sys::window() {
                    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&ok, 50);
                }
            });
            let _ = wasm_bindgen_futures::JsFuture::from(p).await;
        }
        self.store()
    }

    pub fn bridge(&self) -> WorkerBridge {
        self.worker.get_value()
    }
}

pub fn use_services() -> Services {
    expect_context::<Services>()
}

/// The deployment base path ("" at the root, "/fitted" under a sub-path), read from the
/// `<base href>` Trunk writes from `--public-url`.
pub fn base_path() -> String {
    let href = document()
        .query_selector("base")
        .ok()
        .flatten()
        .and_then(|b| b.get_attribute("href"))
        .unwrap_or_else(|| "/".into());
    let path = if let Some(rest) = href.strip_prefix("http://").or_else(|| href.strip_prefix("https://")) {
        rest.find('/').map(|i| rest[i..].to_string()).unwrap_or_else(|| "/".into())
    } else {
        href
    };
    path.trim_end_matches('/').to_string()
}

/// An app path under the base (`href("/jobs")` → `/fitted/jobs`).
pub fn href(path: &str) -> String {
    format!("{}{}", base_path(), path)
}

/// Start opening the database; the state signal follows.
pub fn open_store(services: Services) {
    let db = services.db;
    let blocked = services.db_blocked;
    let toasts = services.toasts;
    let events: Rc<dyn Fn(DbEvent)> = Rc::new(move |e| match e {
        DbEvent::Blocked => blocked.set(true),
        DbEvent::ClosedByOtherTab => {
            db.set(DbState::Stale);
            toasts.error(StoreError::VersionChanged.user_message());
        }
    });
    leptos::task::spawn_local(async move {
        match Store::open(fitted_store::DB_NAME, events).await {
            Ok(store) => {
                services.store.set_value(Some(store));
                blocked.set(false);
                db.set(DbState::Ready);
                // Reminders due today as browser notifications, when the user allowed them.
                leptos::task::spawn_local(async move { crate::actions::tracking::notify_at_start(&services).await });
                // Best effort; Settings shows the outcome and offers to ask again.
                fitted_store::storage::request_persistence().await;
            }
            Err(e) => {
                blocked.set(false);
                db.set(DbState::Failed(e.user_message()));
            }
        }
    });
}
