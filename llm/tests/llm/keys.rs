//! Key validation, and key hygiene asserted from the server's side: each key reaches only
//! its own provider's host, only in its auth header, and nowhere else.

use fitted_llm::{check_key_destination, validate_key, ChatRequest, JsonSchema, LlmClient, LlmError, ProviderKind};
use serde_json::{json, Value};

use crate::support::{all_providers, default_model, fast_options, key_for, TestServer};

/// Where each provider carries its key.
fn auth_header(kind: ProviderKind) -> &'static str {
    match kind {
        ProviderKind::Anthropic => "x-api-key",
        ProviderKind::AzureOpenAi => "api-key",
        ProviderKind::Gemini => "x-goog-api-key",
        _ => "authorization",
    }
}

#[tokio::test]
async fn valid_keys_list_models_with_the_cheapest_call() {
    let server = TestServer::start();
    for (kind, key) in all_providers() {
        let before = server.requests().await.len();
        let check = validate_key(&server.config(kind, key)).await;
        assert!(check.is_valid, "{kind:?}: {:?}", check.validation_error);
        assert_eq!(check.validation_error, None);
        let reqs = server.requests().await;
        let calls: Vec<(String, String)> = reqs[before..]
            .iter()
            .map(|r| (r["method"].as_str().unwrap().to_owned(), r["url"].as_str().unwrap().to_owned()))
            .collect();
        let expected: Vec<(&str, &str)> = match kind {
            ProviderKind::OpenAi | ProviderKind::OpenAiCompatible => vec![("GET", "/v1/models")],
            ProviderKind::Anthropic => vec![("GET", "/v1/models?limit=1000")],
            ProviderKind::Gemini => vec![("GET", "/v1beta/models?pageSize=1000")],
            ProviderKind::Ollama => vec![("GET", "/api/tags")],
            ProviderKind::DeepSeek => vec![("GET", "/models")],
            // The model list is public at OpenRouter; /key is what proves the key.
            ProviderKind::OpenRouter => vec![("GET", "/api/v1/key"), ("GET", "/api/v1/models")],
            // Azure has no list the key can read: a one-token completion on the deployment.
            ProviderKind::AzureOpenAi => vec![("POST", "/openai/deployments/fitted-gpt4o/chat/completions?api-version=2024-10-21")],
        };
        let expected: Vec<(String, String)> = expected.into_iter().map(|(m, u)| (m.to_owned(), u.to_owned())).collect();
        assert_eq!(calls, expected, "{kind:?}");
        if kind == ProviderKind::AzureOpenAi {
            assert_eq!(check.models, vec!["fitted-gpt4o"]);
            assert_eq!(reqs.last().unwrap()["json"]["max_completion_tokens"], json!(1));
        } else {
            assert!(!check.models.is_empty(), "{kind:?}");
        }
    }
}

#[tokio::test]
async fn invalid_keys_say_why() {
    let server = TestServer::start();
    for (kind, key) in all_providers() {
        let Some(key) = key else { continue };
        server.script(json!([{"scenario": "auth"}])).await;
        let check = validate_key(&server.config(kind, Some(key))).await;
        assert!(!check.is_valid, "{kind:?}");
        assert!(check.models.is_empty());
        let msg = check.validation_error.unwrap();
        assert!(msg.contains("did not accept the API key"), "{kind:?}: {msg}");
        assert!(!msg.contains(key) && !msg.contains(&key[key.len() - 4..]), "{msg}");
    }
    // The server's convenience rule for browser tests: a key containing "invalid" is refused.
    let check = validate_key(&server.config(ProviderKind::OpenAi, Some("sk-invalid-0000000000000000"))).await;
    assert!(!check.is_valid);

    // Missing pieces are reported before any request.
    let before = server.requests().await.len();
    let check = validate_key(&server.config(ProviderKind::OpenAi, None)).await;
    assert_eq!(check.validation_error.as_deref(), Some("No API key is set for OpenAI. Paste your key in Settings."));
    let mut azure = server.config(ProviderKind::AzureOpenAi, Some("k"));
    azure.deployment = None;
    let check = validate_key(&azure).await;
    assert!(check.validation_error.unwrap().contains("needs a deployment name"));
    azure.endpoint = None;
    let check = validate_key(&azure).await;
    assert!(check.validation_error.unwrap().starts_with("Azure OpenAI needs the resource endpoint"));
    assert_eq!(server.requests().await.len(), before, "nothing was sent");

    // No credit, quota and rate limits are reported as such.
    server.script(json!([{"scenario": "no-credit"}])).await;
    let check = validate_key(&server.config(ProviderKind::DeepSeek, Some("sk-d"))).await;
    assert!(check.validation_error.unwrap().contains("no credit left"));
    // A compatible server without /models: fall back to a one-token completion when a model is set.
    server.script(json!([{"scenario": "not-found"}])).await;
    let mut compat = server.config(ProviderKind::OpenAiCompatible, None);
    compat.models.tailoring = Some("local-model".into());
    let check = validate_key(&compat).await;
    assert!(check.is_valid, "{:?}", check.validation_error);
    assert_eq!(check.models, vec!["local-model"]);
}

#[tokio::test]
async fn keys_reach_only_their_own_provider_host() {
    // Two hosts: providers A live on one, providers B on the other, as two real providers would.
    let host_a = TestServer::start();
    let host_b = TestServer::start();
    let group_a = [ProviderKind::OpenAi, ProviderKind::Gemini, ProviderKind::AzureOpenAi, ProviderKind::OpenRouter];
    let group_b = [ProviderKind::Anthropic, ProviderKind::DeepSeek, ProviderKind::OpenAiCompatible, ProviderKind::Ollama];
    let schema = JsonSchema::new("r", json!({"type": "object", "required": ["ok"], "properties": {"ok": {"type": "boolean"}}}));
    for (kinds, server) in [(group_a, &host_a), (group_b, &host_b)] {
        for kind in kinds {
            let key = Some(key_for(kind)).filter(|k| !k.is_empty());
            let client = server.client(kind, key);
            let req = ChatRequest::new(default_model(kind), "hi");
            client.chat(&req).await.unwrap();
            client.chat_stream(&req, |_| {}).await.unwrap();
            server.script(json!([{"scenario": "reply", "json": {"ok": true}}])).await;
            client.complete_json::<Value>(&req, &schema).await.unwrap();
            assert!(validate_key(client.config()).await.is_valid, "{kind:?}");
        }
    }
    for (kinds, server, other) in [(group_a, &host_a, &host_b), (group_b, &host_b, &host_a)] {
        let own = server.requests().await;
        let foreign = other.requests().await;
        assert!(own.len() >= 16, "{}", own.len());
        for kind in kinds {
            let key = key_for(kind);
            if key.is_empty() {
                continue;
            }
            for r in &foreign {
                assert!(!r.to_string().contains(key), "{kind:?}'s key reached the other host: {r}");
            }
            for r in &own {
                let text = r.to_string();
                if !text.contains(key) {
                    continue;
                }
                // Only in the auth header, never in the URL or the body.
                let header = r["headers"][auth_header(kind)].as_str().unwrap_or("");
                assert!(header == key || header == format!("Bearer {key}"), "{kind:?}: {r}");
                assert!(!r["url"].as_str().unwrap().contains(key) && !r["body"].as_str().unwrap().contains(key), "{kind:?}: {r}");
                // And only on that provider's own paths (several providers share this test host).
                let path = r["path"].as_str().unwrap();
                let own_path = match kind {
                    ProviderKind::OpenAi | ProviderKind::OpenAiCompatible => path.starts_with("/v1/"),
                    ProviderKind::Gemini => path.starts_with("/v1beta/"),
                    ProviderKind::AzureOpenAi => path.starts_with("/openai/deployments/"),
                    ProviderKind::OpenRouter => path.starts_with("/api/v1/"),
                    ProviderKind::Anthropic => path.starts_with("/v1/"),
                    ProviderKind::DeepSeek => path == "/chat/completions" || path == "/models",
                    ProviderKind::Ollama => false,
                };
                assert!(own_path, "{kind:?}'s key went to {path}");
            }
        }
        // Ollama takes no key: its requests carry no auth header at all.
        for r in own.iter().filter(|r| r["path"].as_str().unwrap().starts_with("/api/") && !r["path"].as_str().unwrap().starts_with("/api/v1")) {
            for h in ["authorization", "x-api-key", "api-key", "x-goog-api-key"] {
                assert!(r["headers"][h].is_null(), "{r}");
            }
        }
    }
}

#[tokio::test]
async fn the_guard_refuses_foreign_hosts() {
    let server = TestServer::start();
    let config = server.config(ProviderKind::OpenAi, Some(key_for(ProviderKind::OpenAi)));
    assert!(check_key_destination(&config, &server.url("/v1/models")).is_ok());
    let other = format!("http://127.0.0.1:{}/v1/models", server.port.wrapping_add(1));
    let err = check_key_destination(&config, &other).unwrap_err();
    assert!(matches!(err, LlmError::KeyHostMismatch { .. }), "{err:?}");
    assert!(!err.to_string().contains(key_for(ProviderKind::OpenAi)));
    let err = check_key_destination(&config, &format!("http://localhost:{}/v1/models", server.port)).unwrap_err();
    assert!(err.to_string().contains("Fitted refused to send your OpenAI API key to http://localhost:"), "{err}");
}

#[test]
fn debug_output_never_contains_keys() {
    let key = key_for(ProviderKind::OpenAi);
    let config = fitted_llm::ProviderConfig::new(ProviderKind::OpenAi).with_key(key);
    let client = LlmClient::with_options(config.clone(), fast_options()).unwrap();
    for text in [format!("{config:?}"), format!("{client:?}"), format!("{:#?}", client), serde_json::to_string(&config).unwrap()] {
        assert!(!text.contains(key) && !text.contains("OPENAIkey"), "{text}");
    }
}
