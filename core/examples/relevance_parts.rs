//! Diagnostics for tuning relevance: for every labelled pair in an eval folder (laid out
//! like `tests/fixtures`), print the raw signals behind each bullet ↔ requirement score
//! ([`fitted_core::select::relevance::Parts`]) with the bullets' evidence, as one JSON
//! document. Join it with the labels to try another blend without rebuilding:
//!
//!     cargo run --release -p fitted-core --example relevance_parts -- tests/fixtures > parts.json
//!
//! Each bullet also carries the engine's `rank` score and `quality` factor, and `rel` is the
//! blended relevance matrix, so `scripts/eval/ceiling.py` can add a signal without
//! re-deriving the blend.
//!
//! `--gold-rubric` matches against the labels' own requirements instead of the extracted
//! rubric: the gap between the two runs is what rubric extraction costs.

use fitted_core::embed::LexicalEmbedder;
use fitted_core::model::{ReqType, Requirement};
use fitted_core::pipeline::{PreparedJob, PreparedResume};
use fitted_core::select::relevance::{blend, matrix_with, quality_factor, rank_scores};
use fitted_core::{resume::JsonResume, rubric};
use serde_json::json;

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: relevance_parts DIR"));
    let read = |p: std::path::PathBuf| std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let gold = std::env::args().any(|a| a == "--gold-rubric");
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
        let mut rubric = rubric::extract_rubric(&read(dir.join("jobs").join(jname)));
        if gold {
            // Oracle run: the labels' hand-written requirements in place of ours, to tell
            // losses from rubric extraction apart from losses in matching.
            rubric.requirements = label["requirements"].as_array().into_iter().flatten().map(|r| Requirement {
                req_id: r["id"].as_str().unwrap_or_default().to_owned(),
                req_type: if r["type"] == "must" { ReqType::Must } else { ReqType::Nice },
                weight: r["weight"].as_u64().unwrap_or(3) as u8,
                requirement: r["text"].as_str().unwrap_or_default().to_owned(),
                jd_evidence: vec![r["evidence"].as_str().unwrap_or_default().to_owned()],
                category: "gold".to_owned(),
            }).collect();
        }
        let job = PreparedJob::new(rubric, &embedder);
        // The engine's own ranking score per bullet (what `fitted eval` ranks by).
        let rel = matrix_with(&resume.side, &job.side, blend);
        let rank = rank_scores(&rel, &job.rubric, &resume.evidence);
        out.push(json!({
            "resume": rname,
            "job": jname,
            "bullets": resume.bullets.iter().zip(&resume.evidence).zip(&rank).map(|((b, e), r)| json!({
                "path": b.source_path, "text": b.text, "score": e.score, "tier": e.tier, "fluff": e.fluff_penalty,
                "quality": quality_factor(e), "rank": r,
            })).collect::<Vec<_>>(),
            "reqs": job.rubric.requirements.iter().map(|r| json!({
                "id": r.req_id, "type": r.req_type, "weight": r.weight, "category": r.category, "text": r.requirement,
            })).collect::<Vec<_>>(),
            "parts": matrix_with(&resume.side, &job.side, |p| p),
            "rel": rel,
        }));
    }
    println!("{}", serde_json::to_string(&out).expect("serialisable"));
}
