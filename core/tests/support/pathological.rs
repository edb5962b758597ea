//! Import inputs at the size limit built to hit slow paths: one huge line, only blank lines,
//! only bullets, only headings, a JSON file of 200 000 numbers to convert, deep nesting.
//! The tests check they import correctly; `cargo bench -p fitted-core --bench import` times
//! them (timing belongs in a bench, where a slow machine cannot fail the gate).
//! Each test file includes it and uses part of it, so unused items are expected.
#![allow(dead_code)]

use fitted_core::import::{MAX_JSON_BYTES, MAX_TEXT_BYTES};

pub fn inputs() -> Vec<(&'static str, String)> {
    let limit = MAX_TEXT_BYTES - 16;
    vec![
        ("one line", "word, 2019 – 2020 | Acme Inc. ".repeat(limit / 40)),
        ("blank lines", format!("Jane{}x", "\n".repeat(limit - 8))),
        ("bullets", "• x\n".repeat(limit / 6)),
        ("headings", "SKILLS\nEXPERIENCE\n".repeat(limit / 20)),
        ("numbers", format!("{{\"work\": [{{\"highlights\": [{}1]}}]}}", "1, ".repeat((MAX_JSON_BYTES - 64) / 3))),
        ("deep", format!("{{\"basics\": {{}}, \"x-deep\": {}1{}}}", "[".repeat(120), "]".repeat(120))),
    ]
}

/// About a megabyte of a messy PDF paste, repeated.
pub fn megabyte_paste() -> String {
    let one = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures_import/messy_pdf.txt"))
        .expect("core/tests/fixtures_import/messy_pdf.txt");
    let mut text = String::new();
    while text.len() < 1_000_000 {
        text.push_str(&one);
    }
    text
}
