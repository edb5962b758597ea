//! Fitting a résumé on one page by walking the layout ladder (see
//! [`fitted_core::render_source::LayoutOptions`]).
//!
//! Each step of the ladder is tighter than the one before, so "fits on one page" can only
//! turn from false to true as the step grows. The search uses that: it lays out the
//! designed step, then the tightest, then halves the gap, so finding the loosest step that
//! fits takes at most 2 + log2(steps) layouts instead of one per step, and a résumé that
//! cannot fit at all is known after two. Only the chosen step is exported (PDF, page
//! images); the others are laid out and measured only.

use fitted_core::resume::JsonResume;
use serde::Serialize;

use crate::{LaidOut, LayoutOptions, Outputs, Paper, RenderError, Rendered, Typesetter, MAX_STEP};

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
    /// How many layouts the search compiled (for benches and tests).
    pub layouts: usize,
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

/// Where the search starts. After bullets were cut to fit (the run's second round), the
/// résumé usually fits only at or near the tightest step, so looking there first settles it
/// in two layouts instead of five.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchFrom {
    #[default]
    Designed,
    Tightest,
}

/// How [`Typesetter::fit_to_one_page_with`] searches and what it exports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitOptions {
    /// What the chosen layout exports.
    pub outputs: Outputs,
    /// Export a résumé that does not fit even at the tightest step (false: only measure
    /// it, because the caller will cut bullets and typeset again).
    pub export_if_over: bool,
    pub from: SearchFrom,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions { outputs: Outputs::PDF, export_if_over: true, from: SearchFrom::Designed }
    }
}

pub(crate) fn fit_to_one_page(
    typesetter: &Typesetter,
    doc: &JsonResume,
    template: &str,
    paper: Paper,
    FitOptions { outputs, export_if_over, from }: FitOptions,
) -> Result<FitOutcome, RenderError> {
    let template_info = fitted_core::render_source::template(template)?;
    let mut layouts = 0;
    let mut probe = |step: u8| -> Result<(u8, LaidOut), RenderError> {
        layouts += 1;
        Ok((step, typesetter.lay_out(doc, template, &LayoutOptions { paper, step })?))
    };
    let fits = |p: &(u8, LaidOut)| p.1.layout.page_count <= 1;

    // Either the answer, or a step known not to fit (`low`) and one that fits (`best`).
    let start: Result<(u8, (u8, LaidOut)), ((u8, LaidOut), bool)> = match from {
        SearchFrom::Designed => {
            let designed = probe(0)?;
            if fits(&designed) {
                Err((designed, true))
            } else {
                let tightest = probe(MAX_STEP)?;
                if fits(&tightest) { Ok((0, tightest)) } else { Err((tightest, false)) }
            }
        }
        SearchFrom::Tightest => {
            let tightest = probe(MAX_STEP)?;
            if !fits(&tightest) {
                Err((tightest, false))
            } else {
                let looser = probe(MAX_STEP - 1)?;
                if !fits(&looser) {
                    Err((tightest, true))
                } else {
                    let designed = probe(0)?;
                    if fits(&designed) { Err((designed, true)) } else { Ok((0, looser)) }
                }
            }
        }
    };
    let (chosen, fit) = match start {
        Err(answer) => answer,
        Ok((mut low, mut best)) => {
            // Invariant: `low` does not fit, `best` does.
            while best.0 - low > 1 {
                let mid = low + (best.0 - low) / 2;
                let attempt = probe(mid)?;
                if fits(&attempt) {
                    best = attempt;
                } else {
                    low = mid;
                }
            }
            (best, true)
        }
    };
    let (step, laid) = chosen;
    let options = LayoutOptions { paper, step };
    let lines_over = if fit { 0 } else { laid.layout.lines_beyond_first_page.max(1) };
    let body_pt = template_info.resolve(&options).body_pt;
    let outputs = if fit || export_if_over { outputs } else { Outputs::NONE };
    let rendered = typesetter.finish(laid, options, outputs)?;
    Ok(FitOutcome { rendered, fits: fit, lines_over, body_pt, layouts })
}
