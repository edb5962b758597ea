//! The one client: transport, key headers, retries, timeouts, streaming, structured output
//! and key validation, the same for every provider (the wire modules only shape bodies).

use std::pin::pin;
use std::time::Duration;

use futures_util::StreamExt;
use reqwest::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::cost::{estimate_cost, CostEstimate};
use crate::error::{classify_status, clip, LlmError, Op};
use crate::guard::{check_key_destination, host_of};
use crate::provider::{ModelListing, ProviderConfig, ProviderKind, Task, ANTHROPIC_VERSION};
use crate::retry::{parse_retry_after, retryable_status, RetryPolicy};
use crate::rt;
use crate::schema::{extract_json, repair_instruction, validate};
use crate::secret::{redact, SecretString};
use crate::types::{ChatMessage, ChatRequest, ChatResponse, EmbeddingResponse, FinishReason, JsonSchema, KeyCheck, StreamDelta, Structured, Usage};
use crate::wire::{self, Parsed, StreamFault};

/// Time limits and retry bounds for a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientOptions {
    /// Per attempt: until the whole answer (or, streaming, the response headers) arrived.
    pub timeout: Duration,
    /// Streaming: the longest silence between two chunks before giving up.
    pub stream_idle_timeout: Duration,
    pub retry: RetryPolicy,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self { timeout: Duration::from_secs(120), stream_idle_timeout: Duration::from_secs(60), retry: RetryPolicy::default() }
    }
}

impl ClientOptions {
    /// The defaults, with room for a model on this machine: Ollama, or any server on
    /// localhost, gets ten minutes per answer and five of silence mid-stream, because a large
    /// local model can take several minutes (peers' users hit a 240-second limit there).
    pub fn suited_to(config: &ProviderConfig) -> Self {
        let base = config.base_url.as_deref().unwrap_or_default();
        let local = config.provider == ProviderKind::Ollama || ["://localhost", "://127.0.0.1", "://[::1]"].iter().any(|h| base.contains(h));
        let mut options = Self::default();
        if local {
            options.timeout = Duration::from_secs(600);
            options.stream_idle_timeout = Duration::from_secs(300);
        }
        options
    }
}

/// A client for one configured provider. Cheap to clone; clones share connections.
#[derive(Debug, Clone)]
pub struct LlmClient {
    config: ProviderConfig,
    base: String,
    http: reqwest::Client,
    options: ClientOptions,
}

enum Read {
    Text,
    Stream,
}

enum Answer {
    Text(String),
    Stream(reqwest::Response),
}

enum Attempt {
    Done(Answer),
    Failed { status: u16, body: String, retry_after: Option<Duration> },
}

/// Checks a key with the cheapest call its provider offers; never fails, the outcome is the
/// value (seed 001 `isValid` / `validationError`, plus the models the key can use).
pub async fn validate_key(config: &ProviderConfig) -> KeyCheck {
    match LlmClient::new(config.clone()) {
        Ok(client) => client.validate_key().await,
        Err(e) => KeyCheck { is_valid: false, validation_error: Some(e.to_string()), models: Vec::new() },
    }
}

impl LlmClient {
    pub fn new(config: ProviderConfig) -> Result<Self, LlmError> {
        Self::with_options(config, ClientOptions::default())
    }

    pub fn with_options(config: ProviderConfig, options: ClientOptions) -> Result<Self, LlmError> {
        let base = config.effective_base_url()?;
        Ok(Self { config, base, http: build_http()?, options })
    }

    pub fn config(&self) -> &ProviderConfig {
        &self.config
    }

    pub fn options(&self) -> &ClientOptions {
        &self.options
    }

    fn provider(&self) -> ProviderKind {
        self.config.provider
    }

    fn key(&self) -> Option<&SecretString> {
        self.config.api_key.as_ref().filter(|k| !k.is_empty())
    }

    // ───────────────────────────── public calls ─────────────────────────────

    /// One chat completion.
    pub async fn chat(&self, req: &ChatRequest) -> Result<ChatResponse, LlmError> {
        self.chat_inner(req, None, false).await
    }

    /// One chat completion, streamed: `on_delta` sees each piece of text as it arrives.
    /// Dropping the returned future (or cancelling it through [`crate::cancellable`]) aborts
    /// the request. Retries happen only before the first byte of the answer.
    pub async fn chat_stream<F>(&self, req: &ChatRequest, on_delta: F) -> Result<ChatResponse, LlmError>
    where
        F: FnMut(StreamDelta<'_>),
    {
        self.chat_streamed(req, None, false, on_delta).await
    }

    /// The streaming exchange, with or without a structured-output schema.
    async fn chat_streamed<F>(&self, req: &ChatRequest, schema: Option<&JsonSchema>, prompt_only: bool, mut on_delta: F) -> Result<ChatResponse, LlmError>
    where
        F: FnMut(StreamDelta<'_>),
    {
        self.config.check_complete()?;
        let model = self.resolve_model(req)?;
        let call = wire::chat_call(&self.config, &self.base, &model, req, schema, true, prompt_only);
        let timeout = req.timeout.unwrap_or(self.options.timeout);
        let resp = match self.exchange(Method::POST, &call.url, Some(&call.body), Op::Chat { model: &model }, timeout, Read::Stream, &self.options.retry).await? {
            Answer::Stream(resp) => resp,
            Answer::Text(_) => return Err(self.bad_response("the answer was not a stream")),
        };
        let mut decoder = wire::decoder(self.provider().wire());
        let mut body = pin!(resp.bytes_stream());
        let (mut chars, mut count) = (0usize, 0usize);
        let idle = self.options.stream_idle_timeout;
        loop {
            match rt::timeout(idle, body.next()).await {
                None => return Err(LlmError::Timeout { provider: self.provider(), after: idle }),
                Some(None) => break,
                Some(Some(Err(_))) => return Err(LlmError::StreamCut { provider: self.provider(), received_chars: chars }),
                Some(Some(Ok(bytes))) => {
                    let deltas = decoder.feed(&bytes).map_err(|f| self.stream_fault(f, chars))?;
                    for d in deltas {
                        chars += d.chars().count();
                        count += 1;
                        on_delta(StreamDelta { text: &d, chars_so_far: chars, deltas: count });
                    }
                }
            }
        }
        let parsed = decoder.finish().map_err(|f| self.stream_fault(f, chars))?;
        Ok(self.response(parsed, &model))
    }

    /// A chat call whose answer must be JSON matching `schema` and deserialise into `T`.
    ///
    /// Uses the provider's strongest mechanism (see `StructuredOutput`), checks the answer
    /// against the schema and `T`, and if that fails asks the model once to correct itself,
    /// quoting the problem. A second failure is `SchemaMismatch`.
    pub async fn complete_json<T: DeserializeOwned>(&self, req: &ChatRequest, schema: &JsonSchema) -> Result<Structured<T>, LlmError> {
        self.structured(req, schema, None).await
    }

    /// [`Self::complete_json`], streamed: `on_delta` sees the answer arrive (and, after a
    /// failed first answer, the repair's), so a long wait can show that the model is writing.
    /// Validation and the one repair are the same; only the transport differs.
    pub async fn complete_json_streamed<T: DeserializeOwned>(
        &self,
        req: &ChatRequest,
        schema: &JsonSchema,
        on_delta: &mut dyn FnMut(StreamDelta<'_>),
    ) -> Result<Structured<T>, LlmError> {
        self.structured(req, schema, Some(on_delta)).await
    }

    async fn structured<T: DeserializeOwned>(
        &self,
        req: &ChatRequest,
        schema: &JsonSchema,
        mut on_delta: Option<&mut dyn FnMut(StreamDelta<'_>)>,
    ) -> Result<Structured<T>, LlmError> {
        let first = self.one_structured(req, schema, on_delta.as_mut().map(|f| &mut **f as &mut dyn FnMut(StreamDelta<'_>))).await?;
        let problem = match interpret::<T>(&first, schema) {
            Ok(value) => {
                return Ok(Structured {
                    value,
                    total_usage: first.usage,
                    total_cost: first.cost.clone(),
                    response: first,
                    repaired: false,
                })
            }
            Err(problem) => problem,
        };
        let mut repair = req.clone();
        repair.messages.push(ChatMessage::assistant(first.text.clone()));
        repair.messages.push(ChatMessage::user(repair_instruction(&problem)));
        let second = self.one_structured(&repair, schema, on_delta).await?;
        let total_usage = Usage::add(first.usage, second.usage);
        let total_cost = CostEstimate::add(first.cost.clone(), second.cost.clone());
        match interpret::<T>(&second, schema) {
            Ok(value) => Ok(Structured { value, response: second, repaired: true, total_usage, total_cost }),
            Err(problem) => Err(LlmError::SchemaMismatch { detail: clip(&problem, 300) }),
        }
    }

    /// One structured answer. A server that refuses the provider's JSON mode (a 400 or 422
    /// that names `response_format`, as LM Studio does for `json_object`) is asked once more
    /// with the schema in the prompt only.
    async fn one_structured(&self, req: &ChatRequest, schema: &JsonSchema, mut on_delta: Option<&mut dyn FnMut(StreamDelta<'_>)>) -> Result<ChatResponse, LlmError> {
        let mut prompt_only = false;
        loop {
            let outcome = match on_delta.as_mut() {
                Some(f) => self.chat_streamed(req, Some(schema), prompt_only, &mut **f).await,
                None => self.chat_inner(req, Some(schema), prompt_only).await,
            };
            match outcome {
                Err(LlmError::BadRequest { status: 400 | 422, detail: Some(d), .. })
                    if !prompt_only && self.provider().wire() == crate::provider::Wire::OpenAi && d.to_lowercase().contains("response_format") =>
                {
                    prompt_only = true;
                }
                other => return other,
            }
        }
    }

    /// Embeds `inputs` (one vector each, in order). An empty `model` means the config's
    /// embeddings model. Anthropic and DeepSeek offer no embeddings: `Unsupported`.
    pub async fn embed(&self, model: &str, inputs: &[String]) -> Result<EmbeddingResponse, LlmError> {
        self.config.check_complete()?;
        let model = match model.trim() {
            "" => self.config.model_for(Task::Embeddings).ok_or_else(|| LlmError::Config {
                detail: format!("No embeddings model is chosen for {}. Pick one in Settings.", self.provider().display_name()),
            })?,
            m => m.to_owned(),
        };
        let finish = |vectors: Vec<Vec<f32>>, reported: Option<String>, usage: Option<Usage>| {
            let model = reported.filter(|m| !m.trim().is_empty()).unwrap_or_else(|| model.clone());
            EmbeddingResponse {
                provider: self.provider(),
                model_key: fitted_core::model::derive_model_key(&model),
                cost: usage.and_then(|u| estimate_cost(self.provider(), &model, u)),
                model,
                vectors,
                usage,
            }
        };
        if inputs.is_empty() {
            return Ok(finish(Vec::new(), None, None));
        }
        let call = wire::embed_call(&self.config, &self.base, &model, inputs)
            .ok_or_else(|| LlmError::Unsupported { provider: self.provider(), what: "create embeddings".into() })?;
        let body = match self.exchange(Method::POST, &call.url, Some(&call.body), Op::Chat { model: &model }, self.options.timeout, Read::Text, &self.options.retry).await? {
            Answer::Text(body) => body,
            Answer::Stream(_) => return Err(self.bad_response("unexpected stream")),
        };
        let parsed = wire::parse_embeddings(self.provider().wire(), &body).map_err(|d| self.bad_response(&d))?;
        if parsed.vectors.len() != inputs.len() {
            return Err(self.bad_response(&format!("{} vectors came back for {} texts", parsed.vectors.len(), inputs.len())));
        }
        Ok(finish(parsed.vectors, parsed.model, parsed.usage))
    }

    /// The models this key can use, sorted.
    pub async fn list_models(&self) -> Result<Vec<String>, LlmError> {
        self.list_models_with(&self.options.retry).await
    }

    /// Checks the key (see [`validate_key`]).
    pub async fn validate_key(&self) -> KeyCheck {
        match self.check_key().await {
            Ok(models) => KeyCheck { is_valid: true, validation_error: None, models },
            Err(e) => KeyCheck { is_valid: false, validation_error: Some(e.to_string()), models: Vec::new() },
        }
    }

    // ───────────────────────────── internals ─────────────────────────────

    async fn check_key(&self) -> Result<Vec<String>, LlmError> {
        self.config.check_complete()?;
        // A Settings page waits on this: do not sit through a long retry schedule.
        let policy = RetryPolicy { max_attempts: self.options.retry.max_attempts.min(2), ..self.options.retry };
        match self.provider() {
            ProviderKind::AzureOpenAi => {
                let deployment = self.config.deployment.clone().filter(|d| !d.trim().is_empty()).ok_or_else(|| LlmError::Config {
                    detail: "Azure OpenAI needs a deployment name to check the key (the name you gave the model in Azure AI Foundry). Enter it in Settings.".into(),
                })?;
                self.ping(&deployment, &policy).await?;
                Ok(vec![deployment])
            }
            ProviderKind::OpenRouter => {
                // OpenRouter's model list is public, so only /key proves the key.
                let url = format!("{}/key", self.base);
                self.get_json(&url, &policy).await?;
                self.list_models_with(&policy).await
            }
            ProviderKind::OpenAiCompatible => match self.list_models_with(&policy).await {
                Err(LlmError::EndpointNotFound { .. }) if self.fallback_model().is_some() => {
                    let model = self.fallback_model().unwrap_or_default();
                    self.ping(&model, &policy).await?;
                    Ok(vec![model])
                }
                other => other,
            },
            _ => self.list_models_with(&policy).await,
        }
    }

    fn fallback_model(&self) -> Option<String> {
        self.config.model_for(Task::Tailoring).or_else(|| self.config.model_for(Task::Rubric))
    }

    /// The cheapest completion: one token.
    async fn ping(&self, model: &str, policy: &RetryPolicy) -> Result<(), LlmError> {
        let req = ChatRequest { max_tokens: Some(1), ..ChatRequest::new(model, "ping") };
        let call = wire::chat_call(&self.config, &self.base, model, &req, None, false, false);
        self.exchange(Method::POST, &call.url, Some(&call.body), Op::Chat { model }, self.options.timeout, Read::Text, policy).await?;
        Ok(())
    }

    async fn list_models_with(&self, policy: &RetryPolicy) -> Result<Vec<String>, LlmError> {
        self.config.check_complete()?;
        let base = &self.base;
        let url = match self.provider().info().model_listing {
            ModelListing::OpenAiModels => format!("{base}/models"),
            ModelListing::AnthropicModels => format!("{base}/v1/models?limit=1000"),
            ModelListing::GeminiModels => format!("{base}/models?pageSize=1000"),
            ModelListing::OllamaTags => format!("{base}/api/tags"),
            ModelListing::None => {
                return Err(LlmError::Unsupported {
                    provider: self.provider(),
                    what: "list its models (deployments are named by you in Azure)".into(),
                })
            }
        };
        let value = self.get_json(&url, policy).await?;
        if value.get("data").is_none() && value.get("models").is_none() {
            return Err(self.bad_response("the reply has no model list"));
        }
        Ok(wire::parse_models(&value))
    }

    async fn get_json(&self, url: &str, policy: &RetryPolicy) -> Result<Value, LlmError> {
        match self.exchange(Method::GET, url, None, Op::ListModels, self.options.timeout, Read::Text, policy).await? {
            Answer::Text(body) => serde_json::from_str(&body).map_err(|e| self.bad_response(&format!("the body is not valid JSON: {e}"))),
            Answer::Stream(_) => Err(self.bad_response("unexpected stream")),
        }
    }

    fn resolve_model(&self, req: &ChatRequest) -> Result<String, LlmError> {
        let m = req.model.trim();
        if !m.is_empty() {
            return Ok(m.to_owned());
        }
        let fallback = match self.provider() {
            ProviderKind::AzureOpenAi => self.config.deployment.clone().filter(|d| !d.trim().is_empty()),
            _ => self.config.model_for(Task::Tailoring),
        };
        fallback.ok_or_else(|| LlmError::Config {
            detail: format!("No model is chosen for {}. Pick one in Settings.", self.provider().display_name()),
        })
    }

    async fn chat_inner(&self, req: &ChatRequest, schema: Option<&JsonSchema>, prompt_only: bool) -> Result<ChatResponse, LlmError> {
        self.config.check_complete()?;
        let model = self.resolve_model(req)?;
        let call = wire::chat_call(&self.config, &self.base, &model, req, schema, false, prompt_only);
        let timeout = req.timeout.unwrap_or(self.options.timeout);
        let body = match self.exchange(Method::POST, &call.url, Some(&call.body), Op::Chat { model: &model }, timeout, Read::Text, &self.options.retry).await? {
            Answer::Text(body) => body,
            Answer::Stream(_) => return Err(self.bad_response("unexpected stream")),
        };
        let parsed = wire::parse_chat(self.provider().wire(), &body).map_err(|d| self.bad_response(&d))?;
        Ok(self.response(parsed, &model))
    }

    fn response(&self, parsed: Parsed, requested_model: &str) -> ChatResponse {
        let model = parsed.model.filter(|m| !m.trim().is_empty()).unwrap_or_else(|| requested_model.to_owned());
        let cost = parsed.usage.and_then(|u| estimate_cost(self.provider(), &model, u));
        ChatResponse {
            provider: self.provider(),
            text: parsed.text,
            model_key: fitted_core::model::derive_model_key(&model),
            model,
            finish_reason: FinishReason::from_raw(parsed.finish.as_deref()),
            usage: parsed.usage,
            cost,
        }
    }

    fn bad_response(&self, detail: &str) -> LlmError {
        LlmError::BadResponse { provider: self.provider(), detail: clip(&redact(detail, self.key()), 300) }
    }

    fn stream_fault(&self, fault: StreamFault, chars: usize) -> LlmError {
        match fault {
            StreamFault::Cut => LlmError::StreamCut { provider: self.provider(), received_chars: chars },
            StreamFault::Error(d) => LlmError::StreamError { provider: self.provider(), detail: clip(&redact(&d, self.key()), 300) },
            StreamFault::Malformed(d) => self.bad_response(&d),
        }
    }

    /// One logical call: attempts with retries, each bounded by `timeout`.
    #[allow(clippy::too_many_arguments)]
    async fn exchange(
        &self,
        method: Method,
        url: &str,
        body: Option<&Value>,
        op: Op<'_>,
        timeout: Duration,
        read: Read,
        policy: &RetryPolicy,
    ) -> Result<Answer, LlmError> {
        let mut attempt = 0u32;
        let mut waited = Duration::ZERO;
        loop {
            attempt += 1;
            let outcome = rt::timeout(timeout, self.attempt(method.clone(), url, body, &read)).await;
            let (status, text, retry_after) = match outcome {
                None => return Err(LlmError::Timeout { provider: self.provider(), after: timeout }),
                Some(Err(e)) => return Err(e),
                Some(Ok(Attempt::Done(answer))) => return Ok(answer),
                Some(Ok(Attempt::Failed { status, body, retry_after })) => (status, body, retry_after),
            };
            let error = classify_status(self.provider(), status, &text, op, self.key(), retry_after);
            // A quota or credit refusal arrives as a 429 too, but waiting does not fix it.
            let may_retry = retryable_status(status) && !matches!(error, LlmError::NoCredit { .. });
            let hinted = match &error {
                LlmError::RateLimited { retry_after, .. } => *retry_after,
                _ => retry_after,
            };
            match policy.next_delay(attempt, hinted, waited).filter(|_| may_retry) {
                Some(delay) => {
                    rt::sleep(delay).await;
                    waited += delay;
                }
                None => return Err(error),
            }
        }
    }

    async fn attempt(&self, method: Method, url: &str, body: Option<&Value>, read: &Read) -> Result<Attempt, LlmError> {
        let request = self.request(method, url, body)?;
        let resp = match request.send().await {
            Ok(resp) => resp,
            Err(e) => return Err(self.transport_error(e).await),
        };
        // In the browser fetch() follows redirects itself; refuse an answer from elsewhere.
        check_key_destination(&self.config, resp.url().as_str()).or_else(|e| if self.key().is_none() { Ok(()) } else { Err(e) })?;
        let status = resp.status().as_u16();
        if (200..300).contains(&status) {
            return Ok(Attempt::Done(match read {
                Read::Stream => Answer::Stream(resp),
                Read::Text => match resp.text().await {
                    Ok(text) => Answer::Text(text),
                    Err(_) => return Err(LlmError::StreamCut { provider: self.provider(), received_chars: 0 }),
                },
            }));
        }
        let retry_after = resp
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, rt::now_unix_ms()));
        // The body of an error explains it; if it cannot be read, the status still does.
        let body = resp.text().await.unwrap_or_default();
        Ok(Attempt::Failed { status, body, retry_after })
    }

    /// The only place a key is attached to a request — after the host guard agreed.
    fn request(&self, method: Method, url: &str, body: Option<&Value>) -> Result<reqwest::RequestBuilder, LlmError> {
        let mut rb = self.http.request(method, url);
        if let Some(key) = self.key() {
            check_key_destination(&self.config, url)?;
            let (name, value) = auth_header(self.provider(), key)?;
            rb = rb.header(name, value);
        }
        if self.provider() == ProviderKind::Anthropic {
            rb = rb
                .header("anthropic-version", ANTHROPIC_VERSION)
                // Anthropic refuses browser (CORS) calls without this opt-in.
                .header("anthropic-dangerous-direct-browser-access", "true");
        }
        if let Some(body) = body {
            let bytes = serde_json::to_vec(body).map_err(|e| LlmError::Config { detail: format!("The request could not be encoded ({e}). Report this to Fitted.") })?;
            rb = rb.header(CONTENT_TYPE, "application/json").body(bytes);
        }
        Ok(rb)
    }

    async fn transport_error(&self, err: reqwest::Error) -> LlmError {
        let provider = self.provider();
        let host = host_of(&self.base);
        if err.is_timeout() {
            return LlmError::Timeout { provider, after: self.options.timeout };
        }
        #[cfg(target_arch = "wasm32")]
        {
            if !crate::browser::online() {
                return LlmError::Network { provider, host, detail: Some("the browser is offline".into()) };
            }
            if crate::browser::host_reachable(&self.base).await {
                return if provider == ProviderKind::Ollama {
                    LlmError::OllamaOrigin { origin: crate::browser::page_origin() }
                } else {
                    LlmError::Cors { provider }
                };
            }
            let detail = if crate::browser::cross_origin_isolated() {
                "no answer reached this page: the server may be down, or the browser may have blocked it (CORS)"
            } else {
                "the server did not respond"
            };
            LlmError::Network { provider, host, detail: Some(detail.into()) }
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            LlmError::Network { provider, host, detail: Some(describe(&err)) }
        }
    }
}

/// The innermost cause of a transport error ("Connection refused (os error 111)"); reqwest's
/// own top-level text is generic. URLs are stripped, keys never appear in these errors.
#[cfg(not(target_arch = "wasm32"))]
fn describe(err: &reqwest::Error) -> String {
    let mut source: Option<&dyn std::error::Error> = Some(err);
    let mut last = String::new();
    while let Some(e) = source {
        last = e.to_string();
        source = e.source();
    }
    clip(&last, 200)
}

fn auth_header(provider: ProviderKind, key: &SecretString) -> Result<(HeaderName, HeaderValue), LlmError> {
    let (name, value) = match provider {
        ProviderKind::Anthropic => ("x-api-key", key.expose_secret().to_owned()),
        ProviderKind::AzureOpenAi => ("api-key", key.expose_secret().to_owned()),
        ProviderKind::Gemini => ("x-goog-api-key", key.expose_secret().to_owned()),
        _ => ("authorization", format!("Bearer {}", key.expose_secret())),
    };
    let mut value = HeaderValue::from_str(&value).map_err(|_| LlmError::Config {
        detail: format!(
            "The API key for {} contains characters that cannot be sent (such as spaces or line breaks inside it). Paste it again in Settings.",
            provider.display_name()
        ),
    })?;
    // Marks the value so HTTP libraries redact it in their own debug output.
    value.set_sensitive(true);
    Ok((HeaderName::from_static(name), value))
}

fn build_http() -> Result<reqwest::Client, LlmError> {
    let builder = reqwest::Client::builder();
    // Never follow redirects natively: reqwest would forward x-api-key / api-key headers to
    // the new host (it only strips Authorization). A 3xx becomes `Redirected`.
    #[cfg(not(target_arch = "wasm32"))]
    let builder = builder.redirect(reqwest::redirect::Policy::none());
    builder.build().map_err(|_| LlmError::Config { detail: "The HTTP client could not start. Reload the page and try again.".into() })
}

/// Validates one answer: JSON → schema → `T`. The error text is what the repair prompt quotes.
fn interpret<T: DeserializeOwned>(resp: &ChatResponse, schema: &JsonSchema) -> Result<T, String> {
    let truncated = resp.finish_reason == FinishReason::Length;
    let value = extract_json(&resp.text).map_err(|e| {
        if truncated {
            format!("{e}; the answer was cut off at the token limit, so keep it shorter")
        } else {
            e
        }
    })?;
    validate(&value, &schema.schema)?;
    serde_json::from_value(value).map_err(|e| format!("it does not fit the expected structure: {e}"))
}
