//! Application tracking (seed 000 `applicationTracking`): one record per run, the status
//! with the date each milestone was reached, notes and the next action.

use fitted_core::model::{ApplicationStatus, ApplicationTracking, Run};
use fitted_store::repo::{now, uuid_v4};
use fitted_store::schema;

use crate::state::Services;

/// Set the status (creating the record on first use), stamping the milestone's date.
pub async fn set_status(
    s: &Services,
    run: &Run,
    existing: Option<ApplicationTracking>,
    status: ApplicationStatus,
) -> Result<ApplicationTracking, String> {
    let t = now();
    let mut r = existing.unwrap_or_else(|| ApplicationTracking {
        id: uuid_v4(),
        user_id: run.user_id.clone(),
        run_id: run.id.clone(),
        job_id: run.job_id.clone(),
        application_status: ApplicationStatus::NotApplied,
        applied_at: None,
        response_received_at: None,
        interview_scheduled_at: None,
        offer_received_at: None,
        rejected_at: None,
        notes: None,
        next_action: None,
        next_action_due: None,
        created_at: t,
        updated_at: t,
    });
    r.application_status = status;
    match status {
        ApplicationStatus::Applied => {
            r.applied_at.get_or_insert(t);
        }
        ApplicationStatus::Viewed | ApplicationStatus::Screening => {
            r.response_received_at.get_or_insert(t);
        }
        ApplicationStatus::Interviewing => {
            r.interview_scheduled_at.get_or_insert(t);
        }
        ApplicationStatus::Offer | ApplicationStatus::Accepted => {
            r.offer_received_at.get_or_insert(t);
        }
        ApplicationStatus::Rejected => {
            r.rejected_at.get_or_insert(t);
        }
        _ => {}
    }
    save(s, &r).await?;
    Ok(r)
}

pub async fn save(s: &Services, r: &ApplicationTracking) -> Result<(), String> {
    let mut r = r.clone();
    r.updated_at = now();
    s.store_ready().await?.put(schema::APPLICATION_TRACKING, &r).await.map_err(|e| e.user_message())
}
