//! OpenAI chat completions, and everything that speaks it: Azure OpenAI, DeepSeek,
//! OpenRouter, and OpenAI-compatible servers (LM Studio, vLLM, Groq, Mistral, proxies).

use serde_json::{json, Map, Value};

use super::{as_u32, as_vector, path_segment, query_value, system_with, ChatCall, Decoder, Parsed, ParsedEmbeddings, StreamFault};
use crate::provider::{ProviderConfig, ProviderKind, StructuredOutput, AZURE_DEFAULT_API_VERSION};
use crate::schema::schema_instruction;
use crate::sse::SseParser;
use crate::types::{ChatRequest, JsonSchema, Role, Usage};

pub(crate) fn chat_url(config: &ProviderConfig, base: &str, model: &str) -> String {
    operation_url(config, base, model, "chat/completions")
}

fn operation_url(config: &ProviderConfig, base: &str, model: &str, operation: &str) -> String {
    match config.provider {
        ProviderKind::AzureOpenAi => {
            let version = config.api_version.as_deref().filter(|v| !v.trim().is_empty()).unwrap_or(AZURE_DEFAULT_API_VERSION);
            format!(
                "{base}/openai/deployments/{}/{operation}?api-version={}",
                path_segment(model),
                query_value(version.trim())
            )
        }
        _ => format!("{base}/{operation}"),
    }
}

/// `POST /embeddings {model, input: [...]}`; DeepSeek has no embeddings.
pub(crate) fn embed_call(config: &ProviderConfig, base: &str, model: &str, inputs: &[String]) -> Option<ChatCall> {
    if config.provider == ProviderKind::DeepSeek {
        return None;
    }
    Some(ChatCall { url: operation_url(config, base, model, "embeddings"), body: json!({"model": model, "input": inputs}) })
}

pub(crate) fn parse_embeddings(v: &Value) -> Result<ParsedEmbeddings, String> {
    if let Some(e) = embedded_error(v) {
        return Err(format!("it reported an error: {e}"));
    }
    let data = v.get("data").and_then(Value::as_array).ok_or("the reply has no data")?;
    let mut indexed: Vec<(u64, Vec<f32>)> = Vec::with_capacity(data.len());
    for (i, item) in data.iter().enumerate() {
        let vector = item.get("embedding").and_then(as_vector).ok_or("an embedding is not a list of numbers")?;
        indexed.push((item.get("index").and_then(Value::as_u64).unwrap_or(i as u64), vector));
    }
    indexed.sort_by_key(|(i, _)| *i);
    let usage = v.get("usage").filter(|u| u.is_object()).map(|u| Usage { input_tokens: as_u32(u.get("prompt_tokens")).unwrap_or(0), output_tokens: 0 });
    Ok(ParsedEmbeddings {
        vectors: indexed.into_iter().map(|(_, v)| v).collect(),
        model: v.get("model").and_then(Value::as_str).map(str::to_owned),
        usage,
    })
}

pub(crate) fn chat_call(
    config: &ProviderConfig,
    base: &str,
    model: &str,
    req: &ChatRequest,
    schema: Option<&JsonSchema>,
    stream: bool,
    prompt_only: bool,
) -> ChatCall {
    let kind = config.provider;
    let mode = schema.map(|_| if prompt_only { StructuredOutput::PromptOnly } else { kind.info().structured_output });
    let instruction = match (mode, schema) {
        (Some(StructuredOutput::JsonObject | StructuredOutput::PromptOnly), Some(s)) => Some(schema_instruction(&s.schema)),
        _ => None,
    };
    let mut messages = Vec::new();
    if let Some(system) = system_with(req.system.as_deref(), instruction) {
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
    // Azure routes by deployment in the URL; the body's model is ignored there but harmless.
    body.insert("model".into(), json!(model));
    body.insert("messages".into(), Value::Array(messages));
    if let Some(max) = req.max_tokens {
        // OpenAI's newer models reject `max_tokens`; compatible servers mostly only know it.
        let field = match kind {
            ProviderKind::OpenAi | ProviderKind::AzureOpenAi => "max_completion_tokens",
            _ => "max_tokens",
        };
        body.insert(field.into(), json!(max));
    }
    if let Some(t) = req.temperature {
        body.insert("temperature".into(), json!(t));
    }
    match (mode, schema) {
        (Some(StructuredOutput::JsonSchema), Some(s)) => {
            body.insert(
                "response_format".into(),
                json!({"type": "json_schema", "json_schema": {"name": s.name, "schema": s.schema, "strict": true}}),
            );
        }
        (Some(StructuredOutput::PromptOnly), _) => {}
        (Some(_), Some(_)) => {
            body.insert("response_format".into(), json!({"type": "json_object"}));
        }
        _ => {}
    }
    if stream {
        body.insert("stream".into(), json!(true));
        // Usage arrives in a final chunk only when asked for. Generic compatible servers may
        // not know the option, so it is only sent to providers known to accept it.
        if kind != ProviderKind::OpenAiCompatible {
            body.insert("stream_options".into(), json!({"include_usage": true}));
        }
    }
    ChatCall { url: chat_url(config, base, model), body: Value::Object(body) }
}

fn usage_of(v: &Value) -> Option<Usage> {
    let u = v.get("usage").filter(|u| u.is_object())?;
    Some(Usage {
        input_tokens: as_u32(u.get("prompt_tokens")).unwrap_or(0),
        output_tokens: as_u32(u.get("completion_tokens")).unwrap_or(0),
    })
}

/// The provider's error inside a 200 (OpenRouter and some proxies do this), if any.
fn embedded_error(v: &Value) -> Option<String> {
    let e = v.get("error")?;
    Some(e.get("message").and_then(Value::as_str).map(str::to_owned).unwrap_or_else(|| e.to_string()))
}

pub(crate) fn parse_chat(v: &Value) -> Result<Parsed, String> {
    if let Some(e) = embedded_error(v) {
        return Err(format!("it reported an error: {e}"));
    }
    let choice = v
        .get("choices")
        .and_then(Value::as_array)
        .and_then(|c| c.first())
        .ok_or("the reply has no choices")?;
    let message = choice.get("message").ok_or("the reply has no message")?;
    let text = match message.get("content") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => match message.get("refusal").and_then(Value::as_str) {
            Some(refusal) => return Err(format!("the model refused: {refusal}")),
            None => String::new(),
        },
        Some(other) => return Err(format!("the message content is {other}, not text")),
    };
    Ok(Parsed {
        text,
        model: v.get("model").and_then(Value::as_str).map(str::to_owned),
        finish: choice.get("finish_reason").and_then(Value::as_str).map(str::to_owned),
        usage: usage_of(v),
    })
}

/// `data: {chunk}` events, ended by `data: [DONE]`.
#[derive(Default)]
pub(crate) struct StreamDecoder {
    sse: SseParser,
    parsed: Parsed,
    done: bool,
}

impl Decoder for StreamDecoder {
    fn feed(&mut self, bytes: &[u8]) -> Result<Vec<String>, StreamFault> {
        let mut deltas = Vec::new();
        for ev in self.sse.push(bytes) {
            if self.done {
                continue;
            }
            let data = ev.data.trim();
            if data == "[DONE]" {
                self.done = true;
                continue;
            }
            let v: Value = serde_json::from_str(data).map_err(|e| StreamFault::Malformed(format!("a stream chunk is not valid JSON: {e}")))?;
            if let Some(e) = embedded_error(&v) {
                return Err(StreamFault::Error(e));
            }
            if let Some(m) = v.get("model").and_then(Value::as_str).filter(|m| !m.is_empty()) {
                self.parsed.model = Some(m.to_owned());
            }
            if let Some(u) = usage_of(&v) {
                self.parsed.usage = Some(u);
            }
            if let Some(choice) = v.get("choices").and_then(Value::as_array).and_then(|c| c.first()) {
                if let Some(text) = choice.pointer("/delta/content").and_then(Value::as_str).filter(|t| !t.is_empty()) {
                    self.parsed.text.push_str(text);
                    deltas.push(text.to_owned());
                }
                if let Some(f) = choice.get("finish_reason").and_then(Value::as_str) {
                    self.parsed.finish = Some(f.to_owned());
                }
            }
        }
        Ok(deltas)
    }

    fn finish(self: Box<Self>) -> Result<Parsed, StreamFault> {
        // Some compatible servers omit [DONE] but do send a finish reason; accept that.
        if self.done || self.parsed.finish.is_some() {
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

    fn request() -> ChatRequest {
        ChatRequest {
            model: "gpt-4o-mini".into(),
            system: Some("Be brief.".into()),
            messages: vec![ChatMessage::user("Hi"), ChatMessage::assistant("Hello"), ChatMessage::user("Again")],
            max_tokens: Some(50),
            temperature: Some(0.2),
            timeout: None,
        }
    }

    #[test]
    fn openai_body() {
        let config = ProviderConfig::new(ProviderKind::OpenAi);
        let schema = JsonSchema::new("rubric", json!({"type": "object"}));
        let call = chat_call(&config, "https://api.openai.com/v1", "gpt-4o-mini", &request(), Some(&schema), true, false);
        assert_eq!(call.url, "https://api.openai.com/v1/chat/completions");
        assert_eq!(
            call.body,
            json!({
                "model": "gpt-4o-mini",
                "messages": [
                    {"role": "system", "content": "Be brief."},
                    {"role": "user", "content": "Hi"},
                    {"role": "assistant", "content": "Hello"},
                    {"role": "user", "content": "Again"}
                ],
                "max_completion_tokens": 50,
                "temperature": 0.2f32,
                "response_format": {"type": "json_schema", "json_schema": {"name": "rubric", "schema": {"type": "object"}, "strict": true}},
                "stream": true,
                "stream_options": {"include_usage": true}
            })
        );
    }

    #[test]
    fn deepseek_uses_json_object_and_prompt_schema() {
        let config = ProviderConfig::new(ProviderKind::DeepSeek);
        let schema = JsonSchema::new("r", json!({"type": "object", "required": ["a"]}));
        let call = chat_call(&config, "https://api.deepseek.com", "deepseek-chat", &request(), Some(&schema), false, false);
        assert_eq!(call.body["response_format"], json!({"type": "json_object"}));
        let system = call.body["messages"][0]["content"].as_str().unwrap();
        assert!(system.starts_with("Be brief.\n\nReply in json: a single JSON object"), "{system}");
        assert!(system.contains(r#"{"required":["a"],"type":"object"}"#), "{system}");
        assert_eq!(call.body["max_tokens"], json!(50));
    }

    #[test]
    fn azure_url() {
        let mut config = ProviderConfig::new(ProviderKind::AzureOpenAi);
        assert_eq!(
            chat_url(&config, "https://r.openai.azure.com", "my gpt"),
            "https://r.openai.azure.com/openai/deployments/my%20gpt/chat/completions?api-version=2024-10-21"
        );
        config.api_version = Some("2025-01-01-preview".into());
        assert!(chat_url(&config, "https://r", "d").ends_with("?api-version=2025-01-01-preview"));
    }

    #[test]
    fn parses_refusals_and_errors_in_200s() {
        let refusal = json!({"choices": [{"message": {"content": null, "refusal": "I can't help with that."}}]});
        assert_eq!(parse_chat(&refusal).unwrap_err(), "the model refused: I can't help with that.");
        let err = json!({"error": {"message": "upstream failed", "code": 502}});
        assert_eq!(parse_chat(&err).unwrap_err(), "it reported an error: upstream failed");
        assert_eq!(parse_chat(&json!({"choices": []})).unwrap_err(), "the reply has no choices");
    }
}
