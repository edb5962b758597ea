//! Versions at a heavy user's scale in real IndexedDB (headless Chromium): a bench, not part
//! of the gate (every test here is `#[ignore]`d). Run it with
//!
//!     bash scripts/bench-store.sh
//!
//! 200 versions of a 400-bullet résumé (40 roles × 10 bullets), each one edited bullet apart:
//! prints the time to commit a version, to list all versions, to read one back, and the bytes
//! the version stores hold.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use fitted_core::model::*;
use fitted_store::migrate::DbEvent;
use fitted_store::repo::{now, uuid_v4};
use fitted_store::schema;
use fitted_store::Store;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_else(js_sys::Date::now)
}

fn big_resume() -> fitted_core::resume::JsonResume {
    let work: Vec<serde_json::Value> = (0..40)
        .map(|r| {
            serde_json::json!({
                "name": format!("Company {r}"), "position": format!("Engineer {r}"), "startDate": "2015-01",
                "highlights": (0..10).map(|b| format!(
                    "Delivered project {r}-{b} that cut processing time by {b}0% for 1,200 customers across three regions, working with finance and operations teams"
                )).collect::<Vec<_>>()
            })
        })
        .collect();
    serde_json::from_value(serde_json::json!({"basics": {"name": "Heavy User"}, "work": work})).unwrap()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[wasm_bindgen_test]
#[ignore]
async fn bench_200_versions_of_a_400_bullet_resume() {
    let name = format!("fitted-bench-versions-{}", uuid_v4());
    let store = Store::open(&name, Rc::new(|_: DbEvent| {})).await.unwrap();
    let uid = store.user_id().to_string();
    let mut doc = big_resume();
    let t = now();
    let r = MasterResume { id: "r1".into(), user_id: uid, name: "Heavy".into(), created_at: t, updated_at: t, ..Default::default() };
    store.save_master_resume(&r, &[]).await.unwrap();
    let mut commit_ms = Vec::new();
    for i in 0..200 {
        if i > 0 {
            let hs = doc.work.as_mut().unwrap()[i % 40].highlights.as_mut().unwrap();
            hs[(i / 40) % 10].push_str(&format!(" (rev {i})"));
        }
        let t0 = ms();
        store.commit_version("r1", &doc, ResumeVersionType::Manual, None, None).await.unwrap();
        commit_ms.push(ms() - t0);
    }
    let mut list_ms = Vec::new();
    let mut read_ms = Vec::new();
    let mut versions = Vec::new();
    for _ in 0..9 {
        let t0 = ms();
        versions = store.versions_of("r1").await.unwrap();
        list_ms.push(ms() - t0);
        let t0 = ms();
        let d = store.version_document(&versions[100]).await.unwrap();
        read_ms.push(ms() - t0);
        assert_eq!(d.work.as_ref().unwrap().len(), 40);
    }
    assert_eq!(versions.len(), 200);
    let chunks: Vec<fitted_core::versions::VersionChunk> = store.all(schema::VERSION_CHUNKS).await.unwrap();
    let chunk_bytes: usize = chunks.iter().map(|c| c.id.len() + c.json.len()).sum();
    let version_bytes: usize = versions.iter().map(|v| serde_json::to_string(v).unwrap().len()).sum();
    let line = format!(
        "versions in IndexedDB: 200 versions of a 400-bullet résumé — commit median {:.1} ms, list all {:.1} ms, read one back {:.1} ms; stored {:.0} KB ({} chunks {:.0} KB + version records {:.0} KB)",
        median(commit_ms),
        median(list_ms),
        median(read_ms),
        (chunk_bytes + version_bytes) as f64 / 1024.0,
        chunks.len(),
        chunk_bytes as f64 / 1024.0,
        version_bytes as f64 / 1024.0
    );
    console_log!("{line}");
    store.close();
    Store::delete_database(&name).await.unwrap();
}
