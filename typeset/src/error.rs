//! What can go wrong, worded for the person who will read it.

use fitted_core::render_source::RenderSourceError;
use serde::Serialize;

use crate::diagnostics::{Diagnostic, DiagnosticSeverity};

/// Why a résumé could not be typeset. Compilation problems carry Typst's diagnostics with
/// line/column positions in [`Rendered::source`](crate::Rendered::source)'s text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum RenderError {
    /// The template name or layout was not valid.
    #[error(transparent)]
    Source(#[from] RenderSourceError),
    /// Typst rejected the source.
    #[error("{}", compile_message(diagnostics))]
    Compile { diagnostics: Vec<Diagnostic> },
    /// The document was laid out but the PDF could not be written.
    #[error("{}", pdf_message(diagnostics))]
    Pdf { diagnostics: Vec<Diagnostic> },
}

impl RenderError {
    /// Typst's diagnostics, empty for a source error.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            RenderError::Source(_) => &[],
            RenderError::Compile { diagnostics } | RenderError::Pdf { diagnostics } => diagnostics,
        }
    }
}

fn first_error(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .find(|d| d.severity == DiagnosticSeverity::Error)
        .or(diagnostics.first())
        .map(ToString::to_string)
        .unwrap_or_else(|| "no details were given".to_string())
}

fn compile_message(diagnostics: &[Diagnostic]) -> String {
    format!(
        "The résumé could not be typeset ({}). If you edited the Typst source, fix that line and \
         try again; otherwise choose another template and report this problem with the exported \
         source.",
        first_error(diagnostics)
    )
}

fn pdf_message(diagnostics: &[Diagnostic]) -> String {
    format!(
        "The PDF could not be written ({}). Try another template; if it keeps failing, report \
         this problem with the exported source.",
        first_error(diagnostics)
    )
}

/// A font file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum FontError {
    #[error(
        "The font file ({size} bytes) is not a font Fitted can read (TrueType or OpenType). \
         It may have been cut off while downloading: reload the page to fetch it again."
    )]
    Unreadable { size: usize },
}
