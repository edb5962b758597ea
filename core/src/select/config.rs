//! `SelectionConfig` defaults and bounds.
//!
//! Defaults describe a one-page résumé: at most 6 bullets for the most recent role, 4 for
//! the next, 3 for older ones (a common recruiter convention: the current role carries the
//! most relevant work; 5 cost must-coverage 0.961 → 0.950 on the dev set), a few project bullets, and a
//! word budget that fits one page in the compact templates. Every number has bounds, so a
//! user-edited config can never ask for nonsense (negative budgets, thresholds above 1).

use crate::model::{
    Budgets, EdgeWeights, EvidenceTier, FillWeights, PerRoleCaps, RedundancyThresholds, SelectionConfig, Thresholds,
    Weights,
};
use crate::model::{PageLines, SelectionPlan};
use crate::resume::JsonResume;

use super::page::LineMeasure;

pub const CONFIG_VERSION: &str = "fitted-select-1";

const HARD_BLOCK: f64 = 0.55;

pub fn default_config() -> SelectionConfig {
    SelectionConfig {
        config_version: CONFIG_VERSION.into(),
        budgets: Budgets {
            target_resume_words_min: 250,
            target_resume_words_max: 520,
            experience_bullets_min: 6,
            experience_bullets_max: 13,
            project_bullets_min: 0,
            project_bullets_max: 4,
            award_lines_min: 0,
            award_lines_max: 3,
            per_role_caps: PerRoleCaps { most_recent: 6, next: 4, older: 3 },
            max_bullets_per_requirement: 2,
            page_lines: None,
        },
        thresholds: Thresholds {
            must_min_rel: 0.30,
            nice_min_rel: 0.35,
            cover_threshold: 0.30,
            redundancy: RedundancyThresholds { hard_block: HARD_BLOCK, penalty_start: 0.35 },
            min_evidence_tier_nice: EvidenceTier::Medium,
        },
        weights: Weights {
            edge: EdgeWeights { w_rel: 1.0, w_evd: 0.35, w_red: 0.8, w_risk: 0.3 },
            fill: FillWeights { alpha: 0.6, beta: 0.25, gamma: 0.15 },
        },
    }
}

fn clamp_u(v: &mut u32, lo: u32, hi: u32) {
    *v = (*v).clamp(lo, hi);
}
fn clamp_f(v: &mut f64, lo: f64, hi: f64) {
    *v = if v.is_finite() { v.clamp(lo, hi) } else { lo };
}

/// Bring every field inside its documented bounds (and mins ≤ maxes).
pub fn clamp_config(c: &SelectionConfig) -> SelectionConfig {
    let mut c = c.clone();
    let b = &mut c.budgets;
    clamp_u(&mut b.target_resume_words_max, 30, 2000);
    clamp_u(&mut b.target_resume_words_min, 0, b.target_resume_words_max);
    clamp_u(&mut b.experience_bullets_max, 0, 40);
    clamp_u(&mut b.experience_bullets_min, 0, b.experience_bullets_max);
    clamp_u(&mut b.project_bullets_max, 0, 20);
    clamp_u(&mut b.project_bullets_min, 0, b.project_bullets_max);
    clamp_u(&mut b.award_lines_max, 0, 10);
    clamp_u(&mut b.award_lines_min, 0, b.award_lines_max);
    clamp_u(&mut b.per_role_caps.most_recent, 0, 12);
    clamp_u(&mut b.per_role_caps.next, 0, 12);
    clamp_u(&mut b.per_role_caps.older, 0, 12);
    clamp_u(&mut b.max_bullets_per_requirement, 1, 6);
    if let Some(p) = &mut b.page_lines {
        clamp_f(&mut p.max, 1.0, 400.0);
        clamp_f(&mut p.line_chars, 10.0, 400.0);
        clamp_f(&mut p.item_gap, 0.0, 3.0);
        clamp_f(&mut p.par_step, 0.1, 3.0);
    }
    let t = &mut c.thresholds;
    clamp_f(&mut t.must_min_rel, 0.0, 1.0);
    clamp_f(&mut t.nice_min_rel, 0.0, 1.0);
    clamp_f(&mut t.cover_threshold, 0.0, 1.0);
    clamp_f(&mut t.redundancy.hard_block, 0.05, 1.0);
    clamp_f(&mut t.redundancy.penalty_start, 0.0, t.redundancy.hard_block);
    let w = &mut c.weights;
    for x in [&mut w.edge.w_rel, &mut w.edge.w_evd, &mut w.edge.w_red, &mut w.edge.w_risk, &mut w.fill.alpha, &mut w.fill.beta, &mut w.fill.gamma] {
        clamp_f(x, 0.0, 5.0);
    }
    c
}

/// A plan with this many bullets or fewer is not cut further to fit a page.
pub const MIN_BULLETS_TO_SHRINK: u32 = 3;

/// Budgets that leave out about what the page is over — `lines_over` lines of
/// `words_per_line` words each, as measured on the overflowing layout (when that is unknown,
/// 0, about `lines_over / 2` bullets: a bullet is about two lines) — or `None` when too few
/// are left to cut. Used when the typeset page overflows. Cutting only what is over keeps
/// every bullet the page can hold; when that is not quite enough, the run cuts again.
///
/// The cut is made by lowering the word budget to the words of the bullets that stay, not by
/// emptying one section first: selection is greedy, so under a smaller word budget it stops
/// before the bullets it would have picked last — the weakest, wherever they are (a relevant
/// project outlives a marginal job bullet). Section budgets are capped at what was used, so
/// a shrink never brings in more bullets of either kind.
pub fn shrink_to_fit(plan: &SelectionPlan, lines_over: u32, words_per_line: f64) -> Option<SelectionConfig> {
    let used = &plan.budgets_used;
    let total = used.experience_bullets + used.project_bullets;
    if total <= MIN_BULLETS_TO_SHRINK || lines_over == 0 {
        return None;
    }
    let words_used = match used.words {
        0 => plan.selected.work_experience.iter().chain(&plan.selected.projects).map(|b| super::words(&b.original_text)).sum(),
        counted => counted,
    };
    let keep_words = if words_per_line > 0.0 {
        let over_words = (f64::from(lines_over) * words_per_line).ceil() as u32;
        words_used.saturating_sub(over_words.max(1))
    } else {
        let cut = lines_over.div_ceil(2).max(1);
        words_used * total.saturating_sub(cut) / total
    };
    // Never below about the fewest bullets a page keeps.
    let floor = words_used * MIN_BULLETS_TO_SHRINK / total;
    let mut c = plan.config.clone();
    let b = &mut c.budgets;
    cap_at_used(b, keep_words.max(floor).max(1), used);
    Some(c)
}

/// The configuration a re-run starts from: `config` (the plan's, perhaps with the review's
/// changes) with what a one-page cut lowered — the word and section budgets and the page-line
/// budget — back at `before` ([`SelectionPlan::budgets_before_cut`]). A cut was measured on
/// one layout; the re-run's selection may differ (a pin, an exclusion, another template), so
/// its page is measured and cut again rather than held to the old page's figures. Everything
/// else (per-role caps, thresholds, weights) is left as the caller has it.
pub fn without_cut(mut config: SelectionConfig, before: Option<&Budgets>) -> SelectionConfig {
    if let Some(before) = before {
        let b = &mut config.budgets;
        b.target_resume_words_min = before.target_resume_words_min;
        b.target_resume_words_max = before.target_resume_words_max;
        b.experience_bullets_min = before.experience_bullets_min;
        b.experience_bullets_max = before.experience_bullets_max;
        b.project_bullets_min = before.project_bullets_min;
        b.project_bullets_max = before.project_bullets_max;
        b.page_lines = before.page_lines;
    }
    config
}

/// A cut never brings in more: the word budget at most `words`, and each section at most
/// the bullets it used (minimums lowered to match).
fn cap_at_used(b: &mut Budgets, words: u32, used: &crate::model::BudgetsUsed) {
    b.target_resume_words_max = b.target_resume_words_max.min(words);
    b.target_resume_words_min = b.target_resume_words_min.min(b.target_resume_words_max);
    b.project_bullets_max = b.project_bullets_max.min(used.project_bullets);
    b.project_bullets_min = b.project_bullets_min.min(b.project_bullets_max);
    b.experience_bullets_max = b.experience_bullets_max.min(used.experience_bullets);
    b.experience_bullets_min = b.experience_bullets_min.min(b.experience_bullets_max);
}

/// Lines the plan's bullets and the project entries they bring take at `measure`
/// (`super::page`).
pub fn plan_lines(plan: &SelectionPlan, resume: &JsonResume, measure: &LineMeasure) -> f64 {
    let bullets = crate::import::bullets(resume);
    let chosen: Vec<&str> = plan.selected.work_experience.iter().chain(&plan.selected.projects).map(|b| b.bullet_id.as_str()).collect();
    super::page::chosen_lines(resume, &bullets, &chosen, &PageLines { max: 0.0, line_chars: measure.line_chars, item_gap: measure.item_gap, par_step: measure.par_step })
}

/// Budgets that leave out `cut` lines: the plan's bullets and the project entries they bring,
/// wrapped at the measured line ([`plan_lines`]), less `cut`, become the page-line budget of
/// the next selection. `None` when too few bullets are left to cut. Like [`shrink_to_fit`] it
/// never brings in more bullets or words than the plan used; unlike it, a bullet's last short
/// line and the gaps count, so one cut is usually enough.
pub fn shrink_to_lines(plan: &SelectionPlan, resume: &JsonResume, measure: &LineMeasure, cut: f64) -> Option<SelectionConfig> {
    let used = &plan.budgets_used;
    let total = used.experience_bullets + used.project_bullets;
    if total <= MIN_BULLETS_TO_SHRINK || cut <= 0.0 || measure.line_chars <= 0.0 {
        return None;
    }
    let lines_used = plan_lines(plan, resume, measure);
    if lines_used <= 0.0 {
        return None;
    }
    // Never below about the fewest bullets a page keeps.
    let floor = lines_used * f64::from(MIN_BULLETS_TO_SHRINK) / f64::from(total);
    let words_used = match used.words {
        0 => plan.selected.work_experience.iter().chain(&plan.selected.projects).map(|b| super::words(&b.original_text)).sum(),
        counted => counted,
    };
    let mut c = plan.config.clone();
    let b = &mut c.budgets;
    let max = (lines_used - cut).max(floor);
    let max = b.page_lines.map_or(max, |p| max.min(p.max));
    b.page_lines = Some(PageLines { max, line_chars: measure.line_chars, item_gap: measure.item_gap, par_step: measure.par_step });
    cap_at_used(b, words_used.max(1), used);
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plan that used `experience` + `projects` bullets of 20 words each.
    fn plan_using(experience: u32, projects: u32) -> SelectionPlan {
        let bullet = |parent_type: &str| -> crate::model::SelectedBullet {
            serde_json::from_value(serde_json::json!({
                "bulletId": "b", "parentType": parent_type, "parentId": "p",
                "originalText": vec!["word"; 20].join(" "),
                "evidence": {"score": 0.5, "tier": "strong"}, "matches": [],
                "redundancy": {"maxSim": 0.0, "blocked": false, "penalty": 0.0},
                "rewriteIntent": "light", "reasons": []
            }))
            .unwrap()
        };
        let selected = crate::model::SelectedContent {
            work_experience: (0..experience).map(|_| bullet("experience")).collect(),
            projects: (0..projects).map(|_| bullet("project")).collect(),
            ..Default::default()
        };
        SelectionPlan {
            id: String::new(),
            run_id: String::new(),
            version: String::new(),
            master_resume_hash: String::new(),
            job_extracted_hash: String::new(),
            rubric_hash: String::new(),
            embedding_model: String::new(),
            config: default_config(),
            coverage: Default::default(),
            selected,
            budgets_used: crate::model::BudgetsUsed { experience_bullets: experience, project_bullets: projects, ..Default::default() },
            selection_notes: None,
            created_at: 0,
            budgets_before_cut: None,
        }
    }

    #[test]
    fn overflow_lowers_the_word_budget_not_one_section() {
        // 15 bullets of 20 words, 3 lines over: two bullets' worth of words go, and neither
        // section may grow; which bullets go is left to selection (the weakest).
        let c = shrink_to_fit(&plan_using(12, 3), 3, 0.0).unwrap();
        assert_eq!(c.budgets.target_resume_words_max, 13 * 20);
        assert_eq!((c.budgets.experience_bullets_max, c.budgets.project_bullets_max), (12, 3));
        assert!(c.budgets.experience_bullets_min <= c.budgets.experience_bullets_max);
        assert!(c.budgets.target_resume_words_min <= c.budgets.target_resume_words_max);
    }

    /// With the layout's words per line, the cut is what the page is over: 3 lines of 12.5
    /// words are 38 words, less than two 20-word bullets.
    #[test]
    fn a_measured_overflow_cuts_its_words() {
        let c = shrink_to_fit(&plan_using(12, 3), 3, 12.5).unwrap();
        assert_eq!(c.budgets.target_resume_words_max, 15 * 20 - 38);
        // Any overflow cuts something.
        let c = shrink_to_fit(&plan_using(12, 3), 1, 0.1).unwrap();
        assert!(c.budgets.target_resume_words_max < 15 * 20);
    }

    /// The line cut: the budget is the plan's lines less the cut, and sections never grow.
    #[test]
    fn a_line_cut_budgets_the_plans_lines_less_the_cut() {
        let doc: JsonResume = serde_json::from_value(serde_json::json!({
            "work": [{"name": "Co", "position": "Dev", "highlights": (0..15).map(|_| vec!["word"; 20].join(" ")).collect::<Vec<_>>()}]
        }))
        .unwrap();
        let mut plan = plan_using(15, 0);
        for (i, b) in plan.selected.work_experience.iter_mut().enumerate() {
            b.bullet_id = crate::import::bullets(&doc)[i].bullet_id.clone();
        }
        // 20 four-letter words are 99 characters: 2 lines at 60 a line, plus a 0.25 gap.
        let m = LineMeasure { line_chars: 60.0, item_gap: 0.25, par_step: 1.0, over_lines: 3.0 };
        assert!((plan_lines(&plan, &doc, &m) - 15.0 * 2.25).abs() < 1e-9);
        let c = shrink_to_lines(&plan, &doc, &m, 5.0).unwrap();
        let p = c.budgets.page_lines.unwrap();
        assert!((p.max - (15.0 * 2.25 - 5.0)).abs() < 1e-9);
        assert!(c.budgets.experience_bullets_max <= 15 && c.budgets.project_bullets_max == 0);
        assert!(c.budgets.target_resume_words_max <= 15 * 20);
        // Never below about three bullets' lines, and nothing to cut from three.
        let c = shrink_to_lines(&plan, &doc, &m, 100.0).unwrap();
        assert!((c.budgets.page_lines.unwrap().max - 3.0 * 2.25).abs() < 1e-9);
        assert!(shrink_to_lines(&plan_using(3, 0), &doc, &m, 2.0).is_none());
    }

    #[test]
    fn overflow_never_cuts_below_three_bullets() {
        for words_per_line in [0.0, 12.0] {
            let c = shrink_to_fit(&plan_using(4, 0), 40, words_per_line).unwrap();
            assert_eq!(c.budgets.target_resume_words_max, 3 * 20);
            assert!(shrink_to_fit(&plan_using(3, 0), 5, words_per_line).is_none());
            assert!(shrink_to_fit(&plan_using(10, 2), 0, words_per_line).is_none());
        }
    }

    #[test]
    fn defaults_are_within_bounds() {
        assert_eq!(clamp_config(&default_config()), default_config());
    }

    #[test]
    fn nonsense_is_clamped() {
        let mut c = default_config();
        c.budgets.experience_bullets_min = 50;
        c.thresholds.redundancy.penalty_start = 2.0;
        c.weights.edge.w_rel = f64::NAN;
        let k = clamp_config(&c);
        assert!(k.budgets.experience_bullets_min <= k.budgets.experience_bullets_max);
        assert!(k.thresholds.redundancy.penalty_start <= k.thresholds.redundancy.hard_block);
        assert_eq!(k.weights.edge.w_rel, 0.0);
    }
}
