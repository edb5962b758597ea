use fitted_core::protocol::{Request, Response};
use fitted_store::storage;
use leptos::prelude::*;

use crate::bridge::WorkerStatus;
use crate::components::util::{download, read_file_text};
use crate::state::{open_store, use_services, DbState};

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <h1>"Settings"</h1>
        <ProfileSection/>
        <ApplicationsSection/>
        <RankingSection/>
        <StorageSection/>
        <crate::pages::providers::ProvidersSection/>
        <BackupSection/>
        <EngineSection/>
    }
}

/// The local profile (seed 000 `users`): there are no accounts, only this device.
/// When an application without a reply counts as ghosted.
#[component]
fn ApplicationsSection() -> impl IntoView {
    let s = use_services();
    let days = RwSignal::new(String::new());
    Effect::new(move |_| {
        if s.db.get() != DbState::Ready {
            return;
        }
        leptos::task::spawn_local(async move {
            let n = crate::actions::tracking::ghosted_after_days(&s).await;
            // Never over what the user already typed.
            if days.get_untracked().is_empty() {
                days.set(n.to_string());
            }
        });
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let v = days.get_untracked();
        leptos::task::spawn_local(async move {
            let r = match v.trim().parse::<u32>() {
                Ok(n) => crate::actions::tracking::set_ghosted_after_days(&s, n).await,
                Err(_) => Err(format!("“{v}” is not a number of days: give a whole number from 1 to 365.")),
            };
            match r {
                Ok(()) => s.toasts.info("Saved: applications without a reply are flagged after that many days."),
                Err(e) => s.toasts.error(e),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="apps-settings-h">
            <h2 id="apps-settings-h">"Applications"</h2>
            <form class="form-grid" on:submit=save>
                <label for="ghosted-days">"Flag an application as “no reply” after this many days"</label>
                <input id="ghosted-days" type="number" min="1" max="365" bind:value=days data-testid="ghosted-days"/>
                <div class="form-actions"><button type="submit" class="primary" data-testid="ghosted-save">"Save"</button></div>
            </form>
        </section>
    }
}

/// Whether a job that shares few words with the résumé may download the sentence encoder.
#[component]
fn RankingSection() -> impl IntoView {
    let s = use_services();
    let allowed = RwSignal::new(true);
    Effect::new(move |_| {
        if s.db.get() != DbState::Ready {
            return;
        }
        leptos::task::spawn_local(async move { allowed.set(crate::actions::runs::sentence_model_allowed(&s).await) });
    });
    let change = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        leptos::task::spawn_local(async move {
            match crate::actions::runs::set_sentence_model_allowed(&s, on).await {
                Ok(()) => {
                    allowed.set(on);
                    s.toasts.info(if on {
                        "Saved: jobs that share few words with your résumé will use the meaning model."
                    } else {
                        "Saved: the meaning model will not be downloaded; such jobs rank by shared words only."
                    });
                }
                Err(e) => {
                    allowed.set(!on);
                    s.toasts.error(e);
                }
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="ranking-settings-h">
            <h2 id="ranking-settings-h">"Ranking"</h2>
            <label class="check">
                <input type="checkbox" prop:checked=move || allowed.get() on:change=change data-testid="sentence-model-setting"/>
                " Use the meaning model for jobs that share few words with your résumé"
            </label>
            <p class="muted small">
                "For such a job (a career change), a small language model finds bullets that show its skills in other words. "
                "It is downloaded once (23 MB) from this site and runs on this device; nothing is sent anywhere."
            </p>
        </section>
    }
}

#[component]
fn ProfileSection() -> impl IntoView {
    let s = use_services();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let loaded = RwSignal::new(false);
    Effect::new(move |_| {
        if s.db.get() == DbState::Ready && !loaded.get_untracked() {
            leptos::task::spawn_local(async move {
                let Ok(store) = s.store() else { return };
                match store.profile().await {
                    Ok(u) => {
                        name.set(u.full_name.unwrap_or_default());
                        email.set(u.email.unwrap_or_default());
                        loaded.set(true);
                    }
                    Err(e) => s.toasts.error(e.user_message()),
                }
            });
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        leptos::task::spawn_local(async move {
            let store = match s.store() {
                Ok(st) => st,
                Err(m) => return s.toasts.error(m),
            };
            let result = async {
                let mut u = store.profile().await?;
                let n = name.get_untracked().trim().to_string();
                let e = email.get_untracked().trim().to_string();
                u.full_name = (!n.is_empty()).then_some(n);
                u.email = (!e.is_empty()).then_some(e);
                store.save_profile(&u).await
            }
            .await;
            match result {
                Ok(()) => s.toasts.info("Profile saved on this device."),
                Err(e) => s.toasts.error(e.user_message()),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="profile-h">
            <h2 id="profile-h">"Profile"</h2>
            <p class="muted">"Fitted has no accounts: your data stays in this browser on this device."</p>
            <form class="form-grid" on:submit=save>
                <label for="profile-name">"Your name"</label>
                <input id="profile-name" name="name" type="text" autocomplete="name" bind:value=name/>
                <label for="profile-email">"E-mail (optional)"</label>
                <input id="profile-email" name="email" type="email" autocomplete="email" bind:value=email/>
                <div class="form-actions">
                    <button type="submit" class="primary" disabled=move || s.db.get() != DbState::Ready>"Save profile"</button>
                </div>
            </form>
        </section>
    }
}

fn human_bytes(b: f64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut v = b;
    let mut i = 0;
    while v >= 1024.0 && i < UNITS.len() - 1 {
        v /= 1024.0;
        i += 1;
    }
    if i == 0 {
        format!("{v:.0} {}", UNITS[i])
    } else {
        format!("{v:.1} {}", UNITS[i])
    }
}

#[component]
fn StorageSection() -> impl IntoView {
    let s = use_services();
    let estimate = RwSignal::new(None::<storage::StorageEstimate>);
    let persisted = RwSignal::new(None::<bool>);
    let refresh = move || {
        leptos::task::spawn_local(async move {
            estimate.set(storage::estimate().await);
            persisted.set(Some(storage::is_persisted().await));
        });
    };
    refresh();
    let ask = move |_| {
        leptos::task::spawn_local(async move {
            let ok = storage::request_persistence().await;
            persisted.set(Some(ok));
            if ok {
                s.toasts.info("The browser will keep Fitted's data even when space runs low.");
            } else {
                s.toasts.error("The browser declined to make storage persistent. Installing Fitted as an app, or bookmarking it, usually helps; export a backup regularly either way.");
            }
        });
    };
    let schema = move || {
        s.db.get();
        s.store.with_value(|st| st.as_ref().map(|st| st.schema_version()))
    };
    view! {
        <section class="card" aria-labelledby="storage-h">
            <h2 id="storage-h">"Storage"</h2>
            <dl class="facts">
                <dt>"Used"</dt>
                <dd data-testid="storage-usage">{move || match estimate.get() {
                    Some(e) => format!("{} of {} available to Fitted ({:.1}%)", human_bytes(e.usage_bytes), human_bytes(e.quota_bytes),
                        if e.quota_bytes > 0.0 { 100.0 * e.usage_bytes / e.quota_bytes } else { 0.0 }),
                    None => "Unknown (this browser does not report it)".into(),
                }}</dd>
                <dt>"Persistent"</dt>
                <dd data-testid="storage-persisted">{move || match persisted.get() {
                    Some(true) => "Yes: the browser will not evict Fitted's data under storage pressure.",
                    Some(false) => "No: the browser may clear Fitted's data if the device runs out of space.",
                    None => "Checking…",
                }}</dd>
                <dt>"Database"</dt>
                <dd>{move || match s.db.get() {
                    DbState::Ready => format!("Open, schema version {}", schema().unwrap_or_default()),
                    DbState::Opening => "Opening…".to_string(),
                    DbState::Failed(m) => m,
                    DbState::Stale => "Closed because another tab updated Fitted; reload this tab.".to_string(),
                }}</dd>
            </dl>
            <div class="form-actions">
                <button on:click=ask disabled=move || persisted.get() == Some(true)>"Ask the browser to keep my data"</button>
                <button on:click=move |_| refresh()>"Refresh"</button>
            </div>
        </section>
    }
}

/// Diagnostics for the background engine (the Web Worker).
#[component]
fn EngineSection() -> impl IntoView {
    let s = use_services();
    let status = s.bridge().status();
    let text = RwSignal::new("Fitted runs entirely in your browser.".to_string());
    let result = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);
    let analyse = move |_| {
        busy.set(true);
        let bridge = s.bridge();
        let input = text.get_untracked();
        leptos::task::spawn_local(async move {
            let t0 = js_sys::Date::now();
            let r = bridge.request(Request::AnalyzeText { text: input }).await;
            let ms = js_sys::Date::now() - t0;
            result.set(Some(match r {
                Ok(Response::TextAnalysis(a)) => {
                    Ok(format!("{} words, {} characters; SHA-256 {} ({ms:.0} ms round trip)", a.words, a.chars, a.sha256))
                }
                Ok(other) => Err(format!("Unexpected answer: {other:?}")),
                Err(e) => Err(e.message),
            }));
            busy.set(false);
        });
    };
    let crash = move |_| {
        let bridge = s.bridge();
        leptos::task::spawn_local(async move {
            if let Err(e) = bridge.request(Request::Crash).await {
                result.set(Some(Err(e.message)));
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="engine-h">
            <h2 id="engine-h">"Engine"</h2>
            <p class="muted">"Scoring, selection and typesetting run in a background worker, loaded the first time they are needed."</p>
            <p>"Status: " <strong data-testid="worker-status">{move || match status.get() {
                WorkerStatus::Idle => "not loaded yet".to_string(),
                WorkerStatus::Starting => "starting…".to_string(),
                WorkerStatus::Ready => "ready".to_string(),
                WorkerStatus::Down(_) => "stopped (restarts on next use)".to_string(),
            }}</strong></p>
            <label for="engine-text">"Text to analyse"</label>
            <textarea id="engine-text" rows="3" bind:value=text></textarea>
            <div class="form-actions">
                <button class="primary" on:click=analyse disabled=move || busy.get() data-testid="engine-analyse">
                    {move || if busy.get() { "Analysing…" } else { "Analyse in the engine" }}
                </button>
                <button on:click=crash data-testid="engine-crash">"Test crash recovery"</button>
            </div>
            <p data-testid="engine-result" aria-live="polite">{move || match result.get() {
                None => String::new(),
                Some(Ok(m)) => m,
                Some(Err(m)) => format!("Error: {m}"),
            }}</p>
        </section>
    }
}

/// Backup and restore of everything on this device, and erasing it.
#[component]
fn BackupSection() -> impl IntoView {
    let s = use_services();
    let include_keys = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let export = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let r = async {
                let store = s.store_ready().await?;
                let b = store.export_backup(include_keys.get_untracked()).await.map_err(|e| e.user_message())?;
                let text = serde_json::to_string(&b).map_err(|e| e.to_string())?;
                let d = js_sys::Date::new_0();
                let name = format!("fitted-backup-{:04}-{:02}-{:02}.json", d.get_full_year(), d.get_month() + 1, d.get_date());
                download(&name, "application/json", text.as_bytes())?;
                let records: usize = b.stores.values().map(Vec::len).sum();
                Ok::<_, String>(format!("Exported {records} records to {name}{}.", if b.includes_api_keys { ", API keys included: keep this file private" } else { " (API keys left out)" }))
            }
            .await;
            outcome.set(Some(r));
            busy.set(false);
        });
    };
    let restore = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|fs| fs.get(0)) else { return };
        input.set_value("");
        busy.set(true);
        leptos::task::spawn_local(async move {
            let r = async {
                let store = s.store_ready().await?;
                let text = read_file_text(file).await?;
                let backup = fitted_store::backup::parse(&text).map_err(|e| e.to_string())?;
                let summary = store.import_backup(&backup).await.map_err(|e| e.user_message())?;
                if summary.adopted_profile {
                    // The profile id changed: reopen so every page sees the restored profile.
                    store.close();
                    open_store(s);
                }
                let mut parts: Vec<String> = summary.added.iter().map(|(k, n)| format!("{n} {}", store_label(k))).collect();
                if parts.is_empty() {
                    parts.push("nothing new".into());
                }
                Ok::<_, String>(format!(
                    "Restored: added {}. Skipped {} already here.",
                    parts.join(", "),
                    summary.total_skipped()
                ))
            }
            .await;
            outcome.set(Some(r));
            busy.set(false);
        });
    };
    let confirm_erase = RwSignal::new(false);
    let erase = move |_| {
        leptos::task::spawn_local(async move {
            if let Some(st) = s.store.get_value() {
                st.close();
            }
            s.store.set_value(None);
            s.db.set(DbState::Opening);
            match fitted_store::Store::delete_database(fitted_store::DB_NAME).await {
                Ok(()) => {
                    outcome.set(Some(Ok("Everything on this device was erased.".into())));
                }
                Err(e) => outcome.set(Some(Err(e.user_message()))),
            }
            confirm_erase.set(false);
            open_store(s);
        });
    };
    view! {
        <section class="card" aria-labelledby="backup-h">
            <h2 id="backup-h">"Backup and restore"</h2>
            <p class="muted">"One file with everything: résumés, jobs, runs, PDFs and tracking. Restoring merges it into what is here; nothing already here is overwritten."</p>
            <label class="check"><input type="checkbox" bind:checked=include_keys data-testid="backup-include-keys"/>" Include API keys (only if you keep the file private)"</label>
            <div class="form-actions">
                <button class="primary" on:click=export disabled=move || busy.get() || s.db.get() != DbState::Ready data-testid="backup-export">"Export backup"</button>
                <label class="button-like">
                    "Restore from a backup…"
                    <input class="visually-hidden" type="file" accept=".json,application/json" on:change=restore
                        disabled=move || busy.get() || s.db.get() != DbState::Ready data-testid="backup-file"/>
                </label>
            </div>
            <p data-testid="backup-result" role="status" aria-live="polite" class=move || match outcome.get() { Some(Err(_)) => "error", _ => "" }>
                {move || match outcome.get() { None => String::new(), Some(Ok(m)) => m, Some(Err(m)) => m }}
            </p>
            <h3>"Erase"</h3>
            <Show when=move || confirm_erase.get() fallback=move || view! {
                <button class="danger" on:click=move |_| confirm_erase.set(true) data-testid="erase-start">"Erase everything on this device…"</button>
            }>
                <p role="alert">"This deletes every résumé, job, run and key in this browser. Export a backup first if you may want them back."</p>
                <div class="form-actions">
                    <button class="danger" on:click=erase data-testid="erase-confirm">"Erase everything"</button>
                    <button on:click=move |_| confirm_erase.set(false)>"Cancel"</button>
                </div>
            </Show>
        </section>
    }
}

fn store_label(store: &str) -> String {
    use fitted_store::schema as sc;
    match store {
        sc::USERS => "profile",
        sc::MASTER_RESUMES => "résumés",
        sc::RESUME_BULLETS => "bullets",
        sc::JOBS => "jobs",
        sc::RUNS => "runs",
        sc::GENERATED_ARTIFACTS => "files",
        sc::APPLICATION_TRACKING => "applications",
        sc::API_KEYS => "API keys",
        other => return format!("{other} records"),
    }
    .to_string()
}
