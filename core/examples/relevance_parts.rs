//! Diagnostics for tuning relevance: for every labelled pair in an eval folder (laid out
//! like `tests/fixtures`), print the raw signals behind each bullet ↔ requirement score
//! ([`fitted_core::select::relevance::Parts`]) with the bullets' evidence, as one JSON
//! document. Join it with the labels to try another blend without rebuilding:
//!
//!     cargo run --release -p fitted-core --example relevance_parts -- tests/fixtures > parts.json

use fitted_core::embed::LexicalEmbedder;
use fitted_core::pipeline::{PreparedJob, PreparedResume};
use fitted_core::select::relevance::matrix_with;
use fitted_core::{resume::JsonResume, rubric};
use serde_json::json;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: relevance_parts DIR"));
    let read = |p: std::path::PathBuf| std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let embedder = LexicalEmbedder::default();
    let mut files: Vec<_> = std::fs::read_dir(dir.join("labels"))
        .expect("DIR/labels is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let label: serde_json::Value = serde_json::from_str(&read(f.clone())).expect("label is JSON");
        let (Some(rname), Some(jname)) = (label["resume"].as_str(), label["job"].as_str()) else { continue };
        let doc: JsonResume = serde_json::from_str(&read(dir.join("resumes").join(rname))).expect("résumé is JSON Resume");
        // The same prepared sides the app and `fitted eval` match with.
        let resume = PreparedResume::new(&doc, &embedder, None);
        let job = PreparedJob::new(rubric::extract_rubric(&read(dir.join("jobs").join(jname))), &embedder);
        out.push(json!({
            "resume": rname,
            "job": jname,
            "bullets": resume.bullets.iter().zip(&resume.evidence).map(|(b, e)| json!({
                "path": b.source_path, "text": b.text, "score": e.score, "tier": e.tier, "fluff": e.fluff_penalty,
            })).collect::<Vec<_>>(),
            "reqs": job.rubric.requirements.iter().map(|r| json!({
                "id": r.req_id, "type": r.req_type, "weight": r.weight, "category": r.category, "text": r.requirement,
            })).collect::<Vec<_>>(),
            "parts": matrix_with(&resume.side, &job.side, |p| p),
        }));
    }
    println!("{}", serde_json::to_string(&out).expect("serialisable"));
}
