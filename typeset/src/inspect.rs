//! Where text landed on the pages: how many lines spill past page one (to tell the user how
//! far over a one-page résumé is) and whether anything runs past the page edges.

use serde::Serialize;
use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::text::TextItem;
use typst_layout::PagedDocument;

/// Geometry of a laid-out document, in points.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PageLayout {
    pub page_count: usize,
    /// Size of the first page.
    pub page_width_pt: f64,
    pub page_height_pt: f64,
    /// Distinct text baselines on pages after the first.
    pub lines_beyond_first_page: usize,
    /// Words per line over all pages (0 when there is no text): how many words a line of
    /// overflow stands for, so a run cuts about what the page is over and no more.
    pub words_per_line: f64,
    /// Leftmost start and rightmost end of any text on any page (0 when there is no text).
    pub text_left_pt: f64,
    pub text_right_pt: f64,
    /// Smallest text size used anywhere, in points (0 when there is no text).
    pub min_text_size_pt: f64,
    /// Characters no available font has a glyph for (drawn as an empty box, "tofu"), in
    /// order of first appearance. The PDF's text layer still has them.
    pub missing_glyphs: Vec<char>,
}

impl PageLayout {
    /// Whether some text extends past a page edge.
    pub fn text_overflows_page(&self) -> bool {
        self.text_left_pt < 0.0 || self.text_right_pt > self.page_width_pt
    }
}

/// Baselines closer than this are the same line (a date set flush right on a title's line).
const SAME_LINE_PT: f64 = 1.0;

pub(crate) fn page_layout(document: &PagedDocument) -> PageLayout {
    let pages = document.pages();
    let size = pages.first().map(|p| p.frame.size()).unwrap_or_default();
    let mut left = f64::INFINITY;
    let mut right = f64::NEG_INFINITY;
    let mut lines_beyond = 0;
    let (mut words, mut lines) = (0usize, 0usize);
    let mut missing = Vec::new();
    let mut min_size = f64::INFINITY;
    for (index, page) in pages.iter().enumerate() {
        let mut baselines = Vec::new();
        walk(
            &page.frame,
            Transform::identity(),
            &mut |text, start, end| {
                // White space only (the templates' blank line between entries, see
                // `fitted-entry-gap`): no line to count, no size to report.
                if text.text.chars().all(char::is_whitespace) {
                    return;
                }
                collect_missing(text, &mut missing);
                words += text.text.split_whitespace().count();
                min_size = min_size.min(text.size.to_pt());
                left = left.min(start.x.to_pt());
                right = right.max(end.x.to_pt());
                baselines.push(start.y.to_pt());
            },
        );
        let page_lines = distinct_lines(baselines);
        lines += page_lines;
        if index > 0 {
            lines_beyond += page_lines;
        }
    }
    if !left.is_finite() {
        (left, right) = (0.0, 0.0);
    }
    PageLayout {
        page_count: pages.len(),
        page_width_pt: size.x.to_pt(),
        page_height_pt: size.y.to_pt(),
        lines_beyond_first_page: lines_beyond,
        words_per_line: if lines > 0 { words as f64 / lines as f64 } else { 0.0 },
        text_left_pt: left,
        text_right_pt: right,
        min_text_size_pt: if min_size.is_finite() { min_size } else { 0.0 },
        missing_glyphs: missing,
    }
}

/// Glyph 0 is a font's "missing glyph": shaping found no font with the character.
fn collect_missing(text: &TextItem, missing: &mut Vec<char>) {
    for glyph in text.glyphs.iter().filter(|g| g.id == 0) {
        let chars = text.text.get(glyph.range()).unwrap_or_default().chars();
        for c in chars {
            if !c.is_whitespace() && !missing.contains(&c) {
                missing.push(c);
            }
        }
    }
}

/// Calls `visit(text, start, end)` for every text run with its baseline's start and end
/// point in page coordinates.
fn walk(frame: &Frame, ts: Transform, visit: &mut impl FnMut(&TextItem, Point, Point)) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let inner = ts
                    .pre_concat(Transform::translate(pos.x, pos.y))
                    .pre_concat(group.transform);
                walk(&group.frame, inner, visit);
            }
            FrameItem::Text(text) => {
                let start = pos.transform(ts);
                let end = Point::new(pos.x + text.width(), pos.y).transform(ts);
                visit(text, start, end);
            }
            _ => {}
        }
    }
}

fn distinct_lines(mut baselines: Vec<f64>) -> usize {
    baselines.sort_by(f64::total_cmp);
    let mut count = 0;
    let mut last = f64::NEG_INFINITY;
    for y in baselines {
        if y - last > SAME_LINE_PT {
            count += 1;
            last = y;
        }
    }
    count
}
