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

    /// `crossOriginIsolated`: in such a page (COEP `require-corp`) the no-cors probe is blocked
    /// unless the host sends `Cross-Origin-Resource-Policy`, so its failure proves nothing.
    pub fn cross_origin_isolated() -> bool {
        global_get(&["crossOriginIsolated"]).and_then(|v| v.as_bool()).unwrap_or(false)
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
pub(crate) use imp::{cross_origin_isolated, online};
pub(crate) use imp::page_origin;

/// In the browser, after a fetch failed with no status: asks the host with a `no-cors` GET
/// (no key, no custom headers — nothing secret can leave) whether it is reachable. An opaque
/// success means the host answered and the browser refused to show us the real answer: CORS.
///
/// This calls `fetch` directly: reqwest 0.13's wasm client parses the response URL with
/// `expect_throw`, and an opaque response has an empty URL, so its `fetch_mode_no_cors()`
/// throws instead of returning.
#[cfg(target_arch = "wasm32")]
pub(crate) async fn host_reachable(base_url: &str) -> bool {
    use wasm_bindgen::{JsCast, JsValue};

    let global = js_sys::global();
    let Some(fetch) = js_sys::Reflect::get(&global, &JsValue::from_str("fetch")).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok()) else {
        return false;
    };
    let init = js_sys::Object::new();
    // No `redirect: "manual"`: Chromium refuses it in no-cors mode (the fetch fails outright).
    for (k, v) in [("mode", "no-cors"), ("credentials", "omit"), ("cache", "no-store")] {
        let _ = js_sys::Reflect::set(&init, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    // `this` must be the global object, or fetch throws "Illegal invocation".
    let Some(promise) = fetch.call2(&global, &JsValue::from_str(base_url), &init).ok().and_then(|p| p.dyn_into::<js_sys::Promise>().ok()) else {
        return false;
    };
    matches!(
        crate::rt::timeout(std::time::Duration::from_secs(5), wasm_bindgen_futures::JsFuture::from(promise)).await,
        Some(Ok(_))
    )
}
