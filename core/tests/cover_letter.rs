//! Cover letters over every fixture résumé × posting: the draft made without a model says
//! nothing the résumé (or the posting's own company and title) does not, cites the chosen
//! evidence and stays within the word limit; a fact added to it is flagged; a model's letter
//! is held to the limit.

use fitted_core::model::JdRubric;
use fitted_core::protocol::{handle, Request, Response};
use fitted_core::resume::JsonResume;
use fitted_core::tailor::check::FactKind;
use fitted_core::tailor::letter::{check_letter, draft, from_reply, letter_prompt, Letter, LetterReply, MAX_WORDS};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures");
const AS_OF: Option<(i32, u32)> = Some((2026, 12));

fn files(dir: &str, ext: &str) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(format!("{FIXTURES}/{dir}")).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == ext)).collect();
    v.sort();
    v
}

/// (résumé name, document as JSON, document, posting name, rubric, plan) for every pair.
fn pairs() -> Vec<(String, Value, JsonResume, String, JdRubric, fitted_core::model::SelectionPlan)> {
    let jobs: Vec<(String, JdRubric)> = files("jobs", "txt")
        .into_iter()
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), fitted_core::rubric::extract_rubric(&std::fs::read_to_string(&p).unwrap())))
        .collect();
    let mut out = Vec::new();
    for p in files("resumes", "json") {
        let text = std::fs::read_to_string(&p).unwrap();
        let Ok(value) = serde_json::from_str::<Value>(&text) else { continue };
        if value.get("work").is_none() {
            continue;
        }
        let document: JsonResume = serde_json::from_value(value.clone()).unwrap();
        for (job, rubric) in &jobs {
            let request = Request::Select {
                document: document.clone(),
                rubric: rubric.clone(),
                job_text_hash: String::new(),
                pinned: vec![],
                excluded: vec![],
                config: None,
                as_of: AS_OF,
            };
            let Ok(Response::Selection(sel)) = handle(request, &|| 0.0, &mut |_, _, _| {}) else { panic!("selection failed") };
            out.push((p.file_stem().unwrap().to_string_lossy().into_owned(), value.clone(), document.clone(), job.clone(), rubric.clone(), sel.plan));
        }
    }
    assert!(out.len() >= 20, "fixtures missing: {}", out.len());
    out
}

#[test]
fn the_draft_says_only_what_the_resume_and_posting_say() {
    for (who, value, doc, job, rubric, plan) in pairs() {
        let letter = draft(&doc, &plan, &rubric);
        let flags = check_letter(&value, &rubric, &letter, AS_OF);
        assert!(flags.is_empty(), "{who} × {job}: {flags:?}\n{letter:#?}");
        assert!(letter.words() <= MAX_WORDS, "{who} × {job}: {} words", letter.words());
        assert!(letter.greeting.starts_with("Dear "));
        assert!(!letter.paragraphs.is_empty());
        // It cites chosen bullets when there are any: each cited one's words appear.
        let chosen: Vec<&str> = plan.selected.work_experience.iter().chain(&plan.selected.projects).map(|b| b.original_text.as_str()).collect();
        if !chosen.is_empty() {
            let body = letter.paragraphs.join(" ");
            let tail = |t: &str| t.split_whitespace().skip(1).take(4).collect::<Vec<_>>().join(" ");
            assert!(chosen.iter().any(|t| body.contains(&tail(t))), "{who} × {job}: no chosen bullet cited\n{body}");
        }
        let text = letter.text("Ana Example");
        assert!(text.ends_with("Kind regards,\nAna Example\n"), "{text}");
    }
}

#[test]
fn a_fact_added_to_the_draft_is_flagged() {
    let (who, value, doc, job, rubric, plan) = pairs().into_iter().next().unwrap();
    let mut letter = draft(&doc, &plan, &rubric);
    letter.paragraphs.insert(1, "At Globex Dynamics I cut onboarding time by 87% using Kubernetes.".into());
    let flags = check_letter(&value, &rubric, &letter, AS_OF);
    let kinds: Vec<FactKind> = flags.iter().filter(|f| f.path == "letter.paragraphs[1]").map(|f| f.kind).collect();
    assert!(kinds.contains(&FactKind::Number), "{who} × {job}: {flags:?}");
    assert!(kinds.contains(&FactKind::Organisation), "{who} × {job}: {flags:?}");
    assert!(flags.iter().all(|f| f.path == "letter.paragraphs[1]"), "only the added paragraph: {flags:?}");
    // Spans point into the paragraph's text.
    for f in &flags {
        assert_eq!(&letter.paragraphs[1][f.range.clone()], f.span);
    }
}

#[test]
fn the_prompt_carries_the_evidence_and_the_limit() {
    let (_, _, doc, _, rubric, plan) = pairs().into_iter().next().unwrap();
    let prompt = letter_prompt(&doc, &plan, &rubric);
    assert_eq!(prompt.version, "cover-letter-v1");
    assert!(prompt.system.contains("Never state a fact"));
    let user: Value = serde_json::from_str(&prompt.user).unwrap();
    assert_eq!(user["maxWords"], MAX_WORDS);
    assert_eq!(user["job"]["title"], rubric.job_meta.job_title);
    let evidence = user["evidence"].as_array().unwrap();
    assert!(!evidence.is_empty() && evidence.len() <= 3);
    let chosen: Vec<&str> = plan.selected.work_experience.iter().chain(&plan.selected.projects).map(|b| b.original_text.as_str()).collect();
    for e in evidence {
        assert!(chosen.contains(&e["text"].as_str().unwrap()), "only chosen bullets: {e}");
    }
}

#[test]
fn a_model_letter_is_held_to_the_limit() {
    let long = "This sentence has exactly eight words in it. ".repeat(60);
    let reply = LetterReply { greeting: " ".into(), paragraphs: vec!["".into(), "First paragraph.".into(), long.clone(), "Never reached.".into()], closing: "".into() };
    let (letter, cut) = from_reply(&reply);
    assert!(cut);
    assert_eq!(letter.greeting, "Dear hiring team,");
    assert_eq!(letter.closing, "Kind regards,");
    assert_eq!(letter.paragraphs.len(), 2, "{letter:?}");
    assert!(letter.words() <= MAX_WORDS, "{}", letter.words());
    assert!(letter.paragraphs[1].ends_with('.'), "cut at a sentence end");
    let short = LetterReply { greeting: "Dear Acme team,".into(), paragraphs: vec!["One.".into(), "Two  words\nhere.".into()], closing: "Best,".into() };
    let (letter, cut) = from_reply(&short);
    assert!(!cut);
    assert_eq!(letter, Letter { greeting: "Dear Acme team,".into(), paragraphs: vec!["One.".into(), "Two words here.".into()], closing: "Best,".into() });
}

/// A sample of drafts to read: `cargo test -p fitted-core --test cover_letter -- --ignored --nocapture`.
#[test]
#[ignore]
fn print_drafts() {
    for (who, _, doc, job, rubric, plan) in pairs().into_iter().step_by(7) {
        println!("=== {who} × {job}\n{}", draft(&doc, &plan, &rubric).text("NAME"));
    }
}
