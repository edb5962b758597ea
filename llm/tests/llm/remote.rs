//! `remote`: a call made from a message, as the Web Worker makes it for the page. The call
//! crosses as JSON and still carries its key; a streamed structured answer reports its
//! progress and gives the same value as a direct call; errors keep their type across.

use fitted_llm::remote::{outcome_from_message, outcome_to_message, Answer, Call, What};
use fitted_llm::{CancelToken, ChatRequest, JsonSchema, LlmError, ProviderKind};
use serde_json::{json, Value};

use crate::support::{all_providers, default_model, fast_options, TestServer};

fn schema() -> JsonSchema {
    JsonSchema::new(
        "verdict",
        json!({"type": "object", "additionalProperties": false, "required": ["fit", "why"],
               "properties": {"fit": {"type": "integer"}, "why": {"type": "string"}}}),
    )
}

fn call(server: &TestServer, kind: ProviderKind, key: Option<&str>, stream: bool) -> Call {
    let request = ChatRequest::new(default_model(kind), "Judge the fit.").with_system("You judge.");
    let mut call = Call::new(server.config(kind, key), What::Json { request, schema: schema(), stream });
    call.options = fast_options();
    // Through JSON and back, as it crosses the worker boundary.
    Call::from_message(call.to_message().expect("encodes")).expect("decodes")
}

#[tokio::test]
async fn a_streamed_call_from_a_message_reports_progress_and_keeps_its_key() {
    let server = TestServer::start();
    let reply = json!({"fit": 72, "why": "Strong SQL and pipeline work; no Airflow named."});
    let text = reply.to_string();
    let chunks: Vec<String> = text.chars().collect::<Vec<_>>().chunks(7).map(|c| c.iter().collect()).collect();
    for (kind, key) in all_providers() {
        server.script(json!([{"scenario": "reply", "text": text, "chunks": chunks}])).await;
        let mut seen = Vec::new();
        let outcome = call(&server, kind, key, true).perform(&CancelToken::new(), &mut |n| seen.push(n)).await;
        // The answer survives the trip back to the page.
        let outcome = outcome_from_message(outcome_to_message(&outcome));
        let answer = outcome.unwrap_or_else(|e| panic!("{kind:?}: {e}")).into_structured::<Value>().expect("a value");
        assert_eq!(answer.value, reply, "{kind:?}");
        assert!(!answer.repaired);
        assert!(seen.len() >= chunks.len(), "{kind:?}: progress {seen:?}");
        assert!(seen.windows(2).all(|w| w[0] < w[1]), "{kind:?}: progress grows: {seen:?}");
        assert_eq!(seen.last().copied(), Some(text.chars().count()), "{kind:?}");
        let req = server.last_request().await;
        if let Some(key) = key {
            // The key went into the provider's auth header, though the config alone never
            // serialises it.
            assert!(req["headers"].to_string().contains(key), "{kind:?}: key not sent");
        }
    }
}

#[tokio::test]
async fn without_streaming_the_answer_is_the_same() {
    let server = TestServer::start();
    let reply = json!({"fit": 40, "why": "Little overlap."});
    server.script(json!([{"scenario": "reply", "json": reply}])).await;
    let mut seen = Vec::new();
    let outcome = call(&server, ProviderKind::OpenAi, Some("sk-test-remote-0001"), false).perform(&CancelToken::new(), &mut |n| seen.push(n)).await;
    assert_eq!(outcome.expect("answer").into_structured::<Value>().expect("value").value, reply);
    assert!(seen.is_empty(), "no stream, no progress: {seen:?}");
    assert_eq!(server.last_request().await["json"]["stream"], json!(null));
}

#[tokio::test]
async fn errors_keep_their_type_and_a_cancelled_call_sends_nothing() {
    let server = TestServer::start();
    server.script(json!([{"scenario": "auth"}])).await;
    let outcome = call(&server, ProviderKind::OpenAi, Some("sk-wrong-remote-0002"), true).perform(&CancelToken::new(), &mut |_| {}).await;
    let back = outcome_from_message(outcome_to_message(&outcome));
    assert!(matches!(back, Err(LlmError::Auth { .. })), "{back:?}");
    assert_eq!(back, outcome);

    let before = server.requests().await.len();
    let token = CancelToken::new();
    token.cancel();
    let outcome = call(&server, ProviderKind::OpenAi, Some("sk-test-remote-0003"), true).perform(&token, &mut |_| {}).await;
    assert_eq!(outcome, Err(LlmError::Cancelled));
    assert_eq!(server.requests().await.len(), before);
}

#[tokio::test]
async fn a_key_check_from_a_message() {
    let server = TestServer::start();
    let mut good = Call::new(server.config(ProviderKind::OpenAi, Some("sk-test-remote-0004")), What::ValidateKey);
    good.options = fast_options();
    let check = Call::from_message(good.to_message().unwrap()).unwrap().perform(&CancelToken::new(), &mut |_| {}).await;
    let check = check.expect("a check").into_key_check().expect("a key check");
    assert!(check.is_valid, "{check:?}");
    let bad = Call::new(server.config(ProviderKind::OpenAi, Some("sk-invalid-remote-0005")), What::ValidateKey);
    let check = Call::from_message(bad.to_message().unwrap()).unwrap().perform(&CancelToken::new(), &mut |_| {}).await.unwrap();
    assert!(matches!(check, Answer::Key(ref k) if !k.is_valid && k.validation_error.is_some()), "{check:?}");
}

#[test]
fn a_message_that_is_not_a_call_says_so() {
    let e = Call::from_message(json!({"what": "nonsense"})).unwrap_err();
    assert!(e.to_string().contains("Reload the page"), "{e}");
}
