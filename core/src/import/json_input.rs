//! The JSON front end shared by the JSON Resume and master-résumé importers: syntax errors
//! with line and column, the control-character policy, the shape check, and the line
//! look-up that turns findings into user-facing errors and warnings.

use serde_json::Value;

use super::errors::{ImportError, WarningKind, Warnings};
use super::limits::{check_not_binary, check_not_empty, check_size, strip_bom, MAX_JSON_BYTES};
use super::locate::locate_lines;
use super::shape::{check, find_control_char, paths_of, Findings, Issue, Shape};

/// Size, emptiness and syntax. Returns the text without its byte-order mark (positions in
/// later messages refer to it) and the parsed value.
pub(crate) fn read_json(text: &str) -> Result<(&str, Value), ImportError> {
    check_size(text, MAX_JSON_BYTES, "JSON file")?;
    let text = strip_bom(text);
    check_not_empty(text, "JSON file")?;
    check_not_binary(text)?;
    let value = serde_json::from_str::<Value>(text).map_err(|e| syntax_error(&e))?;
    Ok((text, value))
}

/// serde_json's message, reworded where the raw one would puzzle a non-programmer.
pub(crate) fn syntax_error(e: &serde_json::Error) -> ImportError {
    let raw = e.to_string();
    let raw = match raw.find(" at line ") {
        Some(i) => raw.get(..i).unwrap_or(&raw).to_string(),
        None => raw,
    };
    let reason = if e.classify() == serde_json::error::Category::Eof {
        "the file ends before the JSON is complete (a closing } or ] or a closing quote may be missing)".to_string()
    } else if raw.contains("trailing comma") {
        "there is a comma just before a closing bracket; remove it".into()
    } else if raw.contains("trailing characters") {
        "there is more text after the end of the JSON".into()
    } else if raw.contains("key must be a string") {
        "a field name is not in double quotes".into()
    } else if raw.contains("control character") {
        "a text contains a raw tab or line break inside its quotes (write it as \\t or \\n)".into()
    } else if raw.contains("expected value") {
        "a value is missing or is not valid JSON here (texts need double quotes, and comments are not allowed)".into()
    } else if raw.contains("recursion limit") {
        "the JSON is nested too deeply".into()
    } else if raw.contains("escape") {
        "a backslash in a text starts an invalid escape (write \\\\ for a backslash)".into()
    } else {
        raw
    };
    ImportError::InvalidJson { line: e.line().max(1), column: e.column().max(1), reason }
}

/// Runs the control-character policy and the shape check on `value`, then explains the
/// findings with line numbers. On success `value` is repaired (coercions applied, nulls
/// removed) and can be deserialised without any failure on known fields.
pub(crate) fn check_value(text: &str, value: &mut Value, shape: &Shape, warnings: &mut Warnings) -> Result<(), ImportError> {
    check_value_as(text, value, shape, warnings, &|p: &str| Some(p.to_string()))
}

/// [`check_value`] for a value that is not the text's own (the master-résumé importer's
/// converted document): `source` gives the path a finding has in the text, or `None` when it
/// has none (then the message names the converted path, without a line).
pub(crate) fn check_value_as(
    text: &str,
    value: &mut Value,
    shape: &Shape,
    warnings: &mut Warnings,
    source: &dyn Fn(&str) -> Option<String>,
) -> Result<(), ImportError> {
    let place = |path: String| -> (String, Option<String>) {
        match source(&path) {
            Some(p) => (p.clone(), Some(p)),
            None => (path, None),
        }
    };
    if let Some((path, c)) = find_control_char(value, &mut Vec::new()) {
        let (path, look) = place(path);
        let line = look.and_then(|l| locate_lines(text, &[l]).first().copied().flatten());
        return Err(ImportError::ControlCharacter { path, line, code_point: format!("U+{:04X}", c as u32) });
    }
    let mut findings = Findings::default();
    check(value, shape, &mut Vec::new(), &mut findings);
    if findings.issues.is_empty() {
        return Ok(());
    }
    let errors = findings.error_count();
    let placed: Vec<(String, Option<String>)> = paths_of(&findings.issues).into_iter().map(place).collect();
    // Paths without a place in the text are looked up under a name no JSON path has (a NUL,
    // refused above) and get no line.
    let lookups: Vec<String> = placed.iter().map(|(_, l)| l.clone().unwrap_or_else(|| "\u{0}".into())).collect();
    let lines: Vec<Option<usize>> = locate_lines(text, &lookups).into_iter().zip(&placed).map(|(l, (_, look))| look.as_ref().and(l)).collect();
    let shown: Vec<String> = placed.into_iter().map(|(p, _)| p).collect();
    let mut located: Vec<(Option<usize>, String, Issue)> = lines.into_iter().zip(shown).zip(findings.issues).map(|((l, p), i)| (l, p, i)).collect();
    // Document order: the first problem the user meets reading the file is reported first.
    located.sort_by_key(|(line, _, _)| line.unwrap_or(usize::MAX));
    if errors > 0 {
        if let Some((line, path, Issue::WrongType { expected, found, .. })) = located.iter().find(|(_, _, i)| i.is_error()) {
            return Err(ImportError::WrongType {
                path: path.clone(),
                line: *line,
                expected: (*expected).to_string(),
                found: (*found).to_string(),
                others: errors - 1,
            });
        }
    }
    for (line, path, issue) in located {
        let at = match line {
            Some(l) => format!("{path} (line {l})"),
            None => path.clone(),
        };
        let (kind, message) = match &issue {
            Issue::Coerced { from, to, .. } => {
                (WarningKind::Coerced, format!("{at}: found {from} where a text belongs; it was kept as the text \"{to}\"."))
            }
            Issue::Null { .. } => (WarningKind::NullIgnored, format!("{at}: the value is null, so the field was left out.")),
            Issue::DateNotIso { value, .. } => (
                WarningKind::DateNotIso,
                format!("{at}: \"{value}\" is not a date written as YYYY-MM-DD, YYYY-MM or YYYY. It was kept as written, but other JSON Resume tools may reject it; consider rewriting it."),
            ),
            Issue::WrongType { .. } => continue,
        };
        warnings.push(kind, line, Some(path), message);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_have_positions_and_plain_reasons() {
        let e = read_json("{\n  \"a\": 1,\n}").unwrap_err();
        let ImportError::InvalidJson { line, reason, .. } = &e else { panic!("{e:?}") };
        assert_eq!(*line, 3);
        assert!(reason.contains("comma"), "{reason}");
        let e = read_json("{\"a\": [1, 2").unwrap_err();
        assert!(e.to_string().contains("ends before"), "{e}");
        let e = read_json(&("[".repeat(200) + &"]".repeat(200))).unwrap_err();
        assert!(e.to_string().contains("nested too deeply"), "{e}");
        assert!(matches!(read_json("\u{feff}  "), Err(ImportError::Empty { .. })));
        assert!(read_json("\u{feff}{}").is_ok());
    }
}
