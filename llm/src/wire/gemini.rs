//! Google Gemini API (`models/{model}:generateContent`, `:streamGenerateContent?alt=sse`).

use serde_json::{json, Map, Value};

use super::{as_u32, as_vector, path_segment, ChatCall, Decoder, Parsed, ParsedEmbeddings, StreamFault};
use crate::schema::to_gemini_schema;
use crate::sse::SseParser;
use crate::types::{ChatRequest, JsonSchema, Role, Usage};

pub(crate) fn chat_call(base: &str, model: &str, req: &ChatRequest, schema: Option<&JsonSchema>, stream: bool) -> ChatCall {
    let model = model.strip_prefix("models/").unwrap_or(model);
    let url = if stream {
        format!("{base}/models/{}:streamGenerateContent?alt=sse", path_segment(model))
    } else {
        format!("{base}/models/{}:generateContent", path_segment(model))
    };
    let mut body = Map::new();
    if let Some(system) = req.system.as_deref().filter(|s| !s.trim().is_empty()) {
        body.insert("systemInstruction".into(), json!({"parts": [{"text": system}]}));
    }
    let contents: Vec<Value> = req
        .messages
        .iter()
        .map(|m| {
            let role = match m.role {
                Role::User => "user",
                Role::Assistant => "model",
            };
            json!({"role": role, "parts": [{"text": m.content}]})
        })
        .collect();
    body.insert("contents".into(), Value::Array(contents));
    let mut config = Map::new();
    if let Some(max) = req.max_tokens {
        config.insert("maxOutputTokens".into(), json!(max));
    }
    if let Some(t) = req.temperature {
        config.insert("temperature".into(), json!(t));
    }
    if let Some(s) = schema {
        config.insert("responseMimeType".into(), json!("application/json"));
        config.insert("responseSchema".into(), to_gemini_schema(&s.schema));
    }
    if !config.is_empty() {
        body.insert("generationConfig".into(), Value::Object(config));
    }
    ChatCall { url, body: Value::Object(body) }
}

/// `models/{m}:batchEmbedContents`: one request per input, answered in order.
pub(crate) fn embed_call(base: &str, model: &str, inputs: &[String]) -> ChatCall {
    let model = model.strip_prefix("models/").unwrap_or(model);
    let requests: Vec<Value> = inputs
        .iter()
        .map(|text| json!({"model": format!("models/{model}"), "content": {"parts": [{"text": text}]}}))
        .collect();
    ChatCall { url: format!("{base}/models/{}:batchEmbedContents", path_segment(model)), body: json!({"requests": requests}) }
}

pub(crate) fn parse_embeddings(v: &Value) -> Result<ParsedEmbeddings, String> {
    if let Some(e) = error_of(v) {
        return Err(format!("it reported an error: {e}"));
    }
    let list = v.get("embeddings").and_then(Value::as_array).ok_or("the reply has no embeddings")?;
    let vectors = list
        .iter()
        .map(|e| e.get("values").and_then(as_vector))
        .collect::<Option<Vec<_>>>()
        .ok_or("an embedding is not a list of numbers")?;
    Ok(ParsedEmbeddings { vectors, model: None, usage: None })
}

fn usage_of(v: &Value) -> Option<Usage> {
    let u = v.get("usageMetadata").filter(|u| u.is_object())?;
    Some(Usage {
        input_tokens: as_u32(u.get("promptTokenCount")).unwrap_or(0),
        output_tokens: as_u32(u.get("candidatesTokenCount")).unwrap_or(0),
    })
}

/// Text of the first candidate, its finish reason, and a block reason if the prompt was refused.
fn candidate(v: &Value) -> (String, Option<String>) {
    let Some(c) = v.get("candidates").and_then(Value::as_array).and_then(|c| c.first()) else {
        return (String::new(), None);
    };
    let text = c
        .pointer("/content/parts")
        .and_then(Value::as_array)
        .map(|parts| {
            parts
                .iter()
                // "thought" parts are reasoning summaries, not the answer.
                .filter(|p| p.get("thought").and_then(Value::as_bool) != Some(true))
                .filter_map(|p| p.get("text").and_then(Value::as_str))
                .collect::<Vec<_>>()
                .join("")
        })
        .unwrap_or_default();
    (text, c.get("finishReason").and_then(Value::as_str).map(str::to_owned))
}

fn error_of(v: &Value) -> Option<String> {
    let e = v.get("error")?;
    Some(e.get("message").and_then(Value::as_str).unwrap_or("unknown error").to_owned())
}

pub(crate) fn parse_chat(v: &Value) -> Result<Parsed, String> {
    if let Some(e) = error_of(v) {
        return Err(format!("it reported an error: {e}"));
    }
    if v.get("candidates").and_then(Value::as_array).is_none_or(|c| c.is_empty()) {
        return match v.pointer("/promptFeedback/blockReason").and_then(Value::as_str) {
            Some(reason) => Err(format!("the prompt was blocked ({reason})")),
            None => Err("the reply has no candidates".into()),
        };
    }
    let (text, finish) = candidate(v);
    Ok(Parsed { text, model: v.get("modelVersion").and_then(Value::as_str).map(str::to_owned), finish, usage: usage_of(v) })
}

/// Each SSE event is a whole `GenerateContentResponse`; the last one has `finishReason`.
#[derive(Default)]
pub(crate) struct StreamDecoder {
    sse: SseParser,
    parsed: Parsed,
}

impl Decoder for StreamDecoder {
    fn feed(&mut self, bytes: &[u8]) -> Result<Vec<String>, StreamFault> {
        let mut deltas = Vec::new();
        for ev in self.sse.push(bytes) {
            let v: Value = serde_json::from_str(&ev.data).map_err(|e| StreamFault::Malformed(format!("a stream chunk is not valid JSON: {e}")))?;
            if let Some(e) = error_of(&v) {
                return Err(StreamFault::Error(e));
            }
            if let Some(m) = v.get("modelVersion").and_then(Value::as_str) {
                self.parsed.model = Some(m.to_owned());
            }
            if let Some(u) = usage_of(&v) {
                self.parsed.usage = Some(u);
            }
            let (text, finish) = candidate(&v);
            if !text.is_empty() {
                self.parsed.text.push_str(&text);
                deltas.push(text);
            }
            if finish.is_some() {
                self.parsed.finish = finish;
            }
        }
        Ok(deltas)
    }

    fn finish(self: Box<Self>) -> Result<Parsed, StreamFault> {
        if self.parsed.finish.is_some() {
            Ok(self.parsed)
        } else {
            Err(StreamFault::Cut)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::ChatMessage;

    #[test]
    fn body_and_urls() {
        let req = ChatRequest {
            messages: vec![ChatMessage::user("Hi"), ChatMessage::assistant("Yo"), ChatMessage::user("Go")],
            max_tokens: Some(10),
            ..ChatRequest::new("gemini-2.5-flash", "").with_system("S")
        };
        let schema = JsonSchema::new("r", json!({"type": "object", "additionalProperties": false}));
        let call = chat_call("https://g/v1beta", "models/gemini-2.5-flash", &req, Some(&schema), true);
        assert_eq!(call.url, "https://g/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        assert_eq!(
            call.body,
            json!({
                "systemInstruction": {"parts": [{"text": "S"}]},
                "contents": [
                    {"role": "user", "parts": [{"text": "Hi"}]},
                    {"role": "model", "parts": [{"text": "Yo"}]},
                    {"role": "user", "parts": [{"text": "Go"}]}
                ],
                "generationConfig": {"maxOutputTokens": 10, "responseMimeType": "application/json", "responseSchema": {"type": "object"}}
            })
        );
        let call = chat_call("https://g/v1beta", "gemini-2.5-flash", &req, None, false);
        assert_eq!(call.url, "https://g/v1beta/models/gemini-2.5-flash:generateContent");
    }

    #[test]
    fn blocked_prompt_is_explained() {
        let v = json!({"promptFeedback": {"blockReason": "SAFETY"}});
        assert_eq!(parse_chat(&v).unwrap_err(), "the prompt was blocked (SAFETY)");
    }
}
