//! Fitting a résumé on one page by walking the layout ladder (see
//! [`fitted_core::render_source::LayoutOptions`]).
//!
//! Each step of the ladder is tighter than the one before, so "fits on one page" can only
//! turn from false to true as the step grows: the answer is the loosest step that fits.
//! Every layout costs a whole Typst compile (about 30 ms in the browser), so the search
//! starts where the caller expects the answer and walks from there: the designed step for
//! a résumé that most likely fits as designed; the tightest for a run's page, whose
//! selection holds about as much as a page can take (and, after bullets were cut to fit,
//! fits only at or near the tightest); the last answer for a preview being edited. The
//! answer does not depend on the start, only the number of layouts does. Only the chosen
//! step is exported (PDF, page images); the others are laid out and measured only.

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

/// How [`Typesetter::fit_to_one_page_with`] searches and what it exports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitOptions {
    /// What the chosen layout exports.
    pub outputs: Outputs,
    /// Export a résumé that does not fit even at the tightest step (false: only measure
    /// it, because the caller will cut bullets and typeset again).
    pub export_if_over: bool,
    /// The step laid out first: where the caller expects the answer (0, as designed, when it
    /// has no better guess; [`MAX_STEP`] for a page that is likely full).
    pub first_step: u8,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions { outputs: Outputs::PDF, export_if_over: true, first_step: 0 }
    }
}

pub(crate) fn fit_to_one_page(
    typesetter: &Typesetter,
    doc: &JsonResume,
    template: &str,
    paper: Paper,
    FitOptions { outputs, export_if_over, first_step }: FitOptions,
) -> Result<FitOutcome, RenderError> {
    let template_info = fitted_core::render_source::template(template)?;
    let mut layouts = 0;
    let mut probe = |step: u8| -> Result<(u8, LaidOut), RenderError> {
        layouts += 1;
        Ok((step, typesetter.lay_out(doc, template, &LayoutOptions { paper, step })?))
    };
    let fits = |p: &(u8, LaidOut)| p.1.layout.page_count <= 1;

    let first = probe(first_step.min(MAX_STEP))?;
    let (chosen, fit) = if fits(&first) {
        // Looser, one step at a time, while it still fits: the answer is usually a step or
        // two away from a good guess.
        let mut best = first;
        while best.0 > 0 {
            let looser = probe(best.0 - 1)?;
            if !fits(&looser) {
                break;
            }
            best = looser;
        }
        (best, true)
    } else if first.0 == MAX_STEP {
        (first, false)
    } else {
        let tightest = probe(MAX_STEP)?;
        if !fits(&tightest) {
            (tightest, false)
        } else {
            // Invariant: `low` does not fit, `best` does; halve the gap.
            let (mut low, mut best) = (first.0, tightest);
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
