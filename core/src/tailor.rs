//! Tailoring (seed 000 `tailoredResumes`): the résumé for one job, built from the selection
//! plan. Without an LLM the wording is the user's own — every bullet's tailored text is its
//! original text — so nothing untrue can enter; a later LLM stage proposes rewrites on top.
//!
//! The rendered document keeps every work entry (titles, employers and dates matter to
//! screeners even without bullets) but only the chosen bullets, in the master résumé's
//! order; projects appear only when a bullet of theirs was chosen.

pub mod check;
pub mod letter;
pub mod merge;
pub mod rewrite;

use serde::{Deserialize, Serialize};

use crate::hash;
use crate::import::{self, bullets, date_range};
use crate::model::{SelectionEnforcement, SelectionPlan, TailoredBullet, TailoredProject, TailoredResume, TailoredRole};
use crate::resume::JsonResume;

/// The model key of tailoring done without a model.
pub const NO_MODEL_KEY: &str = "none";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tailored {
    pub record: TailoredResume,
    /// The JSON Resume to typeset.
    pub document: JsonResume,
}

/// Build the tailored résumé from the master document and the plan.
pub fn tailor_without_llm(doc: &JsonResume, plan: &SelectionPlan) -> Tailored {
    let chosen: std::collections::HashSet<&str> = plan
        .selected
        .work_experience
        .iter()
        .chain(&plan.selected.projects)
        .map(|s| s.source_path.as_str())
        .collect();
    let all = bullets(doc);
    let mut out = doc.clone();
    let mut stripped = 0u32;
    let mut roles = Vec::new();
    if let Some(work) = out.work.as_mut() {
        for (i, w) in work.iter_mut().enumerate() {
            let (kept, tb) = keep_chosen(w.highlights.as_deref().unwrap_or_default(), "work", i, &chosen, &all, &mut stripped);
            if w.highlights.is_some() {
                w.highlights = Some(kept);
            }
            let role_id = all.iter().find(|b| b.parent_index == i && b.source_path.starts_with("work[")).map(|b| b.parent_id.clone());
            roles.push(TailoredRole {
                role_id: role_id.unwrap_or_else(|| format!("work_{i}")),
                company: w.name.clone().unwrap_or_default(),
                title: w.position.clone().unwrap_or_default(),
                date_range: date_range(w.start_date.as_deref(), w.end_date.as_deref()).unwrap_or_default(),
                location: w.location.clone(),
                bullets: tb,
            });
        }
    }
    let mut projects = Vec::new();
    if let Some(ps) = out.projects.take() {
        let mut kept_projects = Vec::new();
        for (i, mut p) in ps.into_iter().enumerate() {
            let (kept, tb) = keep_chosen(p.highlights.as_deref().unwrap_or_default(), "projects", i, &chosen, &all, &mut stripped);
            if !kept.is_empty() {
                p.highlights = Some(kept);
                let project_id = all.iter().find(|b| b.source_path.starts_with(&format!("projects[{i}]."))).map(|b| b.parent_id.clone());
                projects.push(TailoredProject {
                    project_id: project_id.unwrap_or_else(|| format!("project_{i}")),
                    name: p.name.clone().unwrap_or_default(),
                    date: date_range(p.start_date.as_deref(), p.end_date.as_deref()),
                    bullets: tb,
                });
                kept_projects.push(p);
            }
        }
        out.projects = (!kept_projects.is_empty()).then_some(kept_projects);
    }
    let kept_total = roles.iter().map(|r| r.bullets.len()).sum::<usize>() + projects.iter().map(|p| p.bullets.len()).sum::<usize>();
    let fields = import::derive_master_fields(doc);
    let summary = doc.basics().summary.unwrap_or_default();
    let word_count_estimate = count_words(&out);
    let proxy_exceeded = word_count_estimate > plan.config.budgets.target_resume_words_max + 250;
    let mut record = TailoredResume {
        id: String::new(),
        run_id: String::new(),
        model_key: NO_MODEL_KEY.into(),
        model_name: "No model (your own wording)".into(),
        tailored_hash: String::new(),
        summary,
        work_experience: roles,
        projects,
        education: fields.education,
        skills: fields.skills,
        awards: (!fields.awards.is_empty()).then_some(fields.awards),
        selection_enforcement: SelectionEnforcement {
            stripped_unselected: stripped,
            // Without a model nothing is rewritten, so nothing is cut or repaired.
            truncated_bullets: 0,
            repair_applied: false,
            // Every chosen bullet is on the page (a plan made from another version of the
            // résumé may name bullets this one no longer has).
            compliant: kept_total == chosen.len(),
            proxy_word_count_exceeded: proxy_exceeded,
        },
        word_count_estimate,
        created_at: 0,
    };
    record.tailored_hash = hash::hash_json(&out);
    Tailored { record, document: out }
}

/// Words the page will carry (bullets, summary, titles, skills, education).
pub fn count_words(doc: &JsonResume) -> u32 {
    let v = serde_json::to_value(doc).unwrap_or_default();
    fn walk(v: &serde_json::Value, n: &mut u32) {
        match v {
            serde_json::Value::String(s) if !s.starts_with("http") => *n += s.split_whitespace().count() as u32,
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, n)),
            serde_json::Value::Object(o) => o.iter().filter(|(k, _)| !k.starts_with('$') && !k.starts_with("x-") && *k != "meta").for_each(|(_, x)| walk(x, n)),
            _ => {}
        }
    }
    let mut n = 0;
    walk(&v, &mut n);
    n
}

/// The chosen highlights of one role or project (`section` is `work` or `projects`), kept
/// verbatim and in order, with their tailored-bullet records; counts the non-empty ones left out.
fn keep_chosen(
    highlights: &[String],
    section: &str,
    i: usize,
    chosen: &std::collections::HashSet<&str>,
    all: &[import::Bullet],
    stripped: &mut u32,
) -> (Vec<String>, Vec<TailoredBullet>) {
    let mut kept = Vec::new();
    let mut tb = Vec::new();
    for (j, h) in highlights.iter().enumerate() {
        let path = format!("{section}[{i}].highlights[{j}]");
        if chosen.contains(path.as_str()) {
            if let Some(b) = all.iter().find(|b| b.source_path == path) {
                tb.push(TailoredBullet { bullet_id: b.bullet_id.clone(), original_text: h.clone(), tailored_text: h.clone(), was_rewritten: false });
            }
            kept.push(h.clone());
        } else if !h.trim().is_empty() {
            *stripped += 1;
        }
    }
    (kept, tb)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embed::LexicalEmbedder;
    use crate::pipeline;

    #[test]
    fn keeps_exactly_the_chosen_bullets_verbatim_in_order() {
        let doc: JsonResume = serde_json::from_str(include_str!("../../tests/fixtures/resumes/mateo-lindqvist.json")).unwrap();
        let job = include_str!("../../tests/fixtures/jobs/senior-backend-engineer-go-payments.txt");
        let a = pipeline::analyze(&doc, job, &LexicalEmbedder::default(), &Default::default());
        let t = tailor_without_llm(&doc, &a.plan);
        let chosen: Vec<&str> = a.plan.selected.work_experience.iter().chain(&a.plan.selected.projects).map(|s| s.original_text.as_str()).collect();
        let kept: Vec<String> = bullets(&t.document).into_iter().map(|b| b.text).collect();
        assert_eq!(kept.len(), chosen.len());
        for k in &kept {
            assert!(chosen.contains(&k.as_str()));
        }
        // Every role stays, with its title.
        assert_eq!(t.document.work().len(), doc.work().len());
        assert!(t.record.work_experience.iter().all(|r| !r.title.is_empty()));
        assert!(t.record.work_experience.iter().flat_map(|r| &r.bullets).all(|b| b.tailored_text == b.original_text && !b.was_rewritten));
        assert_eq!(t.record.selection_enforcement.stripped_unselected as usize, bullets(&doc).len() - kept.len());
        assert!(t.record.word_count_estimate > 100);
    }

    #[test]
    fn a_plan_naming_bullets_the_version_lacks_is_not_compliant() {
        let doc: JsonResume = serde_json::from_str(include_str!("../../tests/fixtures/resumes/mateo-lindqvist.json")).unwrap();
        let job = include_str!("../../tests/fixtures/jobs/senior-backend-engineer-go-payments.txt");
        let a = pipeline::analyze(&doc, job, &LexicalEmbedder::default(), &Default::default());
        assert!(tailor_without_llm(&doc, &a.plan).record.selection_enforcement.compliant);
        // The same plan against a version with the first role's bullets deleted.
        let mut edited = doc.clone();
        edited.work.as_mut().unwrap()[0].highlights = Some(vec![]);
        let t = tailor_without_llm(&edited, &a.plan);
        assert!(!t.record.selection_enforcement.compliant);
    }
}
