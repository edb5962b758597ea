//! What an import can say back to the user: one [`ImportError`] when nothing could be
//! imported, or any number of [`ImportWarning`]s next to a document that was.
//!
//! Every message is shown to the user as is, so each one says what happened, where (the
//! field's JSON path and the line of the file), and what to do about it.

use serde::{Deserialize, Serialize};

/// Why an import produced no document. Stored data is never touched by a failed import, so
/// every message can say "fix and import again" without any clean-up step.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum ImportError {
    /// No characters other than whitespace.
    #[error("Nothing to import: the {what} is empty. Choose a résumé file or paste its text, then import again.")]
    Empty { what: String },

    /// Over the size limit ([`super::MAX_JSON_BYTES`], [`super::MAX_TEXT_BYTES`]). Checked
    /// before anything else is read, so a huge paste fails at once.
    #[error(
        "This {what} is {}, which is too large for a résumé (the limit is {}). Check that you chose the right file, or paste only the résumé itself.",
        megabytes(*size_bytes),
        megabytes(*limit_bytes)
    )]
    TooLarge { what: String, size_bytes: usize, limit_bytes: usize },

    /// The text is not JSON at all (syntax), with serde_json's position.
    #[error("The file is not valid JSON (line {line}, column {column}): {reason}. Fix it in the file and import again.")]
    InvalidJson { line: usize, column: usize, reason: String },

    /// Valid JSON, but not an object with résumé fields.
    #[error("{}", not_a_resume(found))]
    NotAResume { found: String },

    /// A known field has the wrong shape (an object where a text belongs, a text where a
    /// list belongs, …). `others` counts further fields with the same kind of problem.
    #[error(
        "{} expected {expected}, found {found}. Fix that field in the file and import again.{}",
        where_(path, *line),
        more(*others)
    )]
    WrongType { path: String, line: Option<usize>, expected: String, found: String, others: usize },

    /// An invisible control character inside a text of a JSON file. Fitted rejects them
    /// rather than guessing: they come from corrupted files or bad copy-paste and would end
    /// up invisible in the PDF.
    #[error(
        "{} contains an invisible control character ({code_point}). Remove it in the file (retype the text around it) and import again.",
        where_(path, *line)
    )]
    ControlCharacter { path: String, line: Option<usize>, code_point: String },

    /// Bytes of a document format Fitted cannot read as text (PDF, Word, …).
    #[error("This looks like {kind}, which Fitted cannot read directly. Open it, select all the text, copy it and paste it here (or export it as plain text or JSON Resume), then import again.")]
    BinaryFile { kind: String },

    /// Should not happen: the document passed every check and still could not be built.
    #[error("Fitted could not read this résumé ({message}). Nothing was saved. Please report this together with the file.")]
    Internal { message: String },
}

impl ImportError {
    /// JSON path of the offending field, when there is one.
    pub fn path(&self) -> Option<&str> {
        match self {
            ImportError::WrongType { path, .. } | ImportError::ControlCharacter { path, .. } => Some(path),
            _ => None,
        }
    }

    /// 1-based line of the problem in the imported text, when known.
    pub fn line(&self) -> Option<usize> {
        match self {
            ImportError::InvalidJson { line, .. } => Some(*line),
            ImportError::WrongType { line, .. } | ImportError::ControlCharacter { line, .. } => *line,
            _ => None,
        }
    }
}

fn megabytes(bytes: usize) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb >= 10.0 || (mb - mb.round()).abs() < 0.05 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

fn where_(path: &str, line: Option<usize>) -> String {
    let path = if path.is_empty() { "The résumé" } else { path };
    match line {
        Some(l) => format!("{path} (line {l}):"),
        None => format!("{path}:"),
    }
}

fn more(others: usize) -> String {
    match others {
        0 => String::new(),
        1 => " (One more field has a problem too.)".into(),
        n => format!(" ({n} more fields have problems too.)"),
    }
}

fn not_a_resume(found: &str) -> String {
    format!(
        "This is valid JSON, but {found}, not a résumé. Fitted imports a JSON Resume file (an object with \"basics\", \"work\", \"education\", …) or a master résumé with \"summary\", \"skills\", \"education\". Choose the résumé file, or paste the résumé as text."
    )
}

/// What kind of compromise a warning reports, so the UI can group them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum WarningKind {
    /// A number or yes/no value was turned into text (e.g. `"score": 3.8`).
    Coerced,
    /// A `null` was treated as "not given" (the field is left out).
    NullIgnored,
    /// A date is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; it was kept as written.
    DateNotIso,
    /// A date range could not be read fully; its text is kept in `x-fitted-dates`.
    DateKept,
    /// A line was placed by a best guess (e.g. into a summary).
    Guessed,
    /// A line could not be placed; it is kept in `x-fitted-unparsed`.
    Unparsed,
    /// A page number or repeated page header was left out.
    PageFurniture,
    /// An invisible control character was removed from pasted text.
    ControlRemoved,
    /// A field Fitted does not know was kept as is.
    KeptAsIs,
    /// The document has no résumé content.
    Empty,
    /// More warnings than the cap; the rest are counted, not listed.
    More,
}

/// Something the user may want to check after an import that succeeded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportWarning {
    pub kind: WarningKind,
    /// 1-based line in the imported text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// JSON path of the field concerned (`work[0].startDate`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The full sentence shown to the user (it already names the line and field).
    pub message: String,
}

/// Warnings beyond this many are counted in one final [`WarningKind::More`] warning: a
/// thousand identical notes help nobody, and the cap keeps pathological input fast.
pub const MAX_WARNINGS: usize = 200;

/// Collects warnings up to [`MAX_WARNINGS`].
#[derive(Debug, Default)]
pub(crate) struct Warnings {
    list: Vec<ImportWarning>,
    dropped: usize,
}

impl Warnings {
    pub(crate) fn push(&mut self, kind: WarningKind, line: Option<usize>, path: Option<String>, message: String) {
        if self.list.len() < MAX_WARNINGS {
            self.list.push(ImportWarning { kind, line, path, message });
        } else {
            self.dropped += 1;
        }
    }

    /// A warning about one line of pasted text; the message gets a "Line N: " prefix.
    pub(crate) fn at_line(&mut self, kind: WarningKind, line: usize, message: impl AsRef<str>) {
        self.push(kind, Some(line), None, format!("Line {line}: {}", message.as_ref()));
    }

    pub(crate) fn is_full(&self) -> bool {
        self.list.len() >= MAX_WARNINGS
    }

    pub(crate) fn finish(mut self) -> Vec<ImportWarning> {
        if self.dropped > 0 {
            self.list.push(ImportWarning {
                kind: WarningKind::More,
                line: None,
                path: None,
                message: format!("…and {} more notes like these, not listed.", self.dropped),
            });
        }
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_field_and_line_and_say_what_to_do() {
        let e = ImportError::WrongType {
            path: "work[1].highlights".into(),
            line: Some(14),
            expected: "a list of texts".into(),
            found: "a number".into(),
            others: 0,
        };
        assert_eq!(
            e.to_string(),
            "work[1].highlights (line 14): expected a list of texts, found a number. Fix that field in the file and import again."
        );
        assert_eq!(e.line(), Some(14));
        assert_eq!(e.path(), Some("work[1].highlights"));
        let big = ImportError::TooLarge { what: "paste".into(), size_bytes: 5 * 1024 * 1024, limit_bytes: 2 * 1024 * 1024 };
        assert!(big.to_string().starts_with("This paste is 5 MB, which is too large"), "{big}");
    }

    #[test]
    fn errors_serialise_with_a_code_tag() {
        let e = ImportError::InvalidJson { line: 2, column: 3, reason: "x".into() };
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "invalidJson");
        assert_eq!(v["line"], 2);
    }

    #[test]
    fn warnings_are_capped_with_a_count() {
        let mut w = Warnings::default();
        for i in 0..MAX_WARNINGS + 5 {
            w.at_line(WarningKind::Unparsed, i + 1, "x");
        }
        let list = w.finish();
        assert_eq!(list.len(), MAX_WARNINGS + 1);
        assert!(list.last().unwrap().message.contains("5 more"));
    }
}
