//! The calibration (`semvec::Calibration`) that puts other word vectors on the bundled
//! vectors' scale, chosen without labels: over every bullet × requirement pair of the
//! fixtures, `low` and `low + span` sit at the same ranks as the bundled 0.4 and 0.9; over
//! every pair of one résumé's bullets, `restates` sits at the bundled 0.8's rank. Prints
//! `low,span,restates` for `FITTED_SEMVEC_CAL` (see scripts/eval/try_vectors.sh):
//!
//!     cargo run --release -p fitted-core --example semvec_calibrate -- VECTORS.bin

use fitted_core::embed::cosine;
use fitted_core::semvec::SemanticVectors;
use fitted_core::{import, resume::JsonResume, rubric};

/// Cosines of bullet × requirement pairs and of bullet × bullet pairs (same résumé), sorted.
fn cosines(v: &SemanticVectors, bullets: &[Vec<String>], requirements: &[String]) -> (Vec<f32>, Vec<f32>) {
    let reqs: Vec<Vec<f32>> = requirements.iter().map(|r| v.text_vector(r)).collect();
    let (mut br, mut bb) = (Vec::new(), Vec::new());
    for resume in bullets {
        let bv: Vec<Vec<f32>> = resume.iter().map(|b| v.text_vector(b)).collect();
        for r in &reqs {
            br.extend(bv.iter().map(|b| cosine(b, r)));
        }
        for a in 0..bv.len() {
            bb.extend(bv[a + 1..].iter().map(|b| cosine(&bv[a], b)));
        }
    }
    br.sort_by(f32::total_cmp);
    bb.sort_by(f32::total_cmp);
    (br, bb)
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: semvec_calibrate VECTORS.bin");
    let trial = SemanticVectors::parse(&std::fs::read(&path).expect("read the vectors")).expect("FSV1 vectors");
    let bundled = SemanticVectors::parse(include_bytes!("../data/semvec.bin")).expect("bundled vectors");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let files = |sub: &str| {
        let mut p: Vec<_> = std::fs::read_dir(dir.join(sub)).expect("tests/fixtures").map(|e| e.unwrap().path()).collect();
        p.sort();
        p
    };
    let requirements: Vec<String> = files("jobs")
        .iter()
        .flat_map(|p| rubric::extract_rubric(&std::fs::read_to_string(p).unwrap()).requirements)
        .map(|r| r.requirement)
        .collect();
    let bullets: Vec<Vec<String>> = files("resumes")
        .iter()
        .filter(|p| !p.ends_with("edge_cases.json"))
        .map(|p| {
            let doc: JsonResume = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
            import::bullets(&doc).into_iter().map(|b| b.text).collect()
        })
        .collect();
    let (br0, bb0) = cosines(&bundled, &bullets, &requirements);
    let (br1, bb1) = cosines(&trial, &bullets, &requirements);
    let cal = fitted_core::semvec::calibration();
    let rank = |v: &[f32], x: f64| v.partition_point(|&c| (c as f64) < x) as f64 / v.len() as f64;
    let at = |v: &[f32], p: f64| v[(((v.len() - 1) as f64) * p).round() as usize] as f64;
    let low = at(&br1, rank(&br0, cal.low));
    let high = at(&br1, rank(&br0, cal.low + cal.span));
    let restates = at(&bb1, rank(&bb0, cal.restates));
    println!("{low:.4},{:.4},{restates:.4}", high - low);
}
