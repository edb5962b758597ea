//! The run's rubric read by the user's model (`fitted_core::rubric::llm`), when a provider
//! has a key and a model for requirements. The rules rubric is always made first: it gives
//! the job details and constraints, and it is what the run keeps — with the reason in its
//! notes — whenever the model's answer fails or quotes nothing from the posting.

use fitted_core::model::{JdRubric, RubricNotes, Run};
use fitted_core::protocol::{Request, Response};
use fitted_core::rubric::llm::{self, RubricReply};
use fitted_llm::{CancelToken, ChatRequest, JsonSchema, ProviderKind, Task};

use super::call;
use crate::state::Services;

/// The first provider with a key (or a saved keyless configuration) and a model for `task`.
pub async fn provider_for(s: &Services, task: Task) -> Option<(ProviderKind, String)> {
    super::proposals::providers_for(s, task).await.ok()?.into_iter().next()
}

/// Performs a run's `ExtractRubric` request: the rules rubric, then the model's when one is
/// configured. Records the prompt's version and hash and the model on `run`.
pub async fn extract(s: &Services, run: &mut Run, request: Request) -> Result<Response, String> {
    let response = call(s, request).await?;
    let Response::Rubric(mut out) = response else { return Ok(response) };
    let Some((kind, _)) = provider_for(s, Task::Rubric).await else { return Ok(Response::Rubric(out)) };
    let prompt = llm::rubric_prompt(&out.extracted_text);
    match ask(s, kind, &prompt, &out.extracted_text, &out.rubric).await {
        Ok((rubric, model_key)) => {
            out.rubric = rubric;
            // Only a rubric the run uses names its prompt.
            super::proposals::record_model_use(run, &prompt, |p| &mut p.rubric, &model_key);
            run.mock_mode = Some(false);
        }
        Err(reason) => {
            let note = format!("Your model's reading of the requirements could not be used ({reason}); Fitted's own reading is shown.");
            s.toasts.info(note.clone());
            keep_note(&mut out.rubric, note);
        }
    }
    Ok(Response::Rubric(out))
}

async fn ask(s: &Services, kind: ProviderKind, prompt: &fitted_core::prompts::Prompt, posting: &str, rules: &JdRubric) -> Result<(JdRubric, String), String> {
    let config = super::keys::config_for(s, kind).await?;
    let model = config.model_for(Task::Rubric).ok_or("no model is set for requirements")?;
    let request = ChatRequest::new(model, prompt.user.clone()).with_system(prompt.system.clone());
    let schema = JsonSchema::new("job_rubric", prompt.schema.clone());
    let answer = super::proposals::ask_json::<RubricReply>(s, config, request, schema, None, &CancelToken::new()).await.map_err(|e| e.to_string())?;
    let (model_key, model_name) = super::proposals::model_names(kind, &answer.response.model);
    let (rubric, _) = llm::from_reply(&answer.value, posting, rules, &model_key, &model_name)?;
    Ok((rubric, model_key))
}

fn keep_note(rubric: &mut JdRubric, note: String) {
    let notes = rubric.notes.get_or_insert_with(RubricNotes::default);
    notes.ambiguities.get_or_insert_with(Vec::new).insert(0, note);
    rubric.rubric_hash = fitted_core::rubric::rubric_hash(rubric);
}
