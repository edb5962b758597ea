//! The posting's structure: lines → headings, bullets and prose, grouped into sections whose
//! kind (duties, must-have, nice-to-have, boilerplate…) decides what becomes a requirement.
//!
//! Cue words are general job-ad language ("requirements", "preferred", "what you'll do",
//! "benefits", "equal opportunity"), not any profession's vocabulary.

/// What a section of a posting is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// Text before the first heading: usually company and role pitch.
    Intro,
    /// "What you'll do", "Responsibilities".
    Duties,
    /// "Requirements", "Minimum qualifications", "Must have".
    Must,
    /// "Nice to have", "Preferred qualifications", "Bonus".
    Nice,
    /// "About us", "Benefits", "Compensation", "Equal opportunity", "How to apply".
    Boilerplate,
    /// A heading we could not classify.
    Other,
}

/// One unit of content: a bullet item, or a sentence of prose.
#[derive(Debug, Clone)]
pub struct Item {
    /// Byte range in the cleaned text (without the bullet marker).
    pub start: usize,
    pub end: usize,
    pub section: SectionKind,
    /// Index of the item within its section (0-based), and the section's item count.
    pub index: usize,
    pub is_bullet: bool,
    /// Set for content after a run-in heading ("Required: …").
    pub run_in: bool,
    /// Whether the item's section (under one heading) also has bullet items: then its
    /// prose is a pitch around the list, not a demand.
    pub section_has_bullets: bool,
    /// Which heading the item sits under (0 = before the first).
    pub heading_no: usize,
}

#[derive(Debug, Clone)]
pub struct Structure {
    pub items: Vec<Item>,
    /// Whether any heading classified as duties/must/nice was found.
    pub has_requirement_sections: bool,
    pub headings: Vec<(String, SectionKind)>,
    /// Company named in an "About X" heading.
    pub about_name: Option<String>,
}

/// Cues start at a word boundary; see [`crate::matching`].
fn contains_any(hay: &str, needles: &[&str]) -> bool {
    crate::matching::any(hay, needles, crate::matching::Boundary::Prefix)
}

pub const NICE_CUES: &[&str] = &[
    "nice to have", "nice-to-have", "preferred", "bonus", "desired", "desirable", "a plus", "is a plus", "are a plus",
    "would be a plus", "good to have", "extra credit", "would be great", "would help", "not required", "ideally",
    "big plus", "huge plus", "strongly preferred", "advantage", "advantageous", "helpful", "would be nice",
    // "We'd love it if you also have: …"
    "we'd love", "we would love", "would love", "love it if", "love to see",
];

const MUST_HEADINGS: &[&str] = &[
    "requirement", "qualification", "required", "must", "looking for", "you have", "you bring", "about you",
    "who you are", "what you bring", "what you need", "you'll need", "you will need", "we need", "skills",
    "experience", "a fit if", "a good fit", "competenc", "essential", "minimum", "basic", "what we expect",
    "what you'll bring", "what you will bring", "you should have", "your background", "your profile",
    "your experience", "your skills", "knowledge", "criteria", "person specification", "person spec",
];
/// Headings that introduce a pitch about the role rather than a list of demands.
const ROLE_PITCH_HEADINGS: &[&str] = &[
    "the role", "about the role", "about this role", "about the job", "about the position", "position summary",
    "overview", "the opportunity", "the team", "about the team", "who we're looking for",
];
const DUTY_HEADINGS: &[&str] = &[
    "what you'll do", "what you will do", "what you’ll do", "responsibilit", "day to day",
    "day-to-day", "in this role", "you will", "you'll", "duties", "what you'll work on", "the work", "your impact",
    "your mission", "key tasks", "tasks", "accountabilit", "what you will be doing", "what you'll be doing",
    "in this role you will",
];
const BOILER_HEADINGS: &[&str] = &[
    "about us", "about the company", "who we are", "our company", "our mission", "our story", "benefit", "perk",
    "compensation", "salary", "pay ", "pay:", "what we offer", "we offer", "why join", "why work", "why you'll love",
    "equal", "eeo", "diversity", "inclusion", "accommodat", "how to apply", "to apply", "application process",
    "culture", "our values", "privacy", "disclaimer", "legal", "total rewards", "working here", "life at",
    "location", "schedule", "hours",
];

/// Whether a list item opens with a verb in its base form ("Develop…", "Present work…"),
/// as a duty is written.
pub(super) fn opens_with_verb(item: &str) -> bool {
    let first = item.split_whitespace().next().unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    crate::text::action_verb_base(&first).is_some_and(|b| b == first) || crate::lexicon::verb_base(&first) == Some(first.as_str())
}

/// Classify a heading's text.
pub fn classify_heading(heading: &str) -> SectionKind {
    let h = heading.to_lowercase().replace('’', "'");
    let h = h.trim_end_matches(':').trim();
    if contains_any(h, NICE_CUES) || h == "plus" || h.ends_with(" plus") || h.contains("preferred qualification") {
        return SectionKind::Nice;
    }
    if ROLE_PITCH_HEADINGS.iter().any(|p| h == *p || h.starts_with(p)) {
        return SectionKind::Intro;
    }
    if contains_any(h, BOILER_HEADINGS) || (h.starts_with("about ") && !h.starts_with("about you")) {
        return SectionKind::Boilerplate;
    }
    if contains_any(h, DUTY_HEADINGS) {
        return SectionKind::Duties;
    }
    if contains_any(h, MUST_HEADINGS) {
        return SectionKind::Must;
    }
    SectionKind::Other
}

/// Strip a bullet marker; returns the byte offset where content starts.
pub fn bullet_marker_len(line: &str) -> Option<usize> {
    let t = line.trim_start();
    let lead = line.len() - t.len();
    let mut chars = t.char_indices();
    let (_, c) = chars.next()?;
    if matches!(c, '•' | '·' | '▪' | '◦' | '‣' | '●' | '○' | '■' | '□' | '►' | '▸' | '➢' | '✓' | '✔' | '*' | '-' | '–' | '—' | '+') {
        let rest = &t[c.len_utf8()..];
        if rest.starts_with(' ') || rest.starts_with('\u{a0}') {
            return Some(lead + c.len_utf8() + (rest.len() - rest.trim_start().len()));
        }
        return None;
    }
    // "1." "1)" "(1)" "a)" "i."
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() && digits.len() <= 2 {
        let rest = &t[digits.len()..];
        if (rest.starts_with(". ") || rest.starts_with(") ")) && rest.len() > 2 {
            return Some(lead + digits.len() + 1 + (rest[1..].len() - rest[1..].trim_start().len()));
        }
    }
    if t.starts_with('(') {
        if let Some(close) = t.find(')') {
            if close <= 3 && t[1..close].chars().all(|c| c.is_ascii_alphanumeric()) && t[close + 1..].starts_with(' ') {
                return Some(lead + close + 2);
            }
        }
    }
    None
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A line that is a heading: short, not a sentence, and either ends with a colon, is in
/// capitals, or names a known section.
fn is_heading(line: &str, next_is_content: bool) -> bool {
    let t = line.trim();
    if t.is_empty() || word_count(t) > 9 || t.len() > 80 {
        return false;
    }
    if t.ends_with(':') {
        return true;
    }
    if t.ends_with(['.', '!', '?', ';', ',']) {
        return false;
    }
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase());
    if all_caps {
        return true;
    }
    let kind = classify_heading(t);
    // An unknown heading is short and capitalised over a list or a paragraph. Up to five
    // words, any such line; six or seven only as a phrase ("What your days will look
    // like"), not a header line of names, places and figures ("Marlowe Kensington LLP —
    // Chicago, IL (hybrid)", "Full-time | On-site | Req. #24-0613").
    let capitalised = t.chars().next().is_some_and(|c| c.is_uppercase());
    let phrase = !t.contains(['—', '–', '|', '·', '•', ',', '/', '(']) && !t.chars().any(|c| c.is_ascii_digit());
    (kind != SectionKind::Other && word_count(t) <= 7)
        || (next_is_content && capitalised && (word_count(t) <= 5 || (word_count(t) <= 7 && phrase)))
}

/// Lines of a bare list: short lines without bullet markers under a heading in the same
/// block ("Essential criteria\nDegree in Physiotherapy\nHCPC registration\n…", common in
/// UK and public-sector postings). Without this, each short line would pass for a heading.
fn bare_list_lines(lines: &[(usize, &str)]) -> Vec<bool> {
    let mut bare = vec![false; lines.len()];
    let mut n = 0;
    while n < lines.len() {
        if lines[n].1.trim().is_empty() {
            n += 1;
            continue;
        }
        let start = n;
        while n < lines.len() && !lines[n].1.trim().is_empty() {
            n += 1;
        }
        let head = lines[start].1.trim();
        let head_is_heading = bullet_marker_len(lines[start].1).is_none()
            && word_count(head) <= 9
            && !head.trim_end_matches(':').contains(':')
            && (head.ends_with(':') || classify_heading(head) != SectionKind::Other);
        if !head_is_heading {
            continue;
        }
        let is_item = |l: &str| {
            let t = l.trim();
            bullet_marker_len(l).is_none()
                && word_count(t) <= 12
                && !t.ends_with(':')
                // A short line that names a section is the next heading ("Desirable criteria").
                && !(word_count(t) <= 4 && classify_heading(t) != SectionKind::Other)
        };
        let items: Vec<usize> = (start + 1..n).filter(|&k| is_item(lines[k].1)).collect();
        if items.len() >= 2 {
            for k in items {
                bare[k] = true;
            }
        }
    }
    bare
}

/// A "Desired skills" heading is the requirements list when the posting has no other
/// ("Desired Skills & Experience" was a job board's standard label for requirements);
/// next to a "Requirements" list it is the optional part.
fn only_desired(heading: &str) -> bool {
    let h = heading.to_lowercase();
    h.contains("desired")
        && !contains_any(&h, &["preferred", "bonus", "plus", "nice", "ideal", "advantage", "helpful", "optional"])
}

/// Split a line like "Required: RN license, 2 years…" into (heading, content offset).
fn run_in_heading(line: &str) -> Option<(String, usize)> {
    let colon = line.find(':')?;
    let head = line[..colon].trim();
    if head.is_empty() || word_count(head) > 8 || line[colon + 1..].trim().len() < 3 {
        return None;
    }
    // Not a time ("9:30") or a URL.
    if head.ends_with(|c: char| c.is_ascii_digit()) || line[colon + 1..].starts_with("//") {
        return None;
    }
    let kind = classify_heading(head);
    if kind == SectionKind::Other {
        return None;
    }
    let after = &line[colon + 1..];
    Some((head.to_string(), colon + 1 + (after.len() - after.trim_start().len())))
}

/// "Required: Current Ohio RN license, BSN, 3+ years of acute care nursing experience,
/// strong communication skills, and proficiency with Excel": a run-in sentence that lists
/// qualifications is that many requirements, each met or missed on its own (as a bulleted
/// list would be). Byte ranges of the parts within `s`, without the joining "and"/"or" and
/// the final stop.
///
/// Words under one head stay whole ("written, verbal and interpersonal skills", "Python,
/// SQL, or Go", "a degree in Biology, Chemistry, or a related field"), and a list joined by
/// "or" names alternatives for one requirement: only when every part
/// is a phrase of its own (two words or more, or one acronym such as "BSN") and at least two
/// parts have three words or more. Commas inside parentheses and in numbers ("1,000") do
/// not divide.
fn list_parts(s: &str) -> Option<Vec<(usize, usize)>> {
    let mut cuts = vec![0];
    let mut depth = 0i32;
    let bytes = s.as_bytes();
    for (k, c) in s.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            ',' if depth == 0 && bytes.get(k + 1).is_some_and(|b| b.is_ascii_whitespace()) => cuts.push(k + 1),
            _ => {}
        }
    }
    if cuts.len() < 3 {
        return None;
    }
    cuts.push(s.len());
    let mut parts = Vec::new();
    for w in cuts.windows(2) {
        let seg = &s[w[0]..w[1]];
        let mut a = w[0] + (seg.len() - seg.trim_start().len());
        let body = &s[a..w[1]];
        let lower = body.to_lowercase();
        // "…, SQL, or Go": alternatives that meet one requirement.
        if lower.starts_with("or ") || lower.starts_with("and/or ") {
            return None;
        }
        for joint in ["and ", "as well as ", "plus "] {
            if body.get(..joint.len()).is_some_and(|h| h.eq_ignore_ascii_case(joint)) {
                a += joint.len();
                break;
            }
        }
        let b = a + s[a..w[1]].trim_end().trim_end_matches([',', '.', ';']).trim_end().len();
        if b <= a {
            return None;
        }
        parts.push((a, b));
    }
    let words = |p: &(usize, usize)| s[p.0..p.1].split_whitespace().count();
    let own_phrase = |p: &(usize, usize)| {
        words(p) >= 2 || crate::text::tokenize(&s[p.0..p.1]).first().is_some_and(|t| t.is_acronym())
    };
    (parts.iter().all(own_phrase) && parts.iter().filter(|p| words(p) >= 3).count() >= 2).then_some(parts)
}

/// Parse the cleaned posting (skipping its first line, the title line, when `skip_first`).
pub fn structure(text: &str, skip_first: bool) -> Structure {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut off = 0;
    for l in text.split('\n') {
        lines.push((off, l));
        off += l.len() + 1;
    }
    let first_content = lines.iter().position(|(_, l)| !l.trim().is_empty()).unwrap_or(0);
    let bare = bare_list_lines(&lines);
    let mut section = SectionKind::Intro;
    let mut items: Vec<Item> = Vec::new();
    let mut headings = Vec::new();
    let mut has_req = false;
    let mut about_name = None;

    let mut heading_no = 0usize;
    let push_prose = |items: &mut Vec<Item>, start: usize, body: &str, section: SectionKind, run_in: bool, heading_no: usize| {
        for (s, e) in crate::text::sentences(body) {
            let parts = if run_in { list_parts(&body[s..e]) } else { None };
            for (a, b) in parts.unwrap_or_else(|| vec![(0, e - s)]) {
                items.push(Item { start: start + s + a, end: start + s + b, section, index: 0, is_bullet: false, run_in, section_has_bullets: false, heading_no });
            }
        }
    };

    for (n, (off, line)) in lines.iter().enumerate() {
        if skip_first && n == first_content {
            continue;
        }
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        if let Some(m) = bullet_marker_len(line) {
            let body = line[m..].trim_end();
            if !body.is_empty() {
                // A bullet that is itself a run-in heading ("• Required: …").
                if let Some((head, c)) = run_in_heading(body) {
                    let kind = classify_heading(&head);
                    has_req |= matches!(kind, SectionKind::Must | SectionKind::Nice | SectionKind::Duties);
                    let start = off + m + c;
                    items.push(Item { start, end: off + m + body.len(), section: kind, index: 0, is_bullet: true, run_in: true, section_has_bullets: false, heading_no });
                    continue;
                }
                items.push(Item { start: off + m, end: off + m + body.len(), section, index: 0, is_bullet: true, run_in: false, section_has_bullets: false, heading_no });
            }
            continue;
        }
        let next_is_content = lines[n + 1..]
            .iter()
            .find(|(_, l)| !l.trim().is_empty())
            .is_some_and(|(_, l)| bullet_marker_len(l).is_some() || word_count(l) > 8);
        if bare[n] {
            // A bare list's lines are its items, like bullets.
            items.push(Item { start: off + lead, end: off + line.trim_end().len(), section, index: 0, is_bullet: true, run_in: false, section_has_bullets: false, heading_no });
            continue;
        }
        if is_heading(t, next_is_content) {
            let kind = classify_heading(t);
            if t.to_lowercase().starts_with("about ") && kind == SectionKind::Boilerplate {
                let name = t[6..].trim_end_matches(':').trim();
                if !name.is_empty() && word_count(name) <= 4 {
                    about_name = Some(name.to_string());
                }
            }
            section = if kind == SectionKind::Other { SectionKind::Other } else { kind };
            has_req |= matches!(kind, SectionKind::Must | SectionKind::Nice | SectionKind::Duties);
            headings.push((t.to_string(), kind));
            heading_no += 1;
            continue;
        }
        if let Some((head, c)) = run_in_heading(t) {
            let kind = classify_heading(&head);
            has_req |= matches!(kind, SectionKind::Must | SectionKind::Nice | SectionKind::Duties);
            let start = off + lead + c;
            let body = &text[start..off + line.trim_end().len()];
            // Run-in content is usually a list: "Required: A, B, and C." (see [`list_parts`]).
            push_prose(&mut items, start, body, kind, true, heading_no);
            continue;
        }
        let body_start = off + lead;
        let body = &text[body_start..off + line.trim_end().len()];
        push_prose(&mut items, body_start, body, section, false, heading_no);
    }
    if !headings.iter().any(|(_, k)| *k == SectionKind::Must) {
        let desired: Vec<usize> =
            headings.iter().enumerate().filter(|(_, (h, k))| *k == SectionKind::Nice && only_desired(h)).map(|(i, _)| i + 1).collect();
        if let [no] = desired[..] {
            headings[no - 1].1 = SectionKind::Must;
            for it in items.iter_mut().filter(|it| it.heading_no == no && !it.run_in) {
                it.section = SectionKind::Must;
            }
            has_req = true;
        }
    }
    // "The role" followed by a list of "Develop…", "Build…", "Present…": a heading that
    // usually opens a pitch, over a list whose items mostly open with a verb, lists duties.
    for (no, (_, kind)) in headings.iter_mut().enumerate().map(|(k, h)| (k + 1, h)) {
        if *kind != SectionKind::Intro {
            continue;
        }
        let list: Vec<&Item> = items.iter().filter(|it| it.heading_no == no && it.is_bullet && !it.run_in).collect();
        let verbs = list.iter().filter(|it| opens_with_verb(&text[it.start..it.end])).count();
        if list.len() >= 3 && verbs * 3 >= list.len() * 2 {
            *kind = SectionKind::Duties;
            for it in items.iter_mut().filter(|it| it.heading_no == no && it.section == SectionKind::Intro) {
                it.section = SectionKind::Duties;
            }
            has_req = true;
        }
    }
    let bulleted: std::collections::HashSet<usize> =
        items.iter().filter(|i| i.is_bullet && !i.run_in).map(|i| i.heading_no).collect();
    for it in items.iter_mut() {
        it.section_has_bullets = bulleted.contains(&it.heading_no);
    }
    // Number items within their sections.
    let mut counts: Vec<(SectionKind, usize)> = Vec::new();
    let mut last_kind = None;
    let mut idx = 0;
    for it in items.iter_mut() {
        if last_kind != Some(it.section) {
            idx = 0;
            last_kind = Some(it.section);
        }
        it.index = idx;
        idx += 1;
        counts.push((it.section, idx));
    }
    Structure { items, has_requirement_sections: has_req, headings, about_name }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_classify_by_general_cues() {
        assert_eq!(classify_heading("What you'll do"), SectionKind::Duties);
        assert_eq!(classify_heading("Minimum qualifications"), SectionKind::Must);
        assert_eq!(classify_heading("Preferred Qualifications"), SectionKind::Nice);
        assert_eq!(classify_heading("Nice to have"), SectionKind::Nice);
        assert_eq!(classify_heading("Bonus points"), SectionKind::Nice);
        assert_eq!(classify_heading("About Vantaloop"), SectionKind::Boilerplate);
        assert_eq!(classify_heading("Compensation and benefits"), SectionKind::Boilerplate);
        assert_eq!(classify_heading("You might be a fit if"), SectionKind::Must);
        assert_eq!(classify_heading("Basic Qualifications"), SectionKind::Must);
        assert_eq!(classify_heading("Desired"), SectionKind::Nice);
        assert_eq!(classify_heading("The role"), SectionKind::Intro);
        assert_eq!(classify_heading("About the role"), SectionKind::Intro);
    }

    #[test]
    fn bare_lists_under_a_heading_are_items_not_headings() {
        let t = "Physiotherapist — Trust\n\nEssential criteria\nDegree in Physiotherapy\nHCPC registration\nPost-graduate MSK experience at Band 5 level or above\n\nDesirable criteria\nAcupuncture accreditation\nExperience of running hydrotherapy sessions\nInjection therapy training\n\nThis post is subject to a DBS check.\n";
        let s = structure(t, true);
        let got: Vec<(&str, SectionKind)> = s.items.iter().map(|i| (&t[i.start..i.end], i.section)).collect();
        assert_eq!(
            got,
            vec![
                ("Degree in Physiotherapy", SectionKind::Must),
                ("HCPC registration", SectionKind::Must),
                ("Post-graduate MSK experience at Band 5 level or above", SectionKind::Must),
                ("Acupuncture accreditation", SectionKind::Nice),
                ("Experience of running hydrotherapy sessions", SectionKind::Nice),
                ("Injection therapy training", SectionKind::Nice),
                ("This post is subject to a DBS check.", SectionKind::Nice),
            ]
        );
        // A heading followed by one short line and a bulleted list keeps both headings.
        let t = "T — Co\n\nAbout the role\nWhat you'll do\n- Build APIs\n- Run on-call\n";
        let s = structure(t, true);
        assert!(s.items.iter().all(|i| i.section == SectionKind::Duties && i.is_bullet), "{:?}", s.items);
    }

    /// A heading of six or seven words that is a phrase opens its section ("What your days
    /// will look like" after "Who we are"); a header line of names and places does not.
    #[test]
    fn a_longer_phrase_heading_opens_a_section_and_a_header_line_does_not() {
        let t = "Vet Tech — Clinic\n\nWho we are\nWe are a six-doctor small animal hospital on the west side of town with an in-house lab.\n\nWhat your days will look like\n– Prepare patients for anesthesia and monitor them through recovery\n– Draw blood and run the in-house lab\n";
        let s = structure(t, true);
        let duties: Vec<&str> = s.items.iter().filter(|i| i.section != SectionKind::Boilerplate).map(|i| &t[i.start..i.end]).collect();
        assert_eq!(duties, ["Prepare patients for anesthesia and monitor them through recovery", "Draw blood and run the in-house lab"]);
        let t = "Litigation Associate\nMarlowe Kensington LLP — Chicago, IL (hybrid)\nOur Chicago office seeks an associate with four to seven years of experience to join a busy trial practice.\n";
        let s = structure(t, true);
        assert!(s.headings.is_empty(), "{:?}", s.headings);
    }

    /// "We'd love it if you also have: …" lists nice-to-haves.
    #[test]
    fn we_would_love_it_if_is_a_nice_to_have_lead() {
        let t = "T — Co\n\nRequirements\n1. Two years of clinical experience\n\nWe'd love it if you also have: Fear Free certification, emergency or critical care experience, or ezyVet experience.\n";
        let s = structure(t, true);
        let last = s.items.last().unwrap();
        assert_eq!(last.section, SectionKind::Nice, "{:?}", s.items);
        assert!(t[last.start..last.end].starts_with("Fear Free certification"));
    }

    #[test]
    fn desired_skills_is_the_requirements_list_only_when_there_is_no_other() {
        let alone = "T — Co\n\nResponsibilities\n- Own email\n\nDesired Skills & Experience\n- 3+ years in CRM marketing\n- Klaviyo\n";
        let s = structure(alone, true);
        assert!(s.items.iter().skip(1).all(|i| i.section == SectionKind::Must), "{:?}", s.items);
        let both = "T — Co\n\nRequired qualifications\n- SQL\n\nDesired qualifications\n- Python\n";
        let s = structure(both, true);
        assert_eq!(s.items.iter().map(|i| i.section).collect::<Vec<_>>(), [SectionKind::Must, SectionKind::Nice]);
    }

    #[test]
    fn bullets_headings_and_run_ins_become_items() {
        let t = "Title — Co\n\nRequirements\n- Go in production\n- Kafka\n\nNice to have\n• Terraform\n\nRequired: RN license. Two years of bedside nursing.\nPreferred: Epic certification.\n";
        let s = structure(t, true);
        let got: Vec<(&str, SectionKind)> = s.items.iter().map(|i| (&t[i.start..i.end], i.section)).collect();
        assert_eq!(
            got,
            vec![
                ("Go in production", SectionKind::Must),
                ("Kafka", SectionKind::Must),
                ("Terraform", SectionKind::Nice),
                ("RN license.", SectionKind::Must),
                ("Two years of bedside nursing.", SectionKind::Must),
                ("Epic certification.", SectionKind::Nice),
            ]
        );
        assert!(s.has_requirement_sections);
    }

    #[test]
    fn a_run_in_list_of_qualifications_is_one_item_each() {
        let t = "Title — Co\n\nRequired: Current Ohio RN license (or multistate compact license), BSN, 3+ years of acute care nursing experience, strong communication and teaching skills, and proficiency with Microsoft Office (Excel, Visio).\n";
        let s = structure(t, true);
        let got: Vec<&str> = s.items.iter().map(|i| &t[i.start..i.end]).collect();
        assert_eq!(
            got,
            vec![
                "Current Ohio RN license (or multistate compact license)",
                "BSN",
                "3+ years of acute care nursing experience",
                "strong communication and teaching skills",
                "proficiency with Microsoft Office (Excel, Visio)",
            ]
        );
        assert!(s.items.iter().all(|i| i.run_in && i.section == SectionKind::Must));
        // Words under one head stay one requirement.
        for whole in [
            "Required: Excellent written, verbal, and interpersonal communication skills.",
            "Required: 3+ years with Python, SQL, or Go in production.",
            "Required: Bachelor's degree in Biology, Chemistry, or a related field.",
            "Required: Experience with payments, ledgers, or 1,000 TPS systems, and strong SQL.",
        ] {
            let t = format!("Title — Co\n\n{whole}\n");
            assert_eq!(structure(&t, true).items.len(), 1, "{whole}");
        }
    }

    #[test]
    fn numbered_and_parenthesised_markers_are_bullets() {
        assert_eq!(bullet_marker_len("1. Lead audits"), Some(3));
        assert_eq!(bullet_marker_len("(a) Lead audits"), Some(4));
        assert_eq!(bullet_marker_len("- x"), Some(2));
        assert_eq!(bullet_marker_len("-5 degrees"), None);
        assert_eq!(bullet_marker_len("2024 was good"), None);
    }
}
