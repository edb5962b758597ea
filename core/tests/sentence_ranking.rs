//! The sentence encoder in the pipeline: installed, it changes how bullets rank for a far
//! job (not fit, and nothing for a near job), the plan names it, a far job without it says
//! it needs it, and any pasted text goes through it without a panic. One test function,
//! because the installed model is process-wide state. The model file is made at set-up
//! (`bash scripts/data/sentence_model.sh`).
#![cfg(feature = "sentence")]

use fitted_core::embed::LexicalEmbedder;
use fitted_core::pipeline::{self, Options};
use fitted_core::select::relevance;
use fitted_core::resume::JsonResume;
use fitted_core::sentence::{self, SentenceModel};

const JOB: &str = "Dental Hygienist\n\nWhat you'll do\n- Take diagnostic radiographs while following radiation safety rules\n- Chart periodontal findings for the dentist\n- Negotiate vendor contracts for the office\n";

fn resume() -> JsonResume {
    serde_json::from_value(serde_json::json!({
        "basics": {"name": "Test Person"},
        "work": [{"name": "Clinic", "position": "Hygienist", "startDate": "2020-01", "highlights": [
            "Shot bitewings and full-mouth x-ray series on 8 patients a day, wearing a dosimetry badge",
            "Cleaned the break room every Friday",
            "Organised the holiday party for 20 staff"
        ]}]
    }))
    .unwrap()
}

#[test]
fn the_encoder_reranks_far_jobs_only_and_the_plan_says_so() {
    let doc = resume();
    let e = LexicalEmbedder::default();
    sentence::uninstall();
    let without = pipeline::analyze(&doc, JOB, &e, &Options::default());
    assert!(!without.plan.embedding_model.contains(sentence::MODEL_NAME));
    assert!(without.fit.fit_score <= relevance::SENTENCE_FIT_MAX, "fit {}: the test needs a far job", without.fit.fit_score);
    assert!(without.sentence_model_needed, "a far job without the model says it needs it");

    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../target").into());
    let path = format!("{target}/sentence-model.safetensors");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}; make it with bash scripts/data/sentence_model.sh"));
    sentence::install(SentenceModel::parse(&bytes).unwrap());
    let with = pipeline::analyze(&doc, JOB, &e, &Options::default());
    assert!(with.plan.embedding_model.ends_with(&format!("+{}", sentence::MODEL_NAME)), "{}", with.plan.embedding_model);
    assert!(relevance::ranked_with_sentences(&with.plan.embedding_model) && !relevance::ranked_with_sentences(&without.plan.embedding_model));
    assert!(!with.sentence_model_needed);

    // The x-ray bullet shares almost no words with "take diagnostic radiographs…": the
    // encoder lifts its rank score; the break-room bullet gains far less.
    let xray_gain = with.rank[0] - without.rank[0];
    let chores_gain = with.rank[1] - without.rank[1];
    assert!(xray_gain > 0.05, "x-ray bullet {} → {}", without.rank[0], with.rank[0]);
    assert!(xray_gain > chores_gain + 0.03, "x-ray +{xray_gain}, chores +{chores_gain}");
    // Fit reads relevance without the encoder: the job list and the run agree.
    assert_eq!(with.fit, without.fit);
    // A lexical-only run ignores it.
    let lexical = pipeline::analyze(&doc, JOB, &e, &Options { lexical_only: true, ..Default::default() });
    assert!(!lexical.plan.embedding_model.contains(sentence::MODEL_NAME));
    // Above the gate, nothing changes: the same ranking and plan as without the model.
    let near_job = format!("{JOB}- Shoot bitewings and full-mouth x-ray series on patients every day\n- Wear a dosimetry badge\n");
    sentence::uninstall();
    let near_without = pipeline::analyze(&doc, &near_job, &e, &Options::default());
    sentence::install(SentenceModel::parse(&bytes).unwrap());
    let near_with = pipeline::analyze(&doc, &near_job, &e, &Options::default());
    assert!(near_with.fit.fit_score > relevance::SENTENCE_FIT_MAX, "fit {}: the test needs a near job", near_with.fit.fit_score);
    assert_eq!((near_with.rank.clone(), near_with.plan.clone()), (near_without.rank.clone(), near_without.plan.clone()));
    assert!(!near_without.sentence_model_needed);

    // Pasted text of any shape goes through the encoder.
    let enc = sentence::active().unwrap();
    for text in [
        "",
        "\u{200f}مرحبا\u{200e} RTL marks",
        "e\u{301}\u{301}\u{301} combining",
        "İstanbul ΩΩ K ẞ",
        "👩🏽‍⚕️🇺🇸 emoji",
        &"x".repeat(5000),
        &"word, ".repeat(3000),
        "\u{0}\u{fffd}\t\r\n",
        "李雷和韩梅梅 🍜",
    ] {
        let v = enc.vector(text);
        assert_eq!(v.len(), 384);
        assert!(v.iter().all(|x| x.is_finite()), "{text:?}");
    }
    sentence::uninstall();
}
