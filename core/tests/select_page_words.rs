//! The word budget counts what the page shows: a project is on the page only while one of
//! its bullets is, so its first bullet also brings the entry's name, dates, description and
//! keywords. Checked against the résumé's JSON, independently of the selection's own count.

use fitted_core::embed::LexicalEmbedder;
use fitted_core::pipeline::{analyze, Options};
use fitted_core::resume::JsonResume;
use fitted_core::select::default_config;

fn fixture(dir: &str, name: &str) -> String {
    let path = format!("{}/../tests/fixtures/{dir}/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn words(s: &str) -> u32 {
    s.split_whitespace().count() as u32
}

/// Words of the chosen bullets plus, once per project they come from, that project's entry.
fn page_words(doc: &serde_json::Value, paths: &[String]) -> u32 {
    let mut projects: Vec<usize> = Vec::new();
    let mut total = 0;
    for path in paths {
        let (section, rest) = path.split_once('[').unwrap();
        let (i, rest) = rest.split_once(']').unwrap();
        let i: usize = i.parse().unwrap();
        let j: usize = rest.trim_start_matches(".highlights[").trim_end_matches(']').parse().unwrap();
        let entry = &doc[section][i];
        total += words(entry["highlights"][j].as_str().unwrap());
        if section == "projects" && !projects.contains(&i) {
            projects.push(i);
            let text = |k: &str| entry[k].as_str().map_or(0, words);
            let dates = 2 * (u32::from(entry["startDate"].is_string()) + u32::from(entry["endDate"].is_string()));
            let keywords = entry["keywords"].as_array().filter(|k| !k.is_empty()).map_or(0, |k| 1 + k.iter().map(|k| words(k.as_str().unwrap())).sum::<u32>());
            total += text("name") + text("entity") + text("description") + dates + keywords;
        }
    }
    total
}

#[test]
fn the_word_budget_counts_the_project_entries_a_selection_brings() {
    let raw = fixture("resumes", "lorena-baptiste.json");
    let doc: JsonResume = serde_json::from_str(&raw).unwrap();
    let json: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let job = fixture("jobs", "clinical-informatics-specialist-epic.txt");
    let embedder = LexicalEmbedder::default();
    let mut saw_a_project = false;
    for budget in (120..=400).step_by(20) {
        let mut config = default_config();
        config.budgets.target_resume_words_max = budget;
        config.budgets.target_resume_words_min = 0;
        let plan = analyze(&doc, &job, &embedder, &Options { config: Some(config), ..Default::default() }).plan;
        let paths: Vec<String> = plan.selected.work_experience.iter().chain(&plan.selected.projects).map(|b| b.source_path.clone()).collect();
        saw_a_project |= !plan.selected.projects.is_empty();
        let expected = page_words(&json, &paths);
        assert_eq!(plan.budgets_used.words, expected, "budget {budget}: {paths:?}");
        assert!(expected <= budget, "budget {budget}: the page's bullets and entries count {expected} words");
    }
    assert!(saw_a_project, "some budget must choose a project bullet, or the entries were never counted");
}

/// Once a page has overflowed, the run gives selection a budget of lines. The plan's count
/// matches the line model recomputed from the plan, never exceeds the budget, and a smaller
/// budget never keeps more bullets.
#[test]
fn a_page_line_budget_bounds_the_plan_and_shrinks_it_monotonically() {
    use fitted_core::model::PageLines;
    use fitted_core::select::page::LineMeasure;
    let raw = fixture("resumes", "lorena-baptiste.json");
    let doc: JsonResume = serde_json::from_str(&raw).unwrap();
    let job = fixture("jobs", "clinical-informatics-specialist-epic.txt");
    let embedder = LexicalEmbedder::default();
    let measure = LineMeasure { line_chars: 120.0, item_gap: 0.15, par_step: 0.75, over_lines: 0.0 };
    let mut last_count = u32::MAX;
    let mut counts = Vec::new();
    for max in (6..=40).rev().step_by(3) {
        let mut config = default_config();
        config.budgets.page_lines = Some(PageLines { max: f64::from(max), line_chars: 120.0, item_gap: 0.15, par_step: 0.75 });
        let plan = analyze(&doc, &job, &embedder, &Options { config: Some(config), ..Default::default() }).plan;
        let lines = plan.budgets_used.lines.expect("a plan under a line budget records its lines");
        let recomputed = fitted_core::select::config::plan_lines(&plan, &doc, &measure);
        assert!((lines - recomputed).abs() < 0.01, "budget {max}: plan says {lines}, recomputed {recomputed}");
        assert!(lines <= f64::from(max) + 1e-6 || plan.selected.work_experience.iter().any(|b| b.pinned), "budget {max}: {lines} lines");
        let count = plan.budgets_used.experience_bullets + plan.budgets_used.project_bullets;
        assert!(count <= last_count, "budget {max} keeps {count} bullets, more than a larger budget's {last_count}");
        last_count = count;
        counts.push(count);
    }
    assert!(counts.first() > counts.last(), "the budget must bind somewhere in the range: {counts:?}");
}
