//! `fitted check MASTER.json TAILORED.json`: the fabrication check's command-line contract —
//! `{"flags":[{"path","span","kind"}…]}` on stdout, exit 0 with or without flags, and a clear
//! error (non-zero exit) for files it cannot read.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn master_path() -> PathBuf {
    repo().join("tests/fixtures/resumes/mateo-lindqvist.json")
}

fn check(tailored: &Value, name: &str) -> Output {
    let dir = std::env::temp_dir().join(format!("fitted-cli-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string(tailored).unwrap()).unwrap();
    Command::new(env!("CARGO_BIN_EXE_fitted"))
        .arg("check")
        .arg(master_path())
        .arg(&path)
        .args(["--as-of", "2026-12"])
        .output()
        .expect("fitted runs")
}

fn master() -> Value {
    serde_json::from_str(&std::fs::read_to_string(master_path()).unwrap()).unwrap()
}

fn flags(out: &Output) -> Vec<(String, String, String)> {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    v["flags"]
        .as_array()
        .expect("a flags array")
        .iter()
        .map(|f| {
            let keys: Vec<&String> = f.as_object().unwrap().keys().collect();
            assert_eq!(keys.len(), 3, "exactly path, span, kind: {f}");
            (f["path"].as_str().unwrap().into(), f["span"].as_str().unwrap().into(), f["kind"].as_str().unwrap().into())
        })
        .collect()
}

#[test]
fn an_honest_rewrite_passes_and_invented_facts_are_flagged_with_path_span_and_kind() {
    let mut honest = master();
    honest["work"][0]["highlights"][0] = json!(
        "Built an idempotent Go payment-authorization service serving 4.5K requests per second with p99 latency under 80 ms, retiring a legacy Ruby monolith endpoint."
    );
    honest["work"][0]["highlights"][3] =
        json!("Introduced distributed tracing (OpenTelemetry, Jaeger) across 27 Go microservices, reducing MTTR for P1 incidents from 3.1 hours to 55 minutes.");
    honest["work"][1]["highlights"][3] =
        json!("Moved twelve services from on-prem VMs to Docker and Kubernetes using Helm and Jenkins, cutting deploys from 45 to 8 minutes.");
    assert_eq!(flags(&check(&honest, "honest.json")), vec![]);

    let mut invented = honest.clone();
    invented["work"][0]["highlights"][2] = json!("Owned 14 backend services on AWS with Kotlin, cutting on-call pages 60% at Stripe.");
    invented["work"][1]["position"] = json!("Senior Software Engineer");
    invented["basics"]["summary"] = json!("Backend engineer with 15 years of experience.");
    let got = flags(&check(&invented, "invented.json"));
    let want = [
        ("basics.summary", "15 years", "date"),
        ("work[0].highlights[2]", "14", "number"),
        ("work[0].highlights[2]", "Kotlin", "tool"),
        ("work[0].highlights[2]", "60%", "number"),
        ("work[0].highlights[2]", "Stripe", "organisation"),
        ("work[1].position", "Senior Software Engineer", "title"),
    ];
    let want: Vec<(String, String, String)> = want.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
    assert_eq!(got, want);
}

#[test]
fn files_that_are_not_json_resume_are_refused_with_a_reason() {
    let out = check(&json!([1, 2]), "array.json");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a JSON Resume document"));
    let missing = Command::new(env!("CARGO_BIN_EXE_fitted")).args(["check", "/nonexistent/a.json", "/nonexistent/b.json"]).output().unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read"));
}
