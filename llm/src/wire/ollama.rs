//! Ollama's native API (`/api/chat`, NDJSON streaming; `/api/tags`).

use serde_json::{json, Map, Value};

use super::{as_u32, as_vector, system_with, ChatCall, Decoder, Parsed, ParsedEmbeddings, StreamFault};
use crate::schema::schema_instruction;
use crate::sse::NdjsonParser;
use crate::types::{ChatRequest, JsonSchema, Role, Usage};

pub(crate) fn chat_call(base: &str, model: &str, req: &ChatRequest, schema: Option<&JsonSchema>, stream: bool) -> ChatCall {
    // Ollama's docs advise putting the schema in the prompt as well as in `format`: small
    // local models follow it better with both.
    let mut messages = Vec::new();
    if let Some(system) = system_with(req.system.as_deref(), schema.map(|s| schema_instruction(&s.schema))) {
        messages.push(json!({"role": "system", "content": system}));
    }
    for m in &req.messages {
        let role = match m.role {
            Role::User => "user",
            Role::Assistant => "assistant",
        };
        messages.push(json!({"role": role, "content": m.content}));
    }
    let mut body = Map::new();
    body.insert("model".into(), json!(model));
    body.insert("messages".into(), Value::Array(messages));
    // Ollama streams unless told not to.
    body.insert("stream".into(), json!(stream));
    if let Some(s) = schema {
        body.insert("format".into(), s.schema.clone());
    }
    let mut options = Map::new();
    if let Some(t) = req.temperature {
        options.insert("temperature".into(), json!(t));
    }
    if let Some(max) = req.max_tokens {
        options.insert("num_predict".into(), json!(max));
    }
    if !options.is_empty() {
        body.insert("options".into(), Value::Object(options));
    }
    ChatCall { url: format!("{base}/api/chat"), body: Value::Object(body) }
}

/// `POST /api/embed {model, input: [...]}` (the batch endpoint; `/api/embeddings` is legacy).
pub(crate) fn embed_call(base: &str, model: &str, inputs: &[String]) -> ChatCall {
    ChatCall { url: format!("{base}/api/embed"), body: json!({"model": model, "input": inputs}) }
}

pub(crate) fn parse_embeddings(v: &Value) -> Result<ParsedEmbeddings, String> {
    if let Some(e) = v.get("error") {
        return Err(format!("it reported an error: {}", e.as_str().unwrap_or("unknown error")));
    }
    let list = v.get("embeddings").and_then(Value::as_array).ok_or("the reply has no embeddings")?;
    let vectors = list.iter().map(as_vector).collect::<Option<Vec<_>>>().ok_or("an embedding is not a list of numbers")?;
    Ok(ParsedEmbeddings {
        vectors,
        model: v.get("model").and_then(Value::as_str).map(str::to_owned),
        usage: as_u32(v.get("prompt_eval_count")).map(|n| Usage { input_tokens: n, output_tokens: 0 }),
    })
}

fn usage_of(v: &Value) -> Option<Usage> {
    let input = as_u32(v.get("prompt_eval_count"));
    let output = as_u32(v.get("eval_count"));
    (input.is_some() || output.is_some()).then(|| Usage { input_tokens: input.unwrap_or(0), output_tokens: output.unwrap_or(0) })
}

pub(crate) fn parse_chat(v: &Value) -> Result<Parsed, String> {
    if let Some(e) = v.get("error") {
        return Err(format!("it reported an error: {}", e.as_str().unwrap_or("unknown error")));
    }
    let text = v.pointer("/message/content").and_then(Value::as_str).ok_or("the reply has no message")?;
    Ok(Parsed {
        text: text.to_owned(),
        model: v.get("model").and_then(Value::as_str).map(str::to_owned),
        finish: v.get("done_reason").and_then(Value::as_str).map(str::to_owned),
        usage: usage_of(v),
    })
}

/// One JSON object per line; the last has `done: true` with the counts.
#[derive(Default)]
pub(crate) struct StreamDecoder {
    lines: NdjsonParser,
    parsed: Parsed,
    done: bool,
}

impl Decoder for StreamDecoder {
    fn feed(&mut self, bytes: &[u8]) -> Result<Vec<String>, StreamFault> {
        let mut deltas = Vec::new();
        for line in self.lines.push(bytes) {
            if self.done {
                continue;
            }
            let v: Value = serde_json::from_str(&line).map_err(|e| StreamFault::Malformed(format!("a stream line is not valid JSON: {e}")))?;
            if let Some(e) = v.get("error") {
                return Err(StreamFault::Error(e.as_str().unwrap_or("unknown error").to_owned()));
            }
            if let Some(m) = v.get("model").and_then(Value::as_str) {
                self.parsed.model = Some(m.to_owned());
            }
            if let Some(t) = v.pointer("/message/content").and_then(Value::as_str).filter(|t| !t.is_empty()) {
                self.parsed.text.push_str(t);
                deltas.push(t.to_owned());
            }
            if v.get("done").and_then(Value::as_bool) == Some(true) {
                self.done = true;
                self.parsed.finish = v.get("done_reason").and_then(Value::as_str).map(str::to_owned).or(Some("stop".into()));
                self.parsed.usage = usage_of(&v);
            }
        }
        Ok(deltas)
    }

    fn finish(self: Box<Self>) -> Result<Parsed, StreamFault> {
        if self.done {
            Ok(self.parsed)
        } else {
            Err(StreamFault::Cut)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_shape() {
        let req = ChatRequest { temperature: Some(0.5), max_tokens: Some(7), ..ChatRequest::new("llama3.1:8b", "Hi") };
        let schema = JsonSchema::new("r", json!({"type": "object"}));
        let call = chat_call("http://localhost:11434", "llama3.1:8b", &req, Some(&schema), false);
        assert_eq!(call.url, "http://localhost:11434/api/chat");
        assert_eq!(call.body["stream"], json!(false));
        assert_eq!(call.body["format"], json!({"type": "object"}));
        assert_eq!(call.body["options"], json!({"temperature": 0.5, "num_predict": 7}));
        assert_eq!(call.body["messages"][1], json!({"role": "user", "content": "Hi"}));
    }
}
