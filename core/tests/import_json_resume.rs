//! JSON Resume in and out: lossless round trips of the official sample and every fixture,
//! and exports validated by the official package's own validator (through node).

#[path = "fixtures_import/support.rs"]
mod support;

use fitted_core::import::{export_json_resume, import_any, parse_json_resume, ImportFormat};
use serde_json::Value;

/// parse → export → parse gives the same document, and the export is the same JSON as the
/// original file (key order aside).
fn assert_round_trip(name: &str, text: &str) {
    let first = parse_json_resume(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(first.format, ImportFormat::JsonResume);
    let exported = export_json_resume(&first.document);
    let second = parse_json_resume(&exported).unwrap_or_else(|e| panic!("{name} (exported): {e}"));
    assert_eq!(second.document, first.document, "{name}: documents differ after a round trip");
    let original: Value = serde_json::from_str(text).unwrap();
    let back: Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(back, original, "{name}: exported JSON differs from the original");
    // Exporting again is stable text.
    assert_eq!(export_json_resume(&second.document), exported, "{name}: export is not stable");
}

#[test]
fn official_sample_round_trips_losslessly() {
    let text = support::read(&support::sample_resume_path());
    assert_round_trip("sample.resume.json", &text);
    let imported = parse_json_resume(&text).unwrap();
    assert!(imported.warnings.is_empty(), "{:#?}", imported.warnings);
    let d = &imported.document;
    assert_eq!(d.basics().name.as_deref(), Some("Richard Hendriks"));
    assert_eq!(d.basics().image.as_deref(), Some(""), "an empty text stays an empty text");
    assert_eq!(d.projects()[0].kind.as_deref(), Some("application"));
    assert_eq!(d.meta.as_ref().unwrap().last_modified.as_deref(), Some("2017-12-24T15:53:00"));
}

#[test]
fn every_fixture_round_trips_losslessly() {
    for path in support::fixture_resume_paths() {
        let text = support::read(&path);
        assert_round_trip(&support::fixture_name(&path), &text);
        let imported = import_any(path.file_name().and_then(|n| n.to_str()), &text).unwrap();
        assert_eq!(imported.format, ImportFormat::JsonResume);
        assert!(imported.warnings.is_empty(), "{}: {:#?}", path.display(), imported.warnings);
    }
}

#[test]
fn unknown_keys_and_odd_values_survive_a_round_trip() {
    let text = r#"{
      "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
      "basics": {"name": "Ana", "pronouns": "she/her", "location": {"city": "Lisboa", "x-geo": [38.7, -9.1]}},
      "work": [{"name": "A", "highlights": [], "x-tags": {"nested": [1, 2.5, true, null, "s"]}}],
      "skills": [{"name": "Empty"}],
      "meta": {"theme": "even"},
      "x-fitted-unparsed": ["a line"],
      "customSection": {"anything": ["goes"]}
    }"#;
    assert_round_trip("unknown keys", text);
    let d = parse_json_resume(text).unwrap().document;
    assert_eq!(d.work()[0].highlights.as_deref(), Some(&[][..]), "an empty list stays an empty list");
}

#[test]
fn exports_validate_against_the_official_schema() {
    let mut docs = vec![("sample".to_string(), export_json_resume(&parse_json_resume(&support::read(&support::sample_resume_path())).unwrap().document))];
    for path in support::fixture_resume_paths() {
        docs.push((support::fixture_name(&path), export_json_resume(&support::load_fixture(&path))));
    }
    support::validate_with_node("json-resume", &docs);
}

/// The validator script itself rejects what the schema rejects (so a passing validation
/// above means something).
#[test]
fn the_validator_rejects_invalid_documents() {
    let bad = r#"{"basics": {"email": "not an email", "url": "no scheme"}, "work": [{"startDate": "June 2020"}]}"#.to_string();
    let result = std::panic::catch_unwind(|| support::validate_with_node("invalid", &[("invalid".into(), bad)]));
    let message = match result {
        Ok(()) => panic!("an invalid document passed validation"),
        Err(e) => e.downcast_ref::<String>().cloned().unwrap_or_default(),
    };
    assert!(message.contains("startDate") && message.contains("email"), "{message}");
}
