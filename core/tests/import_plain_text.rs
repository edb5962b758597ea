//! The plain-text reader against (a) the fixture résumés rendered to text in three layouts,
//! whose right answer is the fixture itself, and (b) hand-written pastes with the mess real
//! PDF and Word copies have.

#[path = "fixtures_import/render.rs"]
mod render;
#[path = "fixtures_import/support.rs"]
mod support;
#[path = "support/pathological.rs"]
mod pathological;

use fitted_core::import::{export_json_resume, import_any, parse_plain_text, ImportFormat, Imported, WarningKind, UNPARSED_KEY};
use fitted_core::resume::JsonResume;
use render::{render, Layout, LAYOUTS};

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn year(d: &Option<String>) -> Option<String> {
    d.as_deref().map(|d| d[..4].to_string())
}

/// Dates at the precision the layout printed them with.
fn dates(layout: Layout, d: &Option<String>) -> Option<String> {
    match layout {
        Layout::Pipes => year(d),
        _ => d.as_deref().map(|d| d[..7.min(d.len())].to_string()),
    }
}

/// Compares what the layout printed with what the reader got back; returns the differences.
fn compare(layout: Layout, want: &JsonResume, got: &JsonResume) -> Vec<String> {
    let mut diffs = Vec::new();
    let mut check = |what: String, a: Option<String>, b: Option<String>| {
        let (a, b) = (a.map(|s| norm(&s)), b.map(|s| norm(&s)));
        if a != b {
            diffs.push(format!("{what}: want {a:?}, got {b:?}"));
        }
    };
    let (wb, gb) = (want.basics(), got.basics());
    check("name".into(), wb.name.clone(), gb.name.clone());
    check("label".into(), wb.label.clone(), gb.label.clone());
    check("email".into(), wb.email.clone(), gb.email.clone());
    check("phone".into(), wb.phone.clone(), gb.phone.clone());
    check("url".into(), wb.url.clone(), gb.url.clone());
    check("summary".into(), wb.summary.clone(), gb.summary.clone());
    let profile_urls = |b: &fitted_core::resume::Basics| b.profiles.iter().flatten().filter_map(|p| p.url.clone()).collect::<Vec<_>>().join(" ");
    check("profiles".into(), Some(profile_urls(&wb)), Some(profile_urls(&gb)));

    check("work count".into(), Some(want.work().len().to_string()), Some(got.work().len().to_string()));
    for (i, (w, g)) in want.work().iter().zip(got.work()).enumerate() {
        check(format!("work[{i}].name"), w.name.clone(), g.name.clone());
        check(format!("work[{i}].position"), w.position.clone(), g.position.clone());
        if layout != Layout::Pipes {
            check(format!("work[{i}].location"), w.location.clone(), g.location.clone());
        }
        check(format!("work[{i}].summary"), w.summary.clone(), g.summary.clone());
        check(format!("work[{i}].startDate"), dates(layout, &w.start_date), g.start_date.clone());
        check(format!("work[{i}].endDate"), dates(layout, &w.end_date), g.end_date.clone());
        let want_h: Vec<String> = w.highlights.iter().flatten().map(|h| norm(h)).collect();
        let got_h: Vec<String> = g.highlights.iter().flatten().map(|h| norm(h)).collect();
        check(format!("work[{i}].highlights"), Some(want_h.join("\n")), Some(got_h.join("\n")));
    }
    check("project count".into(), Some(want.projects().len().to_string()), Some(got.projects().len().to_string()));
    for (i, (w, g)) in want.projects().iter().zip(got.projects()).enumerate() {
        check(format!("projects[{i}].name"), w.name.clone(), g.name.clone());
        check(format!("projects[{i}].description"), w.description.clone(), g.description.clone());
        check(format!("projects[{i}].keywords"), w.keywords.as_ref().map(|k| k.join(", ")), g.keywords.as_ref().map(|k| k.join(", ")));
        check(format!("projects[{i}].startDate"), dates(layout, &w.start_date), g.start_date.clone());
        let want_h: Vec<String> = w.highlights.iter().flatten().map(|h| norm(h)).collect();
        let got_h: Vec<String> = g.highlights.iter().flatten().map(|h| norm(h)).collect();
        check(format!("projects[{i}].highlights"), Some(want_h.join("\n")), Some(got_h.join("\n")));
    }
    check("education count".into(), Some(want.education().len().to_string()), Some(got.education().len().to_string()));
    for (i, (w, g)) in want.education().iter().zip(got.education()).enumerate() {
        check(format!("education[{i}].institution"), w.institution.clone(), g.institution.clone());
        check(format!("education[{i}].score"), w.score.clone(), g.score.clone());
        check(format!("education[{i}].endDate"), dates(layout, &w.end_date), g.end_date.clone());
        let degree = |s: &Option<String>, a: &Option<String>| format!("{} {}", s.clone().unwrap_or_default(), a.clone().unwrap_or_default());
        check(format!("education[{i}].degree"), Some(degree(&w.study_type, &w.area)), Some(degree(&g.study_type, &g.area)));
    }
    let skills = |d: &JsonResume| {
        d.skills()
            .iter()
            .filter(|s| s.keywords.as_ref().is_some_and(|k| !k.is_empty()))
            .map(|s| format!("{}: {}", s.name.clone().unwrap_or_default(), s.keywords.clone().unwrap_or_default().join(", ")))
            .collect::<Vec<_>>()
            .join("\n")
    };
    check("skills".into(), Some(skills(want)), Some(skills(got)));
    check("awards".into(), Some(want.awards().len().to_string()), Some(got.awards().len().to_string()));
    for (i, (w, g)) in want.awards().iter().zip(got.awards()).enumerate() {
        check(format!("awards[{i}].title"), w.title.clone(), g.title.clone());
        check(format!("awards[{i}].awarder"), w.awarder.clone(), g.awarder.clone());
        check(format!("awards[{i}].date"), year(&w.date), g.date.clone());
    }
    for (i, (w, g)) in want.certificates().iter().zip(got.certificates()).enumerate() {
        check(format!("certificates[{i}].name"), w.name.clone(), g.name.clone());
        check(format!("certificates[{i}].issuer"), w.issuer.clone(), g.issuer.clone());
        check(format!("certificates[{i}].date"), w.date.as_deref().map(|d| d[..7].to_string()), g.date.clone());
    }
    let langs = |d: &JsonResume| {
        d.languages.iter().flatten().map(|l| format!("{:?}/{:?}", l.language, l.fluency)).collect::<Vec<_>>().join(", ")
    };
    check("languages".into(), Some(langs(want)), Some(langs(got)));
    if got.extra.contains_key(UNPARSED_KEY) {
        diffs.push(format!("unparsed lines: {:?}", got.extra[UNPARSED_KEY]));
    }
    diffs
}

/// The five labelled fixtures read back exactly from every layout (the edge-case résumé is
/// checked separately: its job titles deliberately contain separators).
#[test]
fn rendered_fixtures_read_back_in_every_layout() {
    let mut failures = Vec::new();
    for path in support::fixture_resume_paths() {
        let name = support::fixture_name(&path);
        if name == "edge_cases" {
            continue;
        }
        let want = support::load_fixture(&path);
        for layout in LAYOUTS {
            let text = render(&want, layout);
            let got = match parse_plain_text(&text) {
                Ok(i) => i,
                Err(e) => {
                    failures.push(format!("{name} {layout:?}: error {e}"));
                    continue;
                }
            };
            let diffs = compare(layout, &want, &got.document);
            if !diffs.is_empty() {
                failures.push(format!("{name} {layout:?}:\n  {}", diffs.join("\n  ")));
            }
            let unexpected: Vec<_> = got.warnings.iter().filter(|w| w.kind != WarningKind::PageFurniture).collect();
            if !unexpected.is_empty() {
                failures.push(format!("{name} {layout:?}: warnings {unexpected:#?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}


fn paste(name: &str) -> String {
    support::read(&support::repo_root().join("core/tests/fixtures_import").join(name))
}

fn parse(name: &str) -> Imported {
    parse_plain_text(&paste(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn lines_with(imported: &Imported, kind: WarningKind) -> Vec<usize> {
    imported.warnings.iter().filter(|w| w.kind == kind).filter_map(|w| w.line).collect()
}

/// Every word of the paste is somewhere in the document, except on lines reported as page
/// furniture and the words dates and labels are made of (they are read into fields).
fn assert_nothing_lost(name: &str, text: &str, imported: &Imported) {
    let furniture = lines_with(imported, WarningKind::PageFurniture);
    let json = serde_json::to_value(&imported.document).unwrap();
    let mut all = String::new();
    fn collect(v: &serde_json::Value, out: &mut String) {
        match v {
            serde_json::Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
            serde_json::Value::Object(m) => m.values().for_each(|x| collect(x, out)),
            _ => {}
        }
    }
    collect(&json, &mut all);
    let all = all.replace('\u{ad}', "");
    const SKIP: [&str; 12] = ["present", "email", "phone", "page", "expected", "since", "current", "gpa", "résumé", "resume", "until", "through"];
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let mut missing = Vec::new();
    const HEADINGS: [&str; 14] = [
        "summary", "professional summary", "work history", "experience", "projects", "education", "skills", "awards",
        "certifications", "languages", "interests", "references", "profile", "s k i l l s",
    ];
    for (i, line) in text.split(['\n', '\u{c}']).enumerate() {
        let bare = line.trim().trim_end_matches(':').to_lowercase();
        if furniture.contains(&(i + 1)) || HEADINGS.contains(&bare.as_str()) {
            continue;
        }
        for token in line.split_whitespace() {
            let w: String = token.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
            let lower = w.to_lowercase();
            if w.chars().count() < 4 || !w.chars().any(char::is_lowercase) || SKIP.contains(&lower.as_str()) || months.iter().any(|m| lower.starts_with(m)) {
                continue;
            }
            // Ligatures and soft hyphens are undone, so compare the cleaned word.
            let w = w.replace('ﬁ', "fi").replace('ﬂ', "fl");
            if !all.contains(&w) && !w.contains('\u{ad}') {
                missing.push(format!("line {}: {w}", i + 1));
            }
        }
    }
    assert!(missing.is_empty(), "{name}: words lost: {missing:?}");
}

#[test]
fn messy_pdf_paste() {
    let text = paste("messy_pdf.txt");
    let got = parse("messy_pdf.txt");
    let d = &got.document;
    let b = d.basics();
    assert_eq!(b.name.as_deref(), Some("PRIYA RAMANATHAN"));
    assert_eq!(b.label.as_deref(), Some("Senior Data Engineer"));
    assert_eq!(b.phone.as_deref(), Some("(312) 555-0187"));
    let nets: Vec<_> = b.profiles.iter().flatten().map(|p| (p.network.clone().unwrap(), p.url.clone().unwrap())).collect();
    assert_eq!(
        nets,
        [("LinkedIn".into(), "https://linkedin.com/in/priya-ramanathan".into()), ("GitHub".into(), "https://github.com/pramanathan".into())]
    );
    assert!(b.summary.as_deref().unwrap().starts_with("Data engineer with eight years"), "letter-spaced P R O F I L E heading");
    // Two-line header: employer line, then title with the dates after a run of spaces.
    let w = d.work();
    assert_eq!(w.len(), 2);
    assert_eq!((w[0].name.as_deref(), w[0].position.as_deref(), w[0].start_date.as_deref()), (Some("Larkspur Grocers"), Some("Senior Data Engineer"), Some("2021-03")));
    let h = w[0].highlights.as_ref().unwrap();
    assert_eq!(h.len(), 4, "{h:#?}");
    assert!(h[1].contains("schema-breaking incidents"), "a hyphen at a line break is kept: {}", h[1]);
    assert_eq!(h[2], "Mentored three analysts who now maintain their own dbt models.", "a bullet glyph alone on its line");
    // The page break (footer, form feed, running header) is left out, with warnings.
    assert_eq!(lines_with(&got, WarningKind::PageFurniture), [23, 25, 52]);
    assert_eq!((w[1].name.as_deref(), w[1].location.as_deref(), w[1].end_date.as_deref()), (Some("Halvard Freight Systems"), Some("Milwaukee, WI"), Some("2021-02")));
    let h = w[1].highlights.as_ref().unwrap();
    assert!(h[0].starts_with("Migrated 200+ Airflow DAGs"), "ligature undone: {}", h[0]);
    assert!(h[1].contains("data quality framework in Python"), "soft hyphen joins the word: {}", h[1]);
    let skills: Vec<_> = d.skills().iter().map(|s| (s.name.clone().unwrap(), s.keywords.clone().unwrap())).collect();
    assert_eq!(skills[0], ("Languages".into(), vec!["Python".into(), "SQL".into(), "Scala".into(), "Java".into()]));
    assert_eq!(skills[2].1[0], "AWS (S3, EMR, Glue)");
    let e = &d.education()[0];
    assert_eq!((e.study_type.as_deref(), e.area.as_deref(), e.score.as_deref(), e.end_date.as_deref()), (Some("B.S."), Some("Computer Science"), Some("3.7/4.0"), Some("2017")));
    let c = d.certificates();
    assert_eq!(c[0].name.as_deref(), Some("AWS Certified Data Engineer – Associate"));
    assert_eq!((c[0].issuer.as_deref(), c[0].date.as_deref()), (Some("Amazon Web Services"), Some("2023-04")));
    // "Leadership" has no JSON Resume section: kept, with warnings naming the lines.
    assert_eq!(d.extra[UNPARSED_KEY], serde_json::json!(["LEADERSHIP", "Co-organiser, Chicago Data Engineering Meetup (2019 – present)"]));
    assert_eq!(lines_with(&got, WarningKind::Unparsed), [47, 48]);
    assert_eq!(d.references.as_ref().unwrap()[0].reference.as_deref(), Some("Available upon request."));
    assert_nothing_lost("messy_pdf.txt", &text, &got);
}

#[test]
fn word_export_with_tabs_numbers_and_o_bullets() {
    let text = paste("word_export.txt");
    let got = parse("word_export.txt");
    let d = &got.document;
    assert_eq!(d.basics().name.as_deref(), Some("Tomás Alvarado"));
    assert_eq!(d.basics().phone.as_deref(), Some("+34 655 50 01 23"));
    assert!(d.basics().summary.as_deref().unwrap().starts_with("Operations manager turned product manager. Eleven years"));
    let w = d.work();
    assert_eq!(w.len(), 2);
    assert_eq!(
        (w[0].position.as_deref(), w[0].name.as_deref(), w[0].location.as_deref(), w[0].start_date.as_deref(), w[0].end_date.as_deref()),
        (Some("Product Manager"), Some("Viajes Marea S.L."), Some("Valencia"), Some("2020-01"), None)
    );
    assert_eq!(w[0].highlights.as_ref().unwrap()[0], "Launched self-service booking changes, reducing call-centre volume by 27% in the first year.");
    assert_eq!(w[1].highlights.as_ref().unwrap().len(), 2, "Word's 'o' sub-bullets");
    assert_eq!((w[1].start_date.as_deref(), w[1].end_date.as_deref()), (Some("2014-03"), Some("2019-12")));
    let e = d.education();
    assert_eq!(e.len(), 2);
    assert_eq!((e[1].study_type.as_deref(), e[1].area.as_deref(), e[1].end_date.as_deref()), (Some("Bachelor's Degree"), Some("Business Administration"), Some("2011")));
    assert_eq!(d.skills()[0].keywords.as_ref().unwrap().len(), 6);
    let langs: Vec<_> = d.languages.iter().flatten().map(|l| format!("{}={}", l.language.clone().unwrap(), l.fluency.clone().unwrap())).collect();
    assert_eq!(langs, ["Spanish=native", "English=C1", "Catalan=fluent"]);
    assert_eq!(d.interests.as_ref().unwrap().len(), 3);
    assert!(got.warnings.is_empty(), "{:#?}", got.warnings);
    assert_nothing_lost("word_export.txt", &text, &got);
}

#[test]
fn text_without_headings_is_kept_with_warnings() {
    let text = paste("no_headings.txt");
    let got = parse("no_headings.txt");
    let b = got.document.basics();
    assert_eq!(b.name.as_deref(), Some("Sam Okafor"));
    assert_eq!(b.email.as_deref(), Some("sam.okafor@example.net"));
    let summary = b.summary.unwrap();
    assert!(summary.starts_with("I have worked as a warehouse lead for six years and am looking for a move into logistics planning."), "{summary}");
    assert!(summary.contains("Cut picking errors by half"));
    assert_eq!(got.document.extra[UNPARSED_KEY], serde_json::json!(["Forklift certified"]));
    assert_eq!(lines_with(&got, WarningKind::Unparsed), [9]);
    assert_eq!(lines_with(&got, WarningKind::Guessed), [4, 5, 7, 8]);
    assert!(got.warnings.iter().all(|w| w.message.starts_with(&format!("Line {}:", w.line.unwrap()))));
    assert_nothing_lost("no_headings.txt", &text, &got);
}

#[test]
fn one_line_header_inline_headings_and_at_titles() {
    let text = paste("pipes_inline.txt");
    let got = parse("pipes_inline.txt");
    let d = &got.document;
    let b = d.basics();
    assert_eq!(b.name.as_deref(), Some("Mei-Lin Chou"));
    assert_eq!(b.url.as_deref(), Some("https://meilin.example.dev"));
    assert_eq!(b.summary.as_deref(), Some("Frontend engineer focused on accessible design systems."));
    let w = d.work();
    assert_eq!((w[0].position.as_deref(), w[0].name.as_deref(), w[0].start_date.as_deref(), w[0].end_date.as_deref()), (Some("Staff Frontend Engineer"), Some("Quartzline Inc."), Some("2019-03"), Some("2021-06")));
    assert_eq!((w[1].position.as_deref(), w[1].name.as_deref()), (Some("Frontend Engineer"), Some("Orchard Labs")));
    assert_eq!(w[1].summary.as_deref(), Some("Technologies: React, Redux, D3"));
    let p = d.projects();
    assert_eq!(p.len(), 2, "each bullet of a projects section without headers is a project");
    assert_eq!((p[0].name.as_deref(), p[0].start_date.as_deref()), (Some("a11y-lint"), Some("2020")));
    assert_eq!(d.skills()[0].keywords.as_ref().unwrap().len(), 5);
    assert_eq!(d.languages.as_ref().unwrap()[1].fluency.as_deref(), Some("Professional working proficiency"));
    assert_eq!((d.awards()[0].awarder.as_deref(), d.awards()[0].date.as_deref()), (Some("Orchard Labs"), Some("2017")));
    assert!(got.warnings.is_empty(), "{:#?}", got.warnings);
    assert_nothing_lost("pipes_inline.txt", &text, &got);
}

/// The edge-case résumé (markup characters, RTL, CJK, emoji, titles containing " / ")
/// loses nothing in any layout and keeps its bullets exactly.
#[test]
fn edge_case_fixture_loses_nothing() {
    let path = support::fixture_resume_paths().into_iter().find(|p| support::fixture_name(p) == "edge_cases").unwrap();
    let want = support::load_fixture(&path);
    for layout in LAYOUTS {
        let text = render(&want, layout);
        let got = parse_plain_text(&text).unwrap_or_else(|e| panic!("{layout:?}: {e}"));
        let d = &got.document;
        assert_eq!(d.basics().name, want.basics().name, "{layout:?}");
        assert_eq!(d.basics().email, want.basics().email, "{layout:?}");
        assert_eq!(d.work().len(), 3, "{layout:?}");
        assert_eq!(d.work()[0].highlights, want.work()[0].highlights, "{layout:?}");
        assert_eq!(d.work()[2].highlights, want.work()[2].highlights, "{layout:?}");
        assert_eq!(d.projects().len(), 2, "{layout:?}");
        assert_nothing_lost(&format!("edge_cases {layout:?}"), &text, &got);
    }
}

/// Rendered fixtures lose no word either (a stronger check than the field comparison for
/// the parts it does not compare).
#[test]
fn rendered_fixtures_lose_nothing() {
    for path in support::fixture_resume_paths() {
        let want = support::load_fixture(&path);
        for layout in LAYOUTS {
            let text = render(&want, layout);
            let got = parse_plain_text(&text).unwrap();
            assert_nothing_lost(&format!("{} {layout:?}", support::fixture_name(&path)), &text, &got);
        }
    }
}

#[test]
fn detection_sends_text_to_the_text_reader() {
    let got = import_any(Some("resume.txt"), &paste("word_export.txt")).unwrap();
    assert_eq!(got.format, ImportFormat::PlainText);
    // "[" that is not JSON is text too.
    let got = import_any(None, "[Your Name]\nEngineer\n\nEXPERIENCE\nAcme Corp | Engineer | 2019 – 2022\n• Built things").unwrap();
    assert_eq!(got.format, ImportFormat::PlainText);
    assert_eq!(got.document.work()[0].name.as_deref(), Some("Acme Corp"));
}

/// Every document the text reader builds is valid JSON Resume (dates in the schema's
/// pattern, URLs with a scheme, e-mail addresses well formed).
#[test]
fn text_imports_validate_against_the_schema() {
    let mut docs = Vec::new();
    for name in ["messy_pdf.txt", "word_export.txt", "no_headings.txt", "pipes_inline.txt"] {
        docs.push((name.replace('.', "_"), export_json_resume(&parse(name).document)));
    }
    for path in support::fixture_resume_paths() {
        let want = support::load_fixture(&path);
        for layout in LAYOUTS {
            let got = parse_plain_text(&render(&want, layout)).unwrap();
            docs.push((format!("{}_{layout:?}", support::fixture_name(&path)), export_json_resume(&got.document)));
        }
    }
    support::validate_with_node("plain-text", &docs);
}

/// A 1 MB paste (a résumé repeated) parses quickly: the reader is linear. The bound is
/// loose for the unoptimised test build; in release this takes well under a second.
#[test]
fn a_megabyte_paste_is_read() {
    // Its speed is `cargo bench -p fitted-core --bench import`.
    let got = parse_plain_text(&pathological::megabyte_paste()).unwrap();
    assert!(got.document.work().len() > 100);
}
