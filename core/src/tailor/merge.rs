//! Merged bullets: an AGGRESSIVE rewrite may say two or three chosen bullets of the same role
//! in one (seed 001 `AIMode`: "restructure, merge"). Accepting such a bullet removes the ones
//! it absorbs from the new version, so the same fact is never on the page twice.
//!
//! Removing a highlight shifts the ids and paths of the bullets after it in the same entry
//! (`…_b3` becomes `…_b2`; ids count an entry's non-empty highlights). The run's selection
//! plan and tailored record name bullets by id and path, so both are carried over to the new
//! version here ([`renumber`], [`plan_after`], [`tailored_after`]): the same bullets stay
//! chosen, each absorbed bullet's requirement matches move to the bullet that now says it,
//! and the coverage the user reviewed does not change.

use std::collections::{BTreeMap, HashMap};

use crate::import::bullets;
use crate::model::{RequirementMatch, SelectedBullet, SelectionPlan, TailoredBullet, TailoredResume};
use crate::resume::JsonResume;

/// Where a highlight lives: (`work` or `projects`, entry index, highlight index).
pub(crate) fn parse_path(path: &str) -> Option<(&str, usize, usize)> {
    let (section, rest) = path.split_once('[')?;
    let (i, rest) = rest.split_once("].highlights[")?;
    let j = rest.strip_suffix(']')?;
    Some((section, i.parse().ok()?, j.parse().ok()?))
}

/// The entry a highlight belongs to (`work[2]`), to keep merges within one role.
pub(crate) fn entry_of(path: &str) -> Option<&str> {
    path.split_once(".highlights[").map(|(entry, _)| entry)
}

/// Remove the highlights at `paths` (each once; unknown paths are ignored).
pub fn remove_highlights(doc: &mut JsonResume, paths: &[String]) {
    let mut at: Vec<(&str, usize, usize)> = paths.iter().filter_map(|p| parse_path(p)).collect();
    // From the back, so the indices still to remove do not move.
    at.sort_unstable_by(|a, b| b.cmp(a));
    at.dedup();
    for (section, i, j) in at {
        let list = match section {
            "work" => doc.work.as_mut().and_then(|w| w.get_mut(i)).and_then(|w| w.highlights.as_mut()),
            "projects" => doc.projects.as_mut().and_then(|p| p.get_mut(i)).and_then(|p| p.highlights.as_mut()),
            _ => None,
        };
        if let Some(list) = list.filter(|l| j < l.len()) {
            list.remove(j);
        }
    }
}

/// Each surviving bullet's (new id, new path) once the `absorbed` bullets are removed from
/// `before`, keyed by its id in `before`. With nothing absorbed every bullet maps to itself.
pub fn renumber(before: &JsonResume, absorbed: &[String]) -> HashMap<String, (String, String)> {
    let all = bullets(before);
    let paths: Vec<String> = all.iter().filter(|b| absorbed.contains(&b.bullet_id)).map(|b| b.source_path.clone()).collect();
    let mut after = before.clone();
    remove_highlights(&mut after, &paths);
    // Removing keeps the order of the rest, and ids do not depend on text.
    all.into_iter()
        .filter(|b| !absorbed.contains(&b.bullet_id))
        .zip(bullets(&after))
        .map(|(old, new)| (old.bullet_id, (new.bullet_id, new.source_path)))
        .collect()
}

/// `matches` with `more` added; a requirement met by both keeps its stronger match.
fn union_matches(matches: &mut Vec<RequirementMatch>, more: &[RequirementMatch]) {
    for m in more {
        match matches.iter_mut().find(|x| x.req_id == m.req_id) {
            Some(x) if x.rel < m.rel => *x = m.clone(),
            Some(_) => {}
            None => matches.push(m.clone()),
        }
    }
}

/// The run's plan for the version the merges made: absorbed bullets are no longer chosen,
/// their matches go to the bullet that absorbed them, and every id and path is the new one.
/// `merged` lists (absorbed id, absorbing id).
pub fn plan_after(plan: &SelectionPlan, merged: &[(String, String)], map: &HashMap<String, (String, String)>) -> SelectionPlan {
    let mut out = plan.clone();
    let all: Vec<&SelectedBullet> = plan.selected.work_experience.iter().chain(&plan.selected.projects).chain(&plan.selected.awards).collect();
    let new_id = |id: &str| map.get(id).map(|(n, _)| n.clone()).unwrap_or_else(|| id.to_string());
    let fix = |list: &mut Vec<SelectedBullet>| {
        list.retain(|b| !merged.iter().any(|(a, _)| a == &b.bullet_id));
        for b in list.iter_mut() {
            for (absorbed, _) in merged.iter().filter(|(_, into)| into == &b.bullet_id) {
                if let Some(a) = all.iter().find(|x| &x.bullet_id == absorbed) {
                    union_matches(&mut b.matches, &a.matches);
                }
            }
            if let Some((id, path)) = map.get(&b.bullet_id) {
                b.bullet_id = id.clone();
                b.source_path = path.clone();
            }
        }
    };
    fix(&mut out.selected.work_experience);
    fix(&mut out.selected.projects);
    fix(&mut out.selected.awards);
    let mut per_role: BTreeMap<String, u32> = BTreeMap::new();
    for b in &out.selected.work_experience {
        *per_role.entry(b.parent_id.clone()).or_insert(0) += 1;
    }
    out.budgets_used.per_role = per_role;
    out.budgets_used.experience_bullets = out.selected.work_experience.len() as u32;
    out.budgets_used.project_bullets = out.selected.projects.len() as u32;
    if let Some(n) = out.selection_notes.as_mut() {
        for list in [&mut n.dropped_due_to_redundancy, &mut n.dropped_due_to_budget, &mut n.excluded_by_user].into_iter().flatten() {
            list.iter_mut().for_each(|id| *id = new_id(id));
        }
        n.reasons = std::mem::take(&mut n.reasons).into_iter().map(|(id, why)| (new_id(&id), why)).collect();
    }
    out
}

/// The tailored record for the version the merges made: absorbed bullets leave it, the
/// absorbing bullet's `originalText` holds every text it replaces (one per line), and ids
/// are the new ones.
pub fn tailored_after(t: &TailoredResume, merged: &[(String, String)], map: &HashMap<String, (String, String)>) -> TailoredResume {
    let mut out = t.clone();
    let originals: HashMap<String, String> = t
        .work_experience
        .iter()
        .flat_map(|r| &r.bullets)
        .chain(t.projects.iter().flat_map(|p| &p.bullets))
        .map(|b| (b.bullet_id.clone(), b.original_text.clone()))
        .collect();
    let fix = |list: &mut Vec<TailoredBullet>| {
        list.retain(|b| !merged.iter().any(|(a, _)| a == &b.bullet_id));
        for b in list.iter_mut() {
            for (absorbed, _) in merged.iter().filter(|(_, into)| into == &b.bullet_id) {
                if let Some(text) = originals.get(absorbed) {
                    b.original_text = format!("{}\n{text}", b.original_text);
                }
            }
            if let Some((id, _)) = map.get(&b.bullet_id) {
                b.bullet_id = id.clone();
            }
        }
    };
    out.work_experience.iter_mut().for_each(|r| fix(&mut r.bullets));
    out.projects.iter_mut().for_each(|p| fix(&mut p.bullets));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn removing_a_highlight_renumbers_only_what_follows_it_in_the_same_entry() {
        let doc: JsonResume = serde_json::from_value(json!({
            "work": [
                { "name": "A", "position": "X", "highlights": ["a1", "a2", "a3", "a4"] },
                { "name": "B", "position": "Y", "highlights": ["b1", "b2"] }
            ]
        }))
        .unwrap();
        let ids: Vec<String> = bullets(&doc).into_iter().map(|b| b.bullet_id).collect();
        let map = renumber(&doc, &[ids[1].clone()]);
        assert!(!map.contains_key(&ids[1]));
        assert_eq!(map[&ids[0]], (ids[0].clone(), "work[0].highlights[0]".to_string()));
        assert_eq!(map[&ids[2]], (ids[1].clone(), "work[0].highlights[1]".to_string()));
        assert_eq!(map[&ids[3]], (ids[2].clone(), "work[0].highlights[2]".to_string()));
        assert_eq!(map[&ids[4]], (ids[4].clone(), "work[1].highlights[0]".to_string()), "another role is untouched");
        let mut after = doc.clone();
        remove_highlights(&mut after, &["work[0].highlights[1]".into(), "work[0].highlights[1]".into(), "nowhere".into()]);
        assert_eq!(after.work.as_ref().unwrap()[0].highlights.as_ref().unwrap(), &vec!["a1".to_string(), "a3".into(), "a4".into()]);
        assert_eq!(renumber(&doc, &[]).into_iter().filter(|(k, (v, _))| k != v).count(), 0);
    }
}
