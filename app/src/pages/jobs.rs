//! Jobs: paste a posting (plain text or HTML), metadata pre-filled and editable, duplicates
//! sent to the existing job; a searchable, sortable list; tags, notes, favourite, soft
//! delete with restore; "Tailor for this job".

use fitted_core::model::Job;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::actions::{jobs, runs};
use crate::components::shell::EmptyState;
use crate::components::util::format_time;
use crate::state::{href, use_services, DbState};

#[derive(Clone, Copy, PartialEq)]
enum Sort {
    Newest,
    Oldest,
    Title,
    Company,
}

#[component]
pub fn JobsPage() -> impl IntoView {
    let s = use_services();
    let version = RwSignal::new(0u32);
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new(Sort::Newest);
    let favorites_only = RwSignal::new(false);
    let list = LocalResource::new(move || {
        version.get();
        let ready = s.db.get() == DbState::Ready;
        async move {
            if !ready {
                return Ok(Vec::new());
            }
            s.store_ready().await?.jobs(true).await.map_err(|e| e.user_message())
        }
    });
    let refresh = move || version.update(|v| *v += 1);
    let visible = move |all: &[Job]| -> Vec<Job> {
        let q = query.get().to_lowercase();
        let mut v: Vec<Job> = all
            .iter()
            .filter(|j| j.is_deleted != Some(true))
            .filter(|j| !favorites_only.get() || j.is_favorite == Some(true))
            .filter(|j| {
                q.is_empty()
                    || j.title.to_lowercase().contains(&q)
                    || j.company.as_deref().unwrap_or("").to_lowercase().contains(&q)
                    || j.location.as_deref().unwrap_or("").to_lowercase().contains(&q)
                    || j.user_tags.as_ref().is_some_and(|t| t.iter().any(|t| t.to_lowercase().contains(&q)))
                    || j.raw_description.to_lowercase().contains(&q)
            })
            .cloned()
            .collect();
        match sort.get() {
            Sort::Newest => v.sort_by(|a, b| b.created_at.cmp(&a.created_at)),
            Sort::Oldest => v.sort_by(|a, b| a.created_at.cmp(&b.created_at)),
            Sort::Title => v.sort_by_key(|j| j.title.to_lowercase()),
            Sort::Company => v.sort_by_key(|j| j.company.clone().unwrap_or_default().to_lowercase()),
        }
        v
    };
    view! {
        <h1>"Jobs"</h1>
        <AddJob on_added=Callback::new(move |_| refresh())/>
        {move || match list.get() {
            None => view! { <p class="muted">"Loading…"</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error-text">{e}</p> }.into_any(),
            Some(Ok(all)) => {
                let deleted: Vec<Job> = all.iter().filter(|j| j.is_deleted == Some(true)).cloned().collect();
                if all.iter().all(|j| j.is_deleted == Some(true)) {
                    return view! {
                        <EmptyState title="Jobs you are considering"
                            body="Each saved job keeps its description, company, salary and your notes and tags. Fitted works out what the job asks for and how well your résumé fits it."
                            first_step="paste a job description (text or HTML copied from the posting) above."/>
                        <DeletedJobs items=deleted on_change=Callback::new(move |_| refresh())/>
                    }.into_any();
                }
                let all2 = all.clone();
                view! {
                    <div class="toolbar">
                        <label for="job-search" class="visually-hidden">"Search jobs"</label>
                        <input id="job-search" type="search" placeholder="Search title, company, location, tags, text…" bind:value=query data-testid="job-search"/>
                        <label for="job-sort" class="visually-hidden">"Sort jobs"</label>
                        <select id="job-sort" on:change=move |ev| sort.set(match event_target_value(&ev).as_str() {
                            "oldest" => Sort::Oldest, "title" => Sort::Title, "company" => Sort::Company, _ => Sort::Newest })>
                            <option value="newest">"Newest first"</option>
                            <option value="oldest">"Oldest first"</option>
                            <option value="title">"Title A–Z"</option>
                            <option value="company">"Company A–Z"</option>
                        </select>
                        <label class="checkbox"><input type="checkbox" bind:checked=favorites_only/>"Favourites"</label>
                    </div>
                    <ul class="list" aria-label="Saved jobs">
                        {move || visible(&all2).into_iter().map(|j| view! {
                            <li class="list-row" data-testid="job-row">
                                <div class="list-main">
                                    <A href=href(&format!("/jobs/{}", j.id)) attr:class="list-title">{j.title.clone()}</A>
                                    {(j.is_favorite == Some(true)).then(|| view! { <span class="badge" aria-label="Favourite">"★"</span> })}
                                    <div class="muted small">{[j.company.clone(), j.location.clone(), j.salary.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ")}</div>
                                    <div class="tags">{j.user_tags.clone().unwrap_or_default().into_iter().map(|t| view! { <span class="tag">{t}</span> }).collect_view()}</div>
                                </div>
                                <div class="muted small">{format_time(j.created_at)}</div>
                            </li>
                        }).collect_view()}
                    </ul>
                    <DeletedJobs items=deleted on_change=Callback::new(move |_| refresh())/>
                }.into_any()
            }
        }}
    }
}

#[component]
fn DeletedJobs(items: Vec<Job>, on_change: Callback<()>) -> impl IntoView {
    let s = use_services();
    if items.is_empty() {
        return ().into_any();
    }
    view! {
        <details class="card deleted">
            <summary>{format!("Recently deleted ({})", items.len())}</summary>
            <ul class="list">{items.into_iter().map(|j| {
                let id = j.id.clone();
                view! {
                    <li class="list-row"><div class="list-main">{j.title.clone()}</div>
                        <button on:click=move |_| {
                            let id = id.clone();
                            leptos::task::spawn_local(async move {
                                match s.store().map_err(|e| e) {
                                    Ok(st) => match st.set_job_deleted(&id, false).await { Ok(()) => on_change.run(()), Err(e) => s.toasts.error(e.user_message()) },
                                    Err(e) => s.toasts.error(e),
                                }
                            });
                        }>"Restore"</button>
                    </li>
                }
            }).collect_view()}</ul>
        </details>
    }.into_any()
}

#[component]
fn AddJob(on_added: Callback<()>) -> impl IntoView {
    let s = use_services();
    let navigate = use_navigate();
    let text = RwSignal::new(String::new());
    let url = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let navigate = navigate.clone();
        let t = text.get_untracked();
        let u = url.get_untracked().trim().to_string();
        if let Err(e) = jobs::validate(&t) {
            error.set(Some(e));
            return;
        }
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let r = jobs::add(&s, t, u).await;
            busy.set(false);
            match r {
                Ok(jobs::AddOutcome::Added(id)) => {
                    text.set(String::new());
                    url.set(String::new());
                    on_added.run(());
                    navigate(&href(&format!("/jobs/{id}")), Default::default());
                }
                Ok(jobs::AddOutcome::Duplicate(id)) => {
                    s.toasts.info("You already saved this job description; here it is.");
                    navigate(&href(&format!("/jobs/{id}")), Default::default());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="card" on:submit=submit aria-labelledby="add-job-h">
            <h2 id="add-job-h">"Add a job"</h2>
            <label for="job-text">"Job description (paste the posting: text or HTML)"</label>
            <textarea id="job-text" rows="8" bind:value=text data-testid="job-text"></textarea>
            <label for="job-url">"Link to the posting (optional)"</label>
            <input id="job-url" type="url" bind:value=url placeholder="https://…"/>
            <div class="form-actions">
                <button type="submit" class="primary" disabled=move || busy.get() data-testid="add-job">
                    {move || if busy.get() { "Reading the posting…" } else { "Save job" }}
                </button>
            </div>
            {move || error.get().map(|e| view! { <p class="error-text" role="alert" data-testid="job-error">{e}</p> })}
        </form>
    }
}

#[component]
pub fn JobDetailPage() -> impl IntoView {
    let s = use_services();
    let params = use_params_map();
    let navigate = use_navigate();
    let id = move || params.read().get("id").unwrap_or_default();
    let job = RwSignal::new(None::<Job>);
    let error = RwSignal::new(None::<String>);
    let tags = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    Effect::new(move |_| {
        let id = id();
        if s.db.get() != DbState::Ready {
            return;
        }
        leptos::task::spawn_local(async move {
            match jobs::get(&s, &id).await {
                Ok(j) => {
                    tags.set(j.user_tags.clone().unwrap_or_default().join(", "));
                    job.set(Some(j));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let save = move || {
        let Some(mut j) = job.get_untracked() else { return };
        let t: Vec<String> = tags.get_untracked().split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
        j.user_tags = (!t.is_empty()).then_some(t);
        leptos::task::spawn_local(async move {
            match jobs::save(&s, &j).await {
                Ok(()) => s.toasts.info("Job saved."),
                Err(e) => s.toasts.error(e),
            }
        });
    };
    let edit = move |f: fn(&mut Job, String)| move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        job.update(|j| if let Some(j) = j { f(j, v) });
    };
    let opt = |v: String| (!v.trim().is_empty()).then_some(v);
    let tailor = {
        let navigate = navigate.clone();
        move |_| {
            let navigate = navigate.clone();
            busy.set(true);
            leptos::task::spawn_local(async move {
                let r = runs::start(&s, &id(), None).await;
                busy.set(false);
                match r {
                    Ok(run) => navigate(&href(&format!("/runs/{run}?start=1")), Default::default()),
                    Err(e) => s.toasts.error(e),
                }
            });
        }
    };
    let delete = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let Ok(st) = s.store() else { return };
            let job_id = id();
            match st.set_job_deleted(&job_id, true).await {
                Ok(()) => {
                    let back = navigate.clone();
                    s.toasts.undoable(
                        "Job deleted. Undo, or restore it later from Jobs → Recently deleted.",
                        Callback::new(move |_| {
                            let (job_id, back) = (job_id.clone(), back.clone());
                            leptos::task::spawn_local(async move {
                                let r = match s.store_ready().await {
                                    Ok(st) => st.set_job_deleted(&job_id, false).await.map_err(|e| e.user_message()),
                                    Err(e) => Err(e),
                                };
                                match r {
                                    Ok(()) => back(&href(&format!("/jobs/{job_id}")), Default::default()),
                                    Err(e) => s.toasts.error(e),
                                }
                            });
                        }),
                    );
                    navigate(&href("/jobs"), Default::default());
                }
                Err(e) => s.toasts.error(e.user_message()),
            }
        });
    };
    let _ = opt;
    view! {
        {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
        {move || job.get().map(|j| {
            let desc = j.raw_description.clone();
            view! {
                <h1>{j.title.clone()}</h1>
                <div class="form-actions">
                    <button class="primary" on:click=tailor.clone() disabled=move || busy.get() data-testid="tailor">"Tailor for this job"</button>
                    <button on:click=move |_| { job.update(|j| if let Some(j) = j { j.is_favorite = Some(j.is_favorite != Some(true)) }); save() }
                        aria-pressed=move || job.with(|j| j.as_ref().is_some_and(|j| j.is_favorite == Some(true))).to_string()>
                        {move || if job.with(|j| j.as_ref().is_some_and(|j| j.is_favorite == Some(true))) { "★ Favourite" } else { "☆ Favourite" }}
                    </button>
                    <button class="danger-outline" on:click=delete.clone()>"Delete job"</button>
                </div>
                <form class="card" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); save() }>
                    <h2>"Details"</h2>
                    <div class="grid-2">
                        <div class="field"><label for="j-title">"Title"</label><input id="j-title" prop:value=j.title.clone() on:input=edit(|j, v| j.title = v)/></div>
                        <div class="field"><label for="j-company">"Company"</label><input id="j-company" prop:value=j.company.clone().unwrap_or_default() on:input=edit(|j, v| j.company = (!v.is_empty()).then_some(v))/></div>
                        <div class="field"><label for="j-location">"Location"</label><input id="j-location" prop:value=j.location.clone().unwrap_or_default() on:input=edit(|j, v| j.location = (!v.is_empty()).then_some(v))/></div>
                        <div class="field"><label for="j-salary">"Salary"</label><input id="j-salary" prop:value=j.salary.clone().unwrap_or_default() on:input=edit(|j, v| j.salary = (!v.is_empty()).then_some(v))/></div>
                        <div class="field"><label for="j-type">"Employment type"</label><input id="j-type" prop:value=j.employment_type.clone().unwrap_or_default() on:input=edit(|j, v| j.employment_type = (!v.is_empty()).then_some(v))/></div>
                        <div class="field"><label for="j-seniority">"Seniority"</label><input id="j-seniority" prop:value=j.seniority.clone().unwrap_or_default() on:input=edit(|j, v| j.seniority = (!v.is_empty()).then_some(v))/></div>
                    </div>
                    <div class="field"><label for="j-tags">"Tags (comma-separated)"</label><input id="j-tags" bind:value=tags/></div>
                    <div class="field"><label for="j-notes">"Notes"</label><textarea id="j-notes" rows="3" prop:value=j.notes.clone().unwrap_or_default() on:input=edit(|j, v| j.notes = (!v.is_empty()).then_some(v))></textarea></div>
                    <div class="form-actions"><button type="submit" class="primary">"Save changes"</button></div>
                </form>
                <details class="card"><summary>"Job description"</summary><pre class="jd-text">{desc}</pre></details>
            }
        })}
    }
}
