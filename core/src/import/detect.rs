//! Choosing the reader for a file or paste.
//!
//! The content decides, the file name only breaks ties: people paste JSON into the text
//! box and save plain text as `.json`. Rules, in order:
//! 1. Too large (over the larger of the two limits) or empty: error at once.
//! 2. The text starts with `{` (after whitespace), or the file is named `*.json`: it is
//!    JSON, and a syntax error is reported as such (with line and column). A text starting
//!    with `[` is JSON only if it parses ("[Your Name]" on a plain-text résumé does not).
//! 3. A JSON object with `basics` or `work` is JSON Resume; one with seed 000's six-category
//!    `skills` object or another key only the seed uses (`experience`, `mentorship`, a
//!    top-level `summary` or `name`…) is the seed's master résumé; one with any other JSON
//!    Resume section is JSON Resume; anything else (including non-objects) is not a résumé.
//! 4. Everything else is plain text.

use serde_json::Value;

use super::errors::ImportError;
use super::imported::Imported;
use super::json_input::read_json;
use super::json_resume::{describe_top_level, json_resume_from_value, TOP_LEVEL_KEYS};
use super::limits::{check_not_binary, check_not_empty, check_size, strip_bom, MAX_JSON_BYTES, MAX_TEXT_BYTES};
use super::plain_text::parse_plain_text;
use super::seed_master::{looks_like_seed, seed_from_value};

/// Imports a résumé file or paste in any supported format.
pub fn import_any(file_name: Option<&str>, text: &str) -> Result<Imported, ImportError> {
    let named_json = file_name.is_some_and(|n| n.to_lowercase().ends_with(".json"));
    let what = if file_name.is_some() { "file" } else { "paste" };
    check_size(text, MAX_JSON_BYTES.max(MAX_TEXT_BYTES), what)?;
    let body = strip_bom(text);
    check_not_empty(body, what)?;
    check_not_binary(body)?;
    let start = body.trim_start();
    if start.starts_with('{') || named_json {
        let (body, value) = read_json(text)?;
        return from_json(body, value);
    }
    if start.starts_with('[') {
        if let Ok(value) = serde_json::from_str::<Value>(body) {
            return from_json(body, value);
        }
    }
    parse_plain_text(text)
}

fn from_json(text: &str, value: Value) -> Result<Imported, ImportError> {
    let Value::Object(map) = &value else {
        return Err(ImportError::NotAResume { found: describe_top_level(&value).into() });
    };
    if map.contains_key("basics") || map.contains_key("work") {
        return json_resume_from_value(text, value);
    }
    if looks_like_seed(map) {
        return seed_from_value(text, value);
    }
    if map.keys().any(|k| TOP_LEVEL_KEYS.contains(&k.as_str()) && k != "$schema" && k != "meta") {
        return json_resume_from_value(text, value);
    }
    Err(ImportError::NotAResume { found: describe_top_level(&value).into() })
}

