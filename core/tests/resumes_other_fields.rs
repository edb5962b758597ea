//! A trade's résumé, pasted as plain text, through import and selection
//! (`tests/postings/resumes/`, see the README there). The dev fixtures are office work;
//! these catch what only another field's conventions show: an "Education & Licenses"
//! heading, an employer named with an occupation ("Contractors LLC"), and duties that open
//! with verbs no office résumé uses ("Read blueprints…", "Bent… conduit").

use fitted_core::embed::LexicalEmbedder;
use fitted_core::model::EvidenceTier;
use fitted_core::pipeline::{analyze, Options};

/// The app's stages on a résumé and one of the postings, "now" being December 2026.
fn run(doc: &fitted_core::resume::JsonResume, job: &str) -> fitted_core::pipeline::Analysis {
    analyze(doc, &posting(job), &LexicalEmbedder::default(), &Options { as_of: Some((2026, 12)), ..Default::default() })
}

fn posting(name: &str) -> String {
    let path = format!("{}/tests/postings/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn an_electricians_resume_reads_and_selects_as_a_reader_would() {
    let doc = fitted_core::import::parse_plain_text(&posting("resumes/journeyman-electrician.txt")).unwrap().document;
    let work = doc.work();
    assert_eq!(work.len(), 3, "three jobs, and nothing of the education section read as a job");
    assert_eq!(work[0].name.as_deref(), Some("Sonoran Power & Light Contractors LLC"));
    assert_eq!(work[0].location.as_deref(), Some("Tempe, AZ"));
    // "EDUCATION & LICENSES": the course with its college is education, the licence and the
    // safety card are credentials.
    let education = doc.education();
    assert_eq!(education.len(), 1);
    assert_eq!(education[0].institution.as_deref(), Some("Gateway Community College"));
    let certificates: Vec<String> = doc.certificates().iter().filter_map(|c| c.name.clone()).collect();
    assert_eq!(certificates, ["Arizona ROC Journeyman Electrician license (card)", "OSHA 30-Hour Construction"]);

    // The posting asks, as a must-have, to "Read and work from blueprints, one-line
    // diagrams and submittals"; the résumé's bullet saying so is a plain duty, not fluff.
    let a = run(&doc, "journeyman-electrician.txt");
    let i = a.bullets.iter().position(|b| b.text.starts_with("Read blueprints")).unwrap();
    assert_ne!(a.evidence[i].tier, EvidenceTier::Weak);
    let chosen: Vec<&str> = a.plan.selected.work_experience.iter().map(|b| b.bullet_id.as_str()).collect();
    assert!(chosen.contains(&a.bullets[i].bullet_id.as_str()), "{:?}", a.plan.selection_notes);
}

#[test]
fn a_uk_cv_reads_its_headings_and_its_qualifications() {
    let imported = fitted_core::import::parse_plain_text(&posting("resumes/physiotherapist-uk.txt")).unwrap();
    let doc = imported.document;
    // The document title is left out, and the note says which line it was.
    assert!(imported.warnings.iter().any(|w| w.message.contains("CURRICULUM VITAE")), "{:?}", imported.warnings);
    assert_eq!(doc.work().len(), 2);
    // "Education and Qualifications": the degree (its class after a dash), then a course
    // line of its own, which names no school or degree and is a credential.
    let education = doc.education();
    assert_eq!(education.len(), 1, "{education:?}");
    assert_eq!(education[0].institution.as_deref(), Some("University of Bradford"));
    assert_eq!(education[0].end_date.as_deref(), Some("2022"));
    let certificates: Vec<String> = doc.certificates().iter().filter_map(|c| c.name.clone()).collect();
    assert!(certificates.iter().any(|c| c.starts_with("Acupuncture Foundation Course")), "{certificates:?}");
    // "Professional Registration" is a section of credentials, not part of the degree.
    assert!(certificates.iter().any(|c| c.starts_with("HCPC registered")), "{certificates:?}");
}

#[test]
fn a_nursing_assistants_resume_keeps_employers_and_languages() {
    let doc = fitted_core::import::parse_plain_text(&posting("resumes/nursing-assistant.txt")).unwrap().document;
    let work = doc.work();
    // "Caregiver" has no title word, on a line of its own; the next line is employer, place.
    assert_eq!(work[1].position.as_deref(), Some("Caregiver"));
    assert_eq!(work[1].name.as_deref(), Some("Home Instead"));
    assert_eq!(work[1].location.as_deref(), Some("Spokane, WA"));
    // A language the posting prefers is shown by the Languages section, and the review says so.
    let a = run(&doc, "nursing-assistant.txt");
    let reasons: Vec<&str> = a.plan.coverage.uncovered_requirements.iter().map(|u| u.reason.as_str()).collect();
    assert!(reasons.iter().any(|r| r.contains("Languages section (English (native), Spanish (conversational))")), "{reasons:#?}");
}

#[test]
fn a_hyphenated_requirement_meets_the_same_words_written_apart() {
    // "Strong knife skills and whole-fish butchery" / "Break down 80–120 lb of whole fish daily…"
    let doc = fitted_core::import::parse_plain_text(&posting("resumes/sous-chef.txt")).unwrap().document;
    let a = run(&doc, "sous-chef.txt");
    let r = a.rubric.requirements.iter().position(|q| q.requirement.contains("whole-fish")).unwrap();
    let fish = a.bullets.iter().position(|b| b.text.contains("whole fish")).unwrap();
    // As relevant as if the posting had written the words apart, and the best match.
    let apart = analyze(&doc, &posting("sous-chef.txt").replace("whole-fish", "whole fish"), &LexicalEmbedder::default(), &Options { as_of: Some((2026, 12)), ..Default::default() });
    assert!((a.rel[fish][r] - apart.rel[fish][r]).abs() < 0.03, "{} vs {}", a.rel[fish][r], apart.rel[fish][r]);
    assert!(a.rel[fish][r] > 0.25, "relevance {}", a.rel[fish][r]);
    assert!(a.rel.iter().all(|row| row[r] <= a.rel[fish][r]));
}

#[test]
fn a_sales_reps_achievements_and_degree_keep_their_words() {
    let doc = fitted_core::import::parse_plain_text(&posting("resumes/account-executive.txt")).unwrap().document;
    // "SELECTED ACHIEVEMENTS" is a section of its own, not more summary.
    let summary = doc.basics.as_ref().and_then(|b| b.summary.clone()).unwrap_or_default();
    assert!(!summary.contains("ACHIEVEMENTS") && !summary.contains("Ranked"), "{summary}");
    let awards: Vec<String> = doc.awards().iter().filter_map(|a| a.title.clone()).collect();
    assert_eq!(awards, ["Closed the largest new-logo deal in company history ($1.2M ACV)", "Ranked #2 of 38 reps nationally in 2023"]);
    // "B.S. Business Administration, Marketing — Colorado State University, Fort Collins — 2017"
    let education = doc.education();
    assert_eq!(education[0].study_type.as_deref(), Some("B.S."));
    assert_eq!(education[0].area.as_deref(), Some("Business Administration, Marketing"));
    assert!(!education[0].extra.contains_key("location"), "{:?}", education[0].extra);
}

#[test]
fn a_warehouse_leads_certificates_and_the_postings_employer() {
    let doc = fitted_core::import::parse_plain_text(&posting("resumes/warehouse-supervisor.txt")).unwrap().document;
    let certificates = doc.certificates();
    let forklift = certificates.iter().find(|c| c.name.as_deref().is_some_and(|n| n.starts_with("Certified Forklift Operator"))).unwrap();
    assert_eq!(forklift.issuer, None, "the kinds of truck are not an issuer");
    assert!(forklift.name.as_deref().unwrap().ends_with("(renewed 2024)"));
    let a = run(&doc, "warehouse-supervisor.txt");
    assert_eq!(a.rubric.job_meta.company.as_deref(), Some("Riverbend Foods"));
    assert_eq!(a.rubric.job_meta.job_title, "Warehouse Supervisor – 2nd Shift");
}

#[test]
fn a_lawyers_resume_keeps_degrees_admissions_and_pro_bono_apart() {
    let doc = fitted_core::import::parse_plain_text(&posting("resumes/litigation-associate.txt")).unwrap().document;
    // "Cook County State's Attorney's Office, Chicago, IL": an office named with an
    // occupation, then its place.
    let work = doc.work();
    assert_eq!(work[1].name.as_deref(), Some("Cook County State's Attorney's Office"));
    assert_eq!(work[1].location.as_deref(), Some("Chicago, IL"));
    // "…School of Law, J.D., cum laude, 2016": school, degree and honours.
    let education = doc.education();
    assert_eq!(education[0].institution.as_deref(), Some("Northwestern University Pritzker School of Law"));
    assert_eq!(education[0].study_type.as_deref(), Some("J.D."));
    assert_eq!(education[0].score.as_deref(), Some("cum laude"));
    assert_eq!(education.len(), 2, "BAR ADMISSIONS and PRO BONO are sections of their own: {education:?}");
    // The journal line is indented under the law degree: it is that degree's detail, not
    // the start of the next school's entry.
    assert_eq!(education[0].extra.get("highlights"), Some(&serde_json::json!(["Northwestern Journal of International Law & Business, Articles Editor"])));
    assert_eq!(education[1].institution.as_deref(), Some("University of Illinois Urbana-Champaign"));
    let admissions: Vec<String> = doc.certificates().iter().filter_map(|c| c.name.clone()).collect();
    assert_eq!(admissions, ["Illinois", "U.S. District Court for the Northern District of Illinois"]);
    assert_eq!(doc.volunteer.as_ref().map(Vec::len), Some(1));
    // "Represented tenants … through the Lawyers' Committee for Better Housing (2018 –
    // present)": what was done, not a role's name.
    let pro_bono = &doc.volunteer.as_ref().unwrap()[0];
    assert_eq!(pro_bono.position, None);
    assert_eq!(pro_bono.organization.as_deref(), Some("Lawyers' Committee for Better Housing"));
    assert_eq!(pro_bono.highlights.as_deref(), Some(&["Represented tenants in eviction defense through the Lawyers' Committee for Better Housing".to_string()][..]));

    // The posting: the employer on the second line, the bar admission a licence the
    // admissions section shows, the J.D. a degree no bullet is chosen for.
    let a = run(&doc, "litigation-associate.txt");
    assert_eq!(a.rubric.job_meta.company.as_deref(), Some("Marlowe Kensington LLP"));
    let terms: Vec<&str> = a.rubric.keywords.iter().map(|k| k.term.as_str()).collect();
    assert!(!terms.iter().any(|t| t.contains("Kensington") || t.contains("years") || *t == "associates"), "{terms:?}");
    let bar = a.rubric.requirements.iter().find(|r| r.requirement.starts_with("Admission to the Illinois bar")).unwrap();
    assert_eq!(bar.category, "certification");
    let why = a.plan.coverage.uncovered_requirements.iter().find(|u| u.req_id == bar.req_id).map(|u| u.reason.as_str());
    assert_eq!(why, Some("A licence or certification, shown by your certificate “Illinois”, not by bullets."));
}

/// A degree requirement is shown by the Education section: no bullet is matched to it,
/// however many words they share ("the *pharmacy* member of the team" and "Doctor of
/// Pharmacy (PharmD) degree"). The labels never credit a bullet with a degree.
#[test]
fn no_bullet_is_chosen_for_a_degree() {
    let doc = fitted_core::import::parse_plain_text(&posting("resumes/clinical-pharmacist.txt")).unwrap().document;
    let work = doc.work();
    assert_eq!(work[0].position.as_deref(), Some("Clinical Pharmacist – Internal Medicine"));
    let a = run(&doc, "clinical-pharmacist.txt");
    assert_eq!(a.rubric.job_meta.company.as_deref(), Some("Lakeside Health System"));
    assert_eq!(a.rubric.job_meta.job_title, "Clinical Pharmacist - Infectious Diseases / Antimicrobial Stewardship");
    let degree = a.rubric.requirements.iter().position(|r| r.requirement.starts_with("Doctor of Pharmacy")).unwrap();
    assert_eq!(a.rubric.requirements[degree].category, "education");
    assert!(a.rel.iter().all(|row| row[degree] == 0.0));
    // "obtained within 2 years of hire" is a deadline: the board certification is a
    // credential, and the résumé's BCPS certificate shows it.
    let board = a.rubric.requirements.iter().find(|r| r.requirement.starts_with("BCPS or BCIDP")).unwrap();
    assert_eq!(board.category, "certification");
}

#[test]
fn an_engineers_places_in_parentheses_and_a_bs_in_a_field() {
    let doc = fitted_core::import::parse_plain_text(&posting("resumes/mechanical-design-engineer.txt")).unwrap().document;
    let work = doc.work();
    assert_eq!((work[0].name.as_deref(), work[0].location.as_deref()), (Some("Lakeshore Hydraulics"), Some("Milwaukee, WI")));
    // "Senior design capstone: low-cost prosthetic knee (UW–Madison, 2019)"
    let project = &doc.projects.as_ref().unwrap()[0];
    assert_eq!(project.name.as_deref(), Some("Senior design capstone: low-cost prosthetic knee (UW–Madison)"));
    let a = run(&doc, "mechanical-design-engineer.txt");
    let bs = a.rubric.requirements.iter().find(|r| r.requirement == "BS in Mechanical Engineering").unwrap();
    assert_eq!(bs.category, "education");
}

#[test]
fn an_hr_generalists_field_of_study_and_either_credential() {
    let doc = fitted_core::import::parse_plain_text(&posting("resumes/hr-generalist.txt")).unwrap().document;
    // "Bachelor of Business Administration – Human Resource Management" / "Georgia State University, 2019"
    let education = doc.education();
    assert_eq!(education[0].area.as_deref(), Some("Human Resource Management"));
    let a = run(&doc, "hr-generalist.txt");
    // "SHRM-CP or PHR preferred": the SHRM-CP certificate shows one of the two, which says
    // more than the weak bullet match the review quoted before.
    let shrm = a.rubric.requirements.iter().find(|r| r.requirement.starts_with("SHRM-CP or PHR")).unwrap();
    let why = a.plan.coverage.uncovered_requirements.iter().find(|u| u.req_id == shrm.req_id).map(|u| u.reason.as_str());
    assert_eq!(why, Some("Shown by your certificate “SHRM Certified Professional (SHRM-CP)”, not by bullets."));
}

/// A driver's résumé once imported with no job at all: "DRIVING EXPERIENCE" and
/// "LICENSES / ENDORSEMENTS" were not headings, so everything ran into the summary.
#[test]
fn a_drivers_experience_and_endorsements_are_sections() {
    let doc = fitted_core::import::parse_plain_text(&posting("resumes/cdl-driver.txt")).unwrap().document;
    let work = doc.work();
    assert_eq!(work.len(), 2);
    assert_eq!(
        (work[1].position.as_deref(), work[1].name.as_deref(), work[1].location.as_deref()),
        (Some("Tanker Driver – Hazmat"), Some("Calumet Fuel Transport"), Some("East Chicago, IN"))
    );
    let summary = doc.basics.as_ref().and_then(|b| b.summary.clone()).unwrap_or_default();
    assert!(!summary.contains("CDL –") && !summary.contains("TWIC"), "{summary}");
    assert!(doc.certificates().iter().any(|c| c.name.as_deref().is_some_and(|n| n.starts_with("Class A CDL"))));
    // "Valid Class A CDL" is shown by the licence.
    let a = run(&doc, "cdl-driver.txt");
    let cdl = a.rubric.requirements.iter().find(|r| r.requirement == "Valid Class A CDL").unwrap();
    let why = a.plan.coverage.uncovered_requirements.iter().find(|u| u.req_id == cdl.req_id).map(|u| u.reason.as_str()).unwrap_or_default();
    assert!(why.starts_with("Shown by your certificate “Class A CDL"), "{why}");
}

/// "Fluency in English and Vietnamese (written and spoken)" is a language requirement (it
/// was filed as communication for its "written"), shown by the Skills line naming the
/// language; the job's place ("San Antonio, TX") and participles ("written", "spoken") are
/// not keywords.
#[test]
fn a_language_of_any_name_is_a_language_requirement() {
    let doc = fitted_core::import::parse_plain_text(&posting("resumes/customer-service.txt")).unwrap().document;
    let a = run(&doc, "customer-service.txt");
    let fluency = a.rubric.requirements.iter().find(|r| r.requirement.starts_with("Fluency in English and Vietnamese")).unwrap();
    assert_eq!(fluency.category, "language");
    let why = a.plan.coverage.uncovered_requirements.iter().find(|u| u.req_id == fluency.req_id).map(|u| u.reason.as_str());
    assert_eq!(why, Some("A language requirement, shown by your Skills section (“Vietnamese”), not by bullets."));
    let terms: Vec<&str> = a.rubric.keywords.iter().map(|k| k.term.as_str()).collect();
    for junk in ["TX", "written", "spoken", "Hybrid", "contact whenever"] {
        assert!(!terms.contains(&junk), "{junk} in {terms:?}");
    }
}

/// A designer's CV: the name and headline on one line, the contacts after "Portfolio:"
/// (once read as a Projects section, leaving no name, e-mail or phone); the posting's
/// duties under "The role", a heading that usually opens a pitch.
#[test]
fn a_designers_header_and_the_duties_under_the_role() {
    let doc = fitted_core::import::parse_plain_text(&posting("resumes/packaging-designer.txt")).unwrap().document;
    let basics = doc.basics.as_ref().unwrap();
    assert_eq!(basics.name.as_deref(), Some("Olu Adebayo-Finch"));
    assert_eq!(basics.email.as_deref(), Some("olu.af@example.com"));
    assert!(doc.projects.is_none(), "{:?}", doc.projects);
    // "Senior Designer, Fernleaf Studio (Bristol), Sep 2021 – now": one town in
    // parentheses is the place, and what it follows is the employer.
    let work = doc.work.as_ref().unwrap();
    let heads: Vec<_> = work.iter().map(|w| (w.position.as_deref(), w.name.as_deref(), w.location.as_deref())).collect();
    assert_eq!(heads, [(Some("Senior Designer"), Some("Fernleaf Studio"), Some("Bristol")), (Some("Designer"), Some("Harbourside Creative"), Some("Bristol"))]);
    let a = run(&doc, "packaging-designer.txt");
    let texts: Vec<&str> = a.rubric.requirements.iter().map(|r| r.requirement.as_str()).collect();
    assert!(texts.contains(&"Develop packaging concepts and take them through to print-ready artwork"), "{texts:#?}");
    assert!(texts.contains(&"Mentor junior designers"), "{texts:#?}");
}

/// A licensed social worker applying to a hospital: the licence, the degree and the
/// languages meet their requirements in the review *and* in the fit score, the employer
/// is read from the line under a title with a department, and the job's weekend rota is a
/// condition to check, not a skill the résumé lacks.
#[test]
fn a_social_workers_licence_and_degree_count_for_fit_and_a_rota_is_a_condition() {
    let doc = fitted_core::import::parse_plain_text(&posting("resumes/hospital-social-worker.txt")).unwrap().document;
    let a = run(&doc, "hospital-social-worker.txt");
    assert_eq!(a.rubric.job_meta.company.as_deref(), Some("Froedtert Valley Hospital"));
    let req = |start: &str| a.rubric.requirements.iter().position(|r| r.requirement.starts_with(start)).unwrap();
    let (licence, rota, spanish) = (req("Current Wisconsin LMSW"), req("Ability to work rotating"), req("Bilingual"));
    assert_eq!(a.rubric.requirements[rota].category, "conditions");
    assert!(a.rel.iter().all(|row| row[rota] == 0.0));
    let reason = |r: usize| {
        let id = &a.rubric.requirements[r].req_id;
        a.plan.coverage.uncovered_requirements.iter().find(|u| &u.req_id == id).map(|u| u.reason.clone()).unwrap_or_default()
    };
    assert!(reason(licence).contains("Licensed Master Social Worker (LMSW), Wisconsin"), "{}", reason(licence));
    assert!(reason(rota).starts_with("A condition of the job"), "{}", reason(rota));
    assert!(reason(spanish).contains("Spanish"), "{}", reason(spanish));
    let mi = req("Experience with trauma-informed care");
    assert!(reason(mi).starts_with("Partly shown by your certificate “Motivational Interviewing"), "{}", reason(mi));
    assert!(a.fit.strengths.iter().any(|s| s.starts_with("Current Wisconsin LMSW")), "{:?}", a.fit.strengths);
    assert!(a.fit.strengths.iter().any(|s| s.starts_with("Master's degree in Social Work")), "{:?}", a.fit.strengths);
    assert!(!a.fit.missing_skills.iter().any(|s| s.contains("weekend")), "{:?}", a.fit.missing_skills);
    // Without the Certificates, Education and Languages sections the same bullets fit less.
    let mut bare = doc.clone();
    (bare.certificates, bare.education, bare.languages) = (None, None, None);
    let b = run(&bare, "hospital-social-worker.txt");
    assert!(a.fit.components.must > b.fit.components.must + 0.1, "{} vs {}", a.fit.components.must, b.fit.components.must);
    assert!(a.fit.fit_score > b.fit.fit_score, "{} vs {}", a.fit.fit_score, b.fit.fit_score);
}

/// An FP&A analyst against an FP&A posting and against the social-work one: the
/// profession's own posting scores far higher.
#[test]
fn an_analyst_fits_an_analysts_job_better_than_a_social_workers() {
    let doc = fitted_core::import::parse_plain_text(&posting("resumes/fpa-analyst.txt")).unwrap().document;
    let own = run(&doc, "fpa-analyst.txt");
    let other = run(&doc, "hospital-social-worker.txt");
    assert!(own.fit.fit_score >= other.fit.fit_score + 40, "{} vs {}", own.fit.fit_score, other.fit.fit_score);
    let degree = own.rubric.requirements.iter().position(|r| r.category == "education" && r.req_type == fitted_core::model::ReqType::Must).unwrap();
    assert!(own.fit.strengths.iter().any(|s| s == &own.rubric.requirements[degree].requirement), "{:?}", own.fit.strengths);
}

/// Fit across professions: each of the 17 pasted résumés, scored against every posting of
/// `tests/postings`, fits its own profession's posting best, by a clear margin.
#[test]
fn every_resume_fits_its_own_professions_posting_best() {
    use fitted_core::pipeline::{PreparedJob, PreparedResume};
    let embedder = LexicalEmbedder::default();
    let dir = format!("{}/tests/postings", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.unwrap().file_name().into_string().ok()).filter(|n| n.ends_with(".txt")).collect();
    names.sort();
    let jobs: Vec<(String, PreparedJob)> = names.iter().map(|n| (n.clone(), PreparedJob::new(fitted_core::rubric::extract_rubric(&posting(n)), &embedder))).collect();
    let mut checked = 0;
    for name in &names {
        let Ok(text) = std::fs::read_to_string(format!("{dir}/resumes/{name}")) else { continue };
        let doc = fitted_core::import::parse_plain_text(&text).unwrap().document;
        let resume = PreparedResume::new(&doc, &embedder, Some((2026, 12)));
        let mut scores: Vec<(u8, &str)> = jobs.iter().map(|(n, j)| (resume.fit(j).fit_score, n.as_str())).collect();
        scores.sort_by(|a, b| b.0.cmp(&a.0));
        // `-- --nocapture` prints the figures the README and notes quote.
        println!("{name:32} own {:3}, next {:3} ({})", scores.iter().find(|s| s.1 == name).map_or(0, |s| s.0), scores[1].0, scores[1].1);
        assert_eq!(scores[0].1, name, "{name}: {scores:?}");
        assert!(scores[0].0 >= scores[1].0 + 10, "{name}: {scores:?}");
        checked += 1;
    }
    assert!(checked >= 17, "{checked} résumés");
}
