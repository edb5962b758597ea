//! Application tracking (seed 000 `applicationTracking`): one record per run, the status
//! with the date each milestone was reached, notes and the next action.

use fitted_core::model::{ApplicationStatus, ApplicationTracking, ArtifactType, Job, ResumeVersion, Run};
use fitted_core::protocol::{Request, Response};
use fitted_core::tracking;
use fitted_store::repo::{now, uuid_v4};
use fitted_store::schema;

use crate::state::Services;

/// Set the status (creating the record on first use): the milestone's date is stamped and
/// the change joins the history (`fitted_core::tracking::set_status`).
pub async fn set_status(
    s: &Services,
    run: &Run,
    existing: Option<ApplicationTracking>,
    status: ApplicationStatus,
) -> Result<ApplicationTracking, String> {
    let t = now();
    let r = existing.unwrap_or_else(|| tracking::new_record(uuid_v4(), run.user_id.clone(), run.id.clone(), run.job_id.clone(), t));
    change_status(s, &r, status).await
}

/// Move an application to `status` now, and store it.
pub async fn change_status(s: &Services, r: &ApplicationTracking, status: ApplicationStatus) -> Result<ApplicationTracking, String> {
    let mut r = r.clone();
    tracking::set_status(&mut r, status, now());
    save(s, &r).await?;
    Ok(r)
}

/// Days without a reply before an application counts as ghosted (Settings).
pub async fn ghosted_after_days(s: &Services) -> u32 {
    match s.store_ready().await {
        Ok(st) => st.profile().await.ok().and_then(|u| u.settings.ghosted_after_days).unwrap_or(tracking::DEFAULT_GHOSTED_AFTER_DAYS),
        Err(_) => tracking::DEFAULT_GHOSTED_AFTER_DAYS,
    }
}

pub async fn set_ghosted_after_days(s: &Services, days: u32) -> Result<(), String> {
    if !(1..=365).contains(&days) {
        return Err("Give a number of days from 1 to 365.".into());
    }
    let st = s.store_ready().await?;
    let mut u = st.profile().await.map_err(|e| e.user_message())?;
    u.settings.ghosted_after_days = Some(days);
    st.save_profile(&u).await.map_err(|e| e.user_message())
}

/// Every application as CSV (made in the worker), with its job's company and title.
pub async fn export_csv(s: &Services, list: &[Sent]) -> Result<String, String> {
    let rows = list
        .iter()
        .map(|x| tracking::CsvRow {
            record: x.app.clone(),
            company: x.job.as_ref().and_then(|j| j.company.clone()).unwrap_or_default(),
            title: x.job.as_ref().map(|j| j.title.clone()).unwrap_or_default(),
        })
        .collect();
    match super::call(s, Request::ApplicationsToCsv { rows }).await? {
        Response::Text { text } => Ok(text),
        _ => Err("Unexpected answer from the engine.".into()),
    }
}

/// Reads a CSV export back (checked whole in the worker) and stores it in one write:
/// (added, updated). A bad cell or file changes nothing and says where.
pub async fn import_csv(s: &Services, text: String) -> Result<(usize, usize), String> {
    let st = s.store_ready().await?;
    let rows = match super::call(s, Request::ApplicationsFromCsv { text, at: now() }).await? {
        Response::ApplicationRows(rows) => rows,
        _ => return Err("Unexpected answer from the engine.".into()),
    };
    if rows.is_empty() {
        return Err("That file has no applications in it (only a header, or nothing).".into());
    }
    let records: Vec<ApplicationTracking> = rows
        .into_iter()
        .map(|r| ApplicationTracking { user_id: st.user_id().to_string(), ..r.record })
        .collect();
    st.import_applications(&records).await.map_err(|e| e.user_message())
}

pub async fn save(s: &Services, r: &ApplicationTracking) -> Result<(), String> {
    let mut r = r.clone();
    r.updated_at = now();
    s.store_ready().await?.put(schema::APPLICATION_TRACKING, &r).await.map_err(|e| e.user_message())
}

/// One application with what was sent: the job and the résumé version its run used.
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    pub app: ApplicationTracking,
    pub job: Option<Job>,
    /// `None` when the run was made before versions and its version is unknown.
    pub version: Option<ResumeVersion>,
    /// The run's cover letter, when one was written.
    pub letter: Option<fitted_core::model::CoverLetterRecord>,
    /// How the résumé sent was written: "Your own words" or the model that rewrote it.
    pub made_with: String,
}

/// Every application, newest first, with its job, the version that was sent and the cover
/// letter.
pub async fn list(s: &Services) -> Result<Vec<Sent>, String> {
    let st = s.store_ready().await?;
    let err = |e: fitted_store::StoreError| e.user_message();
    let mut out = Vec::new();
    for app in st.applications().await.map_err(err)? {
        let job: Option<Job> = st.get(schema::JOBS, &app.job_id).await.map_err(err)?;
        let run: Option<Run> = st.get(schema::RUNS, &app.run_id).await.map_err(err)?;
        let made_with = match &run {
            Some(r) if r.mock_mode == Some(false) => r.primary_model_key.clone().unwrap_or_else(|| "a model".into()),
            _ => "Your own words".to_string(),
        };
        let version = match run.and_then(|r| r.version_id) {
            Some(id) => st.get::<ResumeVersion>(schema::RESUME_VERSIONS, &id).await.map_err(err)?,
            None => None,
        };
        let letter = st.get(schema::COVER_LETTERS, &super::letters::letter_id(&app.run_id)).await.map_err(err)?;
        out.push(Sent { app, job, version, letter, made_with });
    }
    Ok(out)
}

/// The PDF the run of an application made (the file that was sent): name, type and bytes.
pub async fn sent_pdf(s: &Services, run_id: &str) -> Result<(String, String, Vec<u8>), String> {
    let st = s.store_ready().await?;
    let a = st
        .artifacts_of(run_id)
        .await
        .map_err(|e| e.user_message())?
        .into_iter()
        .find(|a| a.artifact_type == ArtifactType::Pdf)
        .ok_or("This application's run has no PDF (it did not finish, or the PDF was deleted). Open the run to make it again.")?;
    Ok((a.file_name, a.mime_type, a.data))
}

// ─────────── reminders as browser notifications ───────────

/// The caller's local day as [start, end) in milliseconds, for "due today".
pub fn today() -> (i64, i64) {
    let d = js_sys::Date::new_0();
    d.set_hours(0);
    d.set_minutes(0);
    d.set_seconds(0);
    d.set_milliseconds(0);
    let start = d.get_time() as i64;
    (start, start + 86_400_000)
}

/// What the browser says about notifications for this site; `None` where it has none.
pub fn notification_permission() -> Option<web_sys::NotificationPermission> {
    js_sys::Reflect::has(&js_sys::global(), &"Notification".into()).unwrap_or(false).then(web_sys::Notification::permission)
}

/// Ask the browser for permission to notify (browsers answer only a request made from a
/// click or key press).
pub async fn allow_notifications() -> Result<web_sys::NotificationPermission, String> {
    let p = web_sys::Notification::request_permission().map_err(|_| "This browser cannot show notifications.".to_string())?;
    wasm_bindgen_futures::JsFuture::from(p).await.map_err(|_| "The browser did not answer the request to show notifications.".to_string())?;
    Ok(web_sys::Notification::permission())
}

/// Where the applications already notified today are remembered: a reminder is a nudge
/// once a day, not on every page load.
const NOTIFIED_KEY: &str = "fitted.reminders.notified";

/// One application due today or overdue: (id, job title, next step).
pub type DueItem = (String, String, String);

/// A browser notification for each item not yet notified today, when the user allowed
/// them; returns how many were shown.
pub fn notify_due(items: &[DueItem]) -> usize {
    use gloo::storage::{LocalStorage, Storage};
    if notification_permission() != Some(web_sys::NotificationPermission::Granted) || items.is_empty() {
        return 0;
    }
    let day = today().0.to_string();
    let mut done: Vec<String> = match LocalStorage::get::<(String, Vec<String>)>(NOTIFIED_KEY) {
        Ok((d, ids)) if d == day => ids,
        _ => Vec::new(),
    };
    let mut shown = 0;
    for (id, title, step) in items {
        if done.contains(id) {
            continue;
        }
        let opts = web_sys::NotificationOptions::new();
        opts.set_body(&format!("{step} — {title}"));
        // One notification per application: a second one replaces the first.
        opts.set_tag(&format!("fitted-reminder-{id}"));
        if web_sys::Notification::new_with_options("Fitted: an application needs you today", &opts).is_ok() {
            done.push(id.clone());
            shown += 1;
        }
    }
    // Best effort: if the note cannot be kept, the worst case is a second nudge today.
    let _ = LocalStorage::set(NOTIFIED_KEY, (day, done));
    shown
}

/// The applications due today or overdue among `apps`, with their job titles.
pub fn due_items<'a>(apps: impl Iterator<Item = (&'a ApplicationTracking, String)>) -> Vec<DueItem> {
    let (start, end) = today();
    apps.filter(|(a, _)| matches!(tracking::due(a, start, end), Some(tracking::Due::Overdue | tracking::Due::Today)))
        .map(|(a, title)| (a.id.clone(), title, a.next_action.clone().unwrap_or_else(|| "Follow up".into())))
        .collect()
}

/// At start-up: notify what is due (when the user allowed notifications).
pub async fn notify_at_start(s: &Services) {
    if notification_permission() != Some(web_sys::NotificationPermission::Granted) {
        return;
    }
    let Ok(st) = s.store_ready().await else { return };
    let Ok(apps) = st.applications().await else { return };
    let mut titled = Vec::new();
    for a in &apps {
        let job: Option<Job> = st.get(schema::JOBS, &a.job_id).await.ok().flatten();
        titled.push((a, job.map(|j| j.title).unwrap_or_else(|| "an application".into())));
    }
    notify_due(&due_items(titled.into_iter()));
}
