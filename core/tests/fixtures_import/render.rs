//! Renders a JSON Resume as the plain text a PDF or Word copy-paste would give, in several
//! layouts, so the plain-text reader can be tested against documents whose right answer
//! is known (the fixture résumés). Included by tests with `#[path]`.
#![allow(dead_code)]

use fitted_core::resume::JsonResume;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// ALL-CAPS headings, "Title — Company, Place · Jun 2019 – Present", "•" bullets,
    /// blank lines between entries, lines wrapped at 90 columns.
    Classic,
    /// "Work History:" headings, "Company | Title | 2019 – Present" with year-only dates,
    /// "- " bullets, a page break with "Page 1 of 2" and the name repeated as a running
    /// header, wrapped at 72 columns.
    Pipes,
    /// PDF style: no blank lines at all, title on one line and "Company · Place · 03/2019 -
    /// 06/2021" on the next, "◦" bullets, a letter-spaced heading, wrapped at 64 columns.
    TwoLine,
}

pub const LAYOUTS: [Layout; 3] = [Layout::Classic, Layout::Pipes, Layout::TwoLine];

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn month_year(d: &str) -> String {
    let year = &d[..4.min(d.len())];
    match d.get(5..7).and_then(|m| m.parse::<usize>().ok()) {
        Some(m @ 1..=12) => format!("{} {year}", MONTHS[m - 1]),
        _ => year.to_string(),
    }
}

fn numeric(d: &str) -> String {
    let year = &d[..4.min(d.len())];
    match d.get(5..7) {
        Some(m) => format!("{m}/{year}"),
        None => year.to_string(),
    }
}

fn range(layout: Layout, start: Option<&str>, end: Option<&str>) -> String {
    let f = |d: &str| match layout {
        Layout::Classic => month_year(d),
        Layout::Pipes => d[..4.min(d.len())].to_string(),
        Layout::TwoLine => numeric(d),
    };
    let sep = match layout {
        Layout::Classic => " – ",
        Layout::Pipes => " – ",
        Layout::TwoLine => " - ",
    };
    match (start, end) {
        (Some(s), Some(e)) => format!("{}{sep}{}", f(s), f(e)),
        (Some(s), None) => format!("{}{sep}Present", f(s)),
        (None, Some(e)) => f(e),
        (None, None) => String::new(),
    }
}

/// Wraps at spaces; a line never starts with something that reads as a bullet glyph.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split(' ') {
        let bullet_like = matches!(word, "-" | "–" | "—" | "*" | "+" | ">" | "·") || word.starts_with('•');
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > width && !bullet_like {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

struct Out {
    lines: Vec<String>,
    layout: Layout,
    width: usize,
    bullet: &'static str,
}

impl Out {
    fn line(&mut self, s: impl Into<String>) {
        self.lines.push(s.into());
    }
    fn blank(&mut self) {
        if self.layout != Layout::TwoLine && self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }
    fn para(&mut self, text: &str) {
        for l in wrap(text, self.width) {
            self.line(l);
        }
    }
    fn bullet(&mut self, text: &str) {
        let mut first = true;
        for l in wrap(text, self.width - 2) {
            if first {
                self.line(format!("{}{l}", self.bullet));
                first = false;
            } else {
                self.line(l);
            }
        }
    }
    fn heading(&mut self, title: &str) {
        self.blank();
        let h = match self.layout {
            Layout::Classic => title.to_uppercase(),
            Layout::Pipes => format!("{title}:"),
            Layout::TwoLine if title == "Skills" => "S K I L L S".to_string(),
            Layout::TwoLine => title.to_uppercase(),
        };
        self.line(h);
    }
}

pub fn render(doc: &JsonResume, layout: Layout) -> String {
    let (width, bullet) = match layout {
        Layout::Classic => (90, "• "),
        Layout::Pipes => (72, "- "),
        Layout::TwoLine => (64, "◦ "),
    };
    let mut o = Out { lines: Vec::new(), layout, width, bullet };
    let b = doc.basics();
    let name = b.name.clone().unwrap_or_default();
    o.line(name.clone());
    if let Some(l) = &b.label {
        o.line(l.clone());
    }
    let mut contact: Vec<String> = Vec::new();
    contact.extend(b.email.clone());
    contact.extend(b.phone.clone());
    contact.extend(b.url.clone());
    if let Some(loc) = &b.location {
        let place: Vec<String> = [loc.city.clone(), loc.region.clone()].into_iter().flatten().collect();
        if !place.is_empty() {
            contact.push(place.join(", "));
        }
    }
    let sep = if layout == Layout::Pipes { " | " } else { " · " };
    o.line(contact.join(sep));
    let profiles: Vec<String> = b.profiles.iter().flatten().filter_map(|p| p.url.clone()).collect();
    if !profiles.is_empty() {
        o.line(profiles.join(" | "));
    }
    if let Some(s) = &b.summary {
        o.heading("Summary");
        o.para(s);
    }

    o.heading(if layout == Layout::Pipes { "Work History" } else { "Experience" });
    for (i, w) in doc.work().iter().enumerate() {
        if i > 0 {
            o.blank();
        }
        let company = w.name.clone().unwrap_or_default();
        let position = w.position.clone().unwrap_or_default();
        let dates = range(layout, w.start_date.as_deref(), w.end_date.as_deref());
        match layout {
            Layout::Classic => {
                let place = w.location.as_ref().map(|l| format!(", {l}")).unwrap_or_default();
                o.line(format!("{position} — {company}{place} · {dates}"));
            }
            Layout::Pipes => o.line(format!("{company} | {position} | {dates}")),
            Layout::TwoLine => {
                o.line(position);
                let place = w.location.as_ref().map(|l| format!(" · {l}")).unwrap_or_default();
                o.line(format!("{company}{place} · {dates}"));
            }
        }
        if let Some(s) = &w.summary {
            o.para(s);
        }
        for h in w.highlights.iter().flatten() {
            o.bullet(h);
        }
        if layout == Layout::Pipes && i == 1 {
            // A page break: footer, form feed, running header.
            o.line("");
            o.line("Page 1 of 2");
            o.line(format!("\u{c}{name}"));
        }
    }

    if !doc.projects().is_empty() {
        o.heading("Projects");
        for (i, p) in doc.projects().iter().enumerate() {
            if i > 0 {
                o.blank();
            }
            let mut head = vec![p.name.clone().unwrap_or_default()];
            if let Some(k) = p.keywords.as_ref().filter(|k| !k.is_empty()) {
                head.push(k.join(", "));
            }
            let dates = range(layout, p.start_date.as_deref(), p.end_date.as_deref());
            if !dates.is_empty() {
                head.push(dates);
            }
            o.line(head.join(" | "));
            if let Some(d) = &p.description {
                o.para(d);
            }
            for h in p.highlights.iter().flatten() {
                o.bullet(h);
            }
        }
    }

    if !doc.education().is_empty() {
        o.heading("Education");
        for e in doc.education() {
            let degree = match (&e.study_type, &e.area) {
                (Some(s), Some(a)) => format!("{s} in {a}"),
                (Some(x), None) | (None, Some(x)) => x.clone(),
                _ => String::new(),
            };
            o.line(format!("{} — {degree}", e.institution.clone().unwrap_or_default()));
            let mut second = vec![range(layout, e.start_date.as_deref(), e.end_date.as_deref())];
            if let Some(s) = &e.score {
                second.push(format!("GPA: {s}"));
            }
            o.line(second.join(" | "));
        }
    }

    if !doc.skills().is_empty() {
        o.heading("Skills");
        for s in doc.skills() {
            let kw = s.keywords.clone().unwrap_or_default();
            if kw.is_empty() {
                continue;
            }
            o.para(&format!("{}: {}", s.name.clone().unwrap_or_default(), kw.join(", ")));
        }
    }

    if !doc.awards().is_empty() {
        o.heading("Awards");
        for a in doc.awards() {
            let year = a.date.as_deref().map(|d| format!(" ({})", &d[..4.min(d.len())])).unwrap_or_default();
            o.bullet(&format!("{} — {}{year}", a.title.clone().unwrap_or_default(), a.awarder.clone().unwrap_or_default()));
        }
    }

    if !doc.certificates().is_empty() {
        o.heading("Certifications");
        for c in doc.certificates() {
            let date = c.date.as_deref().map(|d| format!(", {}", month_year(d))).unwrap_or_default();
            o.bullet(&format!("{} — {}{date}", c.name.clone().unwrap_or_default(), c.issuer.clone().unwrap_or_default()));
        }
    }

    if let Some(langs) = doc.languages.as_ref().filter(|l| !l.is_empty()) {
        o.heading("Languages");
        let items: Vec<String> = langs
            .iter()
            .map(|l| match &l.fluency {
                Some(f) => format!("{} ({f})", l.language.clone().unwrap_or_default()),
                None => l.language.clone().unwrap_or_default(),
            })
            .collect();
        o.line(items.join(", "));
    }
    let mut text = o.lines.join("\n");
    text.push('\n');
    text
}
