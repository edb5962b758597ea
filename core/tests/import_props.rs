//! Property tests: no input makes an importer panic, and every document an importer returns
//! survives export → `parse_json_resume` unchanged.

use fitted_core::import::{export_json_resume, import_any, parse_json_resume, parse_plain_text, parse_seed_master, Imported};
use fitted_core::resume::{Basics, JsonResume, Project, Skill, Work};
use proptest::prelude::*;

#[path = "support/prop_gate.rs"]
mod prop_gate;
use serde_json::{Map, Value};

/// The promise every successful import makes: export, re-read, same document.
fn assert_exports_round_trip(imported: &Imported) {
    let exported = export_json_resume(&imported.document);
    let again = parse_json_resume(&exported).unwrap_or_else(|e| panic!("export did not re-import: {e}\n{exported}"));
    assert_eq!(again.document, imported.document, "{exported}");
}

/// JSON Resume's date pattern.
fn iso(d: &str) -> bool {
    let b = d.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let y = digits(0..4) && matches!(b[0], b'1' | b'2');
    match b.len() {
        4 => y,
        7 => y && b[4] == b'-' && digits(5..7),
        10 => y && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

/// What the schema checks beyond types, for documents Fitted builds from text.
fn assert_schema_formats(doc: &JsonResume) {
    let mut dates: Vec<&Option<String>> = Vec::new();
    for w in doc.work() {
        dates.extend([&w.start_date, &w.end_date]);
    }
    for p in doc.projects() {
        dates.extend([&p.start_date, &p.end_date]);
    }
    for e in doc.education() {
        dates.extend([&e.start_date, &e.end_date]);
    }
    for a in doc.awards() {
        dates.push(&a.date);
    }
    for c in doc.certificates() {
        dates.push(&c.date);
    }
    for d in dates.into_iter().flatten() {
        assert!(iso(d), "date {d:?} is not in the schema's pattern");
    }
    let b = doc.basics();
    let urls = b.url.iter().chain(b.profiles.iter().flatten().filter_map(|p| p.url.as_ref())).chain(doc.projects().iter().filter_map(|p| p.url.as_ref()));
    for u in urls {
        assert!(u.starts_with("http://") || u.starts_with("https://"), "url {u:?} has no scheme");
    }
    if let Some(e) = &b.email {
        assert!(e.contains('@') && !e.contains(char::is_whitespace), "email {e:?}");
    }
}

fn any_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..400).prop_map(String::from_iter)
}

fn jsonish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("{"), Just("}"), Just("["), Just("]"), Just(":"), Just(","), Just(" "), Just("\n"), Just("\"basics\""), Just("\"work\""),
        Just("\"highlights\""), Just("\"name\""), Just("\"skills\""), Just("\"keywords\""), Just("\"programming_languages\""),
        Just("\"experience\""), Just("\"bullets\""), Just("\"dates\""), Just("\"startDate\""), Just("\"education\""), Just("\"degree\""),
        Just("null"), Just("true"), Just("-1.5e3"), Just("7"), Just("\"x\""), Just("\"Jun 2019 – Present\""), Just("\"\\u0007\""),
        Just("\"\\ud800\""), Just("\"é\""), Just("\\"), Just("\""), Just("\u{feff}"),
    ];
    prop::collection::vec(token, 0..80).prop_map(|t| t.concat())
}

/// Arbitrary JSON biased towards résumé keys, so the shape checks and converters run deep.
fn value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("basics".to_string()), Just("work".to_string()), Just("name".to_string()), Just("highlights".to_string()),
        Just("startDate".to_string()), Just("endDate".to_string()), Just("skills".to_string()), Just("keywords".to_string()),
        Just("education".to_string()), Just("studyType".to_string()), Just("profiles".to_string()), Just("location".to_string()),
        Just("summary".to_string()), Just("experience".to_string()), Just("bullets".to_string()), Just("dates".to_string()),
        Just("degree".to_string()), Just("awards".to_string()), Just("year".to_string()), Just("mentorship".to_string()),
        Just("links".to_string()), Just("projects".to_string()), Just("other_skills".to_string()), Just("meta".to_string()),
        "[a-z$]{1,6}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e9f64..1e9).prop_map(Value::from),
        "[ -~]{0,12}".prop_map(Value::String),
        prop_oneof![Just("2019-03"), Just("Jun 2021 – Present"), Just("2019-2022"), Just("Summer 2017"), Just("github.com/x"), Just("a\u{7}b")]
            .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..6).prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn clean_text() -> impl Strategy<Value = String> {
    // Any printable text (no control characters, which a JSON import refuses).
    prop::collection::vec(any::<char>().prop_filter("printable", |c| !c.is_control()), 0..40).prop_map(String::from_iter)
}

fn opt(s: impl Strategy<Value = String>) -> impl Strategy<Value = Option<String>> {
    prop::option::of(s)
}

/// Structurally valid documents with arbitrary texts.
fn document() -> impl Strategy<Value = JsonResume> {
    let work = (opt(clean_text()), opt(clean_text()), opt(clean_text()), prop::option::of(prop::collection::vec(clean_text(), 0..4)))
        .prop_map(|(name, position, start_date, highlights)| Work { name, position, start_date, highlights, ..Default::default() });
    let project = (opt(clean_text()), prop::option::of(prop::collection::vec(clean_text(), 0..3)))
        .prop_map(|(name, highlights)| Project { name, highlights, ..Default::default() });
    let skill = (opt(clean_text()), prop::option::of(prop::collection::vec(clean_text(), 0..4)))
        .prop_map(|(name, keywords)| Skill { name, keywords, ..Default::default() });
    (
        opt(clean_text()),
        opt(clean_text()),
        prop::option::of(prop::collection::vec(work, 0..3)),
        prop::option::of(prop::collection::vec(project, 0..2)),
        prop::option::of(prop::collection::vec(skill, 0..3)),
        prop::collection::vec(("x-[a-z]{1,5}", clean_text()), 0..2),
    )
        .prop_map(|(name, summary, work, projects, skills, extra)| JsonResume {
            basics: Some(Basics { name, summary, ..Default::default() }),
            work,
            projects,
            skills,
            extra: extra.into_iter().map(|(k, v)| (k, Value::String(v))).collect(),
            ..Default::default()
        })
}

/// Lines a pasted résumé is made of, shuffled into arbitrary order.
fn resume_like_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("EXPERIENCE".to_string()), Just("Education".to_string()), Just("Skills:".to_string()), Just("PROJECTS".to_string()),
        Just("Languages".to_string()), Just("Awards".to_string()), Just("Certifications".to_string()), Just("Leadership".to_string()),
        Just("Summary".to_string()), Just("".to_string()), Just("Page 2 of 3".to_string()),
        Just("Senior Engineer — Acme Corp, Seattle, WA · Jun 2019 – Present".to_string()),
        Just("Acme Corp | Engineer | 2019–2022".to_string()), Just("Beta LLC · 03/2017 - 06/2019".to_string()),
        Just("University of Somewhere — B.S. in Physics, 2015 | GPA: 3.5/4.0".to_string()),
        Just("jane@example.com | (206) 555-0100 | github.com/jane | jane.dev".to_string()),
        Just("Languages: Go, Rust (async, no_std), SQL".to_string()), Just("English (native), French (B2)".to_string()),
        "(• |- |◦ |1\\. |\u{f0b7})[A-Za-z0-9 ,.%()&-]{0,60}",
        "[a-z][a-z ,.]{0,50}",
        "[A-Z][A-Za-z ]{0,30}",
        "[ -~]{0,40}",
    ];
    prop::collection::vec(line, 0..40).prop_map(|l| l.join("\n"))
}

proptest! {
    // 256 fixed cases each in the gate; scripts/discover.sh runs many random ones.
    #![proptest_config(prop_gate::config(256))]

    #[test]
    fn arbitrary_text_never_panics(text in any_text(), named in any::<bool>()) {
        let name = if named { Some("resume.json") } else { None };
        let results = [import_any(name, &text), parse_json_resume(&text), parse_plain_text(&text), parse_seed_master(&text)];
        for imported in results.into_iter().flatten() {
            assert_exports_round_trip(&imported);
        }
    }

    #[test]
    fn jsonish_text_never_panics(text in jsonish()) {
        for imported in [import_any(None, &text), parse_json_resume(&text), parse_seed_master(&text)].into_iter().flatten() {
            assert_exports_round_trip(&imported);
        }
    }

    #[test]
    fn arbitrary_json_values_import_or_fail_cleanly(v in value(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&v).unwrap() } else { serde_json::to_string(&v).unwrap() };
        for result in [import_any(Some("x.json"), &text), parse_json_resume(&text), parse_seed_master(&text)] {
            match result {
                Ok(imported) => assert_exports_round_trip(&imported),
                // Every error names where it is, when it is about a field.
                Err(e) => prop_assert!(e.path().is_none() || e.line().is_some(), "{e:?}"),
            }
        }
    }

    #[test]
    fn exported_documents_round_trip(doc in document()) {
        let text = export_json_resume(&doc);
        let back = parse_json_resume(&text).unwrap();
        prop_assert_eq!(&back.document, &doc);
        let detected = import_any(Some("resume.json"), &text).unwrap();
        prop_assert_eq!(&detected.document, &doc);
    }

    #[test]
    fn resume_like_text_gives_valid_documents(text in resume_like_text()) {
        if let Ok(imported) = parse_plain_text(&text) {
            assert_schema_formats(&imported.document);
            assert_exports_round_trip(&imported);
            // Warnings name real lines of the paste.
            let lines = text.split('\n').count();
            for w in &imported.warnings {
                if let Some(l) = w.line {
                    prop_assert!(l >= 1 && l <= lines, "{w:?}");
                }
            }
        }
    }
}
