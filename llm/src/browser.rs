//! The few facts only a browser can give: this page's origin, whether it is online, and
//! whether a host is reachable at all — which is how a CORS refusal (host reachable, request
//! refused by the browser) is told apart from a network failure (host unreachable). From
//! inside a page both surface as the same opaque "Failed to fetch"; natively none of this
//! applies and every function is a no-op.

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::JsValue;

    fn global_get(path: &[&str]) -> Option<JsValue> {
        let mut value: JsValue = js_sys::global().into();
        for key in path {
            value = js_sys::Reflect::get(&value, &JsValue::from_str(key)).ok()?;
            if value.is_undefined() || value.is_null() {
                return None;
            }
        }
        Some(value)
    }

    /// `location.origin` of the page or worker.
    pub fn page_origin() -> Option<String> {
        global_get(&["location", "origin"]).and_then(|v| v.as_string()).filter(|o| o != "null")
    }

    /// `navigator.onLine`; `true` when unknown (it only reliably reports *offline*).
    pub fn online() -> bool {
        global_get(&["navigator", "onLine"]).and_then(|v| v.as_bool()).unwrap_or(true)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn page_origin() -> Option<String> {
        None
    }
}

#[cfg(target_arch = "wasm32")]
pub(crate) use imp::online;
pub(crate) use imp::page_origin;

/// In the browser, after a fetch failed with no status: asks the host with a `no-cors` GET
/// (no key, no custom headers — nothing secret can leave) whether it is reachable. An opaque
/// success means the host answered and the browser refused to show us the real answer: CORS.
#[cfg(target_arch = "wasm32")]
pub(crate) async fn host_reachable(http: &reqwest::Client, base_url: &str) -> bool {
    let probe = http.get(base_url).fetch_mode_no_cors().fetch_credentials_omit().send();
    matches!(crate::rt::timeout(std::time::Duration::from_secs(5), probe).await, Some(Ok(_)))
}
