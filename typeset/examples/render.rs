//! Renders a JSON Resume file to PDF (and writes the Typst source beside it), loading the
//! on-demand fonts it needs from the repository's `public/fonts/`:
//!
//!     cargo run -p fitted-typeset --example render -- resume.json out.pdf [template] [step|fit]

use fitted_typeset::{repo_fallback_font_dir, LayoutOptions, Paper, Typesetter};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(output)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: render <resume.json> <out.pdf> [template] [step|fit]");
        std::process::exit(2);
    };
    let template = args.get(3).map(String::as_str).unwrap_or("classic");
    let doc: fitted_core::resume::JsonResume =
        serde_json::from_str(&std::fs::read_to_string(input)?)?;
    let mut typesetter = Typesetter::new();
    typesetter.add_fallback_fonts_from_dir(&doc, &repo_fallback_font_dir())?;
    let rendered = match args.get(4).map(String::as_str) {
        Some("fit") => {
            let outcome = typesetter.fit_to_one_page(&doc, template, Paper::UsLetter)?;
            eprintln!("fit: {:?}", outcome.summary());
            outcome.rendered
        }
        step => {
            let step = step.map(str::parse).transpose()?.unwrap_or(0);
            typesetter.render(
                &doc,
                template,
                &LayoutOptions {
                    step,
                    ..Default::default()
                },
            )?
        }
    };
    for warning in &rendered.warnings {
        eprintln!("{warning}");
    }
    std::fs::write(output, &rendered.pdf)?;
    std::fs::write(format!("{output}.typ"), &rendered.source)?;
    eprintln!(
        "{} page(s), {} bytes",
        rendered.page_count,
        rendered.pdf.len()
    );
    Ok(())
}
