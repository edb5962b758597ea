//! Typesetting source generated from a résumé: a complete Typst file (what Fitted compiles to
//! PDF, and what the user can export and compile themselves) and a LaTeX export of the same
//! content.
//!
//! Pure and deterministic: no Typst dependency, no I/O, no clock. The same résumé, template
//! and layout always produce the same text, so the worker, the CLI and the tests agree.
//!
//! Three rules hold for every output:
//! - **User text is literal.** Whatever a field contains (`#`, `$`, `\`, `[`, `<`, `%`, `~`,
//!   template-looking strings, control characters) is shown as those characters and never
//!   interpreted. Typst gets string *values* (see [`typst_string_literal`]); LaTeX gets every
//!   special character escaped. Control characters and a few harmful invisible characters
//!   are removed by design (see [`clean_line`]).
//! - **Reading order is document order.** One column, contact details in the body, sections
//!   in JSON Resume order ([`ResumeView`]), so what an applicant tracking system extracts is
//!   what the reader sees, in the same order.
//! - **Long words wrap.** URLs, paths and other overlong tokens get invisible break
//!   opportunities so they never run off the page.

mod dates;
#[cfg(feature = "docx")]
mod docx;
mod fonts;
mod latex;
mod layout;
mod text;
mod typst;
mod view;

use serde::Serialize;

#[cfg(feature = "docx")]
pub use docx::{docx, DocxError};
pub use dates::{format_date, format_range, PRESENT, RANGE_SEPARATOR};
pub use fonts::{
    fallback_fonts, fallback_fonts_for_text, is_arabic, is_cjk, is_emoji, needs_cjk, FallbackFont,
    ARABIC, CJK, EMOJI, FALLBACK_FONTS,
};
pub use layout::{LayoutOptions, Paper, ResolvedLayout, MAX_STEP, MIN_BODY_PT, MIN_MARGIN_IN};
pub use text::{clean_line, clean_paragraphs};
pub use typst::string_literal as typst_string_literal;
pub use view::{
    build as view, ContactItem, ContactKind, Entry, ResumeView, Row, Section, SectionBody,
};

use crate::resume::JsonResume;

/// A résumé design the user can pick.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Template {
    /// Stable identifier (stored with a run, passed to [`typst_source`]).
    pub name: &'static str,
    /// Name shown in the UI.
    pub label: &'static str,
    /// One sentence for the picker.
    pub description: &'static str,
    /// Font families the template uses (for the export's instructions).
    pub fonts: &'static str,
    /// Body text size at step 0, in points.
    pub base_body_pt: f64,
    /// Page margins at step 0, in inches.
    pub base_margin_x_in: f64,
    pub base_margin_y_in: f64,
    /// The template's Typst code (defines `resume(data, layout)`).
    #[serde(skip)]
    pub typst: &'static str,
    /// The body typeface, which a cover letter made with this template uses too.
    #[serde(skip)]
    pub body_font: &'static str,
}

const TEMPLATES: &[Template] = &[
    Template {
        name: "classic",
        label: "Classic",
        description: "Serif type, centred name, small-caps section titles over a fine rule.",
        fonts: "Libertinus Serif (Regular, Italic, Semibold), Noto Sans Hebrew; \
                Noto Sans Arabic and Noto Sans CJK SC for those scripts",
        base_body_pt: 10.5,
        base_margin_x_in: 0.75,
        base_margin_y_in: 0.7,
        typst: include_str!("../templates/classic.typ"),
        body_font: "Libertinus Serif",
    },
    Template {
        name: "modern",
        label: "Modern",
        description:
            "Clean sans-serif with a blue accent, left-aligned header and ruled section titles.",
        fonts: "Inter (Regular, Italic, SemiBold), Noto Sans Hebrew; \
                Noto Sans Arabic and Noto Sans CJK SC for those scripts",
        base_body_pt: 10.0,
        base_margin_x_in: 0.75,
        base_margin_y_in: 0.65,
        typst: include_str!("../templates/modern.typ"),
        body_font: "Inter",
    },
    Template {
        name: "compact",
        label: "Compact",
        description: "Dense sans-serif layout with narrow margins for long histories; each role's title, company and dates on three close lines.",
        fonts: "Inter (Regular, Italic, SemiBold), Noto Sans Hebrew; \
                Noto Sans Arabic and Noto Sans CJK SC for those scripts",
        base_body_pt: 9.5,
        base_margin_x_in: 0.6,
        base_margin_y_in: 0.55,
        typst: include_str!("../templates/compact.typ"),
        body_font: "Inter",
    },
];

/// The name of the template used when none was chosen.
pub const DEFAULT_TEMPLATE: &str = "classic";

/// Every template, in the order the picker shows them.
pub fn templates() -> &'static [Template] {
    TEMPLATES
}

/// Looks a template up by [`Template::name`].
pub fn template(name: &str) -> Result<&'static Template, RenderSourceError> {
    TEMPLATES
        .iter()
        .find(|t| t.name == name)
        .ok_or_else(|| RenderSourceError::UnknownTemplate {
            name: name.to_string(),
            known: TEMPLATES
                .iter()
                .map(|t| t.label)
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// Why no source could be generated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum RenderSourceError {
    #[error("There is no résumé template called “{name}”. Choose one of: {known}.")]
    UnknownTemplate { name: String, known: String },
}

impl Template {
    /// The concrete sizes this template uses at a layout step.
    pub fn resolve(&self, layout: &LayoutOptions) -> ResolvedLayout {
        layout::resolve(
            *layout,
            self.base_body_pt,
            self.base_margin_x_in,
            self.base_margin_y_in,
        )
    }
}

/// The complete Typst source for a résumé: template code plus the résumé as data. It
/// compiles on its own with the bundled fonts (no imports, packages or files).
pub fn typst_source(
    doc: &JsonResume,
    template_name: &str,
    layout: &LayoutOptions,
) -> Result<String, RenderSourceError> {
    let template = template(template_name)?;
    Ok(typst::emit(
        &view::build(doc),
        template,
        &template.resolve(layout),
    ))
}

/// The complete Typst source of a cover letter: the sender as on the résumé (name and
/// contacts), `date` as the caller writes it (the engine reads no clock), the letter in the
/// typeface of `template_name`. The same literal-text rule as résumés holds.
pub fn letter_typst_source(
    doc: &JsonResume,
    letter: &crate::tailor::letter::Letter,
    template_name: &str,
    paper: Paper,
    date: &str,
) -> Result<String, RenderSourceError> {
    let template = template(template_name)?;
    Ok(typst::emit_letter(&view::build(doc), letter, template.body_font, paper, date))
}

/// A LaTeX export of the same content, for people who keep their résumé in LaTeX. It
/// compiles with LuaLaTeX (full Unicode, the template's fonts when installed) and with
/// pdfLaTeX (characters outside Latin-1/Latin Extended-A shown as marked placeholders).
pub fn latex_source(
    doc: &JsonResume,
    template_name: &str,
    layout: &LayoutOptions,
) -> Result<String, RenderSourceError> {
    let template = template(template_name)?;
    Ok(latex::emit(
        &view::build(doc),
        template,
        &template.resolve(layout),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_template_says_what_exists() {
        let err =
            typst_source(&JsonResume::default(), "fancy", &LayoutOptions::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "There is no résumé template called “fancy”. Choose one of: Classic, Modern, Compact."
        );
    }

    #[test]
    fn every_template_generates_deterministic_source() {
        let doc: JsonResume = serde_json::from_str(
            r##"{"basics":{"name":"A \"B\" \\ C","summary":"#import \"x\"\n$x^2$"}}"##,
        )
        .unwrap();
        for t in templates() {
            let a = typst_source(&doc, t.name, &LayoutOptions::default()).unwrap();
            let b = typst_source(&doc, t.name, &LayoutOptions::default()).unwrap();
            assert_eq!(a, b);
            assert!(a.contains(r#"name: "A \"B\" \\ C""#), "{a}");
            assert!(a.contains(r##""#import \"x\" $x^2$""##));
            assert!(a.ends_with("#resume(resume-data, resume-layout)\n"));
        }
    }
}
