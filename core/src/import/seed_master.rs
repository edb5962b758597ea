//! Seed 000's master-résumé shape, imported into JSON Resume.
//!
//! The seed stores a master résumé as `summary`, a `skills` object with six fixed categories,
//! `education` ({institution, degree, dates, location?, gpa?, links?}), `awards` ({name,
//! issuer, year, details?}), `mentorship` and `links`, and keeps experience and projects only
//! as bullets. Files in that shape usually carry the roles and projects too, under the names
//! the seed's tailored résumés use, so those are read as well:
//! `experience` / `workExperience` / `work_experience`: [{company, title|role|position,
//! dates|dateRange, location?, bullets|highlights, summary?, description?, url?}] and
//! `projects`: [{name, date|dates|dateRange?, bullets|highlights, description?, url|link?,
//! keywords|technologies|tech?}], plus top-level `name`, `email`, `phone`.
//!
//! Where JSON Resume has no field, nothing is dropped: `mentorship` goes to
//! `x-fitted-mentorship`, an education `location` and extra `links` stay on the entry,
//! dates that cannot be read fully stay as written in `x-fitted-dates`, each skills group
//! remembers its category in `x-fitted-category`, and unknown keys stay where they were.

use serde_json::{Map, Value};

use super::dates::read_date_field;
use super::errors::{ImportError, WarningKind, Warnings};
use super::imported::{ImportFormat, Imported, CATEGORY_KEY, DATES_KEY, JSON_RESUME_SCHEMA_URL, MENTORSHIP_KEY};
use super::json_input::{check_value, check_value_as, read_json};
use super::json_path::{format_path, Seg};
use super::json_resume::{describe_top_level, JSON_RESUME, TOP_LEVEL_KEYS};
use super::links::{network, normalize_url, profile};
use super::locate::locate_lines;
use super::shape::{is_iso_date, Shape, Shape::*, TEXTS};
use crate::model::SkillsObject;
use crate::resume::{Award, Basics, Education, JsonResume, Project, Skill, Work};

const fn obj(fields: &'static [(&'static str, Shape)]) -> Shape {
    Object { fields, rest: None }
}

const SKILLS: Shape = Object {
    fields: &[
        ("programming_languages", TEXTS),
        ("frameworks_libraries", TEXTS),
        ("tools_cloud_technologies", TEXTS),
        ("data_science_analytics", TEXTS),
        ("machine_learning_ai", TEXTS),
        ("other_skills", TEXTS),
    ],
    // Extra categories someone added are lists of skills too.
    rest: Some(&TEXTS),
};
const EDUCATION: Shape = obj(&[("institution", Text), ("degree", Text), ("dates", Text), ("location", Text), ("gpa", Text), ("links", TEXTS)]);
const AWARD: Shape = obj(&[("name", Text), ("issuer", Text), ("year", Text), ("details", Text)]);
const EXPERIENCE: Shape = obj(&[
    ("company", Text),
    ("title", Text),
    ("role", Text),
    ("position", Text),
    ("dates", Text),
    ("dateRange", Text),
    ("date_range", Text),
    ("location", Text),
    ("bullets", TEXTS),
    ("highlights", TEXTS),
    ("summary", Text),
    ("description", Text),
    ("url", Text),
]);
const PROJECT: Shape = obj(&[
    ("name", Text),
    ("date", Text),
    ("dates", Text),
    ("dateRange", Text),
    ("date_range", Text),
    ("bullets", TEXTS),
    ("highlights", TEXTS),
    ("description", Text),
    ("url", Text),
    ("link", Text),
    ("keywords", TEXTS),
    ("technologies", TEXTS),
    ("tech", TEXTS),
]);
const EXPERIENCE_KEYS: [&str; 3] = ["experience", "workExperience", "work_experience"];
pub(crate) const SEED: Shape = obj(&[
    ("name", Text),
    ("email", Text),
    ("phone", Text),
    ("summary", Text),
    ("skills", SKILLS),
    ("education", List(&EDUCATION)),
    ("awards", List(&AWARD)),
    ("mentorship", TEXTS),
    ("links", TEXTS),
    ("experience", List(&EXPERIENCE)),
    ("workExperience", List(&EXPERIENCE)),
    ("work_experience", List(&EXPERIENCE)),
    ("projects", List(&PROJECT)),
]);

/// How the six categories are named as JSON Resume skills groups.
pub(crate) const CATEGORY_NAMES: [(&str, &str); 6] = [
    ("programming_languages", "Programming Languages"),
    ("frameworks_libraries", "Frameworks & Libraries"),
    ("tools_cloud_technologies", "Tools & Cloud Technologies"),
    ("data_science_analytics", "Data Science & Analytics"),
    ("machine_learning_ai", "Machine Learning & AI"),
    ("other_skills", "Other Skills"),
];

/// Whether an object is in the seed's shape rather than JSON Resume's: a `skills` object
/// (JSON Resume's is a list), or keys only the seed uses.
pub(crate) fn looks_like_seed(map: &Map<String, Value>) -> bool {
    if map.contains_key("basics") || map.contains_key("work") {
        return false;
    }
    let skills_object = map.get("skills").is_some_and(|s| s.as_object().is_some_and(|o| o.keys().any(|k| SkillsObject::CATEGORIES.contains(&k.as_str()))));
    skills_object
        || EXPERIENCE_KEYS.iter().any(|k| map.contains_key(*k))
        || map.contains_key("mentorship")
        || map.get("summary").is_some_and(Value::is_string)
        || map.get("name").is_some_and(Value::is_string)
        || map.get("education").and_then(Value::as_array).is_some_and(|e| e.iter().any(|x| x.get("degree").is_some()))
}

/// Reads a master résumé in seed 000's shape.
pub fn parse_seed_master(text: &str) -> Result<Imported, ImportError> {
    let (text, value) = read_json(text)?;
    seed_from_value(text, value)
}

/// A warning whose line is looked up once all paths are known.
struct Pending {
    kind: WarningKind,
    path: Vec<Seg>,
    message: String,
}

pub(crate) fn seed_from_value(text: &str, mut value: Value) -> Result<Imported, ImportError> {
    if !value.is_object() {
        return Err(ImportError::NotAResume { found: describe_top_level(&value).into() });
    }
    let mut warnings = Warnings::default();
    check_value(text, &mut value, &SEED, &mut warnings)?;
    let Value::Object(mut map) = value else {
        return Err(ImportError::NotAResume { found: describe_top_level(&value).into() });
    };
    let mut pending = Vec::new();
    let mut doc = JsonResume { schema: Some(JSON_RESUME_SCHEMA_URL.into()), ..Default::default() };

    let mut basics = Basics { name: take_text(&mut map, "name"), email: take_text(&mut map, "email"), phone: take_text(&mut map, "phone"), summary: take_text(&mut map, "summary"), ..Default::default() };
    if let Some(links) = take_texts(&mut map, "links") {
        // Order is kept (derive_master_fields lists basics.url, then the profiles): a first
        // link that is no known network is the personal site, every other one a profile.
        let mut profiles = Vec::new();
        for (i, link) in links.iter().filter(|l| !l.trim().is_empty()).enumerate() {
            if i == 0 && network(&normalize_url(link)).is_none() {
                basics.url = Some(normalize_url(link));
            } else {
                profiles.push(profile(link));
            }
        }
        basics.profiles = (!profiles.is_empty()).then_some(profiles);
    }
    if basics != Basics::default() {
        doc.basics = Some(basics);
    }

    if let Some(Value::Object(skills)) = map.remove("skills") {
        doc.skills = Some(skills_groups(skills));
    }

    let experience_key = EXPERIENCE_KEYS.iter().find(|k| map.contains_key(**k)).copied();
    if let Some(key) = experience_key {
        if let Some(Value::Array(items)) = map.remove(key) {
            let work = items.into_iter().enumerate().map(|(i, v)| work_entry(v, &[Seg::Key(key.into()), Seg::Index(i)], &mut pending)).collect();
            doc.work = Some(work);
        }
    }
    if let Some(Value::Array(items)) = map.remove("projects") {
        doc.projects = Some(items.into_iter().enumerate().map(|(i, v)| project_entry(v, i, &mut pending)).collect());
    }
    if let Some(Value::Array(items)) = map.remove("education") {
        doc.education = Some(items.into_iter().enumerate().map(|(i, v)| education_entry(v, i, &mut pending)).collect());
    }
    if let Some(Value::Array(items)) = map.remove("awards") {
        doc.awards = Some(items.into_iter().enumerate().map(|(i, v)| award_entry(v, i, &mut pending)).collect());
    }
    if let Some(m) = map.remove("mentorship") {
        doc.extra.insert(MENTORSHIP_KEY.into(), m);
    }

    // What is left: JSON Resume sections (a master résumé file may carry `certificates` or
    // `languages`), merged into the document, and anything else, kept as is.
    let Ok(Value::Object(mut out)) = serde_json::to_value(&doc) else {
        return Err(ImportError::Internal { message: "the converted résumé is not an object".into() });
    };
    let mut work_appended = false;
    for (key, val) in map {
        if !TOP_LEVEL_KEYS.contains(&key.as_str()) {
            pending.push(Pending {
                kind: WarningKind::KeptAsIs,
                path: vec![Seg::Key(key.clone())],
                message: "not part of a master résumé; it was kept in the document as is, but Fitted does not use it.".into(),
            });
            out.insert(key, val);
            continue;
        }
        match (out.get_mut(&key), val) {
            (None, val) => {
                out.insert(key, val);
            }
            (Some(_), val) if key == "$schema" => {
                out.insert(key, val);
            }
            (Some(Value::Array(ours)), Value::Array(theirs)) => {
                work_appended |= key == "work" && !ours.is_empty();
                ours.extend(theirs);
            }
            (Some(Value::Object(ours)), Value::Object(theirs)) => {
                for (k, v) in theirs {
                    let k = if ours.contains_key(&k) { format!("x-seed-{k}") } else { k };
                    ours.insert(k, v);
                }
            }
            (Some(_), val) => {
                out.insert(format!("x-seed-{key}"), val);
            }
        }
    }
    // The merged document goes through the JSON Resume check like any file, so what a
    // master résumé carries beyond the seed's fields is held to the same rules. Findings
    // name the path in the file: `work[i]…` came from the experience list.
    let mut merged = Value::Object(out);
    let source = |p: &str| -> Option<String> {
        match (p.strip_prefix("work["), experience_key) {
            (Some(_), _) if work_appended => None,
            (Some(rest), Some(key)) => Some(format!("{key}[{rest}")),
            _ => Some(p.to_string()),
        }
    };
    check_value_as(text, &mut merged, &JSON_RESUME, &mut warnings, &source)?;
    let doc: JsonResume = serde_json::from_value(merged).map_err(|e| ImportError::Internal { message: e.to_string() })?;

    let paths: Vec<String> = pending.iter().map(|p| format_path(&p.path)).collect();
    let lines = locate_lines(text, &paths);
    for ((p, path), line) in pending.into_iter().zip(paths).zip(lines) {
        let at = match line {
            Some(l) => format!("{path} (line {l})"),
            None => path.clone(),
        };
        warnings.push(p.kind, line, Some(path), format!("{at}: {}", p.message));
    }
    let mut warnings = warnings.finish();
    warnings.sort_by_key(|w| w.line.unwrap_or(usize::MAX));
    Ok(Imported { document: doc, format: ImportFormat::SeedMaster, warnings })
}

/// Keys left on a seed entry that its JSON Resume entry also defines: one the conversion
/// already filled is renamed `x-seed-<key>`, so neither value silently replaces the other
/// (the others become that JSON Resume field when the document is checked).
fn settle<T: serde::Serialize>(entry: &T, extra: &mut Map<String, Value>) {
    let Ok(Value::Object(filled)) = serde_json::to_value(entry) else { return };
    let clashes: Vec<String> = extra.keys().filter(|k| filled.contains_key(*k)).cloned().collect();
    for k in clashes {
        if let Some(v) = extra.remove(&k) {
            extra.insert(format!("x-seed-{k}"), v);
        }
    }
}

fn take_text(map: &mut Map<String, Value>, key: &str) -> Option<String> {
    match map.remove(key) {
        Some(Value::String(s)) => Some(s),
        Some(other) => {
            // Not reachable after the shape check; put it back rather than lose it.
            map.insert(key.into(), other);
            None
        }
        None => None,
    }
}

fn take_texts(map: &mut Map<String, Value>, key: &str) -> Option<Vec<String>> {
    match map.remove(key) {
        Some(Value::Array(items)) => Some(items.into_iter().filter_map(|v| v.as_str().map(str::to_string)).collect()),
        Some(other) => {
            map.insert(key.into(), other);
            None
        }
        None => None,
    }
}

/// The first of several alias keys present, removed from the map; the others stay (and
/// are kept as unknown keys) so two different values are never merged silently.
fn take_first(map: &mut Map<String, Value>, keys: &[&str]) -> Option<(String, String)> {
    let key = keys.iter().find(|k| map.get(**k).is_some_and(Value::is_string))?;
    take_text(map, key).map(|v| (key.to_string(), v))
}

fn take_first_list(map: &mut Map<String, Value>, keys: &[&str]) -> Option<Vec<String>> {
    let key = keys.iter().find(|k| map.get(**k).is_some_and(Value::is_array))?;
    take_texts(map, key)
}

fn into_map(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// A date text read as (start, end). `single_is_end`: a lone date is an end date (a
/// graduation) rather than both ends (a one-month project).
pub(crate) fn dates_of(raw: &str, single_is_end: bool) -> (Option<String>, Option<String>, bool) {
    let field = read_date_field(raw);
    let single = field.start.is_some() && field.end.is_none() && super::dates::find_dates(raw).is_some_and(|f| f.single);
    let (start, end) = match (single, single_is_end) {
        (true, true) => (None, field.start),
        (true, false) => (field.start.clone(), field.start),
        _ => (field.start, field.end),
    };
    (start, end, field.exact)
}

/// Dates of an entry: (start, end). A text that cannot be read fully is kept in
/// `x-fitted-dates` with a warning; `keep` keeps it even when it can (the seed's education
/// `dates` text, so the master-résumé fields come back exactly as written).
fn entry_dates(raw: &str, single_is_end: bool, keep: bool, path: Vec<Seg>, extra: &mut Map<String, Value>, pending: &mut Vec<Pending>) -> (Option<String>, Option<String>) {
    let (start, end, exact) = dates_of(raw, single_is_end);
    if (keep || !exact) && !raw.trim().is_empty() {
        extra.insert(DATES_KEY.into(), Value::String(raw.to_string()));
    }
    if !exact && !raw.trim().is_empty() {
        pending.push(Pending {
            kind: WarningKind::DateKept,
            path,
            message: format!("\"{raw}\" could not be read fully as dates; it was kept as written in \"{DATES_KEY}\" (check the start and end dates)."),
        });
    }
    (start, end)
}

fn work_entry(v: Value, path: &[Seg], pending: &mut Vec<Pending>) -> Work {
    let mut m = into_map(v);
    let mut w = Work {
        name: take_text(&mut m, "company"),
        position: take_first(&mut m, &["title", "role", "position"]).map(|(_, v)| v),
        location: take_text(&mut m, "location"),
        summary: take_text(&mut m, "summary"),
        description: take_text(&mut m, "description"),
        url: take_text(&mut m, "url"),
        highlights: take_first_list(&mut m, &["bullets", "highlights"]),
        ..Default::default()
    };
    if let Some((key, raw)) = take_first(&mut m, &["dates", "dateRange", "date_range"]) {
        let mut p = path.to_vec();
        p.push(Seg::Key(key));
        (w.start_date, w.end_date) = entry_dates(&raw, false, false, p, &mut m, pending);
    }
    settle(&w, &mut m);
    w.extra = m;
    w
}

fn project_entry(v: Value, i: usize, pending: &mut Vec<Pending>) -> Project {
    let mut m = into_map(v);
    let mut p = Project {
        name: take_text(&mut m, "name"),
        description: take_text(&mut m, "description"),
        url: take_first(&mut m, &["url", "link"]).map(|(_, v)| v),
        keywords: take_first_list(&mut m, &["keywords", "technologies", "tech"]),
        highlights: take_first_list(&mut m, &["bullets", "highlights"]),
        ..Default::default()
    };
    if let Some((key, raw)) = take_first(&mut m, &["dates", "date", "dateRange", "date_range"]) {
        let path = vec![Seg::Key("projects".into()), Seg::Index(i), Seg::Key(key)];
        (p.start_date, p.end_date) = entry_dates(&raw, false, false, path, &mut m, pending);
    }
    settle(&p, &mut m);
    p.extra = m;
    p
}

/// "Bachelor of Science in Computer Science" → ("Bachelor of Science", "Computer Science").
/// Only " in " is split on (the last one), because joining the parts back with " in " (see
/// `master::derive_master_fields`) then gives the seed's text exactly.
pub(crate) fn split_degree(degree: &str) -> (Option<String>, Option<String>) {
    // The last " in " outside parentheses: "Bachelor of Science in Nursing (BSN) in Nursing"
    // names the area last, "B.S. in Psychology (minor in Art)" has one in a parenthesis.
    let mut depth = 0i32;
    let mut at = None;
    for (i, c) in degree.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ' ' if depth <= 0 && degree[i..].starts_with(" in ") => at = Some(i),
            _ => {}
        }
    }
    match at.map(|i| (&degree[..i], &degree[i + 4..])) {
        Some((kind, area)) if !kind.trim().is_empty() && !area.trim().is_empty() => (Some(kind.to_string()), Some(area.to_string())),
        _ => (Some(degree.to_string()).filter(|d| !d.is_empty()), None),
    }
}

fn education_entry(v: Value, i: usize, pending: &mut Vec<Pending>) -> Education {
    let mut m = into_map(v);
    let mut e = Education { institution: take_text(&mut m, "institution"), score: take_text(&mut m, "gpa"), ..Default::default() };
    if let Some(degree) = take_text(&mut m, "degree") {
        (e.study_type, e.area) = split_degree(&degree);
    }
    if let Some(raw) = take_text(&mut m, "dates") {
        let path = vec![Seg::Key("education".into()), Seg::Index(i), Seg::Key("dates".into())];
        (e.start_date, e.end_date) = entry_dates(&raw, true, true, path, &mut m, pending);
    }
    if let Some(mut links) = take_texts(&mut m, "links") {
        // The first link becomes the school's `url` only if it is already a full URL, so
        // that deriving the seed's `links` back gives the same texts.
        if links.first().is_some_and(|l| normalize_url(l) == *l) {
            e.url = Some(links.remove(0));
        }
        if !links.is_empty() {
            m.insert("links".into(), Value::from(links));
        }
    }
    // "location" is not a JSON Resume education field; it stays under its own name.
    settle(&e, &mut m);
    e.extra = m;
    e
}

fn award_entry(v: Value, i: usize, pending: &mut Vec<Pending>) -> Award {
    let mut m = into_map(v);
    let mut a = Award { title: take_text(&mut m, "name"), awarder: take_text(&mut m, "issuer"), summary: take_text(&mut m, "details"), ..Default::default() };
    if let Some(year) = take_text(&mut m, "year") {
        let field = read_date_field(&year);
        if is_iso_date(year.trim()) {
            a.date = Some(year.trim().to_string());
        } else if let (true, Some(d), None) = (field.exact, field.start, field.end) {
            a.date = Some(d);
        } else if !year.trim().is_empty() {
            m.insert(DATES_KEY.into(), Value::String(year.clone()));
            pending.push(Pending {
                kind: WarningKind::DateKept,
                path: vec![Seg::Key("awards".into()), Seg::Index(i), Seg::Key("year".into())],
                message: format!("\"{year}\" is not a year; it was kept as written in \"{DATES_KEY}\"."),
            });
        }
    }
    settle(&a, &mut m);
    a.extra = m;
    a
}

/// The skills object as JSON Resume groups, one per non-empty category, in the seed's
/// category order, then any extra categories in key order.
fn skills_groups(mut skills: Map<String, Value>) -> Vec<Skill> {
    let mut out = Vec::new();
    for (key, name) in CATEGORY_NAMES {
        if let Some(list) = take_texts(&mut skills, key).filter(|l| !l.is_empty()) {
            let mut extra = Map::new();
            extra.insert(CATEGORY_KEY.into(), Value::String(key.into()));
            out.push(Skill { name: Some(name.into()), keywords: Some(list), extra, ..Default::default() });
        }
    }
    for (key, value) in skills {
        let list: Vec<String> = value.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()).unwrap_or_default();
        if list.is_empty() {
            continue;
        }
        out.push(Skill { name: Some(humanize(&key)), keywords: Some(list), ..Default::default() });
    }
    out
}

/// `soft_skills` → "Soft skills".
fn humanize(key: &str) -> String {
    let spaced = key.replace(['_', '-'], " ");
    let mut c = spaced.trim().chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => "Skills".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degrees_split_only_on_in() {
        assert_eq!(split_degree("B.S. in Computer Science"), (Some("B.S.".into()), Some("Computer Science".into())));
        assert_eq!(split_degree("MBA"), (Some("MBA".into()), None));
        assert_eq!(humanize("soft_skills"), "Soft skills");
    }
}
