//! ATS fidelity: for every template and fixture, two independent text extractors read back
//! every bullet, title, company and contact detail, in the order the page shows them, with
//! no broken glyph references; nothing runs off the page; only emoji may lack a glyph.

use fitted_core::render_source::{self, templates, LayoutOptions};

use crate::support::*;

#[test]
fn every_template_and_fixture_reads_back_in_order() {
    let typesetter = typesetter();
    let mut failures = Vec::new();
    let mut checked = 0;
    for template in templates() {
        for (name, doc) in fixtures() {
            let context = format!("{} × {name}", template.name);
            let rendered = typesetter
                .render(&doc, template.name, &LayoutOptions::default())
                .unwrap_or_else(|e| panic!("{context}: {e}"));
            let file = format!("{}-{name}", template.name);
            let pdf = write_artifact("pdf", &format!("{file}.pdf"), &rendered.pdf);
            page_images(&pdf, &file);

            let view = render_source::view(&doc);
            let expected = expected_strings(&view);
            // The view must contain what the JSON says an ATS needs, or the order check
            // below would prove nothing about those fields.
            if let Err(e) = check_in_order(&expected.join(" "), &must_show(&doc), &context) {
                failures.push(format!("view is missing JSON fields: {e}"));
            }
            for (extractor, text) in [("pdftotext", pdftotext(&pdf)), ("pypdf", pypdf(&pdf))] {
                let context = format!("{context} [{extractor}]");
                failures.extend(check_clean_extraction(&text, &context).err());
                failures.extend(check_in_order(&text, &expected, &context).err());
            }

            let margin = template.resolve(&LayoutOptions::default()).margin_x_in * 72.0;
            let layout = &rendered.layout;
            if layout.text_right_pt > layout.page_width_pt - margin + 0.5
                || layout.text_left_pt < margin - 0.5
            {
                failures.push(format!(
                    "{context}: text spans {:.1}–{:.1} pt, outside the margins of a {:.1} pt page",
                    layout.text_left_pt, layout.text_right_pt, layout.page_width_pt
                ));
            }
            let tofu: Vec<char> = layout
                .missing_glyphs
                .iter()
                .copied()
                .filter(|c| !is_emoji(*c))
                .collect();
            if !tofu.is_empty() {
                failures.push(format!("{context}: no glyph for {tofu:?}"));
            }
            checked += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    println!("ATS fidelity: {checked} template × fixture PDFs read back in order by 2 extractors");
}

#[test]
fn pdfs_are_deterministic_and_carry_metadata() {
    let typesetter = typesetter();
    let doc = fixture("edge_cases");
    let a = typesetter
        .render(&doc, "modern", &LayoutOptions::default())
        .expect("renders");
    let b = typesetter
        .render(&doc, "modern", &LayoutOptions::default())
        .expect("renders");
    assert_eq!(a.pdf, b.pdf, "same input, same bytes");
    let raw = String::from_utf8_lossy(&a.pdf);
    assert!(
        !raw.contains("/CreationDate") && !raw.contains("/ModDate"),
        "no timestamps"
    );
    let pdf = write_artifact("pdf", "metadata-check.pdf", &a.pdf);
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect(SETUP_HINT);
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.contains("Zoë Ñúñez-Østergaard — Résumé"),
        "title metadata: {info}"
    );
    assert!(
        info.contains("Author:") && info.contains("Zoë Ñúñez-Østergaard"),
        "{info}"
    );
}

#[test]
fn needs_only_the_fallback_fonts_it_reports() {
    // The edge-case résumé has CJK and Arabic; with only embedded fonts those are tofu, with
    // the reported fallbacks loaded nothing but emoji is.
    let doc = fixture("edge_cases");
    let needed = fitted_typeset::fallback_fonts(&doc);
    assert_eq!(needed.len(), 3, "{needed:?}");
    let mut typesetter = fitted_typeset::Typesetter::new();
    let bare = typesetter
        .render(&doc, "classic", &LayoutOptions::default())
        .expect("renders");
    assert!(bare.layout.missing_glyphs.contains(&'李'));
    let added = typesetter
        .add_fallback_fonts_from_dir(&doc, &fitted_typeset::repo_fallback_font_dir())
        .expect("fonts load");
    assert_eq!(added, needed);
    let full = typesetter
        .render(&doc, "classic", &LayoutOptions::default())
        .expect("renders");
    assert!(
        full.layout.missing_glyphs.iter().all(|c| is_emoji(*c)),
        "{:?}",
        full.layout.missing_glyphs
    );
    assert!(full.warnings.is_empty(), "{:?}", full.warnings);
    // A résumé in Latin script needs none.
    assert!(fitted_typeset::fallback_fonts(&fixture("daniel-achterberg")).is_empty());
}

/// Entries that are not roles — a degree, a project, a certificate — take one line: title,
/// organisation, place and dates. The line goes to the résumé's evidence instead (a role
/// keeps a line per field for parsers; `ats_parser` checks those).
#[test]
fn a_degree_with_its_school_and_dates_takes_one_line_in_every_template() {
    let typesetter = typesetter();
    let doc = fixture("mateo-lindqvist");
    for template in templates() {
        let rendered = typesetter.render(&doc, template.name, &LayoutOptions::default()).unwrap();
        let lines = fitted_typeset::readback::text_lines(&rendered.pdf).unwrap();
        let degree = lines
            .iter()
            .find(|l| l.text.contains("Computer Science"))
            .unwrap_or_else(|| panic!("{}: no line names the degree", template.name));
        assert!(
            degree.text.contains("University of Minnesota") && degree.text.contains("2016"),
            "{}: the degree's line is {:?}",
            template.name,
            degree.text
        );
    }
}
