//! The Jobs list as the user decides from it (seed 004): saved jobs in fit order with the
//! user's company preferences and target roles applied, stale and archived jobs marked.
//! Pure — the page passes the jobs, their fresh scores, the preferences, its filter and the
//! time, and renders the rows it gets back — so the rules have native tests.
//!
//! Seed 004's meanings: a **dream** company lowers the fit threshold (its jobs rank as if
//! [`DREAM_BOOST`] points higher, and count in the band above when that boost reaches it);
//! a **blacklisted** company is never applied to (its jobs are hidden unless asked for); up
//! to [`MAX_TARGET_ROLES`] **target roles** (role families) mark the jobs whose title names
//! one, and can narrow the list to them. A job untouched for [`STALE_AFTER_DAYS`] is stale
//! (seed 004 retires unseen postings after 14–30 days); archiving takes it off the list
//! without deleting it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::matching::{occurs, Boundary, Folded};
use crate::model::{CompanyPref, CompanyPrefKind, Job, JobCard, Millis, TargetRole};
use crate::rank::FitBand;

/// Days without a change after which a saved job is marked stale.
pub const STALE_AFTER_DAYS: i64 = 30;
/// Points a dream company's jobs gain in ranking and banding (their shown score is their own).
pub const DREAM_BOOST: u8 = 10;
/// Seed 004: "up to 5 role families per user".
pub const MAX_TARGET_ROLES: usize = 5;

const DAY_MS: i64 = 86_400_000;

/// Words that name a company's legal form, not the company: "Acme Inc." is "Acme".
const LEGAL_FORMS: &[&str] = &[
    "inc", "incorporated", "llc", "ltd", "limited", "plc", "gmbh", "ag", "sa", "sas", "bv", "nv", "corp", "corporation", "co", "company", "pty", "srl", "oy", "ab", "as", "kk",
];

/// A company name as compared: case-folded, punctuation as spaces, legal forms at the end
/// dropped ("ACME, Inc." and "Acme" are the same company).
pub fn company_key(name: &str) -> String {
    let folded = Folded::new(name);
    let cleaned: String = folded.as_str().chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    while words.len() > 1 && words.last().is_some_and(|w| LEGAL_FORMS.contains(w)) {
        words.pop();
    }
    words.join(" ")
}

/// Whether a job title names a target role: every word of the role, as a whole word, in
/// any order ("Backend Engineer" is named by "Senior Engineer, Backend Platform").
pub fn names_role(title: &str, role: &str) -> bool {
    let hay = Folded::new(title);
    let role = Folded::new(role);
    let words: Vec<&str> = role.as_str().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    !words.is_empty() && words.iter().all(|w| occurs(hay.as_str(), w, Boundary::Word))
}

/// The user's preferences, as company keys and role names.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prefs {
    pub dream: Vec<String>,
    pub blacklist: Vec<String>,
    pub target_roles: Vec<String>,
}

impl Prefs {
    pub fn new(companies: &[CompanyPref], roles: &[TargetRole]) -> Prefs {
        let of = |kind: CompanyPrefKind| companies.iter().filter(|c| c.kind == kind).map(|c| company_key(&c.company)).filter(|k| !k.is_empty()).collect();
        Prefs {
            dream: of(CompanyPrefKind::Dream),
            blacklist: of(CompanyPrefKind::Blacklist),
            target_roles: roles.iter().map(|r| r.role_family.trim().to_string()).filter(|r| !r.is_empty()).take(MAX_TARGET_ROLES).collect(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Fit,
    Newest,
    Oldest,
    Title,
    Company,
}

/// What the user narrowed the list to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Words to find in title, company, location, tags or text (case-insensitive).
    pub query: String,
    pub band: Option<FitBand>,
    pub favorites_only: bool,
    pub target_roles_only: bool,
    /// Show blacklisted companies' jobs too.
    pub show_blacklisted: bool,
    /// Show archived jobs (only them).
    pub archived: bool,
}

/// One job as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index into the jobs given to [`arrange`].
    pub index: usize,
    pub score: Option<u8>,
    /// The score it ranks and bands by: with the dream boost.
    pub ranked: Option<u8>,
    pub dream: bool,
    pub blacklisted: bool,
    /// The first target role its title names.
    pub target_role: Option<String>,
    pub stale: bool,
}

/// The rows to show, and what the filter kept out of sight (for "show N hidden").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Arranged {
    pub rows: Vec<Row>,
    pub blacklisted_hidden: usize,
    pub archived: usize,
}

/// What [`arrange`] reads of a job: a whole [`Job`], or the list's [`JobCard`].
pub trait Listing {
    fn job(&self) -> ListingRef<'_>;
}

/// The fields of a job the list arranges by.
pub struct ListingRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub company: Option<&'a str>,
    pub location: Option<&'a str>,
    pub user_tags: &'a [String],
    /// The posting's text, when known (a card knows it once the list has read it).
    pub description: Option<&'a str>,
    pub is_favorite: bool,
    pub is_archived: bool,
    pub is_deleted: bool,
    pub created_at: Millis,
    pub updated_at: Millis,
}

impl Listing for Job {
    fn job(&self) -> ListingRef<'_> {
        ListingRef {
            id: &self.id,
            title: &self.title,
            company: self.company.as_deref(),
            location: self.location.as_deref(),
            user_tags: self.user_tags.as_deref().unwrap_or_default(),
            description: Some(&self.raw_description),
            is_favorite: self.is_favorite == Some(true),
            is_archived: self.is_archived == Some(true),
            is_deleted: self.is_deleted == Some(true),
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

impl Listing for JobCard {
    fn job(&self) -> ListingRef<'_> {
        ListingRef {
            id: &self.id,
            title: &self.title,
            company: self.company.as_deref(),
            location: self.location.as_deref(),
            user_tags: self.user_tags.as_deref().unwrap_or_default(),
            description: self.description.as_deref(),
            is_favorite: self.is_favorite == Some(true),
            is_archived: self.is_archived == Some(true),
            is_deleted: self.is_deleted == Some(true),
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

/// Whether a job is stale at `now`: not changed for [`STALE_AFTER_DAYS`].
pub fn is_stale(job: &impl Listing, now: Millis) -> bool {
    let j = job.job();
    now - j.updated_at.max(j.created_at) > STALE_AFTER_DAYS * DAY_MS
}

fn matches_query(j: &ListingRef, q: &str) -> bool {
    let has = |s: &str| s.to_lowercase().contains(q);
    q.is_empty()
        || has(j.title)
        || j.company.is_some_and(has)
        || j.location.is_some_and(has)
        || j.user_tags.iter().any(|t| has(t))
        || j.description.is_some_and(has)
}

/// The list: deleted jobs never; archived ones only when asked for (and then only them);
/// blacklisted companies' jobs only when asked for; then the filter, then the sort.
pub fn arrange<T: Listing>(jobs: &[T], scores: &HashMap<String, u8>, prefs: &Prefs, filter: &Filter, sort: Sort, now: Millis) -> Arranged {
    let q = filter.query.trim().to_lowercase();
    let mut out = Arranged::default();
    for (index, item) in jobs.iter().enumerate() {
        let j = item.job();
        if j.is_deleted {
            continue;
        }
        let archived = j.is_archived;
        out.archived += usize::from(archived);
        if archived != filter.archived {
            continue;
        }
        let company = j.company.map(company_key).unwrap_or_default();
        let blacklisted = !company.is_empty() && prefs.blacklist.contains(&company);
        if blacklisted && !filter.show_blacklisted {
            out.blacklisted_hidden += 1;
            continue;
        }
        let dream = !company.is_empty() && prefs.dream.contains(&company);
        let score = scores.get(j.id).copied();
        let ranked = score.map(|s| if dream { s.saturating_add(DREAM_BOOST).min(100) } else { s });
        let target_role = prefs.target_roles.iter().find(|r| names_role(j.title, r)).cloned();
        if (filter.favorites_only && !j.is_favorite)
            || (filter.target_roles_only && target_role.is_none())
            || filter.band.is_some_and(|b| ranked.is_none_or(|s| FitBand::of(s) != b))
            || !matches_query(&j, &q)
        {
            continue;
        }
        out.rows.push(Row { index, score, ranked, dream, blacklisted, target_role, stale: is_stale(item, now) });
    }
    let created = |r: &Row| jobs[r.index].job().created_at;
    match sort {
        // Best (boosted) fit first; jobs not scored yet after them, newest first.
        Sort::Fit => out.rows.sort_by(|a, b| b.ranked.cmp(&a.ranked).then(created(b).cmp(&created(a)))),
        Sort::Newest => out.rows.sort_by_key(|r| std::cmp::Reverse(created(r))),
        Sort::Oldest => out.rows.sort_by_key(created),
        Sort::Title => out.rows.sort_by_cached_key(|r| jobs[r.index].job().title.to_lowercase()),
        Sort::Company => out.rows.sort_by_cached_key(|r| jobs[r.index].job().company.unwrap_or_default().to_lowercase()),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(id: &str, title: &str, company: &str, created: Millis) -> Job {
        Job {
            id: id.into(),
            title: title.into(),
            company: Some(company.into()),
            raw_description: format!("{title} at {company}"),
            description_hash: format!("h{id}"),
            created_at: created,
            updated_at: created,
            ..Default::default()
        }
    }

    fn pref(company: &str, kind: CompanyPrefKind) -> CompanyPref {
        CompanyPref { id: company.into(), user_id: "u".into(), company: company.into(), kind, created_at: 0 }
    }

    #[test]
    fn company_names_compare_without_case_punctuation_or_legal_form() {
        assert_eq!(company_key("ACME, Inc."), "acme");
        assert_eq!(company_key("Acme"), "acme");
        assert_eq!(company_key("Müller GmbH & Co. KG"), company_key("müller gmbh co kg"));
        assert_eq!(company_key("Limited"), "limited", "a name that is only a legal form stays");
        assert_ne!(company_key("Acme Robotics"), company_key("Acme"));
    }

    #[test]
    fn a_target_role_is_named_by_its_words_as_whole_words() {
        assert!(names_role("Senior Backend Engineer (Go)", "backend engineer"));
        assert!(names_role("Engineer, Backend Platform", "Backend Engineer"));
        assert!(!names_role("Backend Engineering Manager", "backend engineer"));
        assert!(!names_role("Registered Nurse", ""));
    }

    #[test]
    fn cards_arrange_like_jobs_and_search_the_text_once_they_have_it() {
        let now = 100 * DAY_MS;
        let jobs = vec![job("a", "Backend Engineer", "Northwind", now - DAY_MS), job("b", "Nurse", "Harbour Hospital", now - 2 * DAY_MS)];
        let mut cards: Vec<JobCard> = jobs.iter().map(JobCard::from).collect();
        let scores: HashMap<String, u8> = [("a".to_string(), 40), ("b".to_string(), 80)].into_iter().collect();
        let prefs = Prefs::new(&[], &[]);
        for sort in [Sort::Fit, Sort::Newest, Sort::Title, Sort::Company] {
            assert_eq!(arrange(&cards, &scores, &prefs, &Filter::default(), sort, now), arrange(&jobs, &scores, &prefs, &Filter::default(), sort, now));
        }
        // "at Harbour" is only in the posting's text ("Nurse at Harbour Hospital").
        let text_query = Filter { query: "nurse at harbour".into(), ..Default::default() };
        assert_eq!(arrange(&jobs, &scores, &prefs, &text_query, Sort::Fit, now).rows.len(), 1);
        assert_eq!(arrange(&cards, &scores, &prefs, &text_query, Sort::Fit, now).rows.len(), 0);
        cards[1].description = Some(jobs[1].raw_description.clone());
        assert_eq!(arrange(&cards, &scores, &prefs, &text_query, Sort::Fit, now).rows.len(), 1);
    }

    #[test]
    fn dream_companies_rank_higher_blacklisted_are_hidden_and_archived_kept_apart() {
        let day = DAY_MS;
        let now = 100 * day;
        let mut jobs = vec![
            job("a", "Backend Engineer", "Northwind", now - day),
            job("b", "Backend Engineer", "Dreamco Ltd", now - 2 * day),
            job("c", "Data Analyst", "Blockedco", now - 3 * day),
            job("d", "Nurse", "Harbour Hospital", now - 40 * day),
            job("e", "Backend Engineer", "Northwind", now - 5 * day),
        ];
        jobs[4].is_archived = Some(true);
        let scores: HashMap<String, u8> = [("a", 75), ("b", 68), ("c", 90), ("d", 20), ("e", 99)].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let prefs = Prefs::new(
            &[pref("DreamCo", CompanyPrefKind::Dream), pref("blockedco inc", CompanyPrefKind::Blacklist)],
            &[TargetRole { id: "t".into(), user_id: "u".into(), role_family: "Backend Engineer".into(), created_at: 0 }],
        );
        let ids = |a: &Arranged| a.rows.iter().map(|r| jobs[r.index].id.as_str()).collect::<Vec<_>>();

        let list = arrange(&jobs, &scores, &prefs, &Filter::default(), Sort::Fit, now);
        assert_eq!(ids(&list), vec!["b", "a", "d"], "68 + 10 for the dream company ranks above 75; c hidden; e archived");
        assert_eq!((list.blacklisted_hidden, list.archived), (1, 1));
        let b = &list.rows[0];
        assert!(b.dream && b.score == Some(68) && b.ranked == Some(78) && b.target_role.as_deref() == Some("Backend Engineer"));
        assert!(list.rows[2].stale && !list.rows[0].stale);

        // The dream boost lifts b into the strong band; asked for, the blacklisted job shows.
        let strong = arrange(&jobs, &scores, &prefs, &Filter { band: Some(FitBand::Strong), ..Default::default() }, Sort::Fit, now);
        assert_eq!(ids(&strong), vec!["b", "a"]);
        let all = arrange(&jobs, &scores, &prefs, &Filter { show_blacklisted: true, ..Default::default() }, Sort::Fit, now);
        assert_eq!(ids(&all), vec!["c", "b", "a", "d"]);
        assert!(all.rows[0].blacklisted);
        let roles = arrange(&jobs, &scores, &prefs, &Filter { target_roles_only: true, ..Default::default() }, Sort::Newest, now);
        assert_eq!(ids(&roles), vec!["a", "b"]);
        let archived = arrange(&jobs, &scores, &prefs, &Filter { archived: true, ..Default::default() }, Sort::Fit, now);
        assert_eq!(ids(&archived), vec!["e"]);
        // Unscored jobs come after scored ones, newest first.
        let partial: HashMap<String, u8> = [("d".to_string(), 20)].into_iter().collect();
        assert_eq!(ids(&arrange(&jobs, &partial, &prefs, &Filter::default(), Sort::Fit, now)), vec!["d", "a", "b"]);
    }
}
