//! Every kind of bad input gets an `ImportError` (or, for what can be repaired safely, a
//! warning) whose message names the field and the line and says what to do.

#[path = "support/pathological.rs"]
mod pathological;

use fitted_core::import::{
    import_any, parse_json_resume, parse_plain_text, parse_seed_master, ImportError, WarningKind, MAX_JSON_BYTES, MAX_TEXT_BYTES,
};

fn json_err(text: &str) -> ImportError {
    parse_json_resume(text).expect_err("expected an error")
}

#[test]
fn empty_input() {
    for text in ["", "   \n\t ", "\u{feff}", "\u{feff}\n"] {
        assert!(matches!(json_err(text), ImportError::Empty { .. }), "{text:?}");
        assert!(matches!(parse_plain_text(text), Err(ImportError::Empty { .. })), "{text:?}");
        assert!(matches!(import_any(None, text), Err(ImportError::Empty { .. })), "{text:?}");
    }
    let e = import_any(Some("cv.txt"), "  ").unwrap_err();
    assert_eq!(e.to_string(), "Nothing to import: the file is empty. Choose a résumé file or paste its text, then import again.");
}

#[test]
fn too_large_input_fails_at_once() {
    let big = "a".repeat(5 * 1024 * 1024);
    let big_json = format!("{{\"basics\": {{\"summary\": \"{}\"}}}}", "b".repeat(3 * 1024 * 1024));
    // Refused on size before any parsing (the bench `import` shows it takes microseconds).
    for r in [import_any(None, &big), parse_plain_text(&big), parse_json_resume(&big_json), import_any(Some("r.json"), &big_json), parse_seed_master(&big)] {
        match r {
            Err(ImportError::TooLarge { size_bytes, limit_bytes, .. }) => assert!(size_bytes > limit_bytes),
            other => panic!("expected TooLarge, got {other:?}"),
        }
    }
    let e = import_any(None, &big).unwrap_err();
    assert_eq!(
        e.to_string(),
        "This paste is 5 MB, which is too large for a résumé (the limit is 2 MB). Check that you chose the right file, or paste only the résumé itself."
    );
    // Just under the limits is accepted.
    assert_eq!(MAX_JSON_BYTES, 2 * 1024 * 1024);
    let under = format!("{{\"basics\": {{\"summary\": \"{}\"}}}}", "b".repeat(MAX_JSON_BYTES - 40));
    assert!(parse_json_resume(&under).is_ok());
    let text = "Jane Doe\n".to_string() + &"word ".repeat((MAX_TEXT_BYTES - 20) / 5);
    assert!(parse_plain_text(&text).is_ok());
}

#[test]
fn invalid_json_names_line_and_column() {
    let e = json_err("{\n  \"basics\": {\n    \"name\": \"Ana\"\n    \"label\": \"Dev\"\n  }\n}");
    let ImportError::InvalidJson { line, column, .. } = &e else { panic!("{e:?}") };
    assert_eq!((*line, *column), (4, 5));
    assert_eq!(e.to_string(), "The file is not valid JSON (line 4, column 5): expected `,` or `}`. Fix it in the file and import again.");
    assert_eq!(e.line(), Some(4));
    let cases = [
        ("{\"a\": 1,}", "comma just before a closing bracket"),
        ("{\"a\": [1, 2}", "expected"),
        ("{\"a\": \"x", "ends before the JSON is complete"),
        ("{a: 1}", "field name is not in double quotes"),
        ("{\"a\": 'x'}", "not valid JSON here"),
        ("{\"a\": \"tab\there\"}", "raw tab or line break"),
        ("{} {}", "more text after the end"),
        ("{\"a\": \"\\q\"}", "invalid escape"),
    ];
    for (text, reason) in cases {
        let e = import_any(Some("r.json"), text).unwrap_err();
        assert!(matches!(e, ImportError::InvalidJson { .. }), "{text}: {e:?}");
        assert!(e.to_string().contains(reason), "{text}: {e}");
    }
    // Text that starts like JSON is reported as JSON, whatever the file name.
    assert!(matches!(import_any(None, "{ name: Jane }"), Err(ImportError::InvalidJson { .. })));
}

#[test]
fn valid_json_that_is_not_a_resume() {
    for (text, found) in [
        ("[1, 2]", "a list"),
        ("42", "a number"),
        ("\"Jane\"", "a text"),
        ("null", "null"),
        ("true", "yes/no"),
        ("{\"foo\": 1}", "without any résumé fields"),
    ] {
        let e = import_any(Some("x.json"), text).unwrap_err();
        assert!(matches!(e, ImportError::NotAResume { .. }), "{text}: {e:?}");
        assert!(e.to_string().contains(found), "{text}: {e}");
        assert!(e.to_string().contains("Fitted imports a JSON Resume file"), "{e}");
    }
    for text in ["[1, 2]", "42"] {
        assert!(matches!(json_err(text), ImportError::NotAResume { .. }));
        assert!(matches!(parse_seed_master(text), Err(ImportError::NotAResume { .. })));
    }
    // Pasted (no file name): a JSON list is still not a résumé.
    assert!(matches!(import_any(None, "[{\"basics\": {}}]"), Err(ImportError::NotAResume { .. })));
    // parse_json_resume itself accepts an object without sections, with a warning.
    let got = parse_json_resume("{\"foo\": 1}").unwrap();
    assert!(got.warnings.iter().any(|w| w.kind == WarningKind::Empty));
}

#[test]
fn wrong_types_name_path_and_line() {
    let cases: [(&str, &str, usize, &str); 7] = [
        ("{\n  \"work\": \"Acme\"\n}", "work", 2, "expected a list of entries [{…}, {…}], found a text"),
        (
            "{\n  \"work\": [\n    {\"name\": \"A\"},\n    {\n      \"name\": \"B\",\n      \"highlights\": 5\n    }\n  ]\n}",
            "work[1].highlights",
            6,
            "expected a list of texts [\"…\", \"…\"], found a number",
        ),
        ("{\"basics\": {\"name\": {\"first\": \"Ana\"}}}", "basics.name", 1, "expected a text in quotes, found an object"),
        ("{\n\"basics\": [],\n\"work\": []}", "basics", 2, "expected an object with named fields {…}, found a list"),
        ("{\"work\": [{\"highlights\": [\"ok\", [\"nested\"]]}]}", "work[0].highlights[1]", 1, "expected a text in quotes, found a list"),
        ("{\"skills\": [{\"keywords\": \"Go, Java\"}]}", "skills[0].keywords", 1, "found a text"),
        ("{\"basics\": {\"profiles\": {\"network\": \"GitHub\"}}}", "basics.profiles", 1, "found an object"),
    ];
    for (text, path, line, says) in cases {
        let e = json_err(text);
        let ImportError::WrongType { path: p, line: l, .. } = &e else { panic!("{text}: {e:?}") };
        assert_eq!((p.as_str(), *l), (path, Some(line)), "{text}");
        let msg = e.to_string();
        assert!(msg.starts_with(&format!("{path} (line {line}): expected ")) && msg.contains(says), "{msg}");
        assert!(msg.ends_with("Fix that field in the file and import again."), "{msg}");
    }
    // Several problems: the first in the file is reported, and the others are counted.
    let e = json_err("{\n\"work\": [{\"name\": []}],\n\"basics\": {\"email\": {}},\n\"education\": 3\n}");
    assert_eq!(e.path(), Some("work[0].name"));
    assert!(e.to_string().ends_with("(2 more fields have problems too.)"), "{e}");
    // The seed shape is checked the same way.
    let e = parse_seed_master("{\"skills\": {\n  \"programming_languages\": \"Go\"\n}}").unwrap_err();
    assert_eq!((e.path(), e.line()), (Some("skills.programming_languages"), Some(2)));
}

#[test]
fn numbers_and_booleans_become_text_with_a_warning() {
    let text = "{\n\"basics\": {\"phone\": 5550142, \"location\": {\"postalCode\": 94115}},\n\"education\": [{\"score\": 3.8}],\n\"work\": [{\"highlights\": [true]}]\n}";
    let got = parse_json_resume(text).unwrap();
    let d = &got.document;
    assert_eq!(d.basics().phone.as_deref(), Some("5550142"));
    assert_eq!(d.basics().location.unwrap().postal_code.as_deref(), Some("94115"));
    assert_eq!(d.education()[0].score.as_deref(), Some("3.8"));
    assert_eq!(d.work()[0].highlights.as_ref().unwrap(), &["true"]);
    let coerced: Vec<_> = got.warnings.iter().filter(|w| w.kind == WarningKind::Coerced).collect();
    assert_eq!(coerced.len(), 4);
    let w = coerced.iter().find(|w| w.path.as_deref() == Some("education[0].score")).unwrap();
    assert_eq!(w.line, Some(3));
    assert_eq!(w.message, "education[0].score (line 3): found a number where a text belongs; it was kept as the text \"3.8\".");
}

#[test]
fn nulls_are_left_out_with_a_warning() {
    let got = parse_json_resume("{\"work\": [{\"name\": \"A\",\n\"endDate\": null,\n\"highlights\": [\"x\", null, \"y\"]}], \"meta\": null}").unwrap();
    let w = &got.document.work()[0];
    assert_eq!(w.end_date, None);
    assert_eq!(w.highlights.as_ref().unwrap(), &["x", "y"]);
    assert!(got.document.meta.is_none());
    let mut paths: Vec<_> = got.warnings.iter().filter(|w| w.kind == WarningKind::NullIgnored).map(|w| (w.line, w.path.clone().unwrap())).collect();
    paths.sort();
    assert_eq!(paths, [(Some(2), "work[0].endDate".into()), (Some(3), "meta".into()), (Some(3), "work[0].highlights[1]".into())]);
}

#[test]
fn dates_outside_the_schema_pattern_are_kept_with_a_warning() {
    let got = parse_json_resume("{\"work\": [{\n\"startDate\": \"June 2019\"}]}").unwrap();
    assert_eq!(got.document.work()[0].start_date.as_deref(), Some("June 2019"));
    let w = &got.warnings[0];
    assert_eq!((w.kind, w.line, w.path.as_deref()), (WarningKind::DateNotIso, Some(2), Some("work[0].startDate")));
    assert!(w.message.contains("kept as written"), "{}", w.message);
}

#[test]
fn control_characters_in_json_texts_are_refused() {
    let cases = [
        ("{\"basics\": {\n\"name\": \"Ana\\u0007\"}}", "basics.name", 2, "U+0007"),
        ("{\"work\": [{\"highlights\": [\"ok\",\n \"nul \\u0000 here\"]}]}", "work[0].highlights[1]", 2, "U+0000"),
        ("{\"basics\": {\"summary\": \"del \\u007f\"}}", "basics.summary", 1, "U+007F"),
        ("{\"basics\": {\"summary\": \"c1 \\u0085\"}}", "basics.summary", 1, "U+0085"),
        ("{\"x-note\": {\"key\\u001b\": 1}}", "x-note[\"key\\u001b\"]", 1, "U+001B"),
    ];
    for (text, path, line, cp) in cases {
        let e = parse_json_resume(text).unwrap_err();
        let ImportError::ControlCharacter { path: p, line: l, code_point } = &e else { panic!("{text}: {e:?}") };
        assert_eq!((p.as_str(), *l, code_point.as_str()), (path, Some(line), cp), "{text}");
        assert!(e.to_string().contains("invisible control character"), "{e}");
        assert!(e.to_string().contains("import again"), "{e}");
    }
    // Tabs, line breaks and carriage returns are ordinary text.
    assert!(parse_json_resume("{\"basics\": {\"summary\": \"a\\tb\\nc\\r\\n\"}}").is_ok());
}

#[test]
fn pasted_text_policies() {
    // Control characters in a paste are layout debris: removed, with a warning per line.
    let got = parse_plain_text("Jane Doe\nEngineer\u{7}\n\nSKILLS\nGo,\u{1b} Rust").unwrap();
    assert_eq!(got.document.basics().label.as_deref(), Some("Engineer"));
    let lines: Vec<_> = got.warnings.iter().filter(|w| w.kind == WarningKind::ControlRemoved).map(|w| w.line).collect();
    assert_eq!(lines, [Some(2), Some(5)]);
    // Form feeds and vertical tabs are line breaks, not errors.
    let got = parse_plain_text("Jane Doe\u{c}SKILLS\u{b}Go, Rust").unwrap();
    assert_eq!(got.document.skills()[0].keywords.as_ref().unwrap(), &["Go", "Rust"]);
    // Binary documents are recognised.
    for (text, kind) in [("%PDF-1.7\n%âãÏÓ", "PDF"), ("PK\u{3}\u{4}\u{14}\0\u{6}", "Word"), ("Jane\0Doe", "binary"), ("{\\rtf1\\ansi Jane}", "RTF")] {
        let e = import_any(Some("cv.pdf"), text).unwrap_err();
        assert!(matches!(e, ImportError::BinaryFile { .. }), "{text:?}: {e:?}");
        assert!(e.to_string().contains(kind) && e.to_string().contains("copy it and paste it here"), "{e}");
    }
}

#[test]
fn errors_serialise_for_the_ui() {
    let e = json_err("{\"work\": 5}");
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!(v["code"], "wrongType");
    assert_eq!(v["path"], "work");
    assert_eq!(v["line"], 1);
    let back: ImportError = serde_json::from_value(v).unwrap();
    assert_eq!(back, e);
}

/// Inputs at the size limit built to hit slow paths import without error and with a bounded
/// number of warnings. How long they take is measured by `cargo bench -p fitted-core --bench
/// import`, not asserted here.
#[test]
fn pathological_inputs_import() {
    for (name, text) in pathological::inputs() {
        let imported = import_any(None, &text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(imported.warnings.len() <= fitted_core::import::MAX_WARNINGS + 1, "{name}: {} warnings", imported.warnings.len());
    }
}
