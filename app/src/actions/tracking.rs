//! Application tracking (seed 000 `applicationTracking`): one record per run, the status
//! with the date each milestone was reached, notes and the next action.

use fitted_core::model::{ApplicationStatus, ApplicationTracking, ArtifactType, Job, ResumeVersion, Run};
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

/// One application with what was sent: the job and the résumé version its run used.
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    pub app: ApplicationTracking,
    pub job: Option<Job>,
    /// `None` when the run was made before versions and its version is unknown.
    pub version: Option<ResumeVersion>,
    /// The run's cover letter, when one was written.
    pub letter: Option<fitted_core::model::CoverLetterRecord>,
}

/// Every application, newest first, with its job, the version that was sent and the cover
/// letter.
pub async fn list(s: &Services) -> Result<Vec<Sent>, String> {
    let st = s.store_ready().await?;
    let err = |e: fitted_store::StoreError| e.user_message();
    let mut out = Vec::new();
    for app in st.applications().await.map_err(err)? {
        let job: Option<Job> = st.get(schema::JOBS, &app.job_id).await.map_err(err)?;
        let run: Option<Run> = st.get(schema::RUNS, &app.run_id).await.map_err(err)?;
        let version = match run.and_then(|r| r.version_id) {
            Some(id) => st.get::<ResumeVersion>(schema::RESUME_VERSIONS, &id).await.map_err(err)?,
            None => None,
        };
        let letter = st.get(schema::COVER_LETTERS, &super::letters::letter_id(&app.run_id)).await.map_err(err)?;
        out.push(Sent { app, job, version, letter });
    }
    Ok(out)
}

/// The PDF the run of an application made (the file that was sent): name, type and bytes.
pub async fn sent_pdf(s: &Services, run_id: &str) -> Result<(String, String, Vec<u8>), String> {
    let st = s.store_ready().await?;
    let a = st
        .artifacts_of(run_id)
        .await
        .map_err(|e| e.user_message())?
        .into_iter()
        .find(|a| a.artifact_type == ArtifactType::Pdf)
        .ok_or("This application's run has no PDF (it did not finish, or the PDF was deleted). Open the run to make it again.")?;
    Ok((a.file_name, a.mime_type, a.data))
}
