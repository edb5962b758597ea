//! The ATS read-back: what an applicant tracking system can take from the finished PDF.
//!
//! Job seekers look for a "match rate" before they upload. The honest version is computed
//! from the file itself: the worker reads the PDF's text layer back from its bytes
//! (`fitted_typeset::readback`) and this module compares those lines with what the résumé
//! says the page shows: the name and contact details, each role's title, organisation and
//! dates (and whether title and organisation sit on lines of their own, which parsers that
//! read line by line need), every bullet present and in order, and which of the posting's
//! keywords appear. Text is compared with white space collapsed; keywords match as whole
//! words without case ([`crate::matching`]). Pure: the same lines give the same report.

use serde::{Deserialize, Serialize};

use crate::matching::{self, Boundary};
use crate::render_source::{view, SectionBody};
use crate::resume::JsonResume;

/// One value and whether the text layer has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Found {
    pub text: String,
    pub found: bool,
}

/// One role as read back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleRead {
    pub title: Option<Found>,
    pub org: Option<Found>,
    pub dates: Option<Found>,
    /// Title and organisation each make up a whole line (parsers reading lines find them).
    pub own_lines: bool,
}

/// Seed-free Fitted record: the ATS check of one typeset PDF.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AtsReport {
    pub name: Option<Found>,
    pub contacts: Vec<Found>,
    pub roles: Vec<RoleRead>,
    pub bullets_total: u32,
    pub bullets_found: u32,
    /// Whether the bullets found come in the résumé's order.
    pub bullets_in_order: bool,
    pub missing_bullets: Vec<String>,
    pub keywords: Vec<Found>,
    /// Lines of text the PDF holds (for "what an ATS sees").
    pub lines: Vec<String>,
    /// What is wrong and how to fix it; empty when everything was found.
    pub problems: Vec<String>,
}

impl AtsReport {
    pub fn keywords_found(&self) -> usize {
        self.keywords.iter().filter(|k| k.found).count()
    }
    pub fn passed(&self) -> bool {
        self.problems.is_empty()
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Compares the PDF's text `lines` with what `doc` (the résumé that was typeset) shows, and
/// looks for each of `keywords` (the posting's) as a whole word.
pub fn read_back(lines: &[String], doc: &JsonResume, keywords: &[String]) -> AtsReport {
    let lines: Vec<String> = lines.iter().map(|l| squash(l)).filter(|l| !l.is_empty()).collect();
    let all = lines.join(" ");
    let has = |s: &str| all.contains(&squash(s));
    let found = |s: &str| Found { text: s.to_string(), found: has(s) };
    let whole_line = |s: &str| lines.iter().any(|l| *l == squash(s));
    let v = view(doc);
    let mut problems = Vec::new();

    let name = v.name.as_deref().map(|n| Found { text: n.to_string(), found: lines.first().is_some_and(|l| *l == squash(n)) });
    if name.as_ref().is_some_and(|n| !n.found) {
        problems.push("The name is not the first line of text on its own: parsers take the first line as the name. Use a template that sets it alone.".to_string());
    }
    let contacts: Vec<Found> = v.contact.iter().map(|c| found(&c.text)).collect();
    for c in contacts.iter().filter(|c| !c.found) {
        problems.push(format!("“{}” is not in the PDF's text. Check the contact details in the editor.", c.text));
    }

    let mut roles = Vec::new();
    let mut bullets: Vec<&str> = Vec::new();
    for section in &v.sections {
        let SectionBody::Entries(entries) = &section.body else { continue };
        for e in entries {
            bullets.extend(e.bullets.iter().map(String::as_str));
            if section.id != "work" {
                continue;
            }
            let role = RoleRead {
                title: e.title.as_deref().map(found),
                org: e.org.as_deref().map(found),
                dates: e.dates.as_deref().map(found),
                own_lines: e.title.as_deref().is_none_or(whole_line) && e.org.as_deref().is_none_or(whole_line),
            };
            let what = e.title.as_deref().or(e.org.as_deref()).unwrap_or("a role");
            for (field, label) in [(&role.title, "title"), (&role.org, "organisation"), (&role.dates, "dates")] {
                if field.as_ref().is_some_and(|f| !f.found) {
                    problems.push(format!("The {label} of “{what}” is not in the PDF's text. Try another template."));
                }
            }
            if !role.own_lines {
                problems.push(format!("The title and organisation of “{what}” do not sit on lines of their own, so a parser reading lines may run them together. Try another template."));
            }
            roles.push(role);
        }
    }

    // Bullets in order: each searched after the end of the one before.
    let mut from = 0;
    let mut in_order = true;
    let mut missing = Vec::new();
    let mut bullets_found = 0;
    for b in &bullets {
        let needle = squash(b);
        match all[from..].find(&needle) {
            Some(at) => {
                bullets_found += 1;
                from += at + needle.len();
            }
            None if all.contains(&needle) => {
                bullets_found += 1;
                in_order = false;
            }
            None => missing.push(b.to_string()),
        }
    }
    if !missing.is_empty() {
        problems.push(format!(
            "{} chosen bullet(s) are not in the PDF's text, e.g. “{}”. Remove unusual characters from them, or report this résumé.",
            missing.len(),
            missing[0]
        ));
    }
    if !in_order {
        problems.push("The bullets are not read back in the order they are shown: a parser may attach them to the wrong role. Try another template.".to_string());
    }

    let keywords = keywords
        .iter()
        .map(|k| Found { text: k.clone(), found: matching::occurs(&all, k, Boundary::Word) })
        .collect();
    AtsReport {
        name,
        contacts,
        roles,
        bullets_total: bullets.len() as u32,
        bullets_found,
        bullets_in_order: in_order,
        missing_bullets: missing,
        keywords,
        lines,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> JsonResume {
        serde_json::from_str(
            r#"{"basics":{"name":"Ada Lovelace","email":"ada@example.com"},
                "work":[{"name":"Analytical Engines","position":"Programmer","startDate":"2020-01",
                         "highlights":["Wrote the first program","Explained the engine"]}]}"#,
        )
        .unwrap()
    }

    fn lines(s: &[&str]) -> Vec<String> {
        s.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn a_complete_read_back_has_no_problems() {
        let r = read_back(
            &lines(&["Ada Lovelace", "ada@example.com", "Experience", "Programmer", "Analytical Engines", "Jan 2020 – Present", "• Wrote the first", "program", "• Explained the engine"]),
            &doc(),
            &["program".to_string(), "Python".to_string()],
        );
        assert!(r.passed(), "{:?}", r.problems);
        assert_eq!((r.bullets_found, r.bullets_total), (2, 2));
        assert_eq!(r.keywords_found(), 1);
        assert!(r.roles[0].own_lines);
    }

    #[test]
    fn missing_text_and_merged_lines_are_problems_that_say_what_to_do() {
        let r = read_back(
            &lines(&["Ada Lovelace", "Programmer, Analytical Engines", "Jan 2020 – Present", "• Explained the engine"]),
            &doc(),
            &[],
        );
        assert_eq!(r.missing_bullets, vec!["Wrote the first program".to_string()]);
        assert!(!r.roles[0].own_lines);
        assert!(r.problems.iter().any(|p| p.contains("ada@example.com")), "{:?}", r.problems);
        assert!(r.problems.iter().any(|p| p.contains("lines of their own")), "{:?}", r.problems);
    }

    #[test]
    fn bullets_out_of_order_are_reported() {
        let r = read_back(
            &lines(&["Ada Lovelace", "ada@example.com", "Programmer", "Analytical Engines", "Jan 2020 – Present", "• Explained the engine", "• Wrote the first program"]),
            &doc(),
            &[],
        );
        assert!(!r.bullets_in_order);
        assert_eq!(r.bullets_found, 2);
    }
}
