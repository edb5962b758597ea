//! Jobs: paste a posting (plain text or HTML), metadata pre-filled and editable, duplicates
//! sent to the existing job; a searchable list sorted by fit for the active résumé (or date,
//! title, company), filtered by fit band; tags, notes, favourite, soft delete with restore;
//! "Tailor for this job".

use std::rc::Rc;

use std::collections::HashMap;

use fitted_core::board::{Arranged, Filter, Sort};
use fitted_core::model::{CompanyPrefKind, Job, JobCard, JobFitScore};
use fitted_core::rank::FitBand;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::actions::{board, fit, jobs, runs};
use crate::components::shell::EmptyState;
use crate::components::util::format_time;
use crate::state::{href, use_services, DbState};

/// Jobs drawn at first, and added by each "Show more".
const PAGE: usize = 100;

#[component]
pub fn JobsPage() -> impl IntoView {
    let s = use_services();
    let version = RwSignal::new(0u32);
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new(Sort::Fit);
    let band = RwSignal::new(None::<FitBand>);
    let favorites_only = RwSignal::new(false);
    let target_only = RwSignal::new(false);
    let show_blacklisted = RwSignal::new(false);
    let archived = RwSignal::new(false);
    let prefs = RwSignal::new(board::Stored::default());
    // Rows drawn so far: a heavy user's thousands of jobs come a page at a time, so the
    // first paint never waits for them all.
    let shown = RwSignal::new(PAGE);
    Effect::new(move |_| {
        (query.track(), band.track(), favorites_only.track(), target_only.track(), show_blacklisted.track(), archived.track(), sort.track());
        shown.set(PAGE);
    });
    Effect::new(move |_| {
        if s.db.get() != DbState::Ready {
            return;
        }
        leptos::task::spawn_local(async move {
            match board::load(&s).await {
                Ok(p) => prefs.set(p),
                Err(e) => s.toasts.error(e),
            }
        });
    });
    let fits = RwSignal::new(fit::Fits::default());
    // (done, total) while the worker scores; `None` when idle.
    let scoring = RwSignal::new(None::<(u32, u32)>);
    let fit_error = RwSignal::new(None::<String>);
    let last_pass = RwSignal::new(None::<fit::Rescored>);
    let list = LocalResource::new(move || {
        version.get();
        let ready = s.db.get() == DbState::Ready;
        async move {
            if !ready {
                return Ok(Vec::new());
            }
            s.store_ready().await?.job_cards().await.map_err(|e| e.user_message())
        }
    });
    // The postings' texts by job id, read only once a search needs them (a card has none).
    let texts = RwSignal::new(None::<std::sync::Arc<HashMap<String, String>>>);
    let reading_texts = RwSignal::new(false);
    Effect::new(move |_| {
        version.track();
        texts.set(None);
    });
    Effect::new(move |_| {
        if query.with(|q| q.trim().is_empty()) || texts.with(Option::is_some) || reading_texts.get_untracked() {
            return;
        }
        reading_texts.set(true);
        leptos::task::spawn_local(async move {
            let read = match s.store_ready().await {
                Ok(st) => st.jobs(true).await.map_err(|e| e.user_message()),
                Err(e) => Err(e),
            };
            reading_texts.set(false);
            match read {
                Ok(all) => texts.set(Some(std::sync::Arc::new(all.into_iter().map(|j| (j.id, j.raw_description)).collect()))),
                Err(e) => s.toasts.error(format!("Could not search the job descriptions: {e}")),
            }
        });
    });
    let refresh = move || version.update(|v| *v += 1);
    // Once the jobs are read: the stored scores that still hold, then the stale ones scored
    // in the worker (the list stays usable meanwhile and fills in when they arrive).
    // Each read of the list starts a pass; only the latest may show its result (an earlier
    // pass finishing later — say, for the empty list before the database opened — would
    // otherwise overwrite it).
    let pass = StoredValue::new(0u64);
    Effect::new(move |_| {
        let Some(Ok(all)) = list.get() else { return };
        pass.update_value(|p| *p += 1);
        let mine = pass.get_value();
        // `try_`: the page may be gone by the time a pass finishes.
        let current = move || pass.try_get_value() == Some(mine);
        leptos::task::spawn_local(async move {
            let f = match fit::stored(&s, &all).await {
                Ok(f) => f,
                Err(e) => return fit_error.set(Some(e)),
            };
            if !current() {
                return;
            }
            let (resume, stale, held) = (f.resume.clone(), f.stale.clone(), f.held.clone());
            fits.set(f);
            let Some(resume) = resume.filter(|_| !stale.is_empty()) else { return };
            scoring.set(Some((0, stale.len() as u32)));
            let progress: crate::bridge::ProgressFn = Rc::new(move |_, done, total| scoring.set(Some((done, total))));
            let r = fit::rescore(&s, &resume, &all, &stale, &held, progress).await;
            scoring.set(None);
            if !current() {
                return;
            }
            match r {
                Ok((fresh, pass)) => {
                    last_pass.set(Some(pass));
                    fits.update(|f| {
                        f.stale.retain(|id| !fresh.contains_key(id));
                        f.scores.extend(fresh);
                    })
                }
                Err(e) => fit_error.set(Some(format!("Could not score the jobs for fit: {e}"))),
            }
        });
    });
    let score_of = move |id: &str| fits.with(|f| f.scores.get(id).cloned());
    // The list as `fitted_core::board` arranges it for the current filter.
    let arranged = move |all: &[JobCard]| -> Arranged {
        let scores: HashMap<String, u8> = fits.with(|f| f.scores.iter().map(|(k, v)| (k.clone(), v.fit_score)).collect());
        let filter = Filter {
            query: query.get(),
            band: band.get(),
            favorites_only: favorites_only.get(),
            target_roles_only: target_only.get(),
            show_blacklisted: show_blacklisted.get(),
            archived: archived.get(),
        };
        texts.with(|t| {
            let t = t.as_deref();
            let items: Vec<Searchable> = all.iter().map(|card| Searchable { card, text: t.and_then(|t| t.get(&card.id)).map(String::as_str) }).collect();
            fitted_core::board::arrange(&items, &scores, &prefs.with(|p| p.prefs()), &filter, sort.get(), js_sys::Date::now() as i64)
        })
    };
    view! {
        <h1>"Jobs"</h1>
        <AddJob on_added=Callback::new(move |_| refresh())/>
        <BulkImport on_added=Callback::new(move |_| refresh())/>
        {move || match list.get() {
            None => view! { <p class="muted">"Loading…"</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error-text">{e}</p> }.into_any(),
            Some(Ok(all)) => {
                let deleted: Vec<JobCard> = all.iter().filter(|j| j.is_deleted == Some(true)).cloned().collect();
                if all.iter().all(|j| j.is_deleted == Some(true)) {
                    return view! {
                        <EmptyState title="Jobs you are considering"
                            body="Each saved job keeps its description, company, salary and your notes and tags. Fitted works out what the job asks for and how well your résumé fits it."
                            first_step="paste a job description (text or HTML copied from the posting) above."/>
                        <DeletedJobs items=deleted on_change=Callback::new(move |_| refresh())/>
                    }.into_any();
                }
                let all2 = all.clone();
                let all3 = all.clone();
                let counts = Memo::new(move |_| { let a = arranged(&all3); (a.blacklisted_hidden, a.archived, a.rows.len()) });
                let listed = Memo::new(move |_| counts.get().2);
                view! {
                    <BoardPrefs prefs=prefs/>
                    <div class="toolbar">
                        <label for="job-search" class="visually-hidden">"Search jobs"</label>
                        <input id="job-search" type="search" placeholder="Search title, company, location, tags, text…" bind:value=query data-testid="job-search"/>
                        <label for="job-sort" class="visually-hidden">"Sort jobs"</label>
                        <select id="job-sort" data-testid="job-sort" on:change=move |ev| sort.set(match event_target_value(&ev).as_str() {
                            "fit" => Sort::Fit, "oldest" => Sort::Oldest, "title" => Sort::Title, "company" => Sort::Company, _ => Sort::Newest })>
                            <option value="fit" selected>"Best fit first"</option>
                            <option value="newest">"Newest first"</option>
                            <option value="oldest">"Oldest first"</option>
                            <option value="title">"Title A–Z"</option>
                            <option value="company">"Company A–Z"</option>
                        </select>
                        <label for="fit-band" class="visually-hidden">"Fit band"</label>
                        <select id="fit-band" data-testid="fit-band" on:change=move |ev| band.set(FitBand::ALL.into_iter().find(|b| b.tag() == event_target_value(&ev)))>
                            <option value="all">"Any fit"</option>
                            {FitBand::ALL.map(|b| view! { <option value=b.tag()>{b.label()}</option> }).into_iter().collect_view()}
                        </select>
                        <label class="checkbox"><input type="checkbox" bind:checked=favorites_only/>"Favourites"</label>
                        {move || (!prefs.with(|p| p.roles.is_empty())).then(|| view! {
                            <label class="checkbox"><input type="checkbox" bind:checked=target_only data-testid="target-only"/>"Target roles only"</label>
                        })}
                        {move || { let (hidden, _, _) = counts.get(); (hidden > 0 || show_blacklisted.get()).then(|| view! {
                            <label class="checkbox"><input type="checkbox" bind:checked=show_blacklisted data-testid="show-hidden"/>{format!("Show hidden companies ({hidden})")}</label>
                        }) }}
                        {move || { let (_, n, _) = counts.get(); (n > 0 || archived.get()).then(|| view! {
                            <label class="checkbox"><input type="checkbox" bind:checked=archived data-testid="show-archived"/>{format!("Archived ({n})")}</label>
                        }) }}
                    </div>
                    <FitStatus fits=fits scoring=scoring last_pass=last_pass error=fit_error/>
                    <SkillGaps fits=fits considered=Signal::derive({
                        let all = all.clone();
                        move || {
                            // Target-role jobs when the user named roles; otherwise what the list shows.
                            let a = arranged(&all);
                            let rows: Vec<_> = if prefs.with(|p| p.roles.is_empty()) { a.rows } else { a.rows.into_iter().filter(|r| r.target_role.is_some()).collect() };
                            rows.into_iter().map(|r| all[r.index].clone()).collect::<Vec<JobCard>>()
                        }
                    })/>
                    <ul class="list" aria-label="Saved jobs">
                        {move || { let a = arranged(&all2); a.rows.into_iter().take(shown.get()).map(|r| { let j = all2[r.index].clone(); view! {
                            <li class="list-row" data-testid="job-row" data-job-id=j.id.clone()>
                                <FitBadge score=score_of(&j.id) dream=r.dream/>
                                <div class="list-main">
                                    <A href=href(&format!("/jobs/{}", j.id)) attr:class="list-title">{j.title.clone()}</A>
                                    {(j.is_favorite == Some(true)).then(|| view! { <span class="badge" aria-label="Favourite">"★"</span> })}
                                    {r.dream.then(|| view! { <span class="badge badge-ok" data-testid="job-dream">"Dream company"</span> })}
                                    {r.blacklisted.then(|| view! { <span class="badge badge-bad" data-testid="job-hidden-company">"Hidden company"</span> })}
                                    {r.target_role.clone().map(|t| view! { <span class="badge badge-accent" data-testid="job-target-role">{format!("Target: {t}")}</span> })}
                                    {r.stale.then(|| view! { <span class="badge badge-warn" data-testid="job-stale" title="Not changed for 30 days or more: archive it if it is closed">"Stale"</span> })}
                                    <div class="muted small">{[j.company.clone(), j.location.clone(), j.salary.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ")}</div>
                                    <div class="tags">{j.user_tags.clone().unwrap_or_default().into_iter().map(|t| view! { <span class="tag">{t}</span> }).collect_view()}</div>
                                    {score_of(&j.id).map(|sc| view! { <FitReasons score=sc brief=true/> })}
                                </div>
                                <div class="muted small">{format_time(j.created_at)}</div>
                            </li>
                        } }).collect_view() }}
                    </ul>
                    {move || { let total = listed.get(); (total > shown.get()).then(|| view! {
                        <p class="muted small" data-testid="jobs-shown">{format!("Showing {} of {total} jobs.", shown.get())}</p>
                        <button on:click=move |_| shown.update(|n| *n += PAGE) data-testid="jobs-more">{format!("Show {} more", PAGE.min(total - shown.get()))}</button>
                    }) }}
                    <DeletedJobs items=deleted on_change=Callback::new(move |_| refresh())/>
                }.into_any()
            }
        }}
    }
}

/// A card with its posting's text when the page has read it, as `board::arrange` sees it.
struct Searchable<'a> {
    card: &'a JobCard,
    text: Option<&'a str>,
}

impl fitted_core::board::Listing for Searchable<'_> {
    fn job(&self) -> fitted_core::board::ListingRef<'_> {
        fitted_core::board::ListingRef { description: self.text, ..self.card.job() }
    }
}

/// Target roles, dream companies and hidden (blacklisted) companies, saved together.
#[component]
fn BoardPrefs(prefs: RwSignal<board::Stored>) -> impl IntoView {
    let s = use_services();
    let roles = RwSignal::new(String::new());
    let dream = RwSignal::new(String::new());
    let hidden = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        prefs.with(|p| {
            roles.set(p.roles_text());
            dream.set(p.companies_text(CompanyPrefKind::Dream));
            hidden.set(p.companies_text(CompanyPrefKind::Blacklist));
        })
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        leptos::task::spawn_local(async move {
            match board::save(&s, &dream.get_untracked(), &hidden.get_untracked(), &roles.get_untracked()).await {
                Ok(p) => {
                    error.set(None);
                    prefs.set(p);
                    s.toasts.info("Preferences saved.");
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <details class="card" data-testid="board-prefs">
            <summary>{move || prefs.with(|p| format!("Target roles and companies ({} role{}, {} compan{})", p.roles.len(), if p.roles.len() == 1 { "" } else { "s" }, p.companies.len(), if p.companies.len() == 1 { "y" } else { "ies" }))}</summary>
            <form on:submit=save>
                <label for="target-roles">"Target roles (up to 5, comma-separated: the role families you aim for)"</label>
                <input id="target-roles" bind:value=roles data-testid="target-roles" placeholder="Backend Engineer, Platform Engineer"/>
                <label for="dream-companies">"Dream companies (ranked as if 10 points higher)"</label>
                <input id="dream-companies" bind:value=dream data-testid="dream-companies"/>
                <label for="hidden-companies">"Companies to hide (never apply; shown only when asked)"</label>
                <input id="hidden-companies" bind:value=hidden data-testid="hidden-companies"/>
                <div class="form-actions"><button type="submit" class="primary" data-testid="prefs-save">"Save preferences"</button></div>
                {move || error.get().map(|e| view! { <p class="error-text" role="alert" data-testid="prefs-error">{e}</p> })}
            </form>
        </details>
    }
}

/// Skill gaps across the target-role jobs (or the listed ones): a bar chart of each
/// missing skill's weight and a table with how many jobs ask for it and the closest bullet.
#[component]
fn SkillGaps(fits: RwSignal<fit::Fits>, considered: Signal<Vec<JobCard>>) -> impl IntoView {
    let s = use_services();
    let report = RwSignal::new(None::<fitted_core::model::SkillGapResult>);
    let busy = RwSignal::new(false);
    Effect::new(move |_| {
        if s.db.get() != DbState::Ready {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(r) = fit::last_skill_gaps(&s).await {
                report.set(r);
            }
        });
    });
    let find = move |_| {
        let Some(resume) = fits.with_untracked(|f| f.resume.clone()) else {
            return s.toasts.error("Add a master résumé first (Résumés): gaps are what the jobs ask for that it does not show.");
        };
        let jobs = considered.get_untracked();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let r = fit::skill_gaps(&s, &resume, &jobs).await;
            busy.set(false);
            match r {
                Ok(r) => report.set(Some(r)),
                Err(e) => s.toasts.error(e),
            }
        });
    };
    view! {
        <details class="card" data-testid="skill-gaps">
            <summary>"Skill gaps across jobs"</summary>
            <p class="muted small">"What the jobs ask for that your résumé does not show, weighted by how much each job wants it (must-haves count double) and by how many jobs ask. Uses the jobs of your target roles, or else the jobs listed below."</p>
            <button class="primary" on:click=find disabled=move || busy.get() data-testid="skill-gaps-find">
                {move || if busy.get() { "Comparing…".to_string() } else { format!("Find skill gaps across {} job(s)", considered.with(Vec::len)) }}
            </button>
            {move || report.get().map(|r| {
                let top = r.top_gaps.first().map(|g| g.weight).unwrap_or(1.0).max(1e-9);
                let h = 26 * r.top_gaps.len().max(1);
                view! {
                    <p class="muted small">{format!("Across {} job(s), {}.", r.jobs_considered, crate::components::util::format_time(r.computed_at))}</p>
                    <svg class="gap-chart" data-testid="skill-gap-chart" viewBox=format!("0 0 560 {h}") role="img" aria-label="Missing skills by weight">
                        {r.top_gaps.iter().enumerate().map(|(k, g)| {
                            let y = k * 26;
                            let w = (300.0 * g.weight / top).max(2.0);
                            view! {
                                <text x="0" y=y + 17 class="gap-label">{g.skill.chars().take(28).collect::<String>()}</text>
                                <rect x="200" y=y + 4 width=w height="18" rx="3" class="gap-bar" data-skill=g.skill.clone()></rect>
                                <text x=200.0 + w + 6.0 y=y + 17 class="gap-label">{format!("{} job(s)", g.jobs)}</text>
                            }
                        }).collect_view()}
                    </svg>
                    <table class="rates" data-testid="skill-gap-table">
                        <thead><tr><th scope="col">"Skill"</th><th scope="col">"Jobs asking"</th><th scope="col">"As a must-have"</th><th scope="col">"Weight"</th><th scope="col">"Your closest bullet"</th></tr></thead>
                        <tbody>{r.top_gaps.into_iter().map(|g| view! {
                            <tr><td>{g.skill}</td><td>{g.jobs}</td><td>{g.must_jobs}</td><td>{format!("{:.0}", g.weight)}</td>
                                <td class="small">{g.closest_bullet.unwrap_or_else(|| "—".into())}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                }
            })}
        </details>
    }
}

/// Whose fit the list shows, and the scoring pass while it runs.
#[component]
fn FitStatus(
    fits: RwSignal<fit::Fits>,
    scoring: RwSignal<Option<(u32, u32)>>,
    last_pass: RwSignal<Option<fit::Rescored>>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="fit-status muted small" data-testid="fit-status" role="status">
            {move || fits.with(|f| match &f.resume {
                None => "Fit: add a master résumé (Résumés) to see how well it fits each job.".to_string(),
                Some(r) => format!("Fit for “{}”: {} of {} jobs scored.", r.name, f.scores.len(), f.scores.len() + f.stale.len()),
            })}
            {move || last_pass.get().filter(|p| p.computed < p.scored).map(|p| view! {
                <span data-testid="fit-pass">{format!(" Your edit could change {} of them: those were scored again, the other {} kept their scores.", p.computed, p.scored - p.computed)}</span>
            })}
            {move || scoring.get().map(|(done, total)| view! {
                <progress data-testid="fit-progress" max=total.max(1) value=done aria-label="Scoring jobs for fit"></progress>
            })}
            {move || error.get().map(|e| view! { <span class="error-text" role="alert">{e}</span> })}
        </div>
    }
}

/// The 0–100 fit of a job, coloured by band; a dash before it is scored.
#[component]
fn FitBadge(score: Option<JobFitScore>, #[prop(optional)] dream: bool) -> impl IntoView {
    match score {
        Some(sc) => {
            // A dream company's job bands as it ranks: with the boost.
            let b = FitBand::of(if dream { sc.fit_score.saturating_add(fitted_core::board::DREAM_BOOST).min(100) } else { sc.fit_score });
            view! {
                <span class=format!("fit-badge fit-{}", b.tag()) data-testid="job-fit" data-band=b.tag()
                    title=b.label() aria-label=format!("Fit {} of 100", sc.fit_score)>{sc.fit_score}</span>
            }
            .into_any()
        }
        None => view! { <span class="fit-badge fit-none" data-testid="job-fit" data-band="none" aria-label="Fit not scored yet">"–"</span> }.into_any(),
    }
}

/// Why a job fits: its reasons, strengths and missing must-haves (`brief`: the top two
/// reasons and the first missing skills, for a list row).
#[component]
pub fn FitReasons(score: JobFitScore, #[prop(optional)] brief: bool) -> impl IntoView {
    let take = if brief { 2 } else { usize::MAX };
    let missing: Vec<String> = score.missing_skills.iter().take(if brief { 4 } else { usize::MAX }).cloned().collect();
    view! {
        <div class="fit-reasons small" data-testid="fit-reasons">
            <ul>{score.fit_reasons.iter().take(take).map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
            {(!brief && !score.strengths.is_empty()).then(|| view! {
                <p data-testid="fit-strengths"><strong>"Strengths: "</strong>{score.strengths.join(", ")}</p>
            })}
            {(!missing.is_empty()).then(|| view! {
                <p data-testid="fit-missing"><strong>"Missing: "</strong>{missing.join(", ")}</p>
            })}
        </div>
    }
}

#[component]
fn DeletedJobs(items: Vec<JobCard>, on_change: Callback<()>) -> impl IntoView {
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

/// Many postings at once: a JSON Resume job file, a CSV with named columns, or pastes
/// separated by a line of dashes; a summary says what was added, what was a duplicate and
/// what was skipped (and why).
#[component]
fn BulkImport(on_added: Callback<()>) -> impl IntoView {
    let s = use_services();
    let text = RwSignal::new(String::new());
    let busy = RwSignal::new(None::<(u32, u32)>);
    let summary = RwSignal::new(None::<Result<jobs::ImportSummary, String>>);
    let run = move |file_name: Option<String>, body: String| {
        busy.set(Some((0, 0)));
        summary.set(None);
        leptos::task::spawn_local(async move {
            let progress: crate::bridge::ProgressFn = Rc::new(move |_, done, total| busy.set(Some((done, total))));
            let r = jobs::import_many(&s, file_name, body, progress).await;
            busy.set(None);
            if r.as_ref().is_ok_and(|x| x.added > 0) {
                text.set(String::new());
                on_added.run(());
            }
            summary.set(Some(r));
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let name = file.name();
            match crate::components::util::read_file_text(file).await {
                Ok(body) => run(Some(name), body),
                Err(e) => summary.set(Some(Err(e))),
            }
        });
    };
    view! {
        <details class="card" data-testid="bulk-import">
            <summary>"Import many postings"</summary>
            <p class="muted small">"A JSON file of jobs (JSON Resume job schema: one job or a list), a CSV file with a header row (a “description” column, and optionally title, company, location, url), or several postings pasted below, separated by a line of dashes (---). Postings already saved are found and reported, not saved twice."</p>
            <label class="button-like">"Choose a file (.json, .csv, .txt)"
                <input type="file" accept=".json,.csv,.txt,application/json,text/csv,text/plain" class="visually-hidden" on:change=on_file data-testid="bulk-file"/></label>
            <label for="bulk-text">"Or paste postings, separated by a line of dashes"</label>
            <textarea id="bulk-text" rows="6" bind:value=text data-testid="bulk-text"></textarea>
            <div class="form-actions">
                <button class="primary" disabled=move || busy.get().is_some() on:click=move |_| run(None, text.get_untracked()) data-testid="bulk-go">"Import pasted postings"</button>
                {move || busy.get().map(|(done, total)| view! {
                    <progress max=total.max(1) value=done aria-label="Reading postings" data-testid="bulk-progress"></progress>
                })}
            </div>
            {move || summary.get().map(|r| match r {
                Err(e) => view! { <p class="error-text" role="alert" data-testid="bulk-summary">{e}</p> }.into_any(),
                Ok(x) => view! {
                    <div role="status" data-testid="bulk-summary">
                        <p>{format!("Added {} job(s); {} duplicate(s); {} skipped.", x.added, x.duplicates.len(), x.skipped.len())}</p>
                        {(!x.duplicates.is_empty()).then(|| view! {
                            <ul class="small" data-testid="bulk-duplicates">{x.duplicates.into_iter().map(|(at, t)| view! { <li>{format!("{at}: already saved as “{t}”")}</li> }).collect_view()}</ul>
                        })}
                        {(!x.skipped.is_empty()).then(|| view! {
                            <ul class="small" data-testid="bulk-skipped">{x.skipped.into_iter().map(|(at, why)| view! { <li>{format!("{at}: {why}")}</li> }).collect_view()}</ul>
                        })}
                    </div>
                }.into_any(),
            })}
        </details>
    }
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
                    <button on:click=move |_| {
                        let Some(j) = job.get_untracked() else { return };
                        let to = j.is_archived != Some(true);
                        leptos::task::spawn_local(async move {
                            match board::set_archived(&s, &j, to).await {
                                Ok(j) => {
                                    job.set(Some(j));
                                    s.toasts.info(if to { "Archived: it is off the Jobs list (see Archived there)." } else { "Back on the Jobs list." });
                                }
                                Err(e) => s.toasts.error(e),
                            }
                        });
                    } data-testid="job-archive">
                        {move || if job.with(|j| j.as_ref().is_some_and(|j| j.is_archived == Some(true))) { "Unarchive" } else { "Archive" }}
                    </button>
                    <button class="danger-outline" on:click=delete.clone()>"Delete job"</button>
                </div>
                {fitted_core::board::is_stale(&j, js_sys::Date::now() as i64).then(|| view! {
                    <p class="badge badge-warn" data-testid="job-stale">"Not changed for 30 days or more: if the posting has closed, archive it."</p>
                })}
                <JobFit job=j.clone()/>
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

/// How well the active résumé fits one job, in full: the stored score while it holds,
/// otherwise scored now in the worker (and stored).
#[component]
fn JobFit(job: Job) -> impl IntoView {
    let s = use_services();
    let fit = LocalResource::new(move || {
        let job = job.clone();
        async move {
            let jobs = vec![JobCard::from(&job)];
            let f = fit::stored(&s, &jobs).await?;
            let Some(resume) = f.resume.clone() else { return Ok(None) };
            if let Some(sc) = f.scores.get(&jobs[0].id) {
                return Ok(Some((resume.name, sc.clone())));
            }
            let (mut fresh, _) = fit::rescore(&s, &resume, &jobs, &f.stale, &f.held, fit::no_progress()).await?;
            Ok::<_, String>(fresh.remove(&jobs[0].id).map(|sc| (resume.name, sc)))
        }
    });
    view! {
        <section class="card" aria-labelledby="job-fit-h" data-testid="job-fit-card">
            <h2 id="job-fit-h">"Fit"</h2>
            {move || match fit.get() {
                None => view! { <p class="muted">"Scoring…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error-text" role="alert">{e}</p> }.into_any(),
                Some(Ok(None)) => view! { <p class="muted">"Add a master résumé (Résumés) to see how well it fits this job."</p> }.into_any(),
                Some(Ok(Some((name, sc)))) => view! {
                    <p class="fit-line"><FitBadge score=Some(sc.clone())/>{format!(" {} — how well “{name}” fits this job (0–100).", FitBand::of(sc.fit_score).label())}</p>
                    <FitReasons score=sc/>
                }.into_any(),
            }}
        </section>
    }
}
