//! Structured output: each provider's mechanism on the wire, validation against the schema
//! and the Rust type, and the single repair attempt.

use fitted_llm::{ChatRequest, JsonSchema, LlmError, ProviderKind, Usage};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::support::{all_providers, default_model, key_for, TestServer};

#[derive(Debug, PartialEq, Deserialize)]
struct Rubric {
    role: String,
    requirements: Vec<Requirement>,
}

#[derive(Debug, PartialEq, Deserialize)]
struct Requirement {
    skill: String,
    must: bool,
    weight: f64,
}

fn schema() -> JsonSchema {
    JsonSchema::new(
        "rubric",
        json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["role", "requirements"],
            "properties": {
                "role": {"type": "string"},
                "requirements": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": false,
                        "required": ["skill", "must", "weight"],
                        "properties": {
                            "skill": {"type": "string"},
                            "must": {"type": "boolean"},
                            "weight": {"type": "number"}
                        }
                    }
                }
            }
        }),
    )
}

fn good() -> Value {
    json!({"role": "Data engineer", "requirements": [{"skill": "SQL", "must": true, "weight": 0.9}]})
}

fn expected() -> Rubric {
    Rubric { role: "Data engineer".into(), requirements: vec![Requirement { skill: "SQL".into(), must: true, weight: 0.9 }] }
}

fn request(kind: ProviderKind) -> ChatRequest {
    ChatRequest::new(default_model(kind), "Extract the rubric from this job description: …").with_system("You extract hiring rubrics.")
}

/// The conversation a request carried, as (role, text) pairs, whatever the wire format.
fn conversation(kind: ProviderKind, req: &Value) -> Vec<(String, String)> {
    let body = &req["json"];
    match kind {
        ProviderKind::Gemini => body["contents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["role"].as_str().unwrap().to_owned(), c["parts"][0]["text"].as_str().unwrap().to_owned()))
            .collect(),
        _ => body["messages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| (m["role"].as_str().unwrap().to_owned(), m["content"].as_str().unwrap().to_owned()))
            .collect(),
    }
}

#[tokio::test]
async fn each_provider_uses_its_best_mechanism() {
    let server = TestServer::start();
    for (kind, key) in all_providers() {
        server.script(json!([{"scenario": "reply", "json": good()}])).await;
        let client = server.client(kind, key);
        let out = client.complete_json::<Rubric>(&request(kind), &schema()).await.unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_eq!(out.value, expected(), "{kind:?}");
        assert!(!out.repaired);
        assert_eq!(out.total_usage, out.response.usage);
        let req = server.last_request().await;
        let body = &req["json"];
        let schema_value = schema().schema;
        match kind {
            ProviderKind::OpenAi | ProviderKind::AzureOpenAi | ProviderKind::OpenRouter => {
                assert_eq!(
                    body["response_format"],
                    json!({"type": "json_schema", "json_schema": {"name": "rubric", "schema": schema_value, "strict": true}}),
                    "{kind:?}"
                );
            }
            ProviderKind::DeepSeek | ProviderKind::OpenAiCompatible => {
                assert_eq!(body["response_format"], json!({"type": "json_object"}), "{kind:?}");
                let system = body["messages"][0]["content"].as_str().unwrap();
                assert!(system.starts_with("You extract hiring rubrics.\n\n"), "{system}");
                assert!(system.contains("JSON") && system.contains("\"required\":[\"role\",\"requirements\"]"), "{system}");
            }
            ProviderKind::Anthropic => {
                assert_eq!(body["tools"][0]["name"], "rubric");
                assert_eq!(body["tools"][0]["input_schema"], schema_value);
                assert_eq!(body["tool_choice"], json!({"type": "tool", "name": "rubric"}));
                assert_eq!(out.response.finish_reason, fitted_llm::FinishReason::ToolUse);
            }
            ProviderKind::Gemini => {
                let config = &body["generationConfig"];
                assert_eq!(config["responseMimeType"], "application/json");
                // Gemini's OpenAPI subset has no additionalProperties.
                assert_eq!(config["responseSchema"]["required"], json!(["role", "requirements"]));
                assert!(!config["responseSchema"].to_string().contains("additionalProperties"));
            }
            ProviderKind::Ollama => {
                assert_eq!(body["format"], schema_value);
                assert_eq!(body["stream"], json!(false));
            }
        }
    }
}

#[tokio::test]
async fn schema_failure_is_repaired_once_with_the_error_quoted() {
    let server = TestServer::start();
    for kind in [ProviderKind::OpenAi, ProviderKind::Anthropic, ProviderKind::Gemini, ProviderKind::Ollama, ProviderKind::DeepSeek] {
        let key = Some(key_for(kind)).filter(|k| !k.is_empty());
        let bad = json!({"role": "Data engineer"});
        server
            .script(json!([
                {"scenario": "reply", "json": bad, "usage": {"input": 100, "output": 10}},
                {"scenario": "reply", "json": good(), "usage": {"input": 130, "output": 20}}
            ]))
            .await;
        let before = server.requests().await.len();
        let out = server.client(kind, key).complete_json::<Rubric>(&request(kind), &schema()).await.unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_eq!(out.value, expected());
        assert!(out.repaired, "{kind:?}");
        assert_eq!(out.total_usage, Some(Usage { input_tokens: 230, output_tokens: 30 }), "{kind:?}");
        let reqs = server.requests().await;
        assert_eq!(reqs.len() - before, 2, "{kind:?}: exactly one repair call");
        let convo = conversation(kind, reqs.last().unwrap());
        let n = convo.len();
        let assistant_role = if kind == ProviderKind::Gemini { "model" } else { "assistant" };
        assert_eq!(convo[n - 2].0, assistant_role, "{kind:?}");
        assert_eq!(serde_json::from_str::<Value>(&convo[n - 2].1).unwrap(), bad, "{kind:?}: the bad answer is sent back");
        assert_eq!(convo[n - 1].0, "user");
        assert!(convo[n - 1].1.contains("missing required property \"requirements\""), "{kind:?}: {}", convo[n - 1].1);
    }
}

#[tokio::test]
async fn prose_and_fences_and_type_errors() {
    let server = TestServer::start();
    let client = server.client(ProviderKind::DeepSeek, Some(key_for(ProviderKind::DeepSeek)));

    // A fenced answer is accepted as is.
    server.script(json!([{"scenario": "reply", "text": format!("```json\n{}\n```", good())}])).await;
    let out = client.complete_json::<Rubric>(&request(ProviderKind::DeepSeek), &schema()).await.unwrap();
    assert!(!out.repaired);

    // Prose without JSON → repair.
    server.script(json!([{"scenario": "reply", "text": "I cannot produce JSON today."}, {"scenario": "reply", "json": good()}])).await;
    let out = client.complete_json::<Rubric>(&request(ProviderKind::DeepSeek), &schema()).await.unwrap();
    assert!(out.repaired);
    let convo = conversation(ProviderKind::DeepSeek, &server.last_request().await);
    assert!(convo.last().unwrap().1.contains("not valid JSON"), "{convo:?}");

    // Fits a loose schema but not the Rust type → serde's message drives the repair.
    let loose = JsonSchema::new("rubric", json!({"type": "object"}));
    server.script(json!([{"scenario": "reply", "json": {"role": "x", "requirements": [{"skill": "SQL"}]}}, {"scenario": "reply", "json": good()}])).await;
    let out = client.complete_json::<Rubric>(&request(ProviderKind::DeepSeek), &loose).await.unwrap();
    assert!(out.repaired);
    let convo = conversation(ProviderKind::DeepSeek, &server.last_request().await);
    assert!(convo.last().unwrap().1.contains("missing field `must`"), "{convo:?}");
}

#[tokio::test]
async fn second_failure_is_schema_mismatch() {
    let server = TestServer::start();
    server
        .script(json!([
            {"scenario": "reply", "json": {"role": 7}},
            {"scenario": "reply", "json": {"role": "x", "requirements": "none"}}
        ]))
        .await;
    let err = server.client(ProviderKind::OpenAi, Some("sk-x")).complete_json::<Rubric>(&request(ProviderKind::OpenAi), &schema()).await.unwrap_err();
    assert_eq!(err, LlmError::SchemaMismatch { detail: "at $.requirements: expected array, found string".into() });
    assert!(err.to_string().starts_with("The model's answer did not have the expected structure, even after asking it to correct itself"), "{err}");
    assert_eq!(server.requests().await.len(), 2, "no third call");
}

#[tokio::test]
async fn schema_driven_default_reply_validates() {
    // With nothing scripted the server builds an instance of the schema it was sent, as a
    // compliant provider would: proves the schema reached it intact.
    let server = TestServer::start();
    for kind in [ProviderKind::OpenAi, ProviderKind::Anthropic, ProviderKind::Gemini, ProviderKind::Ollama] {
        let key = Some(key_for(kind)).filter(|k| !k.is_empty());
        let out = server.client(kind, key).complete_json::<Rubric>(&request(kind), &schema()).await.unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_eq!(out.value.requirements.len(), 1, "{kind:?}");
        assert!(!out.repaired, "{kind:?}");
    }
}

#[tokio::test]
async fn a_server_that_refuses_the_json_mode_is_asked_again_with_the_schema_in_the_prompt() {
    let server = TestServer::start();
    let kind = ProviderKind::OpenAiCompatible;
    // LM Studio's answer to `response_format: {type: "json_object"}`.
    let refusal = json!({"scenario": "bad-request", "message": "'response_format.type' must be 'json_schema' or 'text'"});
    for streamed in [false, true] {
        server.script(json!([refusal, {"scenario": "reply", "json": good()}])).await;
        let before = server.requests().await.len();
        let client = server.client(kind, Some(key_for(kind)));
        let out = if streamed {
            client.complete_json_streamed::<Rubric>(&request(kind), &schema(), &mut |_| {}).await
        } else {
            client.complete_json::<Rubric>(&request(kind), &schema()).await
        };
        assert_eq!(out.unwrap_or_else(|e| panic!("streamed {streamed}: {e}")).value, expected());
        let sent = server.requests().await.split_off(before);
        assert_eq!(sent.len(), 2, "the refused call and one without the JSON mode");
        assert_eq!(sent[0]["json"]["response_format"], json!({"type": "json_object"}));
        assert_eq!(sent[1]["json"].get("response_format"), None);
        let system = sent[1]["json"]["messages"][0]["content"].as_str().unwrap();
        assert!(system.contains("Reply in json") && system.contains("\"required\":[\"role\",\"requirements\"]"), "{system}");
    }

    // Any other bad request is final: one call, its error.
    server.script(json!([{"scenario": "bad-request", "message": "messages: too long"}])).await;
    let before = server.requests().await.len();
    let err = server.client(kind, Some(key_for(kind))).complete_json::<Rubric>(&request(kind), &schema()).await.unwrap_err();
    assert!(matches!(err, LlmError::BadRequest { status: 400, .. }), "{err:?}");
    assert_eq!(server.requests().await.len(), before + 1);
}
