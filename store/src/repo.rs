//! Typed repository functions over the object stores.

use std::cell::Cell;
use std::rc::Rc;

use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::error::{Result, StoreError};
use crate::migrate::{self, EventSink};
use crate::schema::{self, LATEST_VERSION};
use fitted_core::model::{
    ApplicationTracking, CompanyPref, GeneratedArtifact, Job, JobCard, JobFitScore, MasterResume, Millis, ResumeBullet, Run, TargetRole, User,
};

/// Records cross into JS as plain objects (maps as objects, `None` omitted or null) so
/// IndexedDB key paths can reach their fields. Bytes (artifact files) are stored as
/// `Uint8Array`s; records written before as arrays of numbers still read back (the
/// deserialiser accepts both).
pub(crate) fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible().serialize_bytes_as_arrays(false))
        .map_err(|e| StoreError::Failed(format!("could not encode the record: {e}")))
}

pub(crate) fn from_js<T: DeserializeOwned>(v: JsValue) -> Result<T> {
    Ok(serde_wasm_bindgen::from_value(v)?)
}

pub fn now() -> Millis {
    js_sys::Date::now() as Millis
}

/// Commit and, if the browser aborted the transaction instead, recover *why* (quota
/// errors arrive as a bare abort) from the raw transaction.
pub(crate) async fn commit(tx: Transaction<'_>) -> Result<()> {
    let raw = web_sys::IdbTransaction::clone(tx.as_sys());
    match tx.commit().await {
        Ok(()) => Ok(()),
        Err(e) => {
            if let Some(dom) = raw.error() {
                return Err(match dom.name().as_str() {
                    "QuotaExceededError" => StoreError::QuotaExceeded,
                    "ConstraintError" => StoreError::Failed("a record with the same unique key already exists".into()),
                    name => StoreError::Failed(format!("{name}: {}", dom.message())),
                });
            }
            Err(e.into())
        }
    }
}

/// One write in a [`Batch`].
enum Op {
    Put(&'static str, JsValue),
    Delete(&'static str, String),
}

/// Several writes that commit together or not at all.
#[derive(Default)]
pub struct Batch {
    ops: Vec<Op>,
}

impl Batch {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn put<T: Serialize>(&mut self, store: &'static str, record: &T) -> Result<&mut Self> {
        let mut value = to_js(record)?;
        if store == schema::MASTER_RESUMES {
            value = with_active_key(value)?;
        }
        self.ops.push(Op::Put(store, value));
        self.drop_job_cards_if(store);
        Ok(self)
    }
    pub fn delete(&mut self, store: &'static str, id: impl Into<String>) -> &mut Self {
        self.ops.push(Op::Delete(store, id.into()));
        self.drop_job_cards_if(store);
        self
    }
    /// Any write to `jobs` drops the cached job cards in the same transaction, so the
    /// cache never outlives what it was made from (`Store::job_cards` makes it again).
    fn drop_job_cards_if(&mut self, store: &str) {
        if store == schema::JOBS && !self.ops.iter().any(|op| matches!(op, Op::Delete(s, id) if *s == schema::META && id == JOB_CARDS_KEY)) {
            self.ops.push(Op::Delete(schema::META, JOB_CARDS_KEY.into()));
        }
    }
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }
    fn stores(&self) -> Vec<&'static str> {
        let mut s: Vec<&'static str> = self
            .ops
            .iter()
            .map(|op| match op {
                Op::Put(s, _) | Op::Delete(s, _) => *s,
            })
            .collect();
        s.sort_unstable();
        s.dedup();
        s
    }
}

/// The `meta` record holding the job cards (`Store::job_cards`).
pub const JOB_CARDS_KEY: &str = "jobCards";

/// The cached job cards of one profile, as one JSON text: one read and one parse open a
/// list of thousands of jobs, where reading every job record takes about a second.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct CardsRecord {
    id: String,
    user_id: String,
    json: String,
}

pub(crate) fn with_active_key(value: JsValue) -> Result<JsValue> {
    let active = js_sys::Reflect::get(&value, &"isActive".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false);
    js_sys::Reflect::set(&value, &schema::IS_ACTIVE_KEY.into(), &JsValue::from_f64(if active { 1.0 } else { 0.0 }))
        .map_err(|_| StoreError::Failed("could not index the résumé".into()))?;
    Ok(value)
}

/// A compound index key from its parts.
pub fn key<I: IntoIterator<Item = JsValue>>(parts: I) -> JsValue {
    let arr = js_sys::Array::new();
    for p in parts {
        arr.push(&p);
    }
    arr.into()
}

/// An open connection plus the local profile's id.
#[derive(Clone)]
pub struct Store {
    pub(crate) db: Database,
    closed: Rc<Cell<bool>>,
    user_id: String,
}

impl Store {
    /// Open (creating or upgrading) the database at the latest schema version.
    pub async fn open(name: &str, events: EventSink) -> Result<Store> {
        Self::open_at(name, LATEST_VERSION, events).await
    }

    /// Open at a given schema version: production always uses the latest; tests use older
    /// versions to prove that upgrading keeps every record.
    pub async fn open_at(name: &str, version: u32, events: EventSink) -> Result<Store> {
        let opened = migrate::open(name, version, events).await?;
        let mut store = Store { db: opened.db, closed: opened.closed, user_id: String::new() };
        store.user_id = store.ensure_profile().await?.id;
        Ok(store)
    }

    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    pub fn schema_version(&self) -> u32 {
        self.db.version() as u32
    }

    pub fn close(self) {
        self.closed.set(true);
        self.db.close();
    }

    /// Delete a whole database (tests, and "erase everything" in Settings). Close every
    /// connection to it first or this waits.
    pub async fn delete_database(name: &str) -> Result<()> {
        Database::delete_by_name(name)?.await?;
        Ok(())
    }

    /// Object store names, sorted (diagnostics and tests).
    pub fn store_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.db.object_store_names().collect();
        v.sort();
        v
    }

    /// Index names of one store, sorted.
    pub fn index_names(&self, store: &str) -> Result<Vec<String>> {
        self.check_open()?;
        let tx = self.db.transaction(store).build()?;
        let mut v: Vec<String> = tx.object_store(store)?.index_names().collect();
        v.sort();
        Ok(v)
    }

    pub async fn data_version(&self) -> Result<u32> {
        self.check_open()?;
        migrate::data_version(&self.db).await
    }

    pub(crate) fn check_open(&self) -> Result<()> {
        if self.closed.get() {
            Err(StoreError::VersionChanged)
        } else {
            Ok(())
        }
    }

    // ─────────── generic operations ───────────

    /// Apply a batch in one transaction.
    pub async fn write(&self, batch: Batch) -> Result<()> {
        self.check_open()?;
        if batch.is_empty() {
            return Ok(());
        }
        let tx = self.db.transaction(batch.stores()).with_mode(TransactionMode::Readwrite).build()?;
        for op in batch.ops {
            match op {
                Op::Put(s, v) => tx.object_store(s)?.put(v).primitive()?.await?,
                Op::Delete(s, id) => tx.object_store(s)?.delete(JsValue::from_str(&id)).primitive()?.await?,
            }
        }
        commit(tx).await
    }

    pub async fn put<T: Serialize>(&self, store: &'static str, record: &T) -> Result<()> {
        let mut b = Batch::new();
        b.put(store, record)?;
        self.write(b).await
    }

    pub async fn get<T: DeserializeOwned>(&self, store: &str, id: &str) -> Result<Option<T>> {
        self.check_open()?;
        let tx = self.db.transaction(store).build()?;
        let v: Option<JsValue> = tx.object_store(store)?.get(JsValue::from_str(id)).primitive()?.await?;
        match v {
            Some(v) if !v.is_undefined() => Ok(Some(from_js(v)?)),
            _ => Ok(None),
        }
    }

    pub async fn all<T: DeserializeOwned>(&self, store: &str) -> Result<Vec<T>> {
        self.check_open()?;
        let tx = self.db.transaction(store).build()?;
        let rows = tx.object_store(store)?.get_all::<JsValue>().primitive()?.await?;
        rows.map(|r| from_js(r?)).collect()
    }

    /// All records whose `index` equals `key` (a string or a [`key`] array).
    pub async fn by_index<T: DeserializeOwned>(&self, store: &str, index: &str, key: JsValue) -> Result<Vec<T>> {
        self.check_open()?;
        let tx = self.db.transaction(store).build()?;
        let rows = tx.object_store(store)?.index(index)?.get_all::<JsValue>().with_query(key).primitive()?.await?;
        rows.map(|r| from_js(r?)).collect()
    }

    pub async fn count(&self, store: &str) -> Result<u32> {
        self.check_open()?;
        let tx = self.db.transaction(store).build()?;
        Ok(tx.object_store(store)?.count().primitive()?.await?)
    }

    pub async fn delete(&self, store: &'static str, id: &str) -> Result<()> {
        let mut b = Batch::new();
        b.delete(store, id);
        self.write(b).await
    }

    // ─────────── profile ───────────

    /// The one local profile (seed 000 `users`), created on first open.
    async fn ensure_profile(&self) -> Result<User> {
        let users: Vec<User> = self.all(schema::USERS).await?;
        if let Some(u) = users.into_iter().min_by_key(|u| u.created_at) {
            return Ok(u);
        }
        let t = now();
        let user = User { id: uuid_v4(), created_at: t, updated_at: t, ..User::default() };
        self.put(schema::USERS, &user).await?;
        Ok(user)
    }

    pub async fn profile(&self) -> Result<User> {
        self.get(schema::USERS, &self.user_id)
            .await?
            .ok_or_else(|| StoreError::NotFound { what: "Your profile".into() })
    }

    pub async fn save_profile(&self, user: &User) -> Result<()> {
        let mut u = user.clone();
        u.updated_at = now();
        self.put(schema::USERS, &u).await
    }

    // ─────────── master résumés ───────────

    /// Save a master résumé and replace its bullets, in one transaction; returns the record
    /// as stored.
    ///
    /// The résumé's head version and locks are kept as stored: only [`Store::commit_version`]
    /// moves the head and only [`Store::set_locks`] changes locks (the caller's copy of the
    /// record may predate either). An edit to locked content is refused
    /// ([`StoreError::Locked`]) and nothing is written.
    pub async fn save_master_resume(&self, resume: &MasterResume, bullets: &[ResumeBullet]) -> Result<MasterResume> {
        let old: Vec<ResumeBullet> =
            self.by_index(schema::RESUME_BULLETS, "by_resume", JsValue::from_str(&resume.id)).await?;
        let stored: Option<MasterResume> = self.get(schema::MASTER_RESUMES, &resume.id).await?;
        let mut resume = resume.clone();
        if let Some(s) = stored {
            // Locked content is checked here, where every writer passes, not trusted to the UI.
            let refused = fitted_core::versions::lock_violations(&s.document, &resume.document, &s.locks);
            if !refused.is_empty() {
                return Err(StoreError::Locked(refused.join(" ")));
            }
            resume.head_version_id = s.head_version_id;
            resume.locks = s.locks;
        }
        let mut b = Batch::new();
        b.put(schema::MASTER_RESUMES, &resume)?;
        for o in old.iter().filter(|o| !bullets.iter().any(|n| n.id == o.id)) {
            b.delete(schema::RESUME_BULLETS, o.id.clone());
        }
        for n in bullets {
            b.put(schema::RESUME_BULLETS, n)?;
        }
        self.write(b).await?;
        Ok(resume)
    }

    /// Lock or unlock sections and bullets of a résumé.
    pub async fn set_locks(&self, id: &str, locks: &fitted_core::versions::Locks) -> Result<()> {
        let mut r: MasterResume =
            self.get(schema::MASTER_RESUMES, id).await?.ok_or_else(|| StoreError::NotFound { what: "That résumé".into() })?;
        r.locks = locks.clone();
        r.updated_at = now();
        self.put(schema::MASTER_RESUMES, &r).await
    }

    /// Master résumés of this profile, deleted ones included only when asked.
    pub async fn master_resumes(&self, include_deleted: bool) -> Result<Vec<MasterResume>> {
        let mut v: Vec<MasterResume> =
            self.by_index(schema::MASTER_RESUMES, "by_user", JsValue::from_str(&self.user_id)).await?;
        v.retain(|r| include_deleted || r.is_deleted != Some(true));
        v.sort_by_key(|r| std::cmp::Reverse(r.updated_at));
        Ok(v)
    }

    /// The active résumé, via the seed's `by_user_active` index.
    pub async fn active_master_resume(&self) -> Result<Option<MasterResume>> {
        let k = key([JsValue::from_str(&self.user_id), JsValue::from_f64(1.0)]);
        let v: Vec<MasterResume> = self.by_index(schema::MASTER_RESUMES, "by_user_active", k).await?;
        Ok(v.into_iter().find(|r| r.is_deleted != Some(true)))
    }

    /// Make `id` the one active résumé.
    pub async fn set_active_resume(&self, id: &str) -> Result<()> {
        let all = self.master_resumes(true).await?;
        if !all.iter().any(|r| r.id == id) {
            return Err(StoreError::NotFound { what: "That résumé".into() });
        }
        let mut b = Batch::new();
        for mut r in all {
            let active = r.id == id;
            if r.is_active != active {
                r.is_active = active;
                b.put(schema::MASTER_RESUMES, &r)?;
            }
        }
        let mut user = self.profile().await?;
        user.default_master_resume_id = Some(id.to_string());
        user.updated_at = now();
        b.put(schema::USERS, &user)?;
        self.write(b).await
    }

    /// Soft delete (seed 000 `isDeleted`/`deletedAt`); [`Self::restore_master_resume`] undoes it.
    pub async fn soft_delete_master_resume(&self, id: &str) -> Result<()> {
        self.set_resume_deleted(id, true).await
    }

    pub async fn restore_master_resume(&self, id: &str) -> Result<()> {
        self.set_resume_deleted(id, false).await
    }

    async fn set_resume_deleted(&self, id: &str, deleted: bool) -> Result<()> {
        let mut r: MasterResume = self
            .get(schema::MASTER_RESUMES, id)
            .await?
            .ok_or_else(|| StoreError::NotFound { what: "That résumé".into() })?;
        let t = now();
        r.is_deleted = Some(deleted);
        r.deleted_at = if deleted { Some(t) } else { None };
        if deleted {
            r.is_active = false;
        }
        r.updated_at = t;
        self.put(schema::MASTER_RESUMES, &r).await
    }

    pub async fn bullets_of(&self, master_resume_id: &str) -> Result<Vec<ResumeBullet>> {
        let mut v: Vec<ResumeBullet> =
            self.by_index(schema::RESUME_BULLETS, "by_resume", JsValue::from_str(master_resume_id)).await?;
        v.sort_by(|a, b| a.source_path.cmp(&b.source_path).then(a.order.cmp(&b.order)));
        Ok(v)
    }

    // ─────────── jobs ───────────

    /// Add a job unless this profile already has one with the same `descriptionHash` (seed
    /// 000's uniqueness guard); then the existing job's id comes back in
    /// [`StoreError::Duplicate`] so the UI can take the user there. Check and insert share
    /// one transaction, and the unique index backs it up across tabs.
    pub async fn add_job(&self, job: &Job) -> Result<()> {
        self.add_jobs(std::slice::from_ref(job)).await
    }

    /// Adds jobs in one transaction (one pasted, or a bulk import). Each description is checked
    /// against the saved jobs and the rest of the batch: any duplicate refuses the whole
    /// batch (nothing is written) and names the first one — the caller drops duplicates
    /// first, so this is the backstop against another tab saving one meanwhile.
    pub async fn add_jobs(&self, jobs: &[Job]) -> Result<()> {
        self.check_open()?;
        for (i, j) in jobs.iter().enumerate() {
            if jobs[..i].iter().any(|x| x.description_hash == j.description_hash) {
                return Err(StoreError::Duplicate { what: format!("The description of “{}” (twice in this import)", j.title), existing_id: String::new() });
            }
        }
        let tx = self.db.transaction([schema::JOBS, schema::META]).with_mode(TransactionMode::Readwrite).build()?;
        tx.object_store(schema::META)?.delete(JsValue::from_str(JOB_CARDS_KEY)).primitive()?.await?;
        let store = tx.object_store(schema::JOBS)?;
        for j in jobs {
            let mut job = j.clone();
            job.user_id = self.user_id.clone();
            let k = key([JsValue::from_str(&job.user_id), JsValue::from_str(&job.description_hash)]);
            let existing: Option<JsValue> = store.index("by_user_hash")?.get(k).primitive()?.await?;
            if let Some(v) = existing.filter(|v| !v.is_undefined()) {
                let found: Job = from_js(v)?;
                drop(store);
                tx.abort().await.ok();
                return Err(StoreError::Duplicate { what: format!("The description of “{}” (saved as “{}”)", j.title, found.title), existing_id: found.id });
            }
            store.put(to_js(&job)?).primitive()?.await.map_err(|e| {
                // Another tab saved the same description between the check and the put.
                if matches!(e, indexed_db_futures::error::Error::DomException(indexed_db_futures::error::DomException::ConstraintError(_))) {
                    StoreError::Duplicate { what: format!("The description of “{}”", j.title), existing_id: String::new() }
                } else {
                    e.into()
                }
            })?;
        }
        drop(store);
        commit(tx).await
    }

    pub async fn update_job(&self, job: &Job) -> Result<()> {
        let mut j = job.clone();
        j.updated_at = now();
        self.put(schema::JOBS, &j).await
    }

    pub async fn jobs(&self, include_deleted: bool) -> Result<Vec<Job>> {
        let mut v: Vec<Job> = self.by_index(schema::JOBS, "by_user", JsValue::from_str(&self.user_id)).await?;
        v.retain(|j| include_deleted || j.is_deleted != Some(true));
        v.sort_by_key(|r| std::cmp::Reverse(r.created_at));
        Ok(v)
    }

    /// What the Jobs list shows of every job of this profile (deleted ones too), newest
    /// first: from the cached cards when they are there, otherwise made from the jobs and
    /// cached, in one transaction (so a job saved meanwhile by another tab either is in
    /// them or drops them).
    pub async fn job_cards(&self) -> Result<Vec<JobCard>> {
        self.check_open()?;
        let tx = self.db.transaction(schema::META).build()?;
        let cached: Option<JsValue> = tx.object_store(schema::META)?.get(JsValue::from_str(JOB_CARDS_KEY)).primitive()?.await?;
        drop(tx);
        if let Some(v) = cached.filter(|v| !v.is_undefined()) {
            let rec: CardsRecord = from_js(v)?;
            if rec.user_id == self.user_id {
                if let Ok(cards) = serde_json::from_str::<Vec<JobCard>>(&rec.json) {
                    return Ok(cards);
                }
            }
        }
        let tx = self.db.transaction([schema::JOBS, schema::META]).with_mode(TransactionMode::Readwrite).build()?;
        let rows = tx.object_store(schema::JOBS)?.index("by_user")?.get_all::<JsValue>().with_query(JsValue::from_str(&self.user_id)).primitive()?.await?;
        let mut cards: Vec<JobCard> = Vec::new();
        for r in rows {
            let job: Job = from_js(r?)?;
            cards.push(JobCard::from(&job));
        }
        cards.sort_by_key(|c| std::cmp::Reverse(c.created_at));
        // The cache is derived data: when it cannot be written (a full disk), the list is
        // still right, only slower to open next time.
        let cached = async {
            let json = serde_json::to_string(&cards).map_err(|e| StoreError::Failed(format!("could not cache the job list: {e}")))?;
            tx.object_store(schema::META)?
                .put(to_js(&CardsRecord { id: JOB_CARDS_KEY.into(), user_id: self.user_id.clone(), json })?)
                .primitive()?
                .await?;
            commit(tx).await
        };
        let _ = cached.await;
        Ok(cards)
    }

    /// The jobs with these ids (those that exist), in one read: the posting texts a list of
    /// cards needs now and then (search, scoring postings the engine has not read).
    pub async fn jobs_by_id(&self, ids: &[String]) -> Result<Vec<Job>> {
        if ids.len() > 64 {
            // Many: one read of them all beats one request each.
            let wanted: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
            let mut all = self.jobs(true).await?;
            all.retain(|j| wanted.contains(j.id.as_str()));
            return Ok(all);
        }
        let mut out = Vec::new();
        for id in ids {
            if let Some(j) = self.get::<Job>(schema::JOBS, id).await? {
                out.push(j);
            }
        }
        Ok(out)
    }

    pub async fn set_job_deleted(&self, id: &str, deleted: bool) -> Result<()> {
        let mut j: Job =
            self.get(schema::JOBS, id).await?.ok_or_else(|| StoreError::NotFound { what: "That job".into() })?;
        let t = now();
        j.is_deleted = Some(deleted);
        j.deleted_at = if deleted { Some(t) } else { None };
        j.updated_at = t;
        self.put(schema::JOBS, &j).await
    }

    // ─────────── job fit (seed 004) ───────────

    /// Every stored fit score of one résumé, fresh or not (`fitted_core::rank::is_fresh`
    /// decides which still hold).
    pub async fn fit_scores(&self, master_resume_id: &str) -> Result<Vec<JobFitScore>> {
        let mut v: Vec<JobFitScore> = self.by_index(schema::JOB_FIT_SCORES, "by_user", JsValue::from_str(&self.user_id)).await?;
        v.retain(|s| s.master_resume_id == master_resume_id);
        Ok(v)
    }

    /// Stores one scoring pass (each score replacing that job's earlier one) in a single
    /// transaction with the check that their résumé still exists: scores for a résumé
    /// deleted while the worker was scoring are refused, and nothing is written.
    pub async fn save_fit_scores(&self, master_resume_id: &str, scores: &[JobFitScore]) -> Result<()> {
        self.check_open()?;
        if scores.iter().any(|s| s.master_resume_id != master_resume_id) {
            return Err(StoreError::Failed("scores of another résumé were mixed into this pass".into()));
        }
        let tx = self.db.transaction([schema::MASTER_RESUMES, schema::JOB_FIT_SCORES]).with_mode(TransactionMode::Readwrite).build()?;
        let resumes = tx.object_store(schema::MASTER_RESUMES)?;
        let found: Option<JsValue> = resumes.get(JsValue::from_str(master_resume_id)).primitive()?.await?;
        let live = match found.filter(|v| !v.is_undefined()) {
            Some(v) => from_js::<MasterResume>(v)?.is_deleted != Some(true),
            None => false,
        };
        drop(resumes);
        if !live {
            tx.abort().await.ok();
            return Err(StoreError::NotFound { what: "The résumé these fit scores are for".into() });
        }
        let store = tx.object_store(schema::JOB_FIT_SCORES)?;
        for s in scores {
            store.put(to_js(s)?).primitive()?.await?;
        }
        drop(store);
        commit(tx).await
    }

    /// The user's dream and blacklisted companies (seed 004 `user_company_prefs`).
    pub async fn company_prefs(&self) -> Result<Vec<CompanyPref>> {
        let mut v: Vec<CompanyPref> = self.by_index(schema::COMPANY_PREFS, "by_user", JsValue::from_str(&self.user_id)).await?;
        v.sort_by(|a, b| a.company.to_lowercase().cmp(&b.company.to_lowercase()));
        Ok(v)
    }

    /// The user's target roles (seed 004 `user_target_roles`), oldest first.
    pub async fn target_roles(&self) -> Result<Vec<TargetRole>> {
        let mut v: Vec<TargetRole> = self.by_index(schema::TARGET_ROLES, "by_user", JsValue::from_str(&self.user_id)).await?;
        v.sort_by_key(|r| r.created_at);
        Ok(v)
    }

    /// Replaces the user's company preferences and target roles together, in one write.
    /// Refused, with nothing changed: a company with no name, one company listed twice
    /// (however spelled: dream and blacklisted at once), more than
    /// `fitted_core::board::MAX_TARGET_ROLES` roles.
    pub async fn save_board_prefs(&self, prefs: &[CompanyPref], roles: &[TargetRole]) -> Result<()> {
        let key = |p: &CompanyPref| fitted_core::board::company_key(&p.company);
        for (i, p) in prefs.iter().enumerate() {
            if key(p).is_empty() {
                return Err(StoreError::Failed("a company preference has no company name".into()));
            }
            if let Some(q) = prefs[..i].iter().find(|q| key(q) == key(p)) {
                return Err(StoreError::Duplicate { what: format!("“{}” (the same company as “{}”)", p.company, q.company), existing_id: String::new() });
            }
        }
        if roles.len() > fitted_core::board::MAX_TARGET_ROLES {
            return Err(StoreError::Failed(format!(
                "{} target roles given; keep at most {}",
                roles.len(),
                fitted_core::board::MAX_TARGET_ROLES
            )));
        }
        let (old_prefs, old_roles) = (self.company_prefs().await?, self.target_roles().await?);
        let mut b = Batch::new();
        for o in &old_prefs {
            b.delete(schema::COMPANY_PREFS, o.id.clone());
        }
        for o in &old_roles {
            b.delete(schema::TARGET_ROLES, o.id.clone());
        }
        for p in prefs {
            b.put(schema::COMPANY_PREFS, p)?;
        }
        for r in roles {
            b.put(schema::TARGET_ROLES, r)?;
        }
        self.write(b).await
    }

    // ─────────── runs ───────────

    /// Insert a new run; `runId` must be unique (seed 000 guard on `by_run_id`).
    pub async fn create_run(&self, run: &Run) -> Result<()> {
        self.check_open()?;
        let tx = self.db.transaction(schema::RUNS).with_mode(TransactionMode::Readwrite).build()?;
        let store = tx.object_store(schema::RUNS)?;
        let existing: Option<JsValue> =
            store.index("by_run_id")?.get(JsValue::from_str(&run.run_id)).primitive()?.await?;
        if let Some(v) = existing.filter(|v| !v.is_undefined()) {
            let found: Run = from_js(v)?;
            drop(store);
            tx.abort().await.ok();
            return Err(StoreError::Duplicate { what: format!("Run {}", run.run_id), existing_id: found.id });
        }
        store.add(to_js(run)?).primitive()?.await?;
        drop(store);
        commit(tx).await
    }

    pub async fn update_run(&self, run: &Run) -> Result<()> {
        let mut r = run.clone();
        r.updated_at = now();
        self.put(schema::RUNS, &r).await
    }

    pub async fn run_by_run_id(&self, run_id: &str) -> Result<Option<Run>> {
        let v: Vec<Run> = self.by_index(schema::RUNS, "by_run_id", JsValue::from_str(run_id)).await?;
        Ok(v.into_iter().next())
    }

    pub async fn runs(&self, include_deleted: bool) -> Result<Vec<Run>> {
        let mut v: Vec<Run> = self.by_index(schema::RUNS, "by_user", JsValue::from_str(&self.user_id)).await?;
        v.retain(|r| include_deleted || r.is_deleted != Some(true));
        v.sort_by_key(|r| std::cmp::Reverse(r.created_at));
        Ok(v)
    }

    // ─────────── artifacts & tracking ───────────

    /// Saves a run's cover letter (replacing the earlier one), in one transaction with the
    /// check that the run still exists: a letter is never left without its run, as when the
    /// run was deleted in another tab while the letter was being written.
    pub async fn save_cover_letter(&self, letter: &fitted_core::model::CoverLetterRecord) -> Result<()> {
        self.check_open()?;
        let tx = self.db.transaction([schema::RUNS, schema::COVER_LETTERS]).with_mode(TransactionMode::Readwrite).build()?;
        let runs = tx.object_store(schema::RUNS)?;
        let run: Option<JsValue> = runs.get(JsValue::from_str(&letter.run_id)).primitive()?.await?;
        let live = match run.filter(|v| !v.is_undefined()) {
            Some(v) => from_js::<Run>(v)?.is_deleted != Some(true),
            None => false,
        };
        drop(runs);
        if !live {
            tx.abort().await.ok();
            return Err(StoreError::NotFound { what: "The run of this cover letter".into() });
        }
        tx.object_store(schema::COVER_LETTERS)?.put(to_js(letter)?).primitive()?.await?;
        commit(tx).await
    }

    pub async fn artifacts_of(&self, run_id: &str) -> Result<Vec<GeneratedArtifact>> {
        let mut v: Vec<GeneratedArtifact> =
            self.by_index(schema::GENERATED_ARTIFACTS, "by_run", JsValue::from_str(run_id)).await?;
        v.retain(|a| a.is_deleted != Some(true));
        Ok(v)
    }

    /// Stores imported applications in one write: a record whose id is already stored
    /// replaces it (importing an export again updates, never duplicates), others are added.
    /// Two rows with one id, or a row of another profile, refuse the whole file. Returns
    /// (added, updated).
    pub async fn import_applications(&self, records: &[ApplicationTracking]) -> Result<(usize, usize)> {
        for (i, r) in records.iter().enumerate() {
            if records[..i].iter().any(|x| x.id == r.id) {
                return Err(StoreError::Duplicate { what: format!("Application {} (twice in the file)", r.id), existing_id: r.id.clone() });
            }
            if r.user_id != self.user_id {
                return Err(StoreError::Failed("an application of another profile was in the import".into()));
            }
        }
        let have: std::collections::HashSet<String> = self.applications().await?.into_iter().map(|a| a.id).collect();
        let updated = records.iter().filter(|r| have.contains(&r.id)).count();
        let mut b = Batch::new();
        for r in records {
            b.put(schema::APPLICATION_TRACKING, r)?;
        }
        self.write(b).await?;
        Ok((records.len() - updated, updated))
    }

    pub async fn applications(&self) -> Result<Vec<ApplicationTracking>> {
        let mut v: Vec<ApplicationTracking> =
            self.by_index(schema::APPLICATION_TRACKING, "by_user", JsValue::from_str(&self.user_id)).await?;
        v.sort_by_key(|r| std::cmp::Reverse(r.updated_at));
        Ok(v)
    }
}

/// A random (v4) UUID from the platform's crypto RNG.
pub fn uuid_v4() -> String {
    let crypto = js_sys::global();
    // `crypto.randomUUID()` exists in every browser Fitted supports (and in workers).
    let c = js_sys::Reflect::get(&crypto, &"crypto".into()).ok();
    if let Some(c) = c {
        if let Ok(f) = js_sys::Reflect::get(&c, &"randomUUID".into()) {
            if let Some(f) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f) {
                if let Ok(v) = f.call0(&c) {
                    if let Some(s) = v.as_string() {
                        return s;
                    }
                }
            }
        }
    }
    // Fallback: Math.random is fine for a local id (uniqueness is guarded by the store).
    let mut s = String::new();
    for i in 0..32 {
        if [8, 12, 16, 20].contains(&i) {
            s.push('-');
        }
        let n = (js_sys::Math::random() * 16.0) as u32;
        s.push(char::from_digit(if i == 12 { 4 } else { n }, 16).unwrap_or('0'));
    }
    s
}
