//! Opening the database: schema steps in the upgrade, data steps after open.

use std::cell::Cell;
use std::rc::Rc;

use indexed_db_futures::database::{Database, VersionChangeEvent};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyPath;
use wasm_bindgen::JsValue;

use crate::error::{Result, StoreError};
use crate::repo::{from_js, to_js};
use crate::schema::{self, DataStep, MIGRATIONS};
use fitted_core::model::{MasterResume, ResumeVersion, ResumeVersionStatus, ResumeVersionType};

/// Things the UI should know about while the database is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbEvent {
    /// Our upgrade waits for another tab (running an older version) to close its connection.
    Blocked,
    /// Another tab upgraded or deleted the database; this connection has closed itself.
    ClosedByOtherTab,
}

pub type EventSink = Rc<dyn Fn(DbEvent)>;

pub(crate) struct Opened {
    pub db: Database,
    pub closed: Rc<Cell<bool>>,
}

/// Open `name` at schema version `target` (the latest in production; tests open older
/// versions to prove migrations keep records), creating whatever stores the versions between
/// the stored one and `target` add, then run pending data steps.
pub(crate) async fn open(name: &str, target: u32, events: EventSink) -> Result<Opened> {
    if !MIGRATIONS.iter().any(|m| m.version == target) {
        return Err(StoreError::Failed(format!("unknown schema version {target}")));
    }
    let on_blocked = events.clone();
    let db = Database::open(name)
        .with_version(target)
        .with_on_blocked(move |_evt: VersionChangeEvent| {
            on_blocked(DbEvent::Blocked);
            Ok(())
        })
        .with_on_upgrade_needed(move |evt: VersionChangeEvent, db: Database| {
            let old = evt.old_version() as u32;
            for m in MIGRATIONS.iter().filter(|m| m.version > old && m.version <= target) {
                for def in m.stores {
                    let store = db.create_object_store(def.name).with_key_path("id".into()).build()?;
                    for ix in def.indexes {
                        let key_path: KeyPath<&str> = if ix.key_path.len() == 1 {
                            KeyPath::One(ix.key_path[0])
                        } else {
                            KeyPath::from(ix.key_path.to_vec())
                        };
                        store.create_index(ix.name, key_path).with_unique(ix.unique).build()?;
                    }
                }
            }
            Ok(())
        })
        .await?;

    let closed = Rc::new(Cell::new(false));
    watch_version_changes(&db, closed.clone(), events)?;
    run_data_steps(&db, target).await?;
    Ok(Opened { db, closed })
}

/// When another tab opens a newer schema (or deletes the database) the browser asks us to
/// close. Closing at once lets the other tab proceed; writing on with the old schema could
/// corrupt data, so every later call fails with `VersionChanged` until the user reloads.
fn watch_version_changes(db: &Database, closed: Rc<Cell<bool>>, events: EventSink) -> Result<()> {
    let mut changes = db.version_changes()?;
    let db = db.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if changes.recv().await.is_some() {
            closed.set(true);
            db.close();
            events(DbEvent::ClosedByOtherTab);
        }
    });
    Ok(())
}

const DATA_VERSION_KEY: &str = "dataVersion";

#[derive(serde::Serialize, serde::Deserialize)]
struct MetaRecord {
    id: String,
    value: u32,
}

pub(crate) async fn data_version(db: &Database) -> Result<u32> {
    let tx = db.transaction(schema::META).build()?;
    let store = tx.object_store(schema::META)?;
    let v: Option<JsValue> = store.get(DATA_VERSION_KEY).primitive()?.await?;
    Ok(match v {
        Some(v) if !v.is_undefined() => from_js::<MetaRecord>(v)?.value,
        _ => 0,
    })
}

/// Each pending data step runs in its own transaction together with the bump of
/// `dataVersion`, so a step is applied exactly once or not at all.
async fn run_data_steps(db: &Database, target: u32) -> Result<()> {
    let done = data_version(db).await?;
    for m in MIGRATIONS.iter().filter(|m| m.version > done && m.version <= target) {
        let mut stores = vec![schema::META];
        if let Some(step) = m.data {
            stores.extend(step_stores(step));
        }
        let tx = db.transaction(stores).with_mode(TransactionMode::Readwrite).build()?;
        if let Some(step) = m.data {
            apply_step(&tx, step).await?;
        }
        let meta = tx.object_store(schema::META)?;
        meta.put(to_js(&MetaRecord { id: DATA_VERSION_KEY.into(), value: m.version })?).primitive()?.await?;
        crate::repo::commit(tx).await?;
    }
    Ok(())
}

fn step_stores(step: DataStep) -> Vec<&'static str> {
    match step {
        DataStep::BaseVersionsForExistingResumes => vec![schema::MASTER_RESUMES, schema::RESUME_VERSIONS],
        DataStep::ChunkVersionsAndPinRuns => vec![
            schema::MASTER_RESUMES,
            schema::RESUME_VERSIONS,
            schema::VERSION_CHUNKS,
            schema::RUNS,
            schema::SELECTION_PLANS,
        ],
        DataStep::VersionStatuses => vec![schema::MASTER_RESUMES, schema::RESUME_VERSIONS, schema::RUNS],
    }
}

async fn apply_step(tx: &indexed_db_futures::transaction::Transaction<'_>, step: DataStep) -> Result<()> {
    match step {
        DataStep::BaseVersionsForExistingResumes => {
            let resumes = tx.object_store(schema::MASTER_RESUMES)?;
            let versions = tx.object_store(schema::RESUME_VERSIONS)?;
            let all: Vec<JsValue> = resumes.get_all::<JsValue>().primitive()?.await?.collect::<indexed_db_futures::Result<_>>()?;
            for v in all {
                let r: MasterResume = from_js(v)?;
                let existing: Vec<JsValue> = versions
                    .index("by_project")?
                    .get_all::<JsValue>()
                    .with_query(JsValue::from_str(&r.id))
                    .primitive()?
                    .await?
                    .collect::<indexed_db_futures::Result<_>>()?;
                if existing.is_empty() {
                    let base = ResumeVersion {
                        id: format!("{}-base", r.id),
                        project_id: r.id.clone(),
                        parent_version_id: None,
                        version_type: ResumeVersionType::Base,
                        status: ResumeVersionStatus::Active,
                        content_hash: fitted_core::import::content_hash(&r.document),
                        label: None,
                        manifest: None,
                        document: Some(r.document.clone()),
                        compiled: None,
                        created_at: r.created_at,
                        updated_at: r.updated_at,
                    };
                    versions.put(to_js(&base)?).primitive()?.await?;
                }
            }
            Ok(())
        }
        DataStep::ChunkVersionsAndPinRuns => chunk_versions_and_pin_runs(tx).await,
        DataStep::VersionStatuses => version_statuses(tx).await,
    }
}

async fn get_all(store: &indexed_db_futures::object_store::ObjectStore<'_>) -> Result<Vec<JsValue>> {
    Ok(store.get_all::<JsValue>().primitive()?.await?.collect::<indexed_db_futures::Result<_>>()?)
}

async fn chunk_versions_and_pin_runs(tx: &indexed_db_futures::transaction::Transaction<'_>) -> Result<()> {
    use fitted_core::versions;
    let resumes = tx.object_store(schema::MASTER_RESUMES)?;
    let versions_store = tx.object_store(schema::RESUME_VERSIONS)?;
    let chunks = tx.object_store(schema::VERSION_CHUNKS)?;
    let put_chunks = |cs: Vec<versions::VersionChunk>| async {
        for c in cs {
            chunks.put(to_js(&c)?).primitive()?.await?;
        }
        Ok::<(), StoreError>(())
    };
    // 1. Every version's document into chunks, with its content hash.
    let mut all: Vec<ResumeVersion> = get_all(&versions_store).await?.into_iter().map(from_js).collect::<Result<_>>()?;
    for v in all.iter_mut() {
        if let Some(doc) = v.document.take() {
            let (manifest, cs) = versions::pack(&doc);
            put_chunks(cs).await?;
            v.content_hash = fitted_core::import::content_hash(&doc);
            v.manifest = Some(manifest);
            versions_store.put(to_js(&*v)?).primitive()?.await?;
        }
    }
    // 2. Every résumé gets a head: its newest version if that is its content, else a MANUAL
    //    child holding the content as it is now.
    for value in get_all(&resumes).await? {
        let mut r: MasterResume = from_js(value.clone())?;
        if r.head_version_id.is_some() {
            continue;
        }
        let hash = fitted_core::import::content_hash(&r.document);
        let newest = all.iter().filter(|v| v.project_id == r.id).max_by_key(|v| (v.created_at, v.id.clone())).cloned();
        let head = match newest {
            Some(v) if v.content_hash == hash => v.id,
            newest => {
                let (manifest, cs) = versions::pack(&r.document);
                put_chunks(cs).await?;
                let v = versions::new_version(
                    crate::repo::uuid_v4(),
                    &r.id,
                    newest.as_ref().map(|n| n.id.clone()),
                    if newest.is_some() { ResumeVersionType::Manual } else { ResumeVersionType::Base },
                    hash,
                    Some(manifest),
                    r.updated_at,
                );
                versions_store.put(to_js(&v)?).primitive()?.await?;
                let id = v.id.clone();
                all.push(v);
                id
            }
        };
        r.head_version_id = Some(head);
        // Keep the stored record as it was (with its index mirror), adding only the head.
        js_sys::Reflect::set(&value, &"headVersionId".into(), &JsValue::from_str(r.head_version_id.as_deref().unwrap_or_default()))
            .map_err(|_| StoreError::Failed("could not update a résumé".into()))?;
        resumes.put(value).primitive()?.await?;
    }
    // 3. Pin each run to the version its selection was made from, when that is certain.
    let runs = tx.object_store(schema::RUNS)?;
    let plans = tx.object_store(schema::SELECTION_PLANS)?;
    for value in get_all(&runs).await? {
        let run: fitted_core::model::Run = from_js(value.clone())?;
        if run.version_id.is_some() {
            continue;
        }
        let plan: Option<JsValue> = plans.get(JsValue::from_str(&format!("{}-plan", run.id))).primitive()?.await?;
        let Some(plan) = plan.filter(|p| !p.is_undefined()) else { continue };
        let plan: fitted_core::model::SelectionPlan = from_js(plan)?;
        let matches: Vec<&ResumeVersion> =
            all.iter().filter(|v| v.project_id == run.master_resume_id && v.content_hash == plan.master_resume_hash).collect();
        // Equal content in several versions is the same document: any of them gives the same
        // PDF; the oldest is the one the run can have used.
        if let Some(v) = matches.into_iter().min_by_key(|v| (v.created_at, v.id.clone())) {
            js_sys::Reflect::set(&value, &"versionId".into(), &JsValue::from_str(&v.id))
                .and_then(|_| js_sys::Reflect::set(&value, &"versionContentHash".into(), &JsValue::from_str(&v.content_hash)))
                .map_err(|_| StoreError::Failed("could not update a run".into()))?;
            runs.put(value).primitive()?.await?;
        }
    }
    Ok(())
}

async fn version_statuses(tx: &indexed_db_futures::transaction::Transaction<'_>) -> Result<()> {
    use fitted_core::model::{Run, RunStatus};
    let heads: std::collections::HashSet<String> = get_all(&tx.object_store(schema::MASTER_RESUMES)?)
        .await?
        .into_iter()
        .map(from_js::<MasterResume>)
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .filter_map(|m| m.head_version_id)
        .collect();
    let runs: Vec<Run> = get_all(&tx.object_store(schema::RUNS)?).await?.into_iter().map(from_js).collect::<Result<_>>()?;
    let versions_store = tx.object_store(schema::RESUME_VERSIONS)?;
    for value in get_all(&versions_store).await? {
        let mut v: ResumeVersion = from_js(value)?;
        // A failed run's record does not say whether it failed at the PDF, so only success
        // is read back; a version never compiled for certain stays DRAFT.
        let made = runs.iter().any(|r| r.version_id.as_deref() == Some(v.id.as_str()) && r.status == RunStatus::Success);
        v.compiled = v.compiled.or(made.then_some(true));
        v.status = fitted_core::versions::status(heads.contains(&v.id), v.compiled);
        versions_store.put(to_js(&v)?).primitive()?.await?;
    }
    Ok(())
}
