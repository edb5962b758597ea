//! Sections that are lists rather than entries: summary, skills, languages, interests,
//! awards, certificates, publications, mentorship, references.

use serde_json::Value;

use super::entries::{labelled_list, split_list, Para};
use super::lines::{tidy, Kind, Line};
use super::parts::{clean_part, split_parts};
use super::words::{company_hits, ends_sentence, institution_hits, starts_lowercase, word_count};
use crate::import::dates::find_dates;
use crate::import::imported::DATES_KEY;
use crate::resume::{Award, Certificate, Interest, Language, Publication, Reference, Skill};

/// The section's items: each bullet, or each line (or, with `paragraphs`, each run of lines
/// without a blank line), with lines broken by the PDF joined back.
pub(crate) fn items(lines: &[Line], paragraphs: bool) -> Vec<Para> {
    let uses_bullets = lines.iter().any(|l| l.kind == Kind::Bullet);
    let mut out: Vec<Para> = Vec::new();
    let mut blank = true;
    let mut last_bullet = false;
    for line in lines {
        match line.kind {
            Kind::Blank => blank = true,
            Kind::Bullet => {
                out.push(Para::new(line));
                blank = false;
                last_bullet = true;
            }
            Kind::Text => {
                let join = !blank
                    && out.last().is_some_and(|p| {
                        p.text.is_empty()
                            || paragraphs
                            || (last_bullet && uses_bullets)
                            || starts_lowercase(&line.text)
                            || p.text.ends_with([',', '-', '–', '&'])
                    });
                match out.last_mut() {
                    Some(p) if join => p.join(line),
                    _ => {
                        out.push(Para::new(line));
                        last_bullet = false;
                    }
                }
                blank = false;
            }
        }
    }
    out.retain(|p| !p.text.trim().is_empty());
    out
}

/// The summary as one text, paragraphs on their own lines.
pub(crate) fn summary(lines: &[Line]) -> Option<String> {
    let paras: Vec<String> = items(lines, true).iter().map(|p| tidy(&p.text)).collect();
    (!paras.is_empty()).then(|| paras.join("\n"))
}

/// Skills groups: "Label: a, b, c" lines (wrapped lines continue the group), a short line
/// naming the group above an unlabelled list, or unlabelled lists (a group without name).
pub(crate) fn skills(lines: &[Line]) -> Vec<Skill> {
    let mut groups: Vec<(Option<String>, String)> = Vec::new();
    let mut blank = true;
    let mut open = false;
    let non_blank: Vec<&Line> = lines.iter().filter(|l| l.kind != Kind::Blank).collect();
    let mut k = 0;
    for line in lines {
        if line.kind == Kind::Blank {
            blank = true;
            open = false;
            continue;
        }
        k += 1;
        let next = non_blank.get(k);
        let text = line.text.as_str();
        let was_blank = std::mem::replace(&mut blank, false);
        if let Some((head, tail)) = text.split_once(':').filter(|_| labelled_list(text).is_some()) {
            groups.push((Some(head.trim().to_string()), tail.trim().to_string()));
            open = true;
            continue;
        }
        let sub_label = word_count(text) <= 4
            && !text.contains([',', ';', ':'])
            && next.is_some_and(|n| n.text.contains([',', ';', '•', '·', '|']) && labelled_list(&n.text).is_none());
        if sub_label {
            groups.push((Some(text.trim_end_matches(':').to_string()), String::new()));
            open = true;
            continue;
        }
        match groups.last_mut() {
            Some((_, body)) if open && !was_blank => {
                if body.is_empty() {
                    body.push_str(text);
                } else if body.ends_with([',', ';']) {
                    body.push(' ');
                    body.push_str(text);
                } else if line.kind == Kind::Bullet || !body.contains([',', ';']) {
                    // One skill per line or per bullet: each line is an item.
                    body.push_str(", ");
                    body.push_str(text);
                } else {
                    // A comma-separated list broken by the PDF in the middle of an item.
                    body.push(' ');
                    body.push_str(text);
                }
            }
            _ => {
                groups.push((None, text.to_string()));
                open = true;
            }
        }
    }
    groups
        .into_iter()
        .filter_map(|(name, body)| {
            let keywords: Vec<String> = split_list(&body).iter().map(|s| tidy(s)).filter(|s| !s.is_empty()).collect();
            let name = name.map(|n| tidy(&n)).filter(|n| !n.is_empty());
            (name.is_some() || !keywords.is_empty()).then(|| Skill { name, keywords: Some(keywords), ..Default::default() })
        })
        .collect()
}

fn all_items(lines: &[Line]) -> Vec<String> {
    let mut out = Vec::new();
    for p in items(lines, false) {
        let text = match labelled_list(&p.text) {
            Some((_, items)) => items,
            None => split_list(&p.text),
        };
        out.extend(text.into_iter().map(|t| tidy(&t)));
    }
    out
}

/// "English (native), Spanish (B2)", "German — Fluent", "French: conversational".
pub(crate) fn languages(lines: &[Line]) -> Vec<Language> {
    all_items(lines)
        .into_iter()
        .map(|item| {
            let (language, fluency) = if let (Some(open), true) = (item.find('('), item.ends_with(')')) {
                (item[..open].trim().to_string(), Some(item[open + 1..item.len() - 1].trim().to_string()))
            } else if let Some((l, f)) = item.split_once(':') {
                (l.trim().to_string(), Some(f.trim().to_string()))
            } else {
                let parts = split_parts(&item);
                match parts.as_slice() {
                    [l, f] => (l.clone(), Some(f.clone())),
                    _ => (item.clone(), None),
                }
            };
            Language { language: Some(language).filter(|l| !l.is_empty()), fluency: fluency.filter(|f| !f.is_empty()), ..Default::default() }
        })
        .collect()
}

/// "Outdoors: hiking, climbing" is one interest with keywords; "chess, cycling" two.
pub(crate) fn interests(lines: &[Line]) -> Vec<Interest> {
    let mut out = Vec::new();
    for p in items(lines, false) {
        match labelled_list(&p.text) {
            Some((label, items)) => {
                out.push(Interest { name: Some(tidy(&label)), keywords: Some(items.iter().map(|i| tidy(i)).collect()), ..Default::default() })
            }
            None => out.extend(split_list(&p.text).into_iter().map(|i| Interest { name: Some(tidy(&i)), ..Default::default() })),
        }
    }
    out
}

/// An item's date, cut out when it is the only date in it: (rest, iso date, kept text).
fn cut_date(text: &str) -> (String, Option<String>, Option<String>) {
    let Some(f) = find_dates(text) else { return (text.to_string(), None, None) };
    // "expires 2027", "valid until 2026": when it lapses, not when it was earned. JSON Resume
    // has no field for that, so the words stay together in the text.
    let before = text[..f.span.start].trim_end().to_lowercase();
    if ["expires", "expiry", "expiring", "exp.", "exp", "valid until", "valid through", "valid to", "renewal due", "until"]
        .iter()
        .any(|w| before.ends_with(w))
    {
        return (text.to_string(), None, None);
    }
    // "Ranked #2 of 38 reps nationally in 2023": the date is part of the sentence, which
    // stays whole; the date is still read.
    let word_before = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    if crate::text::is_stopword(word_before) && !word_before.is_empty() {
        return (text.to_string(), f.start.or(f.end).map(|d| d.iso()), None);
    }
    let (head, tail) = (text[..f.span.start].trim_end(), text[f.span.end..].trim_start());
    // "($1.2M ACV, 2024)": the date leaves with its comma, the parenthesis stays closed.
    let rest = match (head.strip_suffix(','), tail.starts_with(')')) {
        (Some(h), true) => format!("{h}{tail}"),
        // "(renewed 2024)": the date is inside words of a parenthesis, which stays whole.
        _ if head.matches('(').count() > head.matches(')').count() && !head.ends_with('(') => {
            return (text.to_string(), f.start.or(f.end).map(|d| d.iso()), None);
        }
        _ => format!("{head} | {tail}"),
    };
    if find_dates(&rest).is_some() {
        // Several dates ("Dean's List 2018, 2019"): keep the text whole.
        return (text.to_string(), f.start.map(|d| d.iso()), None);
    }
    let date = f.start.or(f.end).map(|d| d.iso());
    let kept = f.approximate.then(|| text[f.span.clone()].to_string());
    (rest, date, kept)
}

/// Title, issuer and the rest, from "Title — Issuer — details" or "Title, Issuer Inc.".
fn title_issuer(text: &str) -> (Option<String>, Option<String>, Vec<String>) {
    let mut parts = split_parts(text);
    if parts.len() == 1 {
        if let Some((a, b)) = parts[0].clone().split_once(", ") {
            if company_hits(b) + institution_hits(b) > 0 {
                parts = vec![a.to_string(), b.to_string()];
            }
        }
    }
    // The issuer is the part named like an organisation; titles may contain dashes too
    // ("Excellence Award — Clinical Innovation — Riverside Medical Center").
    let named = parts.iter().skip(1).position(|p| company_hits(p) + institution_hits(p) > 0).map(|i| i + 1);
    // With no part named like one, the second part is the issuer ("… — Amazon Web Services")
    // unless it reads as details: a list ("sit-down, reach truck, order picker") or words
    // that go on from the title in lowercase.
    let details = |p: &String| split_list(p).len() >= 3 || starts_lowercase(p);
    let issuer_at = named.unwrap_or(if parts.get(1).is_some_and(details) { parts.len() } else { 1 });
    if issuer_at >= parts.len() && named.is_none() && parts.len() > 1 {
        return (Some(tidy(text)), None, Vec::new());
    }
    if parts.len() <= issuer_at {
        return (parts.first().map(|p| tidy(p)), None, Vec::new());
    }
    // The title is the text before the issuer as written (its own dashes kept).
    let issuer = &parts[issuer_at];
    let title = match (issuer_at > 1, text.find(issuer.as_str())) {
        (true, Some(at)) => clean_part(&text[..at]).unwrap_or_else(|| parts[0].clone()),
        _ => parts[0].clone(),
    };
    (Some(tidy(&title)), Some(tidy(issuer)), parts[issuer_at + 1..].iter().map(|p| tidy(p)).collect())
}

pub(crate) fn awards(lines: &[Line]) -> Vec<Award> {
    items(lines, false)
        .iter()
        .map(|p| {
            let (rest, date, kept) = cut_date(&p.text);
            let (title, awarder, more) = title_issuer(&rest);
            let mut a = Award { title, awarder, date, summary: (!more.is_empty()).then(|| more.join(" — ")), ..Default::default() };
            if let Some(k) = kept {
                a.extra.insert(DATES_KEY.into(), Value::String(k));
            }
            a
        })
        .collect()
}

pub(crate) fn certificates(lines: &[Line]) -> Vec<Certificate> {
    items(lines, false).iter().map(|p| certificate(&p.text)).collect()
}

/// One certificate or licence line: "OSHA 30-Hour Construction, 2021".
pub(crate) fn certificate(text: &str) -> Certificate {
    let (rest, date, kept) = cut_date(text);
    let (name, issuer, more) = title_issuer(&rest);
    let name = match (name, more.is_empty()) {
        (Some(n), false) => Some(format!("{n} — {}", more.join(" — "))),
        (n, _) => n,
    };
    let mut c = Certificate { name, issuer, date, ..Default::default() };
    if let Some(k) = kept {
        c.extra.insert(DATES_KEY.into(), Value::String(k));
    }
    c
}

/// A citation is kept whole as the name (splitting authors, title and venue by rule would
/// garble it); the date is read out of it.
pub(crate) fn publications(lines: &[Line]) -> Vec<Publication> {
    items(lines, false)
        .iter()
        .map(|p| {
            let text = tidy(&p.text);
            let date = find_dates(&text).filter(|f| !f.approximate).and_then(|f| f.start).map(|d| d.iso());
            Publication { name: Some(text), release_date: date, ..Default::default() }
        })
        .collect()
}

pub(crate) fn texts(lines: &[Line]) -> Vec<String> {
    items(lines, false).iter().map(|p| tidy(&p.text)).collect()
}

/// A reference: a short first line is the referee's name, the rest what they said.
pub(crate) fn references(lines: &[Line]) -> Vec<Reference> {
    let mut out = Vec::new();
    let mut cur: Option<(Option<String>, Vec<String>)> = None;
    for line in lines {
        if line.kind == Kind::Blank {
            out.extend(cur.take());
            continue;
        }
        let text = tidy(&line.text);
        match &mut cur {
            None if word_count(&text) <= 5 && !ends_sentence(&text) && !text.to_lowercase().contains("request") => cur = Some((Some(text), Vec::new())),
            None => cur = Some((None, vec![text])),
            Some((_, body)) => body.push(text),
        }
    }
    out.extend(cur.take());
    out.into_iter()
        .map(|(name, body)| {
            let reference = (!body.is_empty()).then(|| body.join(" "));
            Reference { name, reference, ..Default::default() }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::errors::Warnings;
    use crate::import::plain_text::lines::prepare;

    fn lines(t: &str) -> Vec<Line> {
        prepare(t, &mut Warnings::default())
    }

    #[test]
    fn skills_groups_in_several_layouts() {
        let s = skills(&lines("Languages: Go, Java, Python,\nSQL, Bash\nCloud: AWS (EKS, KMS,\nSQS), Kubernetes\n\nTools\nDocker, Helm\n\nFigma, Miro"));
        let got: Vec<(Option<&str>, Vec<&str>)> =
            s.iter().map(|g| (g.name.as_deref(), g.keywords.iter().flatten().map(String::as_str).collect())).collect();
        assert_eq!(
            got,
            [
                (Some("Languages"), vec!["Go", "Java", "Python", "SQL", "Bash"]),
                (Some("Cloud"), vec!["AWS (EKS, KMS, SQS)", "Kubernetes"]),
                (Some("Tools"), vec!["Docker", "Helm"]),
                (None, vec!["Figma", "Miro"]),
            ]
        );
        let s = skills(&lines("• Python\n• SQL\n• Tableau"));
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].keywords.as_ref().unwrap(), &["Python", "SQL", "Tableau"]);
    }

    #[test]
    fn an_expiry_is_not_the_date_a_certificate_was_earned() {
        let c = certificate("BLS/CPR – American Heart Association – expires 2027");
        assert_eq!(c.date, None);
        assert_eq!(c.issuer.as_deref(), Some("American Heart Association"));
        assert!(c.name.as_deref().is_some_and(|n| n.starts_with("BLS/CPR") && n.contains("expires 2027")), "{:?}", c.name);
        assert_eq!(certificate("Washington State Nursing Assistant Certified (NAC) – 2022").date.as_deref(), Some("2022"));
    }

    #[test]
    fn languages_and_awards() {
        let l = languages(&lines("English (native), Spanish (B2)\nGerman — Fluent"));
        let got: Vec<_> = l.iter().map(|l| (l.language.as_deref().unwrap(), l.fluency.as_deref())).collect();
        assert_eq!(got, [("English", Some("native")), ("Spanish", Some("B2")), ("German", Some("Fluent"))]);
        let a = awards(&lines("• Engineering Excellence Award — Tallgrass Payments (2023)\n• Dean's List 2018, 2019"));
        assert_eq!(a[0].title.as_deref(), Some("Engineering Excellence Award"));
        assert_eq!(a[0].awarder.as_deref(), Some("Tallgrass Payments"));
        assert_eq!(a[0].date.as_deref(), Some("2023"));
        assert_eq!(a[1].title.as_deref(), Some("Dean's List 2018, 2019"));
    }

    /// An achievement written as a sentence keeps its date in the sentence; a date set off
    /// inside a parenthesis leaves without breaking it.
    #[test]
    fn a_date_inside_a_sentence_stays_in_it() {
        let a = awards(&lines("• Ranked #2 of 38 reps nationally in 2023\n• Closed the largest deal in company history ($1.2M ACV, 2024)"));
        assert_eq!(a[0].title.as_deref(), Some("Ranked #2 of 38 reps nationally in 2023"));
        assert_eq!(a[0].date.as_deref(), Some("2023"));
        assert_eq!(a[1].title.as_deref(), Some("Closed the largest deal in company history ($1.2M ACV)"));
        assert_eq!(a[1].date.as_deref(), Some("2024"));
    }

    /// "(renewed 2024)" stays whole, and a list of details after the dash is not an issuer.
    #[test]
    fn a_certificates_details_are_not_its_issuer() {
        let c = certificate("Certified Forklift Operator – sit-down counterbalance, reach truck, order picker (renewed 2024)");
        assert_eq!(c.name.as_deref(), Some("Certified Forklift Operator – sit-down counterbalance, reach truck, order picker (renewed 2024)"));
        assert_eq!(c.issuer, None);
        assert_eq!(c.date.as_deref(), Some("2024"));
        let c = certificate("AWS Certified Developer – Amazon Web Services, 2022");
        assert_eq!(c.issuer.as_deref(), Some("Amazon Web Services"));
    }
}
