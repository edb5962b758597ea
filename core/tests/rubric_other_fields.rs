//! Rubric extraction on postings from fields the labelled dev set does not cover (see
//! `tests/postings/README.md`). The engine is judged on a hold-out set in other
//! professions, so these check general posting conventions rather than any one field's words.

use fitted_core::model::{JdRubric, ReqType};
use fitted_core::rubric::extract_rubric;

fn rubric(name: &str) -> (String, JdRubric) {
    let path = format!("{}/tests/postings/{name}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let r = extract_rubric(&raw);
    (raw, r)
}

/// The requirement whose text starts with `start`, as (type, text).
fn find<'a>(r: &'a JdRubric, start: &str) -> (ReqType, &'a str) {
    let q = r
        .requirements
        .iter()
        .find(|q| q.requirement.starts_with(start))
        .unwrap_or_else(|| panic!("no requirement starting {start:?} in {:#?}", r.requirements.iter().map(|q| &q.requirement).collect::<Vec<_>>()));
    (q.req_type, q.requirement.as_str())
}

fn no_requirement_mentions(r: &JdRubric, words: &[&str]) {
    for q in &r.requirements {
        let l = q.requirement.to_lowercase();
        assert!(!words.iter().any(|w| l.contains(w)), "boilerplate became a requirement: {:?}", q.requirement);
    }
}

fn evidence_is_verbatim(raw: &str, r: &JdRubric) {
    for q in &r.requirements {
        assert!(raw.contains(&q.jd_evidence[0]), "{:?}", q.jd_evidence);
    }
}

#[test]
fn accountant_clauses_and_trailing_preferred() {
    let (raw, r) = rubric("staff-accountant.txt");
    assert_eq!(find(&r, "4+ years of general ledger").0, ReqType::Must);
    assert_eq!(find(&r, "public accounting experience a plus").0, ReqType::Nice);
    assert_eq!(find(&r, "CPA or progress toward CPA preferred").0, ReqType::Nice);
    assert_eq!(find(&r, "Lead the month-end close").0, ReqType::Must);
    let c = r.constraints.as_ref().unwrap();
    assert_eq!(c.years_experience_min, Some(4.0));
    assert!(c.education.as_ref().is_some_and(|e| e.iter().any(|x| x.contains("Accounting"))));
    assert_eq!(r.job_meta.salary.as_deref(), Some("$72,000 – $85,000 per year"));
    no_requirement_mentions(&r, &["dental", "equal opportunity", "family-owned"]);
    evidence_is_verbatim(&raw, &r);
}

#[test]
fn teacher_prose_with_third_person_duties() {
    let (raw, r) = rubric("chemistry-teacher.txt");
    assert_eq!(find(&r, "The teacher will plan and deliver").0, ReqType::Must);
    assert_eq!(find(&r, "Bilingual Spanish is desirable").0, ReqType::Nice);
    assert_eq!(find(&r, "Experience coaching Science Olympiad").0, ReqType::Nice);
    assert_eq!(find(&r, "Experience with NGSS-aligned curriculum").0, ReqType::Must);
    let c = r.constraints.as_ref().unwrap();
    assert!(c.certifications.as_ref().is_some_and(|v| v.iter().any(|x| x.contains("Credential"))));
    // "…seeks a dedicated chemistry teacher for the 2027–2028 school year" is the pitch.
    no_requirement_mentions(&r, &["seeks a dedicated", "salary placement"]);
    evidence_is_verbatim(&raw, &r);
}

#[test]
fn uk_person_specification_without_bullets() {
    let (raw, r) = rubric("physiotherapist-uk.txt");
    for must in ["Degree in Physiotherapy", "HCPC registration", "Post-graduate MSK experience", "Evidence of continuing professional development"] {
        assert_eq!(find(&r, must).0, ReqType::Must, "{must}");
    }
    for nice in ["Acupuncture accreditation", "Experience of running hydrotherapy sessions", "Injection therapy training"] {
        assert_eq!(find(&r, nice).0, ReqType::Nice, "{nice}");
    }
    assert_eq!(find(&r, "The post holder will manage a caseload").0, ReqType::Must);
    // A professional registration and an accreditation are licences: the certificates
    // section shows them, not bullets.
    for licence in ["HCPC registration", "Acupuncture accreditation"] {
        let q = r.requirements.iter().find(|q| q.requirement.starts_with(licence)).unwrap();
        assert_eq!(q.category, "certification", "{licence}");
    }
    // Section names are not requirements.
    no_requirement_mentions(&r, &["person specification", "essential criteria", "desirable criteria", "welcome applications", "dbs check"]);
    assert_eq!(r.requirements.len(), 9, "{:#?}", r.requirements.iter().map(|q| &q.requirement).collect::<Vec<_>>());
    evidence_is_verbatim(&raw, &r);
}

#[test]
fn electrician_numbered_lists_and_pay_in_the_title_line() {
    let (raw, r) = rubric("journeyman-electrician.txt");
    assert_eq!(r.job_meta.job_title, "Journeyman Electrician - Commercial");
    assert_eq!(r.job_meta.location.as_deref(), Some("Phoenix, AZ"));
    assert_eq!(r.job_meta.salary.as_deref(), Some("$32-$40/hr"));
    // "a union contractor" describes the employer, not the employment type.
    assert_eq!(r.job_meta.employment_type, None);
    assert_eq!(find(&r, "OSHA 30 card").0, ReqType::Must);
    assert_eq!(find(&r, "Fire alarm or low-voltage experience").0, ReqType::Nice);
    assert_eq!(r.requirements.iter().filter(|q| q.req_type == ReqType::Nice).count(), 2);
    assert_eq!(r.constraints.as_ref().unwrap().years_experience_min, Some(4.0));
    no_requirement_mentions(&r, &["pension", "union scale", "tenant improvements"]);
    evidence_is_verbatim(&raw, &r);
}

#[test]
fn desired_skills_as_the_only_requirements_list() {
    let (raw, r) = rubric("lifecycle-marketing.txt");
    assert_eq!(find(&r, "3–5 years in lifecycle or CRM marketing").0, ReqType::Must);
    assert_eq!(find(&r, "Hands-on Klaviyo, Braze or Iterable").0, ReqType::Must);
    assert_eq!(find(&r, "Shopify experience is a bonus").0, ReqType::Nice);
    let c = r.constraints.as_ref().unwrap();
    assert_eq!(c.years_experience_min, Some(3.0));
    // "400K-subscriber" holds the letters "bsc" but names no degree.
    assert_eq!(c.education, None);
    no_requirement_mentions(&r, &["gear discount", "rain gear"]);
    evidence_is_verbatim(&raw, &r);
}
