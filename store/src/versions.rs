//! Résumé versions (seed 001): written once, never overwritten; documents stored as
//! content-addressed chunks ([`fitted_core::versions`]).

use wasm_bindgen::JsValue;

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;

use crate::error::{Result, StoreError};
use crate::repo::{commit, from_js, now, to_js, uuid_v4, with_active_key, Store};
use crate::schema;
use fitted_core::model::{MasterResume, ResumeSection, ResumeVersion, ResumeVersionType, VersionDiff};
use fitted_core::resume::JsonResume;
use fitted_core::versions::{self, VersionChunk};

/// What [`Store::commit_version`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct Committed {
    pub version: ResumeVersion,
    /// `false` when the document was the head's already: nothing was written.
    pub created: bool,
}

impl Store {
    /// Record `doc` as the newest version of résumé `project_id`: a new version whose parent
    /// is `parent` (the head when `None`), its new chunks, and the résumé's head moved to it.
    /// When `doc` is the head's content already, nothing is written and the head is returned
    /// (identical content is stored once).
    ///
    /// Reading the head and writing the new one happen in one read-write transaction, which
    /// IndexedDB runs alone over these stores: two commits at once (leaving the editor while
    /// a run starts, or two tabs) cannot both see the old head and write twins.
    pub async fn commit_version(
        &self,
        project_id: &str,
        doc: &JsonResume,
        version_type: ResumeVersionType,
        parent: Option<&str>,
        label: Option<String>,
    ) -> Result<Committed> {
        self.commit_inner(project_id, doc, version_type, parent, label, true).await
    }

    /// Record `doc` as a new version on a branch: a child of `parent` that does not become
    /// the résumé's head. An accepted AI proposal is one — tailored for one job, it must not
    /// replace the master résumé the user edits. Committing the parent's content again, or
    /// content a child of `parent` already has, writes nothing and returns that version.
    pub async fn commit_branch(
        &self,
        project_id: &str,
        doc: &JsonResume,
        version_type: ResumeVersionType,
        parent: &str,
        label: Option<String>,
    ) -> Result<Committed> {
        self.commit_inner(project_id, doc, version_type, Some(parent), label, false).await
    }

    async fn commit_inner(
        &self,
        project_id: &str,
        doc: &JsonResume,
        version_type: ResumeVersionType,
        parent: Option<&str>,
        label: Option<String>,
        move_head: bool,
    ) -> Result<Committed> {
        self.check_open()?;
        let hash = fitted_core::import::content_hash(doc);
        let (manifest, chunks) = versions::pack(doc);
        let tx = self
            .db
            .transaction([schema::MASTER_RESUMES, schema::RESUME_VERSIONS, schema::VERSION_CHUNKS, schema::RESUME_SECTIONS])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let masters = tx.object_store(schema::MASTER_RESUMES)?;
        let versions_store = tx.object_store(schema::RESUME_VERSIONS)?;
        let chunk_store = tx.object_store(schema::VERSION_CHUNKS)?;
        let section_store = tx.object_store(schema::RESUME_SECTIONS)?;
        let get = |v: Option<JsValue>| v.filter(|v| !v.is_undefined());
        let Some(master) = get(masters.get(JsValue::from_str(project_id)).primitive()?.await?) else {
            drop((masters, versions_store, chunk_store, section_store));
            tx.abort().await.ok();
            return Err(StoreError::NotFound { what: "That résumé".into() });
        };
        let mut record: MasterResume = from_js(master)?;
        let head: Option<ResumeVersion> = match &record.head_version_id {
            Some(id) => get(versions_store.get(JsValue::from_str(id)).primitive()?.await?).map(from_js).transpose()?,
            None => None,
        };
        if let Some(h) = head.as_ref().filter(|h| move_head && h.content_hash == hash && parent.is_none_or(|p| p == h.id)) {
            let h = h.clone();
            drop((masters, versions_store, chunk_store, section_store));
            tx.abort().await.ok();
            return Ok(Committed { version: h, created: false });
        }
        if let (false, Some(p)) = (move_head, parent) {
            // The parent itself, or a child of it, with this content already.
            let Some(pv) = get(versions_store.get(JsValue::from_str(p)).primitive()?.await?) else {
                drop((masters, versions_store, chunk_store, section_store));
                tx.abort().await.ok();
                return Err(StoreError::NotFound { what: "The version to branch from".into() });
            };
            let pv: ResumeVersion = from_js(pv)?;
            if pv.project_id != project_id {
                drop((masters, versions_store, chunk_store, section_store));
                tx.abort().await.ok();
                return Err(StoreError::NotFound { what: "The version to branch from (it belongs to another résumé)".into() });
            }
            let children: Vec<ResumeVersion> = versions_store
                .index("by_parent")?
                .get_all::<JsValue>()
                .with_query(JsValue::from_str(p))
                .primitive()?
                .await?
                .map(|v| v.map_err(StoreError::from).and_then(from_js))
                .collect::<Result<_>>()?;
            if let Some(same) = std::iter::once(pv).chain(children).find(|v| v.content_hash == hash) {
                drop((masters, versions_store, chunk_store, section_store));
                tx.abort().await.ok();
                return Ok(Committed { version: same, created: false });
            }
        }
        let mut version = versions::new_version(
            uuid_v4(),
            project_id,
            parent.map(str::to_string).or_else(|| head.as_ref().map(|h| h.id.clone())),
            version_type,
            hash,
            Some(manifest),
            now(),
        );
        version.label = label;
        if !move_head {
            version.status = versions::status(false, None);
        }
        // Chunks the head uses are stored already; the rest are written (again, if another
        // version has them: same id, same content).
        let known: std::collections::HashSet<&str> =
            head.as_ref().and_then(|h| h.manifest.as_ref()).map(|m| m.chunk_ids().collect()).unwrap_or_default();
        for c in chunks.iter().filter(|c| !known.contains(c.id.as_str())) {
            chunk_store.put(to_js(c)?).primitive()?.await?;
        }
        versions_store.put(to_js(&version)?).primitive()?.await?;
        // The old head is no longer the one in use: its status falls back to how its last
        // PDF went. Only status and time change; its content is never rewritten.
        if let Some(mut h) = head.filter(|_| move_head) {
            h.status = versions::status(false, h.compiled);
            h.updated_at = version.created_at;
            versions_store.put(to_js(&h)?).primitive()?.await?;
        }
        // Seed 001 `resumeSections`: the version's sections with the locks at this moment,
        // so whatever reads a version (the AI issue's prompts) knows what it may not touch.
        for (i, (t, _)) in versions::SECTIONS.iter().enumerate() {
            let section = ResumeSection {
                id: format!("{}-{}", version.id, i),
                version_id: version.id.clone(),
                section_type: *t,
                content: versions::section_content(doc, *t),
                is_locked: record.locks.section_locked(*t),
                order_index: i as u32,
                created_at: version.created_at,
                updated_at: version.created_at,
            };
            section_store.put(to_js(&section)?).primitive()?.await?;
        }
        if move_head {
            record.head_version_id = Some(version.id.clone());
            masters.put(with_active_key(to_js(&record)?)?).primitive()?.await?;
        }
        drop((masters, versions_store, chunk_store, section_store));
        commit(tx).await?;
        Ok(Committed { version, created: true })
    }

    /// Record how making a PDF from version `id` went, and set its status to match (see
    /// [`versions::status`]). Read and written in one transaction with the résumé's head, so
    /// a version cut at the same moment cannot leave two ACTIVE versions.
    pub async fn record_compile(&self, id: &str, ok: bool) -> Result<()> {
        self.check_open()?;
        let tx = self
            .db
            .transaction([schema::MASTER_RESUMES, schema::RESUME_VERSIONS])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let masters = tx.object_store(schema::MASTER_RESUMES)?;
        let versions_store = tx.object_store(schema::RESUME_VERSIONS)?;
        let get = |v: Option<JsValue>| v.filter(|v| !v.is_undefined());
        let Some(v) = get(versions_store.get(JsValue::from_str(id)).primitive()?.await?) else {
            drop((masters, versions_store));
            tx.abort().await.ok();
            return Err(StoreError::NotFound { what: "That résumé version".into() });
        };
        let mut v: ResumeVersion = from_js(v)?;
        let head = match get(masters.get(JsValue::from_str(&v.project_id)).primitive()?.await?) {
            Some(m) => from_js::<MasterResume>(m)?.head_version_id,
            None => None,
        };
        v.compiled = Some(ok);
        v.status = versions::status(head.as_deref() == Some(id), v.compiled);
        v.updated_at = now();
        versions_store.put(to_js(&v)?).primitive()?.await?;
        drop((masters, versions_store));
        commit(tx).await
    }

    /// The sections of a version (seed 001 `resumeSections`), in order, with their locks.
    pub async fn sections_of(&self, version_id: &str) -> Result<Vec<ResumeSection>> {
        let mut v: Vec<ResumeSection> =
            self.by_index(schema::RESUME_SECTIONS, "by_version", JsValue::from_str(version_id)).await?;
        v.sort_by_key(|s| s.order_index);
        Ok(v)
    }

    /// Every version of a résumé, oldest first. Reads manifests only, not documents.
    pub async fn versions_of(&self, project_id: &str) -> Result<Vec<ResumeVersion>> {
        let mut v: Vec<ResumeVersion> =
            self.by_index(schema::RESUME_VERSIONS, "by_project", JsValue::from_str(project_id)).await?;
        v.sort_by(|a, b| a.created_at.cmp(&b.created_at).then_with(|| a.id.cmp(&b.id)));
        Ok(v)
    }

    pub async fn version(&self, id: &str) -> Result<ResumeVersion> {
        self.get(schema::RESUME_VERSIONS, id)
            .await?
            .ok_or_else(|| StoreError::NotFound { what: "That résumé version".into() })
    }

    /// The document of a version, put together from its chunks.
    pub async fn version_document(&self, v: &ResumeVersion) -> Result<JsonResume> {
        if let Some(doc) = &v.document {
            return Ok(doc.clone());
        }
        let manifest = v.manifest.as_ref().ok_or_else(|| StoreError::Failed("this version has no stored document".into()))?;
        let mut found = std::collections::HashMap::new();
        for id in manifest.chunk_ids() {
            if !found.contains_key(id) {
                let c: Option<VersionChunk> = self.get(schema::VERSION_CHUNKS, id).await?;
                if let Some(c) = c {
                    found.insert(id.to_string(), c.json);
                }
            }
        }
        versions::unpack(manifest, |id| found.get(id).cloned()).map_err(|e| StoreError::Failed(e.to_string()))
    }

    /// Name a version. Only the label changes: content is never rewritten.
    pub async fn set_version_label(&self, id: &str, label: &str) -> Result<()> {
        let mut v = self.version(id).await?;
        let label = label.trim();
        v.label = (!label.is_empty()).then(|| label.to_string());
        v.updated_at = now();
        self.put(schema::RESUME_VERSIONS, &v).await
    }

    /// Keep a computed comparison (seed 001 `versionDiffs`); the same pair is stored once.
    pub async fn save_version_diff(&self, diff: &VersionDiff) -> Result<()> {
        self.put(schema::VERSION_DIFFS, diff).await
    }
}

/// The id a comparison of two versions is stored under.
pub fn diff_id(from: &str, to: &str) -> String {
    format!("{from}..{to}")
}

/// The first version of a new résumé (seed 001 BASE), to be written with the résumé.
pub fn base_version(project_id: &str, doc: &JsonResume, t: fitted_core::model::Millis) -> (ResumeVersion, Vec<VersionChunk>) {
    let (manifest, chunks) = versions::pack(doc);
    let v = versions::new_version(
        format!("{project_id}-base"),
        project_id,
        None,
        ResumeVersionType::Base,
        fitted_core::import::content_hash(doc),
        Some(manifest),
        t,
    );
    (v, chunks)
}
