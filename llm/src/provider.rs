//! Providers Fitted knows, and the per-user configuration of one.
//!
//! `ProviderKind` extends seed 001's `AIModelProvider` (DEEPSEEK, AZURE_OPENAI) with the other
//! providers a browser app can call, using the same SCREAMING_SNAKE_CASE spelling on the wire
//! so a stored `UserAPIKey.provider` reads back unchanged.

use serde::{Deserialize, Serialize};

use crate::error::LlmError;
use crate::secret::SecretString;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ProviderKind {
    #[serde(rename = "OPENAI")]
    OpenAi,
    Anthropic,
    #[serde(rename = "AZURE_OPENAI")]
    AzureOpenAi,
    #[serde(rename = "DEEPSEEK")]
    DeepSeek,
    Gemini,
    #[serde(rename = "OPENROUTER")]
    OpenRouter,
    Ollama,
    /// Any server speaking OpenAI's chat completions at a base URL the user gives
    /// (LM Studio, vLLM, Groq, Mistral, a proxy).
    #[serde(rename = "OPENAI_COMPATIBLE")]
    OpenAiCompatible,
}

impl ProviderKind {
    pub const ALL: [ProviderKind; 8] = [
        ProviderKind::OpenAi,
        ProviderKind::Anthropic,
        ProviderKind::AzureOpenAi,
        ProviderKind::DeepSeek,
        ProviderKind::Gemini,
        ProviderKind::OpenRouter,
        ProviderKind::Ollama,
        ProviderKind::OpenAiCompatible,
    ];

    /// The name users know the provider by, used in every message about it.
    pub fn display_name(self) -> &'static str {
        self.info().name
    }

    pub fn info(self) -> &'static ProviderInfo {
        // The table is indexed by the same order as `ALL`.
        let index = ProviderKind::ALL.iter().position(|k| *k == self).unwrap_or(0);
        &KNOWN_PROVIDERS[index]
    }

    /// Which of the wire formats this provider speaks.
    pub(crate) fn wire(self) -> Wire {
        match self {
            ProviderKind::Anthropic => Wire::Anthropic,
            ProviderKind::Gemini => Wire::Gemini,
            ProviderKind::Ollama => Wire::Ollama,
            _ => Wire::OpenAi,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wire {
    OpenAi,
    Anthropic,
    Gemini,
    Ollama,
}

/// How a provider can be asked for JSON that matches a schema, best mechanism first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum StructuredOutput {
    /// `response_format: {type: "json_schema", json_schema: {name, schema, strict: true}}`.
    JsonSchema,
    /// `response_format: {type: "json_object"}`; the schema goes into the prompt.
    JsonObject,
    /// A tool whose `input_schema` is the schema, forced with `tool_choice`.
    ForcedTool,
    /// `generationConfig.responseMimeType = application/json` + `responseSchema`.
    ResponseSchema,
    /// Ollama's `format: <schema>`.
    FormatSchema,
    /// Only the schema in the prompt, no `response_format`: the fallback for a server that
    /// refuses the mechanism it claims (LM Studio rejects `json_object`).
    PromptOnly,
}

/// How to list a provider's models (the cheapest call that proves a key works).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ModelListing {
    /// `GET {base}/models` → `{data: [{id}]}` (OpenAI, DeepSeek, OpenRouter, compatible servers).
    OpenAiModels,
    /// `GET {base}/v1/models` with Anthropic headers → `{data: [{id}]}`.
    AnthropicModels,
    /// `GET {base}/models` → `{models: [{name: "models/…"}]}`.
    GeminiModels,
    /// `GET {base}/api/tags` → `{models: [{name}]}`.
    OllamaTags,
    /// No list the key can read (Azure deployments are named by the user): validation sends
    /// a one-token completion instead.
    None,
}

/// Default models per task; also the shape of the user's choice per task.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskModels {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tailoring: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embeddings: Option<String>,
}

/// Static facts about a provider (the "known providers" table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProviderInfo {
    pub kind: ProviderKind,
    pub name: &'static str,
    /// `None` where the user must give one (Azure endpoint, OpenAI-compatible base URL).
    pub default_base_url: Option<&'static str>,
    pub model_listing: ModelListing,
    pub structured_output: StructuredOutput,
    pub needs_api_key: bool,
    /// Azure: endpoint + deployment + api-version.
    pub needs_endpoint: bool,
    /// Whether the provider answers browser (CORS) requests directly. Where it does not, the
    /// UI should suggest a proxy URL in the base-URL field.
    pub browser_cors: bool,
    /// Typed defaults, for providers without a model list or to preselect one.
    pub default_rubric_model: Option<&'static str>,
    pub default_tailoring_model: Option<&'static str>,
    pub default_embeddings_model: Option<&'static str>,
}

impl ProviderInfo {
    pub fn default_models(&self) -> TaskModels {
        TaskModels {
            rubric: self.default_rubric_model.map(str::to_owned),
            tailoring: self.default_tailoring_model.map(str::to_owned),
            embeddings: self.default_embeddings_model.map(str::to_owned),
        }
    }
}

/// Default Azure OpenAI data-plane API version: the 2024-10-21 GA release is the first GA
/// version with `json_schema` structured outputs.
pub const AZURE_DEFAULT_API_VERSION: &str = "2024-10-21";

/// Anthropic's API version header value.
pub const ANTHROPIC_VERSION: &str = "2023-06-01";

/// The known providers, in `ProviderKind::ALL` order. Model names are the providers' public
/// names as of 2025; users can type any other.
pub static KNOWN_PROVIDERS: [ProviderInfo; 8] = [
    ProviderInfo {
        kind: ProviderKind::OpenAi,
        name: "OpenAI",
        default_base_url: Some("https://api.openai.com/v1"),
        model_listing: ModelListing::OpenAiModels,
        structured_output: StructuredOutput::JsonSchema,
        needs_api_key: true,
        needs_endpoint: false,
        browser_cors: true,
        default_rubric_model: Some("gpt-4.1-mini"),
        default_tailoring_model: Some("gpt-4.1"),
        default_embeddings_model: Some("text-embedding-3-small"),
    },
    ProviderInfo {
        kind: ProviderKind::Anthropic,
        name: "Anthropic",
        default_base_url: Some("https://api.anthropic.com"),
        model_listing: ModelListing::AnthropicModels,
        structured_output: StructuredOutput::ForcedTool,
        needs_api_key: true,
        needs_endpoint: false,
        browser_cors: true,
        default_rubric_model: Some("claude-haiku-4-5"),
        default_tailoring_model: Some("claude-sonnet-4-5"),
        default_embeddings_model: None,
    },
    ProviderInfo {
        kind: ProviderKind::AzureOpenAi,
        name: "Azure OpenAI",
        default_base_url: None,
        model_listing: ModelListing::None,
        structured_output: StructuredOutput::JsonSchema,
        needs_api_key: true,
        needs_endpoint: true,
        browser_cors: false,
        default_rubric_model: None,
        default_tailoring_model: None,
        default_embeddings_model: None,
    },
    ProviderInfo {
        kind: ProviderKind::DeepSeek,
        name: "DeepSeek",
        default_base_url: Some("https://api.deepseek.com"),
        model_listing: ModelListing::OpenAiModels,
        structured_output: StructuredOutput::JsonObject,
        needs_api_key: true,
        needs_endpoint: false,
        browser_cors: true,
        default_rubric_model: Some("deepseek-chat"),
        default_tailoring_model: Some("deepseek-chat"),
        default_embeddings_model: None,
    },
    ProviderInfo {
        kind: ProviderKind::Gemini,
        name: "Google Gemini",
        default_base_url: Some("https://generativelanguage.googleapis.com/v1beta"),
        model_listing: ModelListing::GeminiModels,
        structured_output: StructuredOutput::ResponseSchema,
        needs_api_key: true,
        needs_endpoint: false,
        browser_cors: true,
        default_rubric_model: Some("gemini-2.5-flash"),
        default_tailoring_model: Some("gemini-2.5-pro"),
        default_embeddings_model: Some("text-embedding-004"),
    },
    ProviderInfo {
        kind: ProviderKind::OpenRouter,
        name: "OpenRouter",
        default_base_url: Some("https://openrouter.ai/api/v1"),
        model_listing: ModelListing::OpenAiModels,
        structured_output: StructuredOutput::JsonSchema,
        needs_api_key: true,
        needs_endpoint: false,
        browser_cors: true,
        default_rubric_model: Some("openai/gpt-4.1-mini"),
        default_tailoring_model: Some("anthropic/claude-sonnet-4.5"),
        default_embeddings_model: None,
    },
    ProviderInfo {
        kind: ProviderKind::Ollama,
        name: "Ollama",
        default_base_url: Some("http://localhost:11434"),
        model_listing: ModelListing::OllamaTags,
        structured_output: StructuredOutput::FormatSchema,
        needs_api_key: false,
        needs_endpoint: false,
        // Only when started with OLLAMA_ORIGINS including this site.
        browser_cors: false,
        default_rubric_model: Some("llama3.1:8b"),
        default_tailoring_model: Some("llama3.1:8b"),
        default_embeddings_model: Some("nomic-embed-text"),
    },
    ProviderInfo {
        kind: ProviderKind::OpenAiCompatible,
        name: "OpenAI-compatible server",
        default_base_url: None,
        model_listing: ModelListing::OpenAiModels,
        structured_output: StructuredOutput::JsonObject,
        needs_api_key: false,
        needs_endpoint: false,
        browser_cors: false,
        default_rubric_model: None,
        default_tailoring_model: None,
        default_embeddings_model: None,
    },
];

/// One provider as the user configured it. Serialises without the key (see `secret`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderConfig {
    pub provider: ProviderKind,
    /// Overrides the provider's default base URL (a proxy, LM Studio's `http://localhost:1234/v1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    #[serde(default, skip_serializing)]
    pub api_key: Option<SecretString>,
    /// Azure OpenAI resource endpoint, e.g. `https://my-resource.openai.azure.com`
    /// (seed 001 `UserAPIKey.endpoint`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// Azure OpenAI deployment used when a request names no model, and for key validation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment: Option<String>,
    /// Azure OpenAI `api-version`; defaults to [`AZURE_DEFAULT_API_VERSION`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// The user's model per task; unset tasks fall back to the provider's defaults.
    #[serde(default)]
    pub models: TaskModels,
}

impl ProviderConfig {
    pub fn new(provider: ProviderKind) -> Self {
        Self {
            provider,
            base_url: None,
            api_key: None,
            endpoint: None,
            deployment: None,
            api_version: None,
            models: TaskModels::default(),
        }
    }

    pub fn with_key(mut self, key: impl Into<SecretString>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    pub fn with_base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The model for a task: the user's choice, else the provider's default, else (Azure, chat
    /// tasks) the deployment — an embeddings deployment is always a separate one.
    pub fn model_for(&self, task: Task) -> Option<String> {
        let info = self.provider.info();
        let (chosen, default) = match task {
            Task::Rubric => (&self.models.rubric, info.default_rubric_model),
            Task::Tailoring => (&self.models.tailoring, info.default_tailoring_model),
            Task::Embeddings => (&self.models.embeddings, info.default_embeddings_model),
        };
        chosen
            .clone()
            .filter(|m| !m.trim().is_empty())
            .or_else(|| default.map(str::to_owned))
            .or_else(|| self.deployment.clone().filter(|d| !d.trim().is_empty() && task != Task::Embeddings))
    }

    /// The base URL every request of this provider is built on, without a trailing slash.
    /// Keys are only ever sent to this origin (see `guard`).
    pub fn effective_base_url(&self) -> Result<String, LlmError> {
        let name = self.provider.display_name();
        let raw = match self.provider {
            ProviderKind::AzureOpenAi => self
                .endpoint
                .clone()
                .or_else(|| self.base_url.clone())
                .filter(|s| !s.trim().is_empty())
                .ok_or_else(|| LlmError::Config {
                    detail: "Azure OpenAI needs the resource endpoint (like https://my-resource.openai.azure.com). Enter it in Settings.".into(),
                })?,
            _ => self
                .base_url
                .clone()
                .filter(|s| !s.trim().is_empty())
                .or_else(|| self.provider.info().default_base_url.map(str::to_owned))
                .ok_or_else(|| LlmError::Config {
                    detail: format!("{name} needs a base URL (like http://localhost:1234/v1). Enter it in Settings."),
                })?,
        };
        let trimmed = raw.trim().trim_end_matches('/').to_owned();
        match reqwest::Url::parse(&trimmed) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.host_str().is_some() => Ok(trimmed),
            _ => Err(LlmError::Config {
                detail: format!(
                    "The address “{}” for {name} is not a valid http(s) URL. Correct it in Settings (for example https://api.example.com/v1).",
                    crate::error::clip(&trimmed, 120)
                ),
            }),
        }
    }

    /// Checks what a call needs before any request is made, so the user hears about a missing
    /// key or endpoint directly rather than as an HTTP error.
    pub fn check_complete(&self) -> Result<(), LlmError> {
        let info = self.provider.info();
        self.effective_base_url()?;
        if info.needs_api_key && self.api_key.as_ref().is_none_or(SecretString::is_empty) {
            return Err(LlmError::Config {
                detail: format!("No API key is set for {}. Paste your key in Settings.", info.name),
            });
        }
        Ok(())
    }
}

/// What a model is used for (seed 000 runs record a model per task).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Task {
    Rubric,
    Tailoring,
    Embeddings,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_all_order() {
        for kind in ProviderKind::ALL {
            assert_eq!(kind.info().kind, kind);
        }
    }

    #[test]
    fn serde_matches_seed_001_spelling_and_skips_the_key() {
        let config = ProviderConfig::new(ProviderKind::AzureOpenAi).with_key("secret-azure-key-123456");
        let json = serde_json::to_string(&config).unwrap();
        assert!(json.contains("\"provider\":\"AZURE_OPENAI\""), "{json}");
        assert!(!json.contains("secret-azure-key"), "{json}");
        assert_eq!(serde_json::to_string(&ProviderKind::DeepSeek).unwrap(), "\"DEEPSEEK\"");
        let back: ProviderConfig =
            serde_json::from_str(r#"{"provider":"OPENAI","apiKey":" sk-1 ","models":{"rubric":"gpt-4o-mini"}}"#).unwrap();
        assert_eq!(back.api_key.unwrap().expose_secret(), "sk-1");
        assert_eq!(back.models.rubric.as_deref(), Some("gpt-4o-mini"));
    }

    #[test]
    fn base_url_rules() {
        let c = ProviderConfig::new(ProviderKind::OpenAi);
        assert_eq!(c.effective_base_url().unwrap(), "https://api.openai.com/v1");
        let c = ProviderConfig::new(ProviderKind::OpenAiCompatible).with_base_url("http://localhost:1234/v1/");
        assert_eq!(c.effective_base_url().unwrap(), "http://localhost:1234/v1");
        let err = ProviderConfig::new(ProviderKind::OpenAiCompatible).effective_base_url().unwrap_err();
        assert!(err.to_string().contains("needs a base URL"), "{err}");
        let err = ProviderConfig::new(ProviderKind::AzureOpenAi).effective_base_url().unwrap_err();
        assert!(err.to_string().contains("endpoint"), "{err}");
        let err = ProviderConfig::new(ProviderKind::OpenAi).with_base_url("ftp://x").effective_base_url().unwrap_err();
        assert!(err.to_string().contains("not a valid http(s) URL"), "{err}");
        let err = ProviderConfig::new(ProviderKind::OpenAi).check_complete().unwrap_err();
        assert!(err.to_string().contains("No API key is set for OpenAI"), "{err}");
        assert!(ProviderConfig::new(ProviderKind::Ollama).check_complete().is_ok());
    }

    #[test]
    fn model_for_falls_back_to_defaults_then_deployment() {
        let mut c = ProviderConfig::new(ProviderKind::OpenAi);
        assert_eq!(c.model_for(Task::Rubric).as_deref(), Some("gpt-4.1-mini"));
        c.models.rubric = Some("gpt-4o".into());
        assert_eq!(c.model_for(Task::Rubric).as_deref(), Some("gpt-4o"));
        let mut az = ProviderConfig::new(ProviderKind::AzureOpenAi);
        assert_eq!(az.model_for(Task::Tailoring), None);
        az.deployment = Some("my-gpt4o".into());
        assert_eq!(az.model_for(Task::Tailoring).as_deref(), Some("my-gpt4o"));
        assert_eq!(az.model_for(Task::Embeddings), None);
    }
}
