//! Fallback fonts (CJK, Arabic, emoji) are not in the worker's wasm: they are downloaded
//! from `fonts/` the first time a document needs them (the service worker then keeps them
//! for offline use) and handed to the typesetter. [`download_asset`] also fetches the sentence
//! model (`crate::sentence_model`).

use std::cell::RefCell;
use std::collections::HashMap;

use fitted_core::protocol::{Request, Response};
use fitted_core::render_source;
use fitted_core::resume::JsonResume;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::state::Services;

thread_local! {
    /// Downloaded font files, by name (kept so a restarted worker gets them without a
    /// second download).
    static BYTES: RefCell<HashMap<String, Vec<u8>>> = RefCell::new(HashMap::new());
    /// (worker generation, file) pairs already added.
    static ADDED: RefCell<Vec<(u64, String)>> = const { RefCell::new(Vec::new()) };
}

/// Why an asset of the app's own site could not be downloaded.
pub enum AssetError {
    /// No answer (offline, blocked).
    Network,
    /// The site answered with this HTTP status.
    Http(u16),
}

/// Downloads `path` (relative to the page) from the app's own site: fonts and the sentence
/// model. The service worker keeps what it fetched for offline use.
pub async fn download_asset(path: &str) -> Result<Vec<u8>, AssetError> {
    let base = leptos::prelude::document().base_uri().ok().flatten().unwrap_or_else(|| "/".into());
    let url = web_sys::Url::new_with_base(path, &base).map_err(|_| AssetError::Network)?.href();
    let window = web_sys::window().ok_or(AssetError::Network)?;
    let resp: web_sys::Response =
        JsFuture::from(window.fetch_with_str(&url)).await.map_err(|_| AssetError::Network)?.unchecked_into();
    if !resp.ok() {
        return Err(AssetError::Http(resp.status()));
    }
    let buf = JsFuture::from(resp.array_buffer().map_err(|_| AssetError::Network)?).await.map_err(|_| AssetError::Network)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

async fn download(file: &str) -> Result<Vec<u8>, String> {
    if let Some(b) = BYTES.with(|m| m.borrow().get(file).cloned()) {
        return Ok(b);
    }
    let bytes = download_asset(&format!("fonts/{file}")).await.map_err(|e| match e {
        AssetError::Network => format!("The font {file} could not be downloaded. Check your connection and try again."),
        AssetError::Http(status) => format!("The font {file} could not be downloaded (HTTP {status})."),
    })?;
    BYTES.with(|m| m.borrow_mut().insert(file.to_string(), bytes.clone()));
    Ok(bytes)
}

/// Make sure the worker has every fallback font the document needs.
pub async fn ensure_fallback_fonts(s: &Services, doc: &JsonResume) -> Result<(), String> {
    for font in render_source::fallback_fonts(doc) {
        let generation = s.bridge().generation();
        let done = ADDED.with(|a| a.borrow().iter().any(|(g, f)| *g == generation && f == font.file));
        if done {
            continue;
        }
        let bytes = download(font.file).await?;
        match crate::actions::call(s, Request::AddFont { bytes }).await? {
            Response::FontAdded { .. } => {
                let generation = s.bridge().generation();
                ADDED.with(|a| a.borrow_mut().push((generation, font.file.to_string())));
            }
            _ => return Err("Unexpected answer from the engine.".into()),
        }
    }
    Ok(())
}
