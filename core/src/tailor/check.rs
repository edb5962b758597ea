//! The fabrication check: every fact in tailored text that the résumé version being tailored
//! does not support, with where it is and what kind of fact it is.
//!
//! Why a check and not trust: a model asked to reword bullets also invents — a metric that
//! sounds right, a tool the posting wants, an employer's client. Seed 001 says a proposal is
//! never applied on its own; Fitted goes further and will not let a flagged bullet be
//! accepted in bulk. The check is deliberately *lexical and general*: it has no list of
//! tools, employers or titles (those would be fitted to whatever résumés it was tried on).
//! Instead it reads the facts out of the tailored text by their shape — numbers with their
//! units, dates and durations, names written as names — and asks whether the master résumé
//! says the same thing anywhere, in any field. A false flag costs the user one click; a
//! missed one can cost them the job, so when in doubt it flags.
//!
//! Equivalent forms are one fact: "six" = 6, "$240 million" = "$240M", "1.5×" = "1.5x",
//! "4,500" = "4.5K", "over 40" = "40+", "18 months" = "1.5 years". A duration is also
//! supported by the dates of the résumé's roles ("5+ years" after a role from 2019 to 2024).
//!
//! Known limits (each errs towards a missed flag, and is listed in ARCHITECTURE.md): a
//! brand written in lower case ("terraform") or at the start of a sentence when it is also
//! a common English word ("Slack", "Amazon") is not read as a name; words for quantities
//! ("doubled", "half") are not read as numbers; titles are recognised by their role word
//! ("… Manager"), so a title without one is checked as a name.

use std::collections::HashSet;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::lexicon;
use crate::matching::{self, Boundary};
use crate::resume::JsonResume;
use crate::text::{self, Token};

/// What kind of fact a flag is about (the `kind` of `fitted check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FactKind {
    Number,
    Date,
    Tool,
    Organisation,
    Title,
    Credential,
}

/// One unsupported fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    /// Where in the tailored JSON Resume: `work[0].highlights[1]`, `basics.summary` — the
    /// same paths bullets carry as `sourcePath`.
    pub path: String,
    /// The fact as written in the tailored text.
    pub span: String,
    pub kind: FactKind,
    /// Byte range of `span` in the field's text, for highlighting. Not part of the
    /// command-line output.
    #[serde(skip)]
    pub range: Range<usize>,
}

/// Every unsupported fact in `tailored`, checked against `master` (the version being
/// tailored). `as_of` (year, month) is "now" for a role without an end date.
pub fn check(master: &JsonResume, tailored: &JsonResume, as_of: Option<(i32, u32)>) -> Vec<Flag> {
    let m = serde_json::to_value(master).unwrap_or(Value::Null);
    let t = serde_json::to_value(tailored).unwrap_or(Value::Null);
    check_values(&m, &t, as_of)
}

/// [`check`] on JSON Resume documents as JSON values (what `fitted check` reads): paths are
/// those of the files as given.
pub fn check_values(master: &Value, tailored: &Value, as_of: Option<(i32, u32)>) -> Vec<Flag> {
    let support = Support::new(master, as_of);
    let mut fields = Vec::new();
    walk(tailored, String::new(), None, &mut fields);
    let mut out = Vec::new();
    for f in fields {
        // A role's title and dates belong to that employer: "Senior Engineer" held at one
        // company does not support it at another.
        let same_entry = entry_values(master, tailored, &f.path);
        let found = match f.role {
            Role::Skip => Vec::new(),
            Role::Date => {
                let ok = match &same_entry {
                    Some(values) => values.iter().any(|v| v.trim() == f.text.trim()),
                    None => support.dates.contains(f.text.trim()),
                };
                if ok {
                    Vec::new()
                } else {
                    vec![(0..f.text.len(), FactKind::Date)]
                }
            }
            Role::Whole(kind) => {
                let ok = match &same_entry {
                    Some(values) => values.iter().any(|v| v.trim().to_lowercase() == f.text.trim().to_lowercase()),
                    None => support.says(f.text),
                };
                if ok {
                    Vec::new()
                } else {
                    vec![(trimmed(f.text), kind)]
                }
            }
            Role::Prose => support.check_text(f.text),
        };
        for (range, kind) in found {
            let span = f.text[range.clone()].to_string();
            if !out.iter().any(|x: &Flag| x.path == f.path && x.range == range) {
                out.push(Flag { path: f.path.clone(), span, kind, range });
            }
        }
    }
    out
}

/// For `work[i].position` / `startDate` / `endDate` (and the same in `volunteer`): the
/// values that field has in the master's entries for the same organisation, or `None` when
/// the path is not such a field or the master has no entry for that organisation (then the
/// organisation itself is flagged, and the field is checked against the whole résumé).
fn entry_values(master: &Value, tailored: &Value, path: &str) -> Option<Vec<String>> {
    let (section, rest) = path.split_once('[')?;
    let (index, field) = rest.split_once("].")?;
    let org_key = match section {
        "work" => "name",
        "volunteer" => "organization",
        _ => return None,
    };
    if !matches!(field, "position" | "startDate" | "endDate") {
        return None;
    }
    let entry = tailored.get(section)?.get(index.parse::<usize>().ok()?)?;
    let org = entry.get(org_key)?.as_str()?.trim().to_lowercase();
    let values: Vec<String> = master
        .get(section)?
        .as_array()?
        .iter()
        .filter(|e| e.get(org_key).and_then(Value::as_str).is_some_and(|o| o.trim().to_lowercase() == org))
        .filter_map(|e| e.get(field).and_then(Value::as_str).map(str::to_string))
        .collect();
    (!values.is_empty()).then_some(values)
}

fn trimmed(s: &str) -> Range<usize> {
    let start = s.len() - s.trim_start().len();
    start..s.trim_end().len().max(start)
}

/// What the master résumé says, in forms the check can compare.
pub struct Support {
    /// Every string of the document, lower-cased, one per line.
    corpus: String,
    quantities: Vec<Quantity>,
    /// Values of date fields (`startDate`, `endDate`, `date`, `releaseDate`), as written.
    dates: HashSet<String>,
    /// Years named anywhere (date fields and text).
    years: HashSet<i64>,
    /// Durations the roles' dates support, in months.
    spans: Vec<f64>,
    /// The words of the corpus in order (for abbreviations).
    words: Vec<String>,
}

impl Support {
    pub fn new(master: &Value, as_of: Option<(i32, u32)>) -> Self {
        let mut fields = Vec::new();
        walk(master, String::new(), None, &mut fields);
        let mut corpus = String::new();
        let mut quantities = Vec::new();
        let mut dates = HashSet::new();
        let mut years = HashSet::new();
        for f in &fields {
            corpus.push_str(&f.text.to_lowercase());
            corpus.push('\n');
            if f.role == Role::Date {
                dates.insert(f.text.trim().to_string());
                if let Some((y, _)) = year_month(f.text) {
                    years.insert(y as i64);
                }
            } else if f.role != Role::Skip {
                // Phone numbers, postcodes and links hold digits that are no one's facts.
                for q in quantities_in(f.text) {
                    if q.unit == Unit::Year {
                        years.insert(q.value as i64);
                    }
                    quantities.push(q);
                }
            }
        }
        let words = corpus.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect();
        Support { corpus, quantities, dates, years, spans: spans(master, as_of), words }
    }

    /// The same support, plus names the text may use that the résumé does not hold (a cover
    /// letter names the posting's company and job title).
    pub fn also_saying(mut self, names: &[&str]) -> Self {
        for n in names {
            let lower = n.to_lowercase();
            self.words.extend(lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string));
            self.corpus.push_str(&lower);
            self.corpus.push('\n');
        }
        self
    }

    /// Whether the master résumé contains `text` as whole words (any case; a plural `s`
    /// either way).
    pub fn says(&self, text: &str) -> bool {
        let t = text.trim().to_lowercase();
        if t.is_empty() {
            return true;
        }
        let variants = [t.clone(), t.strip_suffix('s').unwrap_or(&t).to_string(), format!("{t}s")];
        variants.iter().any(|v| !v.is_empty() && matching::occurs(&self.corpus, v, Boundary::Word))
    }

    /// Unsupported facts in one piece of prose (a bullet, a summary, a cover letter), as
    /// byte ranges of `text` with their kinds.
    pub fn check_text(&self, text: &str) -> Vec<(Range<usize>, FactKind)> {
        if text.trim().is_empty() || self.says(text) {
            return Vec::new();
        }
        let mut out: Vec<(Range<usize>, FactKind)> = Vec::new();
        for q in quantities_in(text) {
            // Written exactly as in the résumé: the same fact — for forms that have no
            // value to compare ("24/7"). A plain number is never taken as written, since
            // "500" would be found inside "4,500".
            let literal = q.value.is_nan() && self.says(&text[q.range.clone()]);
            if !self.supports(&q) && !literal {
                let kind = if matches!(q.unit, Unit::Year | Unit::Months(_)) { FactKind::Date } else { FactKind::Number };
                out.push((q.range, kind));
            }
        }
        for n in names_in(text) {
            if out.iter().any(|(r, _)| r.start < n.range.end && n.range.start < r.end) {
                continue;
            }
            if self.says(&text[n.range.clone()]) {
                continue;
            }
            match n.kind {
                // A title, a credential or an organisation is one claim: all of it must be
                // there ("Labs" in the résumé says nothing for "Quintessa Labs").
                FactKind::Title | FactKind::Credential | FactKind::Organisation => out.push((n.range, n.kind)),
                _ => {
                    // A tool's longer name ("AWS Lambda") is supported word by word; the
                    // words the résumé never uses are the flag.
                    let mut run: Option<Range<usize>> = None;
                    for w in &n.words {
                        if self.supports_word(&text[w.clone()]) {
                            if let Some(r) = run.take() {
                                out.push((r, n.kind));
                            }
                        } else {
                            run = Some(run.map_or(w.clone(), |r| r.start..w.end));
                        }
                    }
                    if let Some(r) = run {
                        out.push((r, n.kind));
                    }
                }
            }
        }
        out.sort_by_key(|(r, _)| (r.start, r.end));
        // A range "10-15%" is two numbers in one span: one flag.
        out.dedup_by(|a, b| a.0 == b.0);
        out
    }

    /// One word of a name: said in the résumé; or a compound whose parts all are
    /// ("RabbitMQ-to-Kafka", "11/Spring"); or an abbreviation of words the résumé uses
    /// ("MTTR" for "mean time to resolution").
    fn supports_word(&self, w: &str) -> bool {
        if self.says(w) {
            return true;
        }
        let parts: Vec<&str> = w.split(['-', '/']).filter(|p| !p.is_empty()).collect();
        if parts.len() > 1 {
            return parts.iter().all(|p| {
                let lower = p.to_lowercase();
                self.says(p) || text::is_stopword(&lower) || (p.chars().all(char::is_lowercase) && lexicon::is_known(&lower))
            });
        }
        self.expands(w)
    }

    /// Whether an all-capital abbreviation stands for consecutive words of the résumé: the
    /// initials of every word, or of every word but the little ones ("ROI" for "return on
    /// investment", "SLA" for "service level agreements").
    fn expands(&self, w: &str) -> bool {
        let letters: Vec<char> = w.trim_end_matches('s').chars().collect();
        if !(2..=6).contains(&letters.len()) || !letters.iter().all(|c| c.is_ascii_uppercase()) {
            return false;
        }
        let want: String = letters.iter().map(|c| c.to_ascii_lowercase()).collect();
        let words = &self.words;
        let initial = |s: &str| s.chars().next().unwrap_or(' ');
        (0..words.len()).any(|start| {
            // Every word, or every word but stopwords, from `start`.
            let all: String = words[start..].iter().take(want.len()).map(|s| initial(s)).collect();
            let content: String =
                words[start..].iter().filter(|s| !text::is_stopword(s)).take(want.len()).map(|s| initial(s)).collect();
            (all == want || content == want) && !text::is_stopword(&words[start])
        })
    }

    fn supports(&self, q: &Quantity) -> bool {
        let same = |a: f64, b: f64| (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0);
        match q.unit {
            Unit::Year => self.years.contains(&(q.value as i64)),
            Unit::Months(m) => {
                self.spans.iter().any(|s| same(*s, m))
                    || self.quantities.iter().any(|x| matches!(x.unit, Unit::Months(n) if same(n, m)))
            }
            _ => self.quantities.iter().any(|x| {
                same(x.value, q.value)
                    && match (q.unit, x.unit) {
                        (Unit::Percent, u) => u == Unit::Percent,
                        (Unit::Money(a), Unit::Money(b)) => a == b,
                        (Unit::Money(_), _) => false,
                        (Unit::Plain, _) => true,
                        (Unit::Times | Unit::Ordinal, u) => u == q.unit || u == Unit::Plain,
                        _ => false,
                    }
            }),
        }
    }
}

/// How a field is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Addresses, links, contact details, languages and interests: not facts this check is
    /// about.
    Skip,
    /// A date field: must be one of the master's date values.
    Date,
    /// A short field that is one fact (an employer, a position, a certificate's name): all
    /// of it must be in the master résumé.
    Whole(FactKind),
    /// Prose: every number, date and name in it is checked.
    Prose,
}

struct Field<'a> {
    path: String,
    text: &'a str,
    role: Role,
}

fn role_of(path: &str, key: Option<&str>) -> Role {
    let section = path.split(['.', '[']).next().unwrap_or("");
    match (section, key) {
        (_, Some("startDate" | "endDate" | "date" | "releaseDate")) => Role::Date,
        (_, Some("url" | "email" | "phone" | "image" | "username" | "network" | "$schema")) => Role::Skip,
        ("basics", Some("label")) => Role::Whole(FactKind::Title),
        ("basics", Some("summary")) => Role::Prose,
        ("basics" | "meta" | "languages" | "interests" | "references" | "$schema", _) => Role::Skip,
        ("work", Some("name")) | ("volunteer", Some("organization")) | ("education", Some("institution")) => {
            Role::Whole(FactKind::Organisation)
        }
        ("awards", Some("awarder")) | ("certificates", Some("issuer")) | ("publications", Some("publisher")) => {
            Role::Whole(FactKind::Organisation)
        }
        ("work" | "volunteer", Some("position")) => Role::Whole(FactKind::Title),
        ("certificates", Some("name")) | ("education", Some("studyType" | "area" | "score")) | ("awards", Some("title")) => {
            Role::Whole(FactKind::Credential)
        }
        ("skills", _) => Role::Whole(FactKind::Tool),
        (_, Some("location")) => Role::Skip,
        _ => Role::Prose,
    }
}

/// Every string of a JSON Resume value with its path (`work[0].highlights[1]`).
fn walk<'a>(v: &'a Value, path: String, key: Option<&str>, out: &mut Vec<Field<'a>>) {
    match v {
        Value::String(s) => {
            let role = role_of(&path, key);
            out.push(Field { path, text: s, role });
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, format!("{path}[{i}]"), key, out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                walk(item, p, Some(k), out);
            }
        }
        _ => {}
    }
}

/// "2019-03-01", "2019-03", "2019" → (2019, 3), (2019, 3), (2019, 1).
fn year_month(s: &str) -> Option<(i32, u32)> {
    let mut parts = s.trim().split('-');
    let y: i32 = parts.next()?.parse().ok().filter(|y| (1900..=2200).contains(y))?;
    let m: u32 = parts.next().and_then(|m| m.parse().ok()).filter(|m| (1..=12).contains(m)).unwrap_or(1);
    Some((y, m))
}

/// Durations (months) the dates of the roles support: each role's length and the whole
/// career's, in whole years rounded down and up, and in months.
fn spans(master: &Value, as_of: Option<(i32, u32)>) -> Vec<f64> {
    let mut ranges = Vec::new();
    for section in ["work", "volunteer", "projects"] {
        for e in master.get(section).and_then(Value::as_array).into_iter().flatten() {
            let Some(start) = e.get("startDate").and_then(Value::as_str).and_then(year_month) else { continue };
            let end = match e.get("endDate").and_then(Value::as_str) {
                Some(s) if !s.trim().is_empty() => year_month(s),
                _ => as_of,
            };
            if let Some(end) = end {
                ranges.push((start, end));
            }
        }
    }
    let months = |(a, b): ((i32, u32), (i32, u32))| ((b.0 - a.0) * 12 + b.1 as i32 - a.1 as i32).max(0) as f64;
    let mut out = Vec::new();
    let whole = ranges.iter().map(|r| r.0).min().zip(ranges.iter().map(|r| r.1).max());
    for r in ranges.iter().copied().chain(whole) {
        let m = months(r);
        out.extend([m, (m / 12.0).floor() * 12.0, (m / 12.0).ceil() * 12.0]);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Plain,
    Percent,
    Money(char),
    /// "3x", "1.5×", "3-fold".
    Times,
    Ordinal,
    Year,
    /// A duration, in months.
    Months(f64),
}

#[derive(Debug, Clone, PartialEq)]
struct Quantity {
    value: f64,
    unit: Unit,
    range: Range<usize>,
}

fn number_word(w: &str) -> Option<f64> {
    // "one" is left out: "one of", "no one" are rarely a count.
    const WORDS: &[(&str, f64)] = &[
        ("zero", 0.0), ("two", 2.0), ("three", 3.0), ("four", 4.0), ("five", 5.0), ("six", 6.0), ("seven", 7.0),
        ("eight", 8.0), ("nine", 9.0), ("ten", 10.0), ("eleven", 11.0), ("twelve", 12.0), ("thirteen", 13.0),
        ("fourteen", 14.0), ("fifteen", 15.0), ("sixteen", 16.0), ("seventeen", 17.0), ("eighteen", 18.0),
        ("nineteen", 19.0), ("twenty", 20.0), ("thirty", 30.0), ("forty", 40.0), ("fifty", 50.0), ("sixty", 60.0),
        ("seventy", 70.0), ("eighty", 80.0), ("ninety", 90.0), ("hundred", 100.0), ("dozen", 12.0),
    ];
    let unit = |p: &str| WORDS.iter().find(|(k, _)| *k == p).map(|(_, v)| *v).or((p == "one").then_some(1.0));
    match w.split_once('-') {
        // "twenty-five"
        Some((tens, ones)) => Some(unit(tens).filter(|t| *t >= 20.0 && *t < 100.0)? + unit(ones).filter(|o| *o < 10.0)?),
        None => WORDS.iter().find(|(k, _)| *k == w).map(|(_, v)| *v),
    }
}

fn scale_word(w: &str) -> Option<f64> {
    match w {
        "thousand" | "k" => Some(1e3),
        "million" | "millions" | "m" | "mm" | "mn" => Some(1e6),
        "billion" | "billions" | "bn" | "b" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

fn duration_word(w: &str) -> Option<f64> {
    let w = w.strip_suffix('s').unwrap_or(w);
    match w {
        "year" | "yr" => Some(12.0),
        "month" | "mo" => Some(1.0),
        "quarter" => Some(3.0),
        "decade" => Some(120.0),
        "week" | "wk" => Some(12.0 / 52.0),
        "day" => Some(12.0 / 365.0),
        "hour" | "hr" => Some(12.0 / 8760.0),
        _ => None,
    }
}

/// A token that is a number: its value(s) (two for a range "10-15") and what follows the
/// digits ("k", "x", "+", "th", "-fold", "ms").
fn numeric_token(t: &str) -> Option<(Vec<f64>, String)> {
    let parse = |s: &str| -> Option<(f64, String)> {
        let end = s.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(s.len());
        let digits = s[..end].trim_end_matches(['.', ',']);
        if !digits.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let value: f64 = digits.replace(',', "").parse().ok()?;
        Some((value, s[digits.len()..].to_lowercase()))
    };
    if t.contains('/') {
        // "24/7", "1/3": compared as written (a value that equals nothing).
        let numeric = t.split('/').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit() || c == '.'));
        return numeric.then(|| (vec![f64::NAN], String::new()));
    }
    if let Some((a, b)) = t.split_once('-') {
        if let (Some((x, sx)), Some((y, sy))) = (parse(a), parse(b)) {
            if sx.is_empty() {
                return Some((vec![x, y], sy));
            }
        }
    }
    let (v, suffix) = parse(t)?;
    Some((vec![v], suffix))
}

/// Numbers, amounts, percentages, multipliers, years and durations in a text.
fn quantities_in(text: &str) -> Vec<Quantity> {
    let tokens = text::tokenize(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let (mut values, mut suffix) = match numeric_token(&t.text) {
            Some(n) => n,
            None => {
                // "tenfold", "three-fold": a multiplier in words.
                let fold = t.lower.strip_suffix("fold").map(|w| w.trim_end_matches('-'));
                match number_word(fold.unwrap_or(&t.lower)) {
                    Some(v) => (vec![v], if fold.is_some() { "x".to_string() } else { String::new() }),
                    None => {
                        i += 1;
                        continue;
                    }
                }
            }
        };
        let mut end = t.end;
        let mut last = i;
        let mut merged = false;
        // A range written with a dash between two numbers ("10–15%", "2016 – 2019"): one
        // span, both values, the unit after the second.
        if values.len() == 1 && suffix.is_empty() {
            if let Some(n) = tokens.get(i + 1) {
                let gap = text[t.end..n.start].trim();
                if matches!(gap, "–" | "—" | "-") {
                    if let Some((v2, s2)) = numeric_token(&n.text).filter(|(v, _)| v.len() == 1) {
                        values.push(v2[0]);
                        suffix = s2;
                        end = n.end;
                        last = i + 1;
                        merged = true;
                    }
                }
            }
        }
        let first_token = i;
        // Only spaces between this token and the next one.
        let next = |k: usize, end: usize| {
            tokens.get(k + 1).filter(|n| text[end..n.start].chars().all(char::is_whitespace))
        };
        // A currency sign right before the number ("$240M", "€ 5k") or a code ("USD 5k"),
        // with where the amount starts.
        let before = text[..t.start].trim_end_matches(' ');
        let sign = before.chars().next_back().filter(|c| matches!(c, '$' | '€' | '£' | '¥' | '₹'));
        let currency: Option<(char, usize)> = sign.map(|c| (c, before.len() - c.len_utf8())).or_else(|| {
            let p = i.checked_sub(1)?;
            let code = match tokens[p].lower.as_str() {
                "usd" => '$',
                "eur" => '€',
                "gbp" => '£',
                _ => return None,
            };
            Some((code, tokens[p].start))
        });
        let mut scale = 1.0;
        let mut unit = Unit::Plain;
        // "10k+", "40+": the plus says "at least", not a different number.
        let mut s = suffix.trim_matches('+').to_string();
        if let Some(f) = s.strip_suffix("-fold") {
            s = f.to_string();
            unit = Unit::Times;
        }
        if let Some(x) = scale_word(&s) {
            scale = x;
        } else if s == "x" || s == "×" {
            unit = Unit::Times;
        } else if matches!(s.as_str(), "st" | "nd" | "rd" | "th") {
            unit = Unit::Ordinal;
        } else if let Some(m) = s.strip_prefix('-').and_then(duration_word).or_else(|| duration_word(&s)) {
            unit = Unit::Months(m);
        }
        if scale == 1.0 {
            if let Some(n) = next(last, end) {
                if let Some(x) = scale_word(&n.lower).filter(|_| n.lower.len() > 2 || currency.is_some()) {
                    scale = x;
                    end = n.end;
                    last += 1;
                }
            }
        }
        let after = &text[end..];
        let after_trim = after.trim_start_matches(' ');
        if unit == Unit::Plain {
            if after_trim.starts_with('%') {
                unit = Unit::Percent;
                end = text.len() - after_trim.len() + 1;
            } else if after_trim.starts_with('×') {
                unit = Unit::Times;
                end = text.len() - after_trim.len() + '×'.len_utf8();
            } else if let Some(n) = next(last, end) {
                match n.lower.as_str() {
                    "percent" | "pct" | "pp" => {
                        unit = Unit::Percent;
                        end = n.end;
                    }
                    "per" if next(last + 1, n.end).is_some_and(|c| c.lower == "cent") => {
                        unit = Unit::Percent;
                        end = next(last + 1, n.end).map_or(n.end, |c| c.end);
                    }
                    "x" | "times" | "fold" => {
                        unit = Unit::Times;
                        end = n.end;
                    }
                    w => {
                        if let Some(m) = duration_word(w) {
                            unit = Unit::Months(m);
                            end = n.end;
                        }
                    }
                }
            }
        }
        if let Some((c, _)) = currency {
            unit = Unit::Money(c);
        }
        // A year is a bare four-digit number, alone or in a range ("2016-2019").
        let whole_number = tokens[first_token..=last.min(first_token + 1)]
            .iter()
            .filter(|x| numeric_token(&x.text).is_some())
            .all(|x| x.text.split('-').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())));
        for v in values {
            let (value, unit) = match unit {
                Unit::Months(per) => (v * per, Unit::Months(v * per)),
                Unit::Plain if whole_number && scale == 1.0 && v.fract() == 0.0 && (1950.0..=2100.0).contains(&v) => (v, Unit::Year),
                u => (v * scale, u),
            };
            let start = currency.map_or(t.start, |(_, at)| at);
            out.push(Quantity { value, unit, range: start..end });
        }
        // Past the range's second number, which is part of this quantity.
        i = first_token + if merged { 2 } else { 1 };
    }
    out
}

/// A name in a text: a run of words written as names, with the kind the context suggests.
struct Name {
    range: Range<usize>,
    words: Vec<Range<usize>>,
    kind: FactKind,
}

const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Words that make the name before or after them an organisation ("Acme Inc", "University
/// of Leeds", "joined Acme", "at Acme"). General English.
const ORG_WORDS: &[&str] = &[
    "inc", "llc", "ltd", "limited", "corp", "corporation", "company", "co", "group", "gmbh", "plc", "ag", "university",
    "college", "school", "institute", "hospital", "clinic", "bank", "foundation", "agency", "association", "council",
    "ministry", "department", "bureau", "labs", "laboratory", "laboratories", "partners", "ventures", "holdings",
];
const ORG_BEFORE: &[&str] = &["at", "joined", "client", "clients", "customer", "customers", "partnered", "acquired"];

/// Words that make a name a credential: general words for certificates and licences, and
/// degree abbreviations.
const CREDENTIAL_WORDS: &[&str] = &[
    "certified", "certification", "certificate", "certificates", "license", "licensed", "licence", "accredited",
    "accreditation", "chartered", "registered", "diploma", "degree", "phd", "ph.d", "mba", "msc", "bsc", "meng", "beng",
    "dphil", "edd", "jd", "md",
];
const EXECUTIVES: &[&str] = &["ceo", "cto", "cfo", "coo", "cio", "cmo", "cpo", "ciso", "svp", "evp", "vp"];

fn is_name_word(t: &Token, sentence_start: bool) -> bool {
    let lower = t.lower.as_str();
    if MONTHS.contains(&lower) || lower == "i" || numeric_token(&t.text).is_some() {
        return false;
    }
    if t.has_digit() || t.is_acronym() || t.has_inner_capital() {
        return true;
    }
    if t.is_technical() {
        // "node.js", "C++", ".NET" — but not "and/or" or "e.g".
        return t.text.chars().any(char::is_uppercase)
            || t.text.contains(['+', '#'])
            || t.lower.split(|c: char| !c.is_alphanumeric()).any(|p| p.len() >= 2 && !lexicon::is_known(p));
    }
    if !t.is_capitalized() {
        return false;
    }
    // A capital at the start of a sentence says nothing; a word English does not know does.
    !sentence_start || !(lexicon::is_known(lower) || text::is_stopword(lower) || text::action_verb_base(lower).is_some())
}

/// Names in a text, with their kinds.
fn names_in(text: &str) -> Vec<Name> {
    let tokens = text::tokenize(text);
    let starts: Vec<usize> = text::sentences(text).into_iter().map(|(a, _)| a).collect();
    let mut first = vec![false; tokens.len()];
    for s in &starts {
        if let Some(k) = tokens.iter().position(|t| t.start >= *s) {
            first[k] = true;
        }
    }
    // After a colon or a bullet sign, a capital starts a clause too.
    for k in 1..tokens.len() {
        let gap = &text[tokens[k - 1].end..tokens[k].start];
        if gap.contains([':', '•', '(', '"', '“']) {
            first[k] = true;
        }
    }
    let mut out = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        if !is_name_word(&tokens[k], first[k]) {
            k += 1;
            continue;
        }
        let begin = k;
        let mut words: Vec<Range<usize>> = Vec::with_capacity(2);
        words.push(tokens[k].start..tokens[k].end);
        // Join words separated by spaces only, and "of" / "&" between capitalised words
        // ("Bank of America", "Procter & Gamble").
        while k + 1 < tokens.len() {
            let gap = &text[tokens[k].end..tokens[k + 1].start];
            if gap.chars().all(|c| c == ' ') && is_name_word(&tokens[k + 1], false) {
                k += 1;
                words.push(tokens[k].start..tokens[k].end);
                continue;
            }
            let spaces = |a: usize, b: usize| text[tokens[a].end..tokens[b].start].chars().all(|c| c == ' ');
            let name_after = |j: usize| tokens.get(j).is_some_and(|t| t.is_capitalized() && is_name_word(t, false));
            if tokens[k + 1].lower == "of" && spaces(k, k + 1) && name_after(k + 2) && spaces(k + 1, k + 2) {
                k += 2;
                words.push(tokens[k].start..tokens[k].end);
                continue;
            }
            if gap.trim() == "&" && name_after(k + 1) {
                k += 1;
                words.push(tokens[k].start..tokens[k].end);
                continue;
            }
            break;
        }
        let range = tokens[begin].start..tokens[k].end;
        let lower: Vec<&str> = tokens[begin..=k].iter().map(|t| t.lower.as_str()).collect();
        let prev = begin.checked_sub(1).map(|p| tokens[p].lower.as_str());
        let next = tokens.get(k + 1).map(|t| t.lower.as_str());
        let quarter = |w: &str| {
            let b = w.as_bytes();
            (w.len() == 2 && matches!(b[0], b'q' | b'h') && matches!(b[1], b'1'..=b'4'))
                || (w.starts_with("fy") && w[2..].chars().all(|c| c.is_ascii_digit()) && w.len() > 2)
        };
        let kind = if lower.len() == 1 && quarter(lower[0]) {
            FactKind::Date
        } else if lower.iter().chain(next.iter()).chain(prev.iter()).any(|w| CREDENTIAL_WORDS.contains(w)) {
            FactKind::Credential
        } else if lower.last().is_some_and(|w| (crate::rubric::is_role_word(w) && *w != "team") || EXECUTIVES.contains(w)) {
            FactKind::Title
        } else if lower.iter().any(|w| ORG_WORDS.contains(w)) || prev.is_some_and(|p| ORG_BEFORE.contains(&p)) {
            FactKind::Organisation
        } else {
            FactKind::Tool
        };
        out.push(Name { range, words, kind });
        k += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn master() -> Value {
        json!({
            "basics": { "name": "Ada Example", "label": "Backend Engineer", "email": "ada@example.com",
                        "summary": "Backend engineer with 7+ years in payments." },
            "work": [
                { "name": "Tallgrass Payments", "position": "Senior Software Engineer", "startDate": "2019-03", "endDate": "2024-06",
                  "highlights": [
                    "Designed an idempotent payment service in Go handling 4,500 requests/sec at p99 < 80 ms.",
                    "Cut cloud costs by 45% ($240 million over six years) using AWS and PostgreSQL.",
                    "Made deploys 1.5x faster; mentored 12 engineers." ] },
                { "name": "Quayside Travel", "position": "Software Engineer", "startDate": "2016-01", "endDate": "2019-02",
                  "highlights": [ "Built booking APIs in Python for over 40 partners." ] }
            ],
            "certificates": [ { "name": "AWS Certified Solutions Architect", "issuer": "Amazon Web Services", "date": "2021-05" } ],
            "skills": [ { "name": "Backend", "keywords": ["Go", "Python", "PostgreSQL", "Kafka"] } ]
        })
    }

    fn flags_in(text: &str) -> Vec<(String, FactKind)> {
        let s = Support::new(&master(), Some((2026, 12)));
        s.check_text(text).into_iter().map(|(r, k)| (text[r].to_string(), k)).collect()
    }

    #[test]
    fn an_honest_rewrite_has_no_flags() {
        for t in [
            "Built an idempotent Go payment service serving 4,500 requests/sec with p99 under 80 ms.",
            "Reduced cloud spend 45% — $240M across six years — on AWS and PostgreSQL.",
            "Sped up deploys 1.5× and mentored twelve engineers.",
            "Delivered Python booking APIs for 40+ partners.",
            "Backend engineer with over seven years in payments, using Kafka.",
            "Spent 5 years at Tallgrass Payments building payment services.",
        ] {
            assert_eq!(flags_in(t), vec![], "{t}");
        }
    }

    #[test]
    fn equivalent_forms_of_a_number_are_the_same_fact() {
        assert_eq!(flags_in("Saved $240 million."), vec![]);
        assert_eq!(flags_in("Saved $0.24bn."), vec![]);
        assert_eq!(flags_in("Handled 4.5K requests/sec."), vec![]);
        assert_eq!(flags_in("Deploys 1.5 times faster."), vec![]);
        assert_eq!(flags_in("Cut costs by 45 percent."), vec![]);
        assert_eq!(flags_in("Over a period of 63 months."), vec![], "2019-03 to 2024-06");
        assert_eq!(flags_in("Over a period of 66 months."), vec![("66 months".into(), FactKind::Date)]);
        assert_eq!(flags_in("On call 24/7 in Q3."), vec![("24/7".into(), FactKind::Number), ("Q3".into(), FactKind::Date)]);
    }

    #[test]
    fn invented_numbers_are_flagged_with_their_unit() {
        assert_eq!(flags_in("Cut costs by 50%."), vec![("50%".into(), FactKind::Number)]);
        assert_eq!(flags_in("Saved €240 million."), vec![("€240 million".into(), FactKind::Number)], "another currency");
        assert_eq!(flags_in("Saved USD 7k."), vec![("USD 7k".into(), FactKind::Number)]);
        assert_eq!(flags_in("Cut costs 10-15%."), vec![("10-15%".into(), FactKind::Number)]);
        assert_eq!(flags_in("Saved $250M."), vec![("$250M".into(), FactKind::Number)]);
        assert_eq!(flags_in("Made deploys 3x faster."), vec![("3x".into(), FactKind::Number)]);
        assert_eq!(flags_in("Mentored fifteen engineers."), vec![("fifteen".into(), FactKind::Number)]);
        assert_eq!(flags_in("Grew revenue 45%."), vec![], "the same percentage is supported wherever it appears");
        assert_eq!(flags_in("Handled 45 requests."), vec![], "a plain number matches any use of it");
    }

    #[test]
    fn a_number_inside_another_number_or_a_phone_is_not_support() {
        assert_eq!(flags_in("Onboarded 500 merchants."), vec![("500".into(), FactKind::Number)], "not supported by 4,500");
        assert_eq!(flags_in("Managed 240 clients."), vec![("240".into(), FactKind::Number)], "$240 million is not 240");
        assert_eq!(flags_in("Served 10k+ users."), vec![("10k+".into(), FactKind::Number)], "10k+ is ten thousand, not 10");
        let m = json!({ "basics": { "phone": "+1 415 555 0142" }, "work": [ { "name": "Acme", "highlights": ["Ran the shop."] } ] });
        let s = Support::new(&m, None);
        assert_eq!(s.check_text("Grew to 415 customers.").len(), 1, "a phone number supports nothing");
        assert_eq!(flags_in("From 2016-2019 at Quayside Travel."), vec![], "a range of years is years");
        assert_eq!(flags_in("From 2013-2014 at Quayside Travel."), vec![("2013-2014".into(), FactKind::Date)]);
        assert_eq!(flags_in("From 2016 – 2019 at Quayside Travel."), vec![], "an en-dash range of years");
        assert_eq!(flags_in("Cut costs 40–45%."), vec![("40–45%".into(), FactKind::Number)], "one span; 40% is not the résumé's");
        assert_eq!(flags_in("Made deploys threefold faster."), vec![("threefold".into(), FactKind::Number)]);
        assert_eq!(flags_in("Handled a sevenfold load."), vec![("sevenfold".into(), FactKind::Number)]);
    }

    #[test]
    fn dates_and_durations_must_match_the_resume() {
        assert_eq!(flags_in("Since 2019, led payments."), vec![]);
        assert_eq!(flags_in("Since 2015, led payments."), vec![("2015".into(), FactKind::Date)]);
        assert_eq!(flags_in("Ten years in payments."), vec![("Ten years".into(), FactKind::Date)]);
        assert_eq!(flags_in("18 months on the booking team."), vec![("18 months".into(), FactKind::Date)]);
        assert_eq!(flags_in("Three years on the booking team."), vec![], "2016-01 to 2019-02 is three years");
        assert_eq!(flags_in("A 5-year run at Tallgrass."), vec![]);
    }

    #[test]
    fn invented_tools_employers_titles_and_credentials_are_flagged() {
        assert_eq!(flags_in("Built the service in Go and Kotlin on Kubernetes."), vec![
            ("Kotlin".into(), FactKind::Tool),
            ("Kubernetes".into(), FactKind::Tool)
        ]);
        assert_eq!(flags_in("Moved AWS Lambda jobs to PostgreSQL."), vec![("Lambda".into(), FactKind::Tool)]);
        assert_eq!(flags_in("Partnered with engineers at Stripe on refunds."), vec![("Stripe".into(), FactKind::Organisation)]);
        assert_eq!(flags_in("Worked with Goldman Sachs Bank on payments."), vec![("Goldman Sachs Bank".into(), FactKind::Organisation)]);
        assert_eq!(flags_in("Promoted to Staff Software Engineer in 2022."), vec![
            ("Staff Software Engineer".into(), FactKind::Title),
            ("2022".into(), FactKind::Date)
        ]);
        assert_eq!(flags_in("Holds the PMP certification."), vec![("PMP".into(), FactKind::Credential)]);
        assert_eq!(flags_in("Led the Python-to-Go and Go/Kafka work."), vec![], "compounds of supported names");
        assert_eq!(flags_in("Led the Python-to-Rust work."), vec![("Python-to-Rust".into(), FactKind::Tool)]);
        assert_eq!(flags_in("AWS Certified Solutions Architect since 2021."), vec![]);
    }

    #[test]
    fn an_abbreviation_of_words_the_resume_uses_is_supported() {
        let m = json!({ "work": [ { "name": "Acme", "highlights": [
            "Cut mean time to resolution in half and raised return on investment for service level agreements." ] } ] });
        let s = Support::new(&m, None);
        for (t, ok) in [("Cut MTTR.", true), ("Raised ROI.", true), ("Met SLAs.", true), ("Cut MTBF.", false), ("Cut TTR.", true)] {
            assert_eq!(s.check_text(t).is_empty(), ok, "{t}");
        }
    }

    #[test]
    fn sentence_capitals_and_ordinary_words_are_not_names() {
        assert_eq!(flags_in("Designed and shipped a faster service. Improved reliability for partners."), vec![]);
        assert_eq!(flags_in("Tuned queries: Reduced latency sharply."), vec![]);
        assert_eq!(flags_in("Mentored engineers, e.g. on reviews and/or design."), vec![]);
    }

    #[test]
    fn fields_are_checked_whole_and_paths_name_them() {
        let m = master();
        let mut t = m.clone();
        t["work"][0]["name"] = json!("Stripe");
        t["work"][0]["position"] = json!("Staff Software Engineer");
        // Quayside's title moved to Tallgrass: held, but not there.
        t["work"][1]["position"] = json!("Senior Software Engineer");
        t["work"][1]["startDate"] = json!("2015-01");
        t["work"][0]["highlights"][1] = json!("Cut cloud costs by 60% using AWS and Terraform.");
        t["basics"]["summary"] = json!("Backend engineer with 7+ years in payments at Google.");
        let got: Vec<(String, String, FactKind)> =
            check_values(&m, &t, Some((2026, 12))).into_iter().map(|f| (f.path, f.span, f.kind)).collect();
        assert_eq!(
            got,
            vec![
                ("basics.summary".into(), "Google".into(), FactKind::Organisation),
                ("work[0].highlights[1]".into(), "60%".into(), FactKind::Number),
                ("work[0].highlights[1]".into(), "Terraform".into(), FactKind::Tool),
                ("work[0].name".into(), "Stripe".into(), FactKind::Organisation),
                ("work[0].position".into(), "Staff Software Engineer".into(), FactKind::Title),
                ("work[1].position".into(), "Senior Software Engineer".into(), FactKind::Title),
                ("work[1].startDate".into(), "2015-01".into(), FactKind::Date),
            ]
        );
        assert_eq!(check_values(&m, &m, Some((2026, 12))), vec![], "the résumé supports itself");
    }

    #[test]
    fn the_json_shape_is_the_command_line_contract() {
        let f = Flag { path: "work[0].highlights[1]".into(), span: "45%".into(), kind: FactKind::Number, range: 3..6 };
        assert_eq!(serde_json::to_string(&f).unwrap(), r#"{"path":"work[0].highlights[1]","span":"45%","kind":"number"}"#);
    }

    #[test]
    fn any_text_is_checked_without_panicking() {
        let s = Support::new(&master(), None);
        for t in ["", "$", "% x ×", "ΩΩ 12ΩΩ", "İstanbul 2,5", "1,000,000,000,000,000,000,000,000x", "--- 10-15% ---", "$.5", "9999999999999999999999"] {
            for (r, _) in s.check_text(t) {
                assert!(t.get(r.clone()).is_some(), "{t:?} {r:?}");
            }
        }
    }
}
