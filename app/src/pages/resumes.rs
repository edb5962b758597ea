//! Résumés: the list of master résumés, and the ways to add one (import a file, drop it,
//! paste text, start blank, start from the example). Deleted ones wait in "Recently
//! deleted" until restored.

use fitted_core::model::MasterResume;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;


use crate::actions::resumes;
use crate::components::shell::EmptyState;
use crate::components::util::{format_time, read_file_text};
use crate::state::{href, use_services, DbState};

#[component]
pub fn ResumesPage() -> impl IntoView {
    let s = use_services();
    let version = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        version.get();
        let ready = s.db.get() == DbState::Ready;
        async move {
            if !ready {
                return Ok((Vec::new(), Vec::new()));
            }
            let store = s.store_ready().await?;
            let all: Vec<MasterResume> = store.master_resumes(true).await.map_err(|e| e.user_message())?;
            let (deleted, live): (Vec<_>, Vec<_>) = all.into_iter().partition(|r| r.is_deleted == Some(true));
            Ok::<_, String>((live, deleted))
        }
    });
    let refresh = move || version.update(|v| *v += 1);
    // Outlives the list (an undo toast can fire after the list it came from was replaced).
    provide_context(ListVersion(version));
    view! {
        <h1>"Résumés"</h1>
        <AddResume on_added=Callback::new(move |_| refresh())/>
        {move || match list.get() {
            None => view! { <p class="muted">"Loading…"</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error-text">{e}</p> }.into_any(),
            Some(Ok((live, deleted))) => view! {
                {if live.is_empty() {
                    view! {
                        <EmptyState
                            title="Your master résumés live here"
                            body="A master résumé holds everything you have done: every role, project and bullet. Fitted picks from it for each job, so put in more than fits on a page. You can keep several (say, one for backend roles and one for data roles) and choose which is active."
                            first_step="import your résumé as a JSON Resume file, paste it as text, or start from the bundled example."/>
                    }.into_any()
                } else {
                    view! { <ResumeList items=live on_change=Callback::new(move |_| refresh())/> }.into_any()
                }}
                <DeletedList items=deleted on_change=Callback::new(move |_| refresh())/>
            }.into_any(),
        }}
    }
}

#[derive(Clone, Copy)]
struct ListVersion(RwSignal<u32>);

#[component]
fn ResumeList(items: Vec<MasterResume>, on_change: Callback<()>) -> impl IntoView {
    let list_version = expect_context::<ListVersion>().0;
    let s = use_services();
    let rows = items
        .into_iter()
        .map(|r| {
            let id = r.id.clone();
            let id2 = r.id.clone();
            let name = r.name.clone();
            let bullets = fitted_core::import::bullets(&r.document).len();
            let title = r.name.clone();
            let aria = format!("Delete {}", r.name);
            let activate = move |_| {
                let id = id.clone();
                leptos::task::spawn_local(async move {
                    match s.store() {
                        Ok(st) => match st.set_active_resume(&id).await {
                            Ok(()) => on_change.run(()),
                            Err(e) => s.toasts.error(e.user_message()),
                        },
                        Err(e) => s.toasts.error(e),
                    }
                });
            };
            let delete = move |_| {
                let id = id2.clone();
                let name = name.clone();
                leptos::task::spawn_local(async move {
                    let Ok(st) = s.store() else { return };
                    match st.soft_delete_master_resume(&id).await {
                        Ok(()) => {
                            let undo_id = id.clone();
                            s.toasts.undoable(
                                format!("Deleted “{name}”. Undo, or restore it later from Recently deleted."),
                                Callback::new(move |_| {
                                    let id = undo_id.clone();
                                    leptos::task::spawn_local(async move {
                                        match s.store_ready().await {
                                            Ok(st) => match st.restore_master_resume(&id).await {
                                                Ok(()) => {
                                                    list_version.try_update(|v| *v += 1);
                                                }
                                                Err(e) => s.toasts.error(e.user_message()),
                                            },
                                            Err(e) => s.toasts.error(e),
                                        }
                                    });
                                }),
                            );
                            on_change.run(());
                        }
                        Err(e) => s.toasts.error(e.user_message()),
                    }
                });
            };
            view! {
                <li class="list-row" data-testid="resume-row">
                    <div class="list-main">
                        <A href=href(&format!("/resumes/{}", r.id)) attr:class="list-title">{title}</A>
                        {r.is_active.then(|| view! { <span class="badge badge-accent">"Active"</span> })}
                        <div class="muted small">{format!("{bullets} bullets · edited {}", format_time(r.updated_at))}</div>
                    </div>
                    <div class="list-actions">
                        {(!r.is_active).then(|| view! { <button on:click=activate>"Make active"</button> })}
                        <button class="danger-outline" on:click=delete aria-label=aria>"Delete"</button>
                    </div>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="list" aria-label="Master résumés">{rows}</ul> }
}

#[component]
fn DeletedList(items: Vec<MasterResume>, on_change: Callback<()>) -> impl IntoView {
    let s = use_services();
    if items.is_empty() {
        return ().into_any();
    }
    view! {
        <details class="card deleted">
            <summary>{format!("Recently deleted ({})", items.len())}</summary>
            <ul class="list">
                {items.into_iter().map(|r| {
                    let id = r.id.clone();
                    let restore = move |_| {
                        let id = id.clone();
                        leptos::task::spawn_local(async move {
                            let Ok(st) = s.store() else { return };
                            match st.restore_master_resume(&id).await {
                                Ok(()) => on_change.run(()),
                                Err(e) => s.toasts.error(e.user_message()),
                            }
                        });
                    };
                    view! {
                        <li class="list-row">
                            <div class="list-main">{r.name.clone()}
                                <div class="muted small">{format!("deleted {}", r.deleted_at.map(format_time).unwrap_or_default())}</div>
                            </div>
                            <button on:click=restore>"Restore"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </details>
    }
    .into_any()
}

/// Import (file picker, drag and drop), paste, blank and example.
#[component]
fn AddResume(on_added: Callback<()>) -> impl IntoView {
    let s = use_services();
    let navigate = use_navigate();
    let busy = RwSignal::new(false);
    let paste = RwSignal::new(String::new());
    let show_paste = RwSignal::new(false);
    let hover = RwSignal::new(false);
    let message = RwSignal::new(None::<Result<String, String>>);

    let finish = {
        let navigate = navigate.clone();
        move |r: Result<(String, Vec<String>), String>| {
            busy.set(false);
            match r {
                Ok((id, warnings)) => {
                    if !warnings.is_empty() {
                        s.toasts.info(format!("Imported with {} note(s): {}", warnings.len(), warnings.into_iter().take(3).collect::<Vec<_>>().join(" ")));
                    }
                    on_added.run(());
                    navigate(&href(&format!("/resumes/{id}")), Default::default());
                }
                Err(e) => message.set(Some(Err(e))),
            }
        }
    };
    let import_file = {
        let finish = finish.clone();
        move |file: web_sys::File| {
            let finish = finish.clone();
            busy.set(true);
            message.set(None);
            leptos::task::spawn_local(async move {
                let name = file.name();
                if file.size() > 2.0 * 1024.0 * 1024.0 {
                    finish(Err(format!("“{name}” is {:.1} MB; a résumé file is under 2 MB. Choose the JSON or text file of your résumé.", file.size() / 1048576.0)));
                    return;
                }
                let r = match read_file_text(file).await {
                    Ok(text) => resumes::import_text(&s, Some(name), text).await,
                    Err(e) => Err(e),
                };
                finish(r);
            });
        }
    };
    let on_pick = {
        let import_file = import_file.clone();
        move |ev: leptos::ev::Event| {
            let input: web_sys::HtmlInputElement = event_target(&ev);
            if let Some(f) = input.files().and_then(|fs| fs.get(0)) {
                import_file(f);
            }
            input.set_value("");
        }
    };
    let on_drop = {
        let import_file = import_file.clone();
        move |ev: leptos::ev::DragEvent| {
            ev.prevent_default();
            hover.set(false);
            if let Some(f) = ev.data_transfer().and_then(|dt| dt.files()).and_then(|fs| fs.get(0)) {
                import_file(f);
            }
        }
    };
    let do_paste = {
        let finish = finish.clone();
        move |_| {
            let text = paste.get_untracked();
            if text.trim().is_empty() {
                message.set(Some(Err("Paste your résumé's text first.".into())));
                return;
            }
            busy.set(true);
            message.set(None);
            let finish = finish.clone();
            leptos::task::spawn_local(async move { finish(resumes::import_text(&s, None, text).await) });
        }
    };
    let start = move |example: bool| {
        let navigate = navigate.clone();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let r = if example { resumes::create_example(&s).await } else { resumes::create_blank(&s).await };
            busy.set(false);
            match r {
                Ok(id) => {
                    on_added.run(());
                    navigate(&href(&format!("/resumes/{id}")), Default::default());
                }
                Err(e) => message.set(Some(Err(e))),
            }
        });
    };
    let start2 = start.clone();
    view! {
        <section class="card add-resume" aria-labelledby="add-resume-h">
            <h2 id="add-resume-h">"Add a master résumé"</h2>
            <div class="dropzone" class:hover=move || hover.get()
                on:dragenter=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); hover.set(true) }
                on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
                on:dragleave=move |_| hover.set(false)
                on:drop=on_drop
                data-testid="dropzone">
                <p>"Drop a JSON Resume (.json) or text file here, or"</p>
                <label class="button-like">
                    "Choose a file…"
                    <input type="file" accept=".json,.txt,.md,application/json,text/plain" class="visually-hidden"
                        data-testid="resume-file" on:change=on_pick disabled=move || busy.get()/>
                </label>
            </div>
            <div class="form-actions">
                <button on:click=move |_| show_paste.update(|v| *v = !*v) aria-expanded=move || show_paste.get().to_string()>"Paste text"</button>
                <button on:click=move |_| start(false) disabled=move || busy.get()>"Start blank"</button>
                <button on:click=move |_| start2(true) disabled=move || busy.get() data-testid="start-example">"Start from the example"</button>
            </div>
            <Show when=move || show_paste.get()>
                <label for="resume-paste">"Your résumé as text (copied from a PDF or Word file)"</label>
                <textarea id="resume-paste" rows="10" bind:value=paste data-testid="resume-paste"></textarea>
                <div class="form-actions">
                    <button class="primary" on:click=do_paste.clone() disabled=move || busy.get()>"Import pasted text"</button>
                </div>
            </Show>
            <Show when=move || busy.get()><p class="muted" role="status">"Reading your résumé…"</p></Show>
            {move || message.get().map(|m| match m {
                Ok(t) => view! { <p role="status">{t}</p> }.into_any(),
                Err(t) => view! { <p class="error-text" role="alert" data-testid="import-error">{t}</p> }.into_any(),
            })}
        </section>
    }
}

