//! A run's cover letter (seed 004 keeps one per application): a draft from the run's chosen
//! evidence in the user's own words, or a letter written by the user's model from the same
//! evidence; checked for facts the résumé does not hold every time it changes, saved with
//! the exact Typst source of its PDF, and typeset by the worker on download.

use fitted_core::model::{CoverLetterRecord, JdRubric};
use fitted_core::protocol::{Request, Response};
use fitted_core::render_source;
use fitted_core::tailor::check::Flag;
use fitted_core::tailor::letter::{self, Letter, LetterReply};
use fitted_core::tailor::NO_MODEL_KEY;
use fitted_llm::{CancelToken, ChatRequest, JsonSchema, ProviderKind, Task};
use fitted_store::repo::now;
use fitted_store::schema;

use super::runs::{self, RunBundle};
use crate::state::Services;

fn err(e: fitted_store::StoreError) -> String {
    e.user_message()
}

pub fn letter_id(run_id: &str) -> String {
    format!("{run_id}-letter")
}

/// The run's saved letter, if any.
pub async fn get(s: &Services, run_id: &str) -> Result<Option<CoverLetterRecord>, String> {
    s.store_ready().await?.get(schema::COVER_LETTERS, &letter_id(run_id)).await.map_err(err)
}

/// What a letter draws on: the run's résumé (as tailored), its plan and its rubric.
fn parts(b: &RunBundle) -> Result<(&fitted_core::resume::JsonResume, &fitted_core::model::SelectionPlan, &JdRubric), String> {
    let doc = &b.resume.as_ref().ok_or("The résumé of this run was deleted.")?.document;
    let plan = b.plan.as_ref().ok_or("This run has no selection yet: let it finish first.")?;
    let rubric = b.rubric.as_ref().ok_or("This run has no requirements yet: let it finish first.")?;
    Ok((doc, plan, rubric))
}

/// Unsupported facts in `letter`, against the run's résumé and the posting's own names.
pub fn flags(b: &RunBundle, letter: &Letter) -> Vec<Flag> {
    let Ok((doc, _, rubric)) = parts(b) else { return Vec::new() };
    let master = serde_json::to_value(doc).unwrap_or_default();
    let (y, m) = runs::this_month();
    letter::check_letter(&master, rubric, letter, Some((y, m)))
}

/// Today as a letter dates itself ("6 December 2026"), in the user's time zone.
fn today() -> String {
    const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let d = js_sys::Date::new_0();
    format!("{} {} {}", d.get_date(), MONTHS[(d.get_month() as usize).min(11)], d.get_full_year())
}

fn record(b: &RunBundle, letter: Letter, model: Option<(String, String, &fitted_core::prompts::Prompt)>) -> CoverLetterRecord {
    let t = now();
    let flags = flags(b, &letter);
    CoverLetterRecord {
        id: letter_id(&b.run.id),
        run_id: b.run.id.clone(),
        job_id: b.run.job_id.clone(),
        version_id: b.version.as_ref().map(|v| v.id.clone()),
        letter,
        model_key: model.as_ref().map(|m| m.0.clone()).unwrap_or_else(|| NO_MODEL_KEY.to_string()),
        model_name: model.as_ref().map(|m| m.1.clone()).unwrap_or_default(),
        prompt_version: model.as_ref().map(|m| m.2.version.clone()),
        prompt_hash: model.as_ref().map(|m| m.2.hash.clone()),
        flags,
        was_edited: false,
        typst_source: None,
        created_at: t,
        updated_at: t,
    }
}

/// Fitted's own draft, saved as the run's letter (replacing an earlier one).
pub async fn draft(s: &Services, run_id: &str) -> Result<CoverLetterRecord, String> {
    let b = runs::load(s, run_id).await?;
    let (doc, plan, rubric) = parts(&b)?;
    let r = record(&b, letter::draft(doc, plan, rubric), None);
    save(s, &b, r).await
}

/// A letter written by `kind`'s model from the run's evidence, checked and saved as the
/// run's letter. Nothing is stored when the call fails or is cancelled.
pub async fn write(
    s: &Services,
    run_id: &str,
    kind: ProviderKind,
    on_chars: Option<std::rc::Rc<dyn Fn(u32)>>,
    cancel: &CancelToken,
) -> Result<CoverLetterRecord, String> {
    let b = runs::load(s, run_id).await?;
    let (doc, plan, rubric) = parts(&b)?;
    let prompt = letter::letter_prompt(doc, plan, rubric);
    let config = super::keys::config_for(s, kind).await?;
    let model = config.model_for(Task::Tailoring).ok_or("Choose a model for tailoring for this provider in Settings → AI providers.")?;
    let request = ChatRequest::new(model, prompt.user.clone()).with_system(prompt.system.clone());
    let schema = JsonSchema::new("cover_letter", prompt.schema.clone());
    let answer = super::proposals::ask_json::<LetterReply>(s, config, request, schema, on_chars, cancel)
        .await
        .map_err(|e| match e {
            fitted_llm::LlmError::Cancelled => "Cancelled. Your cover letter is unchanged.".to_string(),
            e => format!("{e} Your cover letter is unchanged."),
        })?;
    let (written, _) = letter::from_reply(&answer.value);
    let (model_key, model_name) = super::proposals::model_names(kind, &answer.response.model);
    let r = record(&b, written, Some((model_key, model_name, &prompt)));
    save(s, &b, r).await
}

/// Saves `letter` as the user edited it: flags checked again, the PDF's Typst source made
/// in the template and paper the runs use, dated today.
pub async fn save_edited(s: &Services, run_id: &str, letter: Letter) -> Result<CoverLetterRecord, String> {
    let b = runs::load(s, run_id).await?;
    let mut r = get(s, run_id).await?.unwrap_or_else(|| record(&b, Letter::default(), None));
    r.was_edited = r.was_edited || r.letter != letter;
    r.flags = flags(&b, &letter);
    r.letter = letter;
    save(s, &b, r).await
}

async fn save(s: &Services, b: &RunBundle, mut r: CoverLetterRecord) -> Result<CoverLetterRecord, String> {
    let (doc, _, _) = parts(b)?;
    let (template, paper) = runs::layout_choice(s).await;
    r.typst_source = Some(render_source::letter_typst_source(doc, &r.letter, &template, paper, &today()).map_err(|e| e.to_string())?);
    r.updated_at = now();
    s.store_ready().await?.save_cover_letter(&r).await.map_err(err)?;
    Ok(r)
}

/// The letter's PDF, typeset by the worker from its saved source.
pub async fn pdf(s: &Services, r: &CoverLetterRecord) -> Result<Vec<u8>, String> {
    let source = r.typst_source.clone().ok_or("Save the letter first.")?;
    match super::call(s, Request::PdfFromSource { source, pixels_per_pt: None }).await? {
        Response::Pdf { pdf, page_count, .. } => {
            if page_count > 1 {
                s.toasts.info(format!("The letter runs to {page_count} pages; most readers expect one. Consider shortening it."));
            }
            Ok(pdf)
        }
        _ => Err("Unexpected answer from the engine.".into()),
    }
}

/// A file name for the letter: the person, the company, "cover-letter".
pub fn file_base(b: &RunBundle) -> String {
    runs::file_name_for(b, "cover-letter")
}
