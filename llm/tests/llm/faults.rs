//! Every fault the server can script, and the typed error (and message) it becomes;
//! retries, timeouts, cancellation and cut streams.

use std::time::{Duration, Instant};

use fitted_llm::{cancellable, CancelToken, ChatRequest, ClientOptions, LlmClient, LlmError, ProviderKind, RetryPolicy};
use serde_json::json;

use crate::support::{all_providers, default_model, fast_options, key_for, TestServer};

fn req(kind: ProviderKind) -> ChatRequest {
    ChatRequest::new(default_model(kind), "Hello?")
}

fn keyed() -> impl Iterator<Item = (ProviderKind, &'static str)> {
    all_providers().into_iter().filter_map(|(k, key)| key.map(|key| (k, key)))
}

/// The key and any 4+ character fragment a provider might echo must not be in a message.
fn assert_no_key(msg: &str, key: &str) {
    assert!(!msg.contains(key), "{msg}");
    if key.len() >= 8 {
        assert!(!msg.contains(&key[..8]), "key prefix leaked: {msg}");
        assert!(!msg.contains(&key[key.len() - 4..]), "key suffix leaked: {msg}");
    }
}

#[tokio::test]
async fn wrong_key_is_auth_for_every_provider() {
    let server = TestServer::start();
    for (kind, key) in keyed() {
        server.script(json!([{"scenario": "auth"}])).await;
        let before = server.requests().await.len();
        let err = server.client(kind, Some(key)).chat(&req(kind)).await.unwrap_err();
        let expected_status = if kind == ProviderKind::Gemini { 400 } else { 401 };
        assert!(matches!(err, LlmError::Auth { status, provider, .. } if status == expected_status && provider == kind), "{kind:?}: {err:?}");
        let msg = err.to_string();
        assert!(msg.starts_with(&format!("{} did not accept the API key", kind.display_name())), "{msg}");
        assert!(msg.contains("paste it again in Settings"), "{msg}");
        assert_no_key(&msg, key);
        assert_no_key(&format!("{err:?}"), key);
        assert_eq!(server.requests().await.len() - before, 1, "{kind:?}: a 401 is never retried");
    }
}

#[tokio::test]
async fn forbidden_and_ollama_origins() {
    let server = TestServer::start();
    server.script(json!([{"scenario": "forbidden"}])).await;
    let err = server.client(ProviderKind::OpenAi, Some("sk-x")).chat(&req(ProviderKind::OpenAi)).await.unwrap_err();
    assert!(matches!(err, LlmError::Auth { status: 403, .. }), "{err:?}");
    assert!(err.to_string().contains("Project does not have access to model gpt-4o-mini"), "{err}");

    let ollama_message = "Ollama refused the browser's origin. Start Ollama with OLLAMA_ORIGINS set to this site's address (for example OLLAMA_ORIGINS=https://fitted.example) and try again.";
    for scenario in ["forbidden", "forbidden-no-cors"] {
        server.script(json!([{"scenario": scenario}])).await;
        let err = server.client(ProviderKind::Ollama, None).chat(&req(ProviderKind::Ollama)).await.unwrap_err();
        assert_eq!(err, LlmError::OllamaOrigin { origin: None });
        assert_eq!(err.to_string(), ollama_message);
        server.script(json!([{"scenario": scenario}])).await;
        let check = fitted_llm::validate_key(&server.config(ProviderKind::Ollama, None)).await;
        assert!(!check.is_valid);
        assert_eq!(check.validation_error.as_deref(), Some(ollama_message));
    }
}

#[tokio::test]
async fn no_credit_in_every_shape_is_not_retried() {
    let server = TestServer::start();
    let cases = [
        (ProviderKind::OpenAi, "quota", "You exceeded your current quota"),
        (ProviderKind::DeepSeek, "no-credit", "Insufficient Balance"),
        (ProviderKind::Anthropic, "no-credit", "credit balance is too low"),
        (ProviderKind::Gemini, "no-credit", "check your plan and billing"),
        (ProviderKind::OpenRouter, "no-credit", "Insufficient Balance"),
    ];
    for (kind, scenario, detail) in cases {
        server.script(json!([{"scenario": scenario}])).await;
        let before = server.requests().await.len();
        let err = server.client(kind, Some(key_for(kind))).chat(&req(kind)).await.unwrap_err();
        assert!(matches!(err, LlmError::NoCredit { provider, .. } if provider == kind), "{kind:?}: {err:?}");
        let msg = err.to_string();
        assert!(msg.contains("has no credit left or has used up its quota") && msg.contains(detail), "{msg}");
        assert!(msg.contains("billing settings"), "{msg}");
        assert_eq!(server.requests().await.len() - before, 1, "{kind:?}: waiting does not fix a quota");
    }
}

#[tokio::test]
async fn unknown_model_and_wrong_base_url() {
    let server = TestServer::start();
    for (kind, key) in all_providers() {
        server.script(json!([{"scenario": "model-not-found"}])).await;
        let err = server.client(kind, key).chat(&req(kind)).await.unwrap_err();
        assert_eq!(err, LlmError::ModelNotFound { provider: kind, model: default_model(kind).into() }, "{kind:?}");
        let noun = if kind == ProviderKind::AzureOpenAi { "deployment" } else { "model" };
        assert!(err.to_string().contains(&format!("no {noun} “{}”", default_model(kind))), "{err}");
    }
    // The convenience rule for hand-driven tests: a model named "missing…" is unknown.
    let err = server.client(ProviderKind::OpenAi, Some("sk-x")).chat(&ChatRequest::new("missing-model", "x")).await.unwrap_err();
    assert!(matches!(err, LlmError::ModelNotFound { .. }), "{err:?}");

    server.script(json!([{"scenario": "not-found"}])).await;
    let err = server.client(ProviderKind::OpenAiCompatible, None).list_models().await.unwrap_err();
    assert!(matches!(err, LlmError::EndpointNotFound { .. }), "{err:?}");
    assert!(err.to_string().contains("Check the base URL in Settings"), "{err}");
}

#[tokio::test]
async fn rate_limit_honours_retry_after_seconds() {
    let server = TestServer::start();
    server.script(json!([{"scenario": "rate-limit", "retryAfter": 1}, {"scenario": "ok"}])).await;
    let start = Instant::now();
    let resp = server.client(ProviderKind::OpenAi, Some("sk-x")).chat(&req(ProviderKind::OpenAi)).await.unwrap();
    let elapsed = start.elapsed();
    assert!(!resp.text.is_empty());
    // A lower bound only: sleeping guarantees it on any machine, while an upper bound would
    // depend on the machine's speed. Not waiting longer than asked is `next_delay`'s unit test.
    assert!(elapsed >= Duration::from_millis(990), "waited {elapsed:?}, retry-after said 1 s");
    let reqs = server.requests().await;
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0]["scenario"], "rate-limit");
}

#[tokio::test]
async fn rate_limit_honours_retry_after_http_date() {
    let server = TestServer::start();
    // An HTTP date has whole-second resolution: "2 s from now" is 1–2 s away.
    server.script(json!([{"scenario": "rate-limit", "retryAfterDate": 2}, {"scenario": "ok"}])).await;
    let start = Instant::now();
    server.client(ProviderKind::Anthropic, Some("k")).chat(&req(ProviderKind::Anthropic)).await.unwrap();
    let elapsed = start.elapsed();
    assert!(elapsed >= Duration::from_millis(900), "{elapsed:?}");
    assert_eq!(server.requests().await.len(), 2);
}

#[tokio::test]
async fn rate_limit_gemini_retry_info_and_limits() {
    let server = TestServer::start();
    // Gemini puts the delay in the body (RetryInfo), not in a header.
    server.script(json!([{"scenario": "rate-limit", "noRetryAfter": true, "retryAfter": 0.05}, {"scenario": "ok"}])).await;
    server.client(ProviderKind::Gemini, Some("k")).chat(&req(ProviderKind::Gemini)).await.unwrap();
    assert_eq!(server.requests().await.len(), 2);

    // A wait beyond the policy's total budget: give up at once, saying how long to wait.
    server.script(json!([{"scenario": "rate-limit", "retryAfter": 30}])).await;
    let start = Instant::now();
    let err = server.client(ProviderKind::OpenAi, Some("sk-x")).chat(&req(ProviderKind::OpenAi)).await.unwrap_err();
    // Waiting would take the full 30 s, so any time below it shows the client did not wait,
    // however slow the machine.
    assert!(start.elapsed() < Duration::from_secs(30), "{:?}", start.elapsed());
    assert_eq!(err, LlmError::RateLimited { provider: ProviderKind::OpenAi, retry_after: Some(Duration::from_secs(30)) });
    assert!(err.to_string().contains("asked to wait 30 seconds"), "{err}");

    // Attempts run out: three 429s, then the error.
    server.script(json!([{"scenario": "rate-limit", "retryAfter": 0.05, "times": 3}, {"scenario": "ok"}])).await;
    let before = server.requests().await.len();
    let err = server.client(ProviderKind::OpenAi, Some("sk-x")).chat(&req(ProviderKind::OpenAi)).await.unwrap_err();
    assert!(matches!(err, LlmError::RateLimited { .. }), "{err:?}");
    assert_eq!(server.requests().await.len() - before, 3, "max_attempts = 3");
}

#[tokio::test]
async fn server_errors_are_retried_then_reported() {
    let server = TestServer::start();
    for (kind, key) in all_providers() {
        let scenario = if kind == ProviderKind::Anthropic { "overloaded" } else { "server-error" };
        server.script(json!([{"scenario": scenario}, {"scenario": "ok"}])).await;
        let before = server.requests().await.len();
        server.client(kind, key).chat(&req(kind)).await.unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_eq!(server.requests().await.len() - before, 2, "{kind:?}: one failure, one success");
    }
    server.script(json!([{"scenario": "server-error", "status": 503, "times": 5}])).await;
    let before = server.requests().await.len();
    let err = server.client(ProviderKind::OpenAi, Some("sk-x")).chat(&req(ProviderKind::OpenAi)).await.unwrap_err();
    assert!(matches!(err, LlmError::Server { status: 503, .. }), "{err:?}");
    assert!(err.to_string().contains("had a problem on its side (HTTP 503"), "{err}");
    assert_eq!(server.requests().await.len() - before, 3);
}

#[tokio::test]
async fn other_client_errors_are_final() {
    let server = TestServer::start();
    server.script(json!([{"scenario": "bad-request", "message": "messages: too long"}])).await;
    let err = server.client(ProviderKind::OpenAi, Some("sk-x")).chat(&req(ProviderKind::OpenAi)).await.unwrap_err();
    assert_eq!(err, LlmError::BadRequest { provider: ProviderKind::OpenAi, status: 400, detail: Some("messages: too long".into()) });
    assert_eq!(server.requests().await.len(), 1);
}

#[tokio::test]
async fn timeouts_per_client_and_per_request() {
    let server = TestServer::start();
    let options = ClientOptions { timeout: Duration::from_millis(300), ..fast_options() };
    let client = LlmClient::with_options(server.config(ProviderKind::OpenAi, Some("sk-x")), options).unwrap();
    server.script(json!([{"scenario": "hang"}])).await;
    // The server never answers, so only the 300 ms timer can end the call: the error itself
    // shows it fired, with no wall-clock bound that a slow machine could miss.
    let err = client.chat(&req(ProviderKind::OpenAi)).await.unwrap_err();
    assert_eq!(err, LlmError::Timeout { provider: ProviderKind::OpenAi, after: Duration::from_millis(300) });
    assert!(err.to_string().starts_with("OpenAI did not answer within 1 second."), "{err}");
    assert!(server.wait_aborted(1).await, "the timed-out request was closed, not left hanging");
    assert_eq!(server.requests().await.len(), 1, "a timeout is not retried");

    // Per request: a slow answer within the limit succeeds; a hang beyond it fails.
    let client = server.client(ProviderKind::Anthropic, Some("k"));
    server.script(json!([{"scenario": "slow", "delayMs": 100}])).await;
    client.chat(&req(ProviderKind::Anthropic)).await.unwrap();
    server.script(json!([{"scenario": "hang"}])).await;
    let err = client.chat(&ChatRequest { timeout: Some(Duration::from_millis(150)), ..req(ProviderKind::Anthropic) }).await.unwrap_err();
    assert!(matches!(err, LlmError::Timeout { after, .. } if after == Duration::from_millis(150)), "{err:?}");
}

#[tokio::test]
async fn malformed_bodies_are_bad_responses() {
    let server = TestServer::start();
    for (kind, key) in all_providers() {
        let client = server.client(kind, key);
        server.script(json!([{"scenario": "malformed"}])).await;
        let err = client.chat(&req(kind)).await.unwrap_err();
        assert!(matches!(err, LlmError::BadResponse { .. }), "{kind:?}: {err:?}");
        assert!(err.to_string().contains("sent a reply Fitted could not read"), "{err}");
        server.script(json!([{"scenario": "malformed"}])).await;
        let err = client.chat_stream(&req(kind), |_| {}).await.unwrap_err();
        assert!(matches!(err, LlmError::BadResponse { .. } | LlmError::StreamCut { .. }), "{kind:?}: {err:?}");
    }
    server.script(json!([{"scenario": "malformed"}])).await;
    let err = server.client(ProviderKind::Gemini, Some("k")).list_models().await.unwrap_err();
    assert!(matches!(err, LlmError::BadResponse { .. }), "{err:?}");
}

#[tokio::test]
async fn cut_streams_and_stream_errors() {
    let server = TestServer::start();
    for (kind, key) in all_providers() {
        let client = server.client(kind, key);
        for scenario in ["cut", "cut-clean"] {
            server.script(json!([{"scenario": scenario, "cutAfter": 2}])).await;
            let mut seen = String::new();
            let err = client.chat_stream(&req(kind), |d| seen.push_str(d.text)).await.unwrap_err();
            assert_eq!(seen, "Hello from ", "{kind:?} {scenario}");
            assert_eq!(err, LlmError::StreamCut { provider: kind, received_chars: 11 }, "{kind:?} {scenario}");
            assert!(err.to_string().contains("dropped before the answer was complete (11 characters received)"), "{err}");
        }
        server.script(json!([{"scenario": "stream-error", "cutAfter": 1}])).await;
        let err = client.chat_stream(&req(kind), |_| {}).await.unwrap_err();
        assert!(matches!(err, LlmError::StreamError { provider, .. } if provider == kind), "{kind:?}: {err:?}");
        assert!(err.is_transient());
    }
    // A JSON body cut half-way.
    server.script(json!([{"scenario": "cut"}])).await;
    let err = server.client(ProviderKind::OpenAi, Some("sk-x")).chat(&req(ProviderKind::OpenAi)).await.unwrap_err();
    assert!(matches!(err, LlmError::StreamCut { .. }), "{err:?}");
}

#[tokio::test]
async fn stream_idle_timeout() {
    let server = TestServer::start();
    let options = ClientOptions { stream_idle_timeout: Duration::from_millis(150), ..fast_options() };
    let client = LlmClient::with_options(server.config(ProviderKind::Ollama, None), options).unwrap();
    server.script(json!([{"scenario": "ok", "delayMs": 600}])).await;
    let err = client.chat_stream(&req(ProviderKind::Ollama), |_| {}).await.unwrap_err();
    assert_eq!(err, LlmError::Timeout { provider: ProviderKind::Ollama, after: Duration::from_millis(150) });
}

#[tokio::test]
async fn cancelling_aborts_the_request() {
    let server = TestServer::start();
    let client = server.client(ProviderKind::OpenAi, Some("sk-x"));
    server.script(json!([{"scenario": "ok", "delayMs": 300}])).await;
    let token = CancelToken::new();
    let mut deltas = 0;
    let err = cancellable(&token, client.chat_stream(&req(ProviderKind::OpenAi), |_| {
        deltas += 1;
        token.cancel(); // the user presses Stop after the first words
    }))
    .await
    .unwrap_err();
    assert_eq!(err, LlmError::Cancelled);
    assert_eq!(deltas, 1);
    assert!(server.wait_aborted(1).await, "the server saw the connection closed mid-stream");

    // A token cancelled before the call starts never sends anything.
    let err = cancellable(&token, client.chat(&req(ProviderKind::OpenAi))).await.unwrap_err();
    assert_eq!(err, LlmError::Cancelled);
    assert_eq!(server.requests().await.len(), 1);

    // Dropping the future (e.g. the UI component unmounts) aborts too.
    server.script(json!([{"scenario": "hang"}])).await;
    let dropped = tokio::time::timeout(Duration::from_millis(200), client.chat(&req(ProviderKind::OpenAi))).await;
    assert!(dropped.is_err());
    assert!(server.wait_aborted(2).await, "the dropped request was aborted");

    // Cancelling while waiting to retry also stops. The wait is 20 s, so finishing in less
    // shows the cancel cut it short, however slow the machine.
    let patient = ClientOptions { retry: RetryPolicy { max_total_wait: Duration::from_secs(60), ..fast_options().retry }, ..fast_options() };
    let client = LlmClient::with_options(server.config(ProviderKind::OpenAi, Some("sk-x")), patient).unwrap();
    server.script(json!([{"scenario": "rate-limit", "retryAfter": 20}, {"scenario": "ok"}])).await;
    let token = CancelToken::new();
    let canceller = token.clone();
    let start = Instant::now();
    let request = req(ProviderKind::OpenAi);
    let (out, _) = tokio::join!(cancellable(&token, client.chat(&request)), async move {
        tokio::time::sleep(Duration::from_millis(200)).await;
        canceller.cancel();
    });
    assert_eq!(out.unwrap_err(), LlmError::Cancelled);
    assert!(start.elapsed() < Duration::from_secs(20), "{:?}", start.elapsed());
    assert_eq!(server.requests().await.len(), 3, "no request after the cancel");
}

#[tokio::test]
async fn network_failures() {
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let config = fitted_llm::ProviderConfig::new(ProviderKind::OpenAiCompatible).with_base_url(format!("http://127.0.0.1:{port}/v1"));
    let client = LlmClient::with_options(config, fast_options()).unwrap();
    let err = client.chat(&ChatRequest::new("m", "x")).await.unwrap_err();
    assert!(matches!(&err, LlmError::Network { host, .. } if host == &format!("127.0.0.1:{port}")), "{err:?}");
    let msg = err.to_string();
    assert!(msg.starts_with(&format!("Could not reach OpenAI-compatible server at 127.0.0.1:{port}")), "{msg}");
    assert!(msg.contains("server at the base URL is running"), "{msg}");
    assert!(err.is_transient());
}

#[tokio::test]
async fn redirects_are_not_followed_with_the_key() {
    let provider_host = TestServer::start();
    let elsewhere = TestServer::start();
    provider_host.script(json!([{"scenario": "redirect", "location": elsewhere.url("/v1/chat/completions")}])).await;
    let key = key_for(ProviderKind::Gemini);
    let err = provider_host.client(ProviderKind::Gemini, Some(key)).chat(&req(ProviderKind::Gemini)).await.unwrap_err();
    assert_eq!(err, LlmError::Redirected { provider: ProviderKind::Gemini, status: 307 });
    assert!(elsewhere.requests().await.is_empty(), "the other host never heard from us");
    let _ = RetryPolicy::default();
}
