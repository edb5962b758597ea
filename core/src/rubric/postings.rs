//! Many postings at once (bulk import on the Jobs page): a JSON file in the JSON Resume job
//! schema (one job or a list), a CSV file with named columns, or several pasted postings
//! separated by a line of dashes. Each becomes the text a single pasted posting would have
//! been, so the rest of the pipeline (metadata, rubric, fit) treats them alike.
//!
//! Nothing is dropped silently: a posting that cannot be read is returned with its
//! problem and where it was ([`Posting::problem`]), for the import summary.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A posting longer than this is not one posting (someone pasted a whole page or a book).
pub const MAX_WORDS: usize = 5_000;
/// Shorter than this is a title or a fragment, not a posting.
pub const MIN_WORDS: usize = 15;

/// Whether a text can be a posting; the message says what to do when it cannot.
pub fn check_length(text: &str) -> Result<(), String> {
    let words = text.split_whitespace().count();
    if words == 0 {
        return Err("The job description is empty. Paste the text of the posting (or its HTML) and try again.".into());
    }
    if words < MIN_WORDS {
        return Err(format!("That is only {words} words — paste the whole job description, not just its title."));
    }
    if words > MAX_WORDS {
        return Err(format!("That is {words} words; a job description is usually 150–1,500. Paste only the one posting."));
    }
    Ok(())
}

/// One posting read from the input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Posting {
    /// Where it was: "posting 3", "line 4", "job 2".
    pub place: String,
    pub text: String,
    #[serde(default)]
    pub url: String,
    /// Fields the input named outright; they win over what is read from the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Why this one cannot be imported, when it cannot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

impl Posting {
    fn new(place: String, text: String) -> Self {
        Posting { place, text, url: String::new(), title: None, company: None, location: None, problem: None }
    }
}

/// A line of three or more dashes (or em/en dashes, or underscores) alone separates pasted
/// postings.
fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() >= 3 && t.chars().all(|c| matches!(c, '-' | '—' | '–' | '_' | '='))
}

/// What kind of input this is: by file name when there is one, else by its first character
/// (JSON) or a header line naming a description column (CSV); otherwise pasted text.
pub fn read(file_name: Option<&str>, text: &str) -> Result<Vec<Posting>, String> {
    let name = file_name.unwrap_or("").to_lowercase();
    let body = text.trim_start_matches('\u{feff}');
    let first = body.trim_start().chars().next();
    if name.ends_with(".json") || (name.is_empty() && matches!(first, Some('{' | '['))) {
        return from_json(body);
    }
    let header = body.lines().next().unwrap_or("").to_lowercase();
    if name.ends_with(".csv") || (name.is_empty() && header.contains(',') && ["description", "text", "posting"].iter().any(|c| header.contains(c))) {
        return from_csv(body);
    }
    Ok(split_pasted(body))
}

/// Pasted postings separated by dashed lines; empty pieces are skipped.
pub fn split_pasted(text: &str) -> Vec<Posting> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let flush = |cur: &mut Vec<&str>, out: &mut Vec<Posting>| {
        let t = cur.join("\n").trim().to_string();
        if !t.is_empty() {
            out.push(Posting::new(format!("posting {}", out.len() + 1), t));
        }
        cur.clear();
    };
    for line in text.lines() {
        if is_separator(line) {
            flush(&mut cur, &mut out);
        } else {
            cur.push(line);
        }
    }
    flush(&mut cur, &mut out);
    out
}

fn s(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::trim).filter(|x| !x.is_empty()).map(str::to_string)
}

fn list(v: &Value, key: &str) -> Vec<String> {
    v.get(key).and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect()).unwrap_or_default()
}

/// A JSON Resume job (`job-schema.json`: title, company, type, date, description,
/// location, remote, salary, experience, responsibilities, qualifications, skills, meta)
/// as the text of a posting.
fn job_text(v: &Value) -> (String, Option<String>) {
    let loc = v.get("location");
    let location = match loc {
        Some(Value::String(x)) => Some(x.clone()),
        Some(l) => {
            let parts: Vec<String> = ["city", "region", "countryCode"].iter().filter_map(|k| s(l, k)).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        None => None,
    };
    let mut out = Vec::new();
    let head = [s(v, "title"), s(v, "company")].into_iter().flatten().collect::<Vec<_>>().join(" — ");
    if !head.is_empty() {
        out.push(head);
    }
    let meta: Vec<String> = [location.clone(), s(v, "type"), s(v, "remote").map(|r| format!("Remote: {r}")), s(v, "salary").map(|x| format!("Salary: {x}")), s(v, "experience").map(|x| format!("Experience: {x}"))]
        .into_iter()
        .flatten()
        .collect();
    if !meta.is_empty() {
        out.push(meta.join(" · "));
    }
    if let Some(d) = s(v, "description") {
        out.push(String::new());
        out.push(d);
    }
    for (key, heading) in [("responsibilities", "Responsibilities"), ("qualifications", "Qualifications")] {
        let items = list(v, key);
        if !items.is_empty() {
            out.push(String::new());
            out.push(format!("{heading}:"));
            out.extend(items.into_iter().map(|i| format!("- {i}")));
        }
    }
    let skills: Vec<String> = v
        .get("skills")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|sk| {
                    let name = s(sk, "name")?;
                    let kw = list(sk, "keywords");
                    Some(if kw.is_empty() { name } else { format!("{name} ({})", kw.join(", ")) })
                })
                .collect()
        })
        .unwrap_or_default();
    if !skills.is_empty() {
        out.push(String::new());
        out.push(format!("Skills: {}", skills.join("; ")));
    }
    (out.join("\n"), location)
}

/// One job object or a list of them.
pub fn from_json(text: &str) -> Result<Vec<Posting>, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("The file is not valid JSON (line {}, column {}): {e}.", e.line(), e.column()))?;
    let items: Vec<Value> = match v {
        Value::Array(a) => a,
        o @ Value::Object(_) => vec![o],
        _ => return Err("The JSON file holds neither a job nor a list of jobs (JSON Resume job schema: title, company, description, …).".into()),
    };
    Ok(items
        .iter()
        .enumerate()
        .map(|(k, item)| {
            let place = format!("job {}", k + 1);
            if !item.is_object() {
                let mut p = Posting::new(place, String::new());
                p.problem = Some("not a job object".into());
                return p;
            }
            let (text, location) = job_text(item);
            let mut p = Posting::new(place, text);
            p.title = s(item, "title");
            p.company = s(item, "company");
            p.location = location;
            p.url = s(item, "url").or_else(|| item.get("meta").and_then(|m| s(m, "canonical"))).unwrap_or_default();
            p
        })
        .collect())
}

/// Column names a CSV may use, first the canonical one.
const COLUMNS: &[(&str, &[&str])] = &[
    ("description", &["description", "text", "posting", "job description", "body"]),
    ("title", &["title", "job title", "position", "role"]),
    ("company", &["company", "employer", "organisation", "organization"]),
    ("location", &["location", "city"]),
    ("url", &["url", "link", "job url", "posting url"]),
];

/// A CSV with a header row naming its columns; a description column is required.
pub fn from_csv(text: &str) -> Result<Vec<Posting>, String> {
    let mut rd = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let header: Vec<String> = rd.headers().map_err(|e| format!("The CSV's first line could not be read ({e}).")).map(|h| h.iter().map(|c| c.trim().to_lowercase()).collect())?;
    let col = |name: &str| {
        let names = COLUMNS.iter().find(|(n, _)| *n == name).map(|(_, a)| *a).unwrap_or(&[]);
        header.iter().position(|h| names.contains(&h.as_str()))
    };
    let Some(desc) = col("description") else {
        return Err(format!("The CSV has no description column: name one of its columns “description” (found: {}).", header.join(", ")));
    };
    let mut out = Vec::new();
    for (k, rec) in rd.records().enumerate() {
        let place = format!("line {}", k + 2);
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let mut p = Posting::new(place, String::new());
                p.problem = Some(format!("could not be read as CSV ({e})"));
                out.push(p);
                continue;
            }
        };
        let cell = |i: Option<usize>| i.and_then(|i| rec.get(i)).map(str::trim).filter(|x| !x.is_empty()).map(str::to_string);
        let (title, company, location) = (cell(col("title")), cell(col("company")), cell(col("location")));
        let body = cell(Some(desc)).unwrap_or_default();
        // The named title and company head the text, as on a posting's page.
        let head = [title.clone(), company.clone()].into_iter().flatten().collect::<Vec<_>>().join(" — ");
        let text = if head.is_empty() || body.starts_with(&head) { body } else { format!("{head}\n\n{body}") };
        let mut p = Posting::new(place, text);
        (p.title, p.company, p.location) = (title, company, location);
        p.url = cell(col("url")).unwrap_or_default();
        out.push(p);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_postings_split_on_dashed_lines() {
        let t = "Backend Engineer at Acme\nGo and Kafka\n\n---\n\nNurse at Harbour\nNights\n———\n\n-----\n";
        let p = read(None, t).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].text, "Backend Engineer at Acme\nGo and Kafka");
        assert_eq!((p[1].place.as_str(), p[1].text.as_str()), ("posting 2", "Nurse at Harbour\nNights"));
        assert!(!is_separator("- Go") && !is_separator("--"));
    }

    #[test]
    fn json_resume_jobs_become_posting_text() {
        let json = r#"[{"title": "Web Developer", "company": "Microsoft", "type": "Full-time", "date": "2021-04",
            "description": "Build web apps.", "location": {"city": "Seattle", "countryCode": "US"}, "remote": "Full",
            "salary": "100000", "experience": "Senior", "responsibilities": ["Ship features"], "qualifications": ["5 years of JavaScript"],
            "skills": [{"name": "Web", "level": "Master", "keywords": ["HTML", "CSS"]}], "meta": {"canonical": "https://example.com/job/1"}},
            {"title": "Analyst", "description": "Numbers."}, 7]"#;
        let p = read(Some("jobs.json"), json).unwrap();
        assert_eq!(p.len(), 3);
        assert!(p[0].text.starts_with("Web Developer — Microsoft\nSeattle, US · Full-time · Remote: Full · Salary: 100000"));
        assert!(p[0].text.contains("Qualifications:\n- 5 years of JavaScript") && p[0].text.contains("Skills: Web (HTML, CSS)"));
        assert_eq!((p[0].url.as_str(), p[0].location.as_deref()), ("https://example.com/job/1", Some("Seattle, US")));
        assert_eq!(p[2].problem.as_deref(), Some("not a job object"));
        assert!(read(Some("x.json"), "{oops").unwrap_err().contains("line 1"));
    }

    #[test]
    fn csv_columns_are_found_by_name() {
        let csv = "Job Title,Employer,Link,Description\nData Analyst,Lumen,https://l.example/1,\"SQL, dashboards\nand Python\"\n,,,\n";
        let p = read(Some("postings.csv"), csv).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].text, "Data Analyst — Lumen\n\nSQL, dashboards\nand Python");
        assert_eq!((p[0].title.as_deref(), p[0].company.as_deref(), p[0].url.as_str()), (Some("Data Analyst"), Some("Lumen"), "https://l.example/1"));
        assert_eq!(p[1].text, "");
        assert!(read(Some("a.csv"), "title,company\nx,y\n").unwrap_err().contains("no description column"));
        // Without a file name, a header naming a description column is enough.
        assert_eq!(read(None, "title,description\nX,Y and Z\n").unwrap()[0].title.as_deref(), Some("X"));
    }
}
