//! Literal text: whatever a résumé field contains is shown as exactly those characters
//! (modulo whitespace and the invisible characters cleaned by design), never interpreted as
//! Typst markup or code, and never breaks compilation.

use fitted_core::render_source::{clean_line, LayoutOptions};
use fitted_core::resume::{JsonResume, Work};
use proptest::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::support::*;

const BEGIN: &str = "BEGINMARK";
const END: &str = "ENDMARK";

/// A résumé whose only bullet is `text`, fenced by marker strings.
fn resume_with_bullet(text: &str) -> JsonResume {
    JsonResume {
        work: Some(vec![Work {
            position: Some(BEGIN.into()),
            highlights: Some(vec![text.to_string(), END.to_string()]),
            ..Work::default()
        }]),
        ..JsonResume::default()
    }
}

/// Renders `text` as a bullet and checks both extractors show exactly it.
fn check_literal(text: &str, template: &str) -> Result<(), String> {
    let doc = resume_with_bullet(text);
    let rendered = typesetter()
        .render(&doc, template, &LayoutOptions::default())
        .map_err(|e| format!("render failed for {text:?}: {e}"))?;
    let tofu: Vec<char> = rendered.layout.missing_glyphs.clone();
    if !tofu.is_empty() {
        return Err(format!("no glyph for {tofu:?} in {text:?}"));
    }
    let layout = &rendered.layout;
    if layout.text_overflows_page() {
        return Err(format!("text runs off the page for {text:?}: {layout:?}"));
    }
    // Tests run in parallel: every check gets its own file.
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let path = write_artifact("pdf", &format!("literal-{template}-{n}.pdf"), &rendered.pdf);
    let expected = format!("•{}•", normalize(&clean_line(text)));
    for (extractor, extracted) in [("pdftotext", pdftotext(&path)), ("pypdf", pypdf(&path))] {
        check_clean_extraction(&extracted, extractor)?;
        let all = normalize(&extracted);
        let start = all
            .find(BEGIN)
            .ok_or(format!("{extractor}: no begin marker in {all:?}"))?;
        let end = all
            .rfind(END)
            .ok_or(format!("{extractor}: no end marker in {all:?}"))?;
        let shown = &all[start + BEGIN.len()..end];
        // pdftotext drops a hyphen that ends a line inside a block, taking it for
        // hyphenation; templates never break lines after a hyphen, but a bullet that itself
        // ends in "-" still ends its last line with one. pypdf must show it.
        let dehyphenated = expected.strip_suffix("-•").map(|e| format!("{e}•"));
        let tolerated = extractor == "pdftotext" && dehyphenated.as_deref() == Some(shown);
        if shown != expected && !tolerated {
            return Err(format!(
                "{extractor} shows {shown:?}\n         expected {expected:?}\n     for input {text:?}"
            ));
        }
    }
    Ok(())
}

/// Pieces of text an attacker, a LaTeX user or a copy-paste accident might produce.
fn atom() -> impl Strategy<Value = String> {
    let markup = prop::sample::select(vec![
        "#", "$", "@", "*", "_", "<", ">", "[", "]", "{", "}", "\\", "/", "\"", "'", "~", "^", "%",
        "&", "`", "=", "-", "--", "---", "+", "...", "//", "/*", "*/", "<-", "->", ":", ";", ",",
        "(", ")", "|",
    ])
    .prop_map(str::to_string);
    let snippets = prop::sample::select(vec![
        "#import \"x\"",
        "#import \"@preview/x:0.1.0\": *",
        "$x^2$",
        "$$",
        "#let a = 1",
        "#{panic()}",
        "#set text(red)",
        "#show: none",
        "[#link(\"x\")]",
        "<label>",
        "@ref",
        "= Heading",
        "- item",
        "+ item",
        "/ term: x",
        "```rust\nfn()```",
        "\\\\server\\share\\",
        "\\u{41}",
        "\\n",
        "\"unterminated",
        "]]]",
        "[[[",
        "}}}",
        "{{x}}",
        "${jndi:x}",
        "#{7*7}",
        "%s %d",
        "\\textbf{x}",
        "\\\\",
        "http://a.b/c?d=e&f=g#h",
        "C:\\Users\\zoë\\cv.tex",
        "Zoë Ñúñez",
        "Ωμέγα",
        "Привет",
        "李雷",
        "👍🏽",
        "🇩🇰",
        "👩\u{200D}💻",
        "a\u{200D}b",
        "x\u{200B}y",
        "no\u{00A0}break",
        "tab\there",
        "line\nbreak",
        "cr\r\nlf",
        "\u{7}\u{0}",
        "\u{1b}[31m",
        "\u{202E}gnp.exe",
        "\u{FEFF}",
        "\u{9F}",
        "soft\u{AD}hyphen",
    ])
    .prop_map(str::to_string);
    let word = "[A-Za-z0-9]{1,12}";
    let long_token = "[A-Za-z0-9./_-]{200,300}";
    prop_oneof![
        5 => markup,
        4 => snippets,
        4 => word.prop_map(|w| w),
        3 => Just(" ".to_string()),
        1 => long_token.prop_map(|t| t),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(atom(), 1..24).prop_map(|atoms| atoms.concat())
}

proptest! {
    // 36 fixed cases keep the test near half a minute in the gate; scripts/discover.sh
    // runs many random ones and records what fails in literal_text.proptest-regressions.
    #![proptest_config(ProptestConfig { max_shrink_iters: 64, ..crate::prop_gate::config(36) })]

    #[test]
    fn any_text_is_shown_literally(s in text(), template in prop::sample::select(vec!["classic", "modern", "compact"])) {
        // Blank after cleaning means nothing is shown: nothing to compare.
        prop_assume!(!clean_line(&s).is_empty());
        if let Err(e) = check_literal(&s, template) {
            prop_assert!(false, "{}", e);
        }
    }
}

#[test]
fn markup_lookalikes_are_literal_in_every_field_and_template() {
    let nasty = r#"#import "x": * $x^2$ [*b*] <l> @r \\ `c` {{t}} #{1+1} = H"#;
    for template in ["classic", "modern", "compact"] {
        check_literal(nasty, template).unwrap_or_else(|e| panic!("{template}: {e}"));
    }
    // The same text in every kind of field compiles and reads back.
    let doc: JsonResume = serde_json::from_value(serde_json::json!({
        "basics": {"name": nasty, "label": nasty, "email": nasty, "phone": nasty, "url": nasty,
                   "summary": nasty, "location": {"city": nasty},
                   "profiles": [{"network": nasty, "username": nasty}]},
        "work": [{"name": nasty, "position": nasty, "location": nasty, "startDate": nasty,
                  "summary": nasty, "highlights": [nasty]}],
        "education": [{"institution": nasty, "area": nasty, "studyType": nasty, "courses": [nasty]}],
        "skills": [{"name": nasty, "level": nasty, "keywords": [nasty]}],
        "languages": [{"language": nasty, "fluency": nasty}],
        "references": [{"name": nasty, "reference": nasty}]
    }))
    .expect("valid JSON Resume");
    for template in ["classic", "modern", "compact"] {
        let rendered = typesetter()
            .render(&doc, template, &LayoutOptions::default())
            .unwrap_or_else(|e| panic!("{template}: {e}"));
        let pdf = write_artifact("pdf", &format!("nasty-{template}.pdf"), &rendered.pdf);
        let text = normalize(&pdftotext(&pdf));
        let expected = normalize(&clean_line(nasty));
        let count = text.matches(&expected).count();
        assert!(
            count >= 20,
            "{template}: the text appears literally only {count} times"
        );
    }
}
