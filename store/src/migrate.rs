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
                        document: r.document.clone(),
                        created_at: r.created_at,
                        updated_at: r.updated_at,
                    };
                    versions.put(to_js(&base)?).primitive()?.await?;
                }
            }
            Ok(())
        }
    }
}
