//! Résumé versions (seed 001): cutting a version at the end of an editing session, the
//! version tree with the runs that used each version, comparing two versions, naming one,
//! and restoring an old one as a new version (history is never rewritten).

use fitted_core::diff::{self, DocumentDiff};
use fitted_core::model::{ResumeVersion, ResumeVersionType, Run, VersionDiff};
use fitted_store::repo::now;
use fitted_store::versions::diff_id;
use leptos::prelude::Update;

use crate::state::Services;

fn err(e: fitted_store::StoreError) -> String {
    e.user_message()
}

/// One row of the version tree.
#[derive(Clone, Debug, PartialEq)]
pub struct VersionRow {
    pub version: ResumeVersion,
    /// Where the row sits in the drawn tree (see [`fitted_core::versions::TreeRow`]).
    pub lane: usize,
    pub up: bool,
    pub down: bool,
    pub through: Vec<usize>,
    pub branches: Vec<usize>,
    /// Lanes the whole tree uses, so every row's text starts at the same place.
    pub lanes: usize,
    /// The résumé's current version.
    pub is_head: bool,
    /// Runs pinned to this version: (run id, "Job title — Company", application status if
    /// the user tracked one, e.g. "Applied").
    pub runs: Vec<(String, String, Option<&'static str>)>,
}

/// Make the résumé's saved content a version (MANUAL, child of the head) if it is not one
/// already. Called when an editing session ends: after [`fitted_core::versions::SESSION_IDLE_MS`]
/// without typing, on leaving the editor, and on opening it (a session closed with the tab).
/// Returns whether a version was made.
pub async fn commit(s: &Services, resume_id: &str) -> Result<bool, String> {
    let store = s.store_ready().await?;
    let r = super::resumes::get(s, resume_id).await?;
    let c = store.commit_version(&r.id, &r.document, ResumeVersionType::Manual, None, None).await.map_err(err)?;
    if c.created {
        s.versions_changed.update(|n| *n += 1);
    }
    Ok(c.created)
}

/// The version tree of a résumé, parents before children, with the runs that used each.
pub async fn tree(s: &Services, resume_id: &str) -> Result<Vec<VersionRow>, String> {
    let store = s.store_ready().await?;
    // Saved content not yet a version (a session still open in another tab, or closed with
    // the tab) is shown as the newest version rather than left out.
    commit(s, resume_id).await?;
    let r = super::resumes::get(s, resume_id).await?;
    let versions = store.versions_of(resume_id).await.map_err(err)?;
    let runs: Vec<Run> = store.runs(false).await.map_err(err)?.into_iter().filter(|x| x.master_resume_id == resume_id).collect();
    let jobs = store.jobs(true).await.map_err(err)?;
    let apps = store.applications().await.map_err(err)?;
    let status = |run_id: &str| {
        apps.iter()
            .find(|a| a.run_id == run_id && a.application_status != fitted_core::model::ApplicationStatus::NotApplied)
            .map(|a| a.application_status.label())
    };
    let job_name = |id: &str| {
        jobs.iter()
            .find(|j| j.id == id)
            .map(|j| match &j.company {
                Some(c) if !c.is_empty() => format!("{} — {c}", j.title),
                _ => j.title.clone(),
            })
            .unwrap_or_else(|| "Deleted job".into())
    };
    let layout = fitted_core::versions::tree_layout(&versions);
    let lanes = layout.iter().flat_map(|r| r.through.iter().chain(&r.branches).chain([&r.lane])).max().map_or(1, |m| m + 1);
    Ok(layout
        .into_iter()
        .map(|row| VersionRow {
            is_head: r.head_version_id.as_deref() == Some(row.version.id.as_str()),
            runs: runs
                .iter()
                .filter(|x| x.version_id.as_deref() == Some(row.version.id.as_str()))
                .map(|x| (x.id.clone(), job_name(&x.job_id), status(&x.id)))
                .collect(),
            version: row.version.clone(),
            lane: row.lane,
            up: row.up,
            down: row.down,
            through: row.through,
            branches: row.branches,
            lanes,
        })
        .collect())
}

/// What changed from one version to another, word by word. The comparison is kept as a
/// seed 001 `versionDiffs` record.
pub async fn compare(s: &Services, from_id: &str, to_id: &str) -> Result<DocumentDiff, String> {
    let store = s.store_ready().await?;
    let from = store.version(from_id).await.map_err(err)?;
    let to = store.version(to_id).await.map_err(err)?;
    let a = store.version_document(&from).await.map_err(err)?;
    let b = store.version_document(&to).await.map_err(err)?;
    let d = diff::diff(&a, &b);
    let record = VersionDiff {
        id: diff_id(from_id, to_id),
        from_version_id: from_id.to_string(),
        to_version_id: to_id.to_string(),
        added: serde_json::to_value(&d.added).unwrap_or_default(),
        removed: serde_json::to_value(&d.removed).unwrap_or_default(),
        rewritten: serde_json::to_value(&d.rewritten).unwrap_or_default(),
        created_at: now(),
    };
    store.save_version_diff(&record).await.map_err(err)?;
    Ok(d)
}

/// Make an old version's content current again, as a new MANUAL version on top of the
/// head (the tree keeps everything in between).
pub async fn restore(s: &Services, resume_id: &str, version_id: &str) -> Result<(), String> {
    let store = s.store_ready().await?;
    let old = store.version(version_id).await.map_err(err)?;
    let doc = store.version_document(&old).await.map_err(err)?;
    let record = super::resumes::get(s, resume_id).await?;
    super::resumes::save(s, &record, &doc).await?;
    crate::components::util::drafts::clear("resume", resume_id);
    let label = format!("Restored from {}", describe(&old));
    store.commit_version(resume_id, &doc, ResumeVersionType::Manual, None, Some(label)).await.map_err(err)?;
    s.versions_changed.update(|n| *n += 1);
    Ok(())
}

pub async fn set_label(s: &Services, version_id: &str, label: &str) -> Result<(), String> {
    s.store_ready().await?.set_version_label(version_id, label).await.map_err(err)
}

/// "Edited 6 Dec 2026, 14:03" or the version's label.
pub fn describe(v: &ResumeVersion) -> String {
    let when = crate::components::util::format_time(v.created_at);
    match &v.label {
        Some(l) => format!("“{l}” ({when})"),
        None => format!("{} {when}", fitted_core::versions::type_name(v.version_type)),
    }
}
