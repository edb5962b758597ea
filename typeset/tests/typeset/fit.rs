//! One-page fitting: an over-long résumé is tightened step by step until it fits; one that
//! cannot fit reports how many lines are over; nothing ever gets smaller than the minimum.

use fitted_core::render_source::{self, LayoutOptions, MAX_STEP, MIN_BODY_PT};
use fitted_core::resume::{JsonResume, Work};
use fitted_typeset::{FitOptions, Paper};

use crate::support::*;

/// A fixture cut down until it spills just past one page at the designed layout.
fn slightly_too_long(template: &str) -> JsonResume {
    let mut doc = fixture("daniel-achterberg");
    let typesetter = typesetter();
    // Drop trailing sections until the designed layout is between 1 and 2 pages.
    let mut work = doc.work.clone().unwrap_or_default();
    doc.projects = None;
    doc.volunteer = None;
    doc.awards = None;
    doc.certificates = None;
    doc.publications = None;
    loop {
        let rendered = typesetter
            .render(&doc, template, &LayoutOptions::default())
            .expect("renders");
        if rendered.page_count == 2 && rendered.lines_beyond_first_page <= 12 {
            return doc;
        }
        assert!(
            rendered.page_count >= 2,
            "{template}: cut too far to test fitting"
        );
        // Remove one bullet from the longest entry.
        let longest = work
            .iter_mut()
            .max_by_key(|w| w.highlights.as_ref().map_or(0, Vec::len))
            .expect("work entries");
        let highlights = longest.highlights.get_or_insert_with(Vec::new);
        assert!(
            highlights.pop().is_some(),
            "{template}: no bullets left to remove"
        );
        doc.work = Some(work.clone());
    }
}

#[test]
fn an_overlong_resume_is_tightened_to_one_page() {
    for template in render_source::templates() {
        let doc = slightly_too_long(template.name);
        let outcome = typesetter()
            .fit_to_one_page(&doc, template.name, Paper::UsLetter)
            .expect("fits");
        let summary = outcome.summary();
        assert!(outcome.fits, "{}: {summary:?}", template.name);
        assert_eq!(outcome.rendered.page_count, 1);
        assert_eq!(outcome.lines_over, 0);
        assert!(summary.step > 0, "{}: needed tightening", template.name);
        assert!(outcome.body_pt >= MIN_BODY_PT);
        assert!(outcome.rendered.layout.min_text_size_pt >= MIN_BODY_PT - 0.01);
        let pdf = write_artifact(
            "pdf",
            &format!("fit-{}.pdf", template.name),
            &outcome.rendered.pdf,
        );
        page_images(&pdf, &format!("fit-{}", template.name));
        // Tightening only removes space: the text still reads back in order.
        let expected = expected_strings(&render_source::view(&doc));
        check_in_order(&pdftotext(&pdf), &expected, template.name).unwrap();
        println!("fit {}: {summary:?}", template.name);
    }
}

#[test]
fn an_impossible_resume_reports_lines_over_and_keeps_the_minimum() {
    let bullet = "Delivered a measurable improvement to a critical system used by many teams, \
                  with careful planning and thorough testing";
    let doc = JsonResume {
        work: Some(
            (0..12)
                .map(|i| Work {
                    name: Some(format!("Company {i}")),
                    position: Some(format!("Role {i}")),
                    start_date: Some("2015-01".into()),
                    highlights: Some(vec![bullet.to_string(); 6]),
                    ..Work::default()
                })
                .collect(),
        ),
        ..JsonResume::default()
    };
    for template in render_source::templates() {
        let outcome = typesetter()
            .fit_to_one_page(&doc, template.name, Paper::A4)
            .expect("renders");
        let summary = outcome.summary();
        assert!(!outcome.fits, "{}: {summary:?}", template.name);
        assert_eq!(summary.step, MAX_STEP);
        assert!(outcome.rendered.page_count >= 2);
        assert!(outcome.lines_over >= 10, "{}: {summary:?}", template.name);
        assert!(outcome.lines_over <= outcome.rendered.page_count * 80);
        // Words per line, what the run driver cuts by: the bullet (18 words) wraps at the
        // tightest step, and title and date lines hold a few words, so somewhere between.
        let wpl = outcome.rendered.layout.words_per_line;
        assert!((2.0..18.0).contains(&wpl), "{}: {wpl} words per line", template.name);
        assert_eq!(
            outcome.body_pt, MIN_BODY_PT,
            "{}: at the floor",
            template.name
        );
        assert!(
            outcome.rendered.layout.min_text_size_pt >= MIN_BODY_PT - 0.01,
            "{}: smallest text {:.2} pt",
            template.name,
            outcome.rendered.layout.min_text_size_pt
        );
        println!("impossible {}: {summary:?}", template.name);
    }
}

#[test]
fn a_one_page_resume_is_left_as_designed() {
    let doc = JsonResume {
        work: Some(vec![Work {
            name: Some("Acme".into()),
            position: Some("Engineer".into()),
            highlights: Some(vec!["Built things.".into()]),
            ..Work::default()
        }]),
        ..JsonResume::default()
    };
    let outcome = typesetter()
        .fit_to_one_page(&doc, "modern", Paper::UsLetter)
        .expect("renders");
    assert!(outcome.fits);
    assert_eq!(outcome.summary().step, 0);
}

/// The search finds the same step as walking the ladder one step at a time (the loosest
/// that fits), with fewer layouts, and exports only the step it chose.
#[test]
fn the_search_finds_the_loosest_step_that_fits_with_few_layouts() {
    let ts = typesetter();
    for template in render_source::templates() {
        let mut doc = slightly_too_long(template.name);
        // Longer and longer versions: designed fits, needs some steps, needs the tightest,
        // cannot fit at all.
        for extra in [0usize, 2, 4, 8, 30] {
            if let Some(w) = doc.work.as_mut().and_then(|w| w.first_mut()) {
                let h = w.highlights.get_or_insert_with(Vec::new);
                for i in 0..extra {
                    h.push(format!("Additional bullet {i} about shipping a measurable improvement with others."));
                }
            }
            let walked = (0..=MAX_STEP)
                .find(|&step| ts.render(&doc, template.name, &LayoutOptions { paper: Paper::UsLetter, step }).unwrap().page_count <= 1);
            let outcome = ts
                .fit_to_one_page_with(&doc, template.name, Paper::UsLetter, FitOptions { outputs: fitted_typeset::Outputs::pdf_and_images(1.0), ..FitOptions::default() })
                .unwrap();
            // Starting anywhere else on the ladder finds the same step; starting at the answer
            // settles it in two layouts (it, and the looser one that does not fit).
            for first_step in 1..=MAX_STEP {
                let other = ts.fit_to_one_page_with(&doc, template.name, Paper::UsLetter, FitOptions { outputs: fitted_typeset::Outputs::NONE, first_step, ..FitOptions::default() }).unwrap();
                assert_eq!(other.rendered.layout_options.step, outcome.rendered.layout_options.step, "{}: +{extra} from {first_step}", template.name);
                assert_eq!(other.fits, outcome.fits);
                if walked == Some(first_step) {
                    assert_eq!(other.layouts, 2, "{}: +{extra} from the answer {first_step}", template.name);
                }
                if walked.is_none() && first_step == MAX_STEP {
                    assert_eq!(other.layouts, 1, "{}: an overflow at the tightest is known in one layout", template.name);
                }
            }
            match walked {
                Some(step) => {
                    assert!(outcome.fits, "{}: +{extra}", template.name);
                    assert_eq!(outcome.rendered.layout_options.step, step, "{}: +{extra}", template.name);
                }
                None => {
                    assert!(!outcome.fits);
                    assert_eq!(outcome.rendered.layout_options.step, MAX_STEP);
                    assert_eq!(outcome.layouts, 2, "{}: known after the designed and tightest layouts", template.name);
                }
            }
            assert!(outcome.layouts <= 5, "{}: {} layouts", template.name, outcome.layouts);
            assert!(!outcome.rendered.pdf.is_empty());
            let images = &outcome.rendered.images;
            assert_eq!(images.len(), outcome.rendered.page_count);
            // US Letter at 1 px per point, RGBA, and not blank: the page has dark text.
            assert_eq!((images[0].width, images[0].height), (612, 792));
            assert_eq!(images[0].rgba.len(), 612 * 792 * 4);
            assert!(images[0].rgba.chunks(4).filter(|p| p[0] < 100).count() > 2_000, "{}: a blank page image", template.name);
        }
    }
}
