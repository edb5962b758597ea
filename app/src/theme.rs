//! Light / dark / system theme. The choice lives in `localStorage` so it applies before any
//! async work (no flash of the wrong theme), and CSS in `styles/app.css` does the rest via
//! `data-theme` on `<html>`.

use gloo::storage::{LocalStorage, Storage};

const KEY: &str = "fitted.theme";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }
    pub fn icon(self) -> &'static str {
        match self {
            Theme::System => "◐",
            Theme::Light => "☀",
            Theme::Dark => "☾",
        }
    }
    fn attr(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

pub fn current() -> Theme {
    match LocalStorage::get::<String>(KEY).ok().as_deref() {
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        _ => Theme::System,
    }
}

pub fn apply(theme: Theme) {
    let _ = LocalStorage::set(KEY, theme.attr());
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute("data-theme", theme.attr());
    }
}
