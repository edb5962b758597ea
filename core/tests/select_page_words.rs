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
