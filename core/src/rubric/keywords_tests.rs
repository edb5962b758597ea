//! Unit tests of keyword candidate extraction and ranking.

use super::*;

fn terms(text: &str) -> Vec<String> {
    candidates_in(text, &|_| false).into_iter().map(|(t, _, _)| t).collect()
}

fn has(found: &[String], term: &str) -> bool {
    found.iter().any(|t| t.eq_ignore_ascii_case(term))
}

#[test]
fn tools_in_an_enumeration_are_separate_terms() {
    let found = terms("Experience with Kubernetes, Terraform and PostgreSQL in production.");
    for t in ["Kubernetes", "Terraform", "PostgreSQL"] {
        assert!(has(&found, t), "{t} missing from {found:?}");
    }
}

#[test]
fn role_nouns_and_filler_are_not_keywords() {
    let found = terms("You will work closely with engineers and stakeholders to deliver results.");
    for t in ["engineers", "stakeholders", "closely"] {
        assert!(!has(&found, t), "{t} should not be a keyword: {found:?}");
    }
}

/// The people of postings outside software (ESCO's occupations) are not skills either,
/// while the things they work with still are.
#[test]
fn occupations_of_other_fields_are_not_keywords() {
    let found = terms("Supervise forklift operators, train new welders and liaise with cooks, cashiers and bus drivers on HACCP and OSHA rules.");
    for t in ["forklift operators", "welders", "cooks", "cashiers", "bus drivers", "drivers"] {
        assert!(!has(&found, t), "{t} should not be a keyword: {found:?}");
    }
    for t in ["HACCP", "OSHA"] {
        assert!(has(&found, t), "{t} missing from {found:?}");
    }
    // A title loses its occupation and level words whatever the field.
    assert!(super::super::title_terms("Senior Welder / Pipe Fitter").is_empty());
    assert_eq!(super::super::title_terms("Head Chef (Banquets)"), vec!["Banquets".to_string()]);
}

#[test]
fn rank_respects_limit_and_deduplicates() {
    let found = candidates_in("Go, Go, Kafka, gRPC, Postgres, Redis, Docker", &|_| false);
    let mut cands: HashMap<String, Candidate> = HashMap::new();
    for (term, tech, w) in found {
        cands.entry(term.clone()).or_insert_with(|| Candidate { term, tech, occurrences: vec![] }).occurrences.push(Occurrence {
            weight: w,
            req_type: None,
            req_weight: 3,
            req_index: None,
        });
    }
    let ranked = rank(cands, 3);
    assert!(ranked.len() <= 3);
    let mut norms: Vec<String> = ranked.iter().map(|(c, _)| text::normalize_term(&c.term)).collect();
    norms.dedup();
    assert_eq!(norms.len(), ranked.len());
}

/// Measurements and coordinated verbs are not skills: "34°F", "20-30 order selectors",
/// "lift 50 lbs", "and *terminate* panels", "near misses" (an adjective, not a verb).
#[test]
fn measurements_and_second_verbs_are_not_part_of_keywords() {
    let found = terms("Able to work in a refrigerated environment (34°F) and lift up to 50 lbs.");
    assert!(!has(&found, "F"), "{found:?}");
    let found = terms("Supervise a team of 20-30 order selectors. Ability to lift 50 lbs.");
    assert!(found.iter().all(|t| !t.contains("20-30") && !t.contains("lbs")), "{found:?}");
    let found = terms("Install conduit, pull wire and terminate panels; investigate incidents and near misses.");
    assert!(has(&found, "panels") && !has(&found, "terminate panels"), "{found:?}");
    assert!(has(&found, "near misses"), "{found:?}");
    // After "to", "supply" is not read as a verb.
    let found = terms("Experience selling to supply chain, logistics or transportation buyers.");
    assert!(found.iter().any(|t| t.starts_with("supply chain")), "{found:?}");
}

/// The verb that opens a chunk is dropped, so it does not take a word from its object:
/// "Report *suspected child abuse*" (not "suspected child" and "abuse").
#[test]
fn an_opening_verb_leaves_its_object_whole() {
    let found = terms("Report suspected child abuse to the state hotline.");
    assert!(has(&found, "suspected child abuse") && !has(&found, "suspected child"), "{found:?}");
    let found = terms("Develop safe discharge plans for patients.");
    assert!(has(&found, "safe discharge plans"), "{found:?}");
}

/// A duty opened by a word English uses mostly as a noun but also as a verb: the verb goes
/// when its object follows ("Contact insureds"), not in a noun compound ("Spot welding").
#[test]
fn a_duty_opened_by_a_sometime_verb_keeps_only_its_object() {
    let found = terms("Contact insureds within 24 hours of assignment.");
    assert!(has(&found, "insureds") && !has(&found, "Contact insureds"), "{found:?}");
    let found = terms("Screen the patients for fall risk on admission.");
    assert!(!found.iter().any(|t| t.starts_with("Screen")), "{found:?}");
    let found = terms("Spot welding on steel trailer frames.");
    assert!(has(&found, "Spot welding"), "{found:?}");
}

/// A grade or class is part of a common word's name; a product's version is not.
#[test]
fn a_letter_or_number_naming_a_grade_stays_with_its_word() {
    let found = terms("Valid Class A CDL. Post-graduate experience at Band 5 level. Java 17 and Windows 10 in production.");
    for t in ["Class A", "Band 5", "Windows 10", "Java", "CDL"] {
        assert!(has(&found, t), "{t} missing from {found:?}");
    }
    for t in ["Valid", "Class", "Band", "Java 17"] {
        assert!(!has(&found, t), "{t} should not be a keyword: {found:?}");
    }
}

/// Praise and a credential's standing qualify a keyword; a customer is a person.
#[test]
fn praise_and_people_are_not_keywords() {
    let found = terms("Deliver an exceptional customer experience and resolve escalated customer issues; willingness to travel.");
    for t in ["exceptional customer", "escalated customer", "customer", "willingness"] {
        assert!(!has(&found, t), "{t} should not be a keyword: {found:?}");
    }
}

/// A duty's opening imperative is not part of its object, whatever the field: "Enforce"
/// is not an office action verb, but English uses it mostly as a verb.
#[test]
fn an_opening_imperative_is_not_part_of_the_keyword() {
    let found = terms("Enforce safety rules and lead safety meetings");
    assert!(has(&found, "safety rules"), "{found:?}");
    assert!(!has(&found, "Enforce safety rules"), "{found:?}");
    // After "to", a word that is also a noun may open a compound ("to supply chain buyers").
    assert!(has(&terms("Experience selling to supply chain, logistics or transportation buyers"), "supply chain"));
}
