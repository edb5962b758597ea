//! Applications (seed 000 `applicationTracking`, with seed 004's audit trail): status
//! changes stamped with their dates and kept in a history, what is due, ghosting, the funnel
//! and response rates, and CSV export and import. Pure: times come in as arguments (the
//! engine reads no clock), and "today" is the caller's local day.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::{ApplicationStatus, ApplicationTracking, Millis, StatusChange};

/// Days without a reply after which an application counts as ghosted, unless the user set
/// another number in Settings.
pub const DEFAULT_GHOSTED_AFTER_DAYS: u32 = 30;

const DAY_MS: i64 = 86_400_000;

/// A new record for an application made from a run (status "Not applied").
pub fn new_record(id: String, user_id: String, run_id: String, job_id: String, at: Millis) -> ApplicationTracking {
    ApplicationTracking {
        id,
        user_id,
        run_id,
        job_id,
        application_status: ApplicationStatus::NotApplied,
        applied_at: None,
        response_received_at: None,
        interview_scheduled_at: None,
        offer_received_at: None,
        rejected_at: None,
        notes: None,
        next_action: None,
        next_action_due: None,
        history: Vec::new(),
        created_at: at,
        updated_at: at,
    }
}

/// Move an application to `status` at `at`: the milestone's date is stamped the first time
/// it is reached (seed 000 `appliedAt`, `responseReceivedAt`, …), and the change joins the
/// history. Setting the status it already has changes nothing.
pub fn set_status(r: &mut ApplicationTracking, status: ApplicationStatus, at: Millis) {
    if r.application_status == status {
        return;
    }
    if r.history.is_empty() && r.application_status != ApplicationStatus::NotApplied {
        // A record from before the history was kept: its status so far is the first entry.
        r.history.push(StatusChange { status: r.application_status, at: r.updated_at });
    }
    r.application_status = status;
    match status {
        ApplicationStatus::Applied => {
            r.applied_at.get_or_insert(at);
        }
        // "Viewed" is the employer opening the application, not a reply.
        ApplicationStatus::Screening => {
            r.response_received_at.get_or_insert(at);
        }
        ApplicationStatus::Interviewing => {
            r.response_received_at.get_or_insert(at);
            r.interview_scheduled_at.get_or_insert(at);
        }
        ApplicationStatus::Offer | ApplicationStatus::Accepted => {
            r.response_received_at.get_or_insert(at);
            r.offer_received_at.get_or_insert(at);
        }
        ApplicationStatus::Rejected => {
            r.rejected_at.get_or_insert(at);
        }
        _ => {}
    }
    r.history.push(StatusChange { status, at });
    r.updated_at = at;
}

/// The statuses in board order, and the one before or after `status` (keyboard moves).
pub fn neighbour(status: ApplicationStatus, forward: bool) -> Option<ApplicationStatus> {
    let all = ApplicationStatus::ALL;
    let k = all.iter().position(|s| *s == status)?;
    if forward { all.get(k + 1).copied() } else { k.checked_sub(1).map(|k| all[k]) }
}

/// Whether the next action is due: `None` without a due date or once the application is
/// closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Due {
    Overdue,
    Today,
    Later,
}

/// Closed applications have nothing left to do.
pub fn is_closed(status: ApplicationStatus) -> bool {
    matches!(status, ApplicationStatus::Accepted | ApplicationStatus::Rejected | ApplicationStatus::Withdrawn)
}

/// When the next action is due relative to the caller's local day `[day_start, day_end)`.
pub fn due(r: &ApplicationTracking, day_start: Millis, day_end: Millis) -> Option<Due> {
    let at = r.next_action_due?;
    if is_closed(r.application_status) {
        return None;
    }
    Some(if at < day_start {
        Due::Overdue
    } else if at < day_end {
        Due::Today
    } else {
        Due::Later
    })
}

/// Applied (or only viewed) and no reply for `days` days since applying.
pub fn is_ghosted(r: &ApplicationTracking, now: Millis, days: u32) -> bool {
    matches!(r.application_status, ApplicationStatus::Applied | ApplicationStatus::Viewed)
        && r.response_received_at.is_none()
        && r.applied_at.is_some_and(|t| now - t > i64::from(days) * DAY_MS)
}

/// How many applications reached each stage (seed 004's funnel): applied → screening →
/// interview → offer. A stage counts every application that got at least that far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funnel {
    pub applied: u32,
    pub screening: u32,
    pub interview: u32,
    pub offer: u32,
}

fn reached(r: &ApplicationTracking) -> Funnel {
    use ApplicationStatus as S;
    let history = |s: &[S]| r.history.iter().any(|h| s.contains(&h.status)) || s.contains(&r.application_status);
    let offer = r.offer_received_at.is_some() || history(&[S::Offer, S::Accepted]);
    let interview = offer || r.interview_scheduled_at.is_some() || history(&[S::Interviewing]);
    let screening = interview || r.response_received_at.is_some() || history(&[S::Screening]);
    let applied = screening || r.applied_at.is_some() || r.application_status != S::NotApplied;
    Funnel { applied: applied as u32, screening: screening as u32, interview: interview as u32, offer: offer as u32 }
}

pub fn funnel<'a>(records: impl IntoIterator<Item = &'a ApplicationTracking>) -> Funnel {
    records.into_iter().map(reached).fold(Funnel::default(), |a, b| Funnel {
        applied: a.applied + b.applied,
        screening: a.screening + b.screening,
        interview: a.interview + b.interview,
        offer: a.offer + b.offer,
    })
}

/// Replies per application sent, by a key of the caller's choosing (the résumé version, or
/// the mode and model of the run): `(key, applied, replied)`, most applied first.
pub fn response_rates<'a, K: Ord + Clone + 'a>(records: impl IntoIterator<Item = (K, &'a ApplicationTracking)>) -> Vec<(K, u32, u32)> {
    let mut by: BTreeMap<K, (u32, u32)> = BTreeMap::new();
    for (k, r) in records {
        let f = reached(r);
        let e = by.entry(k).or_default();
        e.0 += f.applied;
        e.1 += f.screening;
    }
    let mut out: Vec<(K, u32, u32)> = by.into_iter().filter(|(_, (a, _))| *a > 0).map(|(k, (a, r))| (k, a, r)).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1));
    out
}

// ─────────── CSV ───────────

/// The columns of the CSV export, in order. Dates are UTC, RFC 3339; the history is
/// `STATUS@date` entries joined by `; `.
pub const CSV_COLUMNS: [&str; 16] = [
    "id",
    "runId",
    "jobId",
    "company",
    "title",
    "applicationStatus",
    "appliedAt",
    "responseReceivedAt",
    "interviewScheduledAt",
    "offerReceivedAt",
    "rejectedAt",
    "nextAction",
    "nextActionDue",
    "notes",
    "history",
    "createdAt",
];

/// One application with its job's company and title, as exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CsvRow {
    pub record: ApplicationTracking,
    pub company: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum CsvError {
    #[error("The file is not a Fitted applications CSV: the first line must name the columns ({expected}). Export from Fitted to see the format.")]
    Header { expected: String },
    #[error("Line {line}, column “{column}”: {problem}. Fix that cell and import again; nothing was imported.")]
    Cell { line: usize, column: String, problem: String },
    #[error("Line {line} could not be read as CSV ({problem}). Nothing was imported.")]
    Malformed { line: usize, problem: String },
}

fn status_tag(s: ApplicationStatus) -> String {
    serde_json::to_value(s).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn parse_status(v: &str) -> Option<ApplicationStatus> {
    let v = v.trim();
    ApplicationStatus::ALL.into_iter().find(|s| status_tag(*s).eq_ignore_ascii_case(v) || s.label().eq_ignore_ascii_case(v))
}

fn date(ms: Option<Millis>) -> String {
    ms.and_then(|ms| time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok())
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

/// A date cell: RFC 3339 (what Fitted writes) or a plain `YYYY-MM-DD` (what people type;
/// read as noon UTC so it is the same day everywhere).
fn parse_date(v: &str) -> Result<Option<Millis>, String> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let t = time::OffsetDateTime::parse(v, &time::format_description::well_known::Rfc3339)
        .or_else(|_| {
            time::Date::parse(v, time::macros::format_description!("[year]-[month]-[day]")).map(|d| d.with_hms(12, 0, 0).unwrap_or(d.midnight()).assume_utc())
        })
        .map_err(|_| format!("“{v}” is not a date (write 2026-12-06, or 2026-12-06T09:30:00Z)"))?;
    Ok(Some((t.unix_timestamp_nanos() / 1_000_000) as Millis))
}

/// The CSV text of `rows`, header first.
pub fn to_csv(rows: &[CsvRow]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(CSV_COLUMNS);
    for row in rows {
        let r = &row.record;
        let history = r.history.iter().map(|h| format!("{}@{}", status_tag(h.status), date(Some(h.at)))).collect::<Vec<_>>().join("; ");
        let _ = w.write_record([
            r.id.clone(),
            r.run_id.clone(),
            r.job_id.clone(),
            row.company.clone(),
            row.title.clone(),
            status_tag(r.application_status),
            date(r.applied_at),
            date(r.response_received_at),
            date(r.interview_scheduled_at),
            date(r.offer_received_at),
            date(r.rejected_at),
            r.next_action.clone().unwrap_or_default(),
            date(r.next_action_due),
            r.notes.clone().unwrap_or_default(),
            history,
            date(Some(r.created_at)),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Reads a CSV written by [`to_csv`] (columns in any order; extra columns ignored). Every
/// row is checked before anything is returned: one bad cell refuses the whole file, saying
/// where. Records keep their ids, so importing an export again updates instead of
/// duplicating; `user_id` is set by the caller.
pub fn from_csv(text: &str, at: Millis) -> Result<Vec<CsvRow>, CsvError> {
    let mut rd = csv::ReaderBuilder::new().flexible(true).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = rd.headers().map_err(|e| CsvError::Malformed { line: 1, problem: e.to_string() })?.iter().map(|h| h.trim().to_string()).collect();
    let col = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(_), Some(_)) = (col("id"), col("applicationStatus")) else {
        return Err(CsvError::Header { expected: CSV_COLUMNS.join(",") });
    };
    let mut out = Vec::new();
    for (k, rec) in rd.records().enumerate() {
        let line = k + 2;
        let rec = rec.map_err(|e| CsvError::Malformed { line, problem: e.to_string() })?;
        let cell = |name: &str| col(name).and_then(|i| rec.get(i)).unwrap_or("").to_string();
        let bad = |column: &str, problem: String| CsvError::Cell { line, column: column.into(), problem };
        let dated = |name: &str| parse_date(&cell(name)).map_err(|p| bad(name, p));
        let id = cell("id").trim().to_string();
        if id.is_empty() {
            return Err(bad("id", "empty (every application needs its id; export from Fitted to get them)".into()));
        }
        let status = parse_status(&cell("applicationStatus")).ok_or_else(|| {
            bad("applicationStatus", format!("“{}” is not a status (one of {})", cell("applicationStatus"), ApplicationStatus::ALL.map(status_tag).join(", ")))
        })?;
        let mut history = Vec::new();
        for entry in cell("history").split(';').map(str::trim).filter(|e| !e.is_empty()) {
            let (s, d) = entry.split_once('@').ok_or_else(|| bad("history", format!("“{entry}” is not STATUS@date")))?;
            let status = parse_status(s).ok_or_else(|| bad("history", format!("“{s}” is not a status")))?;
            let at = parse_date(d).map_err(|p| bad("history", p))?.ok_or_else(|| bad("history", format!("“{entry}” has no date")))?;
            history.push(StatusChange { status, at });
        }
        let text = |name: &str| Some(cell(name)).filter(|v| !v.trim().is_empty());
        let record = ApplicationTracking {
            id,
            user_id: String::new(),
            run_id: cell("runId").trim().to_string(),
            job_id: cell("jobId").trim().to_string(),
            application_status: status,
            applied_at: dated("appliedAt")?,
            response_received_at: dated("responseReceivedAt")?,
            interview_scheduled_at: dated("interviewScheduledAt")?,
            offer_received_at: dated("offerReceivedAt")?,
            rejected_at: dated("rejectedAt")?,
            notes: text("notes"),
            next_action: text("nextAction"),
            next_action_due: dated("nextActionDue")?,
            history,
            created_at: dated("createdAt")?.unwrap_or(at),
            updated_at: at,
        };
        out.push(CsvRow { record, company: cell("company"), title: cell("title") });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: Millis = DAY_MS;
    const T0: Millis = 1_796_000_000_000;

    fn rec(id: &str) -> ApplicationTracking {
        new_record(id.into(), "u".into(), format!("run-{id}"), format!("job-{id}"), T0)
    }

    #[test]
    fn each_status_change_is_stamped_once_and_kept_in_the_history() {
        let mut r = rec("a");
        set_status(&mut r, ApplicationStatus::Applied, T0 + DAY);
        set_status(&mut r, ApplicationStatus::Applied, T0 + 2 * DAY);
        set_status(&mut r, ApplicationStatus::Interviewing, T0 + 9 * DAY);
        set_status(&mut r, ApplicationStatus::Applied, T0 + 10 * DAY);
        assert_eq!(r.applied_at, Some(T0 + DAY), "the first time counts");
        assert_eq!(r.interview_scheduled_at, Some(T0 + 9 * DAY));
        assert_eq!(r.response_received_at, Some(T0 + 9 * DAY), "an interview is a reply");
        assert_eq!(
            r.history.iter().map(|h| (h.status, h.at)).collect::<Vec<_>>(),
            vec![(ApplicationStatus::Applied, T0 + DAY), (ApplicationStatus::Interviewing, T0 + 9 * DAY), (ApplicationStatus::Applied, T0 + 10 * DAY)]
        );
        assert_eq!(neighbour(ApplicationStatus::NotApplied, false), None);
        assert_eq!(neighbour(ApplicationStatus::Applied, true), Some(ApplicationStatus::Viewed));
        assert_eq!(neighbour(ApplicationStatus::Ghosted, true), None);
    }

    #[test]
    fn due_ghosted_funnel_and_response_rates() {
        let (start, end) = (T0 + 10 * DAY, T0 + 11 * DAY);
        let mut a = rec("a");
        a.next_action_due = Some(start + DAY / 2);
        assert_eq!(due(&a, start, end), Some(Due::Today));
        a.next_action_due = Some(start - 1);
        assert_eq!(due(&a, start, end), Some(Due::Overdue));
        set_status(&mut a, ApplicationStatus::Rejected, start);
        assert_eq!(due(&a, start, end), None, "closed: nothing due");

        let mut b = rec("b");
        set_status(&mut b, ApplicationStatus::Applied, T0);
        assert!(!is_ghosted(&b, T0 + 29 * DAY, 30) && is_ghosted(&b, T0 + 31 * DAY, 30) && is_ghosted(&b, T0 + 8 * DAY, 7));
        let mut c = rec("c");
        set_status(&mut c, ApplicationStatus::Applied, T0);
        set_status(&mut c, ApplicationStatus::Screening, T0 + DAY);
        assert!(!is_ghosted(&c, T0 + 99 * DAY, 30), "it replied");
        let mut d = rec("d");
        set_status(&mut d, ApplicationStatus::Applied, T0);
        set_status(&mut d, ApplicationStatus::Offer, T0 + 20 * DAY);
        set_status(&mut d, ApplicationStatus::Accepted, T0 + 21 * DAY);
        let none = rec("e");
        let f = funnel([&a, &b, &c, &d, &none]);
        assert_eq!(f, Funnel { applied: 4, screening: 2, interview: 1, offer: 1 }, "a rejection counts as applied; e never applied");
        let rates = response_rates([("v1", &b), ("v1", &c), ("v2", &d), ("v2", &none)]);
        assert_eq!(rates, vec![("v1", 2, 1), ("v2", 1, 1)]);
    }

    #[test]
    fn csv_round_trip_keeps_every_field_and_bad_cells_are_refused_with_their_place() {
        let mut a = rec("a");
        set_status(&mut a, ApplicationStatus::Applied, T0 + DAY);
        set_status(&mut a, ApplicationStatus::Interviewing, T0 + 5 * DAY);
        a.notes = Some("Recruiter: Dana, \"call Tuesday\",\nbring portfolio".into());
        a.next_action = Some("Send thank-you note".into());
        a.next_action_due = Some(T0 + 6 * DAY);
        let b = rec("b");
        let rows = vec![
            CsvRow { record: a.clone(), company: "Vantaloop, Inc.".into(), title: "Senior Backend Engineer".into() },
            CsvRow { record: b.clone(), company: String::new(), title: "Nurse — nights".into() },
        ];
        let text = to_csv(&rows);
        assert!(text.starts_with(&CSV_COLUMNS.join(",")));
        let back = from_csv(&text, T0 + 50 * DAY).unwrap();
        assert_eq!(back.len(), 2);
        let mut want = a.clone();
        want.user_id = String::new();
        want.updated_at = T0 + 50 * DAY;
        assert_eq!(back[0].record, want);
        assert_eq!((back[0].company.as_str(), back[1].title.as_str()), ("Vantaloop, Inc.", "Nurse — nights"));

        let broken = text.replacen(",interviewing,", ",shortlisted,", 1);
        match from_csv(&broken, T0) {
            Err(CsvError::Cell { line: 2, column, .. }) => assert_eq!(column, "applicationStatus"),
            other => panic!("{other:?}"),
        }
        let bad_date = text.replacen(&date(a.applied_at), "next week", 1);
        assert!(matches!(from_csv(&bad_date, T0), Err(CsvError::Cell { column, .. }) if column == "appliedAt"));
        assert!(matches!(from_csv("name,email\nx,y\n", T0), Err(CsvError::Header { .. })));
        // Typed dates work; a status may be its label.
        let typed = "id,applicationStatus,appliedAt\nz,Applied,2026-12-01\n";
        let z = &from_csv(typed, T0).unwrap()[0].record;
        assert_eq!(z.application_status, ApplicationStatus::Applied);
        assert_eq!(date(z.applied_at), "2026-12-01T12:00:00Z");
    }
}
