//! Plain text pasted from a PDF or Word résumé, read by layout rules into JSON Resume.
//!
//! The reader works in passes, each in its own module: `lines` cleans the paste and marks
//! bullets; `headings` finds section headings; `contact` reads the block above the first
//! heading (name, headline, e-mail, phone, links, place); `entries` groups jobs, projects,
//! schools and volunteering into entries and reads their header lines; `lists` reads the
//! list-like sections. Rules only, no model: the same paste always gives the same résumé.
//!
//! Nothing the user wrote is dropped. A line that fits no rule goes to the nearest sensible
//! field (an entry's summary, `basics.summary`) or, failing that, to the top-level
//! `x-fitted-unparsed` list; either way a warning names its line. The only lines left out
//! are page furniture (page numbers, a running header repeating the name or contact line),
//! and each of those is reported too.

mod contact;
mod entries;
mod headings;
mod lines;
mod lists;
mod parts;
mod words;

use serde_json::Value;

use self::contact::{norm, read_header};
use self::entries::{group, read_project, read_role, read_school, Entry, EntryDates, Hint};
use self::headings::{heading, Section};
use self::lines::{is_page_number, prepare, tidy, Kind, Line};
use self::words::{degree_hits, done_sentence, fluency_hits, institution_hits, is_all_caps, organisation_named};
use super::errors::{ImportError, WarningKind, Warnings};
use super::imported::{ImportFormat, Imported, DATES_KEY, JSON_RESUME_SCHEMA_URL, MENTORSHIP_KEY, UNPARSED_KEY};
use super::limits::{check_not_binary, check_not_empty, check_size, strip_bom, MAX_TEXT_BYTES};
use crate::resume::{Education, JsonResume, Project, Volunteer, Work};

/// A section's lines, after its heading.
struct Block {
    section: Section,
    /// The heading as written, and its line.
    heading: (usize, String),
    lines: Vec<Line>,
}

/// Reads a résumé pasted as plain text.
/// Whether a name ends in a word organisations are named with ("… Health System",
/// "… LLP", "… Attorney's Office"): shared with the posting reader, which finds employers
/// in the same way.
pub(crate) fn names_organisation(text: &str) -> bool {
    words::ends_in_org_word(text)
}

pub fn parse_plain_text(text: &str) -> Result<Imported, ImportError> {
    check_size(text, MAX_TEXT_BYTES, "pasted text")?;
    let text = strip_bom(text);
    check_not_empty(text, "pasted text")?;
    check_not_binary(text)?;
    let mut w = Warnings::default();
    let all = prepare(text, &mut w);
    let (head, blocks) = sections(all);
    let header = read_header(&head);
    let mut b = Builder { doc: JsonResume { schema: Some(JSON_RESUME_SCHEMA_URL.into()), ..Default::default() }, w, unparsed: Vec::new(), summary: Vec::new() };

    if let Some(no) = header.title_line {
        let title = head.iter().find(|l| l.no == no).map_or("Résumé", |l| l.text.trim());
        b.w.at_line(WarningKind::PageFurniture, no, format!("the document title (\"{}\") was left out.", short(title)));
    }
    // Adjacent prose lines are one paragraph broken by the layout; bullets stay apart.
    let mut paragraphs: Vec<(usize, String)> = Vec::new();
    let mut prev: Option<(usize, bool)> = None;
    for (no, text, bullet) in &header.summary {
        b.w.at_line(WarningKind::Guessed, *no, "text above the first section heading was taken as part of the summary.");
        match (prev, paragraphs.last_mut()) {
            (Some((p, false)), Some((_, para))) if !bullet && p + 1 == *no => lines::join_wrapped(para, false, text),
            _ => paragraphs.push((*no, text.clone())),
        }
        prev = Some((*no, *bullet));
    }
    b.summary.extend(paragraphs.into_iter().map(|(_, t)| tidy(&t)));
    for (no, text) in &header.unplaced {
        b.unplaced(*no, text);
    }
    let name = header.basics.name.as_deref().map(norm);
    let mut basics = header.basics.clone();

    for mut block in blocks {
        block.lines = b.without_furniture(block.lines, &header.running, name.as_deref());
        b.section(block);
    }
    if !b.summary.is_empty() {
        basics.summary = Some(b.summary.join("\n"));
    }
    if basics != Default::default() {
        b.doc.basics = Some(basics);
    }
    if !b.unparsed.is_empty() {
        b.doc.extra.insert(UNPARSED_KEY.into(), Value::from(std::mem::take(&mut b.unparsed)));
    }
    let mut warnings = b.w.finish();
    warnings.sort_by_key(|w| w.line.unwrap_or(usize::MAX));
    Ok(Imported { document: b.doc, format: ImportFormat::PlainText, warnings })
}

/// Splits the lines at section headings: the lines above the first heading, then blocks.
fn sections(all: Vec<Line>) -> (Vec<Line>, Vec<Block>) {
    let mut head = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut heading_caps: Option<bool> = None;
    // Whether the next non-blank line names fluencies: tells a "Languages" section heading
    // from a skills sub-label ("Languages" above "Go, Java").
    let mut next_fluent = vec![false; all.len()];
    let mut fluent = false;
    for (i, l) in all.iter().enumerate().rev() {
        next_fluent[i] = fluent;
        if l.kind != Kind::Blank {
            fluent = fluency_hits(&l.text) > 0;
        }
    }
    let mut open_line = false;
    for (i, line) in all.into_iter().enumerate() {
        let current = blocks.last().map(|b| b.section);
        // A line after one ending in a comma continues it ("…, Code review," / "Mentoring").
        let found = if line.kind == Kind::Text && !open_line { heading(&line.text) } else { None };
        if line.kind != Kind::Blank {
            open_line = line.text.ends_with([',', '&']) || line.text.ends_with(" and");
        } else {
            open_line = false;
        }
        let accept = match (&found, current) {
            (None, _) => false,
            // "Languages: Go, Java" inside Skills is a skills group.
            (Some((_, Some(_))), Some(Section::Skills)) => false,
            // "Skills: Go, Java" starts the skills section even right after a job, but a
            // job's "Technologies: Go, Kafka" line stays with the job.
            (Some((Section::Skills, Some(_))), _) => {
                let head = line.text.split(':').next().unwrap_or("").to_lowercase();
                head.contains("skill") || !matches!(current, Some(Section::Experience | Section::Projects | Section::Volunteer | Section::Education))
            }
            (Some((_, Some(_))), Some(Section::Experience | Section::Projects | Section::Volunteer | Section::Education)) => false,
            (Some((s, Some(_))), Some(c)) => *s != c,
            (Some((_, Some(_))), None) => true,
            // A bare "Languages" or "Tools" inside Skills names a group, unless it looks like
            // the other headings or the next line lists spoken languages.
            (Some((s @ (Section::Skills | Section::Languages), None)), Some(Section::Skills)) => {
                let same_style = heading_caps == Some(true) && is_all_caps(&line.text);
                *s == Section::Languages && (same_style || next_fluent[i])
            }
            (Some((_, None)), _) => true,
        };
        if !accept {
            match blocks.last_mut() {
                Some(b) => b.lines.push(line),
                None => head.push(line),
            }
            continue;
        }
        let Some((section, inline)) = found else { continue };
        if heading_caps.is_none() {
            heading_caps = Some(is_all_caps(&line.text));
        }
        let mut block = Block { section, heading: (line.no, line.text.clone()), lines: Vec::new() };
        if let Some(rest) = inline {
            block.lines.push(Line { no: line.no, kind: Kind::Text, text: rest, hyphen_break: false, indent: line.indent });
        }
        blocks.push(block);
    }
    (head, blocks)
}

struct Builder {
    doc: JsonResume,
    w: Warnings,
    unparsed: Vec<String>,
    summary: Vec<String>,
}

fn non_empty<T>(v: Vec<T>) -> Option<Vec<T>> {
    (!v.is_empty()).then_some(v)
}

fn push_all<T>(slot: &mut Option<Vec<T>>, items: Vec<T>) {
    if !items.is_empty() {
        slot.get_or_insert_with(Vec::new).extend(items);
    }
}

impl Builder {
    fn unplaced(&mut self, no: usize, text: &str) {
        let text = tidy(text);
        if text.is_empty() {
            return;
        }
        self.w.at_line(WarningKind::Unparsed, no, format!("\"{}\" could not be placed in the résumé; it was kept under \"{UNPARSED_KEY}\".", short(&text)));
        self.unparsed.push(text);
    }

    /// Drops page numbers and running headers (with a warning each).
    fn without_furniture(&mut self, lines: Vec<Line>, running: &[String], name: Option<&str>) -> Vec<Line> {
        lines
            .into_iter()
            .filter(|l| {
                if l.kind != Kind::Text {
                    return true;
                }
                let n = norm(&l.text);
                let repeated = running.contains(&n);
                let named_header = name.is_some_and(|name| n.contains(name) && (n.contains("page") || n.contains("résumé") || n.contains("resume") || n.contains(" cv")));
                if is_page_number(&l.text) || repeated || named_header {
                    self.w.at_line(WarningKind::PageFurniture, l.no, format!("\"{}\" looks like a page number or page header and was left out.", short(&l.text)));
                    false
                } else {
                    true
                }
            })
            .collect()
    }

    fn section(&mut self, block: Block) {
        let lines = &block.lines;
        match block.section {
            Section::Summary => self.summary.extend(lists::summary(lines)),
            Section::Experience => {
                let entries = group(lines, Hint::Role, &mut self.w);
                let work: Vec<Work> = entries.into_iter().map(|e| self.work(e)).collect();
                push_all(&mut self.doc.work, work);
            }
            Section::Volunteer => {
                let entries = group(lines, Hint::Role, &mut self.w);
                let v: Vec<Volunteer> = entries.into_iter().map(|e| self.volunteer(e)).collect();
                push_all(&mut self.doc.volunteer, v);
            }
            Section::Projects => {
                let entries = group(lines, Hint::None, &mut self.w);
                let p: Vec<Project> = if entries.iter().all(|e| e.header.is_empty() && e.prose.is_empty()) {
                    // Only bullets: each bullet is a project ("raftkv — a Raft store in Go").
                    entries.into_iter().flat_map(|e| e.bullets).map(|b| self.project(Entry { header: vec![(b.no, b.text)], ..Default::default() })).collect()
                } else {
                    entries.into_iter().map(|e| self.project(e)).collect()
                };
                push_all(&mut self.doc.projects, p);
            }
            Section::Education => {
                let entries = group(lines, Hint::School, &mut self.w);
                let mut schools: Vec<Education> = Vec::new();
                let mut credentials = Vec::new();
                for e in entries {
                    // A one-line item naming no school and no degree ("OSHA 30-Hour
                    // Construction, 2021" under "Education & Licenses") is a credential.
                    let text = e.header.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" ");
                    if e.header.len() == 1 && e.bullets.is_empty() && e.prose.is_empty() && e.labelled.is_empty()
                        && institution_hits(&text) == 0 && degree_hits(&text) == 0
                    {
                        credentials.push(lists::certificate(&text));
                    } else {
                        schools.push(self.education(e));
                    }
                }
                push_all(&mut self.doc.education, schools);
                push_all(&mut self.doc.certificates, credentials);
            }
            Section::Skills => push_all(&mut self.doc.skills, lists::skills(lines)),
            Section::Languages => push_all(&mut self.doc.languages, lists::languages(lines)),
            Section::Interests => push_all(&mut self.doc.interests, lists::interests(lines)),
            Section::Awards => push_all(&mut self.doc.awards, lists::awards(lines)),
            Section::Certificates => push_all(&mut self.doc.certificates, lists::certificates(lines)),
            Section::Publications => push_all(&mut self.doc.publications, lists::publications(lines)),
            Section::References => push_all(&mut self.doc.references, lists::references(lines)),
            Section::Mentorship => {
                let items = lists::texts(lines);
                if !items.is_empty() {
                    let list = self.doc.extra.entry(MENTORSHIP_KEY).or_insert_with(|| Value::Array(Vec::new()));
                    if let Value::Array(a) = list {
                        a.extend(items.into_iter().map(Value::String));
                    }
                }
            }
            Section::Other => {
                let (no, title) = &block.heading;
                let content: Vec<&Line> = lines.iter().filter(|l| l.kind != Kind::Blank).collect();
                self.w.at_line(
                    WarningKind::Unparsed,
                    *no,
                    format!("JSON Resume has no section like \"{}\"; its heading and {} line(s) were kept under \"{UNPARSED_KEY}\".", short(title), content.len()),
                );
                self.unparsed.push(tidy(title));
                for l in content {
                    self.unplaced(l.no, &l.text);
                }
            }
        }
    }

    /// Dates onto start/end, or kept as written with a warning.
    fn dates(&mut self, d: Option<EntryDates>, single_is_end: bool, extra: &mut serde_json::Map<String, Value>) -> (Option<String>, Option<String>) {
        let Some(d) = d else { return (None, None) };
        if let Some(raw) = &d.raw {
            extra.insert(DATES_KEY.into(), Value::String(raw.clone()));
            self.w.at_line(WarningKind::DateKept, d.line, format!("the dates \"{raw}\" could not be read exactly; they were kept as written in \"{DATES_KEY}\"."));
        }
        match (d.single, single_is_end) {
            (true, true) => (None, d.start),
            (true, false) => (d.start.clone(), d.start),
            _ => (d.start, d.end),
        }
    }

    /// Header leftovers, prose and labelled lines as one summary text (leftovers warned).
    fn entry_summary(&mut self, e: &Entry, leftovers: &[(usize, String)]) -> Option<String> {
        let mut parts: Vec<String> = Vec::new();
        for (no, t) in leftovers {
            self.w.at_line(WarningKind::Guessed, *no, format!("\"{}\" in an entry's header was not recognised; it was added to that entry's summary.", short(t)));
            parts.push(tidy(t));
        }
        parts.extend(e.prose.iter().map(|p| tidy(&p.text)));
        parts.extend(e.labelled.iter().map(|(_, l, items)| format!("{}: {}", tidy(l), items.join(", "))));
        (!parts.is_empty()).then(|| parts.join("\n"))
    }

    fn headless(&mut self, e: &Entry, what: &str) {
        if e.header.is_empty() {
            if let Some(first) = e.bullets.first().map(|b| b.no).or(e.prose.first().map(|p| p.no)) {
                self.w.at_line(WarningKind::Guessed, first, format!("these lines have no {what} above them; they were kept in an entry of their own."));
            }
        }
    }

    fn bullets(e: &Entry) -> Option<Vec<String>> {
        non_empty(e.bullets.iter().map(|b| tidy(&b.text)).filter(|t| !t.is_empty()).collect())
    }

    fn work(&mut self, e: Entry) -> Work {
        self.headless(&e, "job title or employer");
        let role = read_role(&e.header);
        let mut w = Work { name: role.company, position: role.position, location: role.location, ..Default::default() };
        (w.start_date, w.end_date) = self.dates(role.dates, false, &mut w.extra);
        w.summary = self.entry_summary(&e, &role.leftovers);
        w.highlights = Self::bullets(&e);
        tidy_opt(&mut [&mut w.name, &mut w.position, &mut w.location]);
        w
    }

    fn volunteer(&mut self, e: Entry) -> Volunteer {
        self.headless(&e, "role or organisation");
        let mut role = read_role(&e.header);
        // "Represented tenants … through the Lawyers' Committee for Better Housing (2018 –
        // present)": one line saying what was done is the entry's highlight, not its role.
        let mut said = None;
        if role.company.is_none() && role.position.as_deref().is_some_and(done_sentence) {
            let sentence = role.position.take().unwrap_or_default();
            role.company = organisation_named(&sentence);
            said = Some(tidy(&sentence));
        }
        let mut v = Volunteer { organization: role.company, position: role.position, ..Default::default() };
        if let Some(l) = role.location {
            v.extra.insert("location".into(), Value::String(tidy(&l)));
        }
        (v.start_date, v.end_date) = self.dates(role.dates, false, &mut v.extra);
        v.summary = self.entry_summary(&e, &role.leftovers);
        v.highlights = Self::bullets(&e);
        if let Some(s) = said {
            v.highlights.get_or_insert_with(Vec::new).insert(0, s);
        }
        tidy_opt(&mut [&mut v.organization, &mut v.position]);
        v
    }

    fn project(&mut self, e: Entry) -> Project {
        self.headless(&e, "project name");
        let head = read_project(&e.header);
        let mut p = Project { name: head.name, url: head.url, ..Default::default() };
        (p.start_date, p.end_date) = self.dates(head.dates, false, &mut p.extra);
        let mut description = head.description;
        description.extend(e.prose.iter().map(|x| x.text.clone()));
        p.description = non_empty(description).map(|d| tidy(&d.join(" — ")));
        let mut keywords = head.keywords;
        keywords.extend(e.labelled.iter().flat_map(|(_, _, items)| items.iter().cloned()));
        p.keywords = non_empty(keywords.iter().map(|k| tidy(k)).collect());
        p.highlights = Self::bullets(&e);
        tidy_opt(&mut [&mut p.name]);
        p
    }

    fn education(&mut self, e: Entry) -> Education {
        self.headless(&e, "school or degree");
        let s = read_school(&e.header);
        let mut ed = Education { institution: s.institution, study_type: s.study_type, area: s.area, score: s.score, ..Default::default() };
        (ed.start_date, ed.end_date) = self.dates(s.dates, true, &mut ed.extra);
        if let Some(l) = s.location {
            ed.extra.insert("location".into(), Value::String(tidy(&l)));
        }
        let mut courses = Vec::new();
        let mut notes: Vec<String> = Vec::new();
        for (no, t) in &s.leftovers {
            self.w.at_line(WarningKind::Guessed, *no, format!("\"{}\" in a school's header was not recognised; it was kept in that entry's \"highlights\".", short(t)));
            notes.push(tidy(t));
        }
        for (_, label, items) in &e.labelled {
            if label.to_lowercase().contains("course") {
                courses.extend(items.iter().map(|i| tidy(i)));
            } else {
                notes.push(format!("{}: {}", tidy(label), items.join(", ")));
            }
        }
        for b in e.prose.iter().chain(&e.bullets) {
            match entries::labelled_list(&b.text) {
                Some((label, items)) if label.to_lowercase().contains("course") => courses.extend(items.iter().map(|i| tidy(i))),
                _ => notes.push(tidy(&b.text)),
            }
        }
        ed.courses = non_empty(courses);
        if !notes.is_empty() {
            ed.extra.insert("highlights".into(), Value::from(notes));
        }
        tidy_opt(&mut [&mut ed.institution, &mut ed.study_type, &mut ed.area, &mut ed.score]);
        ed
    }
}

fn tidy_opt(fields: &mut [&mut Option<String>]) {
    for f in fields.iter_mut() {
        **f = f.as_deref().map(tidy).filter(|t| !t.is_empty());
    }
}

/// A text shortened for a message.
fn short(text: &str) -> String {
    let t = tidy(text);
    if t.chars().count() > 60 {
        format!("{}…", t.chars().take(57).collect::<String>())
    } else {
        t
    }
}
