//! Structured-output helpers: pulling JSON out of a model's text, checking it against the
//! caller's JSON Schema, and adapting the schema to providers with a restricted dialect.
//!
//! The check here is deliberately small (type, required, enum, properties, items,
//! additionalProperties: false, min/maxItems). Serde on the caller's Rust type is the final
//! judge; this check exists because its messages name the JSON path, which is what a model
//! needs to fix its answer in the repair attempt.

use serde_json::{Map, Value};

/// The JSON value in a model's reply: the whole text, else a fenced ```json block, else the
/// outermost `{…}` / `[…]`. Models in "JSON mode" still sometimes add a fence or a sentence.
pub fn extract_json(text: &str) -> Result<Value, String> {
    let trimmed = text.trim();
    if let Ok(v) = serde_json::from_str(trimmed) {
        return Ok(v);
    }
    if let Some(start) = trimmed.find("```") {
        let after = &trimmed[start + 3..];
        let after = after.strip_prefix("json").or_else(|| after.strip_prefix("JSON")).unwrap_or(after);
        if let Some(end) = after.find("```") {
            if let Ok(v) = serde_json::from_str(after[..end].trim()) {
                return Ok(v);
            }
        }
    }
    for (open, close) in [('{', '}'), ('[', ']')] {
        if let (Some(s), Some(e)) = (trimmed.find(open), trimmed.rfind(close)) {
            if s < e {
                if let Ok(v) = serde_json::from_str(&trimmed[s..=e]) {
                    return Ok(v);
                }
            }
        }
    }
    let err = serde_json::from_str::<Value>(trimmed).err().map(|e| e.to_string()).unwrap_or_default();
    if trimmed.is_empty() {
        Err("the answer was empty".into())
    } else {
        Err(format!("the answer is not valid JSON ({err})"))
    }
}

/// Checks `value` against the supported subset of `schema`; the first problem, with its path.
pub fn validate(value: &Value, schema: &Value) -> Result<(), String> {
    check(value, schema, "$", 0)
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn type_matches(v: &Value, t: &str) -> bool {
    let actual = type_name(v);
    actual == t
        || (t == "number" && actual == "integer")
        || (t == "integer" && v.as_f64().is_some_and(|f| f.fract() == 0.0))
}

fn check(value: &Value, schema: &Value, path: &str, depth: usize) -> Result<(), String> {
    let Some(schema) = schema.as_object() else { return Ok(()) };
    if depth > 64 {
        return Ok(());
    }
    if let Some(options) = schema.get("anyOf").or_else(|| schema.get("oneOf")).and_then(Value::as_array) {
        if !options.is_empty() && !options.iter().any(|s| check(value, s, path, depth + 1).is_ok()) {
            return Err(format!("at {path}: the value matches none of the allowed shapes"));
        }
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let nullable = schema.get("nullable").and_then(Value::as_bool) == Some(true);
    let type_ok = types.is_empty() || types.iter().any(|t| type_matches(value, &t.to_ascii_lowercase())) || (nullable && value.is_null());
    if !type_ok {
        return Err(format!("at {path}: expected {}, found {}", types.join(" or "), type_name(value)));
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            let list: Vec<String> = allowed.iter().map(Value::to_string).collect();
            return Err(format!("at {path}: {value} is not one of {}", list.join(", ")));
        }
    }
    match value {
        Value::Object(map) => check_object(map, schema, path, depth)?,
        Value::Array(items) => {
            if let Some(min) = schema.get("minItems").and_then(Value::as_u64) {
                if (items.len() as u64) < min {
                    return Err(format!("at {path}: expected at least {min} items, found {}", items.len()));
                }
            }
            if let Some(max) = schema.get("maxItems").and_then(Value::as_u64) {
                if (items.len() as u64) > max {
                    return Err(format!("at {path}: expected at most {max} items, found {}", items.len()));
                }
            }
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    check(item, item_schema, &format!("{path}[{i}]"), depth + 1)?;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

fn check_object(map: &Map<String, Value>, schema: &Map<String, Value>, path: &str, depth: usize) -> Result<(), String> {
    if let Some(required) = schema.get("required").and_then(Value::as_array) {
        for name in required.iter().filter_map(Value::as_str) {
            if !map.contains_key(name) {
                return Err(format!("at {path}: missing required property \"{name}\""));
            }
        }
    }
    let props = schema.get("properties").and_then(Value::as_object);
    if schema.get("additionalProperties") == Some(&Value::Bool(false)) {
        if let Some(extra) = map.keys().find(|k| props.is_none_or(|p| !p.contains_key(*k))) {
            return Err(format!("at {path}: unexpected property \"{extra}\""));
        }
    }
    if let Some(props) = props {
        for (name, sub) in props {
            if let Some(v) = map.get(name) {
                check(v, sub, &format!("{path}.{name}"), depth + 1)?;
            }
        }
    }
    Ok(())
}

/// Gemini's `responseSchema` is an OpenAPI 3.0 subset: it rejects `additionalProperties`,
/// `$schema`, `const` and friends, and writes "nullable" instead of `["x", "null"]` types.
/// This keeps only the keys it accepts.
pub fn to_gemini_schema(schema: &Value) -> Value {
    gemini(schema, 0)
}

fn gemini(schema: &Value, depth: usize) -> Value {
    const KEEP: &[&str] = &[
        "type", "format", "title", "description", "nullable", "enum", "maxItems", "minItems", "properties",
        "required", "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "example", "anyOf",
        "propertyOrdering", "default", "items", "minimum", "maximum",
    ];
    let Some(map) = schema.as_object() else { return schema.clone() };
    if depth > 64 {
        return Value::Object(Map::new());
    }
    let mut out = Map::new();
    for (k, v) in map {
        if !KEEP.contains(&k.as_str()) {
            continue;
        }
        let v = match k.as_str() {
            "type" => match v {
                Value::Array(ts) => {
                    let non_null: Vec<&Value> = ts.iter().filter(|t| t.as_str() != Some("null")).collect();
                    if non_null.len() < ts.len() {
                        out.insert("nullable".into(), Value::Bool(true));
                    }
                    non_null.first().map(|t| (*t).clone()).unwrap_or(Value::String("string".into()))
                }
                other => other.clone(),
            },
            "properties" => Value::Object(
                v.as_object()
                    .map(|p| p.iter().map(|(name, s)| (name.clone(), gemini(s, depth + 1))).collect())
                    .unwrap_or_default(),
            ),
            "items" => gemini(v, depth + 1),
            "anyOf" => Value::Array(v.as_array().map(|a| a.iter().map(|s| gemini(s, depth + 1)).collect()).unwrap_or_default()),
            _ => v.clone(),
        };
        out.insert(k.clone(), v);
    }
    Value::Object(out)
}

/// The instruction added for providers that only offer JSON mode (the schema goes in the
/// prompt). DeepSeek and OpenAI refuse JSON mode unless the word "json" appears in the
/// prompt; it is spelled in lowercase too in case the check is case-sensitive.
pub fn schema_instruction(schema: &Value) -> String {
    format!(
        "Reply in json: a single JSON object and nothing else (no prose, no code fence). It must match this JSON Schema:\n{}",
        serde_json::to_string(schema).unwrap_or_default()
    )
}

/// The follow-up message of the repair attempt.
pub fn repair_instruction(problem: &str) -> String {
    format!(
        "Your previous answer could not be used: {problem}. Reply again with only the corrected JSON, matching the required schema exactly."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn extracts_json_from_fences_and_prose() {
        assert_eq!(extract_json(" {\"a\":1} ").unwrap(), json!({"a":1}));
        assert_eq!(extract_json("```json\n{\"a\":1}\n```").unwrap(), json!({"a":1}));
        assert_eq!(extract_json("Sure! Here it is: {\"a\": [1]} Hope that helps.").unwrap(), json!({"a":[1]}));
        assert!(extract_json("no json here").unwrap_err().contains("not valid JSON"));
        assert_eq!(extract_json("  ").unwrap_err(), "the answer was empty");
    }

    #[test]
    fn validation_names_the_path() {
        let schema = json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["items"],
            "properties": {
                "items": {"type": "array", "minItems": 1, "items": {
                    "type": "object", "required": ["w"],
                    "properties": {"w": {"type": "number"}, "k": {"type": "string", "enum": ["must", "nice"]}, "n": {"type": ["string", "null"]}}
                }}
            }
        });
        assert!(validate(&json!({"items": [{"w": 1, "k": "must", "n": null}]}), &schema).is_ok());
        assert_eq!(validate(&json!({}), &schema).unwrap_err(), "at $: missing required property \"items\"");
        assert_eq!(validate(&json!({"items": []}), &schema).unwrap_err(), "at $.items: expected at least 1 items, found 0");
        assert_eq!(validate(&json!({"items": [{"w": "x"}]}), &schema).unwrap_err(), "at $.items[0].w: expected number, found string");
        assert!(validate(&json!({"items": [{"w": 1, "k": "maybe"}]}), &schema).unwrap_err().contains("is not one of"));
        assert_eq!(validate(&json!({"items": [{"w": 1}], "x": 1}), &schema).unwrap_err(), "at $: unexpected property \"x\"");
    }

    #[test]
    fn gemini_schema_drops_unsupported_keys() {
        let schema = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object", "additionalProperties": false, "required": ["a"],
            "properties": {"a": {"type": ["string", "null"], "const": "x"}, "b": {"type": "array", "items": {"type": "integer", "additionalProperties": false}}}
        });
        assert_eq!(
            to_gemini_schema(&schema),
            json!({"type": "object", "required": ["a"], "properties": {
                "a": {"type": "string", "nullable": true},
                "b": {"type": "array", "items": {"type": "integer"}}
            }})
        );
    }
}
