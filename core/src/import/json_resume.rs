//! JSON Resume v1.0.0 in and out.
//!
//! Import is lossless: unknown keys at every level are kept (the model's `extra` maps), and
//! known fields keep exactly the text the user wrote. The only changes are the documented
//! repairs of the shape check (numbers/booleans to text, `null` to absent; see `shape`),
//! each reported as a warning. Export writes the model back as pretty JSON.

use serde_json::Value;

use super::errors::{ImportError, WarningKind, Warnings};
use super::imported::{ImportFormat, Imported};
use super::json_input::{check_value, read_json};
use super::json_path::{format_path, Seg};
use super::locate::locate_lines;
use super::shape::{Shape, Shape::*, TEXTS};
use crate::resume::JsonResume;

const fn obj(fields: &'static [(&'static str, Shape)]) -> Shape {
    Object { fields, rest: None }
}

const LOCATION: &[(&str, Shape)] = &[("address", Text), ("postalCode", Text), ("city", Text), ("countryCode", Text), ("region", Text)];
const PROFILE: Shape = obj(&[("network", Text), ("username", Text), ("url", Text)]);
const BASICS: &[(&str, Shape)] = &[
    ("name", Text),
    ("label", Text),
    ("image", Text),
    ("email", Text),
    ("phone", Text),
    ("url", Text),
    ("summary", Text),
    ("location", obj(LOCATION)),
    ("profiles", List(&PROFILE)),
];
const WORK: Shape = obj(&[
    ("name", Text),
    ("location", Text),
    ("description", Text),
    ("position", Text),
    ("url", Text),
    ("startDate", Date),
    ("endDate", Date),
    ("summary", Text),
    ("highlights", TEXTS),
]);
const VOLUNTEER: Shape = obj(&[
    ("organization", Text),
    ("position", Text),
    ("url", Text),
    ("startDate", Date),
    ("endDate", Date),
    ("summary", Text),
    ("highlights", TEXTS),
]);
const EDUCATION: Shape = obj(&[
    ("institution", Text),
    ("url", Text),
    ("area", Text),
    ("studyType", Text),
    ("startDate", Date),
    ("endDate", Date),
    ("score", Text),
    ("courses", TEXTS),
]);
const AWARD: Shape = obj(&[("title", Text), ("date", Date), ("awarder", Text), ("summary", Text)]);
const CERTIFICATE: Shape = obj(&[("name", Text), ("date", Date), ("url", Text), ("issuer", Text)]);
const PUBLICATION: Shape = obj(&[("name", Text), ("publisher", Text), ("releaseDate", Date), ("url", Text), ("summary", Text)]);
const SKILL: Shape = obj(&[("name", Text), ("level", Text), ("keywords", TEXTS)]);
const LANGUAGE: Shape = obj(&[("language", Text), ("fluency", Text)]);
const INTEREST: Shape = obj(&[("name", Text), ("keywords", TEXTS)]);
const REFERENCE: Shape = obj(&[("name", Text), ("reference", Text)]);
const PROJECT: Shape = obj(&[
    ("name", Text),
    ("description", Text),
    ("highlights", TEXTS),
    ("keywords", TEXTS),
    ("startDate", Date),
    ("endDate", Date),
    ("url", Text),
    ("roles", TEXTS),
    ("entity", Text),
    ("type", Text),
]);
const META: &[(&str, Shape)] = &[("canonical", Text), ("version", Text), ("lastModified", Text)];

/// The JSON Resume v1.0.0 schema, as far as types go (the schema's `format`s are not
/// enforced on import: a résumé is not rejected for an odd URL).
pub(crate) const JSON_RESUME: Shape = obj(&[
    ("$schema", Text),
    ("basics", obj(BASICS)),
    ("work", List(&WORK)),
    ("volunteer", List(&VOLUNTEER)),
    ("education", List(&EDUCATION)),
    ("awards", List(&AWARD)),
    ("certificates", List(&CERTIFICATE)),
    ("publications", List(&PUBLICATION)),
    ("skills", List(&SKILL)),
    ("languages", List(&LANGUAGE)),
    ("interests", List(&INTEREST)),
    ("references", List(&REFERENCE)),
    ("projects", List(&PROJECT)),
    ("meta", obj(META)),
]);

/// The top-level keys JSON Resume defines.
pub(crate) const TOP_LEVEL_KEYS: [&str; 14] = [
    "$schema",
    "basics",
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
    "meta",
];

/// How a non-object top-level value reads in "this is valid JSON, but …".
pub(crate) fn describe_top_level(v: &Value) -> &'static str {
    match v {
        Value::Null => "it is just null",
        Value::Bool(_) => "it is just a yes/no value",
        Value::Number(_) => "it is just a number",
        Value::String(_) => "it is just a text in quotes",
        Value::Array(_) => "it is a list [ … ]",
        Value::Object(_) => "it is an object without any résumé fields",
    }
}

/// Reads a JSON Resume file. Any JSON object is accepted (every JSON Resume field is
/// optional); one without résumé fields imports with a warning.
pub fn parse_json_resume(text: &str) -> Result<Imported, ImportError> {
    let (text, value) = read_json(text)?;
    json_resume_from_value(text, value)
}

/// The part of [`parse_json_resume`] after syntax, shared with `import_any` (which has
/// already parsed the text to decide its format).
pub(crate) fn json_resume_from_value(text: &str, mut value: Value) -> Result<Imported, ImportError> {
    let Value::Object(map) = &value else {
        return Err(ImportError::NotAResume { found: describe_top_level(&value).into() });
    };
    let mut warnings = Warnings::default();
    let unknown: Vec<String> = map.keys().filter(|k| !TOP_LEVEL_KEYS.contains(&k.as_str())).cloned().collect();
    let has_content = map.keys().any(|k| TOP_LEVEL_KEYS.contains(&k.as_str()) && k != "$schema" && k != "meta");
    check_value(text, &mut value, &JSON_RESUME, &mut warnings)?;
    if !has_content {
        warnings.push(
            WarningKind::Empty,
            Some(1),
            None,
            "The file has none of the JSON Resume sections (basics, work, education, skills, …), so the imported résumé is empty. Check that this is the right file.".into(),
        );
    }
    // Typos in section names ("skils") are the usual reason for a "missing" section.
    let unknown_paths: Vec<String> = unknown.iter().map(|k| format_path(&[Seg::Key(k.clone())])).collect();
    let lines = locate_lines(text, &unknown_paths);
    for ((key, path), line) in unknown.iter().zip(unknown_paths).zip(lines) {
        if key.starts_with("x-") || warnings.is_full() {
            continue;
        }
        let at = line.map(|l| format!(" (line {l})")).unwrap_or_default();
        warnings.push(
            WarningKind::KeptAsIs,
            line,
            Some(path),
            format!("\"{key}\"{at} is not a JSON Resume section. It was kept in the file as is, but Fitted does not use it; if it is a misspelt section name, fix it and import again."),
        );
    }
    let document: JsonResume = serde_json::from_value(value).map_err(|e| ImportError::Internal { message: e.to_string() })?;
    let mut warnings = warnings.finish();
    warnings.sort_by_key(|w| w.line.unwrap_or(usize::MAX));
    Ok(Imported { document, format: ImportFormat::JsonResume, warnings })
}

/// The document as pretty-printed JSON Resume (two-space indent, trailing newline): known
/// fields in schema order, unknown keys after them, nothing added or dropped.
pub fn export_json_resume(doc: &JsonResume) -> String {
    // Serialising these types cannot fail (all map keys are strings), but the engine never
    // panics: the fallback is an empty résumé rather than an abort.
    let mut out = serde_json::to_string_pretty(doc).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_unknown_keys_everywhere() {
        let text = r#"{"basics": {"name": "A", "pronouns": "they"}, "work": [{"name": "B", "team": {"size": 4}}], "x-theme": "dark"}"#;
        let imported = parse_json_resume(text).unwrap();
        let back: Value = serde_json::from_str(&export_json_resume(&imported.document)).unwrap();
        assert_eq!(back, serde_json::from_str::<Value>(text).unwrap());
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    }

    #[test]
    fn wrong_types_name_field_and_line() {
        let text = "{\n  \"basics\": {\"name\": \"A\"},\n  \"work\": [\n    {\"name\": \"B\"},\n    {\"name\": \"C\",\n     \"highlights\": 5}\n  ]\n}";
        let e = parse_json_resume(text).unwrap_err();
        assert_eq!(
            e.to_string(),
            "work[1].highlights (line 6): expected a list of texts [\"…\", \"…\"], found a number. Fix that field in the file and import again."
        );
    }

    #[test]
    fn typo_sections_are_kept_with_a_warning() {
        let imported = parse_json_resume("{\"basics\": {},\n\"skils\": []}").unwrap();
        assert_eq!(imported.warnings.len(), 1);
        assert_eq!(imported.warnings[0].line, Some(2));
        assert!(imported.document.extra.contains_key("skils"));
    }
}
