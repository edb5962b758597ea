//! Long words (300-character tokens, long URLs, paths) wrap inside the margins instead of
//! running off the page, in every template, and read back whole.

use fitted_core::render_source::{templates, LayoutOptions};
use fitted_core::resume::{Basics, JsonResume, Work};

use crate::support::*;

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
        let layout = &rendered.layout;
        let margin = template.resolve(&LayoutOptions::default()).margin_x_in * 72.0;
        assert!(
            layout.text_right_pt <= layout.page_width_pt - margin + 0.5,
            "{}: text reaches {:.1} pt on a {:.1} pt page (right margin {margin} pt)",
            template.name,
            layout.text_right_pt,
            layout.page_width_pt
        );
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
