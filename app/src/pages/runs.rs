//! Runs: the list, and one run's page — live stage progress with timings, resume or retry,
//! the review (rubric editable, coverage, chosen and dropped bullets with pin/exclude,
//! budgets), the PDF with downloads, and application tracking.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use fitted_core::model::{
    ApplicationStatus, ApplicationTracking, ArtifactType, GeneratedArtifact, JdRubric, ReqType, Requirement, Run, RunStage, RunStatus,
    SelectedBullet,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::actions::runs::{self, RunBundle};
use crate::components::shell::EmptyState;
use crate::components::pages::PageImages;
use crate::components::util::{bytes, download, format_time};
use crate::state::{href, use_services, DbState, Services};

thread_local! {
    /// Runs this tab is advancing right now (others that say "running" were interrupted).
    static ACTIVE: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

fn is_active(id: &str) -> bool {
    ACTIVE.with(|a| a.borrow().contains(id))
}

#[component]
pub fn RunsPage() -> impl IntoView {
    let s = use_services();
    let list = LocalResource::new(move || {
        let ready = s.db.get() == DbState::Ready;
        async move {
            if !ready {
                return Ok(Vec::new());
            }
            let st = s.store_ready().await?;
            let runs = st.runs(false).await.map_err(|e| e.user_message())?;
            let mut out = Vec::new();
            for r in runs {
                let job: Option<fitted_core::model::Job> = st.get(fitted_store::schema::JOBS, &r.job_id).await.ok().flatten();
                out.push((r, job));
            }
            Ok::<_, String>(out)
        }
    });
    view! {
        <h1>"Runs"</h1>
        {move || match list.get() {
            None => view! { <p class="muted">"Loading…"</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error-text">{e}</p> }.into_any(),
            Some(Ok(v)) if v.is_empty() => view! {
                <EmptyState title="Tailoring runs"
                    body="A run tailors your active master résumé to one job: it reads the job, chooses your strongest matching bullets, shows you why, and typesets a one-page PDF. Every run and its PDF stay here so you can download them again."
                    first_step="add a master résumé and a job, then choose “Tailor for this job” on the job's page."/>
            }.into_any(),
            Some(Ok(v)) => view! {
                <ul class="list" aria-label="Runs">
                    {v.into_iter().map(|(r, job)| view! {
                        <li class="list-row" data-testid="run-row">
                            <div class="list-main">
                                <A href=href(&format!("/runs/{}", r.id)) attr:class="list-title">
                                    {job.as_ref().map(|j| format!("{}{}", j.title, j.company.as_ref().map(|c| format!(" — {c}")).unwrap_or_default())).unwrap_or_else(|| "(deleted job)".into())}
                                </A>
                                <div class="muted small">{format!("{} · {}", status_text(&r), format_time(r.created_at))}</div>
                            </div>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}

fn status_text(r: &Run) -> String {
    match r.status {
        RunStatus::Success => "Done".into(),
        RunStatus::Error => "Failed".into(),
        RunStatus::Pending => "Not started".into(),
        RunStatus::Running if is_active(&r.id) => format!("Running: {}", r.stage.label()),
        RunStatus::Running => format!("Interrupted at “{}”", r.stage.label()),
    }
}

/// The run page's live state: the stored bundle, the stage being worked on, and whether a
/// whole run is being driven (the review waits for its end: it would be rebuilt at every
/// selection, and building it competes with the run for the main thread).
#[derive(Clone, Copy)]
struct Live {
    bundle: RwSignal<Option<RunBundle>>,
    stage: RwSignal<Option<RunStage>>,
    advancing: RwSignal<bool>,
}

/// Start or resume a run in this tab; `bundle` follows each stored output and `live` the
/// stage being worked on.
fn advance(s: Services, id: String, l: Live) {
    let Live { bundle, stage: live, advancing } = l;
    if is_active(&id) {
        return;
    }
    ACTIVE.with(|a| a.borrow_mut().insert(id.clone()));
    advancing.set(true);
    let loaded = bundle.get_untracked().filter(|b| b.run.id == id);
    leptos::task::spawn_local(async move {
        let r = match loaded {
            Some(b) => runs::advance_loaded(&s, b, sink(bundle, live)).await,
            None => runs::advance(&s, &id, sink(bundle, live)).await,
        };
        ACTIVE.with(|a| a.borrow_mut().remove(&id));
        live.set(None);
        advancing.set(false);
        if let Err(e) = r {
            s.toasts.error(e);
        }
    });
}

/// Where a run's progress goes: the stage to `live`, each stored state to `bundle`.
pub(crate) fn sink(bundle: RwSignal<Option<RunBundle>>, live: RwSignal<Option<RunStage>>) -> runs::RunSink {
    Rc::new(move |event| match event {
        runs::RunEvent::Stage(stage) => live.set(Some(stage)),
        runs::RunEvent::Stored(b) => {
            let _span = crate::perf::span("page:run-bundle-set");
            bundle.set(Some(*b));
        }
    })
}

#[component]
pub fn RunDetailPage() -> impl IntoView {
    let s = use_services();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let bundle = RwSignal::new(None::<RunBundle>);
    let live = RwSignal::new(None::<RunStage>);
    let l = Live { bundle, stage: live, advancing: RwSignal::new(false) };
    let error = RwSignal::new(None::<String>);
    let shown_run = Memo::new(move |_| bundle.with(|b| b.as_ref().map(|b| b.run.id.clone())));
    Effect::new(move |_| {
        let id = id();
        if s.db.get() != DbState::Ready {
            return;
        }
        let autostart = query.read_untracked().get("start").is_some();
        leptos::task::spawn_local(async move {
            let loaded = match runs::take_fresh(&id) {
                Some(b) => Ok(b),
                None => runs::load(&s, &id).await,
            };
            match loaded {
                Ok(b) => {
                    let fresh = b.run.stage == RunStage::Initialized && b.run.status == RunStatus::Pending;
                    let needs_pages = b.artifact(ArtifactType::Typ).is_some();
                    bundle.set(Some(b.clone()));
                    if fresh && autostart {
                        advance(s, id, l);
                    } else if needs_pages {
                        // A run opened later: page images from its stored Typst source.
                        match runs::pages(&s, &b).await {
                            Ok(pages) => bundle.update(|x| if let Some(x) = x.as_mut().filter(|x| x.run.id == b.run.id && x.pages.is_empty()) { x.pages = std::sync::Arc::new(pages) }),
                            Err(e) => s.toasts.error(format!("The page images could not be made ({e}); the PDF still downloads.")),
                        }
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });
    view! {
        {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
        // Built once per run; its parts follow the bundle through memos, so a stage
        // finishing rebuilds only what changed (and the tab a narrow screen shows stays).
        {move || shown_run.get().map(|_| view! { <RunView l=l/> })}
    }
}

/// Which half of the run page a narrow screen shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Review,
    Pages,
}

/// What the review needs from a run: rebuilt only when one of these changes.
#[derive(Clone, PartialEq)]
struct ReviewInput {
    run_id: String,
    plan: fitted_core::model::SelectionPlan,
    rubric: JdRubric,
    bullets: Vec<fitted_core::import::Bullet>,
}

#[component]
fn RunView(l: Live) -> impl IntoView {
    let s = use_services();
    let Live { bundle, stage: live, advancing } = l;
    let run = Memo::new(move |_| bundle.with(|b| b.as_ref().map(|b| b.run.clone())));
    let head = Memo::new(move |_| {
        bundle.with(|b| {
            let b = b.as_ref()?;
            let title = b
                .job
                .as_ref()
                .map(|j| format!("{}{}", j.title, j.company.as_ref().map(|c| format!(" — {c}")).unwrap_or_default()))
                .unwrap_or_else(|| "Run".into());
            let resume_name = b.resume.as_ref().map(|r| r.name.clone()).unwrap_or_default();
            let layout = b
                .artifact(ArtifactType::Typ)
                .and_then(|a| std::str::from_utf8(&a.data).ok().map(describe_layout))
                .map(|(template, paper)| format!(" · {template}, {paper}"));
            Some((title, format!("Résumé: {resume_name} · started {}", format_time(b.run.created_at)), layout))
        })
    });
    // Which version of the résumé the run used, and whether the résumé has changed since.
    let version = Memo::new(move |_| {
        bundle.with(|b| {
            let b = b.as_ref()?;
            let resume = b.resume.as_ref()?;
            let used = match &b.version {
                Some(v) => crate::actions::versions::describe(v),
                None => "unknown (this run was made before Fitted kept versions)".to_string(),
            };
            // An AI-tailored version is a branch for this job: the résumé has changed only
            // when its head moved on from the version that was tailored.
            let changed = match &b.version {
                Some(v) if v.version_type == fitted_core::model::ResumeVersionType::AiGenerated => v.parent_version_id != resume.head_version_id,
                _ => b.run.version_content_hash.as_deref() != Some(resume.content_hash.as_str()),
            };
            Some((used, changed, resume.id.clone(), b.run.job_id.clone()))
        })
    });
    let navigate = leptos_router::hooks::use_navigate();
    let tailor_latest = move |_| {
        let Some((_, _, resume_id, job_id)) = version.get_untracked() else { return };
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match runs::start(&s, &job_id, Some(resume_id)).await {
                Ok(run) => navigate(&href(&format!("/runs/{run}?start=1")), Default::default()),
                Err(e) => s.toasts.error(e),
            }
        });
    };
    let review = Memo::new(move |_| {
        if advancing.get() {
            return None;
        }
        bundle.with(|b| {
            let b = b.as_ref()?;
            Some(ReviewInput {
                run_id: b.run.id.clone(),
                plan: b.plan.clone()?,
                rubric: b.rubric.clone().unwrap_or_default(),
                bullets: b.resume.as_ref().map(|r| fitted_core::import::bullets(&r.document)).unwrap_or_default(),
            })
        })
    });
    let done_run = Memo::new(move |_| run.get().filter(|r| r.status == RunStatus::Success).map(|r| r.id));
    // The AI rewrite panel stays mounted while an accepted proposal's PDF is made (the run
    // is briefly not done): it needs only a selection.
    let ai_run = Memo::new(move |_| bundle.with(|b| b.as_ref().filter(|b| b.plan.is_some()).map(|b| b.run.id.clone())));
    let files = Memo::new(move |_| bundle.with(|b| b.as_ref().map(|b| (b.artifacts.clone(), b.pages.clone()))).unwrap_or_default());
    let resume_run = move |_| {
        if let Some(r) = run.get_untracked() {
            advance(s, r.id, l)
        }
    };
    let delete = move |_| {
        let Some(id) = run.get_untracked().map(|r| r.id) else { return };
        leptos::task::spawn_local(async move {
            match runs::set_deleted(&s, &id, true).await {
                Ok(()) => {
                    s.toasts.info("Run deleted.");
                    let _ = window().location().set_href(&href("/runs"));
                }
                Err(e) => s.toasts.error(e),
            }
        });
    };
    let tab = RwSignal::new(Tab::Review);
    let tab_button = move |t: Tab, label: &'static str, panel: &'static str| {
        let other = if t == Tab::Review { Tab::Pages } else { Tab::Review };
        view! {
            <button role="tab" id=format!("{panel}-tab") aria-controls=panel aria-selected={move || (tab.get() == t).to_string()}
                tabindex={move || if tab.get() == t { "0" } else { "-1" }}
                on:click=move |_| tab.set(t)
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    // Arrow keys move between the two tabs (WAI-ARIA tabs pattern).
                    if ev.key() == "ArrowRight" || ev.key() == "ArrowLeft" {
                        ev.prevent_default();
                        tab.set(other);
                        if let Some(el) = document().get_element_by_id(&format!("{}-tab", if other == Tab::Review { "run-review" } else { "run-pages" })) {
                            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) { let _ = el.focus(); }
                        }
                    }
                }>{label}</button>
        }
    };
    view! {
        {move || head.get().map(|(title, meta, layout)| view! {
            <h1>{title}</h1>
            <p class="muted" data-testid="run-meta">{meta}{layout.clone()}
                {layout.is_some().then(|| view! { " " <span class="small">"(template and paper: the résumé editor's preview)"</span> })}</p>
        })}
        {move || version.get().map(|(used, changed, resume_id, _)| view! {
            <p class="run-version small" data-testid="run-version">"Résumé version: " {used} " · "
                <A href=href(&format!("/resumes/{resume_id}/versions"))>"Versions"</A>
                {changed.then(|| view! { " · " <span class="muted">"The résumé has changed since."</span> " "
                    <button on:click=tailor_latest.clone() data-testid="tailor-latest">"Tailor again with the latest version"</button> })}
            </p>
        })}
        {move || run.get().map(|r| {
            let interrupted = r.status == RunStatus::Running && !is_active(&r.id) && live.get_untracked().is_none();
            let failed = r.status == RunStatus::Error;
            let pending = r.status == RunStatus::Pending;
            view! {
                <Progress run=r.clone() live=live/>
                {(interrupted || failed || pending).then(|| view! {
                    <div class=if failed { "banner banner-error" } else { "banner banner-warn" } role="status" data-testid="run-interrupted">
                        {if failed {
                            format!("{} Fix the cause if the message names one, then retry: finished stages are kept.", r.error_message.clone().unwrap_or_default())
                        } else if pending {
                            "This run has not started yet.".to_string()
                        } else {
                            format!("This run was interrupted at “{}” (the page was closed or reloaded). Everything finished so far is saved.", r.stage.label())
                        }}
                        " "
                        <button class="primary" on:click=resume_run data-testid="resume-run">{if failed { "Retry" } else if pending { "Start" } else { "Resume" }}</button>
                    </div>
                })}
            }
        })}
        <div class="run-tabs" role="tablist" aria-label="Run">
            {tab_button(Tab::Review, "Review", "run-review")}
            {tab_button(Tab::Pages, "PDF", "run-pages")}
        </div>
        <div class="run-layout">
            <div class="run-review" id="run-review" role="tabpanel" aria-labelledby="run-review-tab" class:tab-hidden={move || tab.get() != Tab::Review}>
                {move || review.get().map(|input| view! { <Review input=input bundle=bundle live=live/> })}
                {move || ai_run.get().map(|id| view! { <crate::pages::proposal::AiRewrite run_id=id bundle=bundle live=live/> })}
                {move || ai_run.get().map(|id| view! { <crate::pages::letter::CoverLetter run_id=id bundle=bundle/> })}
                {move || done_run.get().and(run.get_untracked()).map(|r| view! { <Tracking run=r/> })}
                <div class="form-actions"><button class="danger-outline" on:click=delete>"Delete run"</button></div>
            </div>
            <div class="run-pages" id="run-pages" role="tabpanel" aria-labelledby="run-pages-tab" class:tab-hidden={move || tab.get() != Tab::Pages}>
                {move || { let (artifacts, pages) = files.get(); view! { <Artifacts artifacts=artifacts pages=pages/> } }}
                {move || run.get().and_then(|r| r.ats_read_back).map(|report| view! { <AtsCheck report=report/> })}
            </div>
        </div>
    }
}

/// The template and paper a stored Typst source was made with (its header comment and
/// `paper:` value), for saying on the run which layout its PDF used.
fn describe_layout(source: &str) -> (String, String) {
    let template = fitted_core::render_source::templates()
        .iter()
        .find(|t| source.contains(&format!("with the \"{}\" template", t.label)))
        .map(|t| t.label.to_string())
        .unwrap_or_else(|| "custom template".into());
    let paper = if source.contains("paper: \"a4\"") { "A4" } else { "US Letter" };
    (template, paper.to_string())
}

#[component]
fn Progress(run: Run, live: RwSignal<Option<RunStage>>) -> impl IntoView {
    let timing = run.timing.clone().unwrap_or_default();
    let ms = |v: Option<f64>| v.map(|x| format!("{x:.0} ms")).unwrap_or_default();
    let stage_time = move |st: RunStage| match st {
        RunStage::RubricGenerated => ms(timing.rubric_ms),
        RunStage::SelectionComplete => ms(timing.selection_ms),
        RunStage::Tailored => ms(timing.tailor_ms),
        RunStage::GeneratingPdf => ms(timing.pdf_ms),
        RunStage::Done => ms(timing.total_ms),
        _ => String::new(),
    };
    let current = run.stage;
    let finished = run.status == RunStatus::Success;
    // A finished run folds its stages into one line (they pushed the review and the PDF a
    // screen down); a run in progress, failed or interrupted shows them.
    view! {
        <details class="card progress" prop:open={move || live.get().is_some() || !finished}>
            <summary>
                <span class="progress-title">"Progress"</span>
                <span class="muted small" role="status" aria-live="polite" data-testid="run-status">
                    {move || match live.get() {
                        Some(st) => format!("Working: {}…", st.label()),
                        None if finished => format!("Status: {} in {}", status_text(&run), ms(timing.total_ms)),
                        None => format!("Status: {}", status_text(&run)),
                    }}
                </span>
            </summary>
            <ol class="stages" data-testid="stages">
                {RunStage::PIPELINE.iter().map(|st| {
                    let st = *st;
                    let cls = move || {
                        let cur = live.get().unwrap_or(current);
                        if cur == RunStage::Error {
                            if st.index() < current.index() { "stage done" } else { "stage" }
                        } else if st.index() < cur.index() || cur == RunStage::Done {
                            "stage done"
                        } else if st == cur {
                            "stage current"
                        } else {
                            "stage"
                        }
                    };
                    view! { <li class=cls data-stage=st.as_str()><span>{st.label()}</span><span class="muted small">{stage_time(st)}</span></li> }
                }).collect_view()}
            </ol>
        </details>
    }
}

#[component]
fn Review(input: ReviewInput, bundle: RwSignal<Option<RunBundle>>, live: RwSignal<Option<RunStage>>) -> impl IntoView {
    let s = use_services();
    let ReviewInput { run_id, plan, rubric, bullets: all_bullets } = input;
    let rubric = RwSignal::new(rubric);
    let pinned = RwSignal::new(plan.selected.work_experience.iter().chain(&plan.selected.projects).filter(|x| x.pinned).map(|x| x.bullet_id.clone()).collect::<Vec<_>>());
    let excluded = RwSignal::new(plan.selection_notes.as_ref().and_then(|n| n.excluded_by_user.clone()).unwrap_or_default());
    let config = RwSignal::new(plan.config.clone());
    // A per-role cap from its number input; input that is not a whole number keeps the cap.
    let set_cap = move |ev: leptos::ev::Event, set: fn(&mut fitted_core::model::PerRoleCaps, u32)| {
        if let Ok(v) = event_target_value(&ev).trim().parse::<u32>() {
            config.update(|c| set(&mut c.budgets.per_role_caps, v));
        }
    };
    let busy = RwSignal::new(false);
    let apply = move || {
        let run_id = run_id.clone();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let r = runs::reselect(&s, &run_id, Some(rubric.get_untracked()), Some(config.get_untracked()), pinned.get_untracked(), excluded.get_untracked(), sink(bundle, live)).await;
            live.set(None);
            busy.set(false);
            match r {
                Ok(()) => s.toasts.info("Selection and PDF updated."),
                Err(e) => s.toasts.error(e),
            }
        });
    };
    let apply2 = apply.clone();
    let apply3 = apply.clone();
    let cov = plan.coverage.clone();
    let chosen: Vec<SelectedBullet> = plan.selected.work_experience.iter().chain(&plan.selected.projects).cloned().collect();
    let chosen_ids: HashSet<String> = chosen.iter().map(|c| c.bullet_id.clone()).collect();
    let notes = plan.selection_notes.clone().unwrap_or_default();
    let dropped: Vec<(String, String, String)> = all_bullets
        .iter()
        .filter(|x| !chosen_ids.contains(&x.bullet_id))
        .map(|x| (x.bullet_id.clone(), x.text.clone(), notes.reasons.get(&x.bullet_id).cloned().unwrap_or_default()))
        .collect();
    let toggle = move |sig: RwSignal<Vec<String>>, id: String| sig.update(|v| if let Some(p) = v.iter().position(|x| *x == id) { v.remove(p); } else { v.push(id) });
    view! {
        <section class="card" aria-labelledby="cov-h">
            <h2 id="cov-h">"Coverage"</h2>
            {rubric.with_untracked(|r| r.notes.clone()).map(|n| view! {
                <p class="muted small" data-testid="rubric-notes">{n.summary.unwrap_or_default()}" "{n.ambiguities.unwrap_or_default().join(" ")}</p>
            })}
            <p data-testid="coverage">{format!("Must-haves shown: {} of {}. Nice-to-haves shown: {} of {}.", cov.must_covered, cov.must_total, cov.nice_covered, cov.nice_total)}</p>
            {fitted_core::select::relevance::ranked_with_sentences(&plan.embedding_model).then(|| view! {
                <p class="muted small" data-testid="ranked-with">
                    "This job shares few words with your résumé, so the meaning model ranked your bullets: one that shows a skill in other words counts too."
                </p>
            })}
            {(!cov.uncovered_requirements.is_empty()).then(|| view! {
                <h3>"Not shown by the chosen bullets"</h3>
                <ul>{cov.uncovered_requirements.iter().map(|u| {
                    let text = rubric.with_untracked(|r| r.requirements.iter().find(|q| q.req_id == u.req_id).map(|q| q.requirement.clone())).unwrap_or_default();
                    view! { <li><strong>{format!("{} ({}, weight {}): ", u.req_id, if u.req_type == ReqType::Must { "must" } else { "nice" }, u.weight)}</strong>{text}<div class="muted small">{u.reason.clone()}</div></li> }
                }).collect_view()}</ul>
            })}
        </section>
        <section class="card" aria-labelledby="sel-h">
            <h2 id="sel-h">"Chosen bullets"</h2>
            <p class="muted small">"Pin a bullet to keep it whatever the ranking; exclude one to leave it out. Then update."</p>
            <ul class="list">{chosen.into_iter().map(|c| {
                let id_p = c.bullet_id.clone(); let id_e = c.bullet_id.clone(); let id_p2 = c.bullet_id.clone(); let id_e2 = c.bullet_id.clone();
                view! {
                    <li class="list-row chosen" data-testid="chosen-bullet">
                        <div class="list-main">
                            <div class="bullet-text">{c.original_text.clone()}</div>
                            <div class="muted small">{format!("{} · {}", c.role.clone().or(c.company.clone()).unwrap_or_default(), c.reasons.join(" "))}</div>
                        </div>
                        <div class="list-actions">
                            <button aria-pressed=move || pinned.with(|v| v.contains(&id_p2)).to_string() on:click=move |_| toggle(pinned, id_p.clone())>"Pin"</button>
                            <button aria-pressed=move || excluded.with(|v| v.contains(&id_e2)).to_string() on:click=move |_| toggle(excluded, id_e.clone()) data-testid="exclude">"Exclude"</button>
                        </div>
                    </li>
                }
            }).collect_view()}</ul>
            <details>
                <summary>{format!("Left out ({})", dropped.len())}</summary>
                <ul class="list">{dropped.into_iter().map(|(bid, text, reason)| {
                    let a = bid.clone(); let a2 = bid.clone();
                    view! {
                        <li class="list-row" data-testid="dropped-bullet">
                            <div class="list-main"><div class="bullet-text">{text}</div><div class="muted small">{reason}</div></div>
                            <button aria-pressed=move || pinned.with(|v| v.contains(&a2)).to_string() on:click=move |_| toggle(pinned, a.clone()) data-testid="pin">"Pin"</button>
                        </li>
                    }
                }).collect_view()}</ul>
            </details>
            <div class="grid-3">
                <div class="field"><label for="cap-recent">"Bullets, latest role"</label>
                    <input id="cap-recent" type="number" min="0" max="12" prop:value=move || config.with(|c| c.budgets.per_role_caps.most_recent.to_string())
                        on:change=move |ev| set_cap(ev, |c, v| c.most_recent = v)/></div>
                <div class="field"><label for="cap-next">"Previous role"</label>
                    <input id="cap-next" type="number" min="0" max="12" prop:value=move || config.with(|c| c.budgets.per_role_caps.next.to_string())
                        on:change=move |ev| set_cap(ev, |c, v| c.next = v)/></div>
                <div class="field"><label for="cap-older">"Older roles, each project"</label>
                    <input id="cap-older" type="number" min="0" max="12" prop:value=move || config.with(|c| c.budgets.per_role_caps.older.to_string())
                        on:change=move |ev| set_cap(ev, |c, v| c.older = v)/></div>
            </div>
            <div class="form-actions">
                <button class="primary" disabled=move || busy.get() on:click=move |_| apply2() data-testid="reselect">
                    {move || if busy.get() { "Updating…" } else { "Update selection and PDF" }}
                </button>
            </div>
        </section>
        <RubricEditor rubric=rubric busy=busy on_apply=Callback::new(move |_| apply3())/>
    }
}

#[component]
fn RubricEditor(rubric: RwSignal<JdRubric>, busy: RwSignal<bool>, on_apply: Callback<()>) -> impl IntoView {
    let len = move || rubric.with(|r| r.requirements.len());
    let kw = RwSignal::new(rubric.with_untracked(|r| r.keywords.iter().map(|k| k.term.clone()).collect::<Vec<_>>().join(", ")));
    let set_kw = move |_| {
        let terms: Vec<String> = kw.get_untracked().split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
        rubric.update(|r| {
            r.keywords.retain(|k| terms.contains(&k.term));
            for t in &terms {
                if !r.keywords.iter().any(|k| &k.term == t) {
                    // First: selection leans on the top-ranked keywords, and the user's own come first.
                    r.keywords.insert(0, fitted_core::model::Keyword { term: t.clone(), importance: 3, kind: fitted_core::model::KeywordType::Skill, jd_evidence: vec![] });
                }
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="rubric-h">
            <h2 id="rubric-h">"What the job asks for"</h2>
            <p class="muted small">"Read from the posting without an AI. Fix anything it got wrong; the selection follows."</p>
            <ol class="requirements">
                <For each=move || 0..len() key=|i| *i children=move |i| {
                    let get = move |f: fn(&Requirement) -> String| move || rubric.with(|r| r.requirements.get(i).map(f).unwrap_or_default());
                    view! {
                        <li class="req-row" data-testid="requirement">
                            <span class="muted">{get(|q| q.req_id.clone())}</span>
                            <label class="visually-hidden" for=format!("req-type-{i}")>"Must or nice"</label>
                            <select id=format!("req-type-{i}") on:change=move |ev| { let v = event_target_value(&ev); rubric.update(|r| if let Some(q) = r.requirements.get_mut(i) { q.req_type = if v == "nice" { ReqType::Nice } else { ReqType::Must } }) }>
                                <option value="must" selected=move || rubric.with(|r| r.requirements.get(i).is_some_and(|q| q.req_type == ReqType::Must))>"Must"</option>
                                <option value="nice" selected=move || rubric.with(|r| r.requirements.get(i).is_some_and(|q| q.req_type == ReqType::Nice))>"Nice"</option>
                            </select>
                            <label class="visually-hidden" for=format!("req-w-{i}")>"Weight"</label>
                            <select id=format!("req-w-{i}") on:change=move |ev| { let v: u8 = event_target_value(&ev).parse().unwrap_or(3); rubric.update(|r| if let Some(q) = r.requirements.get_mut(i) { q.weight = v }) }>
                                {(1..=5u8).map(|w| view! { <option value=w.to_string() selected=move || rubric.with(|r| r.requirements.get(i).is_some_and(|q| q.weight == w))>{format!("weight {w}")}</option> }).collect_view()}
                            </select>
                            <label class="visually-hidden" for=format!("req-text-{i}")>"Requirement"</label>
                            <input id=format!("req-text-{i}") prop:value=get(|q| q.requirement.clone())
                                on:input=move |ev| { let v = event_target_value(&ev); rubric.update(|r| if let Some(q) = r.requirements.get_mut(i) { q.requirement = v }) }/>
                            <button class="icon-button" aria-label=format!("Remove requirement {}", i + 1) on:click=move |_| rubric.update(|r| if i < r.requirements.len() { r.requirements.remove(i); })>"×"</button>
                            <div class="muted small quote">{move || rubric.with(|r| r.requirements.get(i).and_then(|q| q.jd_evidence.first().cloned()).map(|e| format!("“{e}”")).unwrap_or_default())}</div>
                        </li>
                    }
                }/>
            </ol>
            <button on:click=move |_| rubric.update(|r| {
                let n = r.requirements.len() + 1;
                r.requirements.push(Requirement { req_id: format!("R{n}"), req_type: ReqType::Must, weight: 3, requirement: String::new(), jd_evidence: vec![], category: "core".into() });
            })>"Add a requirement"</button>
            <div class="field"><label for="keywords">"Keywords (comma-separated)"</label><textarea id="keywords" rows="2" bind:value=kw on:change=set_kw></textarea></div>
            <div class="form-actions"><button class="primary" disabled=move || busy.get() on:click=move |_| on_apply.run(()) data-testid="apply-rubric">"Apply and re-select"</button></div>
        </section>
    }
}

#[component]
fn Artifacts(artifacts: Vec<GeneratedArtifact>, pages: std::sync::Arc<Vec<fitted_core::protocol::PageImage>>) -> impl IntoView {
    let s = use_services();
    if artifacts.is_empty() {
        return view! {
            <section class="card" aria-labelledby="pdf-h">
                <h2 id="pdf-h">"Your tailored résumé"</h2>
                <p class="muted">"The PDF appears here when the run finishes."</p>
            </section>
        }
        .into_any();
    }
    let waiting = pages.is_empty();
    let mut arts = artifacts;
    let pages = Signal::derive(move || pages.clone());
    arts.sort_by_key(|a| match a.artifact_type { ArtifactType::Pdf => 0, ArtifactType::Docx => 1, ArtifactType::Typ => 2, ArtifactType::Tex => 3, ArtifactType::Json => 4 });
    view! {
        <section class="card run-pdf-card" aria-labelledby="pdf-h">
            <h2 id="pdf-h">"Your tailored résumé"</h2>
            <div class="form-actions">
                {arts.into_iter().map(|a| {
                    let label = match a.artifact_type { ArtifactType::Pdf => "Download PDF", ArtifactType::Typ => "Typst source", ArtifactType::Tex => "LaTeX", ArtifactType::Json => "JSON Resume", ArtifactType::Docx => "Word (.docx)" };
                    let testid = format!("download-{}", a.artifact_type.extension());
                    let size = bytes(a.size_bytes);
                    view! {
                        <button class=if a.artifact_type == ArtifactType::Pdf { "primary" } else { "" } data-testid=testid title=size
                            on:click=move |_| if let Err(e) = download(&a.file_name, &a.mime_type, &a.data) { s.toasts.error(e) }>{label}</button>
                    }
                }).collect_view()}
            </div>
            {waiting.then(|| view! { <p class="muted small" role="status">"Preparing the page images…"</p> })}
            <PageImages pages=pages label="Tailored résumé" testid="run-pdf"/>
        </section>
    }.into_any()
}

/// What an applicant tracking system reads from the run's PDF: the worker read the text
/// back from the file's bytes (`fitted_core::ats`).
#[component]
fn AtsCheck(report: fitted_core::ats::AtsReport) -> impl IntoView {
    let mark = |ok: bool| if ok { "✓" } else { "✗ missing" };
    let contacts_found = report.contacts.iter().filter(|c| c.found).count();
    let missing_keywords: Vec<String> = report.keywords.iter().filter(|k| !k.found).map(|k| k.text.clone()).collect();
    let status = if report.passed() {
        "Everything on the page was read back from the file, in order.".to_string()
    } else {
        format!("{} problem(s) found in what the file gives an ATS:", report.problems.len())
    };
    let roles = report.roles.iter().map(|r| {
        let part = |f: &Option<fitted_core::ats::Found>, label: &str| f.as_ref().map(|f| format!("{label} {}", mark(f.found)));
        let title = r.title.as_ref().or(r.org.as_ref()).map(|f| f.text.clone()).unwrap_or_default();
        let parts: Vec<String> = [part(&r.title, "title"), part(&r.org, "organisation"), part(&r.dates, "dates")].into_iter().flatten().collect();
        view! { <li>{title}": "{parts.join(", ")}{(!r.own_lines).then_some(" — title and organisation share a line")}</li> }
    }).collect_view();
    view! {
        <section class="card" aria-labelledby="ats-h" data-testid="ats-check">
            <h2 id="ats-h">"ATS check"</h2>
            <p class="muted small">"Read back from the PDF file itself, as an applicant tracking system would read it."</p>
            <p data-testid="ats-status" class=if report.passed() { "ats-ok" } else { "ats-problem" }>{status}</p>
            {(!report.problems.is_empty()).then(|| view! {
                <ul data-testid="ats-problems">{report.problems.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
            })}
            <ul class="ats-list">
                {report.name.as_ref().map(|n| view! { <li>{format!("Name on the first line: {}", mark(n.found))}</li> })}
                <li>{format!("Contact details: {contacts_found} of {}", report.contacts.len())}</li>
                <li>{format!("Roles: {}", report.roles.len())}<ul>{roles}</ul></li>
                <li data-testid="ats-bullets">{format!("Chosen bullets: {} of {}{}", report.bullets_found, report.bullets_total, if report.bullets_in_order { ", in order" } else { ", out of order" })}</li>
            </ul>
            <p data-testid="ats-keywords">{format!("The posting's keywords in the text: {} of {}", report.keywords_found(), report.keywords.len())}</p>
            {(!missing_keywords.is_empty()).then(|| view! {
                <p class="muted small">"Not in the text: "{missing_keywords.join(", ")}". Add one only where your experience supports it."</p>
            })}
            <details>
                <summary>"Text as read from the PDF"</summary>
                <pre class="ats-text" tabindex="0" aria-label="Text as read from the PDF" data-testid="ats-text">{report.lines.join("\n")}</pre>
            </details>
        </section>
    }
}

/// Seed 000 `applicationTracking` for this run.
#[component]
fn Tracking(run: Run) -> impl IntoView {
    let s = use_services();
    let record = RwSignal::new(None::<ApplicationTracking>);
    let run_id = run.id.clone();
    Effect::new(move |_| {
        let run_id = run_id.clone();
        if s.db.get() != DbState::Ready {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(st) = s.store() {
                let v: Vec<ApplicationTracking> = st.by_index(fitted_store::schema::APPLICATION_TRACKING, "by_run", run_id.as_str().into()).await.unwrap_or_default();
                record.set(v.into_iter().next());
            }
        });
    });
    let set_status = move |status: ApplicationStatus| {
        let run = run.clone();
        leptos::task::spawn_local(async move {
            match crate::actions::tracking::set_status(&s, &run, record.get_untracked(), status).await {
                Ok(r) => record.set(Some(r)),
                Err(e) => s.toasts.error(e),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="track-h">
            <h2 id="track-h">"Application"</h2>
            <label for="app-status">"Status"</label>
            <select id="app-status" data-testid="app-status" on:change=move |ev| {
                let v = event_target_value(&ev);
                if let Some(st) = ApplicationStatus::ALL.iter().find(|x| x.label() == v) { set_status(*st) }
            }>
                {ApplicationStatus::ALL.iter().map(|st| {
                    let st = *st;
                    view! { <option selected=move || record.with(|r| r.as_ref().map(|r| r.application_status).unwrap_or(ApplicationStatus::NotApplied) == st)>{st.label()}</option> }
                }).collect_view()}
            </select>
            <p class="muted small">"Track it further on the Applications page."</p>
        </section>
    }
}
