//! The review's reason for a left-out bullet says what happened. A bullet kept out as a
//! restatement of a chosen one is either alike in words or meaning ("Says much the same as…")
//! or shows only requirements the chosen bullet already shows ("Shows only what…"); a bullet
//! that shows no requirement at all is "not relevant enough", never "the same as" some chosen
//! bullet it does not resemble (a robotics-club bullet was once called a restatement of a
//! teaching bullet). Checked over every labelled pair of the fixtures.

use fitted_core::embed::LexicalEmbedder;
use fitted_core::model::ReqType;
use fitted_core::pipeline::{analyze, Options};
use fitted_core::resume::JsonResume;

fn fixture(dir: &str, name: &str) -> String {
    let path = format!("{}/../tests/fixtures/{dir}/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn a_left_out_bullet_is_called_a_restatement_only_when_it_is_one() {
    let dir = format!("{}/../tests/fixtures/labels", env!("CARGO_MANIFEST_DIR"));
    let embedder = LexicalEmbedder::default();
    let (mut alike, mut nothing_new, mut irrelevant) = (0, 0, 0);
    let mut labels: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    labels.sort();
    for path in labels {
        let label: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let doc: JsonResume = serde_json::from_str(&fixture("resumes", label["resume"].as_str().unwrap())).unwrap();
        let job = fixture("jobs", label["job"].as_str().unwrap());
        let a = analyze(&doc, &job, &embedder, &Options { as_of: Some((2026, 12)), ..Default::default() });
        let t = &a.plan.config.thresholds;
        let covers = |i: usize| {
            a.rubric.requirements.iter().enumerate().any(|(r, q)| {
                a.rel[i][r] >= if q.req_type == ReqType::Must { t.must_min_rel } else { t.nice_min_rel }
            })
        };
        let notes = a.plan.selection_notes.clone().unwrap();
        let redundant = notes.dropped_due_to_redundancy.unwrap_or_default();
        let budget = notes.dropped_due_to_budget.unwrap_or_default();
        for (i, b) in a.bullets.iter().enumerate() {
            let Some(reason) = notes.reasons.get(&b.bullet_id) else { continue };
            let listed = redundant.contains(&b.bullet_id);
            let at = format!("{} × {}: {} — {reason}", label["resume"], label["job"], b.text);
            if reason.starts_with("Says much the same") {
                assert!(listed, "{at}");
                alike += 1;
            } else if reason.starts_with("Shows only what") {
                assert!(listed && covers(i), "{at}");
                nothing_new += 1;
            } else {
                assert!(!listed, "{at}");
                // Only a budget that was reached is named as the reason.
                assert_eq!(reason.starts_with("Relevant, but stronger bullets used the space"), budget.contains(&b.bullet_id), "{at}");
                if reason.starts_with("Not relevant enough") {
                    assert!(!covers(i), "{at}");
                    irrelevant += 1;
                }
            }
        }
    }
    // Every kind occurs, so none of the checks above is vacuous.
    assert!(alike > 0 && nothing_new > 0 && irrelevant > 0, "alike {alike}, nothing new {nothing_new}, not relevant {irrelevant}");
}

#[test]
fn a_club_bullet_is_not_a_restatement_of_a_teaching_bullet() {
    let dir = format!("{}/tests/postings", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(format!("{dir}/resumes/chemistry-teacher.txt")).unwrap();
    let doc = fitted_core::import::parse_plain_text(&text).unwrap().document;
    let job = std::fs::read_to_string(format!("{dir}/chemistry-teacher.txt")).unwrap();
    let a = analyze(&doc, &job, &LexicalEmbedder::default(), &Options { as_of: Some((2026, 12)), ..Default::default() });
    let club = a.bullets.iter().find(|b| b.text.contains("robotics club")).expect("the résumé's robotics-club bullet");
    let notes = a.plan.selection_notes.unwrap();
    if let Some(reason) = notes.reasons.get(&club.bullet_id) {
        assert!(!reason.starts_with("Says much the same"), "{reason}");
        assert!(!notes.dropped_due_to_redundancy.unwrap_or_default().contains(&club.bullet_id), "{reason}");
    }
}

fn posting(name: &str) -> String {
    let path = format!("{}/tests/postings/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The reason for a must-have no bullet shows, for résumé and posting of another field.
fn uncovered(resume: &str, job: &str) -> Vec<(String, String)> {
    let doc = fitted_core::import::parse_plain_text(&posting(&format!("resumes/{resume}"))).unwrap().document;
    let a = analyze(&doc, &posting(job), &LexicalEmbedder::default(), &Options { as_of: Some((2026, 12)), ..Default::default() });
    a.plan
        .coverage
        .uncovered_requirements
        .iter()
        .map(|u| {
            let req = a.rubric.requirements.iter().find(|r| r.req_id == u.req_id).unwrap();
            (req.requirement.clone(), u.reason.clone())
        })
        .collect()
}

/// A requirement the résumé meets outside its bullets says where: a certificate that names
/// it ("Current CPR/BLS" and "BLS/CPR – American Heart Association"), the Skills section
/// ("Working knowledge of Microsoft Excel"), a language listed among the skills. Before,
/// each read "No bullet in your résumé shows this" or "add it to your Languages section".
#[test]
fn a_requirement_met_outside_the_bullets_says_where() {
    let reason = |list: &[(String, String)], req: &str| {
        list.iter().find(|(r, _)| r.contains(req)).map(|(_, why)| why.clone()).unwrap_or_else(|| panic!("{req} is covered: {list:#?}"))
    };
    let care = uncovered("nursing-assistant.txt", "nursing-assistant.txt");
    assert!(reason(&care, "CPR/BLS").contains("your certificate “BLS/CPR"), "{care:#?}");
    assert!(reason(&care, "NAC certification").contains("“Washington State Nursing Assistant Certified (NAC)”"), "{care:#?}");
    let warehouse = uncovered("warehouse-supervisor.txt", "warehouse-supervisor.txt");
    assert!(reason(&warehouse, "Microsoft Excel").starts_with("Named in your Skills section (“Microsoft Excel”)"), "{warehouse:#?}");
    let sales = uncovered("account-executive.txt", "account-executive.txt");
    assert!(reason(&sales, "Spanish").contains("Skills section (“Spanish (professional working proficiency)”)"), "{sales:#?}");
    // Words shared by chance are not enough: a must-have about communication is no skill.
    assert!(reason(&sales, "communication").starts_with("No bullet"), "{sales:#?}");
}
