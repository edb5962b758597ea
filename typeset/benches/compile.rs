//! Native compile times per template and PDF sizes.
//!
//!     cargo bench -p fitted-typeset --bench compile
//!
//! Prints, for each template: the cold time (a fresh process builds a `Typesetter` and
//! renders once, as the worker's first request does), then criterion's warm figures (the
//! same résumé again, and the résumé with one bullet changed, as when a user edits), and
//! the PDF size of every fixture.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use criterion::{criterion_group, Criterion};
use fitted_core::resume::JsonResume;
use fitted_typeset::{repo_fallback_font_dir, templates, LayoutOptions, Typesetter};

const COLD_ENV: &str = "FITTED_BENCH_COLD_TEMPLATE";

fn fixture(name: &str) -> JsonResume {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/resumes")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("fixture is JSON Resume")
}

/// Runs in a child process: one cold render, timings on stdout.
fn cold(template: &str) {
    let doc = fixture("daniel-achterberg");
    let start = Instant::now();
    let typesetter = Typesetter::new();
    let setup = start.elapsed();
    let rendered = typesetter
        .render(&doc, template, &LayoutOptions::default())
        .expect("renders");
    let first = start.elapsed() - setup;
    let again = Instant::now();
    typesetter
        .render(&doc, template, &LayoutOptions::default())
        .expect("renders");
    let second = again.elapsed();
    println!(
        "{template:8} cold: Typesetter::new {:6.1} ms, first render {:6.1} ms, second render {:5.1} ms ({} pages, {} KB)",
        setup.as_secs_f64() * 1e3,
        first.as_secs_f64() * 1e3,
        second.as_secs_f64() * 1e3,
        rendered.page_count,
        rendered.pdf.len() / 1024
    );
}

fn cold_in_fresh_processes() {
    let exe = std::env::current_exe().expect("bench executable");
    for template in templates() {
        let out = Command::new(&exe)
            .env(COLD_ENV, template.name)
            .output()
            .expect("child runs");
        print!("{}", String::from_utf8_lossy(&out.stdout));
    }
}

fn pdf_sizes() {
    let mut typesetter = Typesetter::new();
    let names = [
        "daniel-achterberg",
        "ines-marchetti",
        "lorena-baptiste",
        "marisol-quintero",
        "mateo-lindqvist",
        "edge_cases",
    ];
    for template in templates() {
        let mut line = format!("{:8} PDF size:", template.name);
        for name in names {
            let doc = fixture(name);
            typesetter
                .add_fallback_fonts_from_dir(&doc, &repo_fallback_font_dir())
                .expect("fallback fonts");
            let r = typesetter
                .render(&doc, template.name, &LayoutOptions::default())
                .expect("renders");
            line.push_str(&format!(
                " {name} {} KB/{}p;",
                r.pdf.len() / 1024,
                r.page_count
            ));
        }
        println!("{line}");
    }
}

fn warm(c: &mut Criterion) {
    let typesetter = Typesetter::new();
    let doc = fixture("daniel-achterberg");
    let mut group = c.benchmark_group("render");
    group.sample_size(20);
    for template in templates() {
        group.bench_function(format!("{}/same", template.name), |b| {
            b.iter(|| {
                typesetter
                    .render(&doc, template.name, &LayoutOptions::default())
                    .expect("renders")
            })
        });
        let mut n = 0u64;
        group.bench_function(format!("{}/edited", template.name), |b| {
            b.iter(|| {
                n += 1;
                let mut edited = doc.clone();
                if let Some(w) = edited.work.as_mut().and_then(|w| w.first_mut()) {
                    if let Some(h) = w.highlights.as_mut().and_then(|h| h.first_mut()) {
                        h.push_str(&format!(" (edit {n})"));
                    }
                }
                typesetter
                    .render(&edited, template.name, &LayoutOptions::default())
                    .expect("renders")
            })
        });
    }
    group.finish();
    let start = Instant::now();
    let outcome = typesetter
        .fit_to_one_page(&doc, "classic", fitted_typeset::Paper::UsLetter)
        .expect("fits or reports");
    println!(
        "fit_to_one_page(classic, daniel-achterberg): {:.1} ms, {:?}",
        start.elapsed().as_secs_f64() * 1e3,
        outcome.summary()
    );
}

criterion_group!(benches, warm);

fn main() {
    if let Ok(template) = std::env::var(COLD_ENV) {
        cold(&template);
        return;
    }
    cold_in_fresh_processes();
    pdf_sizes();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
