//! Word export: for every template × fixture, an independent reader (python-docx, see
//! `tests/read_docx.py`) finds every string the PDF shows, in the same order, with Word's
//! own structure: the name as the Title, section titles as Heading 1, every bullet as a
//! bulleted list paragraph with exactly its text, and each role's title and organisation
//! as paragraphs of their own.

use std::path::Path;

use fitted_core::render_source::{self, docx, templates, Paper, SectionBody};
use serde::Deserialize;

use crate::support::*;

#[derive(Deserialize, Debug)]
struct Para {
    style: String,
    text: String,
    list: bool,
}

fn read_docx(path: &Path) -> Vec<Para> {
    python_json("read_docx.py", path)
}

#[test]
fn every_template_and_fixture_reads_back_from_word_with_its_structure() {
    let mut failures = Vec::new();
    let mut files = 0;
    for template in templates() {
        for (name, doc) in fixtures() {
            let context = format!("{} × {name} (.docx)", template.name);
            let bytes = docx(&doc, template.name, Paper::UsLetter).unwrap_or_else(|e| panic!("{context}: {e}"));
            assert_eq!(
                bytes,
                docx(&doc, template.name, Paper::UsLetter).expect("second export"),
                "{context}: same input, same bytes"
            );
            let path = write_artifact("docx", &format!("{}-{name}.docx", template.name), &bytes);
            let paras = read_docx(&path);
            let view = render_source::view(&doc);

            // Every string, in order.
            let all: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
            failures.extend(check_in_order(&all.join("\n"), &expected_strings(&view), &context).err());

            // Structure.
            let styled = |style: &str| -> Vec<&str> {
                paras.iter().filter(|p| p.style == style).map(|p| p.text.as_str()).collect()
            };
            if let Some(n) = &view.name {
                if paras.first().map(|p| (p.style.as_str(), p.text.as_str())) != Some(("Title", n.as_str())) {
                    failures.push(format!("{context}: the first paragraph is not the name in the Title style"));
                }
            }
            let headings: Vec<&str> = view.sections.iter().map(|s| s.title).collect();
            if styled("Heading 1") != headings {
                failures.push(format!("{context}: Heading 1 paragraphs {:?}, sections {headings:?}", styled("Heading 1")));
            }
            let bullets: Vec<&str> = view
                .sections
                .iter()
                .flat_map(|s| match &s.body {
                    SectionBody::Entries(es) => es.iter().flat_map(|e| e.bullets.iter().map(String::as_str)).collect(),
                    _ => vec![],
                })
                .collect();
            let listed: Vec<&str> = paras.iter().filter(|p| p.list && p.style == "List Bullet").map(|p| p.text.as_str()).collect();
            if listed != bullets {
                failures.push(format!("{context}: list paragraphs differ from the bullets:\n{listed:?}\n{bullets:?}"));
            }
            for s in view.sections.iter().filter(|s| s.id == "work") {
                let SectionBody::Entries(es) = &s.body else { continue };
                for e in es {
                    for field in [&e.title, &e.org].into_iter().flatten() {
                        if !paras.iter().any(|p| &p.text == field) {
                            failures.push(format!("{context}: no paragraph of its own for {field:?}"));
                        }
                    }
                }
            }
            files += 1;
        }
    }
    assert!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n\n"));
    println!("Word export: {files} template × fixture files read back by python-docx");
}
