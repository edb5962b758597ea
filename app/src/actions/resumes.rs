//! Master résumés: create, import, edit (autosaved), activate, delete and restore.

use fitted_core::import;
use fitted_core::model::MasterResume;
use fitted_core::protocol::{Request, Response};
use fitted_core::resume::{Basics, JsonResume};
use fitted_store::repo::{now, uuid_v4, Batch};
use fitted_store::schema;

use super::call;
use crate::state::Services;

/// The bundled example (a fictional person from the test fixtures).
pub const EXAMPLE: &str = include_str!("../../../tests/fixtures/resumes/mateo-lindqvist.json");

/// Build the stored record for a document: seed 000's derived fields and hash.
pub fn record_for(id: &str, user_id: &str, name: &str, doc: &JsonResume, is_active: bool, created_at: i64) -> MasterResume {
    let mut r = MasterResume {
        id: id.to_string(),
        user_id: user_id.to_string(),
        name: name.to_string(),
        content_hash: import::content_hash(doc),
        is_active,
        created_at,
        updated_at: now(),
        ..Default::default()
    };
    import::derive_master_fields(doc).apply_to(&mut r);
    r.document = doc.clone();
    r
}

/// Store a new master résumé (with its bullets and a BASE version); it becomes active when
/// it is the first one. Returns its id.
pub async fn create(s: &Services, name: &str, doc: JsonResume) -> Result<String, String> {
    let store = s.store_ready().await?;
    let existing = store.master_resumes(false).await.map_err(|e| e.user_message())?;
    let id = uuid_v4();
    let t = now();
    let mut record = record_for(&id, store.user_id(), name, &doc, existing.is_empty(), t);
    let bullets = import::master_resume_records(&id, &doc, t);
    let (base, chunks) = fitted_store::versions::base_version(&id, &doc, t);
    record.head_version_id = Some(base.id.clone());
    let mut b = Batch::new();
    let err = |e: fitted_store::StoreError| e.user_message();
    b.put(schema::MASTER_RESUMES, &record).map_err(err)?;
    for x in &bullets {
        b.put(schema::RESUME_BULLETS, x).map_err(err)?;
    }
    for c in &chunks {
        b.put(schema::VERSION_CHUNKS, c).map_err(err)?;
    }
    b.put(schema::RESUME_VERSIONS, &base).map_err(err)?;
    store.write(b).await.map_err(|e| e.user_message())?;
    if existing.is_empty() {
        let mut user = store.profile().await.map_err(|e| e.user_message())?;
        user.default_master_resume_id = Some(id.clone());
        store.save_profile(&user).await.map_err(|e| e.user_message())?;
    }
    Ok(id)
}

/// Import a file's or a paste's text (any format the engine reads); returns the new id and
/// any warnings to show.
pub async fn import_text(s: &Services, file_name: Option<String>, text: String) -> Result<(String, Vec<String>), String> {
    let resp = call(s, Request::ImportResume { file_name: file_name.clone(), text }).await?;
    let Response::Imported(imported) = resp else { return Err("Unexpected answer from the engine.".into()) };
    let doc = imported.document;
    let name = doc
        .basics
        .as_ref()
        .and_then(|b| b.name.clone())
        .filter(|n| !n.trim().is_empty())
        .map(|n| format!("{n} — master résumé"))
        .or(file_name)
        .unwrap_or_else(|| "Imported résumé".into());
    let warnings = imported.warnings.iter().map(|w| w.message.clone()).collect();
    let id = create(s, &name, doc).await?;
    Ok((id, warnings))
}

pub async fn create_blank(s: &Services) -> Result<String, String> {
    let doc = JsonResume {
        schema: Some(import::JSON_RESUME_SCHEMA_URL.to_string()),
        basics: Some(Basics { name: Some(String::new()), ..Default::default() }),
        work: Some(vec![]),
        ..Default::default()
    };
    create(s, "New résumé", doc).await
}

pub async fn create_example(s: &Services) -> Result<String, String> {
    let doc: JsonResume = serde_json::from_str(EXAMPLE).map_err(|e| e.to_string())?;
    create(s, "Example — Mateo Lindqvist (fictional)", doc).await
}

/// Save an edited document (and the bullets derived from it) in one transaction.
pub async fn save(s: &Services, record: &MasterResume, doc: &JsonResume) -> Result<MasterResume, String> {
    let store = s.store_ready().await?;
    let mut r = record_for(&record.id, &record.user_id, &record.name, doc, record.is_active, record.created_at);
    r.is_deleted = record.is_deleted;
    r.deleted_at = record.deleted_at;
    r.custom_latex_template = record.custom_latex_template.clone();
    let bullets = import::master_resume_records(&r.id, doc, now());
    // The stored record keeps its head version and locks, which this copy may not know.
    store.save_master_resume(&r, &bullets).await.map_err(|e| e.user_message())
}

/// Lock or unlock sections and bullets (see `fitted_core::versions::Locks`).
pub async fn set_locks(s: &Services, id: &str, locks: &fitted_core::versions::Locks) -> Result<(), String> {
    s.store_ready().await?.set_locks(id, locks).await.map_err(|e| e.user_message())
}

pub async fn rename(s: &Services, id: &str, name: &str) -> Result<(), String> {
    let store = s.store_ready().await?;
    let mut r: MasterResume = store
        .get(schema::MASTER_RESUMES, id)
        .await
        .map_err(|e| e.user_message())?
        .ok_or("That résumé no longer exists.")?;
    let name = name.trim();
    if name.is_empty() {
        return Err("A résumé needs a name.".into());
    }
    r.name = name.to_string();
    r.updated_at = now();
    store.put(schema::MASTER_RESUMES, &r).await.map_err(|e| e.user_message())
}

pub async fn get(s: &Services, id: &str) -> Result<MasterResume, String> {
    s.store_ready().await?
        .get(schema::MASTER_RESUMES, id)
        .await
        .map_err(|e| e.user_message())?
        .ok_or_else(|| "That résumé was not found; it may have been deleted.".to_string())
}

/// Export one résumé as a JSON Resume file.
pub fn export_json(doc: &JsonResume) -> String {
    import::export_json_resume(doc)
}
