//! Applications (seed 000 `applicationTracking`): where you applied and what happened, with
//! the date of each milestone, notes and your next step.

use fitted_core::model::{ApplicationStatus, ApplicationTracking, Job, ResumeVersion};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::actions::tracking;
use crate::components::shell::EmptyState;
use crate::components::util::{date_input_value, download, format_time, parse_date_input};
use crate::state::{href, use_services, DbState};

/// After this long without a reply, an application is probably ghosted (seed 004's idea).
const GHOSTED_AFTER_DAYS: i64 = 30;

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let s = use_services();
    let list = LocalResource::new(move || {
        let ready = s.db.get() == DbState::Ready;
        async move {
            if !ready {
                return Ok(Vec::new());
            }
            tracking::list(&s).await
        }
    });
    view! {
        <h1>"Applications"</h1>
        {move || match list.get() {
            None => view! { <p class="muted">"Loading…"</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error-text">{e}</p> }.into_any(),
            Some(Ok(v)) if v.is_empty() => view! {
                <EmptyState title="Where you applied and what happened"
                    body="Track each application from “applied” through screening and interviews to an offer (or silence), with dates, notes and your next step."
                    first_step="tailor a résumé for a job, then set its status to Applied on the run's page."/>
            }.into_any(),
            Some(Ok(v)) => view! {
                <ul class="list" aria-label="Applications">{v.into_iter().map(|x| view! { <AppRow app=x.app job=x.job version=x.version letter=x.letter/> }).collect_view()}</ul>
            }.into_any(),
        }}
    }
}

#[component]
fn AppRow(app: ApplicationTracking, job: Option<Job>, version: Option<ResumeVersion>, letter: Option<fitted_core::model::CoverLetterRecord>) -> impl IntoView {
    let s = use_services();
    let rec = RwSignal::new(app);
    let save = move || {
        let r = rec.get_untracked();
        leptos::task::spawn_local(async move {
            if let Err(e) = tracking::save(&s, &r).await {
                s.toasts.error(e);
            }
        });
    };
    let letter_name = crate::actions::runs::file_name("", job.as_ref().and_then(|j| j.company.as_deref()).unwrap_or_default(), "cover-letter");
    let download_letter = letter.map(|l| {
        let l = StoredValue::new(l);
        move |_| {
            let name = letter_name.clone();
            leptos::task::spawn_local(async move {
                let r = crate::actions::letters::pdf(&s, &l.get_value()).await.and_then(|pdf| download(&format!("{name}.pdf"), "application/pdf", &pdf));
                if let Err(e) = r {
                    s.toasts.error(e);
                }
            });
        }
    });
    let title = job.map(|j| format!("{}{}", j.title, j.company.map(|c| format!(" — {c}")).unwrap_or_default())).unwrap_or_else(|| "(deleted job)".into());
    let run_id = rec.with_untracked(|r| r.run_id.clone());
    let run_link = href(&format!("/runs/{run_id}"));
    let sent = match &version {
        Some(v) => format!("Sent: résumé version {}", crate::actions::versions::describe(v)),
        None => "Sent: résumé version unknown (made before Fitted kept versions)".to_string(),
    };
    let versions_link = version.map(|v| href(&format!("/resumes/{}/versions", v.project_id)));
    let download_pdf = move |_| {
        let run_id = run_id.clone();
        leptos::task::spawn_local(async move {
            let r = tracking::sent_pdf(&s, &run_id).await.and_then(|(name, mime, bytes)| download(&name, &mime, &bytes));
            if let Err(e) = r {
                s.toasts.error(e);
            }
        });
    };
    let id = rec.with_untracked(|r| r.id.clone());
    let stale = move || {
        rec.with(|r| {
            r.application_status == ApplicationStatus::Applied
                && r.response_received_at.is_none()
                && r.applied_at.is_some_and(|t| js_sys::Date::now() as i64 - t > GHOSTED_AFTER_DAYS * 86_400_000)
        })
    };
    view! {
        <li class="list-row app-row" data-testid="application">
            <div class="list-main">
                <A href=run_link attr:class="list-title">{title}</A>
                <div class="muted small">{move || rec.with(|r| {
                    let mut parts = Vec::new();
                    if let Some(t) = r.applied_at { parts.push(format!("applied {}", format_time(t))) }
                    if let Some(t) = r.interview_scheduled_at { parts.push(format!("interview {}", format_time(t))) }
                    if let Some(t) = r.offer_received_at { parts.push(format!("offer {}", format_time(t))) }
                    if let Some(t) = r.rejected_at { parts.push(format!("rejected {}", format_time(t))) }
                    parts.join(" · ")
                })}</div>
                <p class="small" data-testid="application-version">{sent}" · "
                    {versions_link.map(|h| view! { <A href=h>"Versions"</A>" · " })}
                    <button class="link-button" on:click=download_pdf data-testid="application-pdf">"Download the PDF sent"</button>
                    {download_letter.map(|f| view! { " · "<button class="link-button" on:click=f data-testid="application-letter">"Download the cover letter"</button> })}</p>
                <Show when=stale>
                    <p class="small warn-text">{format!("No reply in over {GHOSTED_AFTER_DAYS} days. ")}
                        <button on:click=move |_| {
                            let r = rec.get_untracked();
                            leptos::task::spawn_local(async move {
                                let run = fitted_core::model::Run { id: r.run_id.clone(), run_id: r.run_id.clone(), user_id: r.user_id.clone(), master_resume_id: String::new(), version_id: None, version_content_hash: None, job_id: r.job_id.clone(), status: fitted_core::model::RunStatus::Success, stage: fitted_core::model::RunStage::Done, error_message: None, mock_mode: None, prompt_versions: None, prompt_hashes: None, model_variants: None, primary_model_key: None, timing: None, cache_hits: None, started_at: None, completed_at: None, is_deleted: None, deleted_at: None, created_at: r.created_at, updated_at: r.updated_at };
                                match tracking::set_status(&s, &run, Some(r), ApplicationStatus::Ghosted).await { Ok(n) => rec.set(n), Err(e) => s.toasts.error(e) }
                            });
                        }>"Mark as ghosted"</button>
                    </p>
                </Show>
                <div class="grid-3">
                    <div class="field"><label for=format!("st-{id}")>"Status"</label>
                        <select id=format!("st-{id}") on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(st) = ApplicationStatus::ALL.iter().find(|x| x.label() == v) {
                                rec.update(|r| r.application_status = *st);
                                save();
                            }
                        }>
                            {ApplicationStatus::ALL.iter().map(|st| { let st = *st; view! { <option selected=move || rec.with(|r| r.application_status == st)>{st.label()}</option> } }).collect_view()}
                        </select></div>
                    <div class="field"><label for=format!("na-{id}")>"Next step"</label>
                        <input id=format!("na-{id}") prop:value=move || rec.with(|r| r.next_action.clone().unwrap_or_default())
                            on:change=move |ev| { let v = event_target_value(&ev); rec.update(|r| r.next_action = (!v.is_empty()).then_some(v)); save() }/></div>
                    <div class="field"><label for=format!("nd-{id}")>"Due"</label>
                        <input id=format!("nd-{id}") type="date" prop:value=move || rec.with(|r| date_input_value(r.next_action_due))
                            on:change=move |ev| { let v = event_target_value(&ev); rec.update(|r| r.next_action_due = parse_date_input(&v)); save() }/></div>
                </div>
                <div class="field"><label for=format!("nt-{id}")>"Notes"</label>
                    <textarea id=format!("nt-{id}") rows="2" prop:value=move || rec.with(|r| r.notes.clone().unwrap_or_default())
                        on:change=move |ev| { let v = event_target_value(&ev); rec.update(|r| r.notes = (!v.is_empty()).then_some(v)); save() }></textarea></div>
            </div>
        </li>
    }
}
