//! Anthropic Messages API (`POST /v1/messages`), JSON and SSE events.

use serde_json::{json, Map, Value};

use super::{as_u32, ChatCall, Decoder, Parsed, StreamFault};
use crate::sse::SseParser;
use crate::types::{ChatRequest, JsonSchema, Role, Usage, DEFAULT_MAX_TOKENS};

pub(crate) fn chat_call(base: &str, model: &str, req: &ChatRequest, schema: Option<&JsonSchema>, stream: bool) -> ChatCall {
    let mut body = Map::new();
    body.insert("model".into(), json!(model));
    body.insert("max_tokens".into(), json!(req.max_tokens.unwrap_or(DEFAULT_MAX_TOKENS)));
    if let Some(system) = req.system.as_deref().filter(|s| !s.trim().is_empty()) {
        body.insert("system".into(), json!(system));
    }
    let messages: Vec<Value> = req
        .messages
        .iter()
        .map(|m| {
            let role = match m.role {
                Role::User => "user",
                Role::Assistant => "assistant",
            };
            json!({"role": role, "content": m.content})
        })
        .collect();
    body.insert("messages".into(), Value::Array(messages));
    if let Some(t) = req.temperature {
        body.insert("temperature".into(), json!(t));
    }
    if let Some(s) = schema {
        // Structured output: one tool whose input is the schema, and the model forced to call it.
        body.insert(
            "tools".into(),
            json!([{
                "name": s.name,
                "description": "Record the answer. Its input must match the schema exactly.",
                "input_schema": s.schema,
            }]),
        );
        body.insert("tool_choice".into(), json!({"type": "tool", "name": s.name}));
    }
    if stream {
        body.insert("stream".into(), json!(true));
    }
    ChatCall { url: format!("{base}/v1/messages"), body: Value::Object(body) }
}

fn usage_of(u: Option<&Value>) -> Option<Usage> {
    let u = u.filter(|u| u.is_object())?;
    Some(Usage {
        input_tokens: as_u32(u.get("input_tokens")).unwrap_or(0),
        output_tokens: as_u32(u.get("output_tokens")).unwrap_or(0),
    })
}

pub(crate) fn parse_chat(v: &Value) -> Result<Parsed, String> {
    if v.get("type").and_then(Value::as_str) == Some("error") {
        let msg = v.pointer("/error/message").and_then(Value::as_str).unwrap_or("unknown error");
        return Err(format!("it reported an error: {msg}"));
    }
    let content = v.get("content").and_then(Value::as_array).ok_or("the reply has no content")?;
    // A forced tool call carries the structured answer as its input; that is the "text".
    let text = match content.iter().find(|b| b.get("type").and_then(Value::as_str) == Some("tool_use")) {
        Some(tool) => tool.get("input").map(Value::to_string).unwrap_or_default(),
        None => content
            .iter()
            .filter(|b| b.get("type").and_then(Value::as_str) == Some("text"))
            .filter_map(|b| b.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join(""),
    };
    Ok(Parsed {
        text,
        model: v.get("model").and_then(Value::as_str).map(str::to_owned),
        finish: v.get("stop_reason").and_then(Value::as_str).map(str::to_owned),
        usage: usage_of(v.get("usage")),
    })
}

/// `message_start` → `content_block_*` → `message_delta` → `message_stop`, or `error`.
#[derive(Default)]
pub(crate) struct StreamDecoder {
    sse: SseParser,
    parsed: Parsed,
    input_tokens: u32,
    output_tokens: Option<u32>,
    stopped: bool,
}

impl Decoder for StreamDecoder {
    fn feed(&mut self, bytes: &[u8]) -> Result<Vec<String>, StreamFault> {
        let mut deltas = Vec::new();
        for ev in self.sse.push(bytes) {
            if self.stopped {
                continue;
            }
            let v: Value = serde_json::from_str(&ev.data).map_err(|e| StreamFault::Malformed(format!("a stream event is not valid JSON: {e}")))?;
            // The `type` inside the data is authoritative; `event:` may be absent behind proxies.
            let kind = v.get("type").and_then(Value::as_str).unwrap_or(ev.event.as_str());
            match kind {
                "message_start" => {
                    if let Some(m) = v.pointer("/message/model").and_then(Value::as_str) {
                        self.parsed.model = Some(m.to_owned());
                    }
                    if let Some(u) = usage_of(v.pointer("/message/usage")) {
                        self.input_tokens = u.input_tokens;
                    }
                }
                "content_block_delta" => {
                    let delta = v.get("delta");
                    let text = match delta.and_then(|d| d.get("type")).and_then(Value::as_str) {
                        Some("text_delta") => delta.and_then(|d| d.get("text")).and_then(Value::as_str),
                        Some("input_json_delta") => delta.and_then(|d| d.get("partial_json")).and_then(Value::as_str),
                        _ => None,
                    };
                    if let Some(t) = text.filter(|t| !t.is_empty()) {
                        self.parsed.text.push_str(t);
                        deltas.push(t.to_owned());
                    }
                }
                "message_delta" => {
                    if let Some(r) = v.pointer("/delta/stop_reason").and_then(Value::as_str) {
                        self.parsed.finish = Some(r.to_owned());
                    }
                    if let Some(n) = as_u32(v.pointer("/usage/output_tokens")) {
                        self.output_tokens = Some(n);
                    }
                }
                "message_stop" => self.stopped = true,
                "error" => {
                    let msg = v.pointer("/error/message").and_then(Value::as_str).unwrap_or("unknown error");
                    let kind = v.pointer("/error/type").and_then(Value::as_str).unwrap_or("error");
                    return Err(StreamFault::Error(format!("{kind}: {msg}")));
                }
                _ => {} // ping, content_block_start/stop, future event types
            }
        }
        Ok(deltas)
    }

    fn finish(mut self: Box<Self>) -> Result<Parsed, StreamFault> {
        if !self.stopped {
            return Err(StreamFault::Cut);
        }
        if let Some(out) = self.output_tokens {
            self.parsed.usage = Some(Usage { input_tokens: self.input_tokens, output_tokens: out });
        }
        Ok(self.parsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::ChatMessage;

    #[test]
    fn body_with_forced_tool() {
        let req = ChatRequest { max_tokens: None, ..ChatRequest::new("claude-haiku-4-5", "Hi").with_system("S") };
        let schema = JsonSchema::new("rubric", json!({"type": "object"}));
        let call = chat_call("https://api.anthropic.com", "claude-haiku-4-5", &req, Some(&schema), false);
        assert_eq!(call.url, "https://api.anthropic.com/v1/messages");
        assert_eq!(call.body["max_tokens"], json!(DEFAULT_MAX_TOKENS));
        assert_eq!(call.body["system"], json!("S"));
        assert_eq!(call.body["messages"], json!([{"role": "user", "content": "Hi"}]));
        assert_eq!(call.body["tools"][0]["input_schema"], json!({"type": "object"}));
        assert_eq!(call.body["tool_choice"], json!({"type": "tool", "name": "rubric"}));
        let _ = ChatMessage::user("x");
    }

    #[test]
    fn tool_use_input_is_the_text() {
        let v = json!({"model": "m", "content": [{"type": "text", "text": "ignored"}, {"type": "tool_use", "name": "r", "input": {"a": 1}}], "stop_reason": "tool_use", "usage": {"input_tokens": 3, "output_tokens": 4}});
        let p = parse_chat(&v).unwrap();
        assert_eq!(p.text, r#"{"a":1}"#);
        assert_eq!(p.usage, Some(Usage { input_tokens: 3, output_tokens: 4 }));
    }
}
