//! Storage persistence and quota (`navigator.storage`), for the Settings page.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StorageEstimate {
    pub usage_bytes: f64,
    pub quota_bytes: f64,
}

fn manager() -> Option<web_sys::StorageManager> {
    let global = js_sys::global();
    if let Some(w) = global.dyn_ref::<web_sys::Window>() {
        return Some(w.navigator().storage());
    }
    global.dyn_ref::<web_sys::WorkerGlobalScope>().map(|w| w.navigator().storage())
}

/// Ask the browser not to evict Fitted's data under storage pressure. Returns whether the
/// storage is (now) persistent; browsers may say no without asking the user.
pub async fn request_persistence() -> bool {
    let Some(m) = manager() else { return false };
    if let Ok(p) = m.persisted() {
        if JsFuture::from(p).await.ok().and_then(|v| v.as_bool()) == Some(true) {
            return true;
        }
    }
    match m.persist() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_bool()).unwrap_or(false),
        Err(_) => false,
    }
}

pub async fn is_persisted() -> bool {
    let Some(m) = manager() else { return false };
    match m.persisted() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_bool()).unwrap_or(false),
        Err(_) => false,
    }
}

pub async fn estimate() -> Option<StorageEstimate> {
    let m = manager()?;
    let v = JsFuture::from(m.estimate().ok()?).await.ok()?;
    let get = |k: &str| js_sys::Reflect::get(&v, &k.into()).ok().and_then(|x| x.as_f64()).unwrap_or(0.0);
    Some(StorageEstimate { usage_bytes: get("usage"), quota_bytes: get("quota") })
}
