//! Job metadata: title, company, location, employment type, seniority and salary, read
//! from the posting's first line and its text.

use crate::model::JobMeta;

const SEPARATORS: &[&str] = &[" — ", " – ", " | ", " · ", " • ", " - "];

fn looks_like_location(s: &str) -> bool {
    let l = s.to_lowercase();
    l.contains("remote")
        || l.contains("hybrid")
        || l.contains("on-site")
        || l.contains("onsite")
        || s.contains(", ")
        || l.split_whitespace().count() <= 3 && s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Split the title line "Title — Company — Location" (or with `|`, `·`, ` - `, " at ").
pub fn parse_title_line(line: &str) -> (Option<String>, Option<String>, Option<String>) {
    let line = line.trim().trim_start_matches('#').trim();
    for sep in SEPARATORS {
        let parts: Vec<&str> = line.split(sep).map(str::trim).filter(|p| !p.is_empty()).collect();
        if parts.len() >= 2 {
            let title = Some(parts[0].to_string());
            let company = Some(parts[1].to_string());
            // "… | Phoenix, AZ | $32-$40/hr": pay is not part of the location.
            let pay = |p: &&str| p.contains(['$', '€', '£']) || p.contains("/hr") || p.to_lowercase().contains("per hour");
            let rest: Vec<&str> = parts[2..].iter().copied().filter(|p| !pay(p)).collect();
            let location = (!rest.is_empty()).then(|| rest.join(", "));
            return (title, company, location);
        }
    }
    if let Some(at) = line.find(" at ") {
        let (t, c) = (line[..at].trim(), line[at + 4..].trim());
        if !t.is_empty() && !c.is_empty() && c.split_whitespace().count() <= 5 {
            return (Some(t.to_string()), Some(c.to_string()), None);
        }
    }
    if line.split_whitespace().count() <= 12 && !line.ends_with('.') {
        return (Some(line.to_string()), None, None);
    }
    (None, None, None)
}

/// "Full-time", "Part-time", "Contract", "Internship", "Temporary", … as written in the text.
pub fn employment_type(text: &str) -> Option<String> {
    let l = text.to_lowercase();
    let found = [
        ("full-time", "Full-time"),
        ("full time", "Full-time"),
        ("fulltime", "Full-time"),
        ("part-time", "Part-time"),
        ("part time", "Part-time"),
        ("contract-to-hire", "Contract-to-hire"),
        ("contract to hire", "Contract-to-hire"),
        ("fixed-term", "Contract"),
        // Not bare "contractor": an employer calls itself "a union contractor".
        ("independent contractor", "Contract"),
        ("as a contractor", "Contract"),
        ("contractor role", "Contract"),
        ("contractor position", "Contract"),
        ("(contract)", "Contract"),
        ("month contract", "Contract"),
        ("contract role", "Contract"),
        ("contract position", "Contract"),
        ("internship", "Internship"),
        ("intern ", "Internship"),
        ("temporary", "Temporary"),
        ("freelance", "Freelance"),
        ("per diem", "Per diem"),
        ("seasonal", "Seasonal"),
    ];
    found.iter().filter_map(|(k, v)| l.find(k).map(|p| (p, *v))).min_by_key(|(p, _)| *p).map(|(_, v)| v.to_string())
}

/// Seniority from the title (and, failing that, from required years).
pub fn seniority(title: &str, years: Option<f64>) -> Option<String> {
    let t = format!(" {} ", title.to_lowercase().replace([',', '(', ')', '/', '-'], " "));
    let has = |w: &str| t.contains(&format!(" {w} "));
    let level = if has("intern") || has("internship") || has("trainee") || has("apprentice") {
        "Intern"
    } else if has("chief") || has("vp") || has("vice president") || has("head") {
        "Executive"
    } else if has("director") {
        "Director"
    } else if has("manager") && !has("product manager") && !has("project manager") {
        "Manager"
    } else if has("principal") || has("distinguished") {
        "Principal"
    } else if has("staff") {
        "Staff"
    } else if has("lead") {
        "Lead"
    } else if has("senior") || has("sr") || has("sr.") || has("iii") || has("iv") {
        "Senior"
    } else if has("junior") || has("jr") || has("entry") || has("graduate") || has("associate") || has("i") {
        "Entry"
    } else if has("ii") || has("mid") || has("intermediate") {
        "Mid"
    } else {
        match years {
            Some(y) if y >= 8.0 => "Senior",
            Some(y) if y >= 5.0 => "Senior",
            Some(y) if y >= 2.0 => "Mid",
            Some(_) => "Entry",
            None => return None,
        }
    };
    Some(level.to_string())
}

fn is_money_start(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥' | '₹' | 'C' | 'A' | 'U' | 'E' | 'G')
}

/// Words that make a money figure pay: on its line or the line before.
const PAY_WORDS: &[&str] = &[
    "salary", "salaries", "pay", "paid", "compensation", "wage", "wages", "rate", "base", "earn", "earning", "ote",
    "remuneration", "stipend", "per annum", "annual", "hourly", "range",
];

/// Whether the figure at `pos` stands where pay is talked about: the words of its own line
/// or of the line before ("Salary" as a heading) include a pay word. "We crossed $150M in
/// annual recurring revenue" is not pay; nor a funding round or a transaction volume.
fn in_pay_context(text: &str, pos: usize) -> bool {
    let line_start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let prev_start = text[..line_start.saturating_sub(1)].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    let context = text[prev_start..line_end].to_lowercase();
    let company_metric = crate::matching::any(&context, &["revenue", "arr", "funding", "raised", "valuation", "volume", "gmv", "assets under", "series a", "series b", "series c"], crate::matching::Boundary::Word);
    crate::matching::any(&context, PAY_WORDS, crate::matching::Boundary::Word) && !(company_metric && !context.contains("salary"))
}

/// A pay figure or range as written ("$175,000–$210,000", "€60k – €70k per year",
/// "USD 45/hour"): a figure with a pay period, or one where pay is talked about. Millions and
/// billions are never a person's pay.
pub fn salary(text: &str) -> Option<String> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(pos, c)) in chars.iter().enumerate() {
        if !is_money_start(c) {
            continue;
        }
        // Currency symbol, or ISO code followed by a space/digit.
        let rest = &text[pos..];
        let code_len = ["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "US$", "C$", "A$"]
            .iter()
            .find(|code| rest.starts_with(*code))
            .map(|code| code.len());
        let sym_len = if matches!(c, '$' | '€' | '£' | '¥' | '₹') { Some(c.len_utf8()) } else { code_len };
        let Some(sym_len) = sym_len else { continue };
        if k > 0 && chars[k - 1].1.is_alphanumeric() {
            continue;
        }
        let after = rest[sym_len..].trim_start();
        if !after.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        // Take the amount, an optional range, and an optional period.
        let mut end = pos + sym_len + (rest[sym_len..].len() - after.len());
        let take_amount = |s: &str| -> usize {
            let mut n = 0;
            for (i, c) in s.char_indices() {
                if c.is_ascii_digit() || c == ',' || c == '.' {
                    n = i + 1;
                } else if (c == 'k' || c == 'K' || c == 'm' || c == 'M') && i > 0 {
                    n = i + 1;
                    break;
                } else {
                    break;
                }
            }
            s[..n].trim_end_matches([',', '.']).len()
        };
        end += take_amount(&text[end..]);
        let tail = &text[end..];
        let trimmed = tail.trim_start();
        let range_sep = ["–", "—", "-", "to "].iter().find(|s| trimmed.starts_with(*s));
        if let Some(sep) = range_sep {
            let after_sep = trimmed[sep.len()..].trim_start();
            let sym2 = ["$", "€", "£", "¥", "₹", "USD ", "EUR ", "GBP "].iter().find(|s| after_sep.starts_with(*s)).map(|s| s.len()).unwrap_or(0);
            let amount2 = take_amount(&after_sep[sym2..]);
            if amount2 > 0 {
                end = text.len() - after_sep.len() + sym2 + amount2;
            }
        }
        // "$150M", "€2B", "$3 million": millions and billions are never a person's pay.
        let figure = &text[pos..end];
        let big_suffix = figure.chars().zip(figure.chars().skip(1)).any(|(a, b)| a.is_ascii_digit() && matches!(b, 'm' | 'M' | 'b' | 'B'));
        let big_word = {
            let after = text[end..].trim_start().to_lowercase();
            ["million", "billion", "bn", "b ", "mm"].iter().any(|w| after.starts_with(w))
        };
        let millions = big_suffix || big_word || text[end..].starts_with(['B', 'b']);
        let tail = text[end..].to_lowercase();
        let mut has_period = false;
        for period in [" per year", " a year", "/year", "/yr", " per annum", " annually", " per hour", "/hour", "/hr", " an hour", " per month", "/month", " base"] {
            if tail.starts_with(period) {
                end += period.len();
                has_period = true;
                break;
            }
        }
        let s = text[pos..end].trim();
        if s.chars().filter(|c| c.is_ascii_digit()).count() >= 2 && !millions && (has_period || in_pay_context(text, pos)) {
            return Some(s.to_string());
        }
    }
    None
}

/// A "Location:" line, or "Remote"/"Hybrid" mentions.
pub fn location_from_text(text: &str) -> Option<String> {
    for line in text.lines() {
        let l = line.trim();
        for key in ["location:", "based in:", "office:"] {
            // The label is matched case-insensitively, the value taken from the original
            // line (a lowercased copy can be longer or shorter: "İstanbul", "Ω").
            if let Some(rest) = crate::matching::strip_label(l, key) {
                let v = rest.trim();
                if !v.is_empty() && v.len() < 80 {
                    return Some(v.to_string());
                }
            }
        }
    }
    let l = text.to_lowercase();
    if l.contains("fully remote") || l.contains("100% remote") || l.contains("remote-first") {
        return Some("Remote".into());
    }
    None
}

/// What a title line may say after the title about the job itself, not its employer:
/// "– 2nd Shift", "| Nights", "— Part-time", "– 12-Month Contract".
pub(crate) fn title_qualifier(part: &str) -> bool {
    const WORDS: &[&str] = &[
        "shift", "shifts", "nights", "night", "days", "weekends", "weekend", "evenings", "overnight", "part-time",
        "full-time", "contract", "temporary", "temp", "seasonal", "per diem", "prn", "fixed-term", "locum", "internship",
    ];
    part.starts_with(|c: char| c.is_ascii_digit()) || crate::matching::any(&part.to_lowercase(), WORDS, crate::matching::Boundary::Word)
}

/// "Riverbend Foods | Lockbourne, OH" on the line after the title: employer, then place.
fn employer_line(line: &str) -> Option<(String, Option<String>)> {
    let line = line.trim();
    SEPARATORS.iter().find_map(|sep| {
        let parts: Vec<&str> = line.split(sep).map(str::trim).filter(|p| !p.is_empty()).collect();
        let ok = parts.len() >= 2
            && parts[0].split_whitespace().count() <= 6
            && !parts[0].contains(['$', '€', '£', ':'])
            && (parts[1].contains(", ") || parts[1].to_lowercase().contains("remote"))
            && looks_like_location(parts[1]);
        ok.then(|| (parts[0].to_string(), Some(parts[1].to_string())))
    })
}

/// Title, employer and place from the posting's first lines: "Title — Company — Place" on
/// the first, or the employer on the second ("Riverbend Foods | Lockbourne, OH", "Lakeside
/// Health System").
pub fn heading_lines(text: &str) -> (Option<String>, Option<String>, Option<String>) {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or("");
    let second = lines.next().unwrap_or("").trim();
    let third = lines.next().unwrap_or("").trim();
    let (mut title, mut company, mut location) = parse_title_line(first);
    // "Clinical Pharmacist - Infectious Diseases" then "Lakeside Health System": the part
    // after the dash names no organisation and the next line does, so it is the title's.
    let named_below = second.split_whitespace().count() <= 6
        && !second.contains(['|', '·', ',', ':', '$'])
        && crate::import::names_organisation(second);
    // "Hospital Social Worker - Emergency Department" then "Froedtert Valley Hospital |
    // Milwaukee, WI": an employer with its place below, when the first line has no place,
    // makes the part after the dash the title's (a department or specialty).
    // (Not when the dash part is that same employer: "Staff Accountant – Riverbend Foods".)
    let employer_below = location.is_none()
        && employer_line(second).is_some_and(|(c, _)| crate::import::names_organisation(&c) && Some(c.as_str()) != company.as_deref());
    let qualifier = company.as_deref().is_some_and(|c| title_qualifier(c) || employer_below || (named_below && !crate::import::names_organisation(c)));
    // "Warehouse Supervisor – 2nd Shift": the part after the dash qualifies the title.
    if let (true, Some(q)) = (qualifier, company.clone()) {
        let line = first.trim().trim_start_matches('#').trim();
        let end = line.find(q.as_str()).map_or(line.len(), |k| k + q.len());
        title = Some(line[..end].to_string());
        company = None;
    }
    if company.is_none() {
        if let Some((c, l)) = employer_line(second) {
            company = Some(c);
            location = location.or(l);
        } else if named_below {
            company = Some(second.to_string());
        }
        // "CDL-A Regional Driver" / "Crosspoint Logistics" / "Indianapolis, IN": the
        // employer's line alone, its place on the line below.
        if company.as_deref() == Some(second) && location.is_none() && place_line(third) {
            location = Some(third.to_string());
        }
    }
    (title, company, location)
}

/// A line that is only a place: "Indianapolis, IN", "Leeds, United Kingdom", "Remote".
fn place_line(line: &str) -> bool {
    if line.split_whitespace().count() > 5 || line.contains(['$', ':', '|']) {
        return false;
    }
    if matches!(line.to_lowercase().as_str(), "remote" | "hybrid") {
        return true;
    }
    let Some((town, region)) = line.rsplit_once(", ") else { return false };
    let region = region.trim();
    let code = region.len() == 2 && region.chars().all(|c| c.is_ascii_uppercase());
    town.chars().next().is_some_and(char::is_uppercase) && (code || crate::lexicon::is_place(region))
}

/// Job metadata from the cleaned text and the parsed structure's "About X" heading.
pub fn job_meta(text: &str, about_name: Option<&str>, years: Option<f64>) -> JobMeta {
    let (title, company, location) = heading_lines(text);
    let company = company.or_else(|| about_name.map(str::to_string));
    let location = location.filter(|l| looks_like_location(l)).or_else(|| location_from_text(text));
    let title = title.unwrap_or_else(|| "Untitled job".to_string());
    JobMeta {
        seniority: seniority(&title, years),
        job_title: title,
        company,
        location,
        employment_type: employment_type(text),
        job_url: None,
        platform: None,
        salary: salary(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Title, employer and place on three lines.
    #[test]
    fn the_place_may_be_on_the_line_below_the_employer() {
        let m = job_meta("CDL-A Regional Driver - Home Weekly\nCrosspoint Logistics\nIndianapolis, IN\n\nPay: $0.68 per mile\n", None, None);
        assert_eq!(m.company.as_deref(), Some("Crosspoint Logistics"));
        assert_eq!(m.location.as_deref(), Some("Indianapolis, IN"));
        // A sentence below the employer is no place.
        let m = job_meta("Sous Chef\nHarbor House\nWe are hiring, fast.\n", None, None);
        assert_eq!(m.location, None);
    }

    /// "– 2nd Shift" qualifies the title; the employer and place are on the next line.
    #[test]
    fn a_shift_after_the_title_is_not_the_employer() {
        let m = job_meta("Warehouse Supervisor – 2nd Shift\nRiverbend Foods | Lockbourne, OH\n$62,000 - $70,000 per year\n", None, None);
        assert_eq!(m.job_title, "Warehouse Supervisor – 2nd Shift");
        assert_eq!(m.company.as_deref(), Some("Riverbend Foods"));
        assert_eq!(m.location.as_deref(), Some("Lockbourne, OH"));
        // A department after the dash, the employer and its place below.
        let m = job_meta("Hospital Social Worker - Emergency Department\nFroedtert Valley Hospital | Milwaukee, WI\n", None, None);
        assert_eq!(m.job_title, "Hospital Social Worker - Emergency Department");
        assert_eq!(m.company.as_deref(), Some("Froedtert Valley Hospital"));
        assert_eq!(m.location.as_deref(), Some("Milwaukee, WI"));
        // The same employer after the dash and below it.
        let m = job_meta("Staff Accountant – Lakeside Health System\nLakeside Health System | Madison, WI\n", None, None);
        assert_eq!((m.job_title.as_str(), m.company.as_deref()), ("Staff Accountant", Some("Lakeside Health System")));
        // A plain second line is not taken for an employer.
        let m = job_meta("Staff Accountant\nWe are a growing manufacturer, based in Ohio.\n", None, None);
        assert_eq!(m.company, None);
    }

    #[test]
    fn title_line_splits() {
        let (t, c, l) = parse_title_line("Senior Backend Engineer (Go) — Vantaloop Payments — Remote (US) or Denver, CO");
        assert_eq!(t.as_deref(), Some("Senior Backend Engineer (Go)"));
        assert_eq!(c.as_deref(), Some("Vantaloop Payments"));
        assert_eq!(l.as_deref(), Some("Remote (US) or Denver, CO"));
        let (_, _, l) = parse_title_line("Journeyman Electrician | Brightline Electric | Phoenix, AZ | $32-$40/hr");
        assert_eq!(l.as_deref(), Some("Phoenix, AZ"));
        let (t, c, _) = parse_title_line("Staff Engineer at Acme Corp");
        assert_eq!((t.as_deref(), c.as_deref()), (Some("Staff Engineer"), Some("Acme Corp")));
    }

    #[test]
    fn salary_ranges_and_rates() {
        assert_eq!(salary("The base salary range is $175,000–$210,000 plus equity.").as_deref(), Some("$175,000–$210,000"));
        assert_eq!(salary("Pay: €60k - €70k per year").as_deref(), Some("€60k - €70k per year"));
        assert_eq!(salary("USD 45/hour, paid weekly").as_deref(), Some("USD 45/hour"));
        assert_eq!(salary("We have $9B in volume").as_deref(), None);
        assert_eq!(salary("We crossed $150M in annual recurring revenue.").as_deref(), None);
        assert_eq!(salary("We raised $45,000,000 in Series B funding.").as_deref(), None);
        assert_eq!(salary("Salary\n$95,000 - $120,000 depending on experience").as_deref(), Some("$95,000 - $120,000"));
        assert_eq!(salary("Our customers move $12,000 a day through us."), None);
        assert_eq!(salary("Stipend: $2,500 per month").as_deref(), Some("$2,500 per month"));
        assert_eq!(salary("Compensation: GBP 45,000 – GBP 52,000").as_deref(), Some("GBP 45,000 – GBP 52,000"));
        assert_eq!(salary("no pay info"), None);
    }

    #[test]
    fn seniority_from_title() {
        assert_eq!(seniority("Senior Data Scientist, Forecasting", None).as_deref(), Some("Senior"));
        assert_eq!(seniority("Software Engineer III, Distributed Systems", None).as_deref(), Some("Senior"));
        assert_eq!(seniority("Regulatory Affairs Specialist II", None).as_deref(), Some("Mid"));
        assert_eq!(seniority("UX Researcher", Some(3.0)).as_deref(), Some("Mid"));
        assert_eq!(seniority("Nurse Informaticist", None), None);
    }

    #[test]
    fn employment_type_found() {
        assert_eq!(employment_type("This is a full-time role").as_deref(), Some("Full-time"));
        assert_eq!(employment_type("12-month contract position").as_deref(), Some("Contract"));
        assert_eq!(employment_type("nothing"), None);
        assert_eq!(employment_type("Brightline is a union contractor doing tenant improvements"), None);
        assert_eq!(employment_type("Data Analyst (Contract)").as_deref(), Some("Contract"));
    }
}
