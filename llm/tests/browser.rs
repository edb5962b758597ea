//! The wasm build of `fitted-llm` in headless Chromium, against the protocol server on
//! another origin: what only a browser can show — fetch() through CORS, the CORS/network
//! classification, Ollama's origin refusal, gloo timers, and fetch aborted on cancel.
//!
//! The runner's page is cross-origin isolated (COEP `require-corp`), unlike Fitted's; the
//! reachability probe works there only because the test server sends
//! `Cross-Origin-Resource-Policy: cross-origin`.
//!
//! Run with `bash tests/provider-server/wasm-test.sh` (it starts the server and passes its
//! address in `FITTED_PROVIDER_SERVER` at compile time). Each test uses its own base path
//! (`/b1/…`), so scripted steps never cross between tests.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use fitted_llm::{cancellable, rt, CancelToken, ChatRequest, ClientOptions, JsonSchema, LlmClient, LlmError, ProviderConfig, ProviderKind, RetryPolicy};
use serde_json::{json, Value};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn server() -> &'static str {
    // Not `env!`: the file must still compile (e.g. for clippy) without the server running.
    match option_env!("FITTED_PROVIDER_SERVER") {
        Some(origin) => origin,
        None => panic!("run these tests with `bash tests/provider-server/wasm-test.sh`, which starts the server"),
    }
}

fn options() -> ClientOptions {
    ClientOptions {
        timeout: Duration::from_secs(5),
        stream_idle_timeout: Duration::from_secs(5),
        retry: RetryPolicy { max_attempts: 3, base_delay: Duration::from_millis(20), max_delay: Duration::from_millis(200), max_total_wait: Duration::from_secs(3) },
    }
}

fn config(kind: ProviderKind, prefix: &str, key: Option<&str>) -> ProviderConfig {
    let base = match kind {
        ProviderKind::OpenAi | ProviderKind::OpenAiCompatible => format!("{}/{prefix}/v1", server()),
        ProviderKind::Gemini => format!("{}/{prefix}/v1beta", server()),
        _ => format!("{}/{prefix}", server()),
    };
    let c = ProviderConfig::new(kind).with_base_url(base);
    match key {
        Some(k) => c.with_key(k),
        None => c,
    }
}

fn client(kind: ProviderKind, prefix: &str, key: Option<&str>) -> LlmClient {
    LlmClient::with_options(config(kind, prefix, key), options()).unwrap()
}

async fn script(steps: Value) {
    let resp = reqwest::Client::new().post(format!("{}/__script", server())).json(&json!({"steps": steps, "append": true})).send().await.unwrap();
    assert!(resp.status().is_success());
}

async fn requests_under(prefix: &str) -> Vec<Value> {
    let v: Value = reqwest::Client::new().get(format!("{}/__requests", server())).send().await.unwrap().json().await.unwrap();
    v["requests"].as_array().unwrap().iter().filter(|r| r["path"].as_str().unwrap_or("").starts_with(&format!("/{prefix}/"))).cloned().collect()
}

#[wasm_bindgen_test]
async fn chat_stream_and_structured_through_fetch() {
    let c = client(ProviderKind::OpenAi, "b1", Some("sk-browser-0000000000001"));
    let resp = c.chat(&ChatRequest::new("gpt-4o-mini", "hi")).await.unwrap();
    assert_eq!(resp.text, "Hello from the Fitted test server — résumé ✓.");
    assert_eq!(resp.model_key, "gpt-4o-mini");
    let mut deltas = 0;
    let resp = c.chat_stream(&ChatRequest::new("gpt-4o-mini", "hi"), |_| deltas += 1).await.unwrap();
    assert_eq!(deltas, 9);
    assert!(resp.usage.is_some());
    let schema = JsonSchema::new("r", json!({"type": "object", "required": ["a"], "properties": {"a": {"type": "integer"}}}));
    let out = c.complete_json::<Value>(&ChatRequest::new("gpt-4o-mini", "hi"), &schema).await.unwrap();
    assert_eq!(out.value, json!({"a": 1}));

    // Anthropic from a page: only works because the opt-in header is sent.
    let a = client(ProviderKind::Anthropic, "b1", Some("sk-ant-browser"));
    let mut text = String::new();
    a.chat_stream(&ChatRequest::new("claude-haiku-4-5", "hi"), |d| text.push_str(d.text)).await.unwrap();
    assert_eq!(text, "Hello from the Fitted test server — résumé ✓.");
    // Gemini and Ollama NDJSON through the browser's streams.
    let g = client(ProviderKind::Gemini, "b1", Some("AIza-browser"));
    assert_eq!(g.chat_stream(&ChatRequest::new("gemini-2.5-flash", "hi"), |_| {}).await.unwrap().usage.unwrap().output_tokens, 9);
    let o = client(ProviderKind::Ollama, "b1", None);
    assert_eq!(o.chat_stream(&ChatRequest::new("llama3.1:8b", "hi"), |_| {}).await.unwrap().finish_reason, fitted_llm::FinishReason::Stop);
}

#[wasm_bindgen_test]
async fn cors_refusal_is_told_apart_from_network_failure() {
    script(json!([{"scenario": "cors-blocked", "path": "/b2/"}])).await;
    let check = fitted_llm::validate_key(&config(ProviderKind::OpenAi, "b2", Some("sk-browser"))).await;
    assert!(!check.is_valid);
    assert_eq!(check.validation_error.unwrap(), LlmError::Cors { provider: ProviderKind::OpenAi }.to_string());
    // The probe that told them apart carried no key.
    for r in requests_under("b2").await {
        assert!(!r.to_string().contains("sk-browser"), "{r}");
    }

    // Nothing listens on port 9: unreachable, not CORS.
    let down = ProviderConfig::new(ProviderKind::OpenAiCompatible).with_base_url("http://127.0.0.1:9/v1");
    let err = LlmClient::with_options(down, options()).unwrap().list_models().await.unwrap_err();
    assert!(matches!(err, LlmError::Network { .. }), "{err:?}");
}

#[wasm_bindgen_test]
async fn ollama_origin_refusal_names_this_page() {
    script(json!([{"scenario": "forbidden-no-cors", "path": "/b3/"}])).await;
    let err = client(ProviderKind::Ollama, "b3", None).list_models().await.unwrap_err();
    let origin = match &err {
        LlmError::OllamaOrigin { origin: Some(o) } => o.clone(),
        other => panic!("{other:?}"),
    };
    assert!(origin.starts_with("http://127.0.0.1:"), "{origin}");
    assert!(err.to_string().contains(&format!("OLLAMA_ORIGINS={origin}")), "{err}");
}

#[wasm_bindgen_test]
async fn timers_retries_timeouts_in_the_browser() {
    script(json!([{"scenario": "rate-limit", "retryAfter": 0.2, "path": "/b4/"}])).await;
    let c = client(ProviderKind::OpenAi, "b4", Some("sk-x"));
    c.chat(&ChatRequest::new("gpt-4o-mini", "hi")).await.unwrap();
    assert_eq!(requests_under("b4").await.len(), 2, "retried after retry-after (exposed by CORS)");

    script(json!([{"scenario": "hang", "path": "/b4/"}])).await;
    let err = c.chat(&ChatRequest { timeout: Some(Duration::from_millis(300)), ..ChatRequest::new("gpt-4o-mini", "hi") }).await.unwrap_err();
    assert_eq!(err, LlmError::Timeout { provider: ProviderKind::OpenAi, after: Duration::from_millis(300) });

    script(json!([{"scenario": "cut", "path": "/b4/"}])).await;
    let err = c.chat_stream(&ChatRequest::new("gpt-4o-mini", "hi"), |_| {}).await.unwrap_err();
    assert!(matches!(err, LlmError::StreamCut { .. }), "{err:?}");
}

#[wasm_bindgen_test]
async fn cancelling_aborts_the_fetch() {
    script(json!([{"scenario": "ok", "delayMs": 300, "path": "/b5/"}])).await;
    let c = client(ProviderKind::OpenAi, "b5", Some("sk-x"));
    let token = CancelToken::new();
    let err = cancellable(&token, c.chat_stream(&ChatRequest::new("gpt-4o-mini", "hi"), |_| token.cancel())).await.unwrap_err();
    assert_eq!(err, LlmError::Cancelled);
    let mut aborted = false;
    for _ in 0..100 {
        if requests_under("b5").await.iter().any(|r| r["aborted"] == json!(true)) {
            aborted = true;
            break;
        }
        rt::sleep(Duration::from_millis(20)).await;
    }
    assert!(aborted, "the server saw the fetch aborted");
}

