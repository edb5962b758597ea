//! Requests and results, provider-neutral. Serialisable (camelCase) so they can cross the
//! worker boundary and be stored on run records.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::cost::CostEstimate;
use crate::provider::ProviderKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    User,
    Assistant,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatMessage {
    pub role: Role,
    pub content: String,
}

impl ChatMessage {
    pub fn user(content: impl Into<String>) -> Self {
        Self { role: Role::User, content: content.into() }
    }

    pub fn assistant(content: impl Into<String>) -> Self {
        Self { role: Role::Assistant, content: content.into() }
    }
}

/// One chat call. For Azure OpenAI, `model` is the deployment name (empty = the config's
/// deployment).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChatRequest {
    pub model: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    pub messages: Vec<ChatMessage>,
    /// Anthropic requires a value; [`DEFAULT_MAX_TOKENS`] is used there when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<u32>,
    /// Unset = the provider's default (some reasoning models accept no other value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f32>,
    /// Overrides the client's timeout for this call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<Duration>,
}

/// Used where a provider insists on a `max_tokens` and the caller gave none.
pub const DEFAULT_MAX_TOKENS: u32 = 4096;

impl ChatRequest {
    pub fn new(model: impl Into<String>, prompt: impl Into<String>) -> Self {
        Self {
            model: model.into(),
            system: None,
            messages: vec![ChatMessage::user(prompt)],
            max_tokens: None,
            temperature: None,
            timeout: None,
        }
    }

    pub fn with_system(mut self, system: impl Into<String>) -> Self {
        self.system = Some(system.into());
        self
    }
}

/// Why the model stopped, normalised across providers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "reason", content = "raw")]
pub enum FinishReason {
    /// It finished its answer.
    Stop,
    /// It hit `max_tokens`: the answer is truncated.
    Length,
    /// It called a tool (Anthropic structured output).
    ToolUse,
    /// A safety filter stopped it.
    ContentFilter,
    /// Anything else, verbatim.
    Other(String),
    Unknown,
}

impl FinishReason {
    pub(crate) fn from_raw(raw: Option<&str>) -> Self {
        match raw.map(str::to_ascii_lowercase).as_deref() {
            None | Some("") => FinishReason::Unknown,
            Some("stop" | "end_turn" | "stop_sequence" | "finish_reason_unspecified") => FinishReason::Stop,
            Some("length" | "max_tokens" | "model_context_window_exceeded") => FinishReason::Length,
            Some("tool_calls" | "tool_use" | "function_call") => FinishReason::ToolUse,
            Some("content_filter" | "safety" | "recitation" | "blocklist" | "prohibited_content" | "spii" | "refusal") => {
                FinishReason::ContentFilter
            }
            Some(other) => FinishReason::Other(other.to_owned()),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Usage {
    pub input_tokens: u32,
    pub output_tokens: u32,
}

impl Usage {
    pub fn total(&self) -> u32 {
        self.input_tokens.saturating_add(self.output_tokens)
    }

    pub(crate) fn add(a: Option<Usage>, b: Option<Usage>) -> Option<Usage> {
        match (a, b) {
            (Some(a), Some(b)) => Some(Usage {
                input_tokens: a.input_tokens.saturating_add(b.input_tokens),
                output_tokens: a.output_tokens.saturating_add(b.output_tokens),
            }),
            (a, b) => a.or(b),
        }
    }
}

/// The result of one chat call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChatResponse {
    pub provider: ProviderKind,
    pub text: String,
    /// The model that answered, as the provider names it (may be more specific than asked).
    pub model: String,
    /// Seed 000 `deriveModelKey(model)`: the key runs and artifacts are joined on.
    pub model_key: String,
    pub finish_reason: FinishReason,
    pub usage: Option<Usage>,
    /// Estimated from the price table when usage is known and the model is in it.
    pub cost: Option<CostEstimate>,
}

impl ChatResponse {
    pub fn usage_record(&self) -> Option<UsageRecord> {
        self.usage.map(|usage| UsageRecord {
            provider: self.provider,
            model: self.model.clone(),
            model_key: self.model_key.clone(),
            input_tokens: usage.input_tokens,
            output_tokens: usage.output_tokens,
            cost: self.cost.clone(),
        })
    }
}

/// The result of one embeddings call: one vector per input, in input order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmbeddingResponse {
    pub provider: ProviderKind,
    pub model: String,
    /// Seed 000 `deriveModelKey(model)`; embedding caches key on it.
    pub model_key: String,
    pub vectors: Vec<Vec<f32>>,
    pub usage: Option<Usage>,
    pub cost: Option<CostEstimate>,
}

/// What a run stores per LLM call (seed 000 runs record model keys per stage).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageRecord {
    pub provider: ProviderKind,
    pub model: String,
    pub model_key: String,
    pub input_tokens: u32,
    pub output_tokens: u32,
    pub cost: Option<CostEstimate>,
}

/// A JSON Schema for structured output. `name` is what OpenAI's `json_schema.name` and
/// Anthropic's tool name use: letters, digits, `_` and `-` only (other characters become `_`).
///
/// OpenAI, Azure and OpenRouter get it with `strict: true`, which only accepts schemas where
/// every object lists all its properties in `required` and sets `additionalProperties: false`
/// (optional fields are `"type": ["string", "null"]`). Write schemas that way; the other
/// providers accept them too (Gemini's copy is adapted automatically).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonSchema {
    pub name: String,
    pub schema: Value,
}

impl JsonSchema {
    pub fn new(name: impl Into<String>, schema: Value) -> Self {
        let name: String = name
            .into()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '_' })
            .take(64)
            .collect();
        Self { name: if name.is_empty() { "result".into() } else { name }, schema }
    }
}

/// The result of a structured call. Serialisable so a call performed in the Web Worker can
/// answer the page (`crate::remote`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Structured<T> {
    pub value: T,
    /// The response that produced `value` (after a repair, the repair's response).
    pub response: ChatResponse,
    /// Whether the first answer failed validation and the repair attempt fixed it.
    pub repaired: bool,
    /// Usage over both calls when a repair happened.
    pub total_usage: Option<Usage>,
    pub total_cost: Option<CostEstimate>,
}

/// Progress of a streaming call, passed to the caller's callback per text delta.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamDelta<'a> {
    pub text: &'a str,
    /// Characters received so far, this delta included.
    pub chars_so_far: usize,
    /// Deltas received so far, this one included.
    pub deltas: usize,
}

/// The outcome of checking a key (seed 001 `UserAPIKey.isValid` / `validationError`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyCheck {
    pub is_valid: bool,
    pub validation_error: Option<String>,
    /// Models the key can use, sorted; empty when the provider has no list.
    pub models: Vec<String>,
}
