//! The whole engine behind the worker protocol: [`fitted_core::protocol::handle`] for the
//! requests that need no typesetter, and here the ones that do (`Render`,
//! `PagesFromSource`, `PdfFromSource`, `AddFont`). The Web Worker and the `fitted` CLI both call [`perform`],
//! so a run driven natively makes the same PDF as one driven in the browser.

use fitted_core::protocol::{self, Clock, ErrorCode, Progress, RenderOutput, Request, Response, WorkerError};
use fitted_core::resume::JsonResume;
use fitted_core::run::ModelLoad;

use crate::{FitOptions, LayoutOptions, Outputs, RenderError, Typesetter};

/// Performs any protocol request. `Crash` is the worker shell's own business and is refused.
pub fn perform(typesetter: &mut Typesetter, request: Request, clock: Clock, progress: Progress) -> Result<Response, WorkerError> {
    match request {
        Request::Render { document, template, layout, fit_to_page, pdf, page_images, measure_only_if_over, docx, ats_keywords } => {
            let outputs = Outputs { pdf, images: page_images };
            render(typesetter, &document, &template, layout, fit_to_page, outputs, !measure_only_if_over, Extras { docx, ats_keywords }, clock)
                .map(|o| Response::Rendered(Box::new(o)))
        }
        Request::AddFont { bytes } => typesetter
            .add_font(bytes)
            .map(|families| Response::FontAdded { families })
            .map_err(|e| WorkerError::new(ErrorCode::BadInput, e.to_string())),
        Request::PagesFromSource { source, pixels_per_pt } => typesetter
            .compile_with(source, Outputs { pdf: false, images: Some(pixels_per_pt) })
            .map(|r| Response::Pages { pages: r.images })
            .map_err(|e| WorkerError::new(ErrorCode::Failed, e.to_string())),
        Request::PdfFromSource { source, pixels_per_pt } => typesetter
            .compile_with(source, Outputs { pdf: true, images: pixels_per_pt })
            .map(|r| Response::Pdf { pdf: r.pdf, pages: r.images, page_count: r.page_count as u32 })
            .map_err(|e| WorkerError::new(ErrorCode::Failed, e.to_string())),
        Request::Crash => Err(WorkerError::new(ErrorCode::BadInput, "Crash is handled by the worker shell.")),
        other => protocol::handle(other, clock, progress),
    }
}

/// What a render makes beside the PDF, when asked: the Word export and the ATS read-back.
struct Extras {
    docx: bool,
    ats_keywords: Option<Vec<String>>,
}

#[allow(clippy::too_many_arguments)]
fn render(
    ts: &Typesetter,
    document: &JsonResume,
    template: &str,
    layout: LayoutOptions,
    fit_to_page: bool,
    outputs: Outputs,
    export_if_over: bool,
    extras: Extras,
    clock: Clock,
) -> Result<RenderOutput, WorkerError> {
    let t0 = clock();
    let failed = |e: RenderError| WorkerError::new(ErrorCode::Failed, e.to_string());
    let (rendered, fits, lines_over, body_pt, layouts) = if fit_to_page {
        let o = ts.fit_to_one_page_with(document, template, layout.paper, FitOptions { outputs, export_if_over, first_step: layout.step }).map_err(failed)?;
        (o.rendered, o.fits, o.lines_over, o.body_pt, o.layouts)
    } else {
        let r = ts.render_with(document, template, &layout, outputs).map_err(failed)?;
        let over = r.lines_beyond_first_page;
        let body_pt = fitted_core::render_source::template(template).map(|t| t.resolve(&layout).body_pt).unwrap_or(0.0);
        (r, over == 0, over, body_pt, 1)
    };
    let measured_only = !fits && !export_if_over;
    let latex_source = if measured_only {
        String::new()
    } else {
        fitted_core::render_source::latex_source(document, template, &rendered.layout_options)
            .unwrap_or_else(|e| format!("% LaTeX export failed: {e}\n"))
    };
    let docx = if extras.docx && !measured_only {
        fitted_core::render_source::docx(document, template, layout.paper)
            .map_err(|e| WorkerError::new(ErrorCode::Failed, e.to_string()))?
    } else {
        Vec::new()
    };
    // The check reads the bytes the user will download, not the source they came from.
    let ats = match extras.ats_keywords {
        Some(keywords) if !measured_only && !rendered.pdf.is_empty() => {
            let lines = crate::readback::text_lines(&rendered.pdf).map_err(|e| WorkerError::new(ErrorCode::Failed, e.to_string()))?;
            let lines: Vec<String> = lines.into_iter().map(|l| l.text).collect();
            Some(fitted_core::ats::read_back(&lines, document, &keywords))
        }
        _ => None,
    };
    Ok(RenderOutput {
        docx,
        ats,
        page_count: rendered.page_count as u32,
        fits_one_page: fits,
        lines_over: lines_over as u32,
        words_per_line: rendered.layout.words_per_line,
        line_measure: rendered.layout.line_measure,
        layout: rendered.layout_options,
        body_pt,
        warnings: rendered.warnings.iter().map(|w| w.message.clone()).collect(),
        missing_glyphs: rendered.layout.missing_glyphs.iter().map(|c| c.to_string()).collect(),
        typst_source: if measured_only { String::new() } else { rendered.source },
        latex_source,
        pdf: rendered.pdf,
        page_images: rendered.images,
        compile_ms: clock() - t0,
        layouts: layouts as u32,
    })
}

/// What a whole run made, natively.
#[derive(Debug, Clone)]
pub struct NativeRun {
    /// The final selection (after any one-page cuts), with its fit and ranking.
    pub selection: fitted_core::protocol::SelectionOutput,
    pub rendered: RenderOutput,
    pub notes: Vec<fitted_core::run::RunNote>,
}

/// Drives a whole run with [`perform`], as the app does through the worker: the same stages,
/// the same one-page fitting, so the same selection and PDF for the same inputs and month.
/// Used by `fitted tailor` and `fitted eval`. The caller installs any sentence encoder it
/// has before the run (`fitted_core::sentence::install`); when a far job asks for one
/// anyway, `without_model` is the answer: [`ModelLoad::Off`] when the user turned it off
/// (`fitted --no-sentence-model`), else [`ModelLoad::Failed`].
pub fn run(typesetter: &mut Typesetter, spec: fitted_core::run::RunSpec, without_model: ModelLoad) -> Result<NativeRun, String> {
    use fitted_core::run::{Driver, Output, Stored};
    let clock = || 0.0;
    let mut selection = None;
    let mut rendered = None;
    let mut driver = Driver::new(spec, Stored::default());
    let notes = driver
        .drive(
            |request| perform(typesetter, request, &clock, &mut |_, _, _| {}),
            || without_model.clone(),
            |output| match output {
                Output::Selection { selection: s, .. } => selection = Some((**s).clone()),
                Output::Rendered(r) => rendered = Some((**r).clone()),
                _ => {}
            },
        )
        .map_err(|e| e.to_string())?;
    Ok(NativeRun {
        selection: selection.ok_or("the run ended without a selection")?,
        rendered: rendered.ok_or("the run ended without a PDF")?,
        notes,
    })
}
