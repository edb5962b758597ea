//! Each provider's request shape (URL, headers, body) and response parsing, JSON and
//! streamed, checked from the server's side against the real wire formats.

use fitted_llm::{ChatMessage, ChatRequest, FinishReason, ProviderKind, Usage, PRICES_AS_OF};
use serde_json::{json, Value};

use crate::support::{all_providers, default_model, key_for, TestServer};

const DEFAULT_TEXT: &str = "Hello from the Fitted test server — résumé ✓.";

fn request(kind: ProviderKind) -> ChatRequest {
    ChatRequest {
        model: default_model(kind).into(),
        system: Some("You are terse.".into()),
        messages: vec![ChatMessage::user("Say hello."), ChatMessage::assistant("Hello."), ChatMessage::user("Again.")],
        max_tokens: Some(64),
        temperature: Some(0.5),
        timeout: None,
    }
}

fn header<'a>(req: &'a Value, name: &str) -> Option<&'a str> {
    req["headers"][name].as_str()
}

/// The URL, auth header and body every provider must send for `request(kind)`.
fn assert_shape(kind: ProviderKind, req: &Value, stream: bool) {
    let key = key_for(kind);
    let url = req["url"].as_str().unwrap();
    let body = &req["json"];
    assert_eq!(req["method"], "POST", "{kind:?}");
    assert_eq!(header(req, "content-type"), Some("application/json"), "{kind:?}");
    let openai_messages = json!([
        {"role": "system", "content": "You are terse."},
        {"role": "user", "content": "Say hello."},
        {"role": "assistant", "content": "Hello."},
        {"role": "user", "content": "Again."}
    ]);
    match kind {
        ProviderKind::OpenAi | ProviderKind::DeepSeek | ProviderKind::OpenRouter | ProviderKind::OpenAiCompatible | ProviderKind::AzureOpenAi => {
            let expected_url = match kind {
                ProviderKind::OpenAi | ProviderKind::OpenAiCompatible => "/v1/chat/completions",
                ProviderKind::DeepSeek => "/chat/completions",
                ProviderKind::OpenRouter => "/api/v1/chat/completions",
                _ => "/openai/deployments/fitted-gpt4o/chat/completions?api-version=2024-10-21",
            };
            assert_eq!(url, expected_url, "{kind:?}");
            if kind == ProviderKind::AzureOpenAi {
                assert_eq!(header(req, "api-key"), Some(key));
                assert_eq!(header(req, "authorization"), None);
            } else {
                assert_eq!(header(req, "authorization"), Some(format!("Bearer {key}").as_str()), "{kind:?}");
            }
            assert_eq!(body["model"], json!(default_model(kind)));
            assert_eq!(body["messages"], openai_messages, "{kind:?}");
            assert_eq!(body["temperature"], json!(0.5));
            let max_field = if matches!(kind, ProviderKind::OpenAi | ProviderKind::AzureOpenAi) { "max_completion_tokens" } else { "max_tokens" };
            assert_eq!(body[max_field], json!(64), "{kind:?}");
            assert_eq!(body["stream"], if stream { json!(true) } else { Value::Null });
            let wants_usage = stream && kind != ProviderKind::OpenAiCompatible;
            assert_eq!(body["stream_options"], if wants_usage { json!({"include_usage": true}) } else { Value::Null }, "{kind:?}");
        }
        ProviderKind::Anthropic => {
            assert_eq!(url, "/v1/messages");
            assert_eq!(header(req, "x-api-key"), Some(key));
            assert_eq!(header(req, "anthropic-version"), Some("2023-06-01"));
            assert_eq!(header(req, "anthropic-dangerous-direct-browser-access"), Some("true"));
            assert_eq!(header(req, "authorization"), None);
            let mut expected = json!({
                "model": "claude-haiku-4-5",
                "max_tokens": 64,
                "system": "You are terse.",
                "messages": [
                    {"role": "user", "content": "Say hello."},
                    {"role": "assistant", "content": "Hello."},
                    {"role": "user", "content": "Again."}
                ],
                "temperature": 0.5
            });
            if stream {
                expected["stream"] = json!(true);
            }
            assert_eq!(body, &expected);
        }
        ProviderKind::Gemini => {
            let expected_url = if stream {
                "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"
            } else {
                "/v1beta/models/gemini-2.5-flash:generateContent"
            };
            assert_eq!(url, expected_url);
            assert_eq!(header(req, "x-goog-api-key"), Some(key));
            assert_eq!(req["query"].get("key"), None, "the key never goes in the URL");
            assert_eq!(
                body,
                &json!({
                    "systemInstruction": {"parts": [{"text": "You are terse."}]},
                    "contents": [
                        {"role": "user", "parts": [{"text": "Say hello."}]},
                        {"role": "model", "parts": [{"text": "Hello."}]},
                        {"role": "user", "parts": [{"text": "Again."}]}
                    ],
                    "generationConfig": {"maxOutputTokens": 64, "temperature": 0.5}
                })
            );
        }
        ProviderKind::Ollama => {
            assert_eq!(url, "/api/chat");
            assert_eq!(header(req, "authorization"), None);
            assert_eq!(
                body,
                &json!({
                    "model": "llama3.1:8b",
                    "messages": openai_messages,
                    "stream": stream,
                    "options": {"temperature": 0.5, "num_predict": 64}
                })
            );
        }
    }
}

#[tokio::test]
async fn every_provider_chat_json() {
    let server = TestServer::start();
    for (kind, key) in all_providers() {
        let client = server.client(kind, key);
        let resp = client.chat(&request(kind)).await.unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_shape(kind, &server.last_request().await, false);
        assert_eq!(resp.text, DEFAULT_TEXT, "{kind:?}");
        assert_eq!(resp.provider, kind);
        assert_eq!(resp.model, default_model(kind), "{kind:?}");
        assert_eq!(resp.model_key, fitted_core::model::derive_model_key(default_model(kind)));
        assert_eq!(resp.usage, Some(Usage { input_tokens: 12, output_tokens: 9 }), "{kind:?}");
        assert_eq!(resp.finish_reason, FinishReason::Stop, "{kind:?}");
    }
}

#[tokio::test]
async fn every_provider_chat_stream() {
    let server = TestServer::start();
    for (kind, key) in all_providers() {
        let client = server.client(kind, key);
        let mut deltas: Vec<String> = Vec::new();
        let mut last_progress = (0, 0);
        let resp = client
            .chat_stream(&request(kind), |d| {
                deltas.push(d.text.to_owned());
                assert!(d.chars_so_far > last_progress.0 && d.deltas == last_progress.1 + 1, "progress grows");
                last_progress = (d.chars_so_far, d.deltas);
            })
            .await
            .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_shape(kind, &server.last_request().await, true);
        assert_eq!(deltas.len(), 9, "{kind:?}: one delta per chunk: {deltas:?}");
        assert_eq!(deltas.concat(), DEFAULT_TEXT, "{kind:?}");
        assert_eq!(resp.text, DEFAULT_TEXT, "{kind:?}");
        assert_eq!(last_progress.0, DEFAULT_TEXT.chars().count());
        assert_eq!(resp.finish_reason, FinishReason::Stop, "{kind:?}");
        assert_eq!(resp.model_key, fitted_core::model::derive_model_key(default_model(kind)), "{kind:?}");
        // Generic compatible servers are not asked for stream usage (they may not know the option).
        let expected_usage = (kind != ProviderKind::OpenAiCompatible).then_some(Usage { input_tokens: 12, output_tokens: 9 });
        assert_eq!(resp.usage, expected_usage, "{kind:?}");
    }
}

#[tokio::test]
async fn usage_cost_and_model_keys() {
    let server = TestServer::start();
    // OpenAI: priced model.
    let resp = server.client(ProviderKind::OpenAi, Some(key_for(ProviderKind::OpenAi))).chat(&ChatRequest::new("gpt-4o-mini", "hi")).await.unwrap();
    let cost = resp.cost.clone().expect("gpt-4o-mini is priced");
    assert!((cost.usd - (12.0 * 0.15 + 9.0 * 0.60) / 1e6).abs() < 1e-12, "{}", cost.usd);
    assert_eq!(cost.prices_as_of, PRICES_AS_OF);
    assert!(cost.is_estimate);
    let record = resp.usage_record().unwrap();
    assert_eq!((record.input_tokens, record.output_tokens, record.model_key.as_str()), (12, 9, "gpt-4o-mini"));

    // Azure answers with the underlying model name: the key and the price follow it.
    server.script(json!([{"scenario": "ok", "model": "gpt-4o-2024-08-06"}])).await;
    let resp = server.client(ProviderKind::AzureOpenAi, Some(key_for(ProviderKind::AzureOpenAi))).chat(&ChatRequest::new("", "hi")).await.unwrap();
    assert_eq!(resp.model, "gpt-4o-2024-08-06");
    assert_eq!(resp.model_key, "gpt-4o-2024-08-06");
    assert!(resp.cost.is_some());
    assert_eq!(server.last_request().await["path"], "/openai/deployments/fitted-gpt4o/chat/completions", "empty model = the config's deployment");

    // Seed 000's rule on awkward names; unknown models get no cost.
    server.script(json!([{"scenario": "ok", "model": "Qwen2.5 7B:Instruct"}])).await;
    let resp = server.client(ProviderKind::OpenAiCompatible, None).chat(&ChatRequest::new("x", "hi")).await.unwrap();
    assert_eq!(resp.model_key, "qwen2-5-7b-instruct");
    assert_eq!(resp.cost, None);
    assert!(resp.usage.is_some(), "usage is recorded even without a price");

    // Ollama is local: zero cost.
    let resp = server.client(ProviderKind::Ollama, None).chat(&ChatRequest::new("llama3.1:8b", "hi")).await.unwrap();
    assert_eq!(resp.model_key, "llama3-1-8b");
    assert_eq!(resp.cost.map(|c| c.usd), Some(0.0));
}

#[tokio::test]
async fn finish_reasons_are_normalised() {
    let server = TestServer::start();
    server.script(json!([{"scenario": "reply", "text": "cut", "finishReason": "length"}])).await;
    let r = server.client(ProviderKind::OpenAi, Some("sk-x")).chat(&ChatRequest::new("gpt-4o", "x")).await.unwrap();
    assert_eq!(r.finish_reason, FinishReason::Length);
    server.script(json!([{"scenario": "reply", "text": "cut", "finishReason": "max_tokens"}])).await;
    let r = server.client(ProviderKind::Anthropic, Some("k")).chat(&ChatRequest::new("claude-haiku-4-5", "x")).await.unwrap();
    assert_eq!(r.finish_reason, FinishReason::Length);
    server.script(json!([{"scenario": "reply", "text": "cut", "finishReason": "MAX_TOKENS"}])).await;
    let r = server.client(ProviderKind::Gemini, Some("k")).chat(&ChatRequest::new("gemini-2.5-flash", "x")).await.unwrap();
    assert_eq!(r.finish_reason, FinishReason::Length);
    server.script(json!([{"scenario": "reply", "text": "no", "finishReason": "SAFETY"}])).await;
    let r = server.client(ProviderKind::Gemini, Some("k")).chat(&ChatRequest::new("gemini-2.5-flash", "x")).await.unwrap();
    assert_eq!(r.finish_reason, FinishReason::ContentFilter);
}

#[tokio::test]
async fn model_lists() {
    let server = TestServer::start();
    let cases = [
        (ProviderKind::OpenAi, "/v1/models", vec!["gpt-4.1", "gpt-4o-mini", "text-embedding-3-small"]),
        (ProviderKind::Anthropic, "/v1/models?limit=1000", vec!["claude-haiku-4-5", "claude-sonnet-4-5"]),
        (ProviderKind::Gemini, "/v1beta/models?pageSize=1000", vec!["gemini-2.5-flash", "gemini-2.5-pro", "text-embedding-004"]),
        (ProviderKind::Ollama, "/api/tags", vec!["llama3.1:8b", "nomic-embed-text:latest"]),
        (ProviderKind::DeepSeek, "/models", vec!["gpt-4.1", "gpt-4o-mini", "text-embedding-3-small"]),
        (ProviderKind::OpenRouter, "/api/v1/models", vec!["gpt-4.1", "gpt-4o-mini", "text-embedding-3-small"]),
        (ProviderKind::OpenAiCompatible, "/v1/models", vec!["gpt-4.1", "gpt-4o-mini", "text-embedding-3-small"]),
    ];
    for (kind, path, models) in cases {
        let key = Some(key_for(kind)).filter(|k| !k.is_empty());
        let got = server.client(kind, key).list_models().await.unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_eq!(got, models, "{kind:?}");
        let req = server.last_request().await;
        assert_eq!(req["method"], "GET");
        assert_eq!(req["url"], path, "{kind:?}");
    }
    let err = server.client(ProviderKind::AzureOpenAi, Some("k")).list_models().await.unwrap_err();
    assert!(err.to_string().contains("cannot list its models"), "{err}");
}

#[tokio::test]
async fn embeddings_per_provider() {
    let server = TestServer::start();
    let inputs = vec!["SQL and dbt".to_owned(), "Led a team of five".to_owned(), "résumé ✓".to_owned()];
    let cases = [
        (ProviderKind::OpenAi, "text-embedding-3-small", "/v1/embeddings"),
        (ProviderKind::AzureOpenAi, "fitted-embed", "/openai/deployments/fitted-embed/embeddings?api-version=2024-10-21"),
        (ProviderKind::OpenAiCompatible, "nomic-embed", "/v1/embeddings"),
        (ProviderKind::Gemini, "text-embedding-004", "/v1beta/models/text-embedding-004:batchEmbedContents"),
        (ProviderKind::Ollama, "nomic-embed-text", "/api/embed"),
    ];
    let mut by_provider = Vec::new();
    for (kind, model, url) in cases {
        let key = Some(key_for(kind)).filter(|k| !k.is_empty());
        let out = server.client(kind, key).embed(model, &inputs).await.unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        let req = server.last_request().await;
        assert_eq!(req["url"], url, "{kind:?}");
        match kind {
            ProviderKind::Gemini => assert_eq!(
                req["json"]["requests"][0],
                json!({"model": "models/text-embedding-004", "content": {"parts": [{"text": "SQL and dbt"}]}})
            ),
            _ => assert_eq!(req["json"], json!({"model": model, "input": inputs}), "{kind:?}"),
        }
        assert_eq!(out.vectors.len(), 3, "{kind:?}");
        assert!(out.vectors.iter().all(|v| v.len() == 8));
        assert_eq!(out.model_key, fitted_core::model::derive_model_key(&out.model));
        by_provider.push(out.vectors);
    }
    // The server's vectors depend only on the text: every provider must return them in input
    // order (OpenAI's come back shuffled, with `index`).
    for vectors in &by_provider[1..] {
        assert_eq!(vectors, &by_provider[0]);
    }
    assert_ne!(by_provider[0][0], by_provider[0][1]);

    let out = server.client(ProviderKind::OpenAi, Some("sk-x")).embed("", &inputs).await.unwrap();
    assert_eq!(out.model, "text-embedding-3-small", "empty model = the config's embeddings model");
    assert_eq!(out.usage, Some(Usage { input_tokens: 10, output_tokens: 0 }), "the server counts words");
    assert!(out.cost.is_some());

    for kind in [ProviderKind::Anthropic, ProviderKind::DeepSeek] {
        let err = server.client(kind, Some("k")).embed("x", &inputs).await.unwrap_err();
        assert_eq!(err, fitted_llm::LlmError::Unsupported { provider: kind, what: "create embeddings".into() });
        assert!(err.to_string().ends_with("cannot create embeddings. Choose another provider for this task in Settings."), "{err}");
    }
    let err = server.client(ProviderKind::AzureOpenAi, Some("k")).embed("", &inputs).await.unwrap_err();
    assert!(err.to_string().contains("No embeddings model is chosen for Azure OpenAI"), "{err}");
}
