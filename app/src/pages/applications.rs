//! Applications (seed 000 `applicationTracking`): where you applied and what happened, with
//! the date of each milestone, notes and your next step.

use fitted_core::model::{ApplicationStatus, ApplicationTracking, Job, ResumeVersion};
use fitted_core::tracking::{self as rules, Due, Funnel};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::actions::tracking::{self, today, Sent};
use crate::components::shell::EmptyState;
use crate::components::util::{date_input_value, download, format_time, parse_date_input, read_file_text};
use crate::state::{href, use_services, DbState};

#[derive(Clone, Copy, PartialEq)]
enum View {
    Board,
    Table,
    Details,
}

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let s = use_services();
    let version = RwSignal::new(0u32);
    let view_as = RwSignal::new(View::Board);
    let ghost_days = RwSignal::new(rules::DEFAULT_GHOSTED_AFTER_DAYS);
    let list = LocalResource::new(move || {
        version.get();
        let ready = s.db.get() == DbState::Ready;
        async move {
            if !ready {
                return Ok(Vec::new());
            }
            ghost_days.set(tracking::ghosted_after_days(&s).await);
            tracking::list(&s).await
        }
    });
    // Every application as shown and edited here; a change is stored, then replaces the
    // record in place.
    let items = RwSignal::new(Vec::<Sent>::new());
    Effect::new(move |_| {
        if let Some(Ok(v)) = list.get() {
            tracking::notify_due(&tracking::due_items(v.iter().map(|x| (&x.app, title_of(x)))));
            items.set(v);
        }
    });
    let move_to = Callback::new(move |(id, status): (String, ApplicationStatus)| {
        let Some(r) = items.with_untracked(|v| v.iter().find(|x| x.app.id == id).map(|x| x.app.clone())) else { return };
        if r.application_status == status {
            return;
        }
        leptos::task::spawn_local(async move {
            match tracking::change_status(&s, &r, status).await {
                Ok(n) => {
                    let id = n.id.clone();
                    items.update(|v| if let Some(x) = v.iter_mut().find(|x| x.app.id == n.id) { x.app = n });
                    // The card was drawn again in its new column: give it back the focus, so
                    // a keyboard user can go on moving it.
                    gloo::timers::future::TimeoutFuture::new(0).await;
                    if let Some(el) = leptos::prelude::document().query_selector(&format!("[data-testid=application-card][data-id=\"{id}\"]")).ok().flatten() {
                        use wasm_bindgen::JsCast;
                        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                            let _ = el.focus();
                        }
                    }
                }
                Err(e) => s.toasts.error(e),
            }
        });
    });
    let export = move |_| {
        let v = items.get_untracked();
        leptos::task::spawn_local(async move {
            let r = tracking::export_csv(&s, &v).await.and_then(|text| download("applications.csv", "text/csv", text.as_bytes()));
            if let Err(e) = r {
                s.toasts.error(e);
            }
        });
    };
    let import = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = match read_file_text(file).await {
                Ok(t) => t,
                Err(e) => return s.toasts.error(e),
            };
            match tracking::import_csv(&s, text).await {
                Ok((added, updated)) => {
                    s.toasts.info(format!("Imported: {added} added, {updated} updated."));
                    version.update(|n| *n += 1);
                }
                Err(e) => s.toasts.error(e),
            }
        });
    };
    view! {
        <h1>"Applications"</h1>
        {move || match list.get() {
            None => view! { <p class="muted">"Loading…"</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error-text">{e}</p> }.into_any(),
            Some(Ok(v)) if v.is_empty() => view! {
                <EmptyState title="Where you applied and what happened"
                    body="Track each application from “applied” through screening and interviews to an offer (or silence), with dates, notes and your next step."
                    first_step="tailor a résumé for a job, then set its status to Applied on the run's page (or import a CSV below)."/>
                <label class="button-like">"Import a CSV"<input type="file" accept=".csv,text/csv" class="visually-hidden" on:change=import data-testid="applications-csv-import"/></label>
            }.into_any(),
            Some(Ok(_)) => view! {
                <NotifyControl/>
                <Reminders items=items/>
                <FunnelChart items=items/>
                <div class="toolbar" role="group" aria-label="View">
                    <button aria-pressed=move || (view_as.get() == View::Board).to_string() on:click=move |_| view_as.set(View::Board) data-testid="view-board">"Board"</button>
                    <button aria-pressed=move || (view_as.get() == View::Table).to_string() on:click=move |_| view_as.set(View::Table) data-testid="view-table">"Table"</button>
                    <button aria-pressed=move || (view_as.get() == View::Details).to_string() on:click=move |_| view_as.set(View::Details) data-testid="view-details">"Details"</button>
                    <button on:click=export data-testid="applications-csv">"Export CSV"</button>
                    <label class="button-like">"Import CSV"<input type="file" accept=".csv,text/csv" class="visually-hidden" on:change=import data-testid="applications-csv-import"/></label>
                </div>
                {move || match view_as.get() {
                    View::Board => view! { <Board items=items move_to=move_to ghost_days=ghost_days/> }.into_any(),
                    View::Table => view! { <Table items=items ghost_days=ghost_days/> }.into_any(),
                    View::Details => view! {
                        <ul class="list" aria-label="Applications">{items.get_untracked().into_iter().map(|x| view! { <AppRow app=x.app job=x.job version=x.version letter=x.letter ghost_days=ghost_days.get_untracked()/> }).collect_view()}</ul>
                    }.into_any(),
                }}
            }.into_any(),
        }}
    }
}

fn title_of(x: &Sent) -> String {
    x.job.as_ref().map(|j| format!("{}{}", j.title, j.company.as_ref().map(|c| format!(" — {c}")).unwrap_or_default())).unwrap_or_else(|| "(deleted job)".into())
}

/// Next steps due today or overdue, first thing on the page.
/// Browser notifications for reminders: ask once, say what the browser answered.
#[component]
fn NotifyControl() -> impl IntoView {
    use web_sys::NotificationPermission as P;
    let s = use_services();
    let state = RwSignal::new(tracking::notification_permission());
    let ask = move |_| {
        leptos::task::spawn_local(async move {
            match tracking::allow_notifications().await {
                Ok(p) => {
                    state.set(Some(p));
                    if p == P::Granted {
                        tracking::notify_at_start(&s).await;
                    }
                }
                Err(e) => s.toasts.error(e),
            }
        });
    };
    view! {
        <p class="small muted" data-testid="reminders-notify-status">
            {move || match state.get() {
                None => "Reminders show here when an application is due (this browser has no notifications).".into_any(),
                Some(P::Granted) => "Reminders show here, and as a browser notification once a day while Fitted is open.".into_any(),
                Some(P::Denied) => "Reminders show here. Browser notifications are blocked for this site: allow them in the browser's site settings to get them.".into_any(),
                Some(_) => view! { "Reminders show here when an application is due. "
                    <button class="link-button" on:click=ask data-testid="reminders-notify">"Also notify me in this browser"</button> }.into_any(),
            }}
        </p>
    }
}

#[component]
fn Reminders(items: RwSignal<Vec<Sent>>) -> impl IntoView {
    let due = move || {
        let (start, end) = today();
        items.with(|v| {
            let mut d: Vec<(Due, String, String, String)> = v
                .iter()
                .filter_map(|x| match rules::due(&x.app, start, end) {
                    Some(k @ (Due::Overdue | Due::Today)) => Some((k, title_of(x), x.app.next_action.clone().unwrap_or_else(|| "Follow up".into()), x.app.run_id.clone())),
                    _ => None,
                })
                .collect();
            d.sort_by_key(|x| x.0 != Due::Overdue);
            d
        })
    };
    view! {
        {move || { let d = due(); (!d.is_empty()).then(|| view! {
            <section class="card reminders" data-testid="reminders" aria-labelledby="reminders-h">
                <h2 id="reminders-h">{format!("Due now ({})", d.len())}</h2>
                <ul>{d.into_iter().map(|(k, title, step, run)| view! {
                    <li data-testid="reminder" data-due=if k == Due::Overdue { "overdue" } else { "today" }>
                        <span class=if k == Due::Overdue { "badge badge-bad" } else { "badge badge-warn" }>{if k == Due::Overdue { "Overdue" } else { "Today" }}</span>
                        " "{step}" — "<A href=href(&format!("/runs/{run}"))>{title}</A>
                    </li>
                }).collect_view()}</ul>
            </section>
        }) }}
    }
}

/// Seed 004's funnel (applied → screening → interview → offer) as bars, and the reply rate
/// per résumé version and per way the résumé was written.
#[component]
fn FunnelChart(items: RwSignal<Vec<Sent>>) -> impl IntoView {
    let data = move || {
        items.with(|v| {
            let f = rules::funnel(v.iter().map(|x| &x.app));
            let by_version = rules::response_rates(v.iter().map(|x| (x.version.as_ref().map(crate::actions::versions::describe).unwrap_or_else(|| "unknown version".into()), &x.app)));
            let by_model = rules::response_rates(v.iter().map(|x| (x.made_with.clone(), &x.app)));
            (f, by_version, by_model)
        })
    };
    view! {
        {move || {
            let (f, by_version, by_model): (Funnel, _, _) = data();
            let stages = [("Applied", f.applied), ("Screening", f.screening), ("Interview", f.interview), ("Offer", f.offer)];
            let top = f.applied.max(1) as f64;
            let rate = |(k, a, r): (String, u32, u32)| view! { <tr><td>{k}</td><td>{a}</td><td>{r}</td><td>{format!("{:.0} %", 100.0 * r as f64 / a.max(1) as f64)}</td></tr> };
            view! {
                <section class="card" aria-labelledby="funnel-h">
                    <h2 id="funnel-h">"Funnel"</h2>
                    <svg class="funnel" data-testid="funnel-chart" viewBox="0 0 420 132" role="img"
                        aria-label=format!("Applied {}, screening {}, interview {}, offer {}", f.applied, f.screening, f.interview, f.offer)>
                        {stages.into_iter().enumerate().map(|(k, (label, n))| {
                            let y = 4 + k * 32;
                            let w = (300.0 * n as f64 / top).round().max(if n > 0 { 2.0 } else { 0.0 });
                            view! {
                                <text x="0" y=y + 18 class="funnel-label">{label}</text>
                                <rect x="90" y=y width=w height="24" rx="3" class="funnel-bar" data-stage=label.to_lowercase() data-count=n.to_string()></rect>
                                <text x=format!("{}", 96.0 + w) y=y + 18 class="funnel-count">{n.to_string()}</text>
                            }
                        }).collect_view()}
                    </svg>
                    <table class="rates" data-testid="response-rates">
                        <caption>"Replies per application sent"</caption>
                        <thead><tr><th scope="col">"Résumé version / written with"</th><th scope="col">"Applied"</th><th scope="col">"Replied"</th><th scope="col">"Rate"</th></tr></thead>
                        <tbody>{by_version.into_iter().map(rate).collect_view()}{by_model.into_iter().map(rate).collect_view()}</tbody>
                    </table>
                </section>
            }
        }}
    }
}

/// Columns by status. A card moves by drag and drop, or with the keyboard: focus it and
/// press ← or → (or its ◀ ▶ buttons).
#[component]
fn Board(items: RwSignal<Vec<Sent>>, move_to: Callback<(String, ApplicationStatus)>, ghost_days: RwSignal<u32>) -> impl IntoView {
    view! {
        <div class="board" data-testid="application-board">
            {ApplicationStatus::ALL.into_iter().map(|st| view! {
                <section class="board-column" data-testid="board-column" data-status=st.label()
                    on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
                    on:drop=move |ev: leptos::ev::DragEvent| {
                        ev.prevent_default();
                        if let Some(id) = ev.data_transfer().and_then(|d| d.get_data("text/plain").ok()).filter(|id| !id.is_empty()) {
                            move_to.run((id, st));
                        }
                    }>
                    <h3>{st.label()}" "<span class="muted small">{move || items.with(|v| v.iter().filter(|x| x.app.application_status == st).count())}</span></h3>
                    <ul>
                        {move || items.with(|v| v.iter().filter(|x| x.app.application_status == st).cloned().collect::<Vec<_>>()).into_iter().map(|x| {
                            let id = x.app.id.clone();
                            let (id2, id3, id4) = (id.clone(), id.clone(), id.clone());
                            let prev = rules::neighbour(st, false);
                            let next = rules::neighbour(st, true);
                            let (start, end) = today();
                            let due = rules::due(&x.app, start, end);
                            let app = x.app.clone();
                            let ghosted = move || rules::is_ghosted(&app, js_sys::Date::now() as i64, ghost_days.get());
                            let title = title_of(&x);
                            let card_title = title.clone();
                            let label = format!("{title}: {}. Arrow keys move it.", st.label());
                            let run_link = href(&format!("/runs/{}", x.app.run_id));
                            let next_action = x.app.next_action.clone();
                            view! {
                                <li class="board-card" tabindex="0" draggable="true" data-testid="application-card" data-id=id.clone()
                                    aria-label=label
                                    on:dragstart=move |ev: leptos::ev::DragEvent| { if let Some(d) = ev.data_transfer() { let _ = d.set_data("text/plain", &id2); } }
                                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                        let to = match ev.key().as_str() { "ArrowLeft" => prev, "ArrowRight" => next, _ => None };
                                        if let Some(to) = to {
                                            ev.prevent_default();
                                            move_to.run((id3.clone(), to));
                                        }
                                    }>
                                    <A href=run_link>{title}</A>
                                    {due.filter(|d| *d != Due::Later).map(|d| view! { <span class=if d == Due::Overdue { "badge badge-bad" } else { "badge badge-warn" }>{if d == Due::Overdue { "Overdue" } else { "Due today" }}</span> })}
                                    {move || ghosted().then(|| view! { <span class="badge" data-testid="card-ghosted">"No reply"</span> })}
                                    {next_action.map(|n| view! { <p class="small muted">{n}</p> })}
                                    <p class="small card-files"><SentFiles run_id=x.app.run_id.clone() letter=x.letter.clone() company=x.job.as_ref().and_then(|j| j.company.clone()).unwrap_or_default() brief=true title=card_title/></p>
                                    <div class="card-moves">
                                        {prev.map(|p| { let id = id4.clone(); view! { <button class="link-button" aria-label=format!("Move to {}", p.label()) on:click=move |_| move_to.run((id.clone(), p))>"◀"</button> } })}
                                        {next.map(|n| { let id = id4.clone(); view! { <button class="link-button" aria-label=format!("Move to {}", n.label()) on:click=move |_| move_to.run((id.clone(), n))>"▶"</button> } })}
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }).collect_view()}
        </div>
    }
}

/// One row per application: status, milestones, next step and what was sent.
#[component]
fn Table(items: RwSignal<Vec<Sent>>, ghost_days: RwSignal<u32>) -> impl IntoView {
    let day = |t: Option<i64>| t.map(format_time).unwrap_or_default();
    view! {
        <div class="table-wrap">
            <table class="apps-table" data-testid="application-table">
                <thead><tr>
                    <th scope="col">"Job"</th><th scope="col">"Status"</th><th scope="col">"Applied"</th><th scope="col">"Reply"</th>
                    <th scope="col">"Interview"</th><th scope="col">"Next step"</th><th scope="col">"Due"</th><th scope="col">"Sent"</th>
                </tr></thead>
                <tbody>{move || items.get().into_iter().map(|x| {
                    let ghosted = rules::is_ghosted(&x.app, js_sys::Date::now() as i64, ghost_days.get_untracked());
                    let title = title_of(&x);
                    view! {
                        <tr data-testid="application-table-row">
                            <td><A href=href(&format!("/runs/{}", x.app.run_id))>{title}</A></td>
                            <td>{x.app.application_status.label()}{ghosted.then_some(" (no reply)")}</td>
                            <td>{day(x.app.applied_at)}</td><td>{day(x.app.response_received_at)}</td><td>{day(x.app.interview_scheduled_at)}</td>
                            <td>{x.app.next_action.clone().unwrap_or_default()}</td><td>{date_input_value(x.app.next_action_due)}</td>
                            <td>{x.version.as_ref().map(crate::actions::versions::describe).unwrap_or_default()}</td>
                        </tr>
                    }
                }).collect_view()}</tbody>
            </table>
        </div>
    }
}

/// The PDF and cover letter sent with an application, one click each (`brief` on a board
/// card: short labels, named for the job for screen readers).
#[component]
fn SentFiles(run_id: String, letter: Option<fitted_core::model::CoverLetterRecord>, company: String, brief: bool, #[prop(optional)] title: String) -> impl IntoView {
    let s = use_services();
    let letter_name = crate::actions::runs::file_name("", &company, "cover-letter");
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
    let download_pdf = move |_| {
        let run_id = run_id.clone();
        leptos::task::spawn_local(async move {
            let r = tracking::sent_pdf(&s, &run_id).await.and_then(|(name, mime, bytes)| download(&name, &mime, &bytes));
            if let Err(e) = r {
                s.toasts.error(e);
            }
        });
    };
    let (pdf_label, letter_label) = if brief { ("PDF", "Letter") } else { ("Download the PDF sent", "Download the cover letter") };
    let (pdf_aria, letter_aria) = (format!("Download the PDF sent for {title}"), format!("Download the cover letter for {title}"));
    view! {
        <button class="link-button" on:click=download_pdf data-testid="application-pdf" aria-label=brief.then(|| pdf_aria)>{pdf_label}</button>
        {download_letter.map(|f| view! { " · "<button class="link-button" on:click=f data-testid="application-letter" aria-label=brief.then(|| letter_aria)>{letter_label}</button> })}
    }
}

#[component]
fn AppRow(app: ApplicationTracking, job: Option<Job>, version: Option<ResumeVersion>, letter: Option<fitted_core::model::CoverLetterRecord>, ghost_days: u32) -> impl IntoView {
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
    let company = job.as_ref().and_then(|j| j.company.clone()).unwrap_or_default();
    let title = job.map(|j| format!("{}{}", j.title, j.company.map(|c| format!(" — {c}")).unwrap_or_default())).unwrap_or_else(|| "(deleted job)".into());
    let run_id = rec.with_untracked(|r| r.run_id.clone());
    let run_link = href(&format!("/runs/{run_id}"));
    let sent = match &version {
        Some(v) => format!("Sent: résumé version {}", crate::actions::versions::describe(v)),
        None => "Sent: résumé version unknown (made before Fitted kept versions)".to_string(),
    };
    let versions_link = version.map(|v| href(&format!("/resumes/{}/versions", v.project_id)));
    let id = rec.with_untracked(|r| r.id.clone());
    let stale = move || rec.with(|r| rules::is_ghosted(r, js_sys::Date::now() as i64, ghost_days));
    let set_status = move |st: ApplicationStatus| {
        let r = rec.get_untracked();
        leptos::task::spawn_local(async move {
            match tracking::change_status(&s, &r, st).await {
                Ok(n) => rec.set(n),
                Err(e) => s.toasts.error(e),
            }
        });
    };
    view! {
        <li class="list-row app-row" data-testid="application">
            {move || rec.with(|r| (!r.history.is_empty()).then(|| view! {
                <details class="small" data-testid="application-history"><summary>"History"</summary>
                    <ol>{r.history.iter().map(|h| view! { <li>{format!("{} — {}", format_time(h.at), h.status.label())}</li> }).collect_view()}</ol>
                </details>
            }))}
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
                    <SentFiles run_id=run_id.clone() letter=letter company=company brief=false/></p>
                <Show when=stale>
                    <p class="small warn-text">{format!("No reply in over {ghost_days} days. ")}
                        <button on:click=move |_| set_status(ApplicationStatus::Ghosted)>"Mark as ghosted"</button>
                    </p>
                </Show>
                <div class="grid-3">
                    <div class="field"><label for=format!("st-{id}")>"Status"</label>
                        <select id=format!("st-{id}") on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(st) = ApplicationStatus::ALL.iter().find(|x| x.label() == v) {
                                set_status(*st);
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
