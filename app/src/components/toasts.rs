//! The global error surface: failed operations and caught JS errors become toasts that
//! stay until dismissed (errors) or a few seconds (info), announced to screen readers.

use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Error,
}

#[derive(Clone)]
pub struct Toast {
    pub id: u64,
    pub kind: ToastKind,
    pub message: String,
    /// A button on the toast (e.g. "Undo") and what it does; the toast closes when used.
    pub action: Option<(&'static str, Callback<()>)>,
}

#[derive(Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u64>,
}

impl Toasts {
    pub fn new() -> Self {
        Toasts { items: RwSignal::new(Vec::new()), next_id: StoredValue::new(1) }
    }

    pub fn push(&self, kind: ToastKind, message: impl Into<String>) {
        self.push_with(kind, message.into(), None, Duration::from_secs(5));
    }

    /// An info toast with an "Undo" button, shown long enough to reach it by keyboard.
    pub fn undoable(&self, message: impl Into<String>, undo: Callback<()>) {
        self.push_with(ToastKind::Info, message.into(), Some(("Undo", undo)), Duration::from_secs(10));
    }

    fn push_with(&self, kind: ToastKind, message: String, action: Option<(&'static str, Callback<()>)>, life: Duration) {
        // The same error twice in a row is one toast.
        if self.items.with_untracked(|v| v.iter().any(|t| t.message == message)) {
            return;
        }
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.items.update(|v| v.push(Toast { id, kind, message, action }));
        if kind == ToastKind::Info {
            let items = self.items;
            set_timeout(move || items.update(|v| v.retain(|t| t.id != id)), life);
        }
    }

    pub fn error(&self, message: impl Into<String>) {
        self.push(ToastKind::Error, message)
    }

    pub fn info(&self, message: impl Into<String>) {
        self.push(ToastKind::Info, message)
    }

    pub fn dismiss(&self, id: u64) {
        self.items.update(|v| v.retain(|t| t.id != id));
    }
}

impl Default for Toasts {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn ToastHost(toasts: Toasts) -> impl IntoView {
    view! {
        <div class="toasts" role="region" aria-label="Notifications">
            <div role="status" aria-live="polite" class="toast-live">
                <For each=move || toasts.items.get() key=|t| t.id children=move |t: Toast| {
                    let id = t.id;
                    let class = match t.kind { ToastKind::Error => "toast toast-error", ToastKind::Info => "toast toast-info" };
                    view! {
                        <div class=class data-testid="toast">
                            <span class="toast-text">{t.message}</span>
                            {t.action.map(|(label, run)| view! {
                                <button class="toast-action" data-testid="toast-action" on:click=move |_| { toasts.dismiss(id); run.run(()) }>{label}</button>
                            })}
                            <button class="icon-button" aria-label="Dismiss notification" on:click=move |_| toasts.dismiss(id)>"×"</button>
                        </div>
                    }
                }/>
            </div>
        </div>
    }
}
