//! Diagnostics for one résumé and one posting: for every requirement, the bullets that
//! match it best with their blended relevance and the raw parts behind it. For walking a
//! résumé from another field through the engine and seeing why a bullet was or was not
//! taken:
//!
//!     cargo run --release -p fitted-core --example explain_match -- RESUME.json JOB.txt
//!
//! RESUME is JSON Resume or what `fitted import` prints.

use fitted_core::embed::LexicalEmbedder;
use fitted_core::pipeline::{PreparedJob, PreparedResume};
use fitted_core::select::relevance::{blend, matrix_with};
use fitted_core::{resume::JsonResume, rubric};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [resume, job] = args.as_slice() else { panic!("usage: explain_match RESUME.json JOB.txt") };
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}"));
    let value: serde_json::Value = serde_json::from_str(&read(resume)).expect("résumé is JSON");
    let doc: JsonResume = serde_json::from_value(value.get("document").cloned().unwrap_or(value)).expect("JSON Resume");
    let embedder = LexicalEmbedder::default();
    let resume = PreparedResume::new(&doc, &embedder, None);
    let job = PreparedJob::new(rubric::extract_rubric(&read(job)), &embedder);
    let rel = matrix_with(&resume.side, &job.side, blend);
    let parts = matrix_with(&resume.side, &job.side, |p| p);
    for (j, r) in job.rubric.requirements.iter().enumerate() {
        println!("{} {:?} w{} [{}] {}", r.req_id, r.req_type, r.weight, r.category, r.requirement);
        let mut order: Vec<usize> = (0..resume.bullets.len()).collect();
        order.sort_by(|&a, &b| rel[b][j].total_cmp(&rel[a][j]));
        for &i in order.iter().take(3) {
            let b = &resume.bullets[i];
            println!("   {:.3} {:?} {:.50} | {:?}", rel[i][j], resume.evidence[i].tier, b.text, parts[i][j]);
        }
    }
}
