//! Engine speed: `cargo bench -p fitted-core`. Prints criterion's figures for the sizes
//! the issue names (selection 400 bullets × 40 requirements, rubric extraction per posting,
//! fit ranking of 10,000 postings with their rubrics prepared as the app caches them,
//! evidence scoring of 400 bullets).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use fitted_core::embed::{Embedder, LexicalEmbedder};
use fitted_core::pipeline::{self, PreparedJob, PreparedResume};
use fitted_core::resume::{JsonResume, Work};
use fitted_core::{evidence, import, rubric, select};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures");

fn resumes() -> Vec<JsonResume> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(format!("{FIXTURES}/resumes")).unwrap() {
        let p = e.unwrap().path();
        v.push(serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap());
    }
    v
}

fn jobs() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(format!("{FIXTURES}/jobs"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    v.sort();
    v
}

/// A 400-bullet résumé: every fixture bullet, spread over 20 roles, repeated with numbers
/// changed so no two are identical.
fn big_resume() -> JsonResume {
    let all: Vec<String> = resumes().iter().flat_map(|r| import::bullets(r).into_iter().map(|b| b.text)).collect();
    let mut work = Vec::new();
    let mut k = 0;
    for role in 0..20 {
        let mut h = Vec::new();
        for _ in 0..20 {
            h.push(format!("{} ({} sites)", all[k % all.len()], k));
            k += 1;
        }
        work.push(Work {
            name: Some(format!("Company {role}")),
            position: Some(format!("Role {role}")),
            start_date: Some(format!("{}-01", 2024 - role)),
            highlights: Some(h),
            ..Default::default()
        });
    }
    JsonResume { work: Some(work), ..Default::default() }
}

/// A 40-requirement rubric: the requirements of several postings together.
fn big_rubric() -> fitted_core::model::JdRubric {
    let mut r = rubric::extract_rubric(&jobs()[0]);
    for t in jobs().iter().skip(1) {
        r.requirements.extend(rubric::extract_rubric(t).requirements);
        if r.requirements.len() >= 40 {
            break;
        }
    }
    r.requirements.truncate(40);
    for (k, q) in r.requirements.iter_mut().enumerate() {
        q.req_id = format!("R{}", k + 1);
    }
    r
}

fn bench(c: &mut Criterion) {
    let embedder = LexicalEmbedder::default();
    let doc = big_resume();
    let bullets = import::bullets(&doc);
    assert_eq!(bullets.len(), 400);
    let ev = evidence::score_bullets(&bullets);
    let rubric = big_rubric();
    assert_eq!(rubric.requirements.len(), 40);
    let texts: Vec<&str> = bullets.iter().map(|b| b.text.as_str()).collect();
    let bvecs = embedder.embed(&texts);
    let rvecs = pipeline::requirement_vectors(&rubric, &embedder);
    let sem = fitted_core::semvec::bundled();
    let rel = select::relevance::relevance_matrix(&bullets, &bvecs, &rubric, &rvecs, Some(sem));
    let rank = select::relevance::rank_scores(&rel, &rubric, &ev);
    let sem_vecs: Vec<Vec<f32>> = bullets.iter().map(|b| sem.text_vector(&b.text)).collect();
    let config = select::default_config();
    let profiles: Vec<_> = bullets.iter().zip(&bvecs).map(|(b, v)| select::redundancy::profile(&b.text, v)).collect();

    c.bench_function("selection: 400 bullets x 40 requirements", |b| {
        b.iter(|| {
            select::select(&select::SelectionInput {
                resume: &doc,
                bullets: &bullets,
                evidence: &ev,
                bullet_vecs: &bvecs,
                rubric: &rubric,
                rel: &rel,
                rank: &rank,
                sem_vecs: &sem_vecs,
                profiles: &profiles,
                config: &config,
                pinned: &[],
                excluded: &[],
                master_resume_hash: "h",
                job_extracted_hash: "j",
                embedding_model: "m",
            })
        })
    });
    c.bench_function("relevance matrix: 400 bullets x 40 requirements", |b| {
        b.iter(|| select::relevance::relevance_matrix(&bullets, &bvecs, &rubric, &rvecs, Some(sem)))
    });

    let postings = jobs();
    c.bench_function("rubric extraction: one posting (mean of 12)", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % postings.len();
            rubric::extract_rubric(black_box(&postings[i]))
        })
    });

    c.bench_function("evidence scoring: 400 bullets", |b| b.iter(|| evidence::score_bullets(black_box(&bullets))));

    // Fit ranking: one résumé against 10,000 postings whose rubrics are prepared (cached).
    let prepared: Vec<PreparedJob> =
        postings.iter().map(|t| PreparedJob::new(rubric::extract_rubric(t), &embedder)).collect();
    let resume = PreparedResume::new(&resumes()[0], &embedder, None);
    let mut g = c.benchmark_group("fit ranking");
    g.sample_size(10);
    g.bench_function("10,000 postings against one résumé", |b| {
        b.iter(|| {
            let mut scores: Vec<u8> =
                (0..10_000).map(|i| resume.fit(&prepared[i % prepared.len()]).fit_score).collect();
            scores.sort_unstable();
            scores
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
