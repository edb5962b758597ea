//! Structured fuzzing of what users paste: real postings and résumés (the fixtures) with
//! text inserted that breaks naive string handling — characters whose lower case has another
//! length (Ω K İ ẞ ﬃ), right-to-left and invisible marks, combining accents, CRLF and tabs,
//! HTML wrappers, "Label: value" header lines — and cut off at any character. Each case goes
//! through import, rubric, selection and fit, tailoring and the typesetting source, and must
//! not panic (in the app a panic kills the worker and the user's run).
//!
//! The gate runs a fixed sample (`prop_gate`); `scripts/discover.sh` runs 100 000 cases.

use std::sync::OnceLock;

use fitted_core::embed::LexicalEmbedder;
use fitted_core::pipeline::{analyze, Options};
use fitted_core::render_source::{typst_source, LayoutOptions};
use fitted_core::resume::JsonResume;
use proptest::prelude::*;

#[path = "support/prop_gate.rs"]
mod prop_gate;

struct Corpus {
    postings: Vec<String>,
    resumes: Vec<String>,
}

fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let read_dir = |dir: std::path::PathBuf, ext: &str| -> Vec<String> {
            let mut files: Vec<_> = std::fs::read_dir(&dir)
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == ext))
                .collect();
            files.sort();
            files.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
        };
        let mut postings = read_dir(root.join("../tests/fixtures/jobs"), "txt");
        postings.extend(read_dir(root.join("tests/postings"), "txt"));
        Corpus { postings, resumes: read_dir(root.join("../tests/fixtures/resumes"), "json") }
    })
}

/// Text that trips code which slices the original with offsets found in a lowercased copy,
/// compares bytes as characters, or assumes left-to-right ASCII lines.
const TRICKY: &[&str] = &[
    "\u{2126}", "\u{2126}\u{2126}", "\u{212A}", "Ω", "İ", "İstanbul", "ẞ", "ß", "ﬃ", "Σ", "ǅ", "\u{130}\u{307}", "e\u{301}", "\u{200F}", "\u{202E}",
    "\u{200B}", "\u{FEFF}", "\u{00A0}", "\r\n", "\t", "\r", "\n\n\n", "<div>", "</p>", "<b>Ω</b>", "&amp;", "&#x130;",
    "Location: \u{2126}\u{2126}\n", "Location: İstanbul, İzmir\n", "LOCATION: \u{212A}elvin\n", "LOCATİON: x\n", "Salary: ẞ$1\n", "Pay: Ω€12k–İ€\n",
    "Requirements:\n", "Nice to have\n", "- ", "• ", "5+ years", "z𞄄ed ", "ééing ", "K8s", "ΩMEGA Ltd",
    "The İncumbent will ", "About Ωmega\n", "$150M in revenue ", "(", ")", "\"", "’", "—", " | ", ": ",
];

#[derive(Debug, Clone)]
enum Edit {
    /// Insert a tricky piece before character `at` (modulo the length).
    Insert { at: usize, piece: usize },
    /// Keep only the first `keep` characters (modulo the length, at least one).
    Truncate { keep: usize },
    /// Insert a whole "Label: value" line after line `at` (modulo the line count).
    Line { at: usize, label: usize, value: usize },
    /// Upper-case (Unicode) everything.
    Upper,
}

const LABELS: &[&str] = &["Location", "LOCATION", "Locatİon", "Based in", "Office", "Salary", "Pay", "Compensation", "Type", "Title", "Company", "About"];

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        6 => (any::<usize>(), 0..TRICKY.len()).prop_map(|(at, piece)| Edit::Insert { at, piece }),
        3 => (any::<usize>(), 0..LABELS.len(), 0..TRICKY.len()).prop_map(|(at, label, value)| Edit::Line { at, label, value }),
        1 => any::<usize>().prop_map(|keep| Edit::Truncate { keep }),
        1 => Just(Edit::Upper),
    ];
    prop::collection::vec(edit, 0..8)
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut s = text.to_string();
    for e in edits {
        let n = s.chars().count();
        match e {
            Edit::Insert { at, piece } => {
                let at = if n == 0 { 0 } else { at % (n + 1) };
                let byte = s.char_indices().nth(at).map_or(s.len(), |(b, _)| b);
                s.insert_str(byte, TRICKY[*piece]);
            }
            Edit::Truncate { keep } => {
                let keep = 1 + keep % n.max(1);
                s = s.chars().take(keep).collect();
            }
            Edit::Line { at, label, value } => {
                let mut lines: Vec<String> = s.split('\n').map(str::to_string).collect();
                let at = at % (lines.len() + 1);
                lines.insert(at, format!("{}: {}", LABELS[*label], TRICKY[*value]));
                s = lines.join("\n");
            }
            Edit::Upper => s = s.to_uppercase(),
        }
    }
    s
}

/// Applies the edits to every string of a JSON value (so the document stays JSON).
fn apply_json(v: &mut serde_json::Value, edits: &[Edit], salt: &mut usize) {
    match v {
        serde_json::Value::String(s) => {
            // Vary the edits per field, deterministically.
            *salt += 1;
            if *salt % 3 == 0 {
                *s = apply(s, edits);
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| apply_json(x, edits, salt)),
        serde_json::Value::Object(o) => o.values_mut().for_each(|x| apply_json(x, edits, salt)),
        _ => {}
    }
}

/// Everything the app does with a pasted posting and résumé, natively.
fn whole_pipeline(resume_text: &str, posting: &str) {
    let imported = fitted_core::import::import_any(Some("resume.json"), resume_text).or_else(|_| fitted_core::import::import_any(None, resume_text));
    let doc: JsonResume = match imported {
        Ok(i) => i.document,
        Err(_) => return,
    };
    let rubric = fitted_core::rubric::extract_rubric(posting);
    for q in &rubric.requirements {
        for e in &q.jd_evidence {
            assert!(posting.contains(e.as_str()) || fitted_core::rubric::clean(posting).text.contains(e.as_str()), "evidence {e:?} is not quoted from the posting");
        }
    }
    let opts = Options { as_of: Some((2026, 12)), ..Default::default() };
    let a = analyze(&doc, posting, &LexicalEmbedder::default(), &opts);
    assert!(a.fit.fit_score <= 100);
    let t = fitted_core::tailor::tailor_without_llm(&doc, &a.plan);
    let _ = typst_source(&t.document, "classic", &LayoutOptions::default());
    let _ = fitted_core::render_source::latex_source(&t.document, "modern", &LayoutOptions::default());
}

proptest! {
    #![proptest_config(prop_gate::config(300))]

    #[test]
    fn pasted_postings_and_resumes_never_panic(
        p in 0usize..64, r in 0usize..64,
        posting_edits in edits(), resume_edits in edits(), as_text in any::<bool>(),
    ) {
        let c = corpus();
        let posting = apply(&c.postings[p % c.postings.len()], &posting_edits);
        let json = &c.resumes[r % c.resumes.len()];
        let resume_text = if as_text {
            // The résumé as pasted plain text (the fixture's strings, one per line).
            let v: serde_json::Value = serde_json::from_str(json).unwrap();
            let mut lines = Vec::new();
            fn collect(v: &serde_json::Value, out: &mut Vec<String>) {
                match v {
                    serde_json::Value::String(s) => out.push(s.clone()),
                    serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
                    serde_json::Value::Object(o) => o.values().for_each(|x| collect(x, out)),
                    _ => {}
                }
            }
            collect(&v, &mut lines);
            apply(&lines.join("\n"), &resume_edits)
        } else {
            let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
            apply_json(&mut v, &resume_edits, &mut 0);
            v.to_string()
        };
        whole_pipeline(&resume_text, &posting);
    }
}

/// The cases the issue reproduced with `fitted rubric`.
#[test]
fn reported_misreads() {
    let r = fitted_core::rubric::extract_rubric("Nurse — Ward 5\n\nLocation: \u{2126}\u{2126}\n\nRequirements\n- Registered nurse\n");
    assert_eq!(r.job_meta.location.as_deref(), Some("\u{2126}\u{2126}"));
    let r = fitted_core::rubric::extract_rubric("Engineer — Acme\nLocation: İstanbul, İzmir\n\nRequirements\n- Go\n");
    assert_eq!(r.job_meta.location.as_deref(), Some("İstanbul, İzmir"));
    let r = fitted_core::rubric::extract_rubric("Staff Nurse — City Hospital\n\nResponsibilities\n- Assess patient symptoms and plan care\n- Administer medication safely\n");
    assert!(r.requirements.iter().any(|q| q.requirement.contains("symptoms")), "{:?}", r.requirements);
    let r = fitted_core::rubric::extract_rubric("Tutor — Learning Co\n\nRequirements\n- Strong intuition for how students learn\n- Maths degree\n");
    assert!(r.requirements.iter().any(|q| q.requirement.contains("intuition")), "{:?}", r.requirements);
    let r = fitted_core::rubric::extract_rubric("Marketing Lead — Acme\n\nRequirements\n- Curious and eager to learn more about our customers\n- Email marketing\n");
    assert!(r.requirements.iter().any(|q| q.requirement.contains("eager to learn")), "{:?}", r.requirements);
    let r = fitted_core::rubric::extract_rubric("Events Manager — Acme\n\nRequirements\n- Manage event sponsorships and vendor contracts\n");
    assert!(r.constraints.as_ref().and_then(|c| c.work_authorization.as_ref()).is_none_or(|w| w.is_empty()), "{:?}", r.constraints);
    assert!(r.requirements.iter().any(|q| q.requirement.contains("sponsorships")), "{:?}", r.requirements);
    let r = fitted_core::rubric::extract_rubric("Engineer — Acme\n\nAbout us\nWe crossed $150M in annual recurring revenue last year.\n\nRequirements\n- Go\n");
    assert_eq!(r.job_meta.salary, None);
}
