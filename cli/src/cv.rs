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
//!
//! The fit weights (`fit::FIT_WEIGHTS`: how must-haves, nice-to-haves, keywords, title and
//! depth of evidence add up, and where depth saturates) are cross-validated the same way on
//! fit Spearman: fit does not depend on the caps, so each pair's fit parts are read once and
//! every weighting is scored on them. The shipped weights come first, so a fold keeps them
//! unless another weighting does strictly better on the other résumés.

use std::collections::HashMap;
use std::path::Path;

use fitted_core::eval::{self, Label, Metrics, PairOutput};
use fitted_core::fit::{FitComponents, FitWeights, FIT_WEIGHTS};
use fitted_core::model::SelectionConfig;
use fitted_core::resume::JsonResume;

use crate::commands::{app_run, latest_month, load_labelled, CliError};

/// The settings cross-validated: the per-role bullet caps, the group of selection constants
/// once chosen by looking at the labels (issue #13). The shipped default (7/4/3) is the
/// setting this choice makes on all the labelled résumés.
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

/// The fit weightings cross-validated: a grid around the shipped weights (which come first).
fn fit_candidates() -> Vec<FitWeights> {
    let mut out = vec![FIT_WEIGHTS];
    for must in [0.2, 0.3, 0.4] {
        for nice in [0.0, 0.05, 0.1] {
            for keywords in [0.1, 0.2, 0.3] {
                for title in [0.0, 0.1, 0.2] {
                    for depth in [0.25, 0.35, 0.45] {
                        for depth_full in [0.4, 0.6, 0.8, 1.0] {
                            let w = FitWeights { must, nice, keywords, title, depth, depth_full };
                            if w != FIT_WEIGHTS {
                                out.push(w);
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

fn describe(w: &FitWeights) -> String {
    format!("{}/{}/{}/{}/{} full {}", w.must, w.nice, w.keywords, w.title, w.depth, w.depth_full)
}

/// Leave-one-résumé-out over the fit weightings; prints each fold and returns the
/// cross-validated and the shipped weights' fit Spearman.
fn cv_fit_weights(pairs: &[Label], outputs: &[PairOutput], parts: &[FitComponents], people: &[&String]) -> (f64, f64) {
    let cands = fit_candidates();
    // Rescoring the parts must give what the app gave, or the weights below mean nothing.
    for (p, o) in parts.iter().zip(outputs) {
        assert_eq!(p.score(&FIT_WEIGHTS) as f64, o.fit, "fit parts rescore to the app's score for {} × {}", o.resume, o.job);
    }
    let spearman = |w: &FitWeights, idx: &[usize]| {
        let o: Vec<PairOutput> = idx.iter().map(|&i| PairOutput { fit: parts[i].score(w) as f64, ..outputs[i].clone() }).collect();
        let l: Vec<Label> = idx.iter().map(|&i| pairs[i].clone()).collect();
        eval::aggregate(&o, &l).fit_spearman
    };
    println!();
    println!("fit weights ({} weightings: must/nice/keywords/title/depth, depth full at)", cands.len());
    println!("{:<28} {:<34} {:>8}", "held-out résumé", "chosen on the other résumés", "Spearman");
    let mut chosen: Vec<usize> = vec![0; pairs.len()];
    for person in people {
        let train: Vec<usize> = (0..pairs.len()).filter(|&i| &pairs[i].resume != *person).collect();
        let test: Vec<usize> = (0..pairs.len()).filter(|&i| &pairs[i].resume == *person).collect();
        let train_scores: Vec<f64> = cands.iter().map(|w| spearman(w, &train)).collect();
        let best = (0..cands.len()).fold(0, |b, c| if train_scores[c] > train_scores[b] + 1e-12 { c } else { b });
        println!("{:<28} {:<34} {:>8.3}", person.trim_end_matches(".json"), describe(&cands[best]), spearman(&cands[best], &test));
        for i in test {
            chosen[i] = best;
        }
    }
    let all: Vec<usize> = (0..pairs.len()).collect();
    let o: Vec<PairOutput> = all.iter().map(|&i| PairOutput { fit: parts[i].score(&cands[chosen[i]]) as f64, ..outputs[i].clone() }).collect();
    let cv = eval::aggregate(&o, pairs).fit_spearman;
    let all_scores: Vec<f64> = cands.iter().map(|w| spearman(w, &all)).collect();
    let best = (0..cands.len()).fold(0, |b, c| if all_scores[c] > all_scores[b] + 1e-12 { c } else { b });
    println!("chosen on all résumés: {} (in-sample {:.3})", describe(&cands[best]), all_scores[best]);
    (cv, spearman(&FIT_WEIGHTS, &all))
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
    // Each pair's fit parts (fit does not depend on the caps: read from the first setting).
    let mut parts: Vec<FitComponents> = Vec::new();
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
            if outputs.is_empty() {
                parts.push(run.selection.fit.components.clone());
            }
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
    let on_all = (0..cands.len()).fold(0, |b, c| {
        let m = |c: usize| objective(&metrics_of(&outputs[c].iter().collect::<Vec<_>>(), &pairs.iter().collect::<Vec<_>>()));
        if m(c) > m(b) + 1e-12 { c } else { b }
    });
    println!("{:<28} {:<14}   (the setting the same choice makes on every résumé)", "all résumés", cands[on_all].0);
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
    let (fit_cv, fit_shipped) = cv_fit_weights(&pairs, &outputs[default_index.unwrap_or(0)], &parts, &people);
    println!("fit weights cross-validated (leave one résumé out): Spearman {fit_cv:.3}; shipped weights in-sample: {fit_shipped:.3}");
    let v = serde_json::json!({
        "cv": { "selection_f1": cv.selection_f1, "must_coverage": cv.must_coverage, "fit_spearman": cv.fit_spearman, "pairs": cv.pairs },
        "fit_weights": { "cv_fit_spearman": fit_cv, "shipped_fit_spearman": fit_shipped, "weightings": fit_candidates().len() },
        "default": { "selection_f1": default_m.selection_f1, "must_coverage": default_m.must_coverage, "fit_spearman": default_m.fit_spearman },
        "candidates": cands.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(),
    });
    println!("{}", serde_json::to_string(&v).unwrap_or_default());
    Ok(())
}
