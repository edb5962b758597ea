//! What the UI does, as plain async functions over the store and the worker. Components
//! call these and render the results; they hold no logic of their own.

pub mod ai_rubric;
pub mod board;
pub mod fit;
pub mod jobs;
pub mod keys;
pub mod letters;
pub mod proposals;
pub mod resumes;
pub mod runs;
pub mod tracking;
pub mod versions;

use fitted_core::protocol::{Request, Response};

use crate::state::Services;

/// Send a request to the worker; errors come back as the user-facing message.
pub async fn call(s: &Services, request: Request) -> Result<Response, String> {
    let _span = crate::perf::span(match request.name() {
        "Render" => "worker:Render",
        "Select" => "worker:Select",
        "Tailor" => "worker:Tailor",
        "ExtractRubric" => "worker:ExtractRubric",
        "ScoreResume" => "worker:ScoreResume",
        "AddFont" => "worker:AddFont",
        "AddSentenceModel" => "worker:AddSentenceModel",
        "RankJobs" => "worker:RankJobs",
        _ => "worker:other",
    });
    let response = s.bridge().request(request).await.map_err(|e| e.message)?;
    if let Response::Rendered(out) = &response {
        // The typesetting itself, as the worker timed it: the rest of `worker:Render` is
        // messaging and (de)serialising.
        crate::perf::ended_now("worker:typeset", out.compile_ms);
    }
    Ok(response)
}

/// Milliseconds since page load (monotonic), for stage timings.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_else(js_sys::Date::now)
}
