//! Where a résumé shows a requirement outside its bullets: a certificate that names a
//! licence, a degree, a language it lists, a tool in its Skills section.
//!
//! Selection uses it to say why a requirement no bullet shows is still met ("Shown by your
//! certificate …"); fit uses it as support, so a licensed social worker is not scored as
//! missing "Current Wisconsin LMSW" because no bullet repeats the licence. One module for
//! both, so the review and the score never disagree about what the résumé shows.

use std::collections::HashSet;

use crate::model::Requirement;
use crate::resume::JsonResume;

/// The parts of a résumé outside its bullets that can meet a requirement, as text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outside {
    certificates: Vec<String>,
    /// Each certificate's stems ('/' read as a space), in the order of `certificates`.
    certificate_stems: Vec<HashSet<String>>,
    /// Each degree's stems, in the order of `degrees`.
    degree_stems: Vec<HashSet<String>>,
    /// Each degree as "B.S. in Finance".
    degrees: Vec<String>,
    /// Each language as "Spanish (professional working proficiency)".
    languages: Vec<String>,
    skills: Vec<String>,
}

/// What shows a requirement, and how fully (in [0, 1]).
#[derive(Debug, Clone, PartialEq)]
pub enum Shown<'a> {
    /// A certificate naming the licence or every distinctive word of the requirement.
    Certificate(&'a str),
    /// A certificate sharing one ordinary word with a licence requirement ("Wisconsin Food
    /// Handler" for "Wisconsin LMSW"): maybe the one asked for.
    CertificateMaybe(&'a str),
    /// The résumé's degrees; `in_field` when one names the requirement's field, `below`
    /// when the requirement asks for a higher level than any of them ("Master's degree"
    /// and only a bachelor's).
    Degrees { degrees: &'a [String], in_field: bool, below: bool },
    /// The languages listed, or the Skills item naming the language.
    Languages(Vec<&'a str>),
    /// A Skills item the requirement names: listed, not shown in use.
    Skill(&'a str),
    /// A certificate naming one of the things the requirement lists ("Experience with
    /// trauma-informed care and motivational interviewing" and "Motivational Interviewing,
    /// 40-hour training"): the rest is not shown.
    CertificatePart(&'a str),
}

impl Shown<'_> {
    /// How much of the requirement this shows. A listed skill is a claim, not evidence of
    /// use, so it counts for half; a degree outside the requirement's field likewise.
    pub fn support(&self) -> f64 {
        match self {
            Shown::Certificate(_) | Shown::Languages(_) => 1.0,
            Shown::Degrees { below: true, .. } => 0.25,
            Shown::Degrees { in_field: true, .. } => 1.0,
            Shown::Degrees { .. } => 0.5,
            Shown::Skill(_) | Shown::CertificatePart(_) | Shown::CertificateMaybe(_) => 0.5,
        }
    }
}

/// Words that say a requirement is a credential, not which one.
const CREDENTIAL_WORDS: &str = "certification certificate certified certify license licence licensed licensure registration registered \
    accreditation accredited credential current valid active required preferred ability able obtain obtained within days months \
    year years hire state equivalent card";

/// Words of a degree requirement that say its level or form, not its field.
const DEGREE_WORDS: &str = "degree bachelor bachelors master masters doctorate doctoral phd associate diploma graduate undergraduate \
    program programme university college school accredited equivalent related field discipline required preferred relevant from \
    similar other quantitative technical science sciences arts art applied";

fn stems_set(text: &str) -> HashSet<String> {
    crate::text::stems(&text.replace('/', " ")).into_iter().collect()
}

/// The stems of [`CREDENTIAL_WORDS`] and [`DEGREE_WORDS`], made once: fit asks about every
/// requirement of every saved job.
fn credential_stems() -> &'static HashSet<String> {
    static S: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    S.get_or_init(|| stems_set(CREDENTIAL_WORDS))
}

fn degree_stems() -> &'static HashSet<String> {
    static S: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    S.get_or_init(|| stems_set(DEGREE_WORDS))
}

impl Outside {
    pub fn new(doc: &JsonResume) -> Self {
        let certificates: Vec<String> = doc.certificates().iter().filter_map(|c| c.name.clone()).filter(|n| !n.trim().is_empty()).collect();
        let degrees: Vec<String> = doc
                .education()
                .iter()
                .map(|e| [e.study_type.clone(), e.area.clone()].into_iter().flatten().collect::<Vec<_>>().join(" in "))
                .filter(|s| !s.is_empty())
                .collect();
        Outside {
            certificate_stems: certificates.iter().map(|c| stems_set(c)).collect(),
            degree_stems: degrees.iter().map(|d| stems_set(d)).collect(),
            certificates,
            degrees,
            languages: doc
                .languages
                .iter()
                .flatten()
                .filter_map(|l| {
                    let name = l.language.as_deref()?.trim();
                    Some(match l.fluency.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
                        Some(f) => format!("{name} ({f})"),
                        None => name.to_string(),
                    })
                })
                .collect(),
            skills: doc.skills().iter().flat_map(skill_names).collect(),
        }
    }

    pub fn degrees(&self) -> &[String] {
        &self.degrees
    }

    pub fn certificates(&self) -> &[String] {
        &self.certificates
    }

    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    /// Where the résumé shows `req` outside its bullets, if anywhere.
    pub fn shows(&self, req: &Requirement) -> Option<Shown<'_>> {
        let text = req.requirement.as_str();
        match req.category.as_str() {
            "certification" => self.certificate_naming(text),
            // "CPA, CFA or MBA": a degree or a credential meets it, so a certificate naming
            // one of the alternatives does.
            "education" => self.certificate_naming_alternative(text).map(Shown::Certificate).or_else(|| (!self.degrees.is_empty()).then(|| Shown::Degrees {
                degrees: &self.degrees,
                in_field: self.degree_in_field(text),
                below: degree_level(text).is_some_and(|need| {
                    // Only when a level is known: "B.Tech" or a field alone says nothing.
                    let have: Vec<u8> = self.degrees.iter().filter_map(|d| degree_level(d)).collect();
                    !have.is_empty() && have.iter().all(|&h| h < need)
                }),
            })),
            "language" => {
                if !self.languages.is_empty() {
                    // The language's name, not its fluency ("English (Professional Working
                    // Proficiency)" does not name Japanese).
                    let name = |l: &str| l.split(" (").next().unwrap_or(l).to_string();
                    let named: Vec<&str> = self.languages.iter().map(String::as_str).filter(|l| language_named(text, &name(l))).collect();
                    // A language requirement the listed languages do not name ("Fluency in
                    // French" when only English is listed) is not met by the list.
                    return (!named.is_empty()).then_some(Shown::Languages(named));
                }
                self.skills.iter().find(|k| language_named(text, k)).map(|k| Shown::Languages(vec![k.as_str()]))
            }
            "experience" | "authorization" => None,
            _ => self
                .certificate_naming_all(text)
                .map(Shown::Certificate)
                .or_else(|| self.skills.iter().find(|k| names_skill(text, k)).map(|k| Shown::Skill(k.as_str())))
                .or_else(|| self.certificate_naming_part(text).map(Shown::CertificatePart)),
        }
    }

    /// The first certificate that shares a distinctive word with a credential requirement:
    /// "Forklift certification or ability to obtain within 30 days" and "Certified Forklift
    /// Operator – …" share "forklift".
    /// It names the requirement when the shared words are two or more, or are all the
    /// certificate's own, or include one the posting writes in capitals ("LMSW", "CPR"), or
    /// are all it asks for ("forklift"); otherwise it may.
    fn certificate_naming(&self, requirement: &str) -> Option<Shown<'_>> {
        let generic = credential_stems();
        let wanted: HashSet<String> = crate::text::stems(requirement).into_iter().filter(|s| !generic.contains(s) && s.chars().count() >= 3).collect();
        let capitals: HashSet<String> = requirement
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()))
            .flat_map(crate::text::stems)
            .collect();
        let mut maybe = None;
        for (n, stems) in self.certificates.iter().zip(&self.certificate_stems) {
            let own: HashSet<&String> = stems.iter().filter(|s| !generic.contains(*s)).collect();
            let shared: Vec<&String> = own.iter().copied().filter(|s| wanted.contains(*s)).collect();
            if shared.is_empty() {
                continue;
            }
            // "Illinois" listed under bar admissions for "Admission to the Illinois bar": all
            // the certificate says is asked for.
            if shared.len() >= 2 || shared.len() == own.len() || shared.iter().any(|s| capitals.contains(*s)) || wanted.len() == 1 {
                return Some(Shown::Certificate(n));
            }
            maybe.get_or_insert(Shown::CertificateMaybe(n.as_str()));
        }
        maybe
    }

    /// The certificate whose name holds every distinctive word of a requirement not filed as
    /// a credential ("Current CPR/BLS", "OSHA 30 card"), or of one of its alternatives
    /// ("SHRM-CP or PHR"): stricter than [`Self::certificate_naming`], since a shared word
    /// alone ("Microsoft") does not make a skill a certificate.
    fn certificate_naming_all(&self, requirement: &str) -> Option<&str> {
        let generic = credential_stems();
        let wanted: HashSet<String> = stems_set(requirement).into_iter().filter(|s| !generic.contains(s)).collect();
        if wanted.is_empty() || wanted.len() > 4 {
            return None;
        }
        let alternatives: Vec<HashSet<String>> = requirement
            .split(" or ")
            .map(|alt| stems_set(alt).into_iter().filter(|s| !generic.contains(s)).collect::<HashSet<String>>())
            .filter(|alt| !alt.is_empty())
            .collect();
        self.certificates.iter().zip(&self.certificate_stems).find(|(_, have)| {
            wanted.iter().all(|w| have.contains(w)) || alternatives.iter().any(|alt| alt.iter().all(|w| have.contains(w)))
        })
        .map(|(n, _)| n.as_str())
    }

    /// The certificate naming every distinctive word of one alternative of a degree
    /// requirement that also accepts credentials ("CPA, CFA or MBA" and "CFA Charterholder"):
    /// alternatives split at commas, "or" and slashes; degree words are not distinctive,
    /// so "Bachelor's degree in Nursing" is not met by a nursing licence.
    fn certificate_naming_alternative(&self, requirement: &str) -> Option<&str> {
        if self.certificates.is_empty() {
            return None;
        }
        let generic = credential_stems();
        let degree = degree_stems();
        let alternatives: Vec<HashSet<String>> = requirement
            .split([',', ';', '/'])
            .flat_map(|p| p.split(" or "))
            .map(|alt| stems_set(alt).into_iter().filter(|s| !generic.contains(s) && !crate::text::is_stopword(s)).collect::<HashSet<String>>())
            .filter(|alt| !alt.is_empty() && alt.len() <= 3 && !alt.iter().any(|s| degree.contains(s)))
            .collect();
        if alternatives.len() < 2 {
            return None;
        }
        self.certificates.iter().zip(&self.certificate_stems).find(|(_, have)| alternatives.iter().any(|alt| alt.iter().all(|w| have.contains(w))))
            .map(|(n, _)| n.as_str())
    }

    /// The certificate naming every distinctive word of one item of a list the
    /// requirement makes ("… trauma-informed care *and* motivational interviewing"), when
    /// the list has more than one item.
    fn certificate_naming_part(&self, requirement: &str) -> Option<&str> {
        let generic = credential_stems();
        let items: Vec<HashSet<String>> = requirement
            .split([',', ';'])
            .flat_map(|p| p.split(" and "))
            .map(|item| stems_set(item).into_iter().filter(|s| !generic.contains(s) && !crate::text::is_stopword(s)).collect::<HashSet<String>>())
            .filter(|item| (2..=4).contains(&item.len()))
            .collect();
        if items.len() < 2 {
            return None;
        }
        self.certificates.iter().zip(&self.certificate_stems).find(|(_, have)| {
            items.iter().any(|item| item.iter().all(|w| have.contains(w)))
        })
        .map(|(n, _)| n.as_str())
    }

    /// Whether a degree names a field the requirement asks for: "Bachelor's degree in
    /// Finance, Accounting or Economics" and "B.S. in Finance".
    fn degree_in_field(&self, requirement: &str) -> bool {
        let generic = degree_stems();
        let wanted: HashSet<String> = stems_set(requirement).into_iter().filter(|s| !generic.contains(s) && !crate::text::is_stopword(s)).collect();
        self.degree_stems.iter().any(|d| d.iter().any(|s| wanted.contains(s) && !generic.contains(s)))
    }
}

/// The names one Skills entry lists: its keywords ("Python (pandas, NumPy)" also as
/// "Python", "pandas" and "NumPy"), or its name when it has none. A name above keywords is a
/// heading ("Research", "Design"), not a skill: every posting that says "design" would
/// otherwise find it.
fn skill_names(skill: &crate::resume::Skill) -> Vec<String> {
    let items: Vec<&String> = match skill.keywords.as_deref() {
        Some(k) if !k.is_empty() => k.iter().collect(),
        _ => skill.name.iter().collect(),
    };
    let mut out = Vec::new();
    for item in items {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        out.push(item.to_string());
        if let (Some(open), true) = (item.find(" ("), item.ends_with(')')) {
            out.push(item[..open].trim().to_string());
            // "(pandas, NumPy)" lists tools; "(advanced)" says how well.
            const LEVELS: &[&str] = &["advanced", "basic", "intermediate", "expert", "proficient", "fluent", "native", "beginner", "working knowledge"];
            let inner = &item[open + 2..item.len() - 1];
            if inner.contains([',', ';', '/']) {
                out.extend(
                    inner
                        .split([',', ';', '/'])
                        .map(|p| p.rsplit(':').next().unwrap_or(p).trim().to_string())
                        .filter(|p| p.chars().count() >= 2 && !LEVELS.contains(&p.to_lowercase().as_str())),
                );
            }
        }
    }
    out
}

/// Whether a requirement names a Skills item: as a whole word, and for a name of one or
/// two letters ("R", "Go") in the same case, so "R&D" does not name R.
fn names_skill(requirement: &str, item: &str) -> bool {
    if item.chars().count() <= 2 {
        // Split where a list or sentence breaks, not inside "R&D" or "Go-to-market".
        requirement.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '/' | '.' | '!' | '?')).any(|w| w == item)
    } else {
        crate::matching::occurs(requirement, item, crate::matching::Boundary::Word)
    }
}

/// The lowest degree level a text names: 1 bachelor's, 2 master's, 3 doctorate ("BS or
/// MS" is 1). A diploma or associate degree names none: any degree meets it.
pub fn degree_level(text: &str) -> Option<u8> {
    use crate::matching::{any, Boundary::Prefix, Boundary::Word};
    let lower = text.to_lowercase();
    let levels: [(u8, &[&str], &[&str]); 3] = [
        (1, &["bachelor", "undergraduate degree"], &["b.a", "b.s", "bsc", "b.sc", "beng", "b.eng", "bsn", "bba", "b.com", "llb", "ll.b"]),
        (2, &["master"], &["m.a", "m.s", "msc", "m.sc", "meng", "mba", "msn", "msw", "mph", "llm", "ll.m", "mfa"]),
        (3, &["doctor of", "doctorate", "doctoral", "phd", "ph.d"], &["m.d", "j.d", "pharmd", "pharm.d", "dnp", "dpt", "edd", "psyd"]),
    ];
    // "BA", "MS", "MD" are also a state, "MS Office" and a doctor: a degree only when one
    // is written as one ("MS in Statistics", "BS/MS", "MS degree") or alone.
    let short: [(u8, &str); 5] = [(1, "ba"), (1, "bs"), (2, "ma"), (2, "ms"), (3, "md")];
    let short_degree = |abbr: &str| {
        lower.trim() == abbr
            || [format!("{abbr} in "), format!("{abbr}/"), format!("/{abbr}"), format!("{abbr} or "), format!(" or {abbr}"), format!("{abbr} degree")]
                .iter()
                .any(|p| any(&lower, &[p.as_str()], Word))
    };
    levels
        .iter()
        .filter(|(_, words, abbreviations)| any(&lower, words, Prefix) || any(&lower, abbreviations, Word))
        .map(|(level, _, _)| *level)
        .chain(short.iter().filter(|(_, a)| short_degree(a)).map(|(level, _)| *level))
        .min()
}

/// Whether a listed language or Skills item names a language the requirement asks for
/// ("Spanish language skills" and "Spanish (professional working proficiency)"): a
/// capitalised word of the requirement found whole in the item.
pub fn language_named(requirement: &str, item: &str) -> bool {
    requirement
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().count() >= 4)
        .filter(|w| !crate::text::is_stopword(&w.to_lowercase()) && !matches!(w.to_lowercase().as_str(), "language" | "languages" | "fluency" | "fluent" | "proficiency" | "bilingual" | "native" | "excellent" | "strong" | "written" | "verbal" | "spoken"))
        .any(|w| crate::matching::occurs(item, w, crate::matching::Boundary::Word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ReqType;
    use crate::resume::Education;

    fn req(category: &str, text: &str) -> Requirement {
        Requirement { req_id: "R1".into(), req_type: ReqType::Must, weight: 4, requirement: text.into(), jd_evidence: vec![text.into()], category: category.into() }
    }

    fn with_degrees(degrees: &[(&str, &str)]) -> Outside {
        let doc = JsonResume {
            education: Some(degrees.iter().map(|(t, a)| Education { study_type: Some(t.to_string()), area: Some(a.to_string()), ..Default::default() }).collect()),
            ..Default::default()
        };
        Outside::new(&doc)
    }

    #[test]
    fn degree_levels_by_name_and_abbreviation() {
        assert_eq!(degree_level("Bachelor's degree in Finance"), Some(1));
        assert_eq!(degree_level("BS or MS in Statistics"), Some(1));
        assert_eq!(degree_level("Master of Social Work"), Some(2));
        assert_eq!(degree_level("MSN in nursing informatics"), Some(2));
        assert_eq!(degree_level("J.D. from an accredited law school"), Some(3));
        assert_eq!(degree_level("High school diploma or GED"), None);
    }

    /// A degree in the field meets the requirement; one outside it is half; a level below
    /// the one asked for hardly counts, and the review is told which.
    #[test]
    fn a_degree_meets_a_requirement_by_field_and_level() {
        let r = req("education", "Master's degree in Social Work from a CSWE-accredited program");
        let msw = with_degrees(&[("Master of Social Work", ""), ("Bachelor of Arts", "Psychology")]);
        assert!(matches!(msw.shows(&r), Some(Shown::Degrees { in_field: true, below: false, .. })));
        assert_eq!(msw.shows(&r).unwrap().support(), 1.0);
        let ba = with_degrees(&[("Bachelor of Arts", "Social Work")]);
        assert!(matches!(ba.shows(&r), Some(Shown::Degrees { below: true, .. })));
        assert_eq!(ba.shows(&r).unwrap().support(), 0.25);
        let other = with_degrees(&[("B.S.", "Finance")]);
        assert_eq!(other.shows(&req("education", "Bachelor's degree in Nursing")).unwrap().support(), 0.5);
        assert_eq!(other.shows(&req("education", "Bachelor's degree in Finance, Accounting or Economics")).unwrap().support(), 1.0);
        assert_eq!(Outside::default().shows(&r), None);
    }

    /// "CPA, CFA or MBA" accepts a credential in place of the degree; a licence does not
    /// stand for a degree it shares a field with.
    #[test]
    fn a_certificate_meets_a_degree_requirement_that_accepts_it() {
        let cert = |name: &str| JsonResume {
            certificates: Some(vec![crate::resume::Certificate { name: Some(name.into()), ..Default::default() }]),
            education: Some(vec![Education { study_type: Some("B.S.".into()), area: Some("Finance".into()), ..Default::default() }]),
            ..Default::default()
        };
        let cfa = Outside::new(&cert("CFA Charterholder"));
        assert_eq!(cfa.shows(&req("education", "CPA, CFA or MBA preferred")), Some(Shown::Certificate("CFA Charterholder")));
        let rn = Outside::new(&cert("Registered Nurse (RN), Ohio"));
        assert!(matches!(rn.shows(&req("education", "Bachelor's degree in Nursing or BSN")), Some(Shown::Degrees { .. })));
    }

    /// One of two things a requirement lists, named by a certificate, is half shown.
    #[test]
    fn a_certificate_can_show_one_item_of_a_list() {
        let doc = JsonResume { certificates: Some(vec![crate::resume::Certificate { name: Some("Motivational Interviewing, 40-hour training".into()), ..Default::default() }]), ..Default::default() };
        let o = Outside::new(&doc);
        let shown = o.shows(&req("core", "Experience with trauma-informed care and motivational interviewing"));
        assert_eq!(shown, Some(Shown::CertificatePart("Motivational Interviewing, 40-hour training")));
        assert_eq!(shown.unwrap().support(), 0.5);
        // One thing only: the whole of it must be named.
        assert_eq!(o.shows(&req("core", "Experience with motivational coaching")), None);
    }

    /// A Skills entry's keywords and what their parentheses list are skills; its name
    /// above keywords is a heading.
    #[test]
    fn skills_are_keywords_and_their_parts_not_headings() {
        let doc: JsonResume = serde_json::from_value(serde_json::json!({"skills": [
            {"name": "Research", "keywords": ["Python (pandas, NumPy)", "R"]},
            {"name": "Kubernetes"}
        ]}))
        .unwrap();
        let o = Outside::new(&doc);
        assert_eq!(o.shows(&req("core", "Experience with pandas")), Some(Shown::Skill("pandas")));
        assert_eq!(o.shows(&req("core", "Strong Python skills")), Some(Shown::Skill("Python")));
        assert_eq!(o.shows(&req("core", "Kubernetes in production")), Some(Shown::Skill("Kubernetes")));
        assert_eq!(o.shows(&req("core", "Conduct user research")), None);
        assert_eq!(o.shows(&req("core", "R&D experience")), None);
        assert_eq!(o.shows(&req("core", "Statistics in R or Python")).map(|s| s.support()), Some(0.5));
    }

    /// Found in review: "MS Office" is no master's, "Bachelor of Science" no science field,
    /// a fluency no language, "(advanced)" no skill, a shared place no licence.
    #[test]
    fn ordinary_words_do_not_make_degrees_licences_or_skills() {
        assert_eq!(degree_level("High school diploma or GED; proficiency in MS Office"), None);
        assert_eq!(degree_level("MS in Statistics"), Some(2));
        assert_eq!(degree_level("BS/MS in Computer Science"), Some(1));
        let bio = with_degrees(&[("Bachelor of Science", "Biology")]);
        assert_eq!(bio.shows(&req("education", "Bachelor's degree in Computer Science")).unwrap().support(), 0.5);
        let unknown = with_degrees(&[("B.Tech", "Computer Science")]);
        assert!(matches!(unknown.shows(&req("education", "Master's degree in Computer Science")), Some(Shown::Degrees { below: false, .. })));
        let doc: JsonResume = serde_json::from_value(serde_json::json!({
            "languages": [{"language": "English", "fluency": "Professional Working Proficiency"}],
            "skills": [{"keywords": ["Excel (advanced)"]}],
            "certificates": [{"name": "Wisconsin Food Handler Certificate"}, {"name": "Certified Forklift Operator"}]
        }))
        .unwrap();
        let o = Outside::new(&doc);
        assert_eq!(o.shows(&req("language", "Professional fluency in Japanese")), None);
        assert_eq!(o.shows(&req("core", "Experience with advanced statistical methods")), None);
        assert_eq!(o.shows(&req("certification", "Current Wisconsin LMSW license")), Some(Shown::CertificateMaybe("Wisconsin Food Handler Certificate")));
        assert_eq!(o.shows(&req("certification", "Forklift certification required")), Some(Shown::Certificate("Certified Forklift Operator")));
    }

    /// A language list meets a language requirement only when it names the language.
    #[test]
    fn languages_must_be_named() {
        let doc = JsonResume { languages: Some(vec![crate::resume::Language { language: Some("English".into()), fluency: Some("native".into()), ..Default::default() }]), ..Default::default() };
        let o = Outside::new(&doc);
        assert_eq!(o.shows(&req("language", "Fluency in French")), None);
        assert!(matches!(o.shows(&req("language", "Excellent written English")), Some(Shown::Languages(_))));
    }
}
