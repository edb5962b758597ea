//! Bullets: the unit Fitted selects. Every highlight of every work entry and project becomes
//! one [`Bullet`] with a stable seed-style id and the JSON path it came from.

use serde::{Deserialize, Serialize};

use crate::model::ParentType;
use crate::resume::JsonResume;

/// A bullet with its context, in document order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bullet {
    /// `exp_<company>_<role>_b<N>` or `proj_<name>_b<N>` (N from 1), unique in the résumé.
    pub bullet_id: String,
    pub parent_type: ParentType,
    /// `exp_<company>_<role>` or `proj_<name>`, unique in the résumé.
    pub parent_id: String,
    /// `work[i].highlights[j]` or `projects[i].highlights[j]`.
    pub source_path: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Index of the parent in its section (`i`): `work[0]` is the most recent role.
    pub parent_index: usize,
    /// Position within the parent (`j`).
    pub order: usize,
}

/// A readable id fragment: lowercase letters and digits of any script, everything else
/// folded to `_`, at most `max` characters, never empty.
pub fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(|c| c.to_lowercase()) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
        if out.chars().count() >= max {
            break;
        }
    }
    let out = out.trim_end_matches('_').to_string();
    if out.is_empty() {
        "x".into()
    } else {
        out
    }
}

/// `"2021-06" – "present"` style range as written in the document.
pub fn date_range(start: Option<&str>, end: Option<&str>) -> Option<String> {
    match (start.filter(|s| !s.is_empty()), end.filter(|s| !s.is_empty())) {
        (None, None) => None,
        (Some(s), None) => Some(format!("{s} – present")),
        (None, Some(e)) => Some(e.to_string()),
        (Some(s), Some(e)) => Some(format!("{s} – {e}")),
    }
}

fn unique(base: String, taken: &mut Vec<String>) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}_{n}");
        n += 1;
    }
    taken.push(id.clone());
    id
}

/// Every bullet of the résumé in document order (work first, then projects). Empty or
/// whitespace-only highlights are skipped (they keep their index in `source_path` numbering
/// of the others, which follows the document).
pub fn bullets(doc: &JsonResume) -> Vec<Bullet> {
    let mut out = Vec::new();
    let mut parents = Vec::new();
    for (i, w) in doc.work().iter().enumerate() {
        let company = w.name.clone().filter(|s| !s.trim().is_empty());
        let role = w.position.clone().filter(|s| !s.trim().is_empty());
        let parent_id = unique(
            format!(
                "exp_{}_{}",
                slug(company.as_deref().unwrap_or("company"), 24),
                slug(role.as_deref().unwrap_or("role"), 24)
            ),
            &mut parents,
        );
        let mut n = 0;
        for (j, h) in w.highlights.as_deref().unwrap_or(&[]).iter().enumerate() {
            if h.trim().is_empty() {
                continue;
            }
            n += 1;
            out.push(Bullet {
                bullet_id: format!("{parent_id}_b{n}"),
                parent_type: ParentType::Experience,
                parent_id: parent_id.clone(),
                source_path: format!("work[{i}].highlights[{j}]"),
                text: h.clone(),
                company: company.clone(),
                role: role.clone(),
                project_name: None,
                dates: date_range(w.start_date.as_deref(), w.end_date.as_deref()),
                location: w.location.clone(),
                parent_index: i,
                order: j,
            });
        }
    }
    for (i, p) in doc.projects().iter().enumerate() {
        let name = p.name.clone().filter(|s| !s.trim().is_empty());
        let parent_id = unique(format!("proj_{}", slug(name.as_deref().unwrap_or("project"), 32)), &mut parents);
        let mut n = 0;
        for (j, h) in p.highlights.as_deref().unwrap_or(&[]).iter().enumerate() {
            if h.trim().is_empty() {
                continue;
            }
            n += 1;
            out.push(Bullet {
                bullet_id: format!("{parent_id}_b{n}"),
                parent_type: ParentType::Project,
                parent_id: parent_id.clone(),
                source_path: format!("projects[{i}].highlights[{j}]"),
                text: h.clone(),
                company: p.entity.clone(),
                role: None,
                project_name: name.clone(),
                dates: date_range(p.start_date.as_deref(), p.end_date.as_deref()),
                location: None,
                parent_index: i,
                order: j,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resume::{Project, Work};

    fn doc() -> JsonResume {
        JsonResume {
            work: Some(vec![
                Work {
                    name: Some("Tallgrass Payments".into()),
                    position: Some("Senior Software Engineer, Money Movement".into()),
                    start_date: Some("2021-06".into()),
                    highlights: Some(vec!["Built A".into(), " ".into(), "Built B".into()]),
                    ..Default::default()
                },
                Work {
                    name: Some("Tallgrass Payments".into()),
                    position: Some("Senior Software Engineer, Money Movement".into()),
                    highlights: Some(vec!["Built C".into()]),
                    ..Default::default()
                },
                Work { name: Some("李雷科技".into()), highlights: Some(vec![]), ..Default::default() },
            ]),
            projects: Some(vec![Project {
                name: Some("Ledger CLI".into()),
                highlights: Some(vec!["Wrote D".into()]),
                ..Default::default()
            }]),
            ..Default::default()
        }
    }

    #[test]
    fn ids_and_paths_follow_the_seed_style_and_the_document() {
        let b = bullets(&doc());
        let ids: Vec<_> = b.iter().map(|b| b.bullet_id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "exp_tallgrass_payments_senior_software_engineer_b1",
                "exp_tallgrass_payments_senior_software_engineer_b2",
                "exp_tallgrass_payments_senior_software_engineer_2_b1",
                "proj_ledger_cli_b1"
            ]
        );
        let paths: Vec<_> = b.iter().map(|b| b.source_path.as_str()).collect();
        assert_eq!(paths, ["work[0].highlights[0]", "work[0].highlights[2]", "work[1].highlights[0]", "projects[0].highlights[0]"]);
        assert_eq!(b[0].dates.as_deref(), Some("2021-06 – present"));
    }

    #[test]
    fn slugs_keep_any_script_and_are_never_empty() {
        assert_eq!(slug("李雷科技 (Li Lei)", 24), "李雷科技_li_lei");
        assert_eq!(slug("***", 10), "x");
        assert_eq!(slug("Ølstad & Søn A/S", 24), "ølstad_søn_a_s");
    }
}
