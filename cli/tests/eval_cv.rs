//! `fitted eval DIR --cv`: every résumé is held out once, the setting is chosen on the
//! others, and the report ends with one JSON line (cross-validated and default figures), for
//! the per-role caps and for the fit weights.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn each_resume_is_held_out_once_and_the_report_ends_with_json() {
    // A small labelled folder: two people, two postings each (so each fold trains on two pairs).
    let dir = std::env::temp_dir().join(format!("fitted-cli-cv-{}", std::process::id()));
    for sub in ["resumes", "jobs", "labels"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let fixtures = repo().join("tests/fixtures");
    for (person, job) in [
        ("mateo-lindqvist", "senior-backend-engineer-go-payments"),
        ("mateo-lindqvist", "software-engineer-distributed-systems-java"),
        ("marisol-quintero", "regulatory-affairs-specialist-510k"),
        ("marisol-quintero", "senior-regulatory-affairs-specialist-eu-mdr"),
    ] {
        std::fs::copy(fixtures.join(format!("resumes/{person}.json")), dir.join(format!("resumes/{person}.json"))).unwrap();
        std::fs::copy(fixtures.join(format!("jobs/{job}.txt")), dir.join(format!("jobs/{job}.txt"))).unwrap();
        let label = format!("labels/{person}__{job}.json");
        std::fs::copy(fixtures.join(&label), dir.join(&label)).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_fitted")).args(["eval", "--cv"]).arg(&dir).output().expect("fitted runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let held_out: Vec<&str> = text.lines().filter(|l| l.starts_with("mateo-lindqvist ") || l.starts_with("marisol-quintero ")).collect();
    // One fold per résumé for each of the three groups of selection constants, and again for
    // the fit weights.
    assert_eq!(held_out.len(), 8, "one fold per résumé:\n{text}");
    assert!(text.contains("(shipped default)"), "{text}");
    let last: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).expect("the last line is JSON");
    assert_eq!(last["cv"]["pairs"], 4);
    assert_eq!(last["candidates"].as_array().unwrap().len(), 8);
    let f1 = last["cv"]["selection_f1"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&f1), "{last}");
    let fit = last["fit_weights"]["cv_fit_spearman"].as_f64().unwrap();
    assert!((-1.0..=1.0).contains(&fit), "{last}");
    assert!(last["fit_weights"]["weightings"].as_u64().unwrap() > 1, "{last}");
    assert_eq!(last["groups"].as_object().unwrap().len(), 3, "{last}");
    std::fs::remove_dir_all(&dir).ok();
}
