//! The master-résumé editor: every section, evidence tier and coaching per bullet (scored in
//! the worker as you type), autosave that never loses a keystroke, and a live preview typeset
//! in the worker with template choice and downloads.
//!
//! Saving: every change is written at once to a local draft (synchronous `localStorage`, so a
//! reload a millisecond later still has it) and, after a short pause, to IndexedDB; the draft
//! is cleared when IndexedDB has it. On open, a draft newer than the stored résumé is
//! restored and saved.

use std::collections::HashMap;

use fitted_core::model::{ArtifactType, EvidenceScore, EvidenceTier, MasterResume, ResumeSectionType};
use fitted_core::versions::Locks;
use fitted_core::protocol::{RenderOutput, Request, Response};
use fitted_core::render_source::{self, LayoutOptions, Paper};
use fitted_core::resume::*;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::actions::{self, resumes};
use crate::components::pages::PageImages;
use crate::components::util::{download, drafts};
use crate::state::{href, use_services, DbState};

const SAVE_DELAY_MS: u32 = 400;
/// Later than the preview: the worker answers in order, and the preview is what the user
/// is waiting to see.
const SCORE_DELAY_MS: u32 = 600;
/// Typing pauses shorter than this do not re-typeset: a warm render takes ~15–25 ms in the
/// worker, but fit-to-page may lay out several times.
const PREVIEW_DELAY_MS: u32 = 350;

fn opt(v: String) -> Option<String> {
    (!v.trim().is_empty()).then_some(v)
}

type Doc = RwSignal<JsonResume>;

fn basics_mut(d: &mut JsonResume) -> &mut Basics {
    d.basics.get_or_insert_with(Default::default)
}

fn location_mut(d: &mut JsonResume) -> &mut Location {
    basics_mut(d).location.get_or_insert_with(Default::default)
}

fn profiles_mut(d: &mut JsonResume) -> &mut Vec<Profile> {
    basics_mut(d).profiles.get_or_insert_with(Vec::new)
}

fn work_mut(d: &mut JsonResume, i: usize) -> Option<&mut Work> {
    d.work.as_mut()?.get_mut(i)
}

fn project_mut(d: &mut JsonResume, i: usize) -> Option<&mut Project> {
    d.projects.as_mut()?.get_mut(i)
}

fn skill_mut(d: &mut JsonResume, i: usize) -> Option<&mut Skill> {
    d.skills.as_mut()?.get_mut(i)
}

fn education_mut(d: &mut JsonResume, i: usize) -> Option<&mut Education> {
    d.education.as_mut()?.get_mut(i)
}

fn award_mut(d: &mut JsonResume, i: usize) -> Option<&mut Award> {
    d.awards.as_mut()?.get_mut(i)
}

fn certificate_mut(d: &mut JsonResume, i: usize) -> Option<&mut Certificate> {
    d.certificates.as_mut()?.get_mut(i)
}


/// A labelled text input bound to one field of the document.
fn field<G, S>(doc: Doc, label: &'static str, id: String, get: G, set: S, multiline: bool) -> impl IntoView
where
    G: Fn(&JsonResume) -> Option<String> + Send + Sync + Clone + 'static,
    S: Fn(&mut JsonResume, Option<String>) + Clone + 'static,
{
    let value = move || doc.with(|d| get(d)).unwrap_or_default();
    let input = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let set = set.clone();
        doc.update(|d| set(d, opt(v)));
    };
    let id2 = id.clone();
    view! {
        <div class="field">
            <label for=id2>{label}</label>
            {if multiline {
                view! { <textarea id=id rows="3" prop:value=value on:input=input></textarea> }.into_any()
            } else {
                view! { <input id=id type="text" prop:value=value on:input=input/> }.into_any()
            }}
        </div>
    }
}

#[component]
pub fn ResumeEditorPage() -> impl IntoView {
    let s = use_services();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let record = RwSignal::new(None::<MasterResume>);
    let doc: Doc = RwSignal::new(JsonResume::default());
    let load_error = RwSignal::new(None::<String>);
    let save_state = RwSignal::new("Saved".to_string());
    let loaded = RwSignal::new(false);
    let edits = RwSignal::new(0u64);

    // Load (and restore a newer local draft).
    Effect::new(move |_| {
        let id = id();
        if s.db.get() != DbState::Ready || id.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            match resumes::get(&s, &id).await {
                Ok(r) => {
                    let mut d = r.document.clone();
                    let mut restored = false;
                    if let Some(draft) = drafts::get("resume", &id) {
                        if let Ok(dd) = serde_json::from_str::<JsonResume>(&draft) {
                            if dd != d {
                                d = dd;
                                restored = true;
                            }
                        }
                    }
                    // A session that ended with the tab closed left saved content that is
                    // not a version yet: make it one before this session starts.
                    if let Err(e) = actions::versions::commit(&s, &r.id).await {
                        s.toasts.error(e);
                    }
                    record.set(Some(r));
                    doc.set(d);
                    loaded.set(true);
                    if restored {
                        s.toasts.info("Restored your latest changes, which had not been saved yet.");
                        edits.update(|e| *e += 1);
                    }
                }
                Err(e) => load_error.set(Some(e)),
            }
        });
    });

    // An editing session becomes one version (not one per keystroke): after a minute
    // without typing, or on leaving the editor (see `fitted_core::versions::SESSION_IDLE_MS`).
    let session_timer = StoredValue::new_local(None::<gloo::timers::callback::Timeout>);
    let uncommitted = StoredValue::new(false);
    let end_session = move || {
        let Some(id) = record.try_get_untracked().flatten().map(|r| r.id) else { return };
        let _ = uncommitted.try_set_value(false);
        leptos::task::spawn_local(async move {
            if let Err(e) = actions::versions::commit(&s, &id).await {
                s.toasts.error(e);
            }
        });
    };
    let saved_now = move || {
        // Runs after an await: the editor may have been left meanwhile (then leaving has
        // ended the session already).
        if uncommitted.try_set_value(true).is_some() {
            return;
        }
        let t = gloo::timers::callback::Timeout::new(fitted_core::versions::SESSION_IDLE_MS as u32, end_session);
        let _ = session_timer.try_set_value(Some(t));
    };
    on_cleanup(move || {
        let (Some(Some(r)), Some(d)) = (record.try_get_untracked(), doc.try_get_untracked()) else { return };
        let pending_save = save_state.try_get_untracked().is_some_and(|x| x != "Saved");
        if !pending_save && uncommitted.try_get_value() != Some(true) {
            return;
        }
        // Leaving ends the session: save what is typed (the autosave timer dies with the
        // page) and make it a version.
        leptos::task::spawn_local(async move {
            let saved = if pending_save { resumes::save(&s, &r, &d).await.map(|_| drafts::clear("resume", &r.id)) } else { Ok(()) };
            match saved {
                Ok(()) => {
                    if let Err(e) = actions::versions::commit(&s, &r.id).await {
                        s.toasts.error(e);
                    }
                }
                Err(e) => s.toasts.error(format!("{e} Your changes are kept in this browser and will be saved when you open the résumé again.")),
            }
        });
    });

    // Every edit: local draft now, IndexedDB after a pause.
    let save_timer = StoredValue::new_local(None::<gloo::timers::callback::Timeout>);
    let on_edit = move || {
        let Some(r) = record.get_untracked() else { return };
        if let Ok(json) = serde_json::to_string(&doc.get_untracked()) {
            drafts::put("resume", &r.id, &json);
        }
        save_state.set("Saving…".into());
        let t = gloo::timers::callback::Timeout::new(SAVE_DELAY_MS, move || {
            let Some(r) = record.get_untracked() else { return };
            let d = doc.get_untracked();
            leptos::task::spawn_local(async move {
                match resumes::save(&s, &r, &d).await {
                    Ok(saved) => {
                        if doc.get_untracked() == d {
                            drafts::clear("resume", &saved.id);
                            save_state.set("Saved".into());
                        }
                        // Locks on screen are the newest intent (a lock change may still
                        // be on its way to storage): keep them.
                        let locks = record.try_with_untracked(|r| r.as_ref().map(|r| r.locks.clone())).flatten().unwrap_or_default();
                        record.set(Some(MasterResume { locks, ..saved }));
                        saved_now();
                    }
                    Err(e) => {
                        save_state.set("Not saved".into());
                        s.toasts.error(format!("{e} Your changes are kept in this browser and will be saved when possible."));
                    }
                }
            });
        });
        save_timer.set_value(Some(t));
    };
    Effect::new(move |prev: Option<()>| {
        doc.track();
        edits.track();
        if prev.is_some() && loaded.get_untracked() {
            on_edit();
        }
    });

    // Evidence scores (debounced).
    let scores = RwSignal::new(HashMap::<String, EvidenceScore>::new());
    let score_timer = StoredValue::new_local(None::<gloo::timers::callback::Timeout>);
    Effect::new(move |_| {
        doc.track();
        if !loaded.get() {
            return;
        }
        let t = gloo::timers::callback::Timeout::new(SCORE_DELAY_MS, move || {
            let d = doc.get_untracked();
            leptos::task::spawn_local(async move {
                if let Ok(Response::ResumeScores(rs)) = actions::call(&s, Request::ScoreResume { document: d }).await {
                    let map = rs.bullets.into_iter().zip(rs.scores).map(|(b, sc)| (b.source_path, sc)).collect();
                    scores.set(map);
                }
            });
        });
        score_timer.set_value(Some(t));
    });

    provide_context(LockState { record });

    view! {
        {move || load_error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
        <Show when=move || loaded.get() fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <div class="editor-head">
                <NameField record=record/>
                <span class="save-state" role="status" data-testid="save-state">{move || save_state.get()}</span>
                <A href=move || href(&format!("/resumes/{}/versions", id())) attr:data-testid="versions-link">"Versions"</A>
            </div>
            <div class="editor-layout">
                <div class="editor-form">
                    <Lockable t=ResumeSectionType::Other><BasicsSection doc=doc/></Lockable>
                    <Lockable t=ResumeSectionType::Experience><WorkSection doc=doc scores=scores/></Lockable>
                    <Lockable t=ResumeSectionType::Projects><ProjectsSection doc=doc scores=scores/></Lockable>
                    <Lockable t=ResumeSectionType::Skills><SkillsSection doc=doc/></Lockable>
                    <Lockable t=ResumeSectionType::Education><EducationSection doc=doc/></Lockable>
                    <Lockable t=ResumeSectionType::Achievements><AwardsSection doc=doc/><CertificatesSection doc=doc/></Lockable>
                </div>
                <Preview doc=doc record=record/>
            </div>
        </Show>
    }
}

/// The résumé record, for lock state (locks live on it; see `fitted_core::versions::Locks`).
#[derive(Clone, Copy)]
struct LockState {
    record: RwSignal<Option<MasterResume>>,
}

impl LockState {
    fn locks(&self) -> Locks {
        self.record.with(|r| r.as_ref().map(|r| r.locks.clone()).unwrap_or_default())
    }

    /// Change the locks now on screen and in storage; on a storage error, undo on screen.
    fn change(self, s: crate::state::Services, f: impl FnOnce(&mut Locks)) {
        let Some(mut r) = self.record.get_untracked() else { return };
        let before = r.locks.clone();
        f(&mut r.locks);
        let (id, locks) = (r.id.clone(), r.locks.clone());
        self.record.set(Some(r));
        let record = self.record;
        leptos::task::spawn_local(async move {
            if let Err(e) = resumes::set_locks(&s, &id, &locks).await {
                record.update(|r| {
                    if let Some(r) = r {
                        r.locks = before
                    }
                });
                s.toasts.error(e);
            }
        });
    }
}

/// A padlock drawn inline (closed when `locked`): no emoji font needed.
fn padlock(locked: bool) -> impl IntoView {
    let shackle = if locked { "M5 7V5a3 3 0 0 1 6 0v2" } else { "M5 7V5a3 3 0 0 1 5.8-1.1" };
    view! {
        <svg class="padlock" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <rect x="3" y="7" width="10" height="8" rx="1.5" fill="currentColor"/>
            <path d=shackle fill="none" stroke="currentColor" stroke-width="1.6"/>
        </svg>
    }
}

/// A section that can be locked: while locked, every field and button in it is disabled
/// (and storage refuses changes to it).
#[component]
fn Lockable(t: ResumeSectionType, children: Children) -> impl IntoView {
    let s = use_services();
    let st = expect_context::<LockState>();
    let locked = move || st.locks().section_locked(t);
    let name = fitted_core::versions::section_name(t);
    let toggle = move |_| {
        st.change(s, |l| {
            if l.section_locked(t) {
                l.sections.retain(|x| *x != t)
            } else {
                l.sections.push(t)
            }
        })
    };
    view! {
        <div class="lockable">
            <button class="lock-toggle small" aria-pressed={move || locked().to_string()} on:click=toggle data-testid="lock-section">
                {move || padlock(locked())}" "{move || if locked() { format!("{name} locked — unlock") } else { format!("Lock {name}") }}
            </button>
            <fieldset class="lock-fieldset" disabled=locked>{children()}</fieldset>
        </div>
    }
}

#[component]
fn NameField(record: RwSignal<Option<MasterResume>>) -> impl IntoView {
    let s = use_services();
    let name = RwSignal::new(record.get_untracked().map(|r| r.name).unwrap_or_default());
    let commit = move |_| {
        let Some(r) = record.get_untracked() else { return };
        let n = name.get_untracked();
        if n == r.name {
            return;
        }
        leptos::task::spawn_local(async move {
            match resumes::rename(&s, &r.id, &n).await {
                Ok(()) => record.update(|r| {
                    if let Some(r) = r {
                        r.name = n.trim().to_string()
                    }
                }),
                Err(e) => s.toasts.error(e),
            }
        });
    };
    view! {
        <label for="resume-name" class="visually-hidden">"Résumé name"</label>
        <input id="resume-name" class="title-input" type="text" bind:value=name on:change=commit/>
    }
}

#[component]
fn BasicsSection(doc: Doc) -> impl IntoView {
    let b = basics_mut;
    let loc = location_mut;
    view! {
        <section class="card" aria-labelledby="basics-h">
            <h2 id="basics-h">"Contact and summary"</h2>
            <div class="grid-2">
                {field(doc, "Name", "b-name".into(), |d| d.basics.as_ref()?.name.clone(), move |d, v| b(d).name = v, false)}
                {field(doc, "Headline", "b-label".into(), |d| d.basics.as_ref()?.label.clone(), move |d, v| b(d).label = v, false)}
                {field(doc, "E-mail", "b-email".into(), |d| d.basics.as_ref()?.email.clone(), move |d, v| b(d).email = v, false)}
                {field(doc, "Phone", "b-phone".into(), |d| d.basics.as_ref()?.phone.clone(), move |d, v| b(d).phone = v, false)}
                {field(doc, "Website", "b-url".into(), |d| d.basics.as_ref()?.url.clone(), move |d, v| b(d).url = v, false)}
                {field(doc, "City", "b-city".into(), |d| d.basics.as_ref()?.location.as_ref()?.city.clone(), move |d, v| loc(d).city = v, false)}
                {field(doc, "Region", "b-region".into(), |d| d.basics.as_ref()?.location.as_ref()?.region.clone(), move |d, v| loc(d).region = v, false)}
                {field(doc, "Country code", "b-cc".into(), |d| d.basics.as_ref()?.location.as_ref()?.country_code.clone(), move |d, v| loc(d).country_code = v, false)}
            </div>
            {field(doc, "Summary", "b-summary".into(), |d| d.basics.as_ref()?.summary.clone(), move |d, v| b(d).summary = v, true)}
            <ProfilesList doc=doc/>
        </section>
    }
}

#[component]
fn ProfilesList(doc: Doc) -> impl IntoView {
    let len = move || doc.with(|d| d.basics.as_ref().and_then(|b| b.profiles.as_ref()).map_or(0, |p| p.len()));
    let p = profiles_mut;
    view! {
        <h3>"Links and profiles"</h3>
        <For each=move || 0..len() key=|i| *i children=move |i| view! {
            <div class="grid-3 row-item">
                {field(doc, "Network", format!("p-net-{i}"), move |d| d.basics.as_ref()?.profiles.as_ref()?.get(i)?.network.clone(), move |d, v| { if let Some(x) = p(d).get_mut(i) { x.network = v } }, false)}
                {field(doc, "Username", format!("p-user-{i}"), move |d| d.basics.as_ref()?.profiles.as_ref()?.get(i)?.username.clone(), move |d, v| { if let Some(x) = p(d).get_mut(i) { x.username = v } }, false)}
                {field(doc, "URL", format!("p-url-{i}"), move |d| d.basics.as_ref()?.profiles.as_ref()?.get(i)?.url.clone(), move |d, v| { if let Some(x) = p(d).get_mut(i) { x.url = v } }, false)}
                <button class="icon-button" aria-label=format!("Remove link {}", i + 1) on:click=move |_| doc.update(|d| { let v = p(d); if i < v.len() { v.remove(i); } })>"×"</button>
            </div>
        }/>
        <button on:click=move |_| doc.update(|d| p(d).push(Profile::default()))>"Add a link"</button>
    }
}

/// Tier badge and coaching for one bullet.
#[component]
fn Evidence(scores: RwSignal<HashMap<String, EvidenceScore>>, path: String) -> impl IntoView {
    let p2 = path.clone();
    let score = move || scores.with(|m| m.get(&p2).cloned());
    view! {
        {move || score().map(|sc| {
            let (class, label) = match sc.tier {
                EvidenceTier::Strong => ("badge badge-ok", "Strong"),
                EvidenceTier::Medium => ("badge badge-warn", "Medium"),
                EvidenceTier::Weak => ("badge badge-bad", "Weak"),
            };
            let hints = sc.hints.clone();
            view! {
                <div class="evidence" data-testid="evidence">
                    <span class=class title="Evidence strength">{label}</span>
                    <ul class="hints">{hints.into_iter().take(2).map(|h| view! { <li>{h}</li> }).collect_view()}</ul>
                </div>
            }
        })}
    }
}

/// The bullets of `work[i]` or `projects[i]`.
#[component]
fn Bullets(doc: Doc, scores: RwSignal<HashMap<String, EvidenceScore>>, section: &'static str, i: usize) -> impl IntoView {
    let list = move |d: &JsonResume| -> Vec<String> {
        match section {
            "work" => d.work().get(i).and_then(|w| w.highlights.clone()),
            _ => d.projects().get(i).and_then(|p| p.highlights.clone()),
        }
        .unwrap_or_default()
    };
    let with_list = move |d: &mut JsonResume, f: &dyn Fn(&mut Vec<String>)| match section {
        "work" => {
            if let Some(w) = d.work.as_mut().and_then(|w| w.get_mut(i)) {
                f(w.highlights.get_or_insert_with(Vec::new))
            }
        }
        _ => {
            if let Some(p) = d.projects.as_mut().and_then(|p| p.get_mut(i)) {
                f(p.highlights.get_or_insert_with(Vec::new))
            }
        }
    };
    let len = move || doc.with(|d| list(d).len());
    let s = use_services();
    let locks = expect_context::<LockState>();
    view! {
        <ol class="bullets">
            <For each=move || 0..len() key=|j| *j children=move |j| {
                let path = format!("{section}[{i}].highlights[{j}]");
                let id = format!("{section}-{i}-b-{j}");
                let value = move || doc.with(|d| list(d).get(j).cloned().unwrap_or_default());
                let locked = move || locks.locks().bullet_locked(&value());
                let toggle = move |_| {
                    let text = value();
                    locks.change(s, |l| {
                        if l.bullet_locked(&text) {
                            l.bullets.retain(|b| b != &text)
                        } else {
                            l.bullets.push(text)
                        }
                    })
                };
                view! {
                    <li class="bullet-row" data-testid="bullet" class:locked=locked>
                        <label for=id.clone() class="visually-hidden">{format!("Bullet {}", j + 1)}</label>
                        <textarea id=id rows="2" prop:value=value prop:readOnly=locked
                            on:input=move |ev| { let v = event_target_value(&ev); doc.update(|d| with_list(d, &|l| if let Some(x) = l.get_mut(j) { *x = v.clone() })) }></textarea>
                        <div class="bullet-tools">
                            <button class="icon-button" aria-label=format!("Move bullet {} up", j + 1) disabled={move || j == 0}
                                on:click={move |_| doc.update(|d| with_list(d, &|l| if j > 0 && j < l.len() { l.swap(j, j - 1) }))}>"↑"</button>
                            <button class="icon-button" aria-label=format!("Move bullet {} down", j + 1) disabled={move || j + 1 >= len()}
                                on:click=move |_| doc.update(|d| with_list(d, &|l| if j + 1 < l.len() { l.swap(j, j + 1) }))>"↓"</button>
                            <button class="icon-button" aria-label=format!("Delete bullet {}", j + 1) disabled=locked
                                on:click=move |_| doc.update(|d| with_list(d, &|l| if j < l.len() { l.remove(j); }))>"×"</button>
                            <button class="icon-button" aria-pressed={move || locked().to_string()} data-testid="lock-bullet" on:click=toggle
                                aria-label={move || format!("{} bullet {}", if locked() { "Unlock" } else { "Lock" }, j + 1)}
                                title="Locked bullets cannot be edited or deleted, and are never sent to an AI model">{move || padlock(locked())}</button>
                        </div>
                        <Evidence scores=scores path=path/>
                    </li>
                }
            }/>
        </ol>
        <button on:click=move |_| doc.update(|d| with_list(d, &|l| l.push(String::new()))) data-testid="add-bullet">"Add a bullet"</button>
    }
}

#[component]
fn WorkSection(doc: Doc, scores: RwSignal<HashMap<String, EvidenceScore>>) -> impl IntoView {
    let len = move || doc.with(|d| d.work().len());
    let w = work_mut;
    view! {
        <section class="card" aria-labelledby="work-h">
            <h2 id="work-h">"Experience"</h2>
            <p class="muted small">"Most recent first. Put every bullet you might want here; Fitted picks the best ones for each job."</p>
            <For each=move || 0..len() key=|i| *i children=move |i| view! {
                <fieldset class="entry" data-testid="role">
                    <legend>{move || doc.with(|d| d.work().get(i).map(|w| format!("{} — {}", w.position.clone().unwrap_or_default(), w.name.clone().unwrap_or_default())).unwrap_or_default())}</legend>
                    <div class="grid-2">
                        {field(doc, "Job title", format!("w-pos-{i}"), move |d| d.work().get(i)?.position.clone(), move |d, v| { if let Some(x) = w(d, i) { x.position = v } }, false)}
                        {field(doc, "Employer", format!("w-name-{i}"), move |d| d.work().get(i)?.name.clone(), move |d, v| { if let Some(x) = w(d, i) { x.name = v } }, false)}
                        {field(doc, "Location", format!("w-loc-{i}"), move |d| d.work().get(i)?.location.clone(), move |d, v| { if let Some(x) = w(d, i) { x.location = v } }, false)}
                        {field(doc, "Start (YYYY-MM)", format!("w-start-{i}"), move |d| d.work().get(i)?.start_date.clone(), move |d, v| { if let Some(x) = w(d, i) { x.start_date = v } }, false)}
                        {field(doc, "End (YYYY-MM, empty if current)", format!("w-end-{i}"), move |d| d.work().get(i)?.end_date.clone(), move |d, v| { if let Some(x) = w(d, i) { x.end_date = v } }, false)}
                    </div>
                    <Bullets doc=doc scores=scores section="work" i=i/>
                    <div class="form-actions">
                        <button disabled={move || i == 0} on:click=move |_| doc.update(|d| if let Some(v) = d.work.as_mut() { if i > 0 && i < v.len() { v.swap(i, i - 1) } })>"Move role up"</button>
                        <button disabled={move || i + 1 >= len()} on:click=move |_| doc.update(|d| if let Some(v) = d.work.as_mut() { if i + 1 < v.len() { v.swap(i, i + 1) } })>"Move role down"</button>
                        <button class="danger-outline" on:click=move |_| doc.update(|d| if let Some(v) = d.work.as_mut() { if i < v.len() { v.remove(i); } })>"Delete role"</button>
                    </div>
                </fieldset>
            }/>
            <button on:click=move |_| doc.update(|d| d.work.get_or_insert_with(Vec::new).insert(0, Work { highlights: Some(vec![String::new()]), ..Default::default() }))>"Add a role"</button>
        </section>
    }
}

#[component]
fn ProjectsSection(doc: Doc, scores: RwSignal<HashMap<String, EvidenceScore>>) -> impl IntoView {
    let len = move || doc.with(|d| d.projects().len());
    let p = project_mut;
    view! {
        <section class="card" aria-labelledby="proj-h">
            <h2 id="proj-h">"Projects"</h2>
            <For each=move || 0..len() key=|i| *i children=move |i| view! {
                <fieldset class="entry">
                    <legend>{move || doc.with(|d| d.projects().get(i).and_then(|p| p.name.clone()).unwrap_or_else(|| "Project".into()))}</legend>
                    <div class="grid-2">
                        {field(doc, "Name", format!("p-name-{i}"), move |d| d.projects().get(i)?.name.clone(), move |d, v| { if let Some(x) = p(d, i) { x.name = v } }, false)}
                        {field(doc, "URL", format!("p-url-{i}"), move |d| d.projects().get(i)?.url.clone(), move |d, v| { if let Some(x) = p(d, i) { x.url = v } }, false)}
                        {field(doc, "Start (YYYY-MM)", format!("p-start-{i}"), move |d| d.projects().get(i)?.start_date.clone(), move |d, v| { if let Some(x) = p(d, i) { x.start_date = v } }, false)}
                        {field(doc, "End (YYYY-MM)", format!("p-end-{i}"), move |d| d.projects().get(i)?.end_date.clone(), move |d, v| { if let Some(x) = p(d, i) { x.end_date = v } }, false)}
                    </div>
                    {field(doc, "Description", format!("p-desc-{i}"), move |d| d.projects().get(i)?.description.clone(), move |d, v| { if let Some(x) = p(d, i) { x.description = v } }, true)}
                    <Bullets doc=doc scores=scores section="projects" i=i/>
                    <button class="danger-outline" on:click=move |_| doc.update(|d| if let Some(v) = d.projects.as_mut() { if i < v.len() { v.remove(i); } })>"Delete project"</button>
                </fieldset>
            }/>
            <button on:click=move |_| doc.update(|d| d.projects.get_or_insert_with(Vec::new).push(Project { highlights: Some(vec![String::new()]), ..Default::default() }))>"Add a project"</button>
        </section>
    }
}

#[component]
fn SkillsSection(doc: Doc) -> impl IntoView {
    let len = move || doc.with(|d| d.skills().len());
    let sk = skill_mut;
    view! {
        <section class="card" aria-labelledby="skills-h">
            <h2 id="skills-h">"Skills"</h2>
            <p class="muted small">"One group per category (for example “Languages”, “Cloud”, “Clinical systems”), keywords separated by commas."</p>
            <For each=move || 0..len() key=|i| *i children=move |i| view! {
                <div class="grid-skill row-item">
                    {field(doc, "Category", format!("s-name-{i}"), move |d| d.skills().get(i)?.name.clone(), move |d, v| { if let Some(x) = sk(d, i) { x.name = v } }, false)}
                    {field(doc, "Keywords", format!("s-kw-{i}"), move |d| d.skills().get(i)?.keywords.as_ref().map(|k| k.join(", ")), move |d, v| {
                        if let Some(x) = sk(d, i) {
                            x.keywords = v.map(|v| v.split(',').map(|k| k.trim().to_string()).filter(|k| !k.is_empty()).collect());
                        }
                    }, false)}
                    <button class="icon-button" aria-label=format!("Remove skill group {}", i + 1) on:click=move |_| doc.update(|d| if let Some(v) = d.skills.as_mut() { if i < v.len() { v.remove(i); } })>"×"</button>
                </div>
            }/>
            <button on:click=move |_| doc.update(|d| d.skills.get_or_insert_with(Vec::new).push(Skill::default()))>"Add a skill group"</button>
        </section>
    }
}

#[component]
fn EducationSection(doc: Doc) -> impl IntoView {
    let len = move || doc.with(|d| d.education().len());
    let e = education_mut;
    view! {
        <section class="card" aria-labelledby="edu-h">
            <h2 id="edu-h">"Education"</h2>
            <For each=move || 0..len() key=|i| *i children=move |i| view! {
                <div class="grid-2 row-item">
                    {field(doc, "Institution", format!("e-inst-{i}"), move |d| d.education().get(i)?.institution.clone(), move |d, v| { if let Some(x) = e(d, i) { x.institution = v } }, false)}
                    {field(doc, "Degree", format!("e-type-{i}"), move |d| d.education().get(i)?.study_type.clone(), move |d, v| { if let Some(x) = e(d, i) { x.study_type = v } }, false)}
                    {field(doc, "Field", format!("e-area-{i}"), move |d| d.education().get(i)?.area.clone(), move |d, v| { if let Some(x) = e(d, i) { x.area = v } }, false)}
                    {field(doc, "End (YYYY-MM)", format!("e-end-{i}"), move |d| d.education().get(i)?.end_date.clone(), move |d, v| { if let Some(x) = e(d, i) { x.end_date = v } }, false)}
                    <button class="danger-outline" on:click=move |_| doc.update(|d| if let Some(v) = d.education.as_mut() { if i < v.len() { v.remove(i); } })>"Delete"</button>
                </div>
            }/>
            <button on:click=move |_| doc.update(|d| d.education.get_or_insert_with(Vec::new).push(Education::default()))>"Add education"</button>
        </section>
    }
}

#[component]
fn AwardsSection(doc: Doc) -> impl IntoView {
    let len = move || doc.with(|d| d.awards().len());
    let a = award_mut;
    view! {
        <section class="card" aria-labelledby="awards-h">
            <h2 id="awards-h">"Awards"</h2>
            <For each=move || 0..len() key=|i| *i children=move |i| view! {
                <div class="grid-2 row-item">
                    {field(doc, "Title", format!("a-title-{i}"), move |d| d.awards().get(i)?.title.clone(), move |d, v| { if let Some(x) = a(d, i) { x.title = v } }, false)}
                    {field(doc, "Awarded by", format!("a-by-{i}"), move |d| d.awards().get(i)?.awarder.clone(), move |d, v| { if let Some(x) = a(d, i) { x.awarder = v } }, false)}
                    {field(doc, "Date (YYYY-MM)", format!("a-date-{i}"), move |d| d.awards().get(i)?.date.clone(), move |d, v| { if let Some(x) = a(d, i) { x.date = v } }, false)}
                    <button class="danger-outline" on:click=move |_| doc.update(|d| if let Some(v) = d.awards.as_mut() { if i < v.len() { v.remove(i); } })>"Delete"</button>
                </div>
            }/>
            <button on:click=move |_| doc.update(|d| d.awards.get_or_insert_with(Vec::new).push(Award::default()))>"Add an award"</button>
        </section>
    }
}

#[component]
fn CertificatesSection(doc: Doc) -> impl IntoView {
    let len = move || doc.with(|d| d.certificates().len());
    let c = certificate_mut;
    view! {
        <section class="card" aria-labelledby="cert-h">
            <h2 id="cert-h">"Certificates and licences"</h2>
            <For each=move || 0..len() key=|i| *i children=move |i| view! {
                <div class="grid-2 row-item">
                    {field(doc, "Name", format!("c-name-{i}"), move |d| d.certificates().get(i)?.name.clone(), move |d, v| { if let Some(x) = c(d, i) { x.name = v } }, false)}
                    {field(doc, "Issuer", format!("c-iss-{i}"), move |d| d.certificates().get(i)?.issuer.clone(), move |d, v| { if let Some(x) = c(d, i) { x.issuer = v } }, false)}
                    {field(doc, "Date (YYYY-MM-DD)", format!("c-date-{i}"), move |d| d.certificates().get(i)?.date.clone(), move |d, v| { if let Some(x) = c(d, i) { x.date = v } }, false)}
                    <button class="danger-outline" on:click=move |_| doc.update(|d| if let Some(v) = d.certificates.as_mut() { if i < v.len() { v.remove(i); } })>"Delete"</button>
                </div>
            }/>
            <button on:click=move |_| doc.update(|d| d.certificates.get_or_insert_with(Vec::new).push(Certificate::default()))>"Add a certificate"</button>
        </section>
    }
}

/// Live preview: re-typeset in the worker shortly after each edit; only the latest
/// request's result is shown. The pages are pictures drawn from the worker's pixels, so the
/// preview needs no PDF viewer; the PDF is a download. The template and paper chosen here are the
/// user's layout for every run too.
#[component]
pub fn Preview(doc: Doc, record: RwSignal<Option<MasterResume>>) -> impl IntoView {
    let s = use_services();
    let template = RwSignal::new(render_source::DEFAULT_TEMPLATE.to_string());
    let paper = RwSignal::new(Paper::UsLetter);
    // Loaded once from the profile; until then no preview is requested (it would be thrown
    // away when the choice arrives).
    let layout_loaded = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        let _ = s.store_ready().await;
        let (t, p) = actions::runs::layout_choice(&s).await;
        template.set(t);
        paper.set(p);
        layout_loaded.set(true);
    });
    let choose = move |t: Option<String>, p: Option<Paper>| {
        if let Some(t) = t {
            template.set(t);
        }
        if let Some(p) = p {
            paper.set(p);
        }
        let (t, p) = (template.get_untracked(), paper.get_untracked());
        leptos::task::spawn_local(async move {
            if let Err(e) = actions::runs::save_layout_choice(&s, &t, p).await {
                s.toasts.error(e);
            }
        });
    };
    let fit = RwSignal::new(true);
    let result = RwSignal::new(None::<Result<RenderOutput, String>>);
    let pages = RwSignal::new(std::sync::Arc::new(Vec::<fitted_core::protocol::PageImage>::new()));
    let busy = RwSignal::new(false);
    let seq = StoredValue::new(0u64);
    // Where the next fit starts: the last answer, since an edit rarely moves it far (one
    // layout instead of two or three per keystroke pause; the result is the same).
    let fit_hint = StoredValue::new(0u8);
    let timer = StoredValue::new_local(None::<gloo::timers::callback::Timeout>);
    Effect::new(move |_| {
        doc.track();
        let (t, p, f) = (template.get(), paper.get(), fit.get());
        if !layout_loaded.get() {
            return;
        }
        let n = seq.get_value() + 1;
        seq.set_value(n);
        let tm = gloo::timers::callback::Timeout::new(PREVIEW_DELAY_MS, move || {
            let d = doc.get_untracked();
            busy.set(true);
            leptos::task::spawn_local(async move {
                let _span = crate::perf::span("preview:render");
                let r = async {
                    crate::fonts::ensure_fallback_fonts(&s, &d).await?;
                    let step = if f { fit_hint.try_get_value().unwrap_or(0) } else { 0 };
                    let request = Request::Render { document: d, template: t, layout: LayoutOptions { paper: p, step }, fit_to_page: f, pdf: false, page_images: Some(crate::components::pages::image_scale()), measure_only_if_over: false, docx: false, ats_keywords: None };
                    match actions::call(&s, request).await? {
                        Response::Rendered(out) => Ok(*out),
                        _ => Err("Unexpected answer from the engine.".to_string()),
                    }
                }
                .await;
                // The last request wins: a slower, older render is dropped; so is one that
                // finishes after the user left the editor (its signals are gone).
                if seq.try_get_value() != Some(n) {
                    return;
                }
                busy.set(false);
                let r = r.map(|mut out| {
                    if f {
                        fit_hint.set_value(if out.fits_one_page { out.layout.step } else { fitted_core::render_source::MAX_STEP });
                    }
                    pages.set(std::sync::Arc::new(std::mem::take(&mut out.page_images)));
                    out
                });
                result.set(Some(r));
            });
        });
        timer.set_value(Some(tm));
    });
    let name = move || record.with(|r| r.as_ref().map(|r| r.name.clone())).unwrap_or_else(|| "resume".into());
    let file_base = move || {
        let n: String = name().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-");
        if n.is_empty() { "resume".to_string() } else { n }
    };
    let dl = move |kind: &'static str| {
        let base = file_base();
        let r = match (kind, result.get_untracked()) {
            ("json", _) => download(&format!("{base}.json"), "application/json", resumes::export_json(&doc.get_untracked()).as_bytes()),
            ("typ", Some(Ok(o))) => download(&format!("{base}.typ"), "text/plain", o.typst_source.as_bytes()),
            ("tex", Some(Ok(o))) => download(&format!("{base}.tex"), "application/x-tex", o.latex_source.as_bytes()),
            _ => Err("The preview is not ready yet; try again in a moment.".into()),
        };
        if let Err(e) = r {
            s.toasts.error(e);
        }
    };
    // The PDF and the Word file are made on demand (previews make page images only): the
    // preview's content typeset once more at the step the preview showed, so the PDF is the
    // page the user saw.
    let export = move |kind: &'static str| {
        let Some(Ok(shown)) = result.get_untracked() else {
            s.toasts.error("The preview is not ready yet; try again in a moment.");
            return;
        };
        let (d, t, base) = (doc.get_untracked(), template.get_untracked(), file_base());
        leptos::task::spawn_local(async move {
            let r = async {
                crate::fonts::ensure_fallback_fonts(&s, &d).await?;
                let word = kind == "docx";
                let request = Request::Render { document: d, template: t, layout: shown.layout, fit_to_page: false, pdf: !word, page_images: None, measure_only_if_over: false, docx: word, ats_keywords: None };
                match actions::call(&s, request).await? {
                    Response::Rendered(out) if word => download(&format!("{base}.docx"), ArtifactType::Docx.mime_type(), &out.docx),
                    Response::Rendered(out) => download(&format!("{base}.pdf"), "application/pdf", &out.pdf),
                    _ => Err("Unexpected answer from the engine.".to_string()),
                }
            }
            .await;
            if let Err(e) = r {
                s.toasts.error(e);
            }
        });
    };
    view! {
        <aside class="preview card" aria-labelledby="preview-h">
            <h2 id="preview-h">"Preview"</h2>
            <div class="grid-2">
                <div class="field">
                    <label for="template">"Template"</label>
                    <select id="template" on:change=move |ev| choose(Some(event_target_value(&ev)), None) data-testid="template">
                        {render_source::templates().iter().map(|t| view! { <option value=t.name selected={move || template.get() == t.name}>{t.label}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="paper">"Paper"</label>
                    <select id="paper" data-testid="paper" on:change=move |ev| choose(None, Some(if event_target_value(&ev) == "a4" { Paper::A4 } else { Paper::UsLetter }))>
                        <option value="letter" selected={move || paper.get() == Paper::UsLetter}>"US Letter"</option>
                        <option value="a4" selected={move || paper.get() == Paper::A4}>"A4"</option>
                    </select>
                </div>
            </div>
            <p class="muted small">"Every tailored résumé uses this template and paper."</p>
            <label class="checkbox"><input type="checkbox" prop:checked={move || fit.get()} on:change=move |ev| fit.set(event_target_checked(&ev))/>"Fit to one page"</label>
            <p class="muted small" role="status" data-testid="preview-status">{move || match (busy.get(), result.get()) {
                (true, _) => "Typesetting…".to_string(),
                (_, Some(Ok(o))) => format!("{} page(s){}{}", o.page_count,
                    if o.fits_one_page { String::new() } else { format!(" — {} line(s) over one page", o.lines_over) },
                    if o.missing_glyphs.is_empty() { String::new() } else { format!(" — no font for {}", o.missing_glyphs.join(" ")) }),
                (_, Some(Err(e))) => e,
                _ => "Preparing the preview…".to_string(),
            }}</p>
            <div class="form-actions">
                <button class="primary" on:click=move |_| export("pdf") data-testid="download-pdf">"Download PDF"</button>
                <button on:click=move |_| export("docx") data-testid="download-docx">"Word (.docx)"</button>
                <button on:click=move |_| dl("typ")>"Typst"</button>
                <button on:click=move |_| dl("tex")>"LaTeX"</button>
                <button on:click=move |_| dl("json")>"JSON Resume"</button>
            </div>
            <PageImages pages=Signal::from(pages) label="Preview of your résumé" testid="pdf-preview"/>
        </aside>
    }
}
