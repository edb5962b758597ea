//! The in-app read-back (`fitted_typeset::readback`, the worker's own reading of the PDF's
//! bytes) against poppler's pdftotext on every template × fixture: the same words, and every
//! string the page shows found in order — so the ATS check the app shows is what an
//! independent extractor sees. The report itself (`fitted_core::ats`) is checked on a
//! tailored run: nothing missing, every role's fields on lines of their own.

use fitted_core::render_source::{self, templates, LayoutOptions, Paper};
use fitted_core::run::RunSpec;
use fitted_typeset::{engine, readback, repo_fallback_font_dir, Typesetter, FALLBACK_FONTS};

use crate::support::*;


#[test]
fn the_read_back_agrees_with_pdftotext_on_every_template_and_fixture() {
    let typesetter = typesetter();
    let mut failures = Vec::new();
    let mut checked = 0;
    for template in templates() {
        for (name, doc) in fixtures() {
            let context = format!("{} × {name} [read-back]", template.name);
            let rendered = typesetter.render(&doc, template.name, &LayoutOptions::default()).unwrap_or_else(|e| panic!("{context}: {e}"));
            let pdf = write_artifact("pdf", &format!("readback-{}-{name}.pdf", template.name), &rendered.pdf);
            let lines = readback::text_lines(&rendered.pdf).unwrap_or_else(|e| panic!("{context}: {e}"));
            let ours = lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n");
            failures.extend(check_clean_extraction(&ours, &context).err());
            failures.extend(check_in_order(&ours, &expected_strings(&render_source::view(&doc)), &context).err());
            // The same text as pdftotext, modulo white space and the arrangement of
            // right-to-left runs (`normalize`).
            let (a, b) = (normalize(&ours), normalize(&pdftotext(&pdf)));
            if a != b {
                let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
                let show = |s: &str| s.chars().skip(at.saturating_sub(40)).take(120).collect::<String>();
                failures.push(format!("{context}: differs from pdftotext at character {at}:\nours     {:?}\npdftotext {:?}", show(&a), show(&b)));
            }
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n\n"));
    println!("read-back: {checked} PDFs agree with pdftotext");
}

#[test]
fn a_tailored_run_reports_what_an_ats_reads() {
    let mut typesetter = Typesetter::new();
    typesetter.add_fonts_from_dir(FALLBACK_FONTS, &repo_fallback_font_dir()).expect("fonts");
    let root = repo_root().join("tests/fixtures");
    let doc = fixture("mateo-lindqvist");
    for template in templates() {
        let spec = RunSpec {
            job_text: std::fs::read_to_string(root.join("jobs/senior-backend-engineer-go-payments.txt")).expect("posting"),
            job_hash: String::new(),
            as_of: Some((2026, 12)),
            template: template.name.to_string(),
            paper: Paper::A4,
            page_images: None,
            config: None,
            pinned: vec![],
            excluded: vec![],
            document: doc.clone(),
        };
        let run = engine::run(&mut typesetter, spec, fitted_core::run::ModelLoad::Failed("no sentence model in this test".into())).expect("run");
        let ats = run.rendered.ats.as_ref().expect("the final render carries the ATS read-back");
        assert!(ats.passed(), "{}: {:?}", template.name, ats.problems);
        assert_eq!(ats.bullets_found, ats.bullets_total, "{}", template.name);
        assert!(ats.bullets_total >= 4 && ats.bullets_in_order, "{}: {ats:?}", template.name);
        assert!(!ats.roles.is_empty() && ats.roles.iter().all(|r| r.own_lines), "{}: {:?}", template.name, ats.roles);
        assert!(ats.keywords.len() >= 5, "{}: the posting's keywords are looked for: {:?}", template.name, ats.keywords);
        assert!(ats.keywords_found() > 0 && ats.keywords_found() < ats.keywords.len(), "{}: {:?}", template.name, ats.keywords);
        assert!(!run.rendered.docx.is_empty(), "{}: the Word export goes with the final PDF", template.name);
    }
}
