//! The sentence encoder that ranks bullets for far jobs (`fitted_core::sentence`; the engine
//! asks for it with `sentence_model_needed` when a job's fit is at most
//! `relevance::SENTENCE_FIT_MAX`). It is not in the worker's wasm: it is downloaded from
//! `models/` the first time a run needs it (the service worker then keeps it for offline
//! use) and handed to the worker, which keeps it while it lives.

use std::cell::Cell;

use fitted_core::protocol::{Request, Response};

use crate::fonts::{download_asset, AssetError};
use crate::state::Services;

/// Where the build puts the model (Trunk.toml's post-build hook), relative to the page.
pub const PATH: &str = "models/sentence-model.safetensors";

thread_local! {
    /// The worker generation that has the model (a restarted worker needs it again).
    static LOADED: Cell<Option<u64>> = const { Cell::new(None) };
}

async fn download() -> Result<Vec<u8>, String> {
    download_asset(PATH).await.map_err(|e| match e {
        AssetError::Network => "the meaning model could not be downloaded; check your connection".to_string(),
        AssetError::Http(status) => format!("the meaning model could not be downloaded (HTTP {status})"),
    })
}

/// Makes sure the worker has the model. `Err` says why not; the run goes on without it.
pub async fn ensure(s: &Services) -> Result<(), String> {
    if LOADED.with(Cell::get) == Some(s.bridge().generation()) {
        return Ok(());
    }
    s.toasts.info(
        "This job shares few words with your résumé: downloading the meaning model (23 MB, once) to find bullets that show its skills in other words.",
    );
    let bytes = {
        let _span = crate::perf::span("run:model-download");
        download().await?
    };
    match crate::actions::call(s, Request::AddSentenceModel { bytes }).await? {
        Response::SentenceModelAdded { .. } => {
            LOADED.with(|l| l.set(Some(s.bridge().generation())));
            Ok(())
        }
        _ => Err("unexpected answer from the engine".into()),
    }
}
