//! The trial sentence encoder in the pipeline: once installed it changes how bullets rank
//! (not fit), the plan names it, and any pasted text goes through it without a panic. One
//! test function, because the installed model is process-wide state. Needs the model file
//! (scripts/data/make_sentence_model.py): `cargo test -p fitted-core --features sentence
//! --test sentence_ranking -- --ignored`.
#![cfg(feature = "sentence")]

use fitted_core::embed::LexicalEmbedder;
use fitted_core::pipeline::{self, Options};
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
#[ignore = "needs target/sentence-model.safetensors (scripts/data/make_sentence_model.py)"]
fn the_encoder_reranks_bullets_and_the_plan_says_so() {
    let doc = resume();
    let e = LexicalEmbedder::default();
    sentence::uninstall();
    let without = pipeline::analyze(&doc, JOB, &e, &Options::default());
    assert!(!without.plan.embedding_model.contains(sentence::MODEL_NAME));

    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/sentence-model.safetensors")).expect("scripts/data/make_sentence_model.py");
    sentence::install(SentenceModel::parse(&bytes).unwrap());
    let with = pipeline::analyze(&doc, JOB, &e, &Options::default());
    assert!(with.plan.embedding_model.ends_with(&format!("+{}", sentence::MODEL_NAME)), "{}", with.plan.embedding_model);

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
