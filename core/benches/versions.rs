//! Versions at a heavy user's scale: `cargo bench -p fitted-core --bench versions`.
//!
//! 200 versions of a 400-bullet résumé (40 roles × 10 bullets), each version one edited
//! bullet away from its parent. Prints what chunked storage keeps (bytes of distinct chunks
//! plus manifests) next to what whole documents would cost, then times packing a version,
//! reading one back, ordering the tree and comparing two versions.

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use fitted_core::model::{ResumeVersion, ResumeVersionType};
use fitted_core::resume::JsonResume;
use fitted_core::versions::{new_version, pack, tree_layout, unpack};

const ROLES: usize = 40;
const BULLETS_PER_ROLE: usize = 10;
const VERSIONS: usize = 200;

fn big_resume() -> JsonResume {
    let work: Vec<serde_json::Value> = (0..ROLES)
        .map(|r| {
            serde_json::json!({
                "name": format!("Company {r}"), "position": format!("Engineer {r}"),
                "startDate": "2015-01", "endDate": "2016-01",
                "highlights": (0..BULLETS_PER_ROLE).map(|b| format!(
                    "Delivered project {r}-{b} that cut processing time by {b}0% for 1,200 customers across three regions, working with finance and operations teams"
                )).collect::<Vec<_>>()
            })
        })
        .collect();
    serde_json::from_value(serde_json::json!({"basics": {"name": "Heavy User", "summary": "Long career."}, "work": work})).unwrap()
}

/// The chain of documents: each edits one bullet of the one before.
fn history() -> Vec<JsonResume> {
    let mut doc = big_resume();
    let mut out = vec![doc.clone()];
    for i in 1..VERSIONS {
        let role = i % ROLES;
        let bullet = (i / ROLES) % BULLETS_PER_ROLE;
        doc.work.as_mut().unwrap()[role].highlights.as_mut().unwrap()[bullet].push_str(&format!(" (rev {i})"));
        out.push(doc.clone());
    }
    out
}

fn report() {
    let docs = history();
    let mut chunks: HashMap<String, usize> = HashMap::new();
    let mut manifests = 0usize;
    let mut whole = 0usize;
    let mut versions = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let (m, cs) = pack(d);
        manifests += serde_json::to_string(&m).unwrap().len();
        whole += serde_json::to_string(d).unwrap().len();
        for c in cs {
            chunks.entry(c.id.clone()).or_insert(c.json.len() + c.id.len());
        }
        versions.push(new_version(format!("v{i}"), "r", (i > 0).then(|| format!("v{}", i - 1)), ResumeVersionType::Manual, String::new(), Some(m), i as i64));
    }
    let chunk_bytes: usize = chunks.values().sum();
    println!(
        "versions: {VERSIONS} versions of a {}-bullet résumé: chunks {:.1} KB + manifests {:.1} KB = {:.1} KB stored; whole documents would be {:.1} MB",
        ROLES * BULLETS_PER_ROLE,
        chunk_bytes as f64 / 1024.0,
        manifests as f64 / 1024.0,
        (chunk_bytes + manifests) as f64 / 1024.0,
        whole as f64 / 1024.0 / 1024.0
    );
    println!("versions: one version record (its manifest) is {:.1} KB; listing reads only these", manifests as f64 / VERSIONS as f64 / 1024.0);
}

fn bench(c: &mut Criterion) {
    report();
    let docs = history();
    let (m, cs) = pack(&docs[VERSIONS - 1]);
    let by_id: HashMap<String, String> = cs.into_iter().map(|c| (c.id, c.json)).collect();
    let versions: Vec<ResumeVersion> = (0..VERSIONS)
        .map(|i| new_version(format!("v{i}"), "r", (i > 0).then(|| format!("v{}", (i - 1) / 2)), ResumeVersionType::Manual, String::new(), None, i as i64))
        .collect();
    let mut g = c.benchmark_group("versions (400 bullets, 200 versions)");
    g.sample_size(20);
    g.bench_function("pack one version", |b| b.iter(|| pack(black_box(&docs[7])).1.len()));
    g.bench_function("read one version back", |b| b.iter(|| unpack(black_box(&m), |id| by_id.get(id).cloned()).unwrap()));
    g.bench_function("tree layout of 200 versions", |b| b.iter(|| tree_layout(black_box(&versions)).len()));
    g.bench_function("compare two versions", |b| b.iter(|| fitted_core::diff::diff(black_box(&docs[0]), black_box(&docs[VERSIONS - 1])).rewritten.len()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
