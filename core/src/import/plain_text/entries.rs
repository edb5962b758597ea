//! Sections made of entries (jobs, volunteering, projects, schools): grouping lines into
//! entries, then reading each entry's header lines.
//!
//! An entry is one to three header lines (title, employer, place, dates in any order and
//! layout), optional prose, then bullets. PDF copy-paste breaks long bullets over several
//! lines and drops blank lines, so the grouping decides for every text line whether it
//! continues the bullet above, starts the next entry, or is prose, from these signals:
//! a date range on the line or the next one, generic title/employer/school words, whether
//! the bullet above ended a sentence, and whether the line starts in lowercase.

use super::lines::{join_wrapped, Kind, Line};
use super::parts::{clean_part, is_location, is_place_tail, is_remote, split_parts};
use super::words::{company_hits, degree_hits, ends_in_legal_form, ends_in_org_word, ends_sentence, institution_hits, is_prose, role_hits, starts_lowercase, title_like, word_count};
use crate::import::dates::find_dates;
use crate::import::errors::{WarningKind, Warnings};
use crate::import::links::{is_link, normalize_url};

/// A paragraph or bullet assembled from one or more lines.
#[derive(Debug, Clone)]
pub(crate) struct Para {
    pub no: usize,
    pub text: String,
    hyphen: bool,
}

impl Para {
    pub(crate) fn new(line: &Line) -> Para {
        Para { no: line.no, text: line.text.clone(), hyphen: line.hyphen_break }
    }
    pub(crate) fn join(&mut self, line: &Line) {
        join_wrapped(&mut self.text, self.hyphen, &line.text);
        self.hyphen = line.hyphen_break;
    }
}

#[derive(Debug, Default)]
pub(crate) struct Entry {
    /// Header lines (number, text).
    pub header: Vec<(usize, String)>,
    pub prose: Vec<Para>,
    pub bullets: Vec<Para>,
    /// "Technologies: Go, Kafka" lines: (line, label, items).
    pub labelled: Vec<(usize, String, Vec<String>)>,
}

/// Which section's words mark a header line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    Role,
    School,
    None,
}

impl Hint {
    fn matches(self, text: &str) -> bool {
        match self {
            Hint::Role => role_hits(text) + company_hits(text) > 0,
            Hint::School => institution_hits(text) + degree_hits(text) > 0,
            Hint::None => false,
        }
    }
}

/// Dates that mark a header: a range anywhere, or a lone date on a short line (a
/// bullet's "since 2019" inside a sentence does not count).
pub(crate) fn header_date(text: &str) -> bool {
    find_dates(text).is_some_and(|f| !f.single || word_count(text) <= 8 || date_stands_apart(text, &f.span))
}

/// A single date set off as a part of its own ("…, University of Bradford, 2022 — First
/// Class"), not one inside a sentence ("…the 2022 Epic upgrade…").
fn date_stands_apart(text: &str, span: &std::ops::Range<usize>) -> bool {
    let sep = |c: char| matches!(c, ',' | '|' | '—' | '–' | '·' | '(' | ')' | ';');
    let before = text[..span.start].trim_end();
    let after = text[span.end..].trim_start();
    (before.is_empty() || before.ends_with(sep)) && (after.is_empty() || after.starts_with(sep))
}

/// "Technologies: Go, Kafka, AWS": a short label, a colon, a list.
pub(crate) fn labelled_list(text: &str) -> Option<(String, Vec<String>)> {
    let (head, tail) = text.split_once(':')?;
    let head = head.trim();
    // A label starts with a letter and has no parenthesis left open or closed:
    // "(p95: 1,900 ms → 700 ms)" is not one.
    let unbalanced = head.matches(')').count() != head.matches('(').count();
    if !head.starts_with(char::is_alphabetic) || unbalanced || word_count(head) > 4 || head.chars().count() > 40 || tail.trim().is_empty() || tail.starts_with("//") {
        return None;
    }
    let items = split_list(tail);
    (!items.is_empty()).then(|| (head.to_string(), items))
}

/// A labelled list that reads as one ("Technologies: React, Redux, D3"), not a sentence
/// with a colon in it ("Cerner-to-Epic conversion in 2019: completed 24 hours of").
pub(crate) fn list_line(text: &str) -> bool {
    labelled_list(text).is_some_and(|(_, items)| {
        items.iter().all(|i| i.chars().any(char::is_alphanumeric))
            && ((items.len() >= 2 && items.iter().all(|i| word_count(i) <= 5)) || (items.len() == 1 && word_count(&items[0]) <= 3))
    })
}

/// Splits "Go, Java (11, 17); Kotlin" at commas and semicolons outside parentheses.
pub(crate) fn split_list(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in text.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                cur.push(c);
            }
            ')' | ']' => {
                depth -= 1;
                cur.push(c);
            }
            ',' | ';' | '•' | '·' | '|' if depth <= 0 => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|s| s.trim().trim_end_matches('.').trim().to_string())
        .map(|s| s.strip_prefix("and ").map(str::to_string).unwrap_or(s))
        .filter(|s| !s.is_empty())
        .collect()
}

fn next_line(lines: &[Line], i: usize) -> Option<&Line> {
    lines.iter().skip(i + 1).find(|l| l.kind != Kind::Blank)
}

fn next_is_dated_header(next: Option<&Line>) -> bool {
    next.is_some_and(|n| n.kind == Kind::Text && header_date(&n.text))
}

/// Could this line head an entry?
fn header_like(text: &str, next: Option<&Line>, hint: Hint) -> bool {
    let n = word_count(text);
    header_date(text)
        || (next_is_dated_header(next) && n <= 10 && !ends_sentence(text))
        || (hint.matches(text) && n <= 10 && !ends_sentence(text) && title_like(text))
        || (split_parts(text).len() >= 2 && n <= 14 && !ends_sentence(text) && labelled_list(text).is_none())
}

/// The text stops where a sentence cannot end: on a comma, an ampersand, or a word such as
/// "and", "of", "with".
fn ends_mid_sentence(text: &str) -> bool {
    const JOINING: [&str; 22] = [
        "and", "or", "of", "the", "to", "with", "for", "in", "on", "at", "by", "a", "an", "from", "as", "that", "which", "like",
        "including", "into", "across", "via",
    ];
    let t = text.trim_end();
    if t.ends_with([',', ';', ':', '&', '@', '+', '/', '–', '—']) {
        return true;
    }
    t.rsplit(char::is_whitespace).next().is_some_and(|w| JOINING.contains(&w))
}

/// Does a text line continue the bullet above it (a line broken by the PDF)?
fn continues(prev: &str, line: &Line, next: Option<&Line>, hint: Hint) -> bool {
    let t = &line.text;
    // "(Class" / "IIa/IIb): gap assessments…": a parenthesis left open continues, and so
    // does a line after one that stops on a joining word or mark ("…std::map and" / "LaTeX…").
    if prev.matches('(').count() > prev.matches(')').count() || ends_mid_sentence(prev) {
        return true;
    }
    let n = word_count(t);
    let columns = split_parts(t).len() >= 2;
    let range = find_dates(t).is_some_and(|f| !f.single && !f.since);
    // A date range heads an entry, unless it sits inside a long lowercase continuation.
    if range && (columns || n <= 8 || !starts_lowercase(t)) {
        return false;
    }
    // "Alpha Inc | Intern | 2015": columns with a date.
    if columns && header_date(t) {
        return false;
    }
    if starts_lowercase(t) {
        return true;
    }
    if list_line(t) {
        return false;
    }
    let title = title_like(t);
    let above_dates = next_is_dated_header(next) && n <= 10 && title;
    if !ends_sentence(prev) {
        // The bullet is unfinished, so this line is its next part, unless it is plainly a
        // job title or employer sitting above a dated line.
        return !(above_dates && hint.matches(t));
    }
    // After a finished sentence: a header, or the bullet's next sentence, wrapped.
    let header = header_date(t) || above_dates || (hint.matches(t) && n <= 8 && title) || (columns && n <= 14);
    !header
}

#[derive(Clone, Copy, PartialEq)]
enum Last {
    Nothing,
    Header,
    Prose,
    Bullet,
}

/// Groups a section's lines into entries.
pub(crate) fn group(lines: &[Line], hint: Hint, warnings: &mut Warnings) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut last = Last::Nothing;
    let mut blank = true;
    let mut awaiting_text = false;
    // The indent of the current entry's first header line.
    let mut entry_indent = 0;
    for (i, line) in lines.iter().enumerate() {
        match line.kind {
            Kind::Blank => {
                blank = true;
                continue;
            }
            Kind::Bullet => {
                if entries.is_empty() {
                    entries.push(Entry::default());
                }
                if let Some(e) = entries.last_mut() {
                    e.bullets.push(Para::new(line));
                }
                awaiting_text = line.text.is_empty();
                last = Last::Bullet;
                blank = false;
                continue;
            }
            Kind::Text => {}
        }
        let next = next_line(lines, i);
        let text = line.text.as_str();
        let was_blank = std::mem::replace(&mut blank, false);
        // A bullet glyph alone on its line: the text follows on the next one.
        if awaiting_text && last == Last::Bullet {
            awaiting_text = false;
            if let Some(b) = entries.last_mut().and_then(|e| e.bullets.last_mut()) {
                b.join(line);
                continue;
            }
        }
        awaiting_text = false;
        if last == Last::Bullet && !was_blank {
            if let Some(b) = entries.last_mut().and_then(|e| e.bullets.last_mut()) {
                if continues(&b.text, line, next, hint) {
                    b.join(line);
                    continue;
                }
            }
        }
        let labelled = labelled_list(text).filter(|_| list_line(text) && !header_date(text) && split_parts(text).len() == 1);
        if let Some((label, items)) = labelled {
            if let Some(e) = entries.last_mut() {
                e.labelled.push((line.no, label, items));
                last = Last::Prose;
                continue;
            }
        }
        if last == Last::Prose && !was_blank && !header_like(text, next, hint) {
            if let Some(p) = entries.last_mut().and_then(|e| e.prose.last_mut()) {
                p.join(line);
                continue;
            }
        }
        #[derive(PartialEq)]
        enum Place {
            New,
            Header,
            Prose,
            Guessed,
        }
        let place = match entries.last() {
            None => Place::New,
            Some(e) if !e.bullets.is_empty() => {
                if is_prose(text) && !header_like(text, next, hint) {
                    Place::Guessed
                } else {
                    Place::New
                }
            }
            Some(e) if !e.prose.is_empty() || !e.labelled.is_empty() => {
                if header_like(text, next, hint) {
                    Place::New
                } else {
                    Place::Prose
                }
            }
            Some(e) => {
                let dated = e.header.iter().any(|(_, t)| header_date(t));
                if e.header.is_empty() {
                    Place::Header
                } else if dated && line.indent > entry_indent && !header_date(text) && (hint == Hint::School || is_prose(text)) {
                    // Indented under a dated header: a detail of that entry, whatever
                    // follows it.
                    Place::Prose
                } else if dated && (header_date(text) || (next_is_dated_header(next) && !is_prose(text))) {
                    Place::New
                } else if hint == Hint::School && institution_hits(text) > 0 && e.header.iter().any(|(_, t)| institution_hits(t) > 0) {
                    // A second school line: the next entry, even without dates.
                    Place::New
                } else if is_prose(text) || (dated && !header_like(text, next, hint) && (word_count(text) >= 6 || ends_sentence(text) || !title_like(text))) {
                    // Once the dates are read, a line that is not header-like describes the entry.
                    Place::Prose
                } else if e.header.len() >= 3 {
                    if header_like(text, next, hint) {
                        Place::New
                    } else {
                        Place::Prose
                    }
                } else {
                    Place::Header
                }
            }
        };
        if place == Place::New || entries.last().is_some_and(|e| e.header.is_empty() && place == Place::Header) {
            entry_indent = line.indent;
        }
        if place == Place::New {
            entries.push(Entry::default());
        }
        let Some(e) = entries.last_mut() else { continue };
        match place {
            Place::New | Place::Header => {
                e.header.push((line.no, text.to_string()));
                last = Last::Header;
            }
            Place::Prose => {
                e.prose.push(Para::new(line));
                last = Last::Prose;
            }
            Place::Guessed => {
                warnings.at_line(WarningKind::Guessed, line.no, "text after the bullets of an entry was added to that entry's summary; check it belongs there.");
                e.prose.push(Para::new(line));
                last = Last::Prose;
            }
        }
    }
    entries
}

/// Dates read from an entry's header.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct EntryDates {
    pub start: Option<String>,
    pub end: Option<String>,
    pub single: bool,
    /// The dates as written, when they could not be read exactly.
    pub raw: Option<String>,
    pub line: usize,
}

/// Cuts the date range (or, failing that, the first lone date) out of the header lines.
pub(crate) fn take_dates(header: &mut [(usize, String)]) -> Option<EntryDates> {
    let found: Vec<(usize, crate::import::dates::FoundDates)> =
        header.iter().enumerate().filter_map(|(i, (_, t))| find_dates(t).map(|f| (i, f))).collect();
    let (i, f) = found.iter().find(|(_, f)| !f.single).or_else(|| found.first())?.clone();
    let (no, text) = &mut header[i];
    let raw = text.get(f.span.clone()).unwrap_or("").to_string();
    let (head, tail) = (text.get(..f.span.start).unwrap_or("").trim_end(), text.get(f.span.end..).unwrap_or("").trim_start());
    // "(UW–Madison, 2019)": the date leaves with its comma and the parenthesis stays closed.
    *text = match (head.strip_suffix(','), tail.starts_with(')')) {
        (Some(h), true) if h.matches('(').count() > h.matches(')').count() => format!("{h}{tail}"),
        _ => format!("{head} | {tail}"),
    };
    Some(EntryDates {
        start: f.start.map(|d| d.iso()),
        end: f.end.map(|d| d.iso()),
        single: f.single,
        raw: f.approximate.then_some(raw),
        line: *no,
    })
}

fn parts_of(header: &[(usize, String)]) -> Vec<(usize, String)> {
    header.iter().flat_map(|(no, t)| split_parts(t).into_iter().map(move |p| (*no, p))).collect()
}

/// The best part by a score (highest positive, earliest on ties), removed from `parts`.
fn take_best(parts: &mut Vec<(usize, String)>, score: impl Fn(&str) -> i32) -> Option<String> {
    let mut best: Option<(usize, i32)> = None;
    for (i, (_, p)) in parts.iter().enumerate() {
        let s = score(p);
        if s > 0 && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| parts.remove(i).1)
}

/// The place in a role header. "Seattle, WA" may be a part of its own, or follow the
/// employer in the same part ("Acme Corp, Seattle, WA"). A part "X, Seattle, WA" is read as
/// employer and place when no other part could be the employer; otherwise as a place.
fn take_location(parts: &mut Vec<(usize, String)>) -> Option<String> {
    let split_at = |p: &str, place: fn(&str) -> bool| -> Option<(String, String)> {
        for (ci, _) in p.match_indices(',') {
            let (head, tail) = (p[..ci].trim(), p[ci + 1..].trim());
            if !head.is_empty() && place(tail) {
                return Some((head.to_string(), tail.to_string()));
            }
        }
        None
    };
    // When no part has a title's words, the first is taken as the title (as `read_role`
    // does), so it cannot be the employer: "Caregiver" / "Home Instead, Spokane, WA".
    let presumed_title = parts.iter().all(|(_, p)| role_hits(p) == 0).then_some(0);
    // A part can name the employer unless it reads as a title; an employer named with an
    // occupation ("Power & Light Contractors LLC") still counts by its legal form.
    let employer_elsewhere = |parts: &[(usize, String)], k: usize| {
        parts.iter().enumerate().any(|(j, (_, p))| j != k && Some(j) != presumed_title && (role_hits(p) == 0 || ends_in_legal_form(p)))
    };
    for k in 0..parts.len() {
        let p = parts[k].1.clone();
        if role_hits(&p) > 0 {
            // "Cook County State's Attorney's Office, Chicago, IL": an organisation named
            // with an occupation, then its place.
            if let Some((head, tail)) = split_at(&p, is_location).filter(|(head, _)| ends_in_org_word(head)) {
                parts[k].1 = head;
                return Some(tail);
            }
            continue;
        }
        let whole = is_location(&p);
        if whole && p.matches(',').count() <= 1 {
            // "Viajes Marea S.L., Valencia" when nothing else can be the employer.
            if !employer_elsewhere(parts, k) {
                if let Some((head, tail)) = split_at(&p, is_place_tail) {
                    parts[k].1 = head;
                    return Some(tail);
                }
            }
            return Some(parts.remove(k).1);
        }
        if let Some((head, tail)) = split_at(&p, is_location) {
            // "Brightwell Outdoor Co. — Easton Town Center, Columbus, OH": with the employer
            // named in another part, a named site before the town is where the job was.
            let employer_named_elsewhere = parts.iter().enumerate().any(|(j, (_, q))| j != k && company_hits(q) > 0 && role_hits(q) == 0);
            if company_hits(&head) > 0 && employer_named_elsewhere && word_count(&head) <= 4 {
                parts.remove(k);
                return Some(p);
            }
            if company_hits(&head) > 0 || !employer_elsewhere(parts, k) || !whole {
                parts[k].1 = head;
                return Some(tail);
            }
        }
        if whole {
            return Some(parts.remove(k).1);
        }
    }
    for part in parts.iter_mut() {
        if role_hits(&part.1) > 0 {
            continue;
        }
        if let Some((head, tail)) = split_at(&part.1, is_place_tail) {
            part.1 = head;
            return Some(tail);
        }
    }
    None
}

/// A job or volunteering header.
#[derive(Debug, Default)]
pub(crate) struct Role {
    pub position: Option<String>,
    pub company: Option<String>,
    pub location: Option<String>,
    pub dates: Option<EntryDates>,
    /// Header text that is none of the above (line, text).
    pub leftovers: Vec<(usize, String)>,
}

pub(crate) fn read_role(header: &[(usize, String)]) -> Role {
    let mut lines = header.to_vec();
    let dates = take_dates(&mut lines);
    let mut parts: Vec<(usize, String)> = Vec::new();
    for (no, p) in parts_of(&lines) {
        // "Senior Engineer at Acme Corp"
        if let Some((a, b)) = p.split_once(" at ").or_else(|| p.split_once(" @ ")) {
            if role_hits(a) > 0 && !a.trim().is_empty() && !b.trim().is_empty() {
                parts.push((no, a.trim().to_string()));
                parts.extend(clean_part(b).map(|b| (no, b)));
                continue;
            }
        }
        parts.push((no, p));
    }
    // "Clinical Pharmacist – Internal Medicine | Bayshore Medical Center", "Tanker Driver –
    // Hazmat" under "Calumet Fuel Transport, East Chicago, IN": a short name after the
    // title and a dash, when another part names the employer, is the title's specialty.
    let could_employ = |p: &str| role_hits(p) == 0 && (!is_location(p) || p.matches(',').count() >= 2 || company_hits(p) > 0);
    if let Some(k) = (0..parts.len().saturating_sub(1)).find(|&k| {
        let (line, title) = &parts[k];
        let (next_line, next) = &parts[k + 1];
        let raw = lines.iter().find(|(no, _)| no == line).map(|(_, t)| t.as_str()).unwrap_or("");
        let dash_between = raw.find(title.as_str()).and_then(|at| raw[at + title.len()..].find(next.as_str()).map(|to| &raw[at + title.len()..at + title.len() + to])).is_some_and(|gap| matches!(gap.trim(), "–" | "—" | "-"));
        line == next_line
            && role_hits(title) > 0
            && dash_between
            && word_count(next) <= 3
            && company_hits(next) == 0
            && !is_location(next)
            && !next.chars().any(|c| c.is_ascii_digit())
            && parts.iter().enumerate().any(|(j, (_, p))| j != k && j != k + 1 && could_employ(p))
    }) {
        let specialty = parts.remove(k + 1).1;
        parts[k].1 = format!("{} – {specialty}", parts[k].1);
    }
    // "Lakeshore Hydraulics (Milwaukee, WI)": the place in parentheses after the employer.
    // "Fernleaf Studio (Bristol)": one place name is enough here, unless it says how the job
    // was held ("(Contract)") or is an acronym ("(NHS)").
    let mut in_parens = None;
    for (_, p) in parts.iter_mut() {
        if let Some(open) = p.rfind(" (").filter(|_| p.ends_with(')') && in_parens.is_none()) {
            let inner = p[open + 2..p.len() - 1].trim().to_string();
            let not_a_place = ["acquired", "formerly", "now ", "subsidiary", "division", "part of"].iter().any(|w| inner.to_lowercase().starts_with(w));
            let one_place = || is_place_tail(&inner) && inner.chars().any(char::is_lowercase) && !crate::rubric::title_qualifier(&inner) && !not_a_place;
            // Not "(remote)": that qualifies the place before it ("Denver, CO (remote)").
            if (is_location(&inner) || one_place()) && !is_remote(&inner) {
                p.truncate(open);
                in_parens = Some(inner);
            }
        }
    }
    let place_in_parens = in_parens.is_some();
    let mut location = in_parens.or_else(|| take_location(&mut parts));
    // "Software Engineer, Google LLC": one part holding both, told apart by their words.
    if parts.len() == 1 {
        let p = parts[0].1.clone();
        if let Some((head, tail)) = p.split_once(", ") {
            // "Designer, Harbourside Creative (Bristol)": what a place follows is an employer.
            let split = (role_hits(head) > 0 && (company_hits(tail) > 0 || place_in_parens) && role_hits(tail) == 0)
                || (company_hits(head) > 0 && role_hits(head) == 0 && role_hits(tail) > 0);
            if split {
                let no = parts[0].0;
                parts = vec![(no, head.to_string()), (no, tail.to_string())];
                // "Chemistry Teacher, Riverbend High School, Elk Grove, CA": the place was
                // hidden behind the title's words until the title came apart.
                if location.is_none() {
                    location = take_location(&mut parts);
                }
            }
        }
    }
    let mut position = take_best(&mut parts, |p| {
        let r = role_hits(p) as i32;
        if r > 0 {
            2 * r - company_hits(p) as i32 + 1
        } else {
            0
        }
    });
    let mut company = take_best(&mut parts, |p| if role_hits(p) == 0 { company_hits(p) as i32 } else { 0 });
    let mut rest = parts.into_iter();
    if position.is_none() {
        position = rest.next().map(|p| p.1);
    }
    if company.is_none() {
        company = rest.next().map(|p| p.1);
    }
    let leftovers: Vec<(usize, String)> = rest.collect();
    Role { position, company, location, dates, leftovers }
}

/// A school header.
#[derive(Debug, Default)]
pub(crate) struct School {
    pub institution: Option<String>,
    pub study_type: Option<String>,
    pub area: Option<String>,
    pub score: Option<String>,
    pub location: Option<String>,
    pub dates: Option<EntryDates>,
    pub leftovers: Vec<(usize, String)>,
}

/// Cuts "GPA: 3.8/4.0" (or "GPA 3.8") out of a text.
fn take_gpa(text: &mut String) -> Option<String> {
    // ASCII lowercasing keeps every byte offset, so `at` is valid in `text` too.
    let at = text.to_ascii_lowercase().find("gpa")?;
    let after = &text[at + 3..];
    let skip = after.len() - after.trim_start_matches([' ', ':', '-', '–', '=']).len();
    let value: String = after[skip..].chars().take_while(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | ' ')).collect();
    let value = value.trim().to_string();
    if value.is_empty() || !value.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let end = at + 3 + skip + after[skip..].find(value.as_str()).unwrap_or(0) + value.len();
    let mut start = at;
    // "(GPA 3.9)" → drop the parenthesis too.
    if text[..start].ends_with('(') && text[end..].starts_with(')') {
        start -= 1;
        *text = format!("{} | {}", &text[..start], &text[end + 1..]);
    } else {
        *text = format!("{} | {}", &text[..start], &text[end..]);
    }
    Some(value)
}

/// "B.S. in Computer Science", "Bachelor of Science, Biology", "MSc Data Science".
pub(crate) fn split_degree(degree: &str) -> (Option<String>, Option<String>) {
    let (kind, area) = crate::import::seed_master::split_degree(degree);
    if area.is_some() {
        return (kind, area);
    }
    // "B.S. Business Administration, Marketing": the abbreviation is the kind, all the rest
    // (with its comma) the field.
    let mut words = degree.split_whitespace();
    if let Some(first) = words.next() {
        let abbrev = first.contains('.') || (first.chars().count() <= 5 && first.chars().filter(|c| c.is_uppercase()).count() >= 2);
        let rest: Vec<&str> = words.collect();
        if abbrev && !first.ends_with(',') && degree_hits(first) > 0 && !rest.is_empty() && rest.iter().all(|w| w.starts_with(char::is_uppercase) || w.len() <= 3) {
            return (Some(first.to_string()), Some(rest.join(" ")));
        }
    }
    if let Some((head, tail)) = degree.split_once(", ") {
        if degree_hits(head) > 0 && degree_hits(tail) == 0 && !tail.trim().is_empty() {
            return (Some(head.trim().to_string()), Some(tail.trim().to_string()));
        }
    }
    (kind, None)
}

pub(crate) fn read_school(header: &[(usize, String)]) -> School {
    let mut lines = header.to_vec();
    let dates = take_dates(&mut lines);
    let mut score = None;
    for (_, t) in lines.iter_mut() {
        if score.is_none() {
            score = take_gpa(t);
        }
    }
    let mut parts = parts_of(&lines);
    // "B.S. Business Administration, Marketing" has the shape of "City, Region" but names
    // a degree.
    let location = parts.iter().position(|(_, p)| is_location(p) && institution_hits(p) == 0 && degree_hits(p) == 0).map(|i| parts.remove(i).1);
    let order: Vec<String> = parts.iter().map(|(_, p)| p.clone()).collect();
    let mut institution = take_best(&mut parts, |p| institution_hits(p) as i32);
    let mut degree = take_best(&mut parts, |p| degree_hits(p) as i32);
    // "NCCER Electrical Level 4, Gateway Community College": what was studied, then the
    // school, in one part. Split where the school's words begin.
    if degree.is_none() {
        if let Some(inst) = institution.clone() {
            let split = inst.match_indices(", ").map(|(at, _)| (&inst[..at], &inst[at + 2..])).find(|(head, tail)| {
                institution_hits(head) == 0 && institution_hits(tail) > 0 && !is_location(tail) && !head.trim().is_empty()
            });
            if let Some((head, tail)) = split {
                degree = Some(head.trim().to_string());
                institution = Some(tail.trim().to_string());
            }
        }
    }
    // "Pritzker School of Law, J.D., cum laude": school, degree and result in one part,
    // written in that order and told apart by their words.
    let mut class_in_part = None;
    if degree.is_none() {
        if let Some(inst) = institution.clone() {
            let chunks: Vec<&str> = inst.split(", ").collect();
            let at = chunks.iter().skip(1).position(|c| degree_hits(c) > 0 && institution_hits(c) == 0).map(|k| k + 1);
            if let Some(at) = at {
                let tail = &chunks[at + 1..];
                if tail.iter().all(|c| is_classification(c)) && tail.len() <= 1 {
                    institution = Some(chunks[..at].join(", "));
                    degree = Some(chunks[at].trim().to_string());
                    class_in_part = tail.first().map(|c| c.trim().to_string());
                }
            }
        }
    }
    // "University of X, Seattle, WA" keeps its place inside the part.
    let mut rest = parts.into_iter();
    if institution.is_none() {
        institution = rest.next().map(|p| p.1);
    }
    if degree.is_none() {
        degree = rest.next().map(|p| p.1);
    }
    let (study_type, mut area) = degree.as_deref().map(split_degree).unwrap_or((None, None));
    let mut leftovers: Vec<(usize, String)> = rest.collect();
    // "Bachelor of Business Administration – Human Resource Management": the part right
    // after the degree, naming no school, place or result, is its field.
    if let (None, Some(d)) = (&area, &degree) {
        let next = order.iter().position(|p| p == d).and_then(|k| order.get(k + 1));
        if let Some(k) = leftovers.iter().position(|(_, p)| Some(p) == next) {
            let p = &leftovers[k].1;
            if word_count(p) <= 6 && institution_hits(p) == 0 && !is_classification(p) && p.starts_with(char::is_uppercase) && !p.chars().any(|c| c.is_ascii_digit()) {
                area = Some(leftovers.remove(k).1);
            }
        }
    }
    // "First Class", "2:1", "Distinction", "magna cum laude": the degree's result.
    score = score.or(class_in_part);
    if score.is_none() {
        if let Some(k) = leftovers.iter().position(|(_, t)| is_classification(t)) {
            score = Some(leftovers.remove(k).1);
        }
    }
    School { institution, study_type, area, score, location, dates, leftovers }
}

/// A degree's class or honours as written after it: British and Irish classes ("First
/// Class", "Upper Second", "2:1"), "Distinction"/"Merit"/"Pass", and the Latin honours.
fn is_classification(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.').to_lowercase();
    let t = t.trim_start_matches("with ").trim_end_matches(" honours").trim_end_matches(" honors").trim_end_matches(" (hons)");
    matches!(
        t,
        "first" | "first class" | "first-class" | "upper second" | "upper second class" | "lower second" | "lower second class"
            | "2:1" | "2.1" | "2:2" | "2.2" | "third" | "third class" | "distinction" | "merit" | "pass" | "high distinction"
            | "cum laude" | "magna cum laude" | "summa cum laude" | "honours" | "honors"
    )
}

/// A project header.
#[derive(Debug, Default)]
pub(crate) struct ProjectHead {
    pub name: Option<String>,
    pub description: Vec<String>,
    pub url: Option<String>,
    pub keywords: Vec<String>,
    pub dates: Option<EntryDates>,
}

fn list_like(part: &str) -> Option<Vec<String>> {
    if ends_sentence(part) || !part.contains(',') {
        return None;
    }
    let items = split_list(part);
    (items.len() >= 2 && items.iter().all(|i| word_count(i) <= 4)).then_some(items)
}

pub(crate) fn read_project(header: &[(usize, String)]) -> ProjectHead {
    let mut lines = header.to_vec();
    let dates = take_dates(&mut lines);
    let mut head = ProjectHead { dates, ..Default::default() };
    let parts = parts_of(&lines);
    let single = parts.len() == 1;
    for (_, part) in parts {
        if head.url.is_none() && !part.contains(' ') && is_link(&part) {
            head.url = Some(normalize_url(part.trim_end_matches(['.', ',', ')'])));
            continue;
        }
        if let Some((label, items)) = labelled_list(&part) {
            if head.name.is_some() && !items.is_empty() && (items.len() >= 2 || word_count(&label) <= 2) {
                head.keywords.extend(items);
                continue;
            }
        }
        if head.name.is_none() {
            // "raftkv: a Raft key-value store in Go" (a name with a colon, "Meetup talk: Peeking
            // without regret", stays whole: the description part must be long).
            match part.split_once(": ") {
                Some((n, d)) if single && word_count(n) <= 6 && word_count(d) >= 5 => {
                    head.name = Some(n.trim().to_string());
                    head.description.push(d.trim().to_string());
                }
                _ => head.name = Some(part),
            }
            continue;
        }
        if let Some(items) = list_like(&part) {
            head.keywords.extend(items);
        } else {
            head.description.push(part);
        }
    }
    head
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::plain_text::lines::prepare;

    fn entries(text: &str, hint: Hint) -> Vec<Entry> {
        let mut w = Warnings::default();
        group(&prepare(text, &mut Warnings::default()), hint, &mut w)
    }

    fn h(lines: &[&str]) -> Vec<(usize, String)> {
        lines.iter().enumerate().map(|(i, l)| (i + 1, l.to_string())).collect()
    }

    #[test]
    fn role_headers_in_common_layouts() {
        // An employer line indented under the title and dates is still the header.
        let e = entries("Senior Analyst            Jan 2019 – Present\n    Acme Corp, Chicago, IL\n- Built the monthly close model", Hint::Role);
        assert_eq!(e.len(), 1);
        let r = read_role(&e[0].header);
        assert_eq!((r.position.as_deref(), r.company.as_deref()), (Some("Senior Analyst"), Some("Acme Corp")), "{:?}", e[0].header);
        let r = read_role(&h(&["Senior Engineer — Acme Corp, Seattle · Jun 2019 – Present"]));
        assert_eq!((r.position.as_deref(), r.company.as_deref(), r.location.as_deref()), (Some("Senior Engineer"), Some("Acme Corp"), Some("Seattle")));
        let d = r.dates.unwrap();
        assert_eq!((d.start.as_deref(), d.end.as_deref()), (Some("2019-06"), None));

        let r = read_role(&h(&["Acme Corp | Senior Engineer | 2019–2022"]));
        assert_eq!((r.position.as_deref(), r.company.as_deref()), (Some("Senior Engineer"), Some("Acme Corp")));
        assert_eq!(r.dates.unwrap().end.as_deref(), Some("2022"));

        let r = read_role(&h(&["Software Engineer II", "Brightwater Logistics · Minneapolis, MN · Sep 2018 – May 2021"]));
        assert_eq!(
            (r.position.as_deref(), r.company.as_deref(), r.location.as_deref()),
            (Some("Software Engineer II"), Some("Brightwater Logistics"), Some("Minneapolis, MN"))
        );
        let r = read_role(&h(&["Product Designer at Fernwood Studio (03/2019 - 06/2021)"]));
        assert_eq!((r.position.as_deref(), r.company.as_deref()), (Some("Product Designer"), Some("Fernwood Studio")));
        assert_eq!(r.dates.unwrap().start.as_deref(), Some("2019-03"));
        assert!(r.leftovers.is_empty());

        // A named site before the town, the employer in another part.
        let r = read_role(&h(&["Store Manager", "Brightwell Outdoor Co. — Easton Town Center, Columbus, OH", "April 2021 – Present"]));
        assert_eq!((r.company.as_deref(), r.location.as_deref()), (Some("Brightwell Outdoor Co."), Some("Easton Town Center, Columbus, OH")));
        assert!(r.leftovers.is_empty(), "{:?}", r.leftovers);
        // Not a place: how the job was held, an acronym.
        for (header, company) in [("Analyst, Acme Analytics (Contract), 2019 – 2020", "Acme Analytics (Contract)"), ("Staff Nurse, Leeds Teaching Hospitals (NHS), 2019 – 2020", "Leeds Teaching Hospitals (NHS)")] {
            let r = read_role(&h(&[header]));
            assert_eq!(r.location, None, "{header}");
            assert!(r.company.as_deref() == Some(company) || r.position.as_deref().is_some_and(|p| p.contains(company)), "{header}: {r:?}");
        }
        // The place in parentheses after the employer, the dates far to the right.
        let r = read_role(&h(&["Design Engineer II — Lakeshore Hydraulics (Milwaukee, WI)                    Jun 2021 – Present"]));
        assert_eq!(
            (r.position.as_deref(), r.company.as_deref(), r.location.as_deref()),
            (Some("Design Engineer II"), Some("Lakeshore Hydraulics"), Some("Milwaukee, WI"))
        );

        // A specialty after the title's dash; the employer and its place on the line above.
        let r = read_role(&h(&["Calumet Fuel Transport, East Chicago, IN", "Tanker Driver – Hazmat                                          06/2016 – 02/2020"]));
        assert_eq!(
            (r.position.as_deref(), r.company.as_deref(), r.location.as_deref()),
            (Some("Tanker Driver – Hazmat"), Some("Calumet Fuel Transport"), Some("East Chicago, IN"))
        );
        // A pipe is no dash: "Acme" is the employer.
        let r = read_role(&h(&["Software Engineer | Acme | Seattle"]));
        assert_eq!((r.position.as_deref(), r.company.as_deref()), (Some("Software Engineer"), Some("Acme")));

        // A specialty after the title, then employer and place.
        let r = read_role(&h(&["Clinical Pharmacist – Internal Medicine | Bayshore Regional Medical Center | Tampa, FL | 2021–Present"]));
        assert_eq!(
            (r.position.as_deref(), r.company.as_deref(), r.location.as_deref()),
            (Some("Clinical Pharmacist – Internal Medicine"), Some("Bayshore Regional Medical Center"), Some("Tampa, FL"))
        );
        assert!(r.leftovers.is_empty());

        // A public office with an occupation in its name, then its place.
        let r = read_role(&h(&["Cook County State's Attorney's Office, Chicago, IL", "Assistant State's Attorney, 2016 – 2020"]));
        assert_eq!(
            (r.position.as_deref(), r.company.as_deref(), r.location.as_deref()),
            (Some("Assistant State's Attorney"), Some("Cook County State's Attorney's Office"), Some("Chicago, IL"))
        );

        // An employer named with an occupation noun, the place a part of its own.
        let r = read_role(&h(&["Sonoran Power & Light Contractors LLC | Tempe, AZ | 03/2020 - Present", "Journeyman Electrician"]));
        assert_eq!(
            (r.position.as_deref(), r.company.as_deref(), r.location.as_deref()),
            (Some("Journeyman Electrician"), Some("Sonoran Power & Light Contractors LLC"), Some("Tempe, AZ"))
        );

        // A title with no title word on its own line, then employer and place.
        let r = read_role(&h(&["Caregiver", "Home Instead, Spokane, WA", "03/2021 to 12/2022"]));
        assert_eq!(
            (r.position.as_deref(), r.company.as_deref(), r.location.as_deref()),
            (Some("Caregiver"), Some("Home Instead"), Some("Spokane, WA"))
        );

        // Title, employer and place in one comma-separated part.
        let r = read_role(&h(&["Chemistry Teacher, Riverbend High School, Elk Grove, CA — Aug 2021 – Present"]));
        assert_eq!(
            (r.position.as_deref(), r.company.as_deref(), r.location.as_deref()),
            (Some("Chemistry Teacher"), Some("Riverbend High School"), Some("Elk Grove, CA"))
        );
    }

    #[test]
    fn a_degree_line_with_its_class_then_a_course_line() {
        let text = "BSc (Hons) Physiotherapy, University of Bradford, 2022 — First Class\nAcupuncture Foundation Course (AACP), 2024\n";
        assert_eq!(entries(text, Hint::School).len(), 2);
        let s = read_school(&h(&["BSc (Hons) Physiotherapy, University of Bradford, 2022 — First Class"]));
        assert_eq!((s.score.as_deref(), s.leftovers.len()), (Some("First Class"), 0));
        // A year inside a sentence does not make the sentence a header.
        assert!(!header_date("Served as Epic ClinDoc super user during the 2022 Epic upgrade for the whole unit"));
    }

    #[test]
    fn a_course_then_its_school_in_one_part() {
        let s = read_school(&h(&["NCCER Electrical Level 4, Gateway Community College, 2020"]));
        assert_eq!((s.institution.as_deref(), s.study_type.as_deref()), (Some("Gateway Community College"), Some("NCCER Electrical Level 4")));
        // A school named with its city keeps it.
        let s = read_school(&h(&["University of California, Davis — B.S. Chemistry, 2017"]));
        assert_eq!(s.institution.as_deref(), Some("University of California, Davis"));
    }

    #[test]
    fn schools() {
        let s = read_school(&h(&["University of Minnesota — B.S. in Computer Science", "Minneapolis, MN | 2012 – 2016 | GPA: 3.6/4.0"]));
        assert_eq!(s.institution.as_deref(), Some("University of Minnesota"));
        assert_eq!((s.study_type.as_deref(), s.area.as_deref()), (Some("B.S."), Some("Computer Science")));
        assert_eq!(s.score.as_deref(), Some("3.6/4.0"));
        assert_eq!(s.location.as_deref(), Some("Minneapolis, MN"));
        assert!(s.leftovers.is_empty(), "{:?}", s.leftovers);
        assert_eq!(split_degree("MSc Data Science"), (Some("MSc".into()), Some("Data Science".into())));
    }

    #[test]
    fn wrapped_bullets_and_two_line_headers() {
        let text = "Senior Engineer — Acme Corp · 2019 – Present\n• Built the payment service handling 4,500\nrequests per second\n• Cut costs by 40%.\nEngineer\nBeta LLC · 2016 – 2019\n• Wrote things that were\nKubernetes based\nAlpha Inc | Intern | 2015";
        let e = entries(text, Hint::Role);
        assert_eq!(e.len(), 3, "{e:#?}");
        assert_eq!(e[0].bullets[0].text, "Built the payment service handling 4,500 requests per second");
        assert_eq!(e[1].header.len(), 2);
        assert_eq!(e[1].bullets[0].text, "Wrote things that were Kubernetes based");
    }

    /// "B.S. Business Administration, Marketing" has the shape of "City, Region"; it is the
    /// degree, and its field keeps the comma.
    #[test]
    fn a_degree_with_a_comma_is_not_a_place() {
        let s = read_school(&h(&["B.S. Business Administration, Marketing — Colorado State University, Fort Collins — 2017"]));
        assert_eq!(s.institution.as_deref(), Some("Colorado State University, Fort Collins"));
        assert_eq!(s.study_type.as_deref(), Some("B.S."));
        assert_eq!(s.area.as_deref(), Some("Business Administration, Marketing"));
        assert_eq!(s.location, None);
        assert_eq!(split_degree("Bachelor of Science, Biology"), (Some("Bachelor of Science".into()), Some("Biology".into())));
        // The field after a dash, the school on the next line.
        let s = read_school(&h(&["Bachelor of Business Administration – Human Resource Management", "Georgia State University, 2019"]));
        assert_eq!(s.institution.as_deref(), Some("Georgia State University"));
        assert_eq!((s.study_type.as_deref(), s.area.as_deref()), (Some("Bachelor of Business Administration"), Some("Human Resource Management")));
        assert!(s.leftovers.is_empty());
        // School, degree and honours in one part, separated by commas.
        let s = read_school(&h(&["Northwestern University Pritzker School of Law, J.D., cum laude, 2016"]));
        assert_eq!(s.institution.as_deref(), Some("Northwestern University Pritzker School of Law"));
        assert_eq!(s.study_type.as_deref(), Some("J.D."));
        assert_eq!(s.score.as_deref(), Some("cum laude"));
        let s = read_school(&h(&["University of Illinois Urbana-Champaign, B.A. Political Science, 2013"]));
        assert_eq!(s.institution.as_deref(), Some("University of Illinois Urbana-Champaign"));
        assert_eq!((s.study_type.as_deref(), s.area.as_deref()), (Some("B.A."), Some("Political Science")));
    }

    #[test]
    fn lists_split_outside_parentheses() {
        assert_eq!(split_list("AWS (EKS, KMS), Go; and Rust."), ["AWS (EKS, KMS)", "Go", "Rust"]);
        assert_eq!(labelled_list("Languages: Go, Java").map(|x| x.1), Some(vec!["Go".to_string(), "Java".to_string()]));
        assert_eq!(labelled_list("https://x.y"), None);
    }

    #[test]
    fn projects() {
        let p = read_project(&h(&["raftkv | Go, Raft, gRPC | github.com/me/raftkv | 2019 – 2020"]));
        assert_eq!(p.name.as_deref(), Some("raftkv"));
        assert_eq!(p.keywords, ["Go", "Raft", "gRPC"]);
        assert_eq!(p.url.as_deref(), Some("https://github.com/me/raftkv"));
    }
}
