//! Bundled fonts: every file parses, families match what templates and fallbacks name, the
//! embedded payload stays small, and exported sources compile with nothing but these fonts.

use fitted_core::render_source::{self, fallback_fonts_for_text, LayoutOptions, FALLBACK_FONTS};
use fitted_typeset::{repo_fallback_font_dir, FontError, Typesetter, EMBEDDED_FONTS};

use crate::support::*;

#[test]
fn embedded_fonts_parse_and_stay_small() {
    let typesetter = Typesetter::new();
    let families = typesetter.families();
    for family in ["Libertinus Serif", "Inter", "Noto Sans Hebrew"] {
        assert!(
            families.iter().any(|f| f == family),
            "{family} missing from {families:?}"
        );
    }
    let total: usize = EMBEDDED_FONTS.iter().map(|f| f.data.len()).sum();
    for font in EMBEDDED_FONTS {
        println!("embedded {:32} {:>8} bytes", font.file, font.data.len());
    }
    println!("embedded total {total} bytes");
    // The worker downloads these with Typst: keep them lean (subset.sh explains how).
    assert!(total < 700_000, "embedded fonts grew to {total} bytes");
}

#[test]
fn on_demand_fonts_exist_and_name_the_families_templates_use() {
    for font in FALLBACK_FONTS {
        let path = repo_fallback_font_dir().join(font.file);
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut typesetter = Typesetter::new();
        let added = typesetter.add_font(data.clone()).expect("parses");
        assert_eq!(added, vec![font.family.to_string()], "{}", font.file);
        assert!(typesetter.has_family(font.family));
        // Adding the same file again changes nothing.
        assert!(typesetter.add_font(data).expect("parses").is_empty());
        for template in render_source::templates() {
            let source = render_source::typst_source(
                &fitted_core::resume::JsonResume::default(),
                template.name,
                &LayoutOptions::default(),
            )
            .expect("source");
            assert!(
                source.contains(&format!("\"{}\"", font.family)),
                "{} names {}",
                template.name,
                font.family
            );
        }
        println!(
            "on demand {:32} {:>8} bytes",
            font.file,
            std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
        );
    }
}

#[test]
fn garbage_is_not_a_font() {
    let mut typesetter = Typesetter::new();
    let err = typesetter.add_font(b"not a font".to_vec()).unwrap_err();
    assert_eq!(err, FontError::Unreadable { size: 10 });
    assert!(err.to_string().contains("reload the page"), "{err}");
    assert!(typesetter.add_font(Vec::new()).is_err());
}

#[test]
fn scripts_render_with_real_glyphs() {
    // One sample per script; each must use a real glyph once its fallback is loaded.
    let samples = [
        "Zoë Ñúñez-Østergaard, Łódź, Crème brûlée, Nguyễn Thị Minh Khai, İstanbul, Ærø",
        "Ωμέγα Ελληνικά, Привет мир, Україна, Београд",
        "שלום עולם",
        "مرحبا بالعالم، فارسی",
        "李雷 软件工程师 上海, 東京 日本語 カタカナ ひらがな, 서울 한국어, 臺灣 繁體",
        "🚀 ✨ ✅ ❌ ⚠️ 🐛 👍🏽 🇩🇰 ☕ 🏆 👩‍💻",
        "“quotes” ‘single’ – — … • € £ ¥ ₹ ™ © ® ° ± × ÷ → ≈ ≤ ≥ № ✓",
    ];
    for template in render_source::templates() {
        for sample in samples {
            let doc: fitted_core::resume::JsonResume = serde_json::from_value(serde_json::json!({
                "basics": {"name": "Script test", "summary": sample}
            }))
            .expect("resume");
            let needed = fallback_fonts_for_text([sample]);
            let mut typesetter = Typesetter::new();
            typesetter
                .add_fonts_from_dir(&needed, &repo_fallback_font_dir())
                .expect("fonts");
            let rendered = typesetter
                .render(&doc, template.name, &LayoutOptions::default())
                .expect("renders");
            assert!(
                rendered.layout.missing_glyphs.is_empty(),
                "{}: no glyph for {:?} in {sample:?}",
                template.name,
                rendered.layout.missing_glyphs
            );
            let pdf = write_artifact(
                "pdf",
                &format!("script-{}.pdf", template.name),
                &rendered.pdf,
            );
            let text = pdftotext(&pdf);
            check_clean_extraction(&text, sample).unwrap();
            check_in_order(
                &text,
                &[sample.to_string()],
                &format!("{} {sample}", template.name),
            )
            .unwrap();
        }
    }
}

#[test]
fn exported_source_compiles_standalone() {
    // An exported .typ sees exactly this world: its own text and the bundled fonts.
    let doc = fixture("edge_cases");
    let dir = artifacts("export");
    for template in render_source::templates() {
        let source = render_source::typst_source(&doc, template.name, &LayoutOptions::default())
            .expect("source");
        std::fs::write(dir.join(format!("{}.typ", template.name)), &source).expect("write");
        let rendered = typesetter().compile(source).expect("compiles standalone");
        assert!(rendered.page_count >= 1);
        assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
    }
}
