//! Fitted's LLM provider layer: one client for every provider a browser app can call with
//! the user's own key, compiled natively (tests, CLI) and to wasm32 (the browser, where
//! reqwest uses `fetch`).
//!
//! - [`ProviderConfig`] + [`LlmClient`]: chat ([`LlmClient::chat`]), streaming
//!   ([`LlmClient::chat_stream`]), structured output with one repair attempt
//!   ([`LlmClient::complete_json`]), embeddings ([`LlmClient::embed`]), model lists, and
//!   [`validate_key`].
//! - Every failure is an [`LlmError`] whose message tells the user what happened and what to do.
//! - Keys live in [`SecretString`], go only into the auth header of requests to their own
//!   provider's base URL ([`check_key_destination`]), and never into messages or logs.
//! - 429/408/5xx are retried with bounded exponential backoff honouring `retry-after`
//!   ([`RetryPolicy`]); every attempt has a timeout; [`cancellable`] + [`CancelToken`] abort.
//! - [`remote`]: a call as a message, so the Web Worker makes every call for the page.
//! - Responses carry seed 000's `model_key` and, where priced, a dated [`CostEstimate`].

mod browser;
mod client;
pub mod cost;
mod error;
pub mod guard;
pub mod provider;
pub mod remote;
pub mod retry;
pub mod rt;
pub mod schema;
pub mod secret;
pub mod sse;
mod types;
mod wire;

pub use client::{validate_key, ClientOptions, LlmClient};
pub use cost::{estimate_cost, CostEstimate, PRICES_AS_OF};
pub use error::LlmError;
pub use guard::check_key_destination;
pub use provider::{
    ModelListing, ProviderConfig, ProviderInfo, ProviderKind, StructuredOutput, Task, TaskModels, KNOWN_PROVIDERS,
};
pub use retry::RetryPolicy;
pub use rt::{cancellable, CancelToken};
pub use secret::SecretString;
pub use types::{
    ChatMessage, ChatRequest, ChatResponse, EmbeddingResponse, FinishReason, JsonSchema, KeyCheck, Role, StreamDelta, Structured, Usage,
    UsageRecord, DEFAULT_MAX_TOKENS,
};
