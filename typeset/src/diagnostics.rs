//! Typst's diagnostics turned into plain data the UI and CLI can show: a message, hints and
//! a 1-based line/column range in the generated source (which the user can export and open).

use serde::{Deserialize, Serialize};
use typst::diag::{Severity, SourceDiagnostic};
use typst::World;
use typst::WorldExt;

use crate::world::ResumeWorld;

/// Whether a diagnostic stopped the compilation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DiagnosticSeverity {
    Error,
    Warning,
}

/// A position in the Typst source: 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourcePosition {
    pub line: usize,
    pub column: usize,
}

/// The part of the source a diagnostic points at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceSpan {
    pub start: SourcePosition,
    pub end: SourcePosition,
    /// The text of the first line of the span, so a message can quote it without the source.
    pub line_text: String,
}

/// One error or warning from Typst.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub severity: DiagnosticSeverity,
    pub message: String,
    /// `None` when Typst could not tie the problem to a place in the source.
    pub span: Option<SourceSpan>,
    pub hints: Vec<String>,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.severity {
            DiagnosticSeverity::Error => "error",
            DiagnosticSeverity::Warning => "warning",
        };
        match &self.span {
            Some(span) => write!(
                f,
                "{kind} at line {}, column {}: {}",
                span.start.line, span.start.column, self.message
            )?,
            None => write!(f, "{kind}: {}", self.message)?,
        }
        for hint in &self.hints {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

pub(crate) fn convert(world: &ResumeWorld<'_>, diags: &[SourceDiagnostic]) -> Vec<Diagnostic> {
    diags.iter().map(|diag| convert_one(world, diag)).collect()
}

fn convert_one(world: &ResumeWorld<'_>, diag: &SourceDiagnostic) -> Diagnostic {
    Diagnostic {
        severity: match diag.severity {
            Severity::Error => DiagnosticSeverity::Error,
            Severity::Warning => DiagnosticSeverity::Warning,
        },
        message: diag.message.to_string(),
        span: locate(world, diag),
        hints: diag.hints.iter().map(|hint| hint.v.to_string()).collect(),
    }
}

fn locate(world: &ResumeWorld<'_>, diag: &SourceDiagnostic) -> Option<SourceSpan> {
    // Only the main file exists, so a span pointing elsewhere has no position to show.
    if diag.span.id()? != world.main() {
        return None;
    }
    let range = world.range(diag.span)?;
    let lines = world.main.lines();
    let position = |byte: usize| {
        lines
            .byte_to_line_column(byte)
            .map(|(line, column)| SourcePosition {
                line: line + 1,
                column: column + 1,
            })
    };
    let start = position(range.start)?;
    let end = position(range.end).unwrap_or(start);
    let line_text = world
        .main
        .text()
        .lines()
        .nth(start.line - 1)
        .unwrap_or_default()
        .to_owned();
    Some(SourceSpan {
        start,
        end,
        line_text,
    })
}
