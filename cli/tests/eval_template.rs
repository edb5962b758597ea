//! `fitted eval DIR --template NAME`: the app's path in another template (the JSON line is
//! the same shape); an unknown name is refused with the names to choose from. `--before-page`
//! measures the engine without the page.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn another_template_is_measured_and_an_unknown_one_refused() {
    let dir = std::env::temp_dir().join(format!("fitted-cli-eval-template-{}", std::process::id()));
    for sub in ["resumes", "jobs", "labels"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let fixtures = repo().join("tests/fixtures");
    let (person, job) = ("lorena-baptiste", "clinical-informatics-specialist-epic");
    std::fs::copy(fixtures.join(format!("resumes/{person}.json")), dir.join(format!("resumes/{person}.json"))).unwrap();
    std::fs::copy(fixtures.join(format!("jobs/{job}.txt")), dir.join(format!("jobs/{job}.txt"))).unwrap();
    let label = format!("labels/{person}__{job}.json");
    std::fs::copy(fixtures.join(&label), dir.join(&label)).unwrap();

    let eval = |template: &str| Command::new(env!("CARGO_BIN_EXE_fitted")).args(["eval", "--template", template]).arg(&dir).output().expect("fitted runs");
    let last_json = |out: &std::process::Output| -> serde_json::Value {
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        serde_json::from_str(text.lines().last().unwrap()).expect("the last line is JSON")
    };
    let classic = eval("classic");
    let modern = eval("modern");
    assert!(classic.status.success() && modern.status.success(), "{}", String::from_utf8_lossy(&modern.stderr));
    let (c, m) = (last_json(&classic), last_json(&modern));
    assert_eq!(m["pairs"], 1);
    // Ranking does not depend on the page; it is the same in both.
    assert_eq!(c["ndcg10"], m["ndcg10"]);

    // `--before-page`: the engine alone, without the one-page limit. This pair's page holds
    // fewer bullets than the engine chooses (12 of 15 when measured), so the flag shows more.
    let selected = |args: &[&str]| -> usize {
        let details = dir.join(format!("details-{}.json", args.len()));
        let out = Command::new(env!("CARGO_BIN_EXE_fitted")).arg("eval").args(args).arg("--details").arg(&details).arg(&dir).output().expect("fitted runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let d: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&details).unwrap()).unwrap();
        d["pairs"][0]["selected"].as_array().unwrap().len()
    };
    let (on_page, before_page) = (selected(&[]), selected(&["--before-page"]));
    assert!(before_page > on_page, "before the page {before_page}, on the page {on_page}");

    let bad = eval("nope");
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("nope") && err.contains("classic"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
