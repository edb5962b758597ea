//! Backup and restore: every data store in one JSON file, and a merge of such a file into
//! this profile.
//!
//! Why a generic record-level format rather than typed records: a backup must survive schema
//! versions this build does not know field-by-field, and a restore must give back *exactly*
//! what was exported (export → wipe → import → export is identical), so records travel as
//! the JSON objects IndexedDB holds. Only two things are rewritten on the way out: the
//! derived `isActiveKey` index field (recomputed on write) and artifact bytes (base64, since
//! JSON has no bytes).
//!
//! The merge keeps what is already here: a record whose id exists locally is skipped, as is
//! one that would collide with a local record on a unique index (the same job pasted on both
//! devices); references to a skipped job are pointed at the local copy. A backup from another
//! profile is adopted as this profile when this one holds nothing yet, and otherwise its
//! records are moved onto this profile.

use std::collections::{BTreeMap, HashMap, HashSet};

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use crate::error::{Result, StoreError};
use crate::repo::{now, Batch, Store};
use crate::schema::{self, LATEST_VERSION};
use fitted_core::model::{GeneratedArtifact, Millis};

/// The `format` field of every backup file.
pub const FORMAT: &str = "fitted-backup";
/// Version of the file layout (not of the database schema).
pub const FORMAT_VERSION: u32 = 1;

/// A whole backup file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Backup {
    pub format: String,
    pub version: u32,
    pub exported_at: Millis,
    /// The database schema version the records were read at.
    pub schema_version: u32,
    pub includes_api_keys: bool,
    /// Store name → records sorted by id.
    pub stores: BTreeMap<String, Vec<Value>>,
}

/// What an import did, per store, for the summary shown to the user.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    /// Store → records added.
    pub added: BTreeMap<String, u32>,
    /// Store → records skipped because they were already here.
    pub skipped: BTreeMap<String, u32>,
    /// The backup's profile became this profile (it held nothing before).
    pub adopted_profile: bool,
}

impl ImportSummary {
    pub fn total_added(&self) -> u32 {
        self.added.values().sum()
    }
    pub fn total_skipped(&self) -> u32 {
        self.skipped.values().sum()
    }
}

/// Why a file cannot be restored. Messages say what to do.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum BackupError {
    #[error("This file is not valid JSON ({0}). Choose the .json file Fitted exported.")]
    NotJson(String),
    #[error("This file is not a Fitted backup (no \"format\": \"fitted-backup\"). Choose the file Fitted exported from Settings.")]
    NotABackup,
    #[error("This backup was made by a newer Fitted (file format {0}, schema {1}). Update Fitted (reload the page) and try again.")]
    TooNew(u32, u32),
    #[error("The backup's {store} record #{index} is damaged: {reason}. Nothing was imported.")]
    BadRecord { store: String, index: usize, reason: String },
}

impl From<BackupError> for StoreError {
    fn from(e: BackupError) -> Self {
        StoreError::Failed(e.to_string())
    }
}

/// Parse and check a backup file before anything is written.
pub fn parse(text: &str) -> std::result::Result<Backup, BackupError> {
    let v: Value = serde_json::from_str(text).map_err(|e| BackupError::NotJson(e.to_string()))?;
    if v.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(BackupError::NotABackup);
    }
    let b: Backup = serde_json::from_value(v).map_err(|e| BackupError::NotJson(e.to_string()))?;
    if b.version > FORMAT_VERSION || b.schema_version > LATEST_VERSION {
        return Err(BackupError::TooNew(b.version, b.schema_version));
    }
    for (store, rows) in &b.stores {
        for (index, r) in rows.iter().enumerate() {
            let bad = |reason: &str| BackupError::BadRecord { store: store.clone(), index, reason: reason.into() };
            let obj = r.as_object().ok_or_else(|| bad("not an object"))?;
            if obj.get("id").and_then(Value::as_str).is_none_or(str::is_empty) {
                return Err(bad("no id"));
            }
            if store == schema::GENERATED_ARTIFACTS {
                let data = obj.get("data").and_then(Value::as_str).ok_or_else(|| bad("no data"))?;
                base64::engine::general_purpose::STANDARD.decode(data).map_err(|_| bad("data is not base64"))?;
            }
        }
    }
    Ok(b)
}

fn id_of(v: &Value) -> &str {
    v.get("id").and_then(Value::as_str).unwrap_or("")
}

/// The value of a unique index for a record, if it has every field of the key path.
fn index_key(v: &Value, key_path: &[&str]) -> Option<String> {
    let parts: Option<Vec<String>> = key_path.iter().map(|f| v.get(*f).filter(|x| !x.is_null()).map(Value::to_string)).collect();
    parts.map(|p| p.join("\u{1f}"))
}

fn artifact_to_value(a: &GeneratedArtifact) -> Result<Value> {
    let mut v = serde_json::to_value(a).map_err(|e| StoreError::Failed(format!("could not encode an artifact: {e}")))?;
    v["data"] = Value::String(base64::engine::general_purpose::STANDARD.encode(&a.data));
    Ok(v)
}

fn value_to_artifact(v: &Value) -> Result<GeneratedArtifact> {
    let mut v = v.clone();
    let data = v.get("data").and_then(Value::as_str).unwrap_or_default();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|_| StoreError::Failed("an artifact's data is not base64".into()))?;
    v["data"] = Value::Array(vec![]);
    let mut a: GeneratedArtifact =
        serde_json::from_value(v).map_err(|e| StoreError::Failed(format!("an artifact in the backup is damaged: {e}")))?;
    a.data = bytes;
    Ok(a)
}

impl Store {
    /// Every record of one store as JSON, sorted by id, index-only fields removed.
    async fn dump(&self, store: &str) -> Result<Vec<Value>> {
        let mut rows: Vec<Value> = if store == schema::GENERATED_ARTIFACTS {
            let arts: Vec<GeneratedArtifact> = self.all(store).await?;
            arts.iter().map(artifact_to_value).collect::<Result<_>>()?
        } else {
            self.all::<Value>(store).await?
        };
        for r in &mut rows {
            if let Some(o) = r.as_object_mut() {
                o.remove(schema::IS_ACTIVE_KEY);
            }
        }
        rows.sort_by(|a, b| id_of(a).cmp(id_of(b)));
        Ok(rows)
    }

    /// Local records of one store for matching ids and unique keys during an import: as
    /// [`Self::dump`] but without artifact bytes, which matching never reads (a profile with
    /// hundreds of PDFs would otherwise base64-encode all of them on every restore).
    async fn existing(&self, store: &str) -> Result<Vec<Value>> {
        if store != schema::GENERATED_ARTIFACTS {
            return self.dump(store).await;
        }
        let arts: Vec<GeneratedArtifact> = self.all(store).await?;
        arts.into_iter()
            .map(|a| {
                serde_json::to_value(GeneratedArtifact { data: Vec::new(), ..a })
                    .map_err(|e| StoreError::Failed(format!("could not read an artifact: {e}")))
            })
            .collect()
    }

    /// Everything this device holds, as one backup. API keys only when asked.
    pub async fn export_backup(&self, include_api_keys: bool) -> Result<Backup> {
        let mut stores = BTreeMap::new();
        for name in schema::data_store_names() {
            if name == schema::API_KEYS && !include_api_keys {
                continue;
            }
            stores.insert(name.to_string(), self.dump(name).await?);
        }
        Ok(Backup {
            format: FORMAT.into(),
            version: FORMAT_VERSION,
            exported_at: now(),
            schema_version: self.schema_version(),
            includes_api_keys: include_api_keys,
            stores,
        })
    }

    /// Does this profile hold anything a user made (résumés, jobs, runs)?
    async fn holds_user_data(&self) -> Result<bool> {
        for s in [schema::MASTER_RESUMES, schema::JOBS, schema::RUNS, schema::APPLICATION_TRACKING] {
            if self.count(s).await? > 0 {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Merge a backup into this profile in one transaction: all of it lands or none of it.
    /// The caller reopens the store afterwards when `adopted_profile` (the profile id changed).
    pub async fn import_backup(&self, backup: &Backup) -> Result<ImportSummary> {
        let mut summary = ImportSummary::default();
        let local_user = self.user_id().to_string();
        let backup_user = backup
            .stores
            .get(schema::USERS)
            .and_then(|u| u.iter().min_by_key(|r| r.get("createdAt").and_then(Value::as_i64).unwrap_or(i64::MAX)))
            .map(|u| id_of(u).to_string());
        let adopt = match &backup_user {
            Some(b) if *b != local_user => !self.holds_user_data().await?,
            _ => false,
        };
        // userId values in the backup that must become the local profile's.
        let remap_user: Option<String> = match (&backup_user, adopt) {
            (Some(b), false) if *b != local_user => Some(b.clone()),
            _ => None,
        };
        let local_has_active = self.active_master_resume().await?.is_some();

        let mut batch = Batch::new();
        let mut job_remap: HashMap<String, String> = HashMap::new();
        // Stores in schema order, so jobs (and their remapping) come before what refers to them.
        for name in schema::data_store_names() {
            let Some(rows) = backup.stores.get(name) else { continue };
            let def = schema::store_def(name);
            let local = self.existing(name).await?;
            let local_ids: HashSet<&str> = local.iter().map(id_of).collect();
            let uniques: Vec<&[&str]> =
                def.map(|d| d.indexes.iter().filter(|i| i.unique).map(|i| i.key_path).collect()).unwrap_or_default();
            let mut local_keys: Vec<HashMap<String, String>> = uniques
                .iter()
                .map(|kp| local.iter().filter_map(|r| index_key(r, kp).map(|k| (k, id_of(r).to_string()))).collect())
                .collect();
            let (mut added, mut skipped) = (0u32, 0u32);
            for row in rows {
                let mut r = row.clone();
                let Some(obj) = r.as_object_mut() else { continue };
                obj.remove(schema::IS_ACTIVE_KEY);
                if name == schema::USERS {
                    if adopt && backup_user.as_deref() == Some(id_of(row)) {
                        batch.delete(schema::USERS, local_user.clone());
                        batch.put(name, &r)?;
                        summary.adopted_profile = true;
                        added += 1;
                    } else {
                        skipped += 1;
                    }
                    continue;
                }
                rewrite_refs(obj, remap_user.as_deref(), &local_user, &job_remap);
                if name == schema::MASTER_RESUMES && local_has_active {
                    obj.insert("isActive".into(), Value::Bool(false));
                }
                let id = id_of(&r).to_string();
                if local_ids.contains(id.as_str()) {
                    skipped += 1;
                    continue;
                }
                let clash = uniques
                    .iter()
                    .zip(&local_keys)
                    .find_map(|(kp, keys)| index_key(&r, kp).and_then(|k| keys.get(&k).cloned()));
                if let Some(existing) = clash {
                    if name == schema::JOBS {
                        job_remap.insert(id, existing);
                    }
                    skipped += 1;
                    continue;
                }
                for (kp, keys) in uniques.iter().zip(local_keys.iter_mut()) {
                    if let Some(k) = index_key(&r, kp) {
                        keys.insert(k, id.clone());
                    }
                }
                if name == schema::GENERATED_ARTIFACTS {
                    batch.put(schema::GENERATED_ARTIFACTS, &value_to_artifact(&r)?)?;
                } else {
                    batch.put(name, &r)?;
                }
                added += 1;
            }
            if added > 0 {
                summary.added.insert(name.to_string(), added);
            }
            if skipped > 0 {
                summary.skipped.insert(name.to_string(), skipped);
            }
        }
        self.write(batch).await?;
        Ok(summary)
    }
}

/// Point a record's references at this profile and at local copies of skipped jobs.
fn rewrite_refs(obj: &mut Map<String, Value>, from_user: Option<&str>, to_user: &str, jobs: &HashMap<String, String>) {
    if let (Some(from), Some(Value::String(u))) = (from_user, obj.get_mut("userId")) {
        if u == from {
            *u = to_user.to_string();
        }
    }
    if let Some(Value::String(j)) = obj.get_mut("jobId") {
        if let Some(to) = jobs.get(j.as_str()) {
            *j = to.clone();
        }
    }
}
