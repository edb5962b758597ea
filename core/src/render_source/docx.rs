//! Word export (`.docx`) of the same content as the PDF.
//!
//! Many application portals ask for a Word file, and their parsers read it by its structure,
//! not by where text sits on a page. So the export is built from the same [`ResumeView`] as
//! the Typst and LaTeX sources (same text, same order) with Word's own structure: the name in
//! the "Title" style, section titles as "Heading 1", bullets as "List Bullet" paragraphs with
//! a real bullet list, one column, no tables, text boxes, headers or footers (parsers often
//! skip those). A role's title, organisation and location · dates are a paragraph each, as
//! in the PDF templates. Built with the `docx-rs` crate; deterministic (fixed package dates).

use docx_rs::{
    AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, LineSpacing, NumberFormat,
    Numbering, NumberingId, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Start, Style,
    StyleType,
};

use super::view::{build as view, Entry, ResumeView, Row, SectionBody};
use super::Paper;
use crate::resume::JsonResume;

/// Why a Word file could not be made (only the ZIP writer can fail, on memory).
#[derive(Debug, thiserror::Error)]
#[error("The Word file could not be written ({0}). Try again; the PDF is not affected.")]
pub struct DocxError(String);

const BULLETS: usize = 1;
/// Twips (1/20 pt) per inch.
const TWIPS_PER_IN: i32 = 1440;

/// The résumé as a `.docx` file. `template` picks the typeface family (serif for
/// "classic", sans-serif otherwise); the layout is the same for every template.
pub fn docx(doc: &JsonResume, template: &str, paper: Paper) -> Result<Vec<u8>, DocxError> {
    let font = if template == "classic" { "Georgia" } else { "Arial" };
    let (width, height) = match paper {
        Paper::UsLetter => (12_240, 15_840),
        Paper::A4 => (11_906, 16_838),
    };
    let margin = TWIPS_PER_IN * 3 / 4;
    let mut out = Docx::new()
        .page_size(width, height)
        .page_margin(PageMargin {
            top: margin,
            left: margin,
            bottom: margin,
            right: margin,
            header: 0,
            footer: 0,
            gutter: 0,
        })
        .default_fonts(RunFonts::new().ascii(font).hi_ansi(font).cs(font).east_asia(font))
        .default_size(21)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .size(40)
                .bold()
                .line_spacing(LineSpacing::new().after(60)),
        )
        .add_style(
            Style::new("Subtitle", StyleType::Paragraph)
                .name("Subtitle")
                .size(24)
                .line_spacing(LineSpacing::new().after(60)),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .size(24)
                .bold()
                .outline_lvl(0)
                .line_spacing(LineSpacing::new().before(240).after(80)),
        )
        .add_style(
            Style::new("ListBullet", StyleType::Paragraph)
                .name("List Bullet")
                .line_spacing(LineSpacing::new().after(40)),
        )
        .add_abstract_numbering(AbstractNumbering::new(BULLETS).add_level(
            Level::new(
                0,
                Start::new(1),
                NumberFormat::new("bullet"),
                LevelText::new("•"),
                LevelJc::new("left"),
            )
            .indent(Some(360), Some(SpecialIndentType::Hanging(240)), None, None),
        ))
        .add_numbering(Numbering::new(BULLETS, BULLETS));
    for p in paragraphs(&view(doc)) {
        out = out.add_paragraph(p);
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    out.build()
        .pack(&mut bytes)
        .map_err(|e| DocxError(e.to_string()))?;
    Ok(bytes.into_inner())
}

fn text(s: &str) -> Run {
    Run::new().add_text(s)
}

/// A body paragraph. Named "Normal" explicitly: the package marks no default style.
fn plain(s: &str) -> Paragraph {
    Paragraph::new().add_run(text(s)).style("Normal")
}

fn row(r: &Row) -> Paragraph {
    match (&r.label, &r.text) {
        (Some(l), Some(t)) => Paragraph::new()
            .style("Normal")
            .add_run(text(&format!("{l}:")).bold())
            .add_run(text(&format!(" {t}"))),
        (Some(l), None) => Paragraph::new().style("Normal").add_run(text(l).bold()),
        (None, Some(t)) => plain(t),
        (None, None) => Paragraph::new(),
    }
}

/// An entry's paragraphs. A role (`role`) gives title and organisation a paragraph each, so
/// a parser reading paragraphs finds each field whole; other entries join them.
fn entry(e: &Entry, role: bool, out: &mut Vec<Paragraph>) {
    let title = e.title.as_deref().map(|t| text(t).bold());
    match (title, &e.org) {
        (Some(t), Some(org)) if !role => {
            out.push(Paragraph::new().style("Normal").add_run(t).add_run(text(&format!(", {org}"))).keep_next(true))
        }
        (t, org) => {
            out.extend(t.map(|t| Paragraph::new().style("Normal").add_run(t).keep_next(true)));
            out.extend(org.as_deref().map(|o| plain(o).keep_next(true)));
        }
    }
    let meta: Vec<&str> = [e.location.as_deref(), e.dates.as_deref()].into_iter().flatten().collect();
    if !meta.is_empty() {
        out.push(Paragraph::new().style("Normal").add_run(text(&meta.join(" · ")).italic()).keep_next(true));
    }
    out.extend(e.summary.iter().map(|p| plain(p)));
    out.extend(e.bullets.iter().map(|b| {
        plain(b)
            .style("ListBullet")
            .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
    }));
    out.extend(e.details.iter().map(row));
}

fn paragraphs(v: &ResumeView) -> Vec<Paragraph> {
    let mut out = Vec::new();
    out.extend(v.name.as_deref().map(|n| plain(n).style("Title")));
    out.extend(v.label.as_deref().map(|l| plain(l).style("Subtitle")));
    if !v.contact.is_empty() {
        let line: Vec<&str> = v.contact.iter().map(|c| c.text.as_str()).collect();
        out.push(plain(&line.join(" · ")));
    }
    for section in &v.sections {
        out.push(plain(section.title).style("Heading1").keep_next(true));
        match &section.body {
            SectionBody::Paragraphs(ps) => out.extend(ps.iter().map(|p| plain(p))),
            SectionBody::Inline(items) => out.push(plain(&items.join(" · "))),
            SectionBody::Rows(rows) => out.extend(rows.iter().map(row)),
            SectionBody::Entries(entries) => {
                let role = matches!(section.id, "work" | "volunteer");
                for e in entries {
                    entry(e, role, &mut out);
                }
            }
        }
    }
    out
}
