//! The line measure the run's one-page cut relies on (`PageLayout::line_measure`): what a
//! line holds, checked against how the real layout wrapped each bullet (read back from the
//! PDF), and how far over a page is, checked by cutting that much and laying out again.

use fitted_core::render_source::{self, LayoutOptions, MAX_STEP};
use fitted_core::resume::JsonResume;
use fitted_core::select::page::{bullet_lines, text_lines};
use fitted_typeset::Paper;

use crate::support::*;

fn tightest() -> LayoutOptions {
    LayoutOptions { paper: Paper::UsLetter, step: MAX_STEP }
}

/// A fixture with roles only: what the cut removes is bullets.
fn roles_only(name: &str) -> JsonResume {
    let mut doc = fixture(name);
    doc.projects = None;
    doc
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_measured_line_wraps_bullets_as_the_page_does() {
    for template in render_source::templates() {
        let doc = roles_only("mateo-lindqvist");
        let rendered = typesetter().render(&doc, template.name, &tightest()).expect("renders");
        let m = rendered.layout.line_measure.expect("a page of bullets is measured");
        let lines: Vec<String> = fitted_typeset::readback::text_lines(&rendered.pdf).expect("reads back").into_iter().map(|l| l.text).collect();
        let (mut checked, mut exact) = (0, 0);
        for bullet in doc.work.iter().flatten().flat_map(|w| w.highlights.iter().flatten()) {
            let want = squash(bullet);
            // The line the bullet starts on, then as many lines as its text takes.
            let Some(start) = lines.iter().position(|l| want.starts_with(&squash(l.trim_start_matches('•'))) && squash(l).len() > 10) else {
                continue;
            };
            let mut got = String::new();
            let mut count = 0;
            for l in &lines[start..] {
                got += &squash(l.trim_start_matches('•'));
                count += 1;
                if got.len() >= want.len() {
                    break;
                }
            }
            if got != want {
                continue;
            }
            checked += 1;
            exact += u32::from(text_lines(bullet, m.line_chars) == count);
        }
        assert!(checked >= 15, "{}: only {checked} bullets found on the page", template.name);
        // Characters stand in for widths, so a bullet near a line's end can go either way.
        assert!(exact * 10 >= checked * 8, "{}: {exact} of {checked} bullets wrapped as measured ({:.1} characters a line)", template.name, m.line_chars);
    }
}

/// Lines every bullet of `doc` takes by the line model.
fn modelled(doc: &JsonResume, m: &fitted_core::select::page::LineMeasure) -> f64 {
    doc.work.iter().flatten().flat_map(|w| w.highlights.iter().flatten()).map(|b| bullet_lines(b, m.line_chars, m.item_gap)).sum()
}

/// Cuts the last bullets of the roles with the most until the model has taken `lines`.
fn cut(doc: &mut JsonResume, lines: f64, m: &fitted_core::select::page::LineMeasure) {
    let mut taken = 0.0;
    while taken < lines {
        let work = doc.work.as_mut().expect("roles");
        let longest = work.iter_mut().max_by_key(|w| w.highlights.as_ref().map_or(0, Vec::len)).expect("a role");
        let bullet = longest.highlights.as_mut().and_then(Vec::pop).expect("bullets left to cut");
        taken += bullet_lines(&bullet, m.line_chars, m.item_gap);
    }
}

/// The run's cut, done by hand on a page about 30 lines over: cutting the measured overflow
/// leaves at most 15 % of it (2 to 4 lines of about 30 here), and the driver's second cut (scaled by what the first freed,
/// `fitted_core::run::cut_lines`) fits the page.
#[test]
fn cutting_the_measured_overflow_fits_the_page_in_at_most_two_cuts() {
    for template in render_source::templates() {
        // Two people's roles: a page and a half at the tightest step.
        let mut doc = roles_only("daniel-achterberg");
        doc.work.get_or_insert_with(Vec::new).extend(fixture("mateo-lindqvist").work.unwrap_or_default().into_iter().take(2));
        let first = typesetter().render(&doc, template.name, &tightest()).expect("renders");
        assert!(first.page_count >= 2, "{}: the fixture must overflow at the tightest step", template.name);
        let m1 = first.layout.line_measure.expect("measured");
        let used1 = modelled(&doc, &m1);
        cut(&mut doc, m1.over_lines, &m1);
        let second = typesetter().render(&doc, template.name, &tightest()).expect("renders");
        let Some(m2) = second.layout.line_measure.filter(|m| m.over_lines > 0.0) else { continue };
        assert!(m2.over_lines <= 0.15 * m1.over_lines, "{}: {:.1} lines over, then {:.1} after cutting that much", template.name, m1.over_lines, m2.over_lines);
        let again = fitted_core::run::cut_lines(Some((m1.over_lines, used1)), m2.over_lines, modelled(&doc, &m2));
        cut(&mut doc, again, &m2);
        let third = typesetter().render(&doc, template.name, &tightest()).expect("renders");
        assert_eq!(third.page_count, 1, "{}: over {:.1}, then {:.1}, cut {again:.1} more, still over", template.name, m1.over_lines, m2.over_lines);
    }
}
