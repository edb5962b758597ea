//! Cover letters typeset in every template's typeface: one page, every paragraph extracted
//! by pdftotext in order, hostile text shown literally, no missing glyphs.

use fitted_core::render_source::{letter_typst_source, templates, Paper};
use fitted_core::tailor::letter::Letter;
use fitted_typeset::Outputs;

use crate::support::*;

fn letter() -> Letter {
    Letter {
        greeting: "Dear Quayside Travel hiring team,".into(),
        paragraphs: vec![
            "I am writing to apply for the Senior Frontend Engineer role at Quayside Travel.".into(),
            "What I would bring: At Ølstad & Søn A/S, I cut p99 latency by ~40% (250 ms → 150 ms); #import \"x\" $x^2$ [ ] <a> @b stays text.".into(),
            "Thank you for your time and consideration.".into(),
        ],
        closing: "Kind regards,".into(),
    }
}

#[test]
fn a_letter_is_one_page_with_every_paragraph_in_order() {
    for (name, doc) in fixtures().into_iter().take(2) {
        for template in templates() {
            for paper in [Paper::UsLetter, Paper::A4] {
                let source = letter_typst_source(&doc, &letter(), template.name, paper, "6 December 2026").unwrap();
                let rendered = typesetter().compile_with(source, Outputs { pdf: true, images: None }).unwrap_or_else(|e| panic!("{name} {}: {e}", template.name));
                assert_eq!(rendered.page_count, 1, "{name} {}", template.name);
                assert!(rendered.layout.missing_glyphs.is_empty(), "{:?}", rendered.layout.missing_glyphs);
                let path = write_artifact("pdf", &format!("letter-{name}-{}-{paper:?}.pdf", template.name), &rendered.pdf);
                let text = normalize(&pdftotext(&path));
                let mut expected = vec!["6 December 2026".to_string(), letter().greeting];
                expected.extend(letter().paragraphs);
                expected.push("Kind regards,".into());
                if let Some(n) = doc.basics.as_ref().and_then(|b| b.name.clone()) {
                    expected.insert(0, n.clone());
                    expected.push(n);
                }
                let expected: Vec<String> = expected.iter().map(|e| normalize(e)).collect();
                check_in_order(&text, &expected, &format!("{name} {}", template.name)).unwrap();
            }
        }
    }
}
