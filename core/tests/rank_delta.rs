//! Re-ranking saved jobs after an edit scores again only the jobs whose score can change,
//! and gives exactly the scores a ranker reading everything afresh gives.
//!
//! The ranker carries a job's score over from the previous résumé when the edit cannot
//! change it (see `rank::Ranker::rank`). A carried score that differs from a fresh one is a
//! wrong score shown to the user; so every case here compares the whole result, job by
//! job, with a fresh ranker's.

use fitted_core::rank::{JobToScore, RankedJob, Ranker};
use fitted_core::resume::JsonResume;
use proptest::prelude::*;

#[path = "support/prop_gate.rs"]
mod prop_gate;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures");
const AS_OF: Option<(i32, u32)> = Some((2026, 12));

fn resumes() -> Vec<JsonResume> {
    let mut paths: Vec<_> = std::fs::read_dir(format!("{DIR}/resumes")).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.iter().map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()).collect()
}

fn postings() -> Vec<JobToScore> {
    let mut paths: Vec<_> = std::fs::read_dir(format!("{DIR}/jobs"))
        .unwrap()
        .chain(std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/postings")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let text = std::fs::read_to_string(p).unwrap();
            JobToScore { job_id: format!("job-{i}"), job_hash: fitted_core::hash::hash_text(&text), text: Some(text), held: None }
        })
        .collect()
}

/// Every highlight of the résumé as (work index, highlight index).
fn highlights(doc: &JsonResume) -> Vec<(usize, usize)> {
    doc.work().iter().enumerate().flat_map(|(w, role)| (0..role.highlights.as_ref().map_or(0, Vec::len)).map(move |h| (w, h))).collect()
}

/// Kinds of edit a user makes to one bullet.
#[derive(Debug, Clone)]
enum Change {
    Append(&'static str),
    /// Take another bullet's words.
    CopyFrom(usize),
    DropLastWord,
    Replace(&'static str),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        prop_oneof![Just(" Cut p99 latency by a third."), Just(" (edit)"), Just(" with SQL and Python"), Just(" for 40 patients a day")].prop_map(Change::Append),
        (0usize..1000).prop_map(Change::CopyFrom),
        Just(Change::DropLastWord),
        prop_oneof![Just("Organised the team picnic."), Just("Led a migration to Kubernetes, cutting cloud spend 30%."), Just("")].prop_map(Change::Replace),
    ]
}

fn apply(doc: &JsonResume, edits: &[(usize, Change)]) -> JsonResume {
    let mut d = doc.clone();
    let spots = highlights(doc);
    let texts: Vec<String> = spots.iter().map(|&(w, h)| doc.work()[w].highlights.as_ref().unwrap()[h].clone()).collect();
    for (at, c) in edits {
        let (w, h) = spots[at % spots.len()];
        let role = &mut d.work.as_mut().unwrap()[w];
        let text = &mut role.highlights.as_mut().unwrap()[h];
        *text = match c {
            Change::Append(x) => format!("{text}{x}"),
            Change::CopyFrom(k) => texts[k % texts.len()].clone(),
            Change::DropLastWord => text.rsplit_once(' ').map_or(String::new(), |(a, _)| a.to_string()),
            Change::Replace(x) => x.to_string(),
        };
    }
    d
}

proptest! {
    #![proptest_config(prop_gate::config(48))]

    #[test]
    fn scores_after_an_edit_equal_a_fresh_ranking(which in 0usize..100, edits in prop::collection::vec((0usize..1000, change()), 1..4)) {
        let all = resumes();
        let doc = &all[which % all.len()];
        prop_assume!(!highlights(doc).is_empty());
        let jobs = postings();
        let by_hash: Vec<JobToScore> = jobs.iter().map(|j| JobToScore { text: None, ..j.clone() }).collect();
        let mut ranker = Ranker::new();
        ranker.rank(doc, jobs.clone(), AS_OF, true, &mut |_, _| {});
        let edited = apply(doc, &edits);
        let delta = ranker.rank(&edited, by_hash, AS_OF, true, &mut |_, _| {});
        let fresh = Ranker::new().rank(&edited, jobs.clone(), AS_OF, true, &mut |_, _| {});
        prop_assert_eq!(fresh.rescored as usize, jobs.len());
        prop_assert_eq!(&delta.jobs, &fresh.jobs);
        prop_assert_eq!(&delta.gaps, &fresh.gaps);
        // And a second edit on top of the first (what is kept was carried over once).
        let again = apply(&edited, &edits.iter().rev().map(|(a, c)| (a + 1, c.clone())).collect::<Vec<_>>());
        let delta2 = ranker.rank(&again, jobs.iter().map(|j| JobToScore { text: None, ..j.clone() }).collect(), AS_OF, true, &mut |_, _| {});
        let fresh2 = Ranker::new().rank(&again, jobs.clone(), AS_OF, true, &mut |_, _| {});
        prop_assert_eq!(&delta2.jobs, &fresh2.jobs);
    }
}

/// Not vacuous: over every fixture résumé and one small edit of each bullet, the jobs
/// scored again are fewer than all, and never fewer than the jobs whose result changed;
/// jobs sent with the score the caller holds come back as `unchanged` exactly when that
/// score still holds.
#[test]
fn a_small_edit_scores_again_only_some_jobs() {
    let jobs = postings();
    let by_hash: Vec<JobToScore> = jobs.iter().map(|j| JobToScore { text: None, ..j.clone() }).collect();
    let (mut rescored, mut changed, mut total) = (0, 0, 0);
    let sorted = |mut v: Vec<RankedJob>| {
        v.sort_by(|a, b| a.job_id.cmp(&b.job_id));
        v
    };
    for doc in resumes() {
        let mut ranker = Ranker::new();
        let first = ranker.rank(&doc, jobs.clone(), AS_OF, false, &mut |_, _| {});
        assert_eq!(first.rescored as usize, jobs.len());
        assert_eq!(ranker.rank(&doc, by_hash.clone(), AS_OF, false, &mut |_, _| {}).rescored, 0);
        let (mut last, mut last_hash) = (sorted(first.jobs), first.resume_hash);
        let mut current = doc.clone();
        for at in 0..highlights(&doc).len() {
            current = apply(&current, &[(at, Change::Append(" (edit)"))]);
            let held: Vec<JobToScore> = by_hash.iter().map(|j| JobToScore { held: Some(last_hash.clone()), ..j.clone() }).collect();
            let out = ranker.rank(&current, held, AS_OF, false, &mut |_, _| {});
            assert_eq!(out.jobs.len() + out.unchanged.len(), jobs.len());
            assert!(out.unchanged.len() <= jobs.len() - out.rescored as usize);
            let mut now = out.jobs.clone();
            now.extend(out.unchanged.iter().map(|id| last.iter().find(|l| &l.job_id == id).unwrap().clone()));
            let now = sorted(now);
            assert_eq!(now, sorted(Ranker::new().rank(&current, jobs.clone(), AS_OF, false, &mut |_, _| {}).jobs));
            let differ = now.iter().zip(&last).filter(|(a, b)| a.fit != b.fit).count();
            assert!(differ <= out.rescored as usize, "{differ} results changed, {} scored again", out.rescored);
            rescored += out.rescored as usize;
            changed += differ;
            total += jobs.len();
            (last, last_hash) = (now, out.resume_hash);
        }
    }
    eprintln!("one-bullet edits: {rescored} of {total} job scores computed again; {changed} changed");
    assert!(rescored < total, "{rescored} of {total}");
}
