//! From a JSON Resume document to the seed 000 records storage keeps beside it: the
//! `masterResumes` projection fields, the `resumeBullets` records, and the content hash.
//!
//! The document is the source of truth (see `model::MasterResume`); everything here is a
//! pure function of it, recomputed whenever the document changes.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::bullets::{bullets, date_range};
use super::imported::{CATEGORY_KEY, DATES_KEY, MENTORSHIP_KEY};
use super::seed_master::dates_of;
use crate::model::{AwardEntry, EducationEntry, MasterResume, Millis, ParentType, ResumeBullet, SkillsObject};
use crate::resume::{JsonResume, Skill};

/// The fields of a `masterResumes` record that seed 000 keeps outside the bullets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MasterFields {
    pub summary: Option<String>,
    pub skills: SkillsObject,
    pub education: Vec<EducationEntry>,
    pub awards: Vec<AwardEntry>,
    pub mentorship: Vec<String>,
    pub links: Vec<String>,
}

impl MasterFields {
    /// Writes the fields onto a record; empty optional lists become absent, as the seed
    /// stores them.
    pub fn apply_to(self, record: &mut MasterResume) {
        record.summary = self.summary;
        record.skills = self.skills;
        record.education = self.education;
        record.awards = (!self.awards.is_empty()).then_some(self.awards);
        record.mentorship = (!self.mentorship.is_empty()).then_some(self.mentorship);
        record.links = (!self.links.is_empty()).then_some(self.links);
    }
}

/// `masterResumes.contentHash`: SHA-256 of the document's canonical JSON (keys sorted, no
/// whitespace; `hash::hash_json`). The document is the whole master résumé, so any edit
/// that changes what could be selected or rendered changes the hash, and re-importing the
/// same file, whatever its key order or indentation, gives the same hash.
pub fn content_hash(doc: &JsonResume) -> String {
    crate::hash::hash_json(doc)
}

/// The seed's projection of a document.
pub fn derive_master_fields(doc: &JsonResume) -> MasterFields {
    let basics = doc.basics();
    MasterFields {
        summary: basics.summary.clone().filter(|s| !s.trim().is_empty()),
        skills: skills_object(doc.skills()),
        education: doc.education().iter().map(education_entry).collect(),
        awards: doc.awards().iter().map(award_entry).collect(),
        mentorship: doc.extra.get(MENTORSHIP_KEY).and_then(Value::as_array).map(|a| strings(a)).unwrap_or_default(),
        links: links(&basics),
    }
}

/// `resumeBullets` records for every bullet of the document (`bullets::bullets`), with the
/// record id `"{master_resume_id}:{bullet_id}"` so re-deriving after an edit overwrites
/// the same records. Project bullets are tagged with the project's keywords.
pub fn master_resume_records(master_resume_id: &str, doc: &JsonResume, now_ms: Millis) -> Vec<ResumeBullet> {
    bullets(doc)
        .into_iter()
        .map(|b| {
            let tags = match b.parent_type {
                ParentType::Project => doc.projects().get(b.parent_index).and_then(|p| p.keywords.clone()).filter(|k| !k.is_empty()),
                _ => None,
            };
            ResumeBullet {
                id: format!("{master_resume_id}:{}", b.bullet_id),
                master_resume_id: master_resume_id.to_string(),
                bullet_id: b.bullet_id,
                parent_type: b.parent_type,
                parent_id: b.parent_id,
                company: b.company,
                role: b.role,
                project_name: b.project_name,
                dates: b.dates,
                location: b.location,
                text: b.text,
                tags,
                order: u32::try_from(b.order).unwrap_or(u32::MAX),
                created_at: now_ms,
                source_path: b.source_path,
            }
        })
        .collect()
}

fn strings(items: &[Value]) -> Vec<String> {
    items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()
}

fn extra_str(extra: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    extra.get(key).and_then(Value::as_str).map(str::to_string)
}

fn education_entry(e: &crate::resume::Education) -> EducationEntry {
    let degree = match (e.study_type.as_deref().filter(|s| !s.is_empty()), e.area.as_deref().filter(|s| !s.is_empty())) {
        (Some(kind), Some(area)) => format!("{kind} in {area}"),
        (Some(x), None) | (None, Some(x)) => x.to_string(),
        (None, None) => String::new(),
    };
    // The dates as the user wrote them, while they still say what startDate/endDate say
    // (an edit of the structured dates wins over the old text).
    let written = extra_str(&e.extra, DATES_KEY).filter(|raw| {
        let (start, end, _) = dates_of(raw, true);
        start == e.start_date && end == e.end_date
    });
    let dates = written.or_else(|| date_range(e.start_date.as_deref(), e.end_date.as_deref())).unwrap_or_default();
    let mut links: Vec<String> = e.url.iter().cloned().collect();
    if let Some(more) = e.extra.get("links").and_then(Value::as_array) {
        links.extend(strings(more));
    }
    EducationEntry {
        institution: e.institution.clone().unwrap_or_default(),
        degree,
        dates,
        location: extra_str(&e.extra, "location"),
        gpa: e.score.clone(),
        links: (!links.is_empty()).then_some(links),
    }
}

fn award_entry(a: &crate::resume::Award) -> AwardEntry {
    let year = a
        .date
        .as_deref()
        .and_then(|d| d.get(..4).filter(|y| y.chars().all(|c| c.is_ascii_digit())))
        .map(str::to_string)
        .or_else(|| extra_str(&a.extra, DATES_KEY))
        .or_else(|| a.date.clone())
        .unwrap_or_default();
    AwardEntry { name: a.title.clone().unwrap_or_default(), issuer: a.awarder.clone().unwrap_or_default(), year, details: a.summary.clone() }
}

fn links(basics: &crate::resume::Basics) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let profile_urls = basics.profiles.iter().flatten().filter_map(|p| p.url.clone());
    for url in basics.url.clone().into_iter().chain(profile_urls) {
        if !url.trim().is_empty() && !out.contains(&url) {
            out.push(url);
        }
    }
    out
}

/// Generic category words, matched as whole words in a group's name (or, when the name says
/// nothing, in its keywords). Deliberately no lists of technologies: those go stale and
/// favour one field; a group the words do not place lands in `other_skills`.
const CATEGORY_WORDS: [(usize, &[&str]); 5] = [
    (4, &["machine learning", "deep learning", "artificial intelligence", "ml", "ai", "natural language"]),
    (0, &["language", "languages", "programming", "coding"]),
    (1, &["framework", "frameworks", "library", "libraries", "package", "packages", "sdk", "sdks"]),
    (
        2,
        &["tool", "tools", "tooling", "cloud", "infrastructure", "infra", "devops", "platform", "platforms", "technologies", "technology", "software", "database", "databases"],
    ),
    (3, &["data", "analytics", "analysis", "statistics", "statistical", "visualization", "visualisation"]),
];

/// Which of the six categories a text's words point to (index into
/// `SkillsObject::CATEGORIES`): the category with most word hits, ties going to the earlier
/// entry of `CATEGORY_WORDS` (so "Machine learning frameworks" is machine learning).
fn classify(text: &str) -> Option<usize> {
    let words: String = text.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    let padded = format!(" {} ", words.split_whitespace().collect::<Vec<_>>().join(" "));
    let mut best: Option<(usize, usize)> = None;
    for (cat, list) in CATEGORY_WORDS {
        let mut hits = 0;
        for w in list {
            if padded.contains(&format!(" {w} ")) {
                hits += 1;
            }
        }
        // "natural language" is about machine learning, not a programming language.
        if cat == 0 && padded.contains(" natural language") {
            hits = 0;
        }
        if hits > 0 && best.is_none_or(|(_, h)| hits > h) {
            best = Some((cat, hits));
        }
    }
    best.map(|(c, _)| c)
}

/// The category of a skills group: the one recorded at import (`x-fitted-category`), else
/// by its name's words, else by the words of its keywords (majority), else `other_skills`.
fn category_of(skill: &Skill) -> usize {
    if let Some(i) = extra_str(&skill.extra, CATEGORY_KEY).and_then(|c| SkillsObject::CATEGORIES.iter().position(|k| *k == c)) {
        return i;
    }
    if let Some(i) = skill.name.as_deref().and_then(classify) {
        return i;
    }
    let mut votes = [0usize; 6];
    for k in skill.keywords.iter().flatten() {
        if let Some(i) = classify(k) {
            votes[i] += 1;
        }
    }
    match votes.iter().enumerate().max_by_key(|(i, v)| (**v, std::cmp::Reverse(*i))) {
        Some((i, v)) if *v > 0 => i,
        _ => 5,
    }
}

/// Every skill of every group in one of the six categories. A group without keywords
/// contributes its name, so nothing the user listed is lost. Duplicates (ignoring case)
/// within a category are dropped.
fn skills_object(skills: &[Skill]) -> SkillsObject {
    let mut cats: [Vec<String>; 6] = Default::default();
    for s in skills {
        let i = category_of(s);
        let items: Vec<String> = match s.keywords.as_deref() {
            Some(k) if !k.is_empty() => k.to_vec(),
            _ => s.name.iter().cloned().collect(),
        };
        for item in items {
            let t = item.trim();
            if !t.is_empty() && !cats[i].iter().any(|x| x.to_lowercase() == t.to_lowercase()) {
                cats[i].push(t.to_string());
            }
        }
    }
    let [programming_languages, frameworks_libraries, tools_cloud_technologies, data_science_analytics, machine_learning_ai, other_skills] = cats;
    SkillsObject { programming_languages, frameworks_libraries, tools_cloud_technologies, data_science_analytics, machine_learning_ai, other_skills }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(name: &str, keywords: &[&str]) -> Skill {
        Skill { name: Some(name.into()), keywords: Some(keywords.iter().map(|s| s.to_string()).collect()), ..Default::default() }
    }

    #[test]
    fn groups_land_in_categories_by_generic_words() {
        let skills = [
            group("Languages", &["Go", "Java"]),
            group("Cloud & infrastructure", &["AWS", "Kubernetes"]),
            group("Frameworks and libraries", &["React"]),
            group("ML / AI", &["PyTorch"]),
            group("Data & analytics", &["SQL", "dbt"]),
            group("Natural language processing", &["spaCy"]),
            group("Observability", &["Prometheus", "go"]),
            Skill { name: Some("Soft skills".into()), ..Default::default() },
        ];
        let s = skills_object(&skills);
        assert_eq!(s.programming_languages, ["Go", "Java"]);
        assert_eq!(s.tools_cloud_technologies, ["AWS", "Kubernetes"]);
        assert_eq!(s.frameworks_libraries, ["React"]);
        assert_eq!(s.machine_learning_ai, ["PyTorch", "spaCy"]);
        assert_eq!(s.data_science_analytics, ["SQL", "dbt"]);
        assert_eq!(s.other_skills, ["Prometheus", "go", "Soft skills"]);
    }

    #[test]
    fn recorded_category_wins() {
        let mut g = group("Languages", &["Figma"]);
        g.extra.insert(CATEGORY_KEY.into(), "tools_cloud_technologies".into());
        assert_eq!(category_of(&g), 2);
    }
}
