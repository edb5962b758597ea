//! What the chosen bullets take on the typeset page, in lines.
//!
//! Words are a poor measure of a page: a bullet's last line is a whole line however few
//! words it holds, the space between list items is a fraction of a line, and a project's
//! first bullet brings the project's header, description and keywords with it. When a page
//! overflows, the run driver knows from the layout how many characters a line holds and how
//! far the page is over ([`LineMeasure`]); selection then spends a budget of lines
//! ([`crate::model::PageLines`]) computed here, so one cut removes about what is over
//! instead of several rounds of "a few words fewer, typeset again".
//!
//! The wrap is greedy, as Typst breaks unjustified text: a word goes on the line while it
//! fits. Characters stand in for widths (the layout measures the page's characters per
//! point), so a line count can be off by one for a bullet; the cut is re-measured anyway.

use serde::{Deserialize, Serialize};

use crate::import::Bullet;
use crate::model::{PageLines, ParentType};
use crate::resume::JsonResume;

/// How lines measured on one layout: the page's line capacity and how far it is over.
/// Measured by the typesetter on the layout the run tried (Fitted protocol).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LineMeasure {
    /// Characters a line holds at the page's most common line start (a bullet's text).
    pub line_chars: f64,
    /// Space between two list items beyond the line pitch, in lines.
    pub item_gap: f64,
    /// Distance from one paragraph of a block to the next (an entry's header, description
    /// and rows), in lines; below 1 when paragraphs are set closer than the leading.
    #[serde(default = "one")]
    pub par_step: f64,
    /// Height of everything past page one, in lines (gaps included; 0 when it fits).
    pub over_lines: f64,
}

fn one() -> f64 {
    1.0
}

/// Lines `text` wraps into at `line_chars` characters a line (at least 1 for any text).
pub fn text_lines(text: &str, line_chars: f64) -> u32 {
    let cap = line_chars.max(1.0);
    let mut lines = 0u32;
    let mut len = 0.0f64;
    for word in text.split_whitespace() {
        let w = word.chars().count() as f64;
        if len == 0.0 {
            lines += 1;
            // A word longer than a line wraps inside itself (the templates break long runs).
            let extra = ((w / cap).ceil() - 1.0).max(0.0);
            lines += extra as u32;
            len = w - extra * cap;
        } else if len + 1.0 + w <= cap {
            len += 1.0 + w;
        } else {
            lines += 1;
            let extra = ((w / cap).ceil() - 1.0).max(0.0);
            lines += extra as u32;
            len = w - extra * cap;
        }
    }
    lines
}

/// Lines one bullet takes: its text and the gap before the next item.
pub fn bullet_lines(text: &str, line_chars: f64, item_gap: f64) -> f64 {
    f64::from(text_lines(text, line_chars)) + item_gap
}

/// Lines a bullet's entry adds to the page when the bullet is its first: a project's header
/// run (name, entity, dates), description, and roles and keywords rows, and the gap above the
/// entry (0 for a role, which is on the page with or without bullets).
pub fn entry_lines(resume: &JsonResume, b: &Bullet, line_chars: f64, item_gap: f64, par_step: f64) -> f64 {
    if b.parent_type != ParentType::Project {
        return 0.0;
    }
    let Some(p) = resume.projects.as_ref().and_then(|ps| ps.get(b.parent_index)) else { return 0.0 };
    // Dates print as "Jan 2024 – Mar 2025".
    let dates = [&p.start_date, &p.end_date].iter().filter(|d| d.is_some()).map(|_| "Mmm 2024").collect::<Vec<_>>().join(" – ");
    let header = [p.name.as_deref(), p.entity.as_deref(), Some(dates.as_str())]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    // Each paragraph: its wrapped lines one pitch apart, then a paragraph step to the next;
    // the entry's own gap above is about an item gap.
    let par = |text: &str| f64::from(text_lines(text, line_chars).max(1) - 1) + par_step;
    let mut lines = item_gap + par(&header);
    if let Some(d) = p.description.as_deref().filter(|d| !d.trim().is_empty()) {
        lines += par(d);
    }
    for (label, list) in [("Roles", &p.roles), ("Keywords", &p.keywords)] {
        if let Some(k) = list.as_ref().filter(|k| !k.is_empty()) {
            lines += par(&format!("{label}: {}", k.join(", ")));
        }
    }
    lines
}

/// Lines the plan's chosen bullets (`chosen`, bulletIds) and the project entries they bring
/// take at this measure.
pub fn chosen_lines(resume: &JsonResume, bullets: &[Bullet], chosen: &[&str], m: &PageLines) -> f64 {
    let PageLines { line_chars, item_gap, par_step, .. } = *m;
    let mut opened: Vec<&str> = Vec::new();
    let mut lines = 0.0;
    for b in bullets.iter().filter(|b| chosen.contains(&b.bullet_id.as_str())) {
        lines += bullet_lines(&b.text, line_chars, item_gap);
        if !opened.contains(&b.parent_id.as_str()) {
            opened.push(&b.parent_id);
            lines += entry_lines(resume, b, line_chars, item_gap, par_step);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_greedily_at_the_capacity() {
        assert_eq!(text_lines("", 40.0), 0);
        assert_eq!(text_lines("one", 40.0), 1);
        // 10 words of 4 letters: 4·10 + 9 spaces = 49 characters.
        let ten = vec!["word"; 10].join(" ");
        assert_eq!(text_lines(&ten, 49.0), 1);
        assert_eq!(text_lines(&ten, 48.0), 2);
        // 5 words a line at 24 (4·5 + 4 = 24), so 2 lines; at 23 only 4 a line, so 3.
        assert_eq!(text_lines(&ten, 24.0), 2);
        assert_eq!(text_lines(&ten, 23.0), 3);
        // A word longer than the line wraps inside itself.
        assert_eq!(text_lines(&"x".repeat(100), 40.0), 3);
        assert_eq!(text_lines(&format!("a {}", "x".repeat(100)), 40.0), 4);
    }

    #[test]
    fn a_project_entry_takes_its_paragraphs_and_a_gap_above() {
        let doc: JsonResume = serde_json::from_value(serde_json::json!({
            "projects": [{"name": "Tool", "startDate": "2024-01", "description": "A tool.", "keywords": ["Rust", "Typst"], "highlights": ["Built it."]}]
        }))
        .unwrap();
        let b = &crate::import::bullets(&doc)[0];
        // Gap above (0.2), then header, description and keywords: one line each, a paragraph
        // step (0.7) apart.
        assert!((entry_lines(&doc, b, 60.0, 0.2, 0.7) - (0.2 + 3.0 * 0.7)).abs() < 1e-9);
        let all = PageLines { max: 0.0, line_chars: 60.0, item_gap: 0.2, par_step: 0.7 };
        assert!((chosen_lines(&doc, &[b.clone()], &[b.bullet_id.as_str()], &all) - (1.2 + 2.3)).abs() < 1e-9);
        // A role brings nothing: it is on the page anyway.
        let doc: JsonResume = serde_json::from_value(serde_json::json!({"work": [{"name": "Co", "position": "Dev", "highlights": ["Did it."]}]})).unwrap();
        assert_eq!(entry_lines(&doc, &crate::import::bullets(&doc)[0], 60.0, 0.2, 0.7), 0.0);
    }

    #[test]
    fn a_bullet_takes_its_lines_and_a_gap() {
        let ten = vec!["word"; 10].join(" ");
        assert!((bullet_lines(&ten, 24.0, 0.3) - 2.3).abs() < 1e-9);
    }
}
