//! ATS structure: an independent résumé parser (`openresume-parser`, see
//! `tests/parse_resume.py`) splits every template × fixture PDF into the right fields and
//! entries: the name, e-mail and phone; one work entry per role; each role's title, company
//! and start date. Text extraction alone (ats_fidelity) does not show this: a parser also
//! has to tell where one entry ends and which line is which.
//!
//! Where the parser's own published rules cannot read a value whatever the layout, the
//! value is left out and counted, and the count printed: a name outside `[A-Za-z .]` (its
//! name rule), a phone with characters its phone pattern lacks, and a job title of eight or
//! more words (it reads any line that long as the start of the role's description).

use std::path::Path;

use fitted_core::render_source::{format_date, templates, Paper};
use fitted_core::resume::{Basics, Work};
use fitted_core::run::RunSpec;
use fitted_typeset::{engine, repo_fallback_font_dir, Typesetter, FALLBACK_FONTS};
use serde::Deserialize;

use crate::support::*;

#[derive(Deserialize, Debug)]
struct Parsed {
    name: String,
    email: String,
    phone: String,
    work: Vec<ParsedRole>,
}

#[derive(Deserialize, Debug)]
struct ParsedRole {
    title: String,
    company: String,
    start: String,
}

fn parse(pdf: &Path) -> Parsed {
    python_json("parse_resume.py", pdf)
}

/// The parser's name rule: only ASCII letters, spaces and dots score as a name.
fn parser_reads_name(name: &str) -> bool {
    name.chars().all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '.')
}

/// The parser's phone pattern: digits with spaces, brackets, dots and dashes, an optional
/// leading "+".
fn parser_reads_phone(phone: &str) -> bool {
    phone.chars().all(|c| c.is_ascii_digit() || " ().+-".contains(c))
}

/// The parser takes a line of eight or more words as the start of the description.
fn parser_reads_title(title: &str) -> bool {
    title.split_whitespace().count() < 8
}

/// Fields compared as text: runs of white space are one space.
fn same(a: &str, b: &str) -> bool {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    words(a) == words(b)
}

#[derive(Default)]
struct Tally {
    checked: usize,
    skipped: Vec<String>,
    failures: Vec<String>,
}

impl Tally {
    fn expect(&mut self, ok: bool, what: impl FnOnce() -> String) {
        self.checked += 1;
        if !ok {
            self.failures.push(what());
        }
    }
}

fn check(basics: &Basics, roles: &[Work], parsed: &Parsed, context: &str, tally: &mut Tally) {
    let field = |s: &Option<String>| s.as_deref().unwrap_or("").trim().to_string();
    let name = field(&basics.name);
    if parser_reads_name(&name) {
        tally.expect(same(&parsed.name, &name), || {
            format!("{context}: name {:?}, parser read {:?}", name, parsed.name)
        });
    } else {
        tally.skipped.push(format!("{context}: name {name:?}"));
    }
    let email = field(&basics.email);
    tally.expect(parsed.email == email, || {
        format!("{context}: e-mail {email:?}, parser read {:?}", parsed.email)
    });
    let phone = field(&basics.phone);
    if parser_reads_phone(&phone) {
        tally.expect(same(&parsed.phone, &phone), || {
            format!("{context}: phone {phone:?}, parser read {:?}", parsed.phone)
        });
    } else {
        tally.skipped.push(format!("{context}: phone {phone:?}"));
    }

    tally.expect(parsed.work.len() == roles.len(), || {
        format!(
            "{context}: {} roles, parser found {} entries: {:?}",
            roles.len(),
            parsed.work.len(),
            parsed.work
        )
    });
    for (i, role) in roles.iter().enumerate() {
        let got = parsed.work.get(i);
        let title = field(&role.position);
        let company = field(&role.name);
        let context = format!("{context}, role {} ({title} at {company})", i + 1);
        if parser_reads_title(&title) {
            tally.expect(got.is_some_and(|g| same(&g.title, &title)), || {
                format!("{context}: parser read title {:?}", got.map(|g| &g.title))
            });
            tally.expect(got.is_some_and(|g| same(&g.company, &company)), || {
                format!("{context}: parser read company {:?}", got.map(|g| &g.company))
            });
        } else {
            tally.skipped.push(format!("{context}: title and company"));
        }
        let start = format_date(role.start_date.as_ref()).unwrap_or_default();
        tally.expect(got.is_some_and(|g| same(&g.start, &start)), || {
            format!(
                "{context}: start {start:?}, parser read {:?}",
                got.map(|g| &g.start)
            )
        });
    }
}

/// The job each fixture résumé is tailored to: its first labelled job, or the first posting.
fn job_for(resume: &str) -> String {
    let fixtures = repo_root().join("tests/fixtures");
    let mut labels: Vec<String> = std::fs::read_dir(fixtures.join("labels"))
        .expect("tests/fixtures/labels")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    labels.sort();
    let mut jobs: Vec<String> = std::fs::read_dir(fixtures.join("jobs"))
        .expect("tests/fixtures/jobs")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    jobs.sort();
    let job = labels
        .iter()
        .find_map(|l| l.strip_prefix(&format!("{resume}__"))?.strip_suffix(".json").map(|j| format!("{j}.txt")))
        .unwrap_or_else(|| jobs[0].clone());
    std::fs::read_to_string(fixtures.join("jobs").join(job)).expect("posting readable")
}

/// What users upload: the one-page PDF of a tailoring run (`engine::run`, the app's stages
/// and one-page fitting), for every template × fixture résumé, on both papers. (A
/// multi-page master is not checked: this parser starts a new entry at every page break,
/// so a role running over onto the next page reads as two.)
#[test]
fn an_independent_parser_splits_every_tailored_pdf_into_fields_and_entries() {
    let mut typesetter = Typesetter::new();
    typesetter
        .add_fonts_from_dir(FALLBACK_FONTS, &repo_fallback_font_dir())
        .expect("on-demand fonts load from public/fonts");
    let mut tally = Tally::default();
    let mut pdfs = 0;
    for template in templates() {
        for paper in [Paper::UsLetter, Paper::A4] {
            for (name, doc) in fixtures() {
                let context = format!("{} {paper:?} × {name}", template.name);
                let spec = RunSpec {
                    job_text: job_for(&name),
                    job_hash: String::new(),
                    as_of: Some((2026, 12)),
                    template: template.name.to_string(),
                    paper,
                    page_images: None,
                    config: None,
                    pinned: vec![],
                    excluded: vec![],
                    document: doc.clone(),
                };
                let run = engine::run(&mut typesetter, spec, fitted_core::run::ModelLoad::Failed("no sentence model in this test".into())).unwrap_or_else(|e| panic!("{context}: {e}"));
                assert_eq!(run.rendered.page_count, 1, "{context}: a tailored PDF is one page");
                let file = format!("ats-parser-{}-{paper:?}-{name}.pdf", template.name);
                let pdf = write_artifact("pdf", &file, &run.rendered.pdf);
                // The roles on the page (a role may be left out when none of its bullets
                // was chosen), in the résumé's order.
                let shown = normalize(&pdftotext(&pdf));
                let roles: Vec<_> = doc
                    .work()
                    .iter()
                    .filter(|w| w.position.as_deref().is_some_and(|p| shown.contains(&normalize(p))))
                    .cloned()
                    .collect();
                check(&doc.basics(), &roles, &parse(&pdf), &context, &mut tally);
                pdfs += 1;
            }
        }
    }
    assert!(
        tally.failures.is_empty(),
        "{} of {} fields misread by the parser:\n{}",
        tally.failures.len(),
        tally.checked,
        tally.failures.join("\n")
    );
    assert!(tally.checked > 200, "too few fields checked: {}", tally.checked);
    println!(
        "ATS parser: {pdfs} PDFs, {} fields read right; {} left out by the parser's own rules:\n  {}",
        tally.checked,
        tally.skipped.len(),
        tally.skipped.join("\n  ")
    );
}
