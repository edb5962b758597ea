//! The IndexedDB store against real IndexedDB in headless Chromium.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use fitted_core::model::*;
use fitted_store::migrate::DbEvent;
use fitted_store::repo::{now, uuid_v4, Batch};
use fitted_store::schema::{self, LATEST_VERSION, MIGRATIONS};
use fitted_store::{Store, StoreError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn db_name(test: &str) -> String {
    format!("fitted-test-{test}-{}", uuid_v4())
}

fn quiet() -> Rc<dyn Fn(DbEvent)> {
    Rc::new(|_| {})
}

fn resume(user: &str, id: &str, active: bool) -> MasterResume {
    let t = now();
    MasterResume {
        id: id.into(),
        user_id: user.into(),
        name: format!("Résumé {id}"),
        content_hash: format!("hash-{id}"),
        is_active: active,
        summary: Some("Backend engineer".into()),
        created_at: t,
        updated_at: t,
        ..Default::default()
    }
}

fn bullet(resume_id: &str, n: u32) -> ResumeBullet {
    ResumeBullet {
        id: format!("{resume_id}:b{n}"),
        master_resume_id: resume_id.into(),
        bullet_id: format!("exp_acme_engineer_b{n}"),
        parent_type: ParentType::Experience,
        parent_id: "exp_acme_engineer".into(),
        company: Some("Acme".into()),
        role: Some("Engineer".into()),
        text: format!("Shipped feature {n} to 10,000 users"),
        order: n,
        created_at: now(),
        source_path: format!("work[0].highlights[{n}]"),
        ..Default::default()
    }
}

fn job(user: &str, id: &str, hash: &str) -> Job {
    let t = now();
    Job {
        id: id.into(),
        user_id: user.into(),
        title: format!("Job {id}"),
        raw_description: "We need a Go engineer.".into(),
        description_hash: hash.into(),
        created_at: t,
        updated_at: t,
        ..Default::default()
    }
}

fn run(user: &str, id: &str, run_id: &str) -> Run {
    let t = now();
    Run {
        id: id.into(),
        run_id: run_id.into(),
        user_id: user.into(),
        master_resume_id: "r1".into(),
        version_id: None,
        version_content_hash: None,
        job_id: "j1".into(),
        status: RunStatus::Running,
        stage: RunStage::Selecting,
        error_message: None,
        mock_mode: Some(true),
        prompt_versions: None,
        prompt_hashes: None,
        model_variants: None,
        primary_model_key: None,
        timing: Some(RunTiming { rubric_ms: Some(3.5), ..Default::default() }),
        cache_hits: Some(CacheHits { embeddings: Some(false), evidence_scores: Some(true) }),
        started_at: Some(t),
        completed_at: None,
        is_deleted: None,
        deleted_at: None,
        ats_read_back: None,
        created_at: t,
        updated_at: t,
    }
}

/// A small document whose first role has these bullets.
fn doc(bullets: &[&str]) -> fitted_core::resume::JsonResume {
    serde_json::from_value(serde_json::json!({
        "basics": {"name": "Ana Example", "email": "ana@example.com"},
        "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020-01", "highlights": bullets}],
        "skills": [{"name": "Go"}]
    }))
    .unwrap()
}

fn artifact(run_id: &str) -> GeneratedArtifact {
    GeneratedArtifact {
        id: format!("{run_id}-pdf"),
        run_id: run_id.into(),
        model_key: None,
        artifact_type: ArtifactType::Pdf,
        file_name: "resume.pdf".into(),
        storage_id: format!("{run_id}-pdf"),
        mime_type: "application/pdf".into(),
        size_bytes: 5,
        data: b"%PDF-".to_vec(),
        is_deleted: None,
        deleted_at: None,
        created_at: now(),
    }
}

#[wasm_bindgen_test]
async fn empty_database_gets_every_store_and_index_of_the_schema() {
    let name = db_name("fresh");
    let store = Store::open(&name, quiet()).await.expect("open");
    assert_eq!(store.schema_version(), LATEST_VERSION);
    let names = store.store_names();
    for m in MIGRATIONS {
        for def in m.stores {
            assert!(names.iter().any(|n| n == def.name), "missing store {}", def.name);
            let indexes = store.index_names(def.name).expect("indexes");
            for ix in def.indexes {
                assert!(indexes.iter().any(|n| n == ix.name), "missing index {}.{}", def.name, ix.name);
            }
        }
    }
    // The seed's named stores are all there.
    for seed in ["users", "masterResumes", "resumeBullets", "resumeBulletEmbeddings", "evidenceScores", "jobs", "runs",
        "jdRubrics", "selectionPlans", "tailoredResumes", "generatedArtifacts", "applicationTracking", "resumeVersions",
        "resumeSections", "proposals", "versionDiffs", "apiKeys", "jobFitScores", "targetRoles", "companyPrefs",
        "skillGapResults"]
    {
        assert!(names.iter().any(|n| n == seed), "missing seed store {seed}");
    }
    assert_eq!(store.data_version().await.unwrap(), LATEST_VERSION);
    // A local profile exists from the first open and stays the same on reopen.
    let uid = store.user_id().to_string();
    store.close();
    let again = Store::open(&name, quiet()).await.expect("reopen");
    assert_eq!(again.user_id(), uid);
    again.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn upgrading_from_the_previous_schema_keeps_every_record() {
    let name = db_name("upgrade");
    let v1 = Store::open_at(&name, 1, quiet()).await.expect("open v1");
    assert_eq!(v1.schema_version(), 1);
    assert!(!v1.store_names().iter().any(|n| n == schema::API_KEYS), "v1 must not have v2 stores");
    let uid = v1.user_id().to_string();

    let r = resume(&uid, "r1", true);
    let bullets = vec![bullet("r1", 0), bullet("r1", 1)];
    v1.save_master_resume(&r, &bullets).await.unwrap();
    let j = job(&uid, "j1", "h1");
    v1.add_job(&j).await.unwrap();
    let ru = run(&uid, "run-row-1", "11111111-1111-4111-8111-111111111111");
    v1.create_run(&ru).await.unwrap();
    let a = artifact("run-row-1");
    v1.put(schema::GENERATED_ARTIFACTS, &a).await.unwrap();
    let track = ApplicationTracking {
        id: "t1".into(),
        user_id: uid.clone(),
        run_id: "run-row-1".into(),
        job_id: "j1".into(),
        application_status: ApplicationStatus::Applied,
        applied_at: Some(now()),
        response_received_at: None,
        interview_scheduled_at: None,
        offer_received_at: None,
        rejected_at: None,
        notes: Some("Sent via careers page".into()),
        next_action: None,
        next_action_due: None,
        history: vec![],
        created_at: now(),
        updated_at: now(),
    };
    v1.put(schema::APPLICATION_TRACKING, &track).await.unwrap();
    let before_profile = v1.profile().await.unwrap();
    v1.close();

    let v2 = Store::open(&name, quiet()).await.expect("open latest");
    assert_eq!(v2.schema_version(), LATEST_VERSION);
    assert_eq!(v2.user_id(), uid);
    assert_eq!(v2.profile().await.unwrap(), before_profile);
    let mut got: MasterResume = v2.get(schema::MASTER_RESUMES, "r1").await.unwrap().unwrap();
    assert!(got.head_version_id.is_some(), "the v3 data step gives every résumé a head version");
    got.head_version_id = None;
    assert_eq!(got, r.clone());
    assert_eq!(v2.bullets_of("r1").await.unwrap(), bullets);
    assert_eq!(v2.jobs(false).await.unwrap(), vec![j]);
    assert_eq!(v2.run_by_run_id(&ru.run_id).await.unwrap(), Some(ru), "a run without a plan is not pinned");
    assert_eq!(v2.artifacts_of("run-row-1").await.unwrap(), vec![a]);
    assert_eq!(v2.applications().await.unwrap(), vec![track]);
    // The v2 data step gave the existing résumé its BASE version.
    let versions: Vec<ResumeVersion> = v2
        .by_index(schema::RESUME_VERSIONS, "by_project", wasm_bindgen::JsValue::from_str("r1"))
        .await
        .unwrap();
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].version_type, ResumeVersionType::Base);
    assert_eq!(v2.data_version().await.unwrap(), LATEST_VERSION);
    v2.close();

    // Reopening does not run the data step twice.
    let again = Store::open(&name, quiet()).await.unwrap();
    let versions: Vec<ResumeVersion> = again.all(schema::RESUME_VERSIONS).await.unwrap();
    assert_eq!(versions.len(), 1);
    again.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn duplicate_job_description_is_refused_and_points_to_the_existing_job() {
    let name = db_name("dupjob");
    let store = Store::open(&name, quiet()).await.unwrap();
    let uid = store.user_id().to_string();
    store.add_job(&job(&uid, "j1", "same-hash")).await.unwrap();
    let err = store.add_job(&job(&uid, "j2", "same-hash")).await.unwrap_err();
    match err {
        StoreError::Duplicate { existing_id, .. } => assert_eq!(existing_id, "j1"),
        other => panic!("expected Duplicate, got {other:?}"),
    }
    assert_eq!(store.count(schema::JOBS).await.unwrap(), 1);
    // A different description is fine.
    store.add_job(&job(&uid, "j3", "other-hash")).await.unwrap();
    assert_eq!(store.count(schema::JOBS).await.unwrap(), 2);
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn run_ids_are_unique() {
    let name = db_name("runid");
    let store = Store::open(&name, quiet()).await.unwrap();
    let uid = store.user_id().to_string();
    store.create_run(&run(&uid, "a", "22222222-2222-4222-8222-222222222222")).await.unwrap();
    let err = store.create_run(&run(&uid, "b", "22222222-2222-4222-8222-222222222222")).await.unwrap_err();
    assert!(matches!(err, StoreError::Duplicate { ref existing_id, .. } if existing_id == "a"), "{err:?}");
    assert_eq!(store.count(schema::RUNS).await.unwrap(), 1);
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_failing_write_rolls_back_the_whole_batch() {
    let name = db_name("rollback");
    let store = Store::open(&name, quiet()).await.unwrap();
    let uid = store.user_id().to_string();
    store.add_job(&job(&uid, "j1", "h1")).await.unwrap();
    let r = resume(&uid, "r1", false);

    // A résumé plus a job that violates the unique (userId, descriptionHash) index.
    let mut b = Batch::new();
    b.put(schema::MASTER_RESUMES, &r).unwrap();
    b.put(schema::JOBS, &job(&uid, "j2", "h1")).unwrap();
    let err = store.write(b).await.unwrap_err();
    assert!(matches!(err, StoreError::Failed(_)), "{err:?}");

    // Nothing of the batch landed; what was there before is intact.
    assert_eq!(store.get::<MasterResume>(schema::MASTER_RESUMES, "r1").await.unwrap(), None);
    assert_eq!(store.count(schema::JOBS).await.unwrap(), 1);
    assert_eq!(store.jobs(false).await.unwrap()[0].id, "j1");
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn soft_delete_hides_and_restore_brings_back() {
    let name = db_name("softdel");
    let store = Store::open(&name, quiet()).await.unwrap();
    let uid = store.user_id().to_string();
    store.save_master_resume(&resume(&uid, "r1", true), &[bullet("r1", 0)]).await.unwrap();
    store.save_master_resume(&resume(&uid, "r2", false), &[]).await.unwrap();
    assert_eq!(store.active_master_resume().await.unwrap().map(|r| r.id), Some("r1".into()));

    store.set_active_resume("r2").await.unwrap();
    assert_eq!(store.active_master_resume().await.unwrap().map(|r| r.id), Some("r2".into()));
    assert_eq!(store.profile().await.unwrap().default_master_resume_id.as_deref(), Some("r2"));

    store.soft_delete_master_resume("r1").await.unwrap();
    let visible: Vec<String> = store.master_resumes(false).await.unwrap().into_iter().map(|r| r.id).collect();
    assert_eq!(visible, vec!["r2".to_string()]);
    let deleted = store.get::<MasterResume>(schema::MASTER_RESUMES, "r1").await.unwrap().unwrap();
    assert_eq!(deleted.is_deleted, Some(true));
    assert!(deleted.deleted_at.is_some());
    // Its bullets are kept so restoring is lossless.
    assert_eq!(store.bullets_of("r1").await.unwrap().len(), 1);

    store.restore_master_resume("r1").await.unwrap();
    assert_eq!(store.master_resumes(false).await.unwrap().len(), 2);

    store.add_job(&job(&uid, "j1", "h")).await.unwrap();
    store.set_job_deleted("j1", true).await.unwrap();
    assert!(store.jobs(false).await.unwrap().is_empty());
    assert_eq!(store.jobs(true).await.unwrap().len(), 1);
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn saving_a_resume_replaces_its_bullets_atomically() {
    let name = db_name("bullets");
    let store = Store::open(&name, quiet()).await.unwrap();
    let uid = store.user_id().to_string();
    let r = resume(&uid, "r1", true);
    store.save_master_resume(&r, &[bullet("r1", 0), bullet("r1", 1), bullet("r1", 2)]).await.unwrap();
    store.save_master_resume(&r, &[bullet("r1", 1)]).await.unwrap();
    let left: Vec<String> = store.bullets_of("r1").await.unwrap().into_iter().map(|b| b.id).collect();
    assert_eq!(left, vec!["r1:b1".to_string()]);
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn another_tab_upgrading_closes_this_connection_without_losing_data() {
    let name = db_name("othertab");
    let seen = Rc::new(std::cell::RefCell::new(Vec::new()));
    let sink = {
        let seen = seen.clone();
        Rc::new(move |e: DbEvent| seen.borrow_mut().push(e)) as Rc<dyn Fn(DbEvent)>
    };
    // "This tab" runs the previous version.
    let old_tab = Store::open_at(&name, 1, sink).await.unwrap();
    let uid = old_tab.user_id().to_string();
    old_tab.add_job(&job(&uid, "j1", "h1")).await.unwrap();

    // "Another tab" opens the newer schema: our connection must step aside.
    let new_tab = Store::open(&name, quiet()).await.expect("upgrade must not stay blocked");
    assert_eq!(new_tab.schema_version(), LATEST_VERSION);
    assert_eq!(seen.borrow().as_slice(), &[DbEvent::ClosedByOtherTab]);

    // The old tab refuses to write with a stale schema, with a message that says what to do.
    let err = old_tab.add_job(&job(&uid, "j2", "h2")).await.unwrap_err();
    assert_eq!(err, StoreError::VersionChanged);
    assert!(err.user_message().contains("Reload"));

    // Nothing was lost or half-written.
    assert_eq!(new_tab.jobs(false).await.unwrap().len(), 1);
    new_tab.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn an_older_app_opening_newer_data_gets_a_clear_error_and_changes_nothing() {
    let name = db_name("toonew");
    let store = Store::open(&name, quiet()).await.unwrap();
    let uid = store.user_id().to_string();
    store.add_job(&job(&uid, "j1", "h1")).await.unwrap();
    store.close();
    let err = Store::open_at(&name, 1, quiet()).await.err().expect("opening an older schema must fail");
    assert_eq!(err, StoreError::TooNew);
    let store = Store::open(&name, quiet()).await.unwrap();
    assert_eq!(store.jobs(false).await.unwrap().len(), 1);
    store.close();
    Store::delete_database(&name).await.unwrap();
}

// ─────────── backup and restore ───────────

use fitted_store::backup::{self, Backup};

fn api_key(user: &str) -> UserApiKey {
    UserApiKey {
        id: "k1".into(),
        user_id: user.into(),
        provider: "openai".into(),
        api_key: "sk-test-secret".into(),
        endpoint: None,
        is_valid: true,
        last_validated: Some(now()),
        validation_error: None,
        encryption: None,
        settings: None,
        created_at: now(),
        updated_at: now(),
    }
}

/// A profile with something in most stores, artifacts with bytes that are not UTF-8.
async fn populated(name: &str) -> Store {
    let store = Store::open(name, quiet()).await.unwrap();
    let uid = store.user_id().to_string();
    store.save_master_resume(&resume(&uid, "r1", true), &[bullet("r1", 0), bullet("r1", 1)]).await.unwrap();
    store.save_master_resume(&resume(&uid, "r2", false), &[bullet("r2", 0)]).await.unwrap();
    let a = store.commit_version("r1", &doc(&["Shipped A", "Shipped B"]), ResumeVersionType::Base, None, None).await.unwrap();
    store.commit_version("r1", &doc(&["Shipped A", "Shipped B, faster"]), ResumeVersionType::Manual, None, Some("faster".into())).await.unwrap();
    store.commit_version("r1", &doc(&["Shipped C"]), ResumeVersionType::Manual, Some(&a.version.id), None).await.unwrap();
    store.add_job(&job(&uid, "j1", "h1")).await.unwrap();
    store.add_job(&job(&uid, "j2", "h2")).await.unwrap();
    let mut r = run(&uid, "run-1", "run-1");
    r.job_id = "j1".into();
    // A measured time whose shortest decimal form needs all 17 digits to round-trip.
    r.timing.as_mut().unwrap().selection_ms = Some(20.300000000745058);
    store.create_run(&r).await.unwrap();
    let mut a = artifact("run-1");
    a.data = vec![0, 159, 146, 150, 255, 37, 80, 68, 70];
    a.size_bytes = a.data.len() as u64;
    store.put(schema::GENERATED_ARTIFACTS, &a).await.unwrap();
    store.put(schema::API_KEYS, &api_key(&uid)).await.unwrap();
    let t = now();
    let app = ApplicationTracking {
        id: "a1".into(),
        user_id: uid.clone(),
        run_id: "run-1".into(),
        job_id: "j1".into(),
        application_status: ApplicationStatus::Applied,
        applied_at: Some(t),
        response_received_at: None,
        interview_scheduled_at: None,
        offer_received_at: None,
        rejected_at: None,
        notes: Some("Referred by Ana — \"ask about on-call\"".into()),
        next_action: None,
        next_action_due: None,
        history: vec![],
        created_at: t,
        updated_at: t,
    };
    store.put(schema::APPLICATION_TRACKING, &app).await.unwrap();
    store
}

fn file_of(b: &Backup) -> String {
    serde_json::to_string(b).unwrap()
}

#[wasm_bindgen_test]
async fn backup_wipe_restore_gives_back_exactly_the_same_data() {
    let name = db_name("backup-roundtrip");
    let store = populated(&name).await;
    let first = store.export_backup(false).await.unwrap();
    assert!(!first.stores.contains_key(schema::API_KEYS), "keys are left out unless asked for");
    assert!(!file_of(&first).contains("sk-test-secret"));
    assert_eq!(first.stores[schema::RESUME_BULLETS].len(), 3);
    let text = file_of(&first);

    // Wipe: a brand-new database with a fresh, empty profile.
    store.close();
    Store::delete_database(&name).await.unwrap();
    let fresh = Store::open(&name, quiet()).await.unwrap();
    assert_eq!(fresh.count(schema::JOBS).await.unwrap(), 0);

    let parsed = backup::parse(&text).unwrap();
    let summary = fresh.import_backup(&parsed).await.unwrap();
    assert!(summary.adopted_profile, "an empty profile takes over the backup's profile");
    assert_eq!(summary.added[schema::JOBS], 2);
    assert_eq!(summary.added[schema::GENERATED_ARTIFACTS], 1);
    assert_eq!(summary.total_skipped(), 0, "{summary:?}");
    fresh.close();

    let reopened = Store::open(&name, quiet()).await.unwrap();
    let again = reopened.export_backup(false).await.unwrap();
    assert_eq!(again.stores, first.stores, "export → wipe → import → export must be identical");
    assert_eq!(reopened.active_master_resume().await.unwrap().unwrap().id, "r1", "isActive index rebuilt");
    let tree = reopened.versions_of("r1").await.unwrap();
    assert_eq!(tree.len(), 3, "the version tree comes back whole");
    assert_eq!(tree[1].parent_version_id.as_deref(), Some(tree[0].id.as_str()));
    assert_eq!(tree[2].parent_version_id.as_deref(), Some(tree[0].id.as_str()), "a branch stays a branch");
    assert_eq!(reopened.version_document(&tree[1]).await.unwrap(), doc(&["Shipped A", "Shipped B, faster"]));
    let art: GeneratedArtifact = reopened.get(schema::GENERATED_ARTIFACTS, "run-1-pdf").await.unwrap().unwrap();
    assert_eq!(art.data, vec![0, 159, 146, 150, 255, 37, 80, 68, 70]);
    reopened.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn api_keys_travel_only_when_asked() {
    let name = db_name("backup-keys");
    let store = populated(&name).await;
    let with_keys = store.export_backup(true).await.unwrap();
    assert!(with_keys.includes_api_keys);
    assert_eq!(with_keys.stores[schema::API_KEYS].len(), 1);
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn restoring_into_a_profile_with_data_merges_and_skips_duplicates() {
    let src_name = db_name("backup-src");
    let src = populated(&src_name).await;
    let b = src.export_backup(true).await.unwrap();
    src.close();
    Store::delete_database(&src_name).await.unwrap();

    let name = db_name("backup-merge");
    let store = Store::open(&name, quiet()).await.unwrap();
    let uid = store.user_id().to_string();
    // The same job description saved here under another id, and an active résumé.
    store.add_job(&job(&uid, "mine", "h1")).await.unwrap();
    store.save_master_resume(&resume(&uid, "local", true), &[]).await.unwrap();
    store.put(schema::API_KEYS, &UserApiKey { id: "mykey".into(), ..api_key(&uid) }).await.unwrap();

    let summary = store.import_backup(&b).await.unwrap();
    assert!(!summary.adopted_profile);
    assert_eq!(summary.added[schema::JOBS], 1, "{summary:?}");
    assert_eq!(summary.skipped[schema::JOBS], 1, "same descriptionHash is a duplicate");
    assert_eq!(summary.skipped[schema::API_KEYS], 1, "one key per provider: ours wins");
    assert_eq!(summary.skipped[schema::USERS], 1);

    // Everything belongs to this profile; the run points at the local copy of the job.
    let jobs = store.jobs(false).await.unwrap();
    assert_eq!(jobs.len(), 2);
    assert!(jobs.iter().all(|j| j.user_id == uid));
    let r = store.run_by_run_id("run-1").await.unwrap().unwrap();
    assert_eq!(r.job_id, "mine");
    assert_eq!(r.user_id, uid);
    assert_eq!(store.active_master_resume().await.unwrap().unwrap().id, "local", "still one active résumé");
    assert_eq!(store.master_resumes(false).await.unwrap().len(), 3);
    let key: UserApiKey = store.get(schema::API_KEYS, "mykey").await.unwrap().unwrap();
    assert_eq!(key.api_key, "sk-test-secret");

    // Importing the same file twice adds nothing.
    let before = store.export_backup(true).await.unwrap().stores;
    let twice = store.import_backup(&b).await.unwrap();
    assert_eq!(twice.total_added(), 0, "{twice:?}");
    assert_eq!(store.export_backup(true).await.unwrap().stores, before);
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_bad_backup_file_is_refused_and_changes_nothing() {
    assert!(matches!(backup::parse("{not json"), Err(backup::BackupError::NotJson(_))));
    assert_eq!(backup::parse(r#"{"basics":{}}"#), Err(backup::BackupError::NotABackup));
    let newer = r#"{"format":"fitted-backup","version":99,"exportedAt":0,"schemaVersion":1,"includesApiKeys":false,"stores":{}}"#;
    assert!(matches!(backup::parse(newer), Err(backup::BackupError::TooNew(99, 1))));

    let name = db_name("backup-bad");
    let store = populated(&name).await;
    let good = store.export_backup(false).await.unwrap();
    let before = good.stores.clone();

    // Damaged artifact bytes: parse refuses the file...
    let mut damaged = good.clone();
    damaged.stores.get_mut(schema::GENERATED_ARTIFACTS).unwrap()[0]["data"] = "@@not base64@@".into();
    damaged.stores.get_mut(schema::JOBS).unwrap().push(serde_json::json!({"id": "new-job", "userId": store.user_id(), "descriptionHash": "h9", "title": "x"}));
    let err = backup::parse(&file_of(&damaged)).unwrap_err();
    assert!(err.to_string().contains("generatedArtifacts"), "{err}");
    // ...and even if it got past parse, the import fails whole: the new job is not written.
    damaged.stores.get_mut(schema::GENERATED_ARTIFACTS).unwrap()[0]["id"] = "other-artifact".into();
    assert!(store.import_backup(&damaged).await.is_err());
    assert_eq!(store.export_backup(false).await.unwrap().stores, before);
    store.close();
    Store::delete_database(&name).await.unwrap();
}

/// Artifact bytes are written as `Uint8Array`s now; records written by earlier versions
/// held them as arrays of numbers, and those still read back byte for byte.
#[wasm_bindgen_test]
async fn artifacts_written_as_arrays_of_numbers_still_read() {
    let name = db_name("bytes");
    let store = Store::open(&name, quiet()).await.expect("open");
    let old = artifact("run-old");
    let mut as_numbers = serde_json::to_value(&old).unwrap();
    as_numbers["data"] = serde_json::json!([37, 80, 68, 70, 45]);
    store.put(schema::GENERATED_ARTIFACTS, &as_numbers).await.unwrap();
    let back: GeneratedArtifact = store.get(schema::GENERATED_ARTIFACTS, &old.id).await.unwrap().unwrap();
    assert_eq!(back.data, b"%PDF-".to_vec());
    let new = artifact("run-new");
    store.put(schema::GENERATED_ARTIFACTS, &new).await.unwrap();
    let back: GeneratedArtifact = store.get(schema::GENERATED_ARTIFACTS, &new.id).await.unwrap().unwrap();
    assert_eq!(back, new);
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn versions_are_never_overwritten_and_identical_content_is_stored_once() {
    let name = db_name("versions");
    let store = Store::open(&name, quiet()).await.unwrap();
    let uid = store.user_id().to_string();
    store.save_master_resume(&resume(&uid, "r1", true), &[]).await.unwrap();
    let a = store.commit_version("r1", &doc(&["Shipped A", "Shipped B"]), ResumeVersionType::Base, None, None).await.unwrap();
    assert!(a.created);
    let chunks_a = store.count(schema::VERSION_CHUNKS).await.unwrap();

    // The same content again: nothing written, the head is returned.
    let same = store.commit_version("r1", &doc(&["Shipped A", "Shipped B"]), ResumeVersionType::Manual, None, None).await.unwrap();
    assert!(!same.created);
    assert_eq!(same.version.id, a.version.id);
    assert_eq!(store.count(schema::RESUME_VERSIONS).await.unwrap(), 1);

    // An edit: a child of the head, one new chunk (the edited role), the old version intact.
    let b = store.commit_version("r1", &doc(&["Shipped A", "Shipped B twice"]), ResumeVersionType::Manual, None, None).await.unwrap();
    assert!(b.created);
    assert_eq!(b.version.parent_version_id.as_deref(), Some(a.version.id.as_str()));
    assert_eq!(store.count(schema::VERSION_CHUNKS).await.unwrap(), chunks_a + 1);
    assert_eq!(store.version_document(&store.version(&a.version.id).await.unwrap()).await.unwrap(), doc(&["Shipped A", "Shipped B"]));
    assert_eq!(store.version_document(&b.version).await.unwrap(), doc(&["Shipped A", "Shipped B twice"]));
    let head: MasterResume = store.get(schema::MASTER_RESUMES, "r1").await.unwrap().unwrap();
    assert_eq!(head.head_version_id.as_deref(), Some(b.version.id.as_str()));

    // Saving the résumé (the editor's autosave, with a record read before the commit) keeps the head.
    store.save_master_resume(&resume(&uid, "r1", true), &[]).await.unwrap();
    let kept: MasterResume = store.get(schema::MASTER_RESUMES, "r1").await.unwrap().unwrap();
    assert_eq!(kept.head_version_id.as_deref(), Some(b.version.id.as_str()));
    assert_eq!(store.active_master_resume().await.unwrap().map(|m| m.id), Some("r1".into()), "commits keep the active index");

    // Two commits of the same new content at once (leaving the editor as a run starts):
    // one version, not twins.
    let next = doc(&["Shipped A", "Shipped B three times"]);
    let (x, y) = futures::future::join(
        store.commit_version("r1", &next, ResumeVersionType::Manual, None, None),
        store.commit_version("r1", &next, ResumeVersionType::Manual, None, None),
    )
    .await;
    let (x, y) = (x.unwrap(), y.unwrap());
    assert_eq!(x.version.id, y.version.id);
    assert_eq!([x.created, y.created].iter().filter(|c| **c).count(), 1);
    assert_eq!(store.count(schema::RESUME_VERSIONS).await.unwrap(), 3);

    // A label changes only the label.
    store.set_version_label(&a.version.id, "  first  ").await.unwrap();
    let labelled = store.version(&a.version.id).await.unwrap();
    assert_eq!(labelled.label.as_deref(), Some("first"));
    assert_eq!((labelled.manifest, labelled.content_hash), (a.version.manifest.clone(), a.version.content_hash.clone()));
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn statuses_follow_the_head_and_the_last_pdf_and_never_touch_content() {
    let name = db_name("statuses");
    let store = Store::open(&name, quiet()).await.unwrap();
    let uid = store.user_id().to_string();
    store.save_master_resume(&resume(&uid, "r1", true), &[]).await.unwrap();
    let status = |id: String| {
        let store = &store;
        async move { store.version(&id).await.unwrap().status }
    };
    let a = store.commit_version("r1", &doc(&["Shipped A"]), ResumeVersionType::Base, None, None).await.unwrap().version;
    assert_eq!(a.status, ResumeVersionStatus::Active);
    // The head made a PDF: still ACTIVE, and it remembers the PDF.
    store.record_compile(&a.id, true).await.unwrap();
    assert_eq!(status(a.id.clone()).await, ResumeVersionStatus::Active);
    // An edit: the new head is ACTIVE and the old one falls back to COMPILED.
    let b = store.commit_version("r1", &doc(&["Shipped B"]), ResumeVersionType::Manual, None, None).await.unwrap().version;
    assert_eq!(status(a.id.clone()).await, ResumeVersionStatus::Compiled);
    assert_eq!(status(b.id.clone()).await, ResumeVersionStatus::Active);
    // A failed PDF from an old version is ERROR; the head without a PDF becomes DRAFT when left.
    store.record_compile(&a.id, false).await.unwrap();
    assert_eq!(status(a.id.clone()).await, ResumeVersionStatus::Error);
    let c = store.commit_version("r1", &doc(&["Shipped C"]), ResumeVersionType::Manual, None, None).await.unwrap().version;
    assert_eq!(status(b.id.clone()).await, ResumeVersionStatus::Draft);
    assert_eq!(status(c.id.clone()).await, ResumeVersionStatus::Active);
    assert_eq!(store.versions_of("r1").await.unwrap().iter().filter(|v| v.status == ResumeVersionStatus::Active).count(), 1);
    // Content is untouched by any of it.
    let a_now = store.version(&a.id).await.unwrap();
    assert_eq!((a_now.manifest, a_now.content_hash), (a.manifest, a.content_hash));
    assert_eq!(store.version_document(&store.version(&b.id).await.unwrap()).await.unwrap(), doc(&["Shipped B"]));
    // An unknown version is refused and nothing is written.
    let before = store.versions_of("r1").await.unwrap();
    assert!(matches!(store.record_compile("nope", true).await.unwrap_err(), StoreError::NotFound { .. }));
    assert_eq!(store.versions_of("r1").await.unwrap(), before);
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_branch_does_not_move_the_head_is_stored_once_and_needs_its_parent() {
    let name = db_name("branch");
    let store = Store::open(&name, quiet()).await.unwrap();
    let uid = store.user_id().to_string();
    store.save_master_resume(&resume(&uid, "r1", true), &[]).await.unwrap();
    let base = store.commit_version("r1", &doc(&["Shipped A"]), ResumeVersionType::Base, None, None).await.unwrap().version;
    let ai_doc = doc(&["Shipped A for payments"]);
    let ai = store.commit_branch("r1", &ai_doc, ResumeVersionType::AiGenerated, &base.id, Some("AI".into())).await.unwrap();
    assert!(ai.created);
    assert_eq!(ai.version.parent_version_id.as_deref(), Some(base.id.as_str()));
    assert_eq!(ai.version.status, ResumeVersionStatus::Draft);
    let master: MasterResume = store.get(schema::MASTER_RESUMES, "r1").await.unwrap().unwrap();
    assert_eq!(master.head_version_id.as_deref(), Some(base.id.as_str()), "the head stays");
    assert_eq!(store.version(&base.id).await.unwrap().status, ResumeVersionStatus::Active);
    assert_eq!(store.version_document(&ai.version).await.unwrap(), ai_doc);
    // Accepting the same again, or nothing at all, writes nothing.
    let again = store.commit_branch("r1", &ai_doc, ResumeVersionType::AiGenerated, &base.id, None).await.unwrap();
    assert!(!again.created && again.version.id == ai.version.id);
    let same = store.commit_branch("r1", &doc(&["Shipped A"]), ResumeVersionType::AiGenerated, &base.id, None).await.unwrap();
    assert!(!same.created && same.version.id == base.id);
    // A missing parent is refused with nothing written.
    let before = (store.count(schema::RESUME_VERSIONS).await.unwrap(), store.count(schema::VERSION_CHUNKS).await.unwrap());
    let err = store.commit_branch("r1", &doc(&["Other"]), ResumeVersionType::AiGenerated, "gone", None).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    assert_eq!((store.count(schema::RESUME_VERSIONS).await.unwrap(), store.count(schema::VERSION_CHUNKS).await.unwrap()), before);
    assert_eq!(store.count(schema::RESUME_VERSIONS).await.unwrap(), 2);
    // A parent from another résumé is refused too.
    store.save_master_resume(&resume(&uid, "r2", false), &[]).await.unwrap();
    let err = store.commit_branch("r2", &doc(&["Other"]), ResumeVersionType::AiGenerated, &base.id, None).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    assert_eq!(store.count(schema::RESUME_VERSIONS).await.unwrap(), 2);
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn upgrading_from_schema_3_gives_every_version_its_status() {
    let name = db_name("upgrade-v4");
    let v3 = Store::open_at(&name, 3, quiet()).await.expect("open v3");
    let uid = v3.user_id().to_string();
    v3.save_master_resume(&resume(&uid, "r1", true), &[]).await.unwrap();
    // As schema 3 wrote them: every version ACTIVE, the newest the head.
    let a = v3.commit_version("r1", &doc(&["Shipped A"]), ResumeVersionType::Base, None, None).await.unwrap().version;
    let b = v3.commit_version("r1", &doc(&["Shipped B"]), ResumeVersionType::Manual, None, None).await.unwrap().version;
    let c = v3.commit_version("r1", &doc(&["Shipped C"]), ResumeVersionType::Manual, None, None).await.unwrap().version;
    let mut batch = Batch::new();
    for v in [&a, &b, &c] {
        batch.put(schema::RESUME_VERSIONS, &ResumeVersion { status: ResumeVersionStatus::Active, compiled: None, ..v.clone() }).unwrap();
    }
    // A finished run made a PDF from a; a failed run used b.
    let mut done = run(&uid, "run-1", "44444441-4444-4444-8444-444444444444");
    done.version_id = Some(a.id.clone());
    done.status = RunStatus::Success;
    let mut failed = run(&uid, "run-2", "44444442-4444-4444-8444-444444444444");
    failed.version_id = Some(b.id.clone());
    failed.status = RunStatus::Error;
    batch.put(schema::RUNS, &done).unwrap();
    batch.put(schema::RUNS, &failed).unwrap();
    v3.write(batch).await.unwrap();
    let runs_before = v3.count(schema::RUNS).await.unwrap();
    v3.close();

    let latest = Store::open(&name, quiet()).await.expect("open latest");
    let got: Vec<(String, ResumeVersionStatus)> = latest.versions_of("r1").await.unwrap().into_iter().map(|v| (v.id, v.status)).collect();
    assert_eq!(
        got,
        vec![
            (a.id.clone(), ResumeVersionStatus::Compiled),
            (b.id.clone(), ResumeVersionStatus::Draft),
            (c.id.clone(), ResumeVersionStatus::Active)
        ],
        "where a run failed is not recorded, so ERROR is not guessed"
    );
    assert_eq!(latest.version_document(&latest.version(&a.id).await.unwrap()).await.unwrap(), doc(&["Shipped A"]));
    assert_eq!(latest.count(schema::RUNS).await.unwrap(), runs_before);
    latest.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_version_for_a_missing_resume_is_refused_and_writes_nothing() {
    let name = db_name("versions-missing");
    let store = Store::open(&name, quiet()).await.unwrap();
    let err = store.commit_version("nope", &doc(&["x"]), ResumeVersionType::Manual, None, None).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    assert_eq!(store.count(schema::RESUME_VERSIONS).await.unwrap(), 0);
    assert_eq!(store.count(schema::VERSION_CHUNKS).await.unwrap(), 0);
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn upgrading_from_schema_2_chunks_versions_sets_heads_and_pins_only_certain_runs() {
    let name = db_name("upgrade-v3");
    let v2 = Store::open_at(&name, 2, quiet()).await.expect("open v2");
    let uid = v2.user_id().to_string();
    // As the released app wrote it: a résumé, its BASE version with the whole document,
    // then an edit that overwrote the résumé in place.
    let first = doc(&["Shipped A"]);
    let now_doc = doc(&["Shipped A", "Shipped B"]);
    let mut r = resume(&uid, "r1", true);
    r.document = first.clone();
    r.content_hash = fitted_core::import::content_hash(&first);
    let base = serde_json::json!({
        "id": "r1-base", "projectId": "r1", "type": "BASE", "status": "ACTIVE",
        "document": first, "createdAt": 1, "updatedAt": 1
    });
    let mut b = Batch::new();
    b.put(schema::MASTER_RESUMES, &r).unwrap();
    b.put(schema::RESUME_VERSIONS, &base).unwrap();
    v2.write(b).await.unwrap();
    r.document = now_doc.clone();
    r.content_hash = fitted_core::import::content_hash(&now_doc);
    v2.save_master_resume(&r, &[]).await.unwrap();
    // Run 1 selected from the first content, run 2 from content no version has, run 3 from
    // the current content.
    let plan_for = |run: &str, hash: String| SelectionPlan {
        id: format!("{run}-plan"),
        run_id: run.to_string(),
        version: "v".into(),
        master_resume_hash: hash,
        job_extracted_hash: "j".into(),
        rubric_hash: "r".into(),
        embedding_model: "m".into(),
        config: fitted_core::select::default_config(),
        coverage: Default::default(),
        selected: Default::default(),
        budgets_used: Default::default(),
        selection_notes: None,
        created_at: 1,
        budgets_before_cut: None,
    };
    let mut b = Batch::new();
    for (i, hash) in [(1, fitted_core::import::content_hash(&first)), (2, "elsewhere".to_string()), (3, fitted_core::import::content_hash(&now_doc))] {
        let id = format!("run-{i}");
        let ru = run(&uid, &id, &format!("3333333{i}-3333-4333-8333-333333333333"));
        b.put(schema::RUNS, &ru).unwrap();
        b.put(schema::SELECTION_PLANS, &plan_for(&id, hash)).unwrap();
    }
    v2.write(b).await.unwrap();
    let plans_before = v2.count(schema::SELECTION_PLANS).await.unwrap();
    v2.close();

    let v3 = Store::open(&name, quiet()).await.expect("open latest");
    let versions = v3.versions_of("r1").await.unwrap();
    assert_eq!(versions.len(), 2, "the BASE and a MANUAL head for the content edited in place");
    assert_eq!(versions[0].id, "r1-base");
    assert!(versions.iter().all(|v| v.document.is_none() && v.manifest.is_some()), "documents moved into chunks");
    assert_eq!(v3.version_document(&versions[0]).await.unwrap(), first);
    assert_eq!(versions[1].version_type, ResumeVersionType::Manual);
    assert_eq!(versions[1].parent_version_id.as_deref(), Some("r1-base"));
    assert_eq!(v3.version_document(&versions[1]).await.unwrap(), now_doc);
    let master: MasterResume = v3.get(schema::MASTER_RESUMES, "r1").await.unwrap().unwrap();
    assert_eq!(master.head_version_id.as_deref(), Some(versions[1].id.as_str()));
    assert_eq!(master.document, now_doc, "the résumé itself is unchanged");
    assert_eq!(v3.active_master_resume().await.unwrap().map(|m| m.id), Some("r1".into()), "its index entry too");
    let db = &v3;
    let pinned = |i: u32| async move { db.get::<Run>(schema::RUNS, &format!("run-{i}")).await.unwrap().unwrap().version_id };
    assert_eq!(pinned(1).await.as_deref(), Some("r1-base"));
    assert_eq!(pinned(2).await, None, "never guessed");
    assert_eq!(pinned(3).await.as_deref(), Some(versions[1].id.as_str()));
    assert_eq!(v3.count(schema::SELECTION_PLANS).await.unwrap(), plans_before);
    assert_eq!(v3.count(schema::RUNS).await.unwrap(), 3);
    v3.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn locked_content_cannot_be_saved_changed_and_versions_record_their_locks() {
    let name = db_name("locks");
    let store = Store::open(&name, quiet()).await.unwrap();
    let uid = store.user_id().to_string();
    let mut r = resume(&uid, "r1", true);
    r.document = doc(&["Shipped A", "Shipped B"]);
    store.save_master_resume(&r, &[]).await.unwrap();
    let locks = fitted_core::versions::Locks { sections: vec![ResumeSectionType::Skills], bullets: vec!["Shipped A".into()] };
    store.set_locks("r1", &locks).await.unwrap();

    // Editing the locked bullet is refused, with a message that says to unlock; nothing written.
    let mut edited = r.clone();
    edited.document = doc(&["Shipped A, edited", "Shipped B"]);
    let err = store.save_master_resume(&edited, &[]).await.unwrap_err();
    assert!(matches!(err, StoreError::Locked(_)) && err.user_message().contains("Unlock"), "{err:?}");
    let stored: MasterResume = store.get(schema::MASTER_RESUMES, "r1").await.unwrap().unwrap();
    assert_eq!(stored.document, r.document);
    assert_eq!(stored.locks, locks, "a stale record does not unlock anything");

    // Editing unlocked content is fine, and a version records which sections were locked.
    let mut fine = r.clone();
    fine.document = doc(&["Shipped A", "Shipped B, faster"]);
    store.save_master_resume(&fine, &[]).await.unwrap();
    let v = store.commit_version("r1", &fine.document, ResumeVersionType::Manual, None, None).await.unwrap().version;
    let sections = store.sections_of(&v.id).await.unwrap();
    assert_eq!(sections.len(), fitted_core::versions::SECTIONS.len());
    let skills = sections.iter().find(|s| s.section_type == ResumeSectionType::Skills).unwrap();
    assert!(skills.is_locked && skills.content.contains("Go"));
    assert!(sections.iter().filter(|s| s.is_locked).count() == 1);

    // Unlocked, the bullet can change.
    store.set_locks("r1", &Default::default()).await.unwrap();
    store.save_master_resume(&edited, &[]).await.unwrap();
    store.close();
    Store::delete_database(&name).await.unwrap();
}

fn cover_letter(run_id: &str, text: &str) -> CoverLetterRecord {
    CoverLetterRecord {
        id: format!("{run_id}-letter"),
        run_id: run_id.into(),
        job_id: "j1".into(),
        version_id: None,
        letter: fitted_core::tailor::letter::Letter { greeting: "Dear team,".into(), paragraphs: vec![text.into()], closing: "Kind regards,".into() },
        model_key: "none".into(),
        model_name: String::new(),
        prompt_version: None,
        prompt_hash: None,
        flags: vec![],
        was_edited: false,
        typst_source: None,
        created_at: 1,
        updated_at: 1,
    }
}

#[wasm_bindgen_test]
async fn a_cover_letter_is_kept_with_its_run_and_never_without_one() {
    let name = db_name("letters");
    let store = Store::open(&name, quiet()).await.unwrap();
    let uid = store.user_id().to_string();
    store.create_run(&run(&uid, "a", "33333333-3333-4333-8333-333333333333")).await.unwrap();
    store.save_cover_letter(&cover_letter("a", "First.")).await.unwrap();
    store.save_cover_letter(&cover_letter("a", "Second.")).await.unwrap();
    let kept: Vec<CoverLetterRecord> = store.all(schema::COVER_LETTERS).await.unwrap();
    assert_eq!(kept.len(), 1, "one letter per run");
    assert_eq!(kept[0].letter.paragraphs, vec!["Second.".to_string()]);

    // No run, or a deleted one: refused, and nothing is written.
    let err = store.save_cover_letter(&cover_letter("missing", "Orphan.")).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    let mut deleted = run(&uid, "b", "44444444-4444-4444-8444-444444444444");
    deleted.is_deleted = Some(true);
    store.create_run(&deleted).await.unwrap();
    let err = store.save_cover_letter(&cover_letter("b", "Too late.")).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    assert_eq!(store.count(schema::COVER_LETTERS).await.unwrap(), 1);

    // In a backup like every store.
    let backup = store.export_backup(false).await.unwrap();
    assert_eq!(backup.stores.get(schema::COVER_LETTERS).map(|rows| rows.len()), Some(1));
    store.close();
    Store::delete_database(&name).await.unwrap();
}

fn fit_score(user: &str, resume_id: &str, job_id: &str, score: u8) -> fitted_core::model::JobFitScore {
    fitted_core::model::JobFitScore {
        id: fitted_core::rank::score_id(resume_id, job_id),
        user_id: user.into(),
        job_id: job_id.into(),
        master_resume_id: resume_id.into(),
        fit_score: score,
        fit_reasons: vec!["Shows most must-haves.".into()],
        missing_skills: vec![],
        strengths: vec![],
        resume_hash: "R".into(),
        job_hash: format!("J{job_id}"),
        rules_hash: "X".into(),
        created_at: 1,
    }
}

#[wasm_bindgen_test]
async fn fit_scores_replace_their_job_s_earlier_score_and_never_outlive_their_resume() {
    let name = db_name("fit");
    let store = Store::open(&name, quiet()).await.unwrap();
    let uid = store.user_id().to_string();
    store.save_master_resume(&resume(&uid, "r1", true), &[]).await.unwrap();
    store.save_master_resume(&resume(&uid, "r2", false), &[]).await.unwrap();
    store.save_fit_scores("r1", &[fit_score(&uid, "r1", "a", 40), fit_score(&uid, "r1", "b", 70)]).await.unwrap();
    store.save_fit_scores("r1", &[fit_score(&uid, "r1", "a", 55)]).await.unwrap();
    store.save_fit_scores("r2", &[fit_score(&uid, "r2", "a", 10)]).await.unwrap();
    let mut mine: Vec<(String, u8)> = store.fit_scores("r1").await.unwrap().into_iter().map(|s| (s.job_id, s.fit_score)).collect();
    mine.sort();
    assert_eq!(mine, vec![("a".to_string(), 55), ("b".to_string(), 70)], "one score per job, the newest");
    assert_eq!(store.fit_scores("r2").await.unwrap().len(), 1);

    // A résumé deleted (or never stored) while the worker scored: refused, nothing written.
    store.soft_delete_master_resume("r2").await.unwrap();
    let err = store.save_fit_scores("r2", &[fit_score(&uid, "r2", "c", 90)]).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    let err = store.save_fit_scores("nobody", &[fit_score(&uid, "nobody", "c", 90)]).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    // Scores of two résumés in one pass: refused before anything is written.
    assert!(store.save_fit_scores("r1", &[fit_score(&uid, "r1", "c", 90), fit_score(&uid, "r2", "c", 90)]).await.is_err());
    assert_eq!(store.count(schema::JOB_FIT_SCORES).await.unwrap(), 3);
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn company_preferences_and_target_roles_are_replaced_whole_or_not_at_all() {
    let name = db_name("prefs");
    let store = Store::open(&name, quiet()).await.unwrap();
    let uid = store.user_id().to_string();
    let pref = |company: &str, kind: CompanyPrefKind| CompanyPref { id: uuid_v4(), user_id: uid.clone(), company: company.into(), kind, created_at: now() };
    let next = std::cell::Cell::new(now());
    // Roles keep the order they were given in: their creation times follow one another.
    let role = |r: &str| {
        next.set(next.get() + 1);
        TargetRole { id: uuid_v4(), user_id: uid.clone(), role_family: r.into(), created_at: next.get() }
    };
    store.save_board_prefs(&[pref("Dreamco", CompanyPrefKind::Dream), pref("Blockedco", CompanyPrefKind::Blacklist)], &[role("Analyst")]).await.unwrap();
    store.save_board_prefs(&[pref("Northwind", CompanyPrefKind::Dream)], &[role("Backend Engineer"), role("Platform Engineer")]).await.unwrap();
    let kept: Vec<String> = store.company_prefs().await.unwrap().into_iter().map(|p| p.company).collect();
    assert_eq!(kept, vec!["Northwind".to_string()], "the new lists replace the old ones");
    let roles = || async { store.target_roles().await.unwrap().into_iter().map(|r| r.role_family).collect::<Vec<String>>() };
    assert_eq!(roles().await, vec!["Backend Engineer".to_string(), "Platform Engineer".into()]);

    // One company both dream and blacklisted (however it is spelled), or six roles: refused,
    // and neither list changes.
    let err = store
        .save_board_prefs(&[pref("Acme", CompanyPrefKind::Dream), pref("ACME, Inc.", CompanyPrefKind::Blacklist)], &[role("Nurse")])
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate { .. }), "{err:?}");
    let six: Vec<TargetRole> = (0..6).map(|k| role(&format!("Role {k}"))).collect();
    assert!(store.save_board_prefs(&[pref("Acme", CompanyPrefKind::Dream)], &six).await.is_err(), "more than five roles: refused");
    assert_eq!(store.company_prefs().await.unwrap().len(), 1);
    assert_eq!(roles().await, vec!["Backend Engineer".to_string(), "Platform Engineer".into()], "unchanged");
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn importing_applications_updates_by_id_and_a_bad_file_writes_nothing() {
    let name = db_name("apps-import");
    let store = Store::open(&name, quiet()).await.unwrap();
    let uid = store.user_id().to_string();
    let app = |id: &str, notes: &str| {
        let mut r = fitted_core::tracking::new_record(id.into(), uid.clone(), format!("run-{id}"), format!("job-{id}"), 1);
        r.notes = Some(notes.into());
        r
    };
    assert_eq!(store.import_applications(&[app("a", "first"), app("b", "first")]).await.unwrap(), (2, 0));
    assert_eq!(store.import_applications(&[app("a", "again"), app("c", "new")]).await.unwrap(), (1, 1));
    let notes = |v: Vec<ApplicationTracking>| {
        let mut n: Vec<(String, String)> = v.into_iter().map(|a| (a.id, a.notes.unwrap_or_default())).collect();
        n.sort();
        n
    };
    let before = notes(store.applications().await.unwrap());
    assert_eq!(before, vec![("a".into(), "again".into()), ("b".into(), "first".into()), ("c".into(), "new".into())]);

    // One id twice, or another profile's row: refused, nothing written.
    assert!(matches!(store.import_applications(&[app("d", "x"), app("d", "y")]).await, Err(StoreError::Duplicate { .. })));
    let mut foreign = app("e", "x");
    foreign.user_id = "someone-else".into();
    assert!(store.import_applications(&[app("f", "x"), foreign]).await.is_err());
    assert_eq!(notes(store.applications().await.unwrap()), before);
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_bulk_import_of_jobs_is_written_whole_or_not_at_all() {
    let name = db_name("jobs-bulk");
    let store = Store::open(&name, quiet()).await.unwrap();
    let uid = store.user_id().to_string();
    store.add_job(&job(&uid, "saved", "h-saved")).await.unwrap();
    store.add_jobs(&[job(&uid, "a", "h-a"), job(&uid, "b", "h-b")]).await.unwrap();
    assert_eq!(store.jobs(false).await.unwrap().len(), 3);
    // One description already saved, or twice in the batch: refused, and the others in
    // that batch are not written either.
    let err = store.add_jobs(&[job(&uid, "c", "h-c"), job(&uid, "again", "h-saved")]).await.unwrap_err();
    assert!(matches!(&err, StoreError::Duplicate { existing_id, .. } if existing_id == "saved"), "{err:?}");
    assert!(matches!(store.add_jobs(&[job(&uid, "d", "h-d"), job(&uid, "e", "h-d")]).await, Err(StoreError::Duplicate { .. })));
    let ids: Vec<String> = store.jobs(false).await.unwrap().into_iter().map(|j| j.id).collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    store.close();
    Store::delete_database(&name).await.unwrap();
}

/// The Jobs list's cards: made from the jobs and cached on first read; every way of
/// writing a job (one, many, an edit, a deletion, a batch) drops the cache in the same
/// transaction, so a read after it sees the write; a refused write leaves cache and jobs
/// as they were.
#[wasm_bindgen_test]
async fn job_cards_follow_every_write_to_jobs() {
    use fitted_store::repo::JOB_CARDS_KEY;
    let name = db_name("cards");
    let store = Store::open(&name, quiet()).await.unwrap();
    let uid = store.user_id().to_string();
    let cached = |store: Store| async move {
        let tx: Option<serde_json::Value> = store.get(schema::META, JOB_CARDS_KEY).await.unwrap();
        tx.is_some()
    };
    assert!(store.job_cards().await.unwrap().is_empty());
    assert!(cached(store.clone()).await, "the first read caches the cards");

    store.add_job(&job(&uid, "j1", "h1")).await.unwrap();
    assert!(!cached(store.clone()).await, "a new job drops the cache");
    let cards = store.job_cards().await.unwrap();
    assert_eq!(cards.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["j1"]);
    assert_eq!(cards[0].description, None, "the posting's text is not in a card");

    let mut many = vec![job(&uid, "j2", "h2"), job(&uid, "j3", "h3")];
    many[1].created_at += 10;
    store.add_jobs(&many).await.unwrap();
    assert_eq!(store.job_cards().await.unwrap().iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["j3", "j2", "j1"]);

    let mut edited = store.jobs(false).await.unwrap().into_iter().find(|j| j.id == "j1").unwrap();
    edited.title = "Staff Engineer".into();
    store.update_job(&edited).await.unwrap();
    assert!(store.job_cards().await.unwrap().iter().any(|c| c.id == "j1" && c.title == "Staff Engineer"));

    store.set_job_deleted("j2", true).await.unwrap();
    assert!(store.job_cards().await.unwrap().iter().any(|c| c.id == "j2" && c.is_deleted == Some(true)));

    let mut b = Batch::new();
    b.delete(schema::JOBS, "j3");
    store.write(b).await.unwrap();
    assert!(!store.job_cards().await.unwrap().iter().any(|c| c.id == "j3"));

    // Refused (a duplicate description): nothing is written, and the cards still match.
    let before = store.job_cards().await.unwrap();
    assert!(store.add_jobs(&[job(&uid, "j9", "h9"), job(&uid, "j10", "h1")]).await.is_err());
    assert_eq!(store.job_cards().await.unwrap(), before);
    assert_eq!(store.jobs(true).await.unwrap().len(), before.len());
    // The full jobs of some cards, for their texts.
    assert_eq!(store.jobs_by_id(&["j1".into(), "nope".into()]).await.unwrap().len(), 1);
    store.close();
    Store::delete_database(&name).await.unwrap();
}
