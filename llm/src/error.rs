//! Every way a provider call can fail, as a value the UI can show as-is.
//!
//! Each `Display` is one or two sentences: what happened, then what the user can do. Provider
//! error texts are kept (they are often the most precise explanation) but clipped and passed
//! through `secret::redact` first, because some providers echo part of the key back.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::provider::ProviderKind;
use crate::secret::{redact, SecretString};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum LlmError {
    /// 401/403 (Gemini: 400 API_KEY_INVALID): the key is wrong, revoked, or lacks access.
    #[error("{} did not accept the API key (HTTP {status}{}). Check that the key is complete and still active in your {} account, paste it again in Settings, and retry.", provider.display_name(), detail_suffix(detail), provider.display_name())]
    Auth { provider: ProviderKind, status: u16, detail: Option<String> },

    /// 402, 429 `insufficient_quota`, Anthropic's "credit balance is too low".
    #[error("{} says this account has no credit left or has used up its quota{}. Add credit or raise the limit in the {} billing settings, or switch to another provider in Settings.", provider.display_name(), detail_suffix(detail), provider.display_name())]
    NoCredit { provider: ProviderKind, detail: Option<String> },

    /// 429 after the retries allowed by the policy were used up.
    #[error("{} is limiting how fast requests can be made{}. Wait a minute and try again, or run fewer jobs at once.", provider.display_name(), retry_suffix(retry_after))]
    RateLimited { provider: ProviderKind, retry_after: Option<Duration> },

    /// The model (or Azure deployment) does not exist for this key.
    #[error("{}", model_not_found(*provider, model))]
    ModelNotFound { provider: ProviderKind, model: String },

    /// A 404 on a non-model path: the base URL is probably wrong.
    #[error("{} answered “not found” for {path}. Check the base URL in Settings (OpenAI-compatible servers usually end in /v1).", provider.display_name())]
    EndpointNotFound { provider: ProviderKind, path: String },

    /// In the browser: the request failed without any HTTP status while the provider's host
    /// is reachable, which is what a CORS refusal looks like from inside a page.
    #[error("The browser blocked the request to {} (CORS): this provider does not accept calls from web pages at this address. Set a proxy URL for it in Settings, or use a provider that allows browser access.", provider.display_name())]
    Cors { provider: ProviderKind },

    /// Ollama answered 403: it refuses requests from origins not in `OLLAMA_ORIGINS`.
    #[error("Ollama refused the browser's origin. Start Ollama with OLLAMA_ORIGINS set to this site's address (for example OLLAMA_ORIGINS={}) and try again.", origin.as_deref().unwrap_or("https://fitted.example"))]
    OllamaOrigin { origin: Option<String> },

    /// No connection at all (offline, DNS, refused).
    #[error("Could not reach {} at {host}{}. {}, then try again.", provider.display_name(), detail_suffix(detail), network_hint(*provider))]
    Network { provider: ProviderKind, host: String, detail: Option<String> },

    #[error("{} did not answer within {}. Try again, choose a faster model, or allow more time in Settings.", provider.display_name(), seconds(*after))]
    Timeout { provider: ProviderKind, after: Duration },

    /// 5xx (and 408) after the retries allowed by the policy were used up.
    #[error("{} had a problem on its side (HTTP {status}{}). Nothing was changed; try again in a few minutes.", provider.display_name(), detail_suffix(detail))]
    Server { provider: ProviderKind, status: u16, detail: Option<String> },

    /// Any other 4xx: the provider rejected what we sent.
    #[error("{} rejected the request (HTTP {status}{}). Check the model and settings for this provider; if it keeps happening, report it to Fitted.", provider.display_name(), detail_suffix(detail))]
    BadRequest { provider: ProviderKind, status: u16, detail: Option<String> },

    /// A 3xx: redirects are not followed, because headers carrying the key would follow too.
    #[error("{} redirected the request to another address (HTTP {status}). Fitted does not follow redirects with your key; put the final address in the base URL in Settings.", provider.display_name())]
    Redirected { provider: ProviderKind, status: u16 },

    /// A 2xx whose body Fitted cannot read.
    #[error("{} sent a reply Fitted could not read ({detail}). Try again; if it keeps happening, choose another model.", provider.display_name())]
    BadResponse { provider: ProviderKind, detail: String },

    /// The model's JSON did not fit the expected structure, even after one repair attempt.
    #[error("The model's answer did not have the expected structure, even after asking it to correct itself ({detail}). Try again, or choose a more capable model in Settings.")]
    SchemaMismatch { detail: String },

    /// The stream ended before the provider's end-of-answer marker.
    #[error("The connection to {} dropped before the answer was complete ({received_chars} characters received). Try again.", provider.display_name())]
    StreamCut { provider: ProviderKind, received_chars: usize },

    /// The provider reported an error in the middle of a stream.
    #[error("{} stopped the answer with an error ({detail}). Try again in a moment.", provider.display_name())]
    StreamError { provider: ProviderKind, detail: String },

    #[error("The request was cancelled. Nothing was changed; start it again when you are ready.")]
    Cancelled,

    /// The key-host guard refused to attach a key to a request for another host.
    #[error("Fitted refused to send your {} API key to {host}, which is not the address configured for {} ({expected}). Check the base URL in Settings.", provider.display_name(), provider.display_name())]
    KeyHostMismatch { provider: ProviderKind, host: String, expected: String },

    /// The worker calls only known providers and this computer (`guard::WORKER_HOSTS`).
    #[error("Fitted does not send requests to {host}: it talks only to the known AI providers and to servers on this computer (localhost). Choose one of those for {} in Settings, or reach this server through a local proxy.", provider.display_name())]
    HostNotAllowed { provider: ProviderKind, host: String },

    /// The configuration cannot work (no key, no endpoint, a malformed URL…).
    #[error("{detail}")]
    Config { detail: String },

    /// The Web Worker that makes the calls (`crate::remote`) stopped, or the page and the
    /// worker are from different versions. `detail` says what to do.
    #[error("{detail}")]
    Engine { detail: String },

    /// The provider does not offer what was asked (e.g. embeddings on Anthropic).
    #[error("{} cannot {what}. Choose another provider for this task in Settings.", provider.display_name())]
    Unsupported { provider: ProviderKind, what: String },
}

impl LlmError {
    /// Whether trying the same call again later may succeed (used by the UI's "Retry").
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            LlmError::RateLimited { .. }
                | LlmError::Network { .. }
                | LlmError::Timeout { .. }
                | LlmError::Server { .. }
                | LlmError::StreamCut { .. }
                | LlmError::StreamError { .. }
                | LlmError::Engine { .. }
        )
    }
}

fn detail_suffix(detail: &Option<String>) -> String {
    // Provider texts end in a full stop; ours follows the closing parenthesis.
    match detail.as_deref().map(|d| d.trim().trim_end_matches('.')) {
        Some(d) if !d.is_empty() => format!(": {d}"),
        _ => String::new(),
    }
}

fn retry_suffix(retry_after: &Option<Duration>) -> String {
    match retry_after {
        Some(d) => format!(" and asked to wait {}", seconds(*d)),
        None => String::new(),
    }
}

/// "1 second", "30 seconds": rounded up, never "0 seconds".
fn seconds(d: Duration) -> String {
    match d.as_secs_f64().ceil().max(1.0) as u64 {
        1 => "1 second".into(),
        n => format!("{n} seconds"),
    }
}

fn network_hint(provider: ProviderKind) -> &'static str {
    match provider {
        ProviderKind::Ollama => "Check that Ollama is running on this computer (`ollama serve`) and its address in Settings",
        ProviderKind::OpenAiCompatible => "Check that the server at the base URL is running and the address in Settings",
        _ => "Check your internet connection and the base URL in Settings",
    }
}

fn model_not_found(provider: ProviderKind, model: &str) -> String {
    match provider {
        ProviderKind::Ollama => format!(
            "Ollama has no model “{model}” installed. Download it with `ollama pull {model}`, or choose an installed model in Settings."
        ),
        ProviderKind::AzureOpenAi => format!(
            "Azure OpenAI has no deployment “{model}” on this resource. Check the deployment name in Settings (it is the name you gave the deployment in Azure, not the model's name)."
        ),
        _ => format!(
            "{} has no model “{model}” available to this key. Choose another model in Settings (validating the key lists the models it can use).",
            provider.display_name()
        ),
    }
}

/// Shortens provider text for messages; on a char boundary, with an ellipsis.
pub(crate) fn clip(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max_chars).collect();
    format!("{}…", cut.trim_end())
}

/// What the failed request was for, which changes what a 404 means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op<'a> {
    Chat { model: &'a str },
    ListModels,
}

/// The provider's own error message and code, whatever its error body shape.
#[derive(Debug, Default)]
pub(crate) struct ProviderErrorBody {
    pub message: Option<String>,
    /// OpenAI `error.code`/`error.type`, Anthropic `error.type`, Gemini `error.status` and
    /// ErrorInfo reasons — lowercased, joined.
    pub codes: String,
    /// Gemini's RetryInfo `retryDelay`.
    pub retry_delay: Option<Duration>,
}

pub(crate) fn parse_error_body(body: &str) -> ProviderErrorBody {
    let mut out = ProviderErrorBody::default();
    let Ok(value) = serde_json::from_str::<Value>(body) else {
        let text = body.trim();
        if !text.is_empty() && !text.starts_with('<') {
            out.message = Some(text.to_owned());
        }
        return out;
    };
    let err = value.get("error").unwrap_or(&value);
    let mut codes = Vec::new();
    match err {
        Value::String(s) => out.message = Some(s.clone()), // Ollama: {"error": "…"}
        Value::Object(map) => {
            out.message = map.get("message").and_then(Value::as_str).map(str::to_owned);
            for key in ["code", "type", "status"] {
                match map.get(key) {
                    Some(Value::String(s)) => codes.push(s.to_lowercase()),
                    Some(Value::Number(n)) => codes.push(n.to_string()),
                    _ => {}
                }
            }
            if let Some(Value::Array(details)) = map.get("details") {
                for d in details {
                    if let Some(reason) = d.get("reason").and_then(Value::as_str) {
                        codes.push(reason.to_lowercase());
                    }
                    if let Some(delay) = d.get("retryDelay").and_then(Value::as_str) {
                        out.retry_delay = delay
                            .trim_end_matches('s')
                            .parse::<f64>()
                            .ok()
                            .filter(|s| s.is_finite() && *s >= 0.0)
                            .map(|s| Duration::from_secs_f64(s.min(86_400.0)));
                    }
                }
            }
        }
        _ => {}
    }
    out.codes = codes.join(" ");
    out
}

/// Maps a non-success HTTP answer to the error the user sees. `retry_after` is the parsed
/// header (or Gemini's RetryInfo) for 429s.
pub(crate) fn classify_status(
    provider: ProviderKind,
    status: u16,
    body: &str,
    op: Op<'_>,
    key: Option<&SecretString>,
    retry_after: Option<Duration>,
) -> LlmError {
    let parsed = parse_error_body(body);
    let detail = parsed.message.as_deref().map(|m| clip(&redact(m, key), 300)).filter(|m| !m.is_empty());
    let lower_msg = parsed.message.as_deref().unwrap_or("").to_lowercase();
    let codes = parsed.codes.as_str();
    let retry_after = retry_after.or(parsed.retry_delay);

    let no_credit = status == 402
        || codes.contains("insufficient_quota")
        || lower_msg.contains("credit balance")
        || lower_msg.contains("insufficient balance")
        || lower_msg.contains("insufficient credits")
        // Gemini says "check your plan and billing" both for per-minute and billing limits;
        // only the billing one comes without a RetryInfo delay.
        || (provider == ProviderKind::Gemini && status == 429 && lower_msg.contains("billing") && retry_after.is_none());
    if no_credit {
        return LlmError::NoCredit { provider, detail };
    }

    let auth_like = codes.contains("api_key_invalid")
        || codes.contains("invalid_api_key")
        || codes.contains("authentication_error")
        || lower_msg.contains("api key not valid")
        || lower_msg.contains("incorrect api key");

    match status {
        300..=399 => LlmError::Redirected { provider, status },
        403 if provider == ProviderKind::Ollama => LlmError::OllamaOrigin { origin: crate::browser::page_origin() },
        401 | 403 => LlmError::Auth { provider, status, detail },
        400 if auth_like => LlmError::Auth { provider, status, detail },
        404 | 400 | 422
            if matches!(op, Op::Chat { .. })
                && (status == 404
                    || codes.contains("model_not_found")
                    || (lower_msg.contains("model") && lower_msg.contains("not found"))
                    || lower_msg.contains("does not exist")) =>
        {
            let model = match op {
                Op::Chat { model } => model.to_owned(),
                Op::ListModels => String::new(),
            };
            // A 404 on chat without any model wording usually means a wrong base path; the
            // model is still the most likely thing for a user to change, so say that.
            LlmError::ModelNotFound { provider, model }
        }
        404 => LlmError::EndpointNotFound { provider, path: "the model list".into() },
        429 => LlmError::RateLimited { provider, retry_after },
        408 | 500..=599 => LlmError::Server { provider, status, detail },
        _ => LlmError::BadRequest { provider, status, detail },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chat() -> Op<'static> {
        Op::Chat { model: "gpt-x" }
    }

    #[test]
    fn openai_wrong_key_is_auth_without_the_key() {
        let key = SecretString::new("sk-proj-abcdefghijklmnop1234");
        let body = r#"{"error":{"message":"Incorrect API key provided: sk-proj-****************1234. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#;
        let err = classify_status(ProviderKind::OpenAi, 401, body, chat(), Some(&key), None);
        assert!(matches!(err, LlmError::Auth { status: 401, .. }), "{err:?}");
        let msg = err.to_string();
        assert!(msg.starts_with("OpenAI did not accept the API key (HTTP 401"), "{msg}");
        assert!(!msg.contains("1234") && !msg.contains("sk-proj"), "{msg}");
        assert!(msg.contains("account/api-keys). Check that the key"), "no doubled full stop: {msg}");
    }

    #[test]
    fn credit_and_quota_shapes() {
        let p = ProviderKind::OpenAi;
        let quota = r#"{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","code":"insufficient_quota"}}"#;
        assert!(matches!(classify_status(p, 429, quota, chat(), None, None), LlmError::NoCredit { .. }));
        let deepseek = r#"{"error":{"message":"Insufficient Balance","type":"unknown_error"}}"#;
        assert!(matches!(classify_status(ProviderKind::DeepSeek, 402, deepseek, chat(), None, None), LlmError::NoCredit { .. }));
        let anthropic = r#"{"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API."}}"#;
        assert!(matches!(classify_status(ProviderKind::Anthropic, 400, anthropic, chat(), None, None), LlmError::NoCredit { .. }));
        let gemini_rate = r#"{"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"7s"}]}}"#;
        assert_eq!(
            classify_status(ProviderKind::Gemini, 429, gemini_rate, chat(), None, None),
            LlmError::RateLimited { provider: ProviderKind::Gemini, retry_after: Some(Duration::from_secs(7)) }
        );
    }

    #[test]
    fn gemini_bad_key_is_a_400() {
        let body = r#"{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"reason":"API_KEY_INVALID"}]}}"#;
        assert!(matches!(classify_status(ProviderKind::Gemini, 400, body, Op::ListModels, None, None), LlmError::Auth { status: 400, .. }));
    }

    #[test]
    fn not_found_depends_on_the_operation() {
        let body = r#"{"error":"model \"llama9\" not found, try pulling it first"}"#;
        let err = classify_status(ProviderKind::Ollama, 404, body, Op::Chat { model: "llama9" }, None, None);
        assert_eq!(err, LlmError::ModelNotFound { provider: ProviderKind::Ollama, model: "llama9".into() });
        let err = classify_status(ProviderKind::OpenAiCompatible, 404, "404 page not found", Op::ListModels, None, None);
        assert!(matches!(err, LlmError::EndpointNotFound { .. }));
        assert!(err.to_string().contains("usually end in /v1"), "{err}");
    }

    #[test]
    fn model_messages_fit_the_provider() {
        let e = LlmError::ModelNotFound { provider: ProviderKind::Ollama, model: "llama9".into() };
        assert!(e.to_string().contains("`ollama pull llama9`"), "{e}");
        let e = LlmError::ModelNotFound { provider: ProviderKind::AzureOpenAi, model: "gpt4o".into() };
        assert!(e.to_string().contains("no deployment “gpt4o”"), "{e}");
        let e = LlmError::Network { provider: ProviderKind::Ollama, host: "localhost:11434".into(), detail: None };
        assert_eq!(e.to_string(), "Could not reach Ollama at localhost:11434. Check that Ollama is running on this computer (`ollama serve`) and its address in Settings, then try again.");
    }

    #[test]
    fn ollama_403_explains_origins() {
        let err = classify_status(ProviderKind::Ollama, 403, "", Op::ListModels, None, None);
        assert_eq!(
            err.to_string(),
            "Ollama refused the browser's origin. Start Ollama with OLLAMA_ORIGINS set to this site's address (for example OLLAMA_ORIGINS=https://fitted.example) and try again."
        );
    }

    #[test]
    fn other_statuses() {
        let p = ProviderKind::Anthropic;
        assert!(matches!(classify_status(p, 529, "{}", chat(), None, None), LlmError::Server { status: 529, .. }));
        assert!(matches!(classify_status(p, 302, "", chat(), None, None), LlmError::Redirected { .. }));
        assert!(matches!(classify_status(p, 400, r#"{"error":{"message":"bad"}}"#, chat(), None, None), LlmError::BadRequest { .. }));
        let err = classify_status(p, 429, "", chat(), None, Some(Duration::from_millis(1500)));
        assert!(err.to_string().contains("asked to wait 2 seconds"), "{err}");
        let err = LlmError::Timeout { provider: p, after: Duration::from_millis(300) };
        assert!(err.to_string().starts_with("Anthropic did not answer within 1 second. Try again"), "{err}");
    }

    #[test]
    fn messages_say_what_to_do() {
        let errors = [
            LlmError::Cancelled,
            LlmError::Timeout { provider: ProviderKind::Gemini, after: Duration::from_secs(30) },
            LlmError::Cors { provider: ProviderKind::AzureOpenAi },
            LlmError::StreamCut { provider: ProviderKind::OpenAi, received_chars: 12 },
            LlmError::SchemaMismatch { detail: "missing field `x`".into() },
            LlmError::Network { provider: ProviderKind::Ollama, host: "localhost:11434".into(), detail: None },
        ];
        for e in errors {
            let msg = e.to_string();
            assert!(msg.ends_with('.'), "{msg}");
            assert!(msg.split(". ").count() >= 2, "one sentence for what happened, one for what to do: {msg}");
        }
    }
}
