//! An LLM call as a message, so the page can ask and the Web Worker can call.
//!
//! Why: the page (the Leptos UI) then links none of the HTTP client, and every request to a
//! provider leaves from one place, the worker. The page builds a [`Call`], sends it through
//! the worker protocol (`fitted_core::protocol::Request::Llm`, as JSON, because core knows no
//! provider types), and turns the [`Outcome`] that comes back into the same types a direct
//! call returns.
//!
//! The key travels inside the call: a structured clone between two threads of one page,
//! never stored or logged. [`ProviderConfig`] itself never serialises its key, so the call
//! carries it in a field of its own that only this module writes.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::client::{ClientOptions, LlmClient};
use crate::error::LlmError;
use crate::provider::ProviderConfig;
use crate::rt::{cancellable, CancelToken};
use crate::secret::SecretString;
use crate::types::{ChatRequest, JsonSchema, KeyCheck, Structured};

/// One call for the worker to make.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Call {
    pub config: ProviderConfig,
    #[serde(default, with = "key_field")]
    key: Option<SecretString>,
    pub options: ClientOptions,
    pub what: What,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum What {
    /// Structured output ([`LlmClient::complete_json`]); streamed when `stream`, so the page
    /// can show the answer arriving.
    Json { request: ChatRequest, schema: JsonSchema, stream: bool },
    /// [`crate::validate_key`].
    ValidateKey,
}

/// What a call gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Answer {
    /// The answer, checked against the schema (the page checks it against its type).
    Json(Structured<Value>),
    Key(KeyCheck),
}

/// A call's result as it crosses the worker boundary: errors keep their type.
pub type Outcome = Result<Answer, LlmError>;

impl Call {
    /// A call for `config`, with time limits suited to where its model runs
    /// ([`ClientOptions::suited_to`]).
    pub fn new(mut config: ProviderConfig, what: What) -> Self {
        let options = ClientOptions::suited_to(&config);
        let key = config.api_key.take();
        Self { config, key, options, what }
    }

    /// The call as JSON for the worker protocol. The key is in it: send it to the worker and
    /// nowhere else.
    pub fn to_message(&self) -> Result<Value, LlmError> {
        serde_json::to_value(self).map_err(|e| LlmError::Config { detail: format!("The request could not be prepared ({e}).") })
    }

    /// The call the page sent.
    pub fn from_message(value: Value) -> Result<Self, LlmError> {
        serde_json::from_value(value).map_err(|e| LlmError::Engine {
            detail: format!("The engine received a model request it does not understand ({e}). Reload the page to update Fitted."),
        })
    }

    /// Makes the call. `on_chars` hears how many characters of a streamed answer have
    /// arrived; `cancel` aborts the request.
    pub async fn perform(self, cancel: &CancelToken, on_chars: &mut dyn FnMut(usize)) -> Outcome {
        let Call { mut config, key, options, what } = self;
        config.api_key = key;
        crate::guard::check_worker_host(&config)?;
        match what {
            What::ValidateKey => Ok(Answer::Key(cancellable(cancel, async { Ok(crate::validate_key(&config).await) }).await?)),
            What::Json { request, schema, stream } => {
                let client = LlmClient::with_options(config, options)?;
                let answer = if stream {
                    let mut on_delta = |d: crate::StreamDelta<'_>| on_chars(d.chars_so_far);
                    cancellable(cancel, client.complete_json_streamed::<Value>(&request, &schema, &mut on_delta)).await?
                } else {
                    cancellable(cancel, client.complete_json::<Value>(&request, &schema)).await?
                };
                Ok(Answer::Json(answer))
            }
        }
    }
}

/// The outcome as JSON for the worker protocol.
pub fn outcome_to_message(outcome: &Outcome) -> Value {
    serde_json::to_value(outcome).unwrap_or_else(|e| {
        serde_json::to_value(Outcome::Err(LlmError::Engine { detail: format!("The answer could not be passed on ({e}). Try again.") })).unwrap_or_default()
    })
}

/// The outcome the worker sent.
pub fn outcome_from_message(value: Value) -> Outcome {
    serde_json::from_value(value).unwrap_or_else(|e| {
        Err(LlmError::Engine { detail: format!("The engine's answer could not be read ({e}). Reload the page to update Fitted.") })
    })
}

impl Answer {
    /// A structured answer as `T`. The worker checked it against the schema; an answer that
    /// matches the schema but not `T` is a `SchemaMismatch`, as from a direct call.
    pub fn into_structured<T: DeserializeOwned>(self) -> Result<Structured<T>, LlmError> {
        let Answer::Json(s) = self else {
            return Err(LlmError::Engine { detail: "The engine answered a different request. Try again.".into() });
        };
        let value = serde_json::from_value::<T>(s.value).map_err(|e| LlmError::SchemaMismatch { detail: e.to_string() })?;
        Ok(Structured { value, response: s.response, repaired: s.repaired, total_usage: s.total_usage, total_cost: s.total_cost })
    }

    pub fn into_key_check(self) -> Result<KeyCheck, LlmError> {
        match self {
            Answer::Key(k) => Ok(k),
            Answer::Json(_) => Err(LlmError::Engine { detail: "The engine answered a different request. Try again.".into() }),
        }
    }
}

/// The call's own key field: written in clear only here (see the module docs).
mod key_field {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::secret::SecretString;

    pub fn serialize<S: Serializer>(value: &Option<SecretString>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(k) => serializer.serialize_some(k.expose_secret()),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<SecretString>, D::Error> {
        Ok(Option::<String>::deserialize(deserializer)?.map(SecretString::new))
    }
}
