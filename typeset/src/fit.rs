//! Fitting a résumé on one page by walking the layout ladder (see
//! [`fitted_core::render_source::LayoutOptions`]).

use fitted_core::resume::JsonResume;
use serde::Serialize;

use crate::{LayoutOptions, Paper, RenderError, Rendered, Typesetter};

/// The result of [`Typesetter::fit_to_one_page`].
#[derive(Debug, Clone)]
pub struct FitOutcome {
    /// The one-page rendering, or the tightest attempt when nothing fits.
    pub rendered: Rendered,
    /// Whether it fits on one page.
    pub fits: bool,
    /// Lines that still spill onto later pages at the tightest step (0 when it fits): what
    /// the user has to cut.
    pub lines_over: usize,
    /// Body text size used, in points (never below [`crate::MIN_BODY_PT`]).
    pub body_pt: f64,
}

/// A summary of a fit for the UI, without the PDF.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FitSummary {
    pub fits: bool,
    pub step: u8,
    pub lines_over: usize,
    pub body_pt: f64,
    pub page_count: usize,
}

impl FitOutcome {
    pub fn summary(&self) -> FitSummary {
        FitSummary {
            fits: self.fits,
            step: self.rendered.layout_options.step,
            lines_over: self.lines_over,
            body_pt: self.body_pt,
            page_count: self.rendered.page_count,
        }
    }
}

pub(crate) fn fit_to_one_page(
    typesetter: &Typesetter,
    doc: &JsonResume,
    template: &str,
    paper: Paper,
) -> Result<FitOutcome, RenderError> {
    let template_info = fitted_core::render_source::template(template)?;
    let mut options = LayoutOptions { paper, step: 0 };
    loop {
        let rendered = typesetter.render(doc, template, &options)?;
        let body_pt = template_info.resolve(&options).body_pt;
        if rendered.page_count <= 1 {
            return Ok(FitOutcome {
                rendered,
                fits: true,
                lines_over: 0,
                body_pt,
            });
        }
        match options.tighter() {
            Some(next) => options = next,
            None => {
                let lines_over = rendered.lines_beyond_first_page.max(1);
                return Ok(FitOutcome {
                    rendered,
                    fits: false,
                    lines_over,
                    body_pt,
                });
            }
        }
    }
}
