//! How long the sentence encoder takes natively: every bullet of the labelled
//! résumés (both folders) encoded once. Needs the model file:
//!
//!     bash scripts/data/sentence_model.sh   (writes target/sentence-model.safetensors)
//!     cargo run --release -p fitted-core --features sentence --example sentence_speed

fn main() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let bytes = std::fs::read(format!("{root}/target/sentence-model.safetensors")).expect("make it with bash scripts/data/sentence_model.sh");
    let t = std::time::Instant::now();
    let model = fitted_core::sentence::SentenceModel::parse(&bytes).expect("model parses");
    println!("load: {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);
    let mut texts = Vec::new();
    for dir in ["tests/fixtures/resumes", "tests/other-fields/resumes"] {
        for e in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
            let v: serde_json::Value = serde_json::from_slice(&std::fs::read(e.unwrap().path()).unwrap()).unwrap();
            for sec in ["work", "projects"] {
                for entry in v[sec].as_array().into_iter().flatten() {
                    texts.extend(entry["highlights"].as_array().into_iter().flatten().filter_map(|h| h.as_str().map(String::from)));
                }
            }
        }
    }
    let tokens: usize = texts.iter().map(|t| model.tokenize(t).len()).sum();
    let t = std::time::Instant::now();
    for text in &texts {
        std::hint::black_box(model.encode(text));
    }
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    println!("{} bullets ({tokens} tokens): {ms:.0} ms, {:.1} ms per bullet", texts.len(), ms / texts.len() as f64);
}
