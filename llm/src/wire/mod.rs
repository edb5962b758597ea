//! The four wire formats. Each module builds request bodies, parses whole responses, and
//! decodes streams into text deltas; the client does everything else (transport, retries,
//! timeouts, errors) the same way for all of them.

pub(crate) mod anthropic;
pub(crate) mod gemini;
pub(crate) mod ollama;
pub(crate) mod openai;

use serde_json::Value;

use crate::provider::{ProviderConfig, Wire};
use crate::types::{ChatRequest, JsonSchema, Usage};

/// A provider-neutral reading of one answer.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Parsed {
    pub text: String,
    pub model: Option<String>,
    pub finish: Option<String>,
    pub usage: Option<Usage>,
}

/// Why a stream could not be read to its end.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum StreamFault {
    /// The body ended before the format's end-of-answer marker.
    Cut,
    /// The provider sent an error event.
    Error(String),
    /// A chunk that is not what the format promises.
    Malformed(String),
}

/// Turns a streamed body into text deltas and, at the end, the whole answer.
pub(crate) trait Decoder: Send {
    fn feed(&mut self, bytes: &[u8]) -> Result<Vec<String>, StreamFault>;
    fn finish(self: Box<Self>) -> Result<Parsed, StreamFault>;
}

/// The URL and body of a chat call.
pub(crate) struct ChatCall {
    pub url: String,
    pub body: Value,
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
    match config.provider.wire() {
        Wire::OpenAi => openai::chat_call(config, base, model, req, schema, stream, prompt_only),
        Wire::Anthropic => anthropic::chat_call(base, model, req, schema, stream),
        Wire::Gemini => gemini::chat_call(base, model, req, schema, stream),
        Wire::Ollama => ollama::chat_call(base, model, req, schema, stream),
    }
}

/// The URL and body of an embeddings call, or `None` where the provider has no embeddings.
pub(crate) fn embed_call(config: &ProviderConfig, base: &str, model: &str, inputs: &[String]) -> Option<ChatCall> {
    match config.provider.wire() {
        Wire::OpenAi => openai::embed_call(config, base, model, inputs),
        Wire::Anthropic => None,
        Wire::Gemini => Some(gemini::embed_call(base, model, inputs)),
        Wire::Ollama => Some(ollama::embed_call(base, model, inputs)),
    }
}

/// Vectors in input order, the model the provider reports, and usage where given.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct ParsedEmbeddings {
    pub vectors: Vec<Vec<f32>>,
    pub model: Option<String>,
    pub usage: Option<Usage>,
}

pub(crate) fn parse_embeddings(wire: Wire, body: &str) -> Result<ParsedEmbeddings, String> {
    let value: Value = serde_json::from_str(body).map_err(|e| format!("the body is not valid JSON: {e}"))?;
    match wire {
        Wire::OpenAi => openai::parse_embeddings(&value),
        Wire::Gemini => gemini::parse_embeddings(&value),
        Wire::Ollama => ollama::parse_embeddings(&value),
        Wire::Anthropic => Err("this provider has no embeddings".into()),
    }
}

/// A JSON array of numbers as a vector; `None` if anything in it is not a number.
pub(crate) fn as_vector(v: &Value) -> Option<Vec<f32>> {
    v.as_array()?.iter().map(|x| x.as_f64().map(|f| f as f32)).collect()
}

pub(crate) fn parse_chat(wire: Wire, body: &str) -> Result<Parsed, String> {
    let value: Value = serde_json::from_str(body).map_err(|e| format!("the body is not valid JSON: {e}"))?;
    match wire {
        Wire::OpenAi => openai::parse_chat(&value),
        Wire::Anthropic => anthropic::parse_chat(&value),
        Wire::Gemini => gemini::parse_chat(&value),
        Wire::Ollama => ollama::parse_chat(&value),
    }
}

pub(crate) fn decoder(wire: Wire) -> Box<dyn Decoder> {
    match wire {
        Wire::OpenAi => Box::new(openai::StreamDecoder::default()),
        Wire::Anthropic => Box::new(anthropic::StreamDecoder::default()),
        Wire::Gemini => Box::new(gemini::StreamDecoder::default()),
        Wire::Ollama => Box::new(ollama::StreamDecoder::default()),
    }
}

/// A path segment (model or deployment name) made safe for a URL: anything outside the
/// unreserved set is percent-encoded, so a name cannot change the path or the host.
pub(crate) fn path_segment(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A query value, percent-encoded the same way.
pub(crate) fn query_value(value: &str) -> String {
    path_segment(value)
}

/// Numbers in provider JSON, clamped into u32.
pub(crate) fn as_u32(v: Option<&Value>) -> Option<u32> {
    v.and_then(Value::as_u64).map(|n| u32::try_from(n).unwrap_or(u32::MAX))
}

/// The system prompt with the JSON-mode instruction appended (JSON-object providers).
pub(crate) fn system_with(system: Option<&str>, extra: Option<String>) -> Option<String> {
    match (system.filter(|s| !s.trim().is_empty()), extra) {
        (Some(s), Some(e)) => Some(format!("{s}\n\n{e}")),
        (Some(s), None) => Some(s.to_owned()),
        (None, e) => e,
    }
}

/// Model-list parsing for every listing shape.
pub(crate) fn parse_models(value: &Value) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(data) = value.get("data").and_then(Value::as_array) {
        out.extend(data.iter().filter_map(|m| m.get("id").and_then(Value::as_str)).map(str::to_owned));
    }
    if let Some(models) = value.get("models").and_then(Value::as_array) {
        out.extend(
            models
                .iter()
                .filter_map(|m| m.get("name").and_then(Value::as_str))
                .map(|n| n.strip_prefix("models/").unwrap_or(n).to_owned()),
        );
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_cannot_escape() {
        assert_eq!(path_segment("gemini-2.5-flash"), "gemini-2.5-flash");
        assert_eq!(path_segment("../../evil.example/x?y#z"), "..%2F..%2Fevil.example%2Fx%3Fy%23z");
        assert_eq!(path_segment("my deployment"), "my%20deployment");
    }

    #[test]
    fn model_lists_of_every_shape() {
        let openai = serde_json::json!({"object": "list", "data": [{"id": "b"}, {"id": "a"}]});
        assert_eq!(parse_models(&openai), vec!["a", "b"]);
        let gemini = serde_json::json!({"models": [{"name": "models/gemini-2.5-flash"}]});
        assert_eq!(parse_models(&gemini), vec!["gemini-2.5-flash"]);
        let ollama = serde_json::json!({"models": [{"name": "llama3.1:8b", "model": "llama3.1:8b"}]});
        assert_eq!(parse_models(&ollama), vec!["llama3.1:8b"]);
        assert!(parse_models(&serde_json::json!({"unexpected": true})).is_empty());
    }
}
