//! Seed 000's master-résumé shape in, and the seed records out: `derive_master_fields`,
//! `master_resume_records`, `content_hash`.

#[path = "fixtures_import/support.rs"]
mod support;

use fitted_core::hash::hash_json;
use fitted_core::import::{
    content_hash, derive_master_fields, export_json_resume, import_any, master_resume_records, parse_json_resume, parse_seed_master,
    ImportFormat, WarningKind, CATEGORY_KEY, DATES_KEY, MENTORSHIP_KEY,
};
use fitted_core::model::{MasterResume, ParentType, SkillsObject};
use serde_json::{json, Value};

fn seed_text() -> String {
    support::read(&support::repo_root().join("core/tests/fixtures_import/seed_master.json"))
}

#[test]
fn seed_master_becomes_json_resume() {
    let got = parse_seed_master(&seed_text()).unwrap();
    assert_eq!(got.format, ImportFormat::SeedMaster);
    let d = &got.document;
    let b = d.basics();
    assert_eq!(b.name.as_deref(), Some("Aditi Kulkarni"));
    assert_eq!(b.phone.as_deref(), Some("+1 617-555-0129"));
    assert!(b.summary.as_deref().unwrap().starts_with("Machine learning engineer"));
    assert_eq!(b.url.as_deref(), Some("https://aditi.example.dev"));
    let nets: Vec<_> = b.profiles.iter().flatten().map(|p| (p.network.clone().unwrap(), p.username.clone().unwrap())).collect();
    assert_eq!(nets, [("GitHub".into(), "akulkarni".into()), ("LinkedIn".into(), "aditi-kulkarni".into())]);

    // Skills: one group per non-empty category, remembering the category.
    let groups: Vec<_> = d.skills().iter().map(|s| (s.name.clone().unwrap(), s.extra[CATEGORY_KEY].clone())).collect();
    assert_eq!(groups.len(), 5);
    assert_eq!(groups[0], ("Programming Languages".into(), json!("programming_languages")));

    // Roles: aliases (title/role, dates/dateRange, bullets/highlights), dates read.
    let w = d.work();
    assert_eq!(w.len(), 3);
    assert_eq!((w[0].position.as_deref(), w[0].start_date.as_deref(), w[0].end_date.as_deref()), (Some("Senior Machine Learning Engineer"), Some("2021-06"), None));
    assert_eq!(w[0].highlights.as_ref().unwrap().len(), 2);
    assert_eq!((w[1].position.as_deref(), w[1].start_date.as_deref(), w[1].end_date.as_deref()), (Some("Machine Learning Engineer"), Some("2018"), Some("2021")));
    assert_eq!(w[1].extra["team"], "Forecasting", "unknown keys stay on the entry");
    // "Summer 2017" is kept as written, with a warning naming the field and line.
    assert_eq!(w[2].extra[DATES_KEY], "Summer 2017");
    assert_eq!(w[2].start_date.as_deref(), Some("2017"));
    let kept: Vec<_> = got.warnings.iter().filter(|w| w.kind == WarningKind::DateKept).collect();
    assert_eq!(kept.len(), 2, "{:#?}", got.warnings);
    assert_eq!(kept[0].path.as_deref(), Some("awards[1].year"));
    assert_eq!(kept[1].path.as_deref(), Some("experience[2].dates"));
    assert!(kept[1].message.starts_with("experience[2].dates (line 59): \"Summer 2017\" could not be read"), "{}", kept[1].message);

    let p = &d.projects()[0];
    assert_eq!((p.start_date.as_deref(), p.end_date.as_deref()), (Some("2022"), Some("2022")));
    assert_eq!(p.keywords.as_ref().unwrap(), &["Python", "NumPy"]);

    let e = d.education();
    assert_eq!((e[0].study_type.as_deref(), e[0].area.as_deref()), (Some("M.S."), Some("Computer Science")));
    assert_eq!(e[0].score.as_deref(), Some("3.8"), "a number GPA becomes text");
    assert_eq!((e[0].start_date.as_deref(), e[0].end_date.as_deref()), (Some("2016-09"), Some("2018-05")));
    assert_eq!(e[0].extra["location"], "Boston, MA");
    assert_eq!(e[0].url.as_deref(), Some("https://www.khoury.northeastern.edu/"));
    assert!(got.warnings.iter().any(|w| w.kind == WarningKind::Coerced && w.path.as_deref() == Some("education[0].gpa")));

    assert_eq!(d.awards()[0].date.as_deref(), Some("2021"));
    assert_eq!(d.extra[MENTORSHIP_KEY].as_array().unwrap().len(), 2);
    assert_eq!(d.extra["targetRoles"], json!(["ML Engineer", "ML Platform Engineer"]));
    assert!(got.warnings.iter().any(|w| w.kind == WarningKind::KeptAsIs && w.path.as_deref() == Some("targetRoles")));
}

/// What storage derives from the imported document is the seed's own fields, exactly.
#[test]
fn master_fields_round_trip_the_seed_fields() {
    let seed: Value = serde_json::from_str(&seed_text()).unwrap();
    let doc = parse_seed_master(&seed_text()).unwrap().document;
    let f = derive_master_fields(&doc);
    assert_eq!(f.summary.as_deref(), seed["summary"].as_str());
    let skills: SkillsObject = serde_json::from_value(seed["skills"].clone()).unwrap();
    assert_eq!(f.skills, skills);
    let mut education = seed["education"].clone();
    education[0]["gpa"] = json!("3.8");
    assert_eq!(serde_json::to_value(&f.education).unwrap(), education);
    let awards = serde_json::to_value(&f.awards).unwrap();
    assert_eq!(awards, seed["awards"]);
    assert_eq!(serde_json::to_value(&f.mentorship).unwrap(), seed["mentorship"]);
    assert_eq!(serde_json::to_value(&f.links).unwrap(), seed["links"]);

    // Through a JSON Resume export and re-import nothing changes either.
    let again = parse_json_resume(&export_json_resume(&doc)).unwrap().document;
    assert_eq!(again, doc);
    assert_eq!(derive_master_fields(&again), f);

    // An edit of the structured dates wins over the text kept from the seed.
    let mut edited = doc.clone();
    edited.education.as_mut().unwrap()[0].end_date = Some("2018-08".into());
    assert_eq!(derive_master_fields(&edited).education[0].dates, "2016-09 – 2018-08");

    let mut record = MasterResume::default();
    f.apply_to(&mut record);
    assert_eq!(record.awards.as_ref().map(Vec::len), Some(2));
    assert_eq!(record.mentorship.as_ref().map(Vec::len), Some(2));
}

/// JSON Resume documents from other tools: the skills heuristic puts every keyword in one
/// of the six categories by generic words in the group names.
#[test]
fn fixture_skills_land_in_categories() {
    for path in support::fixture_resume_paths() {
        let doc = support::load_fixture(&path);
        let f = derive_master_fields(&doc);
        let total: usize = doc.skills().iter().map(|s| s.keywords.as_ref().map_or(1, |k| k.len().max(1))).sum();
        let placed: usize = f.skills.categories().iter().map(|(_, v)| v.len()).sum();
        assert!(placed <= total && placed + 2 >= total, "{}: {placed} of {total} (duplicates only may merge)", path.display());
        assert_eq!(f.education.len(), doc.education().len());
    }
    let mateo = support::load_fixture(&support::repo_root().join("tests/fixtures/resumes/mateo-lindqvist.json"));
    let f = derive_master_fields(&mateo);
    assert_eq!(f.skills.programming_languages, ["Go", "Java", "Python", "SQL", "Bash"]);
    assert!(f.skills.tools_cloud_technologies.contains(&"Kubernetes".to_string()));
    assert!(f.skills.other_skills.contains(&"Mentoring".to_string()));
    assert_eq!(f.education[0].degree, "Bachelor of Science in Computer Science");
    assert_eq!(f.education[0].dates, "2012-09 – 2016-05");
    assert_eq!(f.awards[0].year, "2023");
    assert_eq!(f.links, ["https://mlindqvist.example.dev", "https://github.example/mlindqvist", "https://linkedin.example/in/mateo-lindqvist"]);
}

#[test]
fn resume_bullet_records() {
    let doc = support::load_fixture(&support::repo_root().join("tests/fixtures/resumes/mateo-lindqvist.json"));
    let records = master_resume_records("mr_1", &doc, 1_700_000_000_000);
    assert_eq!(records.len(), 29);
    let first = &records[0];
    assert_eq!(first.id, format!("mr_1:{}", first.bullet_id));
    assert_eq!(first.bullet_id, "exp_tallgrass_payments_senior_software_engineer_b1");
    assert_eq!(first.master_resume_id, "mr_1");
    assert_eq!(first.parent_type, ParentType::Experience);
    assert_eq!(first.company.as_deref(), Some("Tallgrass Payments"));
    assert_eq!(first.dates.as_deref(), Some("2021-06 – present"));
    assert_eq!(first.source_path, "work[0].highlights[0]");
    assert_eq!((first.order, first.created_at), (0, 1_700_000_000_000));
    let project = records.iter().find(|r| r.parent_type == ParentType::Project).unwrap();
    assert_eq!(project.project_name.as_deref(), Some("raftkv"));
    assert_eq!(project.tags.as_ref().unwrap(), &["Go", "Raft", "distributed systems", "gRPC"]);
    let ids: std::collections::HashSet<_> = records.iter().map(|r| r.id.clone()).collect();
    assert_eq!(ids.len(), records.len(), "record ids are unique");
    // Serialised with the seed's field names.
    let v = serde_json::to_value(first).unwrap();
    for key in ["masterResumeId", "bulletId", "parentType", "parentId", "createdAt", "sourcePath"] {
        assert!(v.get(key).is_some(), "{key}");
    }
}

/// `contentHash` = SHA-256 of the document's canonical JSON: key order and indentation of
/// the imported file do not matter, content does.
#[test]
fn content_hash_is_the_canonical_json_hash() {
    let text = support::read(&support::repo_root().join("tests/fixtures/resumes/mateo-lindqvist.json"));
    let doc = parse_json_resume(&text).unwrap().document;
    assert_eq!(content_hash(&doc), hash_json(&doc));
    assert_eq!(content_hash(&doc).len(), 64);

    // Same content, keys reversed and no indentation.
    fn reverse(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let mut pairs: Vec<_> = m.iter().collect();
                pairs.reverse();
                let mut out = serde_json::Map::new();
                for (k, v) in pairs {
                    out.insert(k.clone(), reverse(v));
                }
                Value::Object(out)
            }
            Value::Array(a) => Value::Array(a.iter().map(reverse).collect()),
            other => other.clone(),
        }
    }
    let v: Value = serde_json::from_str(&text).unwrap();
    let compact = serde_json::to_string(&reverse(&v)).unwrap();
    assert_eq!(content_hash(&parse_json_resume(&compact).unwrap().document), content_hash(&doc));

    let mut changed = doc.clone();
    changed.work.as_mut().unwrap()[0].highlights.as_mut().unwrap()[0].push('!');
    assert_ne!(content_hash(&changed), content_hash(&doc));
}

#[test]
fn detection_tells_the_shapes_apart() {
    assert_eq!(import_any(Some("master.json"), &seed_text()).unwrap().format, ImportFormat::SeedMaster);
    let sample = support::read(&support::sample_resume_path());
    assert_eq!(import_any(Some("resume.json"), &sample).unwrap().format, ImportFormat::JsonResume);
    // Pasted JSON is recognised without a file name.
    assert_eq!(import_any(None, &sample).unwrap().format, ImportFormat::JsonResume);
    assert_eq!(import_any(None, r#"{"skills": {"other_skills": ["Cooking"]}}"#).unwrap().format, ImportFormat::SeedMaster);
    assert_eq!(import_any(None, r#"{"education": [{"institution": "X", "studyType": "BA"}]}"#).unwrap().format, ImportFormat::JsonResume);
    assert_eq!(import_any(None, r#"{"education": [{"institution": "X", "degree": "BA"}]}"#).unwrap().format, ImportFormat::SeedMaster);
}

#[test]
fn seed_imports_validate_against_the_schema() {
    let doc = parse_seed_master(&seed_text()).unwrap().document;
    let minimal = parse_seed_master(r#"{"summary": "x", "skills": {"other_skills": ["a"]}, "links": ["github.com/me"]}"#).unwrap().document;
    support::validate_with_node("seed", &[("seed_master".into(), export_json_resume(&doc)), ("seed_minimal".into(), export_json_resume(&minimal))]);
}
