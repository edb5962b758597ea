//! Checks every import makes before reading anything: size, emptiness, and whether the
//! "text" is really the bytes of a PDF or Word file.

use super::errors::ImportError;

/// Largest JSON file accepted: 2 MiB. The largest real résumés are tens of kilobytes; a
/// limit a hundred times that still rejects a wrong file (a data dump, a log) at once,
/// before any parsing, and keeps the worker's memory use bounded.
pub const MAX_JSON_BYTES: usize = 2 * 1024 * 1024;

/// Largest plain-text paste accepted: 2 MiB, for the same reason. The text parser is linear,
/// so a paste at the limit still parses in well under a second.
pub const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;

/// Windows editors start UTF-8 files with a byte-order mark, which JSON parsers reject.
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

pub(crate) fn check_size(text: &str, limit: usize, what: &str) -> Result<(), ImportError> {
    if text.len() > limit {
        return Err(ImportError::TooLarge { what: what.into(), size_bytes: text.len(), limit_bytes: limit });
    }
    Ok(())
}

pub(crate) fn check_not_empty(text: &str, what: &str) -> Result<(), ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::Empty { what: what.into() });
    }
    Ok(())
}

/// Recognises document formats that arrive here when a file picker reads a binary file as
/// text: their signatures, NUL bytes, or a text that is mostly U+FFFD (undecodable bytes).
pub(crate) fn check_not_binary(text: &str) -> Result<(), ImportError> {
    let head: String = text.chars().take(8).collect();
    let kind = if head.starts_with("%PDF") {
        Some("a PDF file")
    } else if head.starts_with("PK\u{3}\u{4}") {
        Some("a Word (.docx) or other zipped document")
    } else if head.starts_with("{\\rtf") {
        Some("a rich-text (RTF) document")
    } else if head.starts_with("\u{fffd}\u{fffd}\u{11}\u{fffd}") || head.starts_with("\u{d0}\u{cf}\u{11}\u{e0}") {
        Some("an old Word (.doc) document")
    } else {
        None
    };
    if let Some(kind) = kind {
        return Err(ImportError::BinaryFile { kind: kind.into() });
    }
    if text.contains('\0') {
        return Err(ImportError::BinaryFile { kind: "a binary file (it contains NUL bytes)".into() });
    }
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(20_000) {
        total += 1;
        if c == '\u{fffd}' {
            bad += 1;
        }
    }
    if total >= 20 && bad * 10 > total {
        return Err(ImportError::BinaryFile { kind: "a binary file (most of it is not readable text)".into() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_binary_documents() {
        assert!(matches!(check_not_binary("%PDF-1.7\n..."), Err(ImportError::BinaryFile { .. })));
        assert!(matches!(check_not_binary("PK\u{3}\u{4}\u{14}"), Err(ImportError::BinaryFile { .. })));
        assert!(matches!(check_not_binary("a\0b"), Err(ImportError::BinaryFile { .. })));
        assert!(matches!(check_not_binary(&"\u{fffd}x".repeat(30)), Err(ImportError::BinaryFile { .. })));
        assert!(check_not_binary("Jane Doe\nEngineer — café ✓").is_ok());
        assert!(check_not_binary("").is_ok());
    }

    #[test]
    fn size_and_emptiness() {
        assert!(matches!(check_size("abc", 2, "paste"), Err(ImportError::TooLarge { size_bytes: 3, limit_bytes: 2, .. })));
        assert!(check_size("ab", 2, "paste").is_ok());
        assert!(matches!(check_not_empty(" \n\t ", "file"), Err(ImportError::Empty { .. })));
        assert_eq!(strip_bom("\u{feff}{}"), "{}");
    }
}
