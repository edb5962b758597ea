//! The whole no-LLM pipeline (evidence → rubric → relevance → selection → fit) never panics
//! on pasted text, and what it selects is always a bullet of the résumé it was given.
//!
//! Rubric and import have their own property tests; this one exists because the stages in
//! between (verb forms in evidence, word vectors, redundancy) see the same arbitrary text and
//! a panic there loses the user's run just as surely.

use fitted_core::embed::LexicalEmbedder;
use fitted_core::pipeline::{analyze, Options};
use fitted_core::resume::{Basics, JsonResume, Project, Skill, Work};
use proptest::prelude::*;

#[path = "support/prop_gate.rs"]
mod prop_gate;

/// Words that steer the stages into their rules, mixed with arbitrary characters.
fn phrase() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Led ".to_string()),
        Just("planned ".to_string()),
        Just("Organised ".to_string()),
        Just("cut p99 latency 40% ".to_string()),
        Just("5+ years of Python; SQL a plus ".to_string()),
        Just("z𞄄ed ééing ".to_string()),
        Just("Kubernetes, Terraform and AWS ".to_string()),
        Just("responsible for ".to_string()),
        "[a-zA-Z ,.;:()/&#+'’\\-0-9%$]{0,30}",
        prop::collection::vec(any::<char>().prop_filter("printable", |c| !c.is_control()), 0..12).prop_map(String::from_iter),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
}

fn date() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![Just("2019-06".to_string()), Just("2021".to_string()), Just("2030-01-01".to_string()), "[0-9a-z -]{0,10}",])
}

fn resume() -> impl Strategy<Value = JsonResume> {
    let work = (prop::option::of(phrase()), prop::option::of(phrase()), date(), date(), prop::collection::vec(phrase(), 0..5)).prop_map(
        |(name, position, start_date, end_date, highlights)| Work { name, position, start_date, end_date, highlights: Some(highlights), ..Default::default() },
    );
    let project = (prop::option::of(phrase()), prop::collection::vec(phrase(), 0..3))
        .prop_map(|(name, highlights)| Project { name, highlights: Some(highlights), ..Default::default() });
    let skill = prop::collection::vec(phrase(), 0..5).prop_map(|keywords| Skill { name: Some("Skills".into()), keywords: Some(keywords), ..Default::default() });
    (prop::collection::vec(work, 0..4), prop::collection::vec(project, 0..2), prop::collection::vec(skill, 0..2)).prop_map(|(work, projects, skills)| JsonResume {
        basics: Some(Basics { name: Some("Test Person".into()), ..Default::default() }),
        work: Some(work),
        projects: Some(projects),
        skills: Some(skills),
        ..Default::default()
    })
}

fn posting() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("Requirements:\n".to_string()),
        Just("Nice to have\n".to_string()),
        phrase().prop_map(|p| format!("- {p}\n")),
        phrase().prop_map(|p| format!("{p}\n")),
    ];
    prop::collection::vec(line, 0..15).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(prop_gate::config(120))]

    #[test]
    fn any_pasted_pair_runs_through_and_selects_only_its_own_bullets(doc in resume(), job in posting(), lexical_only in any::<bool>()) {
        let opts = Options { lexical_only, as_of: Some((2026, 11)), ..Default::default() };
        let a = analyze(&doc, &job, &LexicalEmbedder::default(), &opts);
        prop_assert!(a.rank.iter().all(|r| r.is_finite()));
        prop_assert!(a.fit.fit_score <= 100);
        let selected = a.plan.selected.work_experience.iter().chain(&a.plan.selected.projects);
        for s in selected {
            let b = a.bullets.iter().find(|b| b.bullet_id == s.bullet_id);
            prop_assert!(b.is_some(), "selected {} is not a bullet of the résumé", s.bullet_id);
            prop_assert_eq!(&b.unwrap().text, &s.original_text);
        }
    }
}
