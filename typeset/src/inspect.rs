//! Where text landed on the pages: how many lines spill past page one (to tell the user how
//! far over a one-page résumé is) and whether anything runs past the page edges.

use fitted_core::select::page::LineMeasure;
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
    /// What a line holds and how far past page one the text runs, in lines, for the run's
    /// one-page cut (none when there is too little text to measure).
    pub line_measure: Option<LineMeasure>,
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
    let mut page_lines = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        let mut baselines = Vec::new();
        let mut runs = Vec::new();
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
                let trimmed = text.text.trim();
                runs.push(Run {
                    y: start.y.to_pt(),
                    x0: start.x.to_pt(),
                    x1: end.x.to_pt(),
                    chars: text.text.chars().count(),
                    size: text.size.to_pt(),
                    marker: trimmed.chars().count() == 1 && MARKERS.contains(trimmed),
                });
            },
        );
        page_lines.push(lines_of(runs));
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
        line_measure: line_measure(&page_lines, size.y.to_pt()),
    }
}

/// Half a line added to a measured overflow: lines are whole, so a page over by a fraction
/// of a line needs that line's room, and the room at the foot of page one is estimated (from
/// the cap height of page two's first line). Over the fixtures' 180 runs
/// (`cargo bench -p fitted-typeset --bench run_layouts`), 0 left 16 of 61 cutting runs
/// needing a second cut, 0.5 left 3 and 1 left 1 with fewer bullets kept (see #13's notes).
const ROUNDING: f64 = 0.5;

/// List markers the templates use: a line's text starts after them.
const MARKERS: &str = "•◦▪‣–";

/// One text run: where its baseline starts and ends, its characters and size.
struct Run {
    y: f64,
    x0: f64,
    x1: f64,
    chars: usize,
    size: f64,
    marker: bool,
}

/// One line of a page: its baseline, where its text (after any list marker) starts and ends,
/// its characters and the size most of them are set in.
#[derive(Debug, Clone, Copy)]
struct Line {
    y: f64,
    x0: f64,
    x1: f64,
    chars: usize,
    size: f64,
}

fn lines_of(mut runs: Vec<Run>) -> Vec<Line> {
    runs.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut lines: Vec<Line> = Vec::new();
    let mut group: Vec<Run> = Vec::new();
    let flush = |group: &mut Vec<Run>, lines: &mut Vec<Line>| {
        let text: Vec<&Run> = group.iter().filter(|r| !r.marker).collect();
        if let Some(widest) = text.iter().max_by_key(|r| r.chars) {
            lines.push(Line {
                y: group[0].y,
                x0: text.iter().map(|r| r.x0).fold(f64::INFINITY, f64::min),
                x1: text.iter().map(|r| r.x1).fold(f64::NEG_INFINITY, f64::max),
                chars: text.iter().map(|r| r.chars).sum(),
                size: widest.size,
            });
        }
        group.clear();
    };
    for run in runs {
        if group.first().is_some_and(|g| run.y - g.y > SAME_LINE_PT) {
            flush(&mut group, &mut lines);
        }
        group.push(run);
    }
    flush(&mut group, &mut lines);
    lines
}

/// The most common value of `values` rounded to `step` (the smallest on a tie).
fn mode(values: impl Iterator<Item = f64>, step: f64) -> Option<f64> {
    let mut counts: Vec<(i64, usize)> = Vec::new();
    for v in values {
        let k = (v / step).round() as i64;
        match counts.iter_mut().find(|(key, _)| *key == k) {
            Some((_, n)) => *n += 1,
            None => counts.push((k, 1)),
        }
    }
    counts.sort();
    counts.iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(k, _)| *k as f64 * step)
}

/// Lines of body text measured for the one-page cut ([`LineMeasure`]):
/// - the line pitch is the most common distance below a line that wrapped (the next line of
///   one paragraph or bullet), and the item gap the most common larger distance below a
///   line that did not, less the pitch (between list items);
/// - a line holds what the lines that wrapped at the most common line start hold, scaled to
///   the width from there to the rightmost text end;
/// - the paragraph step is the most common distance below a line that did not wrap that is
///   less than the pitch (paragraphs of one entry set closer than the leading);
/// - the overflow is the height from the first to the last baseline of each later page, in
///   pitches, plus what each page's first line needs above it, less the room left at the
///   foot of page one (a block kept whole or with its heading moves on and leaves that room
///   empty), plus [`ROUNDING`].
///   Margins are the same at top and bottom, so page two's first line tells where page
///   one's text area ends; a line box starts at the cap height, about 0.7 em.
fn line_measure(pages: &[Vec<Line>], page_height: f64) -> Option<LineMeasure> {
    let all = || pages.iter().flatten();
    let body = mode(all().map(|l| l.size), 0.1)?;
    let is_body = |l: &Line| (l.size - body).abs() < 0.2;
    let start = mode(all().filter(|l| is_body(l)).map(|l| l.x0), 0.5)?;
    let right = all().filter(|l| is_body(l)).map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
    if right <= start {
        return None;
    }
    // A line that reaches near the right edge wrapped: the next line is the same paragraph's,
    // one pitch below. After any other line comes the next item (or a header's next field).
    let full = |l: &Line| l.x1 >= right - 0.2 * (right - start);
    let steps = |after_full: bool| -> Vec<f64> {
        pages
            .iter()
            .flat_map(|p| {
                p.windows(2).filter(|w| is_body(&w[0]) && is_body(&w[1]) && full(&w[0]) == after_full).map(|w| w[1].y - w[0].y)
            })
            .collect()
    };
    // What a line holds: each wrapped line at the common start, its characters scaled to the
    // whole width (the word that did not fit is what wrapped it); the median of those.
    let mut holds: Vec<f64> = all()
        .filter(|l| is_body(l) && full(l) && (l.x0 - start).abs() < 1.0 && l.x1 > l.x0)
        .map(|l| l.chars as f64 * (right - start) / (l.x1 - l.x0))
        .collect();
    holds.sort_by(f64::total_cmp);
    let line_chars = *holds.get(holds.len() / 2)?;
    let within = steps(true);
    let pitch = mode(within.iter().copied(), 0.5).filter(|p| *p > 0.0)?;
    // The bin's own mean, not its rounded centre.
    let near: Vec<f64> = within.iter().copied().filter(|d| (d - pitch).abs() <= 0.25).collect();
    let pitch = if near.is_empty() { pitch } else { near.iter().sum::<f64>() / near.len() as f64 };
    let item_gap = mode(steps(false).into_iter().filter(|d| *d > pitch + 0.5 && *d < 3.0 * pitch), 0.5)
        .map_or(0.0, |d| (d - pitch) / pitch);
    // Paragraphs of one block (an entry's header, description and rows) may sit closer than
    // a paragraph's own lines when the paragraph spacing is tighter than the leading.
    let par_step = mode(steps(false).into_iter().filter(|d| *d > 0.3 * pitch && *d < pitch - 0.5), 0.5)
        .map_or(1.0 + item_gap, |d| d / pitch);
    // Room a page's first line needs above it once it moves up: what lines like it (same
    // size, same start) have above them on page one, else a line and an item gap. The upper
    // quartile, not the median: a heading or an entry after a list has more room above it
    // than a header's second field after its first, and those look alike here.
    let first_page = pages.first().map(Vec::as_slice).unwrap_or_default();
    let space_above = |line: &Line| -> f64 {
        let mut above: Vec<f64> = first_page
            .windows(2)
            .filter(|w| !full(&w[0]) && (w[1].size - line.size).abs() < 0.2 && (w[1].x0 - line.x0).abs() < 1.0)
            .map(|w| w[1].y - w[0].y)
            .collect();
        above.sort_by(f64::total_cmp);
        above.get(above.len() * 3 / 4).map_or(1.0 + item_gap, |d| d / pitch)
    };
    let later: f64 = pages
        .iter()
        .skip(1)
        .filter_map(|p| Some((p.last()?.y - p.first()?.y) / pitch + space_above(p.first()?)))
        .sum();
    let room = match (pages.first().and_then(|p| p.last()), pages.get(1).and_then(|p| p.first())) {
        (Some(last), Some(first)) => ((page_height - first.y + 0.7 * first.size - last.y) / pitch).max(0.0),
        _ => 0.0,
    };
    let over_lines = if later > 0.0 { (later - room + ROUNDING).max(ROUNDING) } else { 0.0 };
    Some(LineMeasure { line_chars, item_gap, par_step, over_lines })
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
