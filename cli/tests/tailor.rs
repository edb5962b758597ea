//! `fitted tailor`: the app's run, natively — a one-page PDF, the plan on stdout, the same
//! result for the same inputs and date, and clear errors for bad arguments.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn tailor(extra: &[&str], out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fitted"))
        .arg("tailor")
        .arg(repo().join("tests/fixtures/resumes/mateo-lindqvist.json"))
        .arg(repo().join("tests/fixtures/jobs/senior-backend-engineer-go-payments.txt"))
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("fitted runs")
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn tailor_writes_a_one_page_pdf_of_the_chosen_bullets_and_prints_the_plan() {
    let dir = std::env::temp_dir().join(format!("fitted-cli-tailor-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b) = (dir.join("a.pdf"), dir.join("b.pdf"));
    let first = tailor(&["--as-of", "2026-12", "--paper", "a4", "--template", "modern"], &a);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let plan: serde_json::Value = serde_json::from_slice(&first.stdout).expect("the plan is JSON");
    let chosen = plan["selected"]["workExperience"].as_array().expect("chosen bullets");
    assert!(chosen.len() >= 4, "{plan}");
    let text = pdftotext(&a).split_whitespace().collect::<Vec<_>>().join(" ");
    for b in chosen {
        let words: Vec<&str> = b["originalText"].as_str().unwrap().split_whitespace().take(6).collect();
        assert!(text.contains(&words.join(" ")), "chosen bullet {:?} not in the PDF", words.join(" "));
    }
    let info = Command::new("pdfinfo").arg(&a).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.lines().any(|l| l.starts_with("Pages:") && l.ends_with(" 1")), "{info}");
    assert!(info.contains("595.") , "A4 width in points: {info}");
    // Same inputs and date: the same bytes.
    let second = tailor(&["--as-of", "2026-12", "--paper", "a4", "--template", "modern"], &b);
    assert!(second.status.success());
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn bad_arguments_say_what_to_write() {
    let out = std::env::temp_dir().join("fitted-cli-never-written.pdf");
    for (args, says) in [
        (&["--as-of", "12/2026"][..], "YYYY-MM"),
        (&["--paper", "legal"][..], "use letter or a4"),
        (&["--template", "fancy"][..], "choose one of"),
    ] {
        let o = tailor(args, &out);
        assert!(!o.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert!(!out.exists());
}
