//! How many Typst layouts a whole run costs, natively, over every fixture résumé × posting ×
//! template (US Letter, the app's path through the run driver):
//!
//!     cargo bench -p fitted-typeset --bench run_layouts
//!
//! Each layout is a full compile (about 10 ms natively, 30 ms in the browser), and the
//! one-page search is where a run's time goes, so this count is what the search order is
//! judged by. Prints, per run, the layouts of each render and its answer (`over`, or the
//! step that fits), then the totals and the time spent rendering.

use std::path::Path;
use std::time::Instant;

use fitted_core::protocol::{Request, Response};
use fitted_core::resume::JsonResume;
use fitted_core::run::{Driver, RunSpec, Step, Stored};
use fitted_typeset::{engine, templates, Typesetter};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut resumes: Vec<_> = std::fs::read_dir(root.join("resumes")).expect("fixtures").map(|e| e.expect("entry").path()).collect();
    resumes.retain(|p| p.file_stem().is_some_and(|s| s != "edge_cases"));
    resumes.sort();
    let mut jobs: Vec<_> = std::fs::read_dir(root.join("jobs")).expect("fixtures").map(|e| e.expect("entry").path()).collect();
    jobs.sort();
    let mut ts = Typesetter::new();
    let (mut runs, mut renders, mut layouts, mut render_ms) = (0, 0, 0u32, 0.0);
    for resume in &resumes {
        let doc: JsonResume = serde_json::from_str(&std::fs::read_to_string(resume).expect("résumé")).expect("JSON Resume");
        for job in &jobs {
            let job_text = std::fs::read_to_string(job).expect("posting");
            for template in templates() {
                let spec = RunSpec {
                    document: doc.clone(),
                    job_text: job_text.clone(),
                    job_hash: String::new(),
                    as_of: Some((2026, 11)),
                    template: template.name.to_string(),
                    paper: Default::default(),
                    page_images: None,
                    config: None,
                    pinned: Vec::new(),
                    excluded: Vec::new(),
                };
                let mut driver = Driver::new(spec, Stored::default());
                let mut line = String::new();
                loop {
                    let request = match driver.next() {
                        Step::Done => break,
                        // Typesetting is measured here, not ranking: far jobs rank by shared words.
                        Step::LoadSentenceModel => {
                            driver.sentence_model_loaded(fitted_core::run::ModelLoad::Failed("not measured here".into()));
                            continue;
                        }
                        Step::Call { request, .. } => request,
                    };
                    let is_render = matches!(request, Request::Render { .. });
                    let t = Instant::now();
                    let response = engine::perform(&mut ts, request, &|| 0.0, &mut |_, _, _| {}).expect("engine answers");
                    if is_render {
                        render_ms += t.elapsed().as_secs_f64() * 1e3;
                        renders += 1;
                    }
                    if let Response::Rendered(o) = &response {
                        layouts += o.layouts;
                        let answer = if o.fits_one_page { format!("fits at {}", o.layout.step) } else { format!("over {}", o.lines_over) };
                        line += &format!(" [{} layouts, {answer}]", o.layouts);
                    }
                    driver.apply(response).expect("driver accepts");
                }
                runs += 1;
                let name = |p: &Path| p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                println!("{} × {} × {}:{line}", name(resume), name(job), template.name);
            }
        }
    }
    println!(
        "{runs} runs, {renders} renders, {layouts} layouts ({:.2} per run), {render_ms:.0} ms rendering ({:.1} ms per run)",
        f64::from(layouts) / runs as f64,
        render_ms / runs as f64
    );
}
