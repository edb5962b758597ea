//! Import speed on hostile inputs: `cargo bench -p fitted-core --bench import`. The tests
//! check that these inputs import correctly; how long they take is measured here, where a
//! slow machine cannot fail the test gate. Aim: each well under a second natively (the
//! worker runs the same code in the browser, about 2–3× slower).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use fitted_core::import::{import_any, parse_plain_text};

#[path = "../tests/support/pathological.rs"]
mod pathological;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("import at the size limit");
    g.sample_size(10);
    for (name, text) in pathological::inputs() {
        g.bench_function(name, |b| b.iter(|| import_any(None, black_box(&text)).map(|i| i.warnings.len())));
    }
    let paste = pathological::megabyte_paste();
    g.bench_function("1 MB messy PDF paste", |b| b.iter(|| parse_plain_text(black_box(&paste)).map(|i| i.warnings.len())));
    let big = "a".repeat(5 * 1024 * 1024);
    g.bench_function("5 MB refused on size", |b| b.iter(|| import_any(None, black_box(&big)).is_err()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
