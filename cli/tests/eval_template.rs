//! `fitted eval DIR --template NAME`: the app's path in another template (the JSON line is
//! the same shape); an unknown name is refused with the names to choose from.

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

    let bad = eval("nope");
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("nope") && err.contains("classic"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
