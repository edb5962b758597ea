//! A résumé's versions (seed 001): the tree of versions with their type, date, label and the
//! runs that used them; compare any two word by word; restore an old one as a new version.

use fitted_core::diff::DocumentDiff;
use fitted_core::model::ResumeVersionStatus;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::actions::versions::{self, VersionRow};
use crate::state::{href, use_services, DbState};

#[component]
pub fn VersionsPage() -> impl IntoView {
    let s = use_services();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let reload = RwSignal::new(0u32);
    let rows = LocalResource::new(move || {
        let ready = s.db.get() == DbState::Ready;
        let id = id();
        reload.track();
        s.versions_changed.track();
        async move {
            if !ready || id.is_empty() {
                return Ok(Vec::new());
            }
            versions::tree(&s, &id).await
        }
    });
    // The two versions to compare: "from" (older) and "to".
    let from = RwSignal::new(None::<String>);
    let to = RwSignal::new(None::<String>);
    let diff = RwSignal::new(None::<Result<DocumentDiff, String>>);
    let compare = move |_| {
        let (Some(a), Some(b)) = (from.get_untracked(), to.get_untracked()) else {
            diff.set(Some(Err("Choose a version in the “From” column and one in the “To” column.".into())));
            return;
        };
        leptos::task::spawn_local(async move { diff.set(Some(versions::compare(&s, &a, &b).await)) });
    };
    view! {
        <div class="editor-head">
            <h1>"Versions"</h1>
            <A href=move || href(&format!("/resumes/{}", id()))>"Back to the editor"</A>
        </div>
        <p class="muted small">"Every editing session, run and restore keeps a version; none is ever overwritten. A run always uses the version it was made from."</p>
        {move || match rows.get() {
            None => view! { <p class="muted">"Loading…"</p> }.into_any(),
            Some(Err(e)) => view! { <p class="error-text" role="alert">{e}</p> }.into_any(),
            Some(Ok(v)) => view! {
                <table class="versions" aria-label="Versions of this résumé">
                    <thead><tr><th scope="col">"From"</th><th scope="col">"To"</th><th scope="col">"Version"</th><th scope="col">"Used by"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                    <tbody>{v.into_iter().map(|row| view! { <Row row=row from=from to=to reload=reload/> }).collect_view()}</tbody>
                </table>
                <div class="toolbar">
                    <button class="primary" on:click=compare data-testid="version-compare">"Compare"</button>
                </div>
            }.into_any(),
        }}
        {move || diff.get().map(|d| match d {
            Err(e) => view! { <p class="error-text" role="alert">{e}</p> }.into_any(),
            Ok(d) => view! { <DiffView diff=d/> }.into_any(),
        })}
    }
}

#[component]
fn Row(row: VersionRow, from: RwSignal<Option<String>>, to: RwSignal<Option<String>>, reload: RwSignal<u32>) -> impl IntoView {
    let s = use_services();
    let v = row.version.clone();
    let vid = v.id.clone();
    let project = v.project_id.clone();
    let label = RwSignal::new(v.label.clone().unwrap_or_default());
    let save_label = {
        let vid = vid.clone();
        move |_| {
            let vid = vid.clone();
            let l = label.get_untracked();
            leptos::task::spawn_local(async move {
                if let Err(e) = versions::set_label(&s, &vid, &l).await {
                    s.toasts.error(e);
                }
            });
        }
    };
    let restore = {
        let vid = vid.clone();
        move |_| {
            let (vid, project) = (vid.clone(), project.clone());
            leptos::task::spawn_local(async move {
                match versions::restore(&s, &project, &vid).await {
                    Ok(()) => {
                        s.toasts.info("Restored as a new version. The editor now shows it.");
                        reload.update(|n| *n += 1);
                    }
                    Err(e) => s.toasts.error(e),
                }
            });
        }
    };
    let (f_id, t_id) = (vid.clone(), vid.clone());
    let (f_check, t_check) = (vid.clone(), vid.clone());
    let kind = fitted_core::versions::type_name(v.version_type);
    let when = crate::components::util::format_time(v.created_at);
    let status = v.status;
    let status_name = fitted_core::versions::status_name(status);
    let status_class = match status {
        ResumeVersionStatus::Active => "badge badge-accent",
        ResumeVersionStatus::Compiled => "badge badge-ok",
        ResumeVersionStatus::Error => "badge badge-bad",
        ResumeVersionStatus::Draft => "badge",
    };
    let status_code = serde_json::to_value(status).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    let label_id = format!("label-{vid}");
    view! {
        <tr data-testid="version-row" data-version-id=vid.clone() class:head=row.is_head>
            <td><input type="radio" name="from" aria-label=format!("Compare from {kind} {when}")
                prop:checked=move || from.get().as_deref() == Some(f_check.as_str())
                on:change=move |_| from.set(Some(f_id.clone())) data-testid="version-from"/></td>
            <td><input type="radio" name="to" aria-label=format!("Compare to {kind} {when}")
                prop:checked=move || to.get().as_deref() == Some(t_check.as_str())
                on:change=move |_| to.set(Some(t_id.clone())) data-testid="version-to"/></td>
            <td class="version-cell" style=format!("--lanes: {}", row.lanes)>
                <Graph lane=row.lane up=row.up down=row.down through=row.through branches=row.branches/>
                <span class="badge">{kind}</span>" "<span class="small">{when}</span>" "
                <span class=status_class data-testid="version-status" data-status=status_code>{status_name}</span>
                <label for=label_id.clone() class="visually-hidden">"Label"</label>
                <input id=label_id type="text" class="version-label" placeholder="Add a label" bind:value=label on:change=save_label data-testid="version-label"/>
            </td>
            <td class="small">{if row.runs.is_empty() {
                view! { <span class="muted">"—"</span> }.into_any()
            } else {
                row.runs.into_iter().map(|(run, job, status)| view! {
                    <span class="version-run"><A href=href(&format!("/runs/{run}"))>{job}</A>
                        {status.map(|st| view! { " " <span class="badge badge-accent" data-testid="version-application">{st}</span> })}</span>" "
                }).collect_view().into_any()
            }}</td>
            <td>{(!row.is_head).then(|| view! { <button on:click=restore data-testid="version-restore">"Restore"</button> })}</td>
        </tr>
    }
}

/// The row's piece of the drawn tree: lines and a dot on lanes, positioned by CSS
/// (`.graph` in styles) over the full height of the row so the pieces join up.
#[component]
fn Graph(lane: usize, up: bool, down: bool, through: Vec<usize>, branches: Vec<usize>) -> impl IntoView {
    let at = |l: usize| format!("--lane: {l}");
    let across = branches
        .iter()
        .map(|&b| {
            let (lo, hi) = (lane.min(b), lane.max(b));
            view! {
                <span class="g-across" style=format!("--lane: {lo}; --span: {}", hi - lo)></span>
                <span class="g-down" style=at(b)></span>
            }
        })
        .collect_view();
    view! {
        <span class="graph" aria-hidden="true">
            {through.into_iter().map(|l| view! { <span class="g-through" style=at(l)></span> }).collect_view()}
            {up.then(|| view! { <span class="g-up" style=at(lane)></span> })}
            {down.then(|| view! { <span class="g-down" style=at(lane)></span> })}
            {across}
            <span class="g-dot" style=at(lane)></span>
        </span>
    }
}

#[component]
fn DiffView(diff: DocumentDiff) -> impl IntoView {
    if diff.is_empty() {
        return view! { <p class="muted" data-testid="version-diff" role="status">"These two versions have the same content."</p> }.into_any();
    }
    view! {
        <section class="card version-diff" data-testid="version-diff" aria-label="Differences">
            <h2>"What changed"</h2>
            <ul class="diff-list">
                {diff.rewritten.into_iter().map(|r| view! {
                    <li data-testid="diff-rewritten"><span class="muted small">{r.label}</span><br/>
                        {r.words.into_iter().map(|w| match w.op.as_str() {
                            "insert" => view! { <ins>{w.text}</ins> }.into_any(),
                            "delete" => view! { <del>{w.text}</del> }.into_any(),
                            _ => view! { <span>{w.text}</span> }.into_any(),
                        }).collect_view()}
                    </li>
                }).collect_view()}
                {diff.added.into_iter().map(|f| view! {
                    <li data-testid="diff-added"><span class="muted small">{f.label}" (added)"</span><br/><ins>{f.text}</ins></li>
                }).collect_view()}
                {diff.removed.into_iter().map(|f| view! {
                    <li data-testid="diff-removed"><span class="muted small">{f.label}" (removed)"</span><br/><del>{f.text}</del></li>
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
