//! Section headings: "Experience", "WORK HISTORY", "Skills:", "E D U C A T I O N", "## Projects".

/// The sections a résumé is divided into, as JSON Resume (and seed 000) know them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Summary,
    Experience,
    Projects,
    Education,
    Skills,
    Awards,
    Certificates,
    Publications,
    Volunteer,
    Languages,
    Interests,
    References,
    Mentorship,
    /// A recognised heading with no JSON Resume section ("Leadership", "Activities").
    Other,
}

const PHRASES: &[(Section, &[&str])] = &[
    (
        Section::Summary,
        &[
            "summary", "professional summary", "career summary", "executive summary", "summary of qualifications", "profile",
            "professional profile", "personal profile", "career profile", "about", "about me", "objective", "career objective",
            "professional objective", "overview", "introduction", "personal statement", "qualifications summary",
        ],
    ),
    (
        Section::Experience,
        &[
            "experience", "work experience", "professional experience", "relevant experience", "work history", "employment",
            "employment history", "career history", "professional background", "career", "positions", "internships",
            "internship experience", "industry experience", "research experience", "teaching experience", "clinical experience",
            "other experience", "additional experience", "selected experience", "professional history", "experiences",
            "relevant work experience", "work", "employment experience", "professional employment",
        ],
    ),
    (
        Section::Projects,
        &[
            "projects", "personal projects", "selected projects", "side projects", "key projects", "academic projects",
            "open source", "open source projects", "project experience", "portfolio", "research projects", "technical projects",
            "notable projects", "project", "open source contributions",
        ],
    ),
    (
        Section::Education,
        &[
            "education", "education and training", "academic background", "academic history", "academics",
            "educational background", "training", "education and certifications", "education and qualifications",
            "academic qualifications", "qualifications",
        ],
    ),
    (
        Section::Skills,
        &[
            "skills", "technical skills", "core skills", "key skills", "skills and tools", "skills and technologies",
            "core competencies", "competencies", "technologies", "tech stack", "tools", "tools and technologies",
            "technical proficiencies", "areas of expertise", "expertise", "skills and expertise", "skill set", "skillset",
            "technical expertise", "professional skills", "relevant skills", "skills and abilities", "skills and interests",
            "skills summary", "technical competencies", "software", "computer skills", "it skills", "additional skills",
        ],
    ),
    (
        Section::Awards,
        &[
            "awards", "honors", "honours", "awards and honors", "awards and honours", "honors and awards", "honours and awards",
            "achievements", "awards and achievements", "accomplishments", "recognition", "awards and recognition",
            "scholarships", "scholarships and awards", "key achievements", "honors and achievements", "selected achievements",
            "career achievements", "notable achievements", "key accomplishments", "selected accomplishments",
            "career highlights",
        ],
    ),
    (
        Section::Certificates,
        &[
            "certifications", "certificates", "licenses", "licences", "licenses and certifications",
            "licences and certifications", "certifications and licenses", "certifications and licences",
            "professional certifications", "credentials", "certification", "certifications and training", "licensure",
            "registration", "registrations", "professional registration", "professional registrations",
            "continuing professional development", "cpd", "endorsements", "licenses and endorsements",
            "licences and endorsements", "bar admissions", "bar admission", "admissions",
            "court admissions", "bar and court admissions", "licenses and admissions", "admissions and licenses",
        ],
    ),
    (
        Section::Publications,
        &[
            "publications", "selected publications", "papers", "research publications", "publications and presentations",
            "presentations", "talks", "talks and publications", "patents", "publications and patents", "speaking",
        ],
    ),
    (
        Section::Volunteer,
        &[
            "volunteer", "volunteering", "volunteer experience", "volunteer work", "community", "community involvement",
            "community service", "leadership and volunteering", "volunteer and leadership", "volunteering and leadership",
            "pro bono", "pro bono work", "pro bono experience", "pro bono and community service",
        ],
    ),
    (Section::Languages, &["languages", "spoken languages", "language skills", "language proficiency", "foreign languages"]),
    (
        Section::Interests,
        &["interests", "hobbies", "hobbies and interests", "interests and hobbies", "personal interests", "outside interests"],
    ),
    (Section::References, &["references", "referees", "professional references"]),
    (
        Section::Mentorship,
        &["mentorship", "mentoring", "teaching and mentoring", "mentoring and teaching", "leadership and mentorship", "mentorship and leadership"],
    ),
    (
        Section::Other,
        &[
            "leadership", "activities", "extracurricular activities", "extracurriculars", "leadership and activities",
            "activities and leadership", "additional information", "other", "miscellaneous", "additional", "memberships",
            "professional memberships", "affiliations", "professional affiliations", "coursework", "relevant coursework",
            "courses", "professional development", "organizations", "organisations", "training and development",
        ],
    ),
];

/// "E X P E R I E N C E" (letter-spaced headings from some PDF templates) → "EXPERIENCE";
/// two or more spaces separate words.
fn despace(text: &str) -> Option<String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    if tokens.len() < 4 || !tokens.iter().all(|t| t.chars().count() == 1) {
        return None;
    }
    let words: Vec<String> = text.split("  ").map(|w| w.split_whitespace().collect::<String>()).filter(|w| !w.is_empty()).collect();
    Some(words.join(" "))
}

fn normalize(head: &str) -> String {
    let spaced: String = head
        .to_lowercase()
        .replace('&', " and ")
        .replace(['/', ',', '+'], " and ")
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace() || *c == '\'')
        .collect();
    let words: Vec<&str> = spaced.split_whitespace().collect();
    // "Skills and and Tools" after replacing "&" inside "and"-joined text.
    let mut out: Vec<&str> = Vec::new();
    for w in words {
        if !(w == "and" && out.last() == Some(&"and")) {
            out.push(w);
        }
    }
    out.join(" ")
}

fn lookup(phrase: &str) -> Option<Section> {
    let known = |p: &str| PHRASES.iter().find(|(_, list)| list.contains(&p)).map(|(s, _)| *s);
    // Two or three known headings joined ("Education & Licenses", "Skills, Tools and
    // Certifications"): the section of the first, as for the joined phrases listed above.
    known(phrase).or_else(|| {
        let parts: Vec<&str> = phrase.split(" and ").map(str::trim).collect();
        if (2..=3).contains(&parts.len()) && parts.iter().all(|p| known(p).is_some()) {
            known(parts[0])
        } else {
            None
        }
    })
}

/// A heading line: its section and any content written after a colon on the same line
/// ("Skills: Go, Java"). Decorations (`#`, `=`, `*`, `—`, a trailing colon) are ignored.
pub(crate) fn heading(text: &str) -> Option<(Section, Option<String>)> {
    let head_len = text.split(':').next().unwrap_or(text).chars().count();
    if head_len > 60 {
        return None;
    }
    let text = despace(text).unwrap_or_else(|| text.to_string());
    let deco = |c: char| c.is_whitespace() || matches!(c, '#' | '=' | '*' | '_' | '-' | '—' | '–' | '•' | ':' | '|' | '~' | '·' | '[' | ']');
    let bare = text.trim_matches(deco);
    if bare.is_empty() {
        return None;
    }
    if let Some(s) = lookup(&normalize(bare)) {
        return Some((s, None));
    }
    let lower = normalize(bare);
    // "DRIVING EXPERIENCE", "Retail Work History": any field's experience, as a heading is
    // written (capitals or title case, on a line of its own).
    let words: Vec<&str> = lower.split_whitespace().collect();
    let heading_case = bare.split_whitespace().all(|w| w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic()));
    if (2..=3).contains(&words.len()) && matches!(words.last(), Some(&"experience") | Some(&"history")) && heading_case && !bare.contains(':') {
        return Some((Section::Experience, None));
    }
    if lower.starts_with("references available") || lower.starts_with("references upon request") || lower.starts_with("references on request") {
        return Some((Section::References, Some(bare.to_string())));
    }
    let (head, rest) = bare.split_once(':')?;
    let rest = rest.trim();
    // "Portfolio: oluaf.design · olu@x.com · +44 …" is a contact line with a label.
    if rest.contains('@') || super::contact::find_phone(rest).is_some() {
        return None;
    }
    let section = lookup(&normalize(head.trim_matches(deco)))?;
    (!rest.is_empty()).then(|| (section, Some(rest.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_headings_in_many_styles() {
        assert_eq!(heading("EXPERIENCE"), Some((Section::Experience, None)));
        assert_eq!(heading("Work History:"), Some((Section::Experience, None)));
        assert_eq!(heading("## Projects"), Some((Section::Projects, None)));
        assert_eq!(heading("E D U C A T I O N"), Some((Section::Education, None)));
        assert_eq!(heading("W O R K   H I S T O R Y"), Some((Section::Experience, None)));
        assert_eq!(heading("Licenses & Certifications"), Some((Section::Certificates, None)));
        assert_eq!(heading("Awards/Honors"), Some((Section::Awards, None)));
        assert_eq!(heading("Skills: Go, Java"), Some((Section::Skills, Some("Go, Java".into()))));
        assert_eq!(heading("Languages: English (native)"), Some((Section::Languages, Some("English (native)".into()))));
        assert_eq!(heading("References available upon request."), Some((Section::References, Some("References available upon request.".into()))));
        assert_eq!(heading("Leadership"), Some((Section::Other, None)));
        assert_eq!(heading("Acme Corp"), None);
        assert_eq!(heading("Experienced engineer with ten years in payments"), None);
        assert_eq!(heading("Frameworks: React"), None);
        // Known headings joined into one.
        assert_eq!(heading("EDUCATION & LICENSES"), Some((Section::Education, None)));
        assert_eq!(heading("Skills, Tools & Certifications"), Some((Section::Skills, None)));
        assert_eq!(heading("Education and Acme Corp"), None);
        // Achievements set apart from the jobs are awards (JSON Resume has no other place).
        assert_eq!(heading("SELECTED ACHIEVEMENTS"), Some((Section::Awards, None)));
        assert_eq!(heading("Career Highlights"), Some((Section::Awards, None)));
        // A lawyer's admissions are credentials; pro bono work is volunteering.
        assert_eq!(heading("BAR ADMISSIONS"), Some((Section::Certificates, None)));
        assert_eq!(heading("Pro Bono"), Some((Section::Volunteer, None)));
        // Any field's experience; a trade's licences and endorsements.
        assert_eq!(heading("DRIVING EXPERIENCE"), Some((Section::Experience, None)));
        assert_eq!(heading("Retail Work History"), Some((Section::Experience, None)));
        assert_eq!(heading("LICENSES / ENDORSEMENTS"), Some((Section::Certificates, None)));
        assert_eq!(heading("Sales experience: five years"), None);
        assert_eq!(heading("Portfolio: oluaf.design · olu.af@example.com · +44 7700 900123"), None);
        assert_eq!(heading("Volunteer Experience"), Some((Section::Volunteer, None)));
    }
}
