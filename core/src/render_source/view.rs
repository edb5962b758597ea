//! What a résumé page shows, in reading order, independent of any typesetter.
//!
//! Both emitters (Typst and LaTeX) render this view, so the PDF and the `.tex` export show the
//! same text in the same order: contact details in the body (ATS parsers often skip page
//! headers and footers), then JSON Resume's sections in a fixed order, empty ones left out.
//! Every string here is already cleaned (see [`super::text`]) but otherwise the user's own.

use serde::Serialize;

use super::dates::{format_date, format_range};
use super::text::{clean_paragraphs, field, items};
use crate::resume::{Basics, JsonResume, Location, Profile};

/// The whole page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResumeView {
    /// PDF metadata title, e.g. "Ada Lovelace — Résumé".
    pub title: String,
    /// PDF metadata author (the person's name; empty when unknown).
    pub author: String,
    pub name: Option<String>,
    pub label: Option<String>,
    pub contact: Vec<ContactItem>,
    pub sections: Vec<Section>,
}

/// What a contact item is, so templates and tests can tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ContactKind {
    Email,
    Phone,
    Url,
    Location,
    Profile,
}

impl ContactKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ContactKind::Email => "email",
            ContactKind::Phone => "phone",
            ContactKind::Url => "url",
            ContactKind::Location => "location",
            ContactKind::Profile => "profile",
        }
    }
}

/// One item of the contact line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactItem {
    pub kind: ContactKind,
    pub text: String,
    /// Link target, only for schemes a reader can safely follow (`https:`, `http:`,
    /// `mailto:`, `tel:`).
    pub href: Option<String>,
}

/// A titled section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// The JSON Resume key it comes from (`work`, `skills`, …; `summary` for basics.summary).
    pub id: &'static str,
    pub title: &'static str,
    pub body: SectionBody,
}

/// The three shapes a section can take.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum SectionBody {
    /// Paragraphs of prose (the summary).
    Paragraphs(Vec<String>),
    /// Dated entries with a header, prose and bullets (work, education, …).
    Entries(Vec<Entry>),
    /// Label–text rows (skills, interests).
    Rows(Vec<Row>),
    /// Short items shown on one line (languages).
    Inline(Vec<String>),
}

/// One entry: a header (title, organisation, location, dates), then prose, bullets and
/// labelled details — the order every template shows them in.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Entry {
    pub title: Option<String>,
    pub org: Option<String>,
    pub location: Option<String>,
    pub dates: Option<String>,
    pub href: Option<String>,
    pub summary: Vec<String>,
    pub bullets: Vec<String>,
    pub details: Vec<Row>,
}

impl Entry {
    fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.org.is_none()
            && self.location.is_none()
            && self.dates.is_none()
            && self.summary.is_empty()
            && self.bullets.is_empty()
            && self.details.is_empty()
    }
}

/// A label (optional) and its text, e.g. "Languages: Rust, Go".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub label: Option<String>,
    pub text: Option<String>,
}

impl ResumeView {
    /// Every string the page shows, in reading order (used to pick fallback fonts and by
    /// tests that check extraction order).
    pub fn strings(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        out.extend(self.name.as_deref());
        out.extend(self.label.as_deref());
        out.extend(self.contact.iter().map(|c| c.text.as_str()));
        for section in &self.sections {
            out.push(section.title);
            match &section.body {
                SectionBody::Paragraphs(p) | SectionBody::Inline(p) => {
                    out.extend(p.iter().map(String::as_str))
                }
                SectionBody::Entries(entries) => {
                    for e in entries {
                        out.extend(e.title.as_deref());
                        out.extend(e.org.as_deref());
                        out.extend(e.location.as_deref());
                        out.extend(e.dates.as_deref());
                        out.extend(e.summary.iter().map(String::as_str));
                        out.extend(e.bullets.iter().map(String::as_str));
                        for row in &e.details {
                            out.extend(row.label.as_deref());
                            out.extend(row.text.as_deref());
                        }
                    }
                }
                SectionBody::Rows(rows) => {
                    for row in rows {
                        out.extend(row.label.as_deref());
                        out.extend(row.text.as_deref());
                    }
                }
            }
        }
        out
    }
}

/// Builds the view of a résumé.
pub fn build(doc: &JsonResume) -> ResumeView {
    let basics = doc.basics.clone().unwrap_or_default();
    let name = field(basics.name.as_ref());
    let title = match &name {
        Some(n) => format!("{n} — Résumé"),
        None => "Résumé".to_string(),
    };
    let mut sections = Vec::new();
    let summary = basics
        .summary
        .as_deref()
        .map(clean_paragraphs)
        .unwrap_or_default();
    if !summary.is_empty() {
        sections.push(Section {
            id: "summary",
            title: "Summary",
            body: SectionBody::Paragraphs(summary),
        });
    }
    push_entries(&mut sections, "work", "Experience", work(doc));
    push_entries(&mut sections, "projects", "Projects", projects(doc));
    push_entries(&mut sections, "education", "Education", education(doc));
    push_rows(&mut sections, "skills", "Skills", skills(doc));
    push_entries(&mut sections, "awards", "Awards", awards(doc));
    push_entries(
        &mut sections,
        "certificates",
        "Certifications",
        certificates(doc),
    );
    push_entries(
        &mut sections,
        "publications",
        "Publications",
        publications(doc),
    );
    push_entries(&mut sections, "volunteer", "Volunteering", volunteer(doc));
    let languages = languages(doc);
    if !languages.is_empty() {
        sections.push(Section {
            id: "languages",
            title: "Languages",
            body: SectionBody::Inline(languages),
        });
    }
    push_rows(&mut sections, "interests", "Interests", interests(doc));
    push_entries(&mut sections, "references", "References", references(doc));

    ResumeView {
        title,
        author: name.clone().unwrap_or_default(),
        name,
        label: field(basics.label.as_ref()),
        contact: contact(&basics),
        sections,
    }
}

fn push_entries(out: &mut Vec<Section>, id: &'static str, title: &'static str, e: Vec<Entry>) {
    let entries: Vec<Entry> = e.into_iter().filter(|e| !e.is_empty()).collect();
    if !entries.is_empty() {
        out.push(Section {
            id,
            title,
            body: SectionBody::Entries(entries),
        });
    }
}

fn push_rows(out: &mut Vec<Section>, id: &'static str, title: &'static str, rows: Vec<Row>) {
    let rows: Vec<Row> = rows
        .into_iter()
        .filter(|r| r.label.is_some() || r.text.is_some())
        .collect();
    if !rows.is_empty() {
        out.push(Section {
            id,
            title,
            body: SectionBody::Rows(rows),
        });
    }
}

fn contact(basics: &Basics) -> Vec<ContactItem> {
    let mut out = Vec::new();
    if let Some(email) = field(basics.email.as_ref()) {
        let href = (email.contains('@') && !email.contains(' ')).then(|| format!("mailto:{email}"));
        out.push(ContactItem {
            kind: ContactKind::Email,
            text: email,
            href,
        });
    }
    if let Some(phone) = field(basics.phone.as_ref()) {
        let dial: String = phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        let href = (dial.len() >= 3).then(|| format!("tel:{dial}"));
        out.push(ContactItem {
            kind: ContactKind::Phone,
            text: phone,
            href,
        });
    }
    if let Some(url) = field(basics.url.as_ref()) {
        out.push(ContactItem {
            kind: ContactKind::Url,
            text: display_url(&url),
            href: web_href(&url),
        });
    }
    if let Some(location) = basics.location.as_ref().and_then(location_text) {
        out.push(ContactItem {
            kind: ContactKind::Location,
            text: location,
            href: None,
        });
    }
    for profile in basics.profiles.as_deref().unwrap_or(&[]) {
        if let Some(item) = profile_item(profile) {
            out.push(item);
        }
    }
    out
}

/// "Street, Postcode City, Region, CC" from whichever parts are present. A numeric code
/// with no region goes before the city as continental Europe writes it ("10115 Berlin");
/// otherwise after the city and region, as in "Denver, CO 80205" or "London SW1A 1AA".
fn location_text(location: &Location) -> Option<String> {
    let joined = |a: Option<String>, b: Option<String>| {
        let t = [a, b].into_iter().flatten().collect::<Vec<_>>().join(" ");
        (!t.is_empty()).then_some(t)
    };
    let (code, city, region) = (field(location.postal_code.as_ref()), field(location.city.as_ref()), field(location.region.as_ref()));
    let numeric = code.as_deref().is_some_and(|c| c.chars().all(|ch| ch.is_ascii_digit() || ch == '-' || ch == ' '));
    let (city, region) = match (region, numeric) {
        (Some(r), _) => (city, joined(Some(r), code)),
        (None, true) => (joined(code, city), None),
        (None, false) => (joined(city, code), None),
    };
    let parts: Vec<String> = [field(location.address.as_ref()), city, region, field(location.country_code.as_ref())]
        .into_iter()
        .flatten()
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// An item's date, unless its text already says the year ("Ranked #2 … in 2023").
fn date_unless_written(text: Option<&String>, date: Option<&String>) -> Option<String> {
    let year = date.map(|d| d.chars().take(4).collect::<String>()).filter(|y| y.len() == 4);
    match (text, year) {
        (Some(t), Some(y)) if t.contains(y.as_str()) => None,
        _ => format_date(date),
    }
}

/// A profile shows its URL (what a reader of a printout can type) when there is one, else
/// "Network: username".
fn profile_item(profile: &Profile) -> Option<ContactItem> {
    let network = field(profile.network.as_ref());
    let username = field(profile.username.as_ref());
    let url = field(profile.url.as_ref());
    let text = match (&url, &network, &username) {
        (Some(u), _, _) => display_url(u),
        (None, Some(n), Some(user)) => format!("{n}: {user}"),
        (None, None, Some(user)) => user.clone(),
        (None, Some(n), None) => n.clone(),
        (None, None, None) => return None,
    };
    Some(ContactItem {
        kind: ContactKind::Profile,
        text,
        href: url.as_deref().and_then(web_href),
    })
}

/// A URL as printed: without the `https://` and `www.` a reader does not need, and without a
/// trailing slash. The link target keeps the full URL.
fn display_url(url: &str) -> String {
    let lower = url.to_ascii_lowercase();
    let mut rest = url;
    for scheme in ["https://", "http://"] {
        if lower.starts_with(scheme) {
            rest = &url[scheme.len()..];
            break;
        }
    }
    if rest.to_ascii_lowercase().starts_with("www.") {
        rest = &rest[4..];
    }
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.is_empty() {
        url.to_string()
    } else {
        rest.to_string()
    }
}

/// A link target only for web URLs; anything else (javascript:, file:, relative) stays text.
fn web_href(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    ((lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.contains(char::is_whitespace))
    .then(|| url.to_string())
}

fn paragraphs(values: &[Option<&String>]) -> Vec<String> {
    values
        .iter()
        .flatten()
        .flat_map(|v| clean_paragraphs(v))
        .collect()
}

fn detail(label: &str, text: Option<String>) -> Option<Row> {
    text.map(|t| Row {
        label: Some(label.to_string()),
        text: Some(t),
    })
}

fn joined(values: Option<&Vec<String>>) -> Option<String> {
    let list = items(values);
    (!list.is_empty()).then(|| list.join(", "))
}

fn work(doc: &JsonResume) -> Vec<Entry> {
    doc.work()
        .iter()
        .map(|w| {
            let position = field(w.position.as_ref());
            let name = field(w.name.as_ref());
            // An entry without a position is headed by the employer instead.
            let (title, org) = match position {
                Some(p) => (Some(p), name),
                None => (name, None),
            };
            Entry {
                title,
                org,
                location: field(w.location.as_ref()),
                dates: format_range(w.start_date.as_ref(), w.end_date.as_ref()),
                href: w.url.as_deref().and_then(web_href),
                summary: paragraphs(&[w.description.as_ref(), w.summary.as_ref()]),
                bullets: items(w.highlights.as_ref()),
                details: Vec::new(),
            }
        })
        .collect()
}

fn projects(doc: &JsonResume) -> Vec<Entry> {
    doc.projects()
        .iter()
        .map(|p| Entry {
            title: field(p.name.as_ref()),
            org: field(p.entity.as_ref()),
            location: None,
            dates: format_range(p.start_date.as_ref(), p.end_date.as_ref()),
            href: p.url.as_deref().and_then(web_href),
            summary: paragraphs(&[p.description.as_ref()]),
            bullets: items(p.highlights.as_ref()),
            details: [
                detail("Roles", joined(p.roles.as_ref())),
                detail("Keywords", joined(p.keywords.as_ref())),
            ]
            .into_iter()
            .flatten()
            .collect(),
        })
        .collect()
}

fn education(doc: &JsonResume) -> Vec<Entry> {
    doc.education()
        .iter()
        .map(|e| {
            let title = match (field(e.study_type.as_ref()), field(e.area.as_ref())) {
                (Some(t), Some(a)) => Some(format!("{t} in {a}")),
                (t, a) => t.or(a),
            };
            // Honours ("cum laude", "First Class") read with the degree; a number (a GPA)
            // is a detail of its own.
            let score = field(e.score.as_ref());
            let (title, score) = match (title, score) {
                (Some(t), Some(s)) if !s.chars().any(|c| c.is_ascii_digit()) => (Some(format!("{t}, {s}")), None),
                (t, s) => (t, s),
            };
            let institution = field(e.institution.as_ref());
            let (title, org) = match title {
                Some(t) => (Some(t), institution),
                None => (institution, None),
            };
            Entry {
                title,
                org,
                location: None,
                dates: format_range(e.start_date.as_ref(), e.end_date.as_ref()),
                href: e.url.as_deref().and_then(web_href),
                summary: Vec::new(),
                bullets: Vec::new(),
                details: [
                    detail("Score", score),
                    detail("Courses", joined(e.courses.as_ref())),
                ]
                .into_iter()
                .flatten()
                .collect(),
            }
        })
        .collect()
}

fn skills(doc: &JsonResume) -> Vec<Row> {
    doc.skills()
        .iter()
        .map(|s| {
            let label = match (field(s.name.as_ref()), field(s.level.as_ref())) {
                (Some(n), Some(l)) => Some(format!("{n} ({l})")),
                (n, l) => n.or(l),
            };
            Row {
                label,
                text: joined(s.keywords.as_ref()),
            }
        })
        .collect()
}

fn awards(doc: &JsonResume) -> Vec<Entry> {
    doc.awards()
        .iter()
        .map(|a| Entry {
            title: field(a.title.as_ref()),
            org: field(a.awarder.as_ref()),
            dates: date_unless_written(a.title.as_ref(), a.date.as_ref()),
            summary: paragraphs(&[a.summary.as_ref()]),
            ..Entry::default()
        })
        .collect()
}

fn certificates(doc: &JsonResume) -> Vec<Entry> {
    doc.certificates()
        .iter()
        .map(|c| Entry {
            title: field(c.name.as_ref()),
            org: field(c.issuer.as_ref()),
            dates: date_unless_written(c.name.as_ref(), c.date.as_ref()),
            href: c.url.as_deref().and_then(web_href),
            ..Entry::default()
        })
        .collect()
}

fn publications(doc: &JsonResume) -> Vec<Entry> {
    doc.publications
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .map(|p| Entry {
            title: field(p.name.as_ref()),
            org: field(p.publisher.as_ref()),
            dates: format_date(p.release_date.as_ref()),
            href: p.url.as_deref().and_then(web_href),
            summary: paragraphs(&[p.summary.as_ref()]),
            ..Entry::default()
        })
        .collect()
}

fn volunteer(doc: &JsonResume) -> Vec<Entry> {
    doc.volunteer
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .map(|v| {
            let position = field(v.position.as_ref());
            let organization = field(v.organization.as_ref());
            let (title, org) = match position {
                Some(p) => (Some(p), organization),
                None => (organization, None),
            };
            Entry {
                title,
                org,
                dates: format_range(v.start_date.as_ref(), v.end_date.as_ref()),
                href: v.url.as_deref().and_then(web_href),
                summary: paragraphs(&[v.summary.as_ref()]),
                bullets: items(v.highlights.as_ref()),
                ..Entry::default()
            }
        })
        .collect()
}

fn languages(doc: &JsonResume) -> Vec<String> {
    doc.languages
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .filter_map(
            |l| match (field(l.language.as_ref()), field(l.fluency.as_ref())) {
                (Some(lang), Some(fluency)) => Some(format!("{lang} ({fluency})")),
                (lang, fluency) => lang.or(fluency),
            },
        )
        .collect()
}

fn interests(doc: &JsonResume) -> Vec<Row> {
    doc.interests
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .map(|i| Row {
            label: field(i.name.as_ref()),
            text: joined(i.keywords.as_ref()),
        })
        .collect()
}

fn references(doc: &JsonResume) -> Vec<Entry> {
    doc.references
        .as_deref()
        .unwrap_or(&[])
        .iter()
        .map(|r| Entry {
            title: field(r.name.as_ref()),
            summary: paragraphs(&[r.reference.as_ref()]),
            ..Entry::default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resume::Work;

    #[test]
    fn empty_resume_has_no_sections() {
        let view = build(&JsonResume::default());
        assert!(view.sections.is_empty());
        assert!(view.contact.is_empty());
        assert_eq!(view.title, "Résumé");
    }

    #[test]
    fn work_without_highlights_keeps_its_header() {
        let doc = JsonResume {
            work: Some(vec![Work {
                name: Some("Acme".into()),
                position: Some("Engineer".into()),
                start_date: Some("2020-02".into()),
                highlights: Some(vec![]),
                ..Work::default()
            }]),
            ..JsonResume::default()
        };
        let view = build(&doc);
        let SectionBody::Entries(entries) = &view.sections[0].body else {
            panic!("work is entries")
        };
        assert_eq!(entries[0].title.as_deref(), Some("Engineer"));
        assert_eq!(entries[0].org.as_deref(), Some("Acme"));
        assert_eq!(entries[0].dates.as_deref(), Some("Feb 2020 – Present"));
    }

    /// A US code follows the region, a continental one goes before the city.
    #[test]
    fn a_postal_code_sits_where_its_country_writes_it() {
        let at = |code: &str, city: &str, region: Option<&str>| {
            location_text(&Location { postal_code: Some(code.into()), city: Some(city.into()), region: region.map(Into::into), ..Location::default() })
        };
        assert_eq!(at("80205", "Denver", Some("CO")).as_deref(), Some("Denver, CO 80205"));
        assert_eq!(at("10115", "Berlin", None).as_deref(), Some("10115 Berlin"));
        assert_eq!(at("SW1A 1AA", "London", None).as_deref(), Some("London SW1A 1AA"));
    }

    /// Honours read with the degree; a GPA stays a detail.
    #[test]
    fn honours_follow_the_degree() {
        use crate::resume::Education;
        let edu = |score: &str| JsonResume {
            education: Some(vec![Education { study_type: Some("J.D.".into()), institution: Some("Pritzker School of Law".into()), score: Some(score.into()), ..Education::default() }]),
            ..JsonResume::default()
        };
        let view = build(&edu("cum laude"));
        let SectionBody::Entries(entries) = &view.sections[0].body else { panic!("education is entries") };
        assert_eq!(entries[0].title.as_deref(), Some("J.D., cum laude"));
        assert!(entries[0].details.is_empty());
        let view = build(&edu("3.8/4.0"));
        let SectionBody::Entries(entries) = &view.sections[0].body else { panic!("education is entries") };
        assert_eq!(entries[0].title.as_deref(), Some("J.D."));
        assert_eq!(entries[0].details[0].text.as_deref(), Some("3.8/4.0"));
    }

    /// "Ranked #2 … in 2023" does not print its year twice.
    #[test]
    fn an_items_date_is_not_repeated_after_its_text() {
        let title = Some("Ranked #2 of 38 reps nationally in 2023".to_string());
        assert_eq!(date_unless_written(title.as_ref(), Some(&"2023".to_string())), None);
        assert_eq!(date_unless_written(Some(&"Dean's List".to_string()), Some(&"2023".to_string())).as_deref(), Some("2023"));
    }

    #[test]
    fn urls_display_short_and_link_only_to_the_web() {
        assert_eq!(display_url("https://www.example.com/"), "example.com");
        assert_eq!(display_url("https://"), "https://");
        assert_eq!(web_href("javascript:alert(1)"), None);
        assert_eq!(web_href("HTTPS://x.y"), Some("HTTPS://x.y".into()));
    }
}
