//! Small UI helpers: file downloads, dates, debounced tasks.

use wasm_bindgen::JsCast;

/// Offer bytes as a file download (a temporary blob URL clicked by an invisible link).
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let url = blob_url(mime, bytes)?;
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(|_| "cannot create link")?.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.set_attribute("data-testid", "download-link").ok();
    doc.body().ok_or("no body")?.append_child(&a).map_err(|_| "cannot attach link")?;
    a.click();
    a.remove();
    // Give the browser a moment to start the download before the URL goes away.
    let u = url.clone();
    gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&u);
    })
    .forget();
    Ok(())
}

/// A blob: URL for bytes (the caller revokes it when done).
pub fn blob_url(mime: &str, bytes: &[u8]) -> Result<String, String> {
    let arr = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::new();
    parts.push(&arr);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(|_| "cannot build file")?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "cannot build file URL".to_string())
}

/// "22 Nov 2026, 14:05" from epoch milliseconds, in the browser's time zone.
pub fn format_time(ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    const M: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!(
        "{} {} {}, {:02}:{:02}",
        d.get_date(),
        M[d.get_month() as usize % 12],
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// "YYYY-MM-DD" for a date input from epoch ms, and back.
pub fn date_input_value(ms: Option<i64>) -> String {
    ms.map(|ms| {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
        format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
    })
    .unwrap_or_default()
}

pub fn parse_date_input(v: &str) -> Option<i64> {
    if v.is_empty() {
        return None;
    }
    let ms = js_sys::Date::parse(&format!("{v}T12:00:00"));
    (!ms.is_nan()).then_some(ms as i64)
}

/// Human size.
pub fn bytes(n: u64) -> String {
    if n < 1024 {
        format!("{n} B")
    } else if n < 1024 * 1024 {
        format!("{:.1} KB", n as f64 / 1024.0)
    } else {
        format!("{:.1} MB", n as f64 / 1024.0 / 1024.0)
    }
}

/// Read a picked or dropped file as text.
pub async fn read_file_text(file: web_sys::File) -> Result<String, String> {
    let p = file.text();
    wasm_bindgen_futures::JsFuture::from(p)
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| "The file could not be read. Is it a text or JSON file?".to_string())
}

/// Local drafts (synchronous, survive a reload right after typing): localStorage.
pub mod drafts {
    use gloo::storage::{LocalStorage, Storage};

    fn key(kind: &str, id: &str) -> String {
        format!("fitted.draft.{kind}.{id}")
    }
    pub fn put(kind: &str, id: &str, json: &str) {
        let _ = LocalStorage::set(key(kind, id), json);
    }
    pub fn get(kind: &str, id: &str) -> Option<String> {
        LocalStorage::get::<String>(key(kind, id)).ok()
    }
    pub fn clear(kind: &str, id: &str) {
        LocalStorage::delete(key(kind, id));
    }
}
