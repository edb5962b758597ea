//! Fitted's typesetter: résumé → Typst source → PDF, the same way in the Web Worker
//! (wasm32) and natively (CLI, tests).
//!
//! [`Typesetter`] owns what is expensive to build (Typst's standard library, the parsed
//! fonts and their index) and compiles any number of documents with it. Each compilation
//! sees a closed world: one in-memory source, bundled fonts,
//! no files, network or packages, and the date the caller passed in — so output depends only
//! on input, and PDFs carry no timestamp.
//!
//! ```no_run
//! # use fitted_typeset::*;
//! # let resume = fitted_core::resume::JsonResume::default();
//! let mut typesetter = Typesetter::new();
//! // Only when `fallback_fonts(&resume)` lists them: fetch and add the files.
//! // typesetter.add_font(bytes)?;
//! let rendered = typesetter.render(&resume, "classic", &LayoutOptions::default())?;
//! assert_eq!(rendered.page_count, 1);
//! # Ok::<(), RenderError>(())
//! ```

mod diagnostics;
pub mod engine;
mod error;
mod fit;
mod fonts;
mod inspect;
#[cfg(not(target_arch = "wasm32"))]
mod native;
pub mod readback;
mod world;

use typst::diag::Warned;
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};
use typst_layout::PagedDocument;

pub use diagnostics::{Diagnostic, DiagnosticSeverity, SourcePosition, SourceSpan};
pub use error::{FontError, RenderError};
pub use fit::{FitOptions, FitOutcome, FitSummary};
pub use fitted_core::render_source::{
    fallback_fonts, latex_source, needs_cjk, templates, typst_source, FallbackFont, LayoutOptions,
    Paper, RenderSourceError, Template, FALLBACK_FONTS, MAX_STEP, MIN_BODY_PT, MIN_MARGIN_IN,
};
pub use fonts::{EmbeddedFont, EMBEDDED_FONTS};
pub use inspect::PageLayout;
#[cfg(not(target_arch = "wasm32"))]
pub use native::{repo_fallback_font_dir, NativeFontError};
pub use world::Today;

use fitted_core::protocol::PageImage;
use fitted_core::render_source;
use fitted_core::resume::JsonResume;

/// How many compilations' worth of Typst's memoisation cache survive each compile. A few
/// keep the fit loop (similar documents back to back) and re-renders fast; evicting the rest
/// keeps a long-lived worker's memory flat.
const CACHE_GENERATIONS: usize = 4;

/// A finished PDF and what the caller needs to know about it.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The PDF file (deterministic: same input, same bytes).
    pub pdf: Vec<u8>,
    /// The Typst source that produced it (what "Export .typ" saves).
    pub source: String,
    /// Number of pages.
    pub page_count: usize,
    /// Text lines that fall on pages after the first (0 for a one-page résumé).
    pub lines_beyond_first_page: usize,
    /// Page size and where text ended up, to check nothing runs off the page.
    pub layout: PageLayout,
    /// The layout step used (0 unless fitted).
    pub layout_options: LayoutOptions,
    /// Non-fatal problems Typst reported (already without the expected notes about
    /// on-demand fonts that were not needed).
    pub warnings: Vec<Diagnostic>,
    /// One image per page when [`Outputs::images`] asked for them (a preview any browser
    /// shows, without a PDF viewer), otherwise empty.
    pub images: Vec<PageImage>,
}

/// What a compilation exports besides the layout. Probing a layout (the fit loop) exports
/// nothing; the result the user sees exports the PDF and, for a preview, page images.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outputs {
    pub pdf: bool,
    /// Page images at this many pixels per point, or none.
    pub images: Option<f32>,
}

impl Outputs {
    /// The PDF only (downloads, the CLI).
    pub const PDF: Outputs = Outputs { pdf: true, images: None };
    /// Layout only: page count and geometry, for deciding.
    pub const NONE: Outputs = Outputs { pdf: false, images: None };

    /// The PDF and an image of each page at `pixels_per_pt` (the app's previews).
    pub fn pdf_and_images(pixels_per_pt: f32) -> Outputs {
        Outputs { pdf: true, images: Some(pixels_per_pt) }
    }
}

/// Largest scale of a page image: 2 px per point is a Retina screen showing the page at its
/// printed size, and a US Letter page is then 1224 × 1584 pixels (7.8 MB of RGBA).
pub const MAX_IMAGE_SCALE: f32 = 2.0;

/// Renders a page to RGBA pixels. Raster, not SVG: Typst's SVG of a résumé page is about
/// 0.5 MB of glyph outlines that a browser takes 100–200 ms to decode, while pixels go
/// straight onto a canvas. Pages have an opaque white background, so tiny-skia's
/// premultiplied pixels equal the straight RGBA a canvas expects.
fn page_image(page: &typst_layout::Page, pixels_per_pt: f32) -> PageImage {
    let scale = if pixels_per_pt.is_finite() { pixels_per_pt.clamp(0.25, MAX_IMAGE_SCALE) } else { 1.0 };
    let options = typst_render::RenderOptions { pixel_per_pt: f64::from(scale).into(), render_bleed: false };
    let pixmap = typst_render::render(page, &options);
    PageImage { width: pixmap.width(), height: pixmap.height(), rgba: pixmap.take() }
}

/// A laid-out document before export: what the fit loop compares between layout steps.
pub(crate) struct LaidOut {
    document: PagedDocument,
    source: String,
    warnings: Vec<Diagnostic>,
    pub(crate) layout: PageLayout,
}

/// Compiles résumés to PDF with bundled fonts. Build once, reuse for every document.
pub struct Typesetter {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: FileId,
    today: Option<Today>,
}

impl Default for Typesetter {
    fn default() -> Self {
        Self::new()
    }
}

impl Typesetter {
    /// A typesetter with the embedded fonts (Latin, Greek, Cyrillic, Hebrew).
    pub fn new() -> Self {
        let fonts = fonts::embedded_fonts();
        let book = LazyHash::new(FontBook::from_fonts(&fonts));
        Typesetter {
            library: LazyHash::new(Library::default()),
            book,
            fonts,
            main: world::main_file_id(),
            today: None,
        }
    }

    /// Sets the date Typst's `datetime.today()` returns (templates do not use it; a custom
    /// source might). `None` makes `datetime.today()` an error instead of reading a clock.
    pub fn set_today(&mut self, today: Option<Today>) {
        self.today = today;
    }

    /// Adds a font file (TTF, OTF or a collection), e.g. an on-demand fallback from
    /// `public/fonts/`. Returns the family names it added; adding the same face twice is
    /// harmless (the second copy is ignored).
    pub fn add_font(&mut self, data: Vec<u8>) -> Result<Vec<String>, FontError> {
        let size = data.len();
        let parsed = fonts::parse_font_file(data);
        if parsed.is_empty() {
            return Err(FontError::Unreadable { size });
        }
        let mut families = Vec::new();
        for font in parsed {
            let info = font.info();
            let duplicate = self.fonts.iter().any(|f| {
                f.info().family == info.family
                    && f.info().variant == info.variant
                    && f.info().coverage == info.coverage
            });
            if !duplicate {
                if !families.contains(&info.family) {
                    families.push(info.family.clone());
                }
                self.fonts.push(font);
            }
        }
        self.book = LazyHash::new(FontBook::from_fonts(&self.fonts));
        Ok(families)
    }

    /// The font families available, sorted.
    pub fn families(&self) -> Vec<String> {
        let mut families: Vec<String> =
            self.fonts.iter().map(|f| f.info().family.clone()).collect();
        families.sort();
        families.dedup();
        families
    }

    /// Whether a family (as named in a template) is loaded, case-insensitively.
    pub fn has_family(&self, family: &str) -> bool {
        self.book.contains_family(&family.to_lowercase())
    }

    /// Typesets a résumé with a template and layout, as a PDF.
    pub fn render(
        &self,
        doc: &JsonResume,
        template: &str,
        layout: &LayoutOptions,
    ) -> Result<Rendered, RenderError> {
        self.render_with(doc, template, layout, Outputs::PDF)
    }

    /// Typesets a résumé, exporting what `outputs` asks for.
    pub fn render_with(
        &self,
        doc: &JsonResume,
        template: &str,
        layout: &LayoutOptions,
        outputs: Outputs,
    ) -> Result<Rendered, RenderError> {
        let laid = self.lay_out(doc, template, layout)?;
        self.finish(laid, *layout, outputs)
    }

    /// Compiles any Typst source (e.g. an edited export) with the same closed world.
    pub fn compile(&self, source: String) -> Result<Rendered, RenderError> {
        self.compile_with(source, Outputs::PDF)
    }

    /// [`Typesetter::compile`], exporting what `outputs` asks for (page images of a stored
    /// run's exact source, say).
    pub fn compile_with(&self, source: String, outputs: Outputs) -> Result<Rendered, RenderError> {
        let laid = self.lay_out_source(source)?;
        self.finish(laid, LayoutOptions::default(), outputs)
    }

    pub(crate) fn lay_out(&self, doc: &JsonResume, template: &str, layout: &LayoutOptions) -> Result<LaidOut, RenderError> {
        self.lay_out_source(render_source::typst_source(doc, template, layout)?)
    }

    /// Compiles to pages (Typst's layout), without exporting anything.
    fn lay_out_source(&self, source: String) -> Result<LaidOut, RenderError> {
        let world = world::ResumeWorld {
            library: &self.library,
            book: &self.book,
            fonts: &self.fonts,
            main: Source::new(self.main, source),
            today: self.today,
        };
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        let result = match output {
            Ok(document) => Ok(LaidOut {
                layout: inspect::page_layout(&document),
                warnings: self.relevant_warnings(&world, &warnings),
                source: world.main.text().to_owned(),
                document,
            }),
            Err(errors) => Err(RenderError::Compile { diagnostics: diagnostics::convert(&world, &errors) }),
        };
        typst::comemo::evict(CACHE_GENERATIONS);
        result
    }

    /// Exports a laid-out document.
    pub(crate) fn finish(&self, laid: LaidOut, layout_options: LayoutOptions, outputs: Outputs) -> Result<Rendered, RenderError> {
        let pdf = if outputs.pdf {
            let options = typst_pdf::PdfOptions {
                creator: typst::foundations::Smart::Custom(Some("Fitted (Typst)".into())),
                ..typst_pdf::PdfOptions::default()
            };
            typst_pdf::pdf(&laid.document, &options).map_err(|errors| {
                // Rare (the templates make nothing PDF cannot hold): rebuild the world only
                // to place the errors in the source.
                let world = world::ResumeWorld {
                    library: &self.library,
                    book: &self.book,
                    fonts: &self.fonts,
                    main: Source::new(self.main, laid.source.clone()),
                    today: self.today,
                };
                RenderError::Pdf { diagnostics: diagnostics::convert(&world, &errors) }
            })?
        } else {
            Vec::new()
        };
        let images = match outputs.images {
            Some(scale) => laid.document.pages().iter().map(|page| page_image(page, scale)).collect(),
            None => Vec::new(),
        };
        Ok(Rendered {
            pdf,
            source: laid.source,
            page_count: laid.document.pages().len(),
            lines_beyond_first_page: laid.layout.lines_beyond_first_page,
            layout: laid.layout,
            layout_options,
            warnings: laid.warnings,
            images,
        })
    }

    /// Drops "unknown font family" notes for on-demand fonts: templates always name them,
    /// and they are only loaded when the text needs them.
    fn relevant_warnings(
        &self,
        world: &world::ResumeWorld<'_>,
        warnings: &[typst::diag::SourceDiagnostic],
    ) -> Vec<Diagnostic> {
        diagnostics::convert(world, warnings)
            .into_iter()
            .filter(|d| {
                !FALLBACK_FONTS.iter().any(|f| {
                    d.message == format!("unknown font family: {}", f.family.to_lowercase())
                })
            })
            .collect()
    }

    /// Renders at the designed layout and, if that takes more than one page, tightens
    /// spacing, margins and finally type size step by step (never below
    /// [`MIN_BODY_PT`]) until it fits. When even the tightest step overflows, the result
    /// says by how many lines.
    pub fn fit_to_one_page(
        &self,
        doc: &JsonResume,
        template: &str,
        paper: Paper,
    ) -> Result<FitOutcome, RenderError> {
        fit::fit_to_one_page(self, doc, template, paper, FitOptions::default())
    }

    /// [`Typesetter::fit_to_one_page`] with [`FitOptions`]: what to export, whether to
    /// export a résumé that cannot fit, and which step to try first.
    pub fn fit_to_one_page_with(&self, doc: &JsonResume, template: &str, paper: Paper, options: FitOptions) -> Result<FitOutcome, RenderError> {
        fit::fit_to_one_page(self, doc, template, paper, options)
    }
}

