//! `fitted eval DIR --cv`: leave-one-résumé-out cross-validation of the tuned selection
//! constants.
//!
//! The dev figures of `fitted eval` are tuning figures: the constants were chosen while
//! looking at the same labels. Cross-validation asks what the *choice* is worth on a person
//! it was not made on. For each résumé in turn, every candidate setting is scored on the
//! pairs of the *other* résumés, the best is kept (objective: selection F1 + must-have
//! coverage, equal weight), and only that setting is scored on the held-out résumé's pairs.
//! The held-out outputs of all folds together give the cross-validated metrics, printed next
//! to the shipped default on the same pairs. Selection and fit run the app's path (run
//! driver, one-page fitting), as `fitted eval` does.

use std::collections::HashMap;
use std::path::Path;

use fitted_core::eval::{self, Label, Metrics, PairOutput};
use fitted_core::model::SelectionConfig;
use fitted_core::resume::JsonResume;

use crate::commands::{app_run, latest_month, load_labelled, CliError};

/// The settings cross-validated: the per-role bullet caps, the one group of selection
/// constants chosen by looking at the labels (issue #13: "the latest-role cap of 6 was chosen
/// because 5 gave exactly 0.950"). The shipped default is one of them.
fn candidates() -> Vec<(String, SelectionConfig)> {
    let mut out = Vec::new();
    for most_recent in [4, 5, 6, 7] {
        for next in [3, 4] {
            let mut c = fitted_core::select::default_config();
            c.budgets.per_role_caps.most_recent = most_recent;
            c.budgets.per_role_caps.next = next;
            out.push((format!("caps {most_recent}/{next}/{}", c.budgets.per_role_caps.older), c));
        }
    }
    out
}

fn objective(m: &Metrics) -> f64 {
    m.selection_f1 + m.must_coverage
}

fn metrics_of(outputs: &[&PairOutput], labels: &[&Label]) -> Metrics {
    let o: Vec<PairOutput> = outputs.iter().map(|x| (*x).clone()).collect();
    let l: Vec<Label> = labels.iter().map(|x| (*x).clone()).collect();
    eval::aggregate(&o, &l)
}

pub fn eval_cv(dir: &Path) -> Result<(), CliError> {
    let (pairs, resumes, jobs) = load_labelled(dir)?;
    let as_of = latest_month(resumes.values());
    let cands = candidates();
    let default = fitted_core::select::default_config();
    let default_index = cands.iter().position(|(_, c)| *c == default);
    let embedder = fitted_core::embed::LexicalEmbedder::default();
    let opts = fitted_core::pipeline::Options::default();
    let mut ts = fitted_typeset::Typesetter::new();
    // outputs[candidate][pair]
    let mut outputs: Vec<Vec<PairOutput>> = Vec::new();
    for (name, config) in &cands {
        eprintln!("cv: running {} pairs with {name}…", pairs.len());
        let mut row = Vec::new();
        for label in &pairs {
            let doc: &JsonResume = &resumes[&label.resume];
            let job_text = &jobs[&label.job];
            let mut out = eval::run_engine(&label.resume, doc, &label.job, job_text, &embedder, &opts);
            let run = app_run(&mut ts, doc, job_text, as_of, Some(config.clone()))
                .map_err(|e| CliError::Input(format!("{} × {}: {e}", label.resume, label.job)))?;
            let plan = &run.selection.plan;
            out.selected = plan.selected.work_experience.iter().chain(&plan.selected.projects).map(|s| s.source_path.clone()).collect();
            out.fit = run.selection.fit.fit_score as f64;
            row.push(out);
        }
        outputs.push(row);
    }
    let mut people: Vec<&String> = pairs.iter().map(|p| &p.resume).collect();
    people.sort();
    people.dedup();
    let mut held_out: HashMap<usize, usize> = HashMap::new(); // pair → chosen candidate
    println!("{:<28} {:<14} {:>6} {:>6}   (chosen on the other résumés)", "held-out résumé", "chosen", "F1", "mustC");
    for person in &people {
        let train: Vec<usize> = (0..pairs.len()).filter(|&i| &pairs[i].resume != *person).collect();
        let test: Vec<usize> = (0..pairs.len()).filter(|&i| &pairs[i].resume == *person).collect();
        let score = |c: usize, idx: &[usize]| {
            metrics_of(&idx.iter().map(|&i| &outputs[c][i]).collect::<Vec<_>>(), &idx.iter().map(|&i| &pairs[i]).collect::<Vec<_>>())
        };
        // Ties go to the earlier candidate, so the choice is deterministic.
        let best = (0..cands.len()).fold(0, |b, c| if objective(&score(c, &train)) > objective(&score(b, &train)) + 1e-12 { c } else { b });
        let m = score(best, &test);
        println!("{:<28} {:<14} {:>6.3} {:>6.3}", person.trim_end_matches(".json"), cands[best].0, m.selection_f1, m.must_coverage);
        for i in test {
            held_out.insert(i, best);
        }
    }
    let all: Vec<usize> = (0..pairs.len()).collect();
    let cv = metrics_of(&all.iter().map(|&i| &outputs[held_out[&i]][i]).collect::<Vec<_>>(), &pairs.iter().collect::<Vec<_>>());
    let per_candidate: Vec<(String, Metrics)> = cands
        .iter()
        .enumerate()
        .map(|(c, (name, _))| (name.clone(), metrics_of(&outputs[c].iter().collect::<Vec<_>>(), &pairs.iter().collect::<Vec<_>>())))
        .collect();
    println!();
    for (name, m) in &per_candidate {
        let mark = if Some(per_candidate.iter().position(|(n, _)| n == name).unwrap_or(0)) == default_index { " (shipped default)" } else { "" };
        println!("in-sample {name:<14} F1 {:.3}  mustC {:.3}  fit {:.3}{mark}", m.selection_f1, m.must_coverage, m.fit_spearman);
    }
    let default_m = default_index.map(|i| per_candidate[i].1.clone()).unwrap_or_default();
    println!(
        "cross-validated (leave one résumé out): F1 {:.3}  mustC {:.3}  fit {:.3}; shipped default in-sample: F1 {:.3}  mustC {:.3}",
        cv.selection_f1, cv.must_coverage, cv.fit_spearman, default_m.selection_f1, default_m.must_coverage
    );
    let v = serde_json::json!({
        "cv": { "selection_f1": cv.selection_f1, "must_coverage": cv.must_coverage, "fit_spearman": cv.fit_spearman, "pairs": cv.pairs },
        "default": { "selection_f1": default_m.selection_f1, "must_coverage": default_m.must_coverage, "fit_spearman": default_m.fit_spearman },
        "candidates": cands.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(),
    });
    println!("{}", serde_json::to_string(&v).unwrap_or_default());
    Ok(())
}
