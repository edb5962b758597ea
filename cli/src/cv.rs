//! `fitted eval DIR --cv`: leave-one-résumé-out cross-validation of the tuned constants.
//!
//! The dev figures of `fitted eval` are tuning figures: the constants were chosen while
//! looking at the same labels. Cross-validation asks what the *choice* is worth on a person
//! it was not made on. For each résumé in turn, every candidate setting is scored on the
//! pairs of the *other* résumés, the best is kept (objective: selection F1 + must-have
//! coverage, equal weight, among settings that select no redundant pair), and only that
//! setting is scored on the held-out résumé's pairs. Each group of selection constants (the
//! per-role caps, the requirement-relevance thresholds, the redundancy threshold) is varied
//! with the others at their shipped values.
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

/// The groups of selection constants cross-validated, each varied with the others at their
/// shipped values: the per-role bullet caps (once chosen by looking at the labels, issue
/// #13), the relevance a bullet needs to count for a requirement, and the similarity at
/// which a second bullet restates a first. Each group holds the shipped default.
fn groups() -> Vec<(&'static str, Vec<(String, SelectionConfig)>)> {
    let base = fitted_core::select::default_config;
    let mut caps = Vec::new();
    for most_recent in [4, 5, 6, 7] {
        for next in [3, 4] {
            let mut c = base();
            c.budgets.per_role_caps.most_recent = most_recent;
            c.budgets.per_role_caps.next = next;
            caps.push((format!("caps {most_recent}/{next}/{}", c.budgets.per_role_caps.older), c));
        }
    }
    let mut relevance = Vec::new();
    for shift in [-0.05, 0.0, 0.05] {
        let mut c = base();
        c.thresholds.must_min_rel += shift;
        c.thresholds.nice_min_rel += shift;
        c.thresholds.cover_threshold += shift;
        relevance.push((format!("cover {:.2}/{:.2}", c.thresholds.must_min_rel, c.thresholds.nice_min_rel), c));
    }
    let mut redundancy = Vec::new();
    for shift in [-0.05, 0.0, 0.05] {
        let mut c = base();
        c.thresholds.redundancy.hard_block += shift;
        redundancy.push((format!("restates {:.2}", c.thresholds.redundancy.hard_block), c));
    }
    vec![("per-role caps", caps), ("requirement relevance", relevance), ("redundancy", redundancy)]
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

/// What a fold maximises: selection F1 + must-have coverage, equal weight; a setting that
/// selects a redundant pair on the training résumés is not eligible (the aim is none).
fn objective(m: &Metrics) -> f64 {
    if m.redundant_pairs > 0 {
        f64::NEG_INFINITY
    } else {
        m.selection_f1 + m.must_coverage
    }
}

fn metrics_of(outputs: &[&PairOutput], labels: &[&Label]) -> Metrics {
    let o: Vec<PairOutput> = outputs.iter().map(|x| (*x).clone()).collect();
    let l: Vec<Label> = labels.iter().map(|x| (*x).clone()).collect();
    eval::aggregate(&o, &l)
}

/// One group's leave-one-résumé-out run over precomputed outputs (`rows[candidate][pair]`):
/// prints each fold, the choice on all résumés and the in-sample figures; returns the
/// cross-validated metrics, the shipped default's in-sample metrics and the choice on all.
fn cv_group(name: &str, cands: &[(String, SelectionConfig)], rows: &[&Vec<PairOutput>], pairs: &[Label], people: &[&String]) -> (Metrics, Metrics, String) {
    let default = fitted_core::select::default_config();
    let default_index = cands.iter().position(|(_, c)| *c == default).unwrap_or(0);
    let score = |c: usize, idx: &[usize]| {
        metrics_of(&idx.iter().map(|&i| &rows[c][i]).collect::<Vec<_>>(), &idx.iter().map(|&i| &pairs[i]).collect::<Vec<_>>())
    };
    // Ties go to the shipped default, then to the earlier candidate, so the choice is
    // deterministic and moves only when another setting does strictly better.
    let pick = |idx: &[usize]| {
        let order = std::iter::once(default_index).chain((0..cands.len()).filter(|&c| c != default_index));
        order.fold(None, |b: Option<(usize, f64)>, c| {
            let o = objective(&score(c, idx));
            match b {
                Some((_, bo)) if o <= bo + 1e-12 => b,
                _ => Some((c, o)),
            }
        })
        .map_or(default_index, |(c, _)| c)
    };
    println!();
    println!("{name}: {} settings", cands.len());
    println!("{:<28} {:<16} {:>6} {:>6}   (chosen on the other résumés)", "held-out résumé", "chosen", "F1", "mustC");
    let mut held_out: HashMap<usize, usize> = HashMap::new(); // pair → chosen candidate
    for person in people {
        let train: Vec<usize> = (0..pairs.len()).filter(|&i| &pairs[i].resume != *person).collect();
        let test: Vec<usize> = (0..pairs.len()).filter(|&i| &pairs[i].resume == *person).collect();
        let best = pick(&train);
        let m = score(best, &test);
        println!("{:<28} {:<16} {:>6.3} {:>6.3}", person.trim_end_matches(".json"), cands[best].0, m.selection_f1, m.must_coverage);
        for i in test {
            held_out.insert(i, best);
        }
    }
    let all: Vec<usize> = (0..pairs.len()).collect();
    let on_all = pick(&all);
    println!("{:<28} {:<16}   (the setting the same choice makes on every résumé)", "all résumés", cands[on_all].0);
    for (c, (cname, _)) in cands.iter().enumerate() {
        let m = score(c, &all);
        let mark = if c == default_index { " (shipped default)" } else { "" };
        println!("in-sample {cname:<16} F1 {:.3}  mustC {:.3}  redundant {}{mark}", m.selection_f1, m.must_coverage, m.redundant_pairs);
    }
    let cv = metrics_of(&all.iter().map(|&i| &rows[held_out[&i]][i]).collect::<Vec<_>>(), &pairs.iter().collect::<Vec<_>>());
    let shipped = score(default_index, &all);
    println!(
        "{name} cross-validated (leave one résumé out): F1 {:.3}  mustC {:.3}  redundant {}; shipped default in-sample: F1 {:.3}  mustC {:.3}",
        cv.selection_f1, cv.must_coverage, cv.redundant_pairs, shipped.selection_f1, shipped.must_coverage
    );
    (cv, shipped, cands[on_all].0.clone())
}

pub fn eval_cv(dir: &Path) -> Result<(), CliError> {
    let (pairs, resumes, jobs) = load_labelled(dir)?;
    let as_of = latest_month(resumes.values());
    let groups = groups();
    let embedder = fitted_core::embed::LexicalEmbedder::default();
    let opts = fitted_core::pipeline::Options::default();
    let mut ts = fitted_typeset::Typesetter::new();
    // Each distinct setting runs once: configs[k] and outputs[k][pair].
    let mut configs: Vec<SelectionConfig> = vec![fitted_core::select::default_config()];
    for (_, cands) in &groups {
        for (_, c) in cands {
            if !configs.contains(c) {
                configs.push(c.clone());
            }
        }
    }
    let mut outputs: Vec<Vec<PairOutput>> = Vec::new();
    // Each pair's fit parts (fit does not depend on selection: read from the shipped setting).
    let mut parts: Vec<FitComponents> = Vec::new();
    for (k, config) in configs.iter().enumerate() {
        eprintln!("cv: running {} pairs with setting {} of {}…", pairs.len(), k + 1, configs.len());
        let mut row = Vec::new();
        for label in &pairs {
            let doc: &JsonResume = &resumes[&label.resume];
            let job_text = &jobs[&label.job];
            let mut out = eval::run_engine(&label.resume, doc, &label.job, job_text, &embedder, &opts);
            let run = app_run(&mut ts, doc, job_text, as_of, fitted_core::render_source::DEFAULT_TEMPLATE, Some(config.clone()))
                .map_err(|e| CliError::Input(format!("{} × {}: {e}", label.resume, label.job)))?;
            let plan = &run.selection.plan;
            out.selected = plan.selected.work_experience.iter().chain(&plan.selected.projects).map(|s| s.source_path.clone()).collect();
            out.fit = run.selection.fit.fit_score as f64;
            if k == 0 {
                parts.push(run.selection.fit.components.clone());
            }
            row.push(out);
        }
        outputs.push(row);
    }
    let mut people: Vec<&String> = pairs.iter().map(|p| &p.resume).collect();
    people.sort();
    people.dedup();
    let mut summary = serde_json::Map::new();
    let mut first: Option<(Metrics, Metrics)> = None;
    for (name, cands) in &groups {
        let rows: Vec<&Vec<PairOutput>> = cands.iter().map(|(_, c)| &outputs[configs.iter().position(|x| x == c).unwrap_or(0)]).collect();
        let (cv, shipped, chosen) = cv_group(name, cands, &rows, &pairs, &people);
        summary.insert(
            name.to_string(),
            serde_json::json!({
                "cv": { "selection_f1": cv.selection_f1, "must_coverage": cv.must_coverage, "redundant_pairs": cv.redundant_pairs },
                "default": { "selection_f1": shipped.selection_f1, "must_coverage": shipped.must_coverage },
                "chosen_on_all": chosen,
                "candidates": cands.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(),
            }),
        );
        first.get_or_insert((cv, shipped));
    }
    let (cv, default_m) = first.unwrap_or_default();
    let (fit_cv, fit_shipped) = cv_fit_weights(&pairs, &outputs[0], &parts, &people);
    println!("fit weights cross-validated (leave one résumé out): Spearman {fit_cv:.3}; shipped weights in-sample: {fit_shipped:.3}");
    // `cv`, `default` and `candidates` are the per-role caps' (the first group), as before.
    let v = serde_json::json!({
        "cv": { "selection_f1": cv.selection_f1, "must_coverage": cv.must_coverage, "fit_spearman": cv.fit_spearman, "pairs": cv.pairs },
        "default": { "selection_f1": default_m.selection_f1, "must_coverage": default_m.must_coverage, "fit_spearman": default_m.fit_spearman },
        "candidates": groups[0].1.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(),
        "groups": summary,
        "fit_weights": { "cv_fit_spearman": fit_cv, "shipped_fit_spearman": fit_shipped, "weightings": fit_candidates().len() },
    });
    println!("{}", serde_json::to_string(&v).unwrap_or_default());
    Ok(())
}
