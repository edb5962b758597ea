//! Long words (300-character tokens, long URLs, paths) wrap inside the margins instead of
//! running off the page, in every template, and read back whole.

use fitted_core::render_source::{templates, LayoutOptions};
use fitted_core::resume::{Basics, JsonResume, Work};

use crate::support::*;

/// Whether every glyph of `rendered` stays within the template's right margin.
fn check_inside_margins(rendered: &fitted_typeset::Rendered, template: &str) -> Result<(), String> {
    let layout = &rendered.layout;
    let options = LayoutOptions::default();
    let margin = fitted_core::render_source::template(template).map_err(|e| e.to_string())?.resolve(&options).margin_x_in * 72.0;
    if layout.text_right_pt <= layout.page_width_pt - margin + 0.5 {
        Ok(())
    } else {
        Err(format!(
            "{template}: text reaches {:.1} pt on a {:.1} pt page (right margin {margin} pt)",
            layout.text_right_pt, layout.page_width_pt
        ))
    }
}

#[test]
fn long_tokens_and_urls_stay_inside_the_margins() {
    let token: String = ('a'..='z').cycle().take(300).collect();
    let url = "https://git.example.com/organisation/repository/pull/123456?diff=split&whitespace=ignore&page=2#discussion_r987654321-and-a-very-long-anchor-name";
    let cjk: String = "李雷软件工程师上海科技有限公司"
        .chars()
        .cycle()
        .take(120)
        .collect();
    let doc = JsonResume {
        basics: Some(Basics {
            name: Some("Long Token Test".into()),
            url: Some(url.into()),
            email: Some(format!("{}@example.com", &token[..80])),
            ..Basics::default()
        }),
        work: Some(vec![Work {
            position: Some(token.clone()),
            name: Some(url.into()),
            highlights: Some(vec![
                format!("Token {token} end"),
                format!("See {url} for details"),
                format!("Path C:\\{}\\file.txt", token.replace('q', "\\")),
                cjk.clone(),
            ]),
            ..Work::default()
        }]),
        ..JsonResume::default()
    };
    for template in templates() {
        let rendered = typesetter()
            .render(&doc, template.name, &LayoutOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e}", template.name));
        check_inside_margins(&rendered, template.name).unwrap_or_else(|e| panic!("{e}"));
        let pdf = write_artifact(
            "pdf",
            &format!("long-tokens-{}.pdf", template.name),
            &rendered.pdf,
        );
        page_images(&pdf, &format!("long-tokens-{}", template.name));
        for (extractor, text) in [("pdftotext", pdftotext(&pdf)), ("pypdf", pypdf(&pdf))] {
            let context = format!("{} [{extractor}]", template.name);
            // Whole again once line breaks are ignored: no hyphen, space or marker inserted.
            let expected = [
                token.clone(),
                url.to_string(),
                format!("Token {token} end"),
                cjk.clone(),
            ];
            let all = normalize(&text);
            for want in &expected {
                assert!(
                    all.contains(&normalize(want)),
                    "{context}: {want:?} not found whole"
                );
            }
            // Each extracted line fits: no line is longer than a page line could hold.
            let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            assert!(
                longest < 140,
                "{context}: a {longest}-character line suggests no wrapping"
            );
        }
    }
}

/// The token the literal-text property test found running 57 pt off the page in the modern
/// template: letters, digits, `/`, `_`, `.` and `-` with no space (a path or an ID).
const FOUND_IN_CI: &str = "a000AaA#_q2D/EoT_HpW_nGZ-0L/_E/1_cFxDvQtMvI.0crr8_RQ99O_r1MH/7m_t6_13__Q3.Nf754Ch_EeD9D1_E/4_tFtW6qzz0_n8R/T/_qN6_yS04_AB_skswg6cYK_ICeHGA5X/EBI3DJKpzX_j.LGHo_blnYOdq4E77IC7wc_dPqtvjxxC3-z.s_7_E1IE3.zi_DQRmO2_T_D.h_W/.Ulw_93_uV_sN/X4_4_VhjaDC/M_8__jgLd__/__d_";

#[test]
fn the_token_found_in_ci_wraps_in_every_template() {
    for template in templates() {
        let doc = JsonResume {
            work: Some(vec![Work {
                position: Some("Engineer".into()),
                highlights: Some(vec![FOUND_IN_CI.into()]),
                ..Work::default()
            }]),
            ..JsonResume::default()
        };
        let rendered = typesetter()
            .render(&doc, template.name, &LayoutOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e}", template.name));
        check_inside_margins(&rendered, template.name).unwrap_or_else(|e| panic!("{e}"));
        let pdf = write_artifact("pdf", &format!("found-token-{}.pdf", template.name), &rendered.pdf);
        for (extractor, text) in [("pdftotext", pdftotext(&pdf)), ("pypdf", pypdf(&pdf))] {
            assert!(
                normalize(&text).contains(&normalize(FOUND_IN_CI)),
                "{} [{extractor}]: the token does not read back whole:\n{text}",
                template.name
            );
        }
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Space-free tokens: paths, URLs, IDs, hashes, runs of one punctuation mark, and words
    /// with no natural break point at all.
    fn token() -> impl Strategy<Value = String> {
        prop_oneof![
            1 => "[A-Za-z0-9./_?&=#%:-]{31,400}",
            1 => "[A-Z]{31,200}",
            1 => "[/._-]{31,120}",
            1 => "[A-Za-z0-9]{5,20}([./_-][A-Za-z0-9]{0,3}){10,60}",
            // The family of the case found in CI: "/" and "." before digits, where Unicode
            // allows no break on either side.
            3 => "[A-Za-z0-9_]{1,6}([./][0-9][A-Za-z0-9_]{0,6}){20,60}",
        ]
    }

    proptest! {
        // Layout only (no text extraction), so the gate can afford more cases than the
        // literal-text property.
        #![proptest_config(crate::prop_gate::config(60))]

        #[test]
        fn any_token_stays_inside_the_margins(tok in token(), before in "[a-z]{0,12}", template in prop::sample::select(vec!["classic", "modern", "compact"])) {
            let bullet = if before.is_empty() { tok.clone() } else { format!("{before} {tok}") };
            let doc = JsonResume {
                work: Some(vec![Work { position: Some(tok.clone()), highlights: Some(vec![bullet]), ..Work::default() }]),
                ..JsonResume::default()
            };
            let rendered = typesetter().render(&doc, template, &LayoutOptions::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            if let Err(e) = check_inside_margins(&rendered, template) {
                prop_assert!(false, "{} for {:?}", e, tok);
            }
        }
    }
}
