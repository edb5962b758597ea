//! Starts the protocol test server (`tests/provider-server/server.mjs`) for one test and
//! stops it when the test ends, pass or fail: `TestServer` kills its own child in `Drop`,
//! and the server also exits when our end of its stdin closes (if this process dies).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fitted_llm::{ClientOptions, LlmClient, ProviderConfig, ProviderKind, RetryPolicy};
use serde_json::{json, Value};

pub struct TestServer {
    child: Child,
    pub port: u16,
    control: reqwest::Client,
}

impl TestServer {
    pub fn start() -> TestServer {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/provider-server/server.mjs");
        let mut child = Command::new("node")
            .arg(&script)
            .args(["--port", "0", "--exit-on-stdin-close"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the provider protocol tests need `node` (20+) on PATH");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        let read = BufReader::new(stdout).read_line(&mut line);
        let port = match (read, line.trim().strip_prefix("listening ").and_then(|p| p.parse().ok())) {
            (Ok(_), Some(port)) => port,
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("the test server did not start (printed {line:?}); run `node {}` to see why", script.display());
            }
        };
        TestServer { child, port, control: reqwest::Client::new() }
    }

    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.origin())
    }

    /// Queues scripted steps (see tests/provider-server/README.md).
    pub async fn script(&self, steps: Value) {
        let resp = self.control.post(self.url("/__script")).json(&json!({ "steps": steps })).send().await.expect("script the server");
        assert!(resp.status().is_success(), "scripting failed: {}", resp.text().await.unwrap_or_default());
    }

    /// Every provider request the server received so far, oldest first.
    pub async fn requests(&self) -> Vec<Value> {
        let v: Value = self.control.get(self.url("/__requests")).send().await.expect("read requests").json().await.expect("requests json");
        v["requests"].as_array().cloned().unwrap_or_default()
    }

    pub async fn last_request(&self) -> Value {
        self.requests().await.pop().expect("the server received a request")
    }

    /// Polls until the server has seen request `seq` closed early by the client.
    pub async fn wait_aborted(&self, seq: u64) -> bool {
        // Up to 30 s: it returns as soon as the server has seen the abort, so the bound only
        // matters when something is wrong, and a slow machine cannot fail it by chance.
        for _ in 0..1500 {
            let reqs = self.requests().await;
            if reqs.iter().any(|r| r["seq"] == json!(seq) && r["aborted"] == json!(true)) {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        false
    }

    /// A config for `kind` pointing at this server, with the base path the real provider uses.
    pub fn config(&self, kind: ProviderKind, key: Option<&str>) -> ProviderConfig {
        let origin = self.origin();
        let mut c = ProviderConfig::new(kind);
        match kind {
            ProviderKind::OpenAi | ProviderKind::OpenAiCompatible => c.base_url = Some(format!("{origin}/v1")),
            ProviderKind::Anthropic | ProviderKind::DeepSeek | ProviderKind::Ollama => c.base_url = Some(origin),
            ProviderKind::Gemini => c.base_url = Some(format!("{origin}/v1beta")),
            ProviderKind::OpenRouter => c.base_url = Some(format!("{origin}/api/v1")),
            ProviderKind::AzureOpenAi => {
                c.endpoint = Some(origin);
                c.deployment = Some("fitted-gpt4o".into());
            }
        }
        if let Some(key) = key {
            c = c.with_key(key);
        }
        c
    }

    /// A client with test-sized timeouts and retry delays.
    pub fn client(&self, kind: ProviderKind, key: Option<&str>) -> LlmClient {
        LlmClient::with_options(self.config(kind, key), fast_options()).expect("client")
    }
}

pub fn fast_options() -> ClientOptions {
    ClientOptions {
        timeout: Duration::from_secs(5),
        stream_idle_timeout: Duration::from_secs(5),
        retry: RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(20),
            max_delay: Duration::from_millis(200),
            max_total_wait: Duration::from_secs(3),
        },
    }
}

/// A plausible key per provider, distinct so tests can tell where each one went.
pub fn key_for(kind: ProviderKind) -> &'static str {
    match kind {
        ProviderKind::OpenAi => "sk-proj-OPENAIkey0000000000001111",
        ProviderKind::Anthropic => "sk-ant-api03-ANTHROPICkey00002222",
        ProviderKind::AzureOpenAi => "AZUREkey0000000000000000000003333",
        ProviderKind::DeepSeek => "sk-DEEPSEEKkey00000000000004444",
        ProviderKind::Gemini => "AIzaGEMINIkey000000000000000005555",
        ProviderKind::OpenRouter => "sk-or-v1-OPENROUTERkey000006666",
        ProviderKind::Ollama => "",
        ProviderKind::OpenAiCompatible => "gsk_COMPATIBLEkey0000000007777",
    }
}

pub fn default_model(kind: ProviderKind) -> &'static str {
    match kind {
        ProviderKind::OpenAi => "gpt-4o-mini",
        ProviderKind::Anthropic => "claude-haiku-4-5",
        ProviderKind::AzureOpenAi => "fitted-gpt4o",
        ProviderKind::DeepSeek => "deepseek-chat",
        ProviderKind::Gemini => "gemini-2.5-flash",
        ProviderKind::OpenRouter => "openai/gpt-4o-mini",
        ProviderKind::Ollama => "llama3.1:8b",
        ProviderKind::OpenAiCompatible => "qwen2.5-7b-instruct",
    }
}

/// Every provider with the key it gets in tests (Ollama takes none).
pub fn all_providers() -> Vec<(ProviderKind, Option<&'static str>)> {
    ProviderKind::ALL.iter().map(|k| (*k, Some(key_for(*k)).filter(|k| !k.is_empty()))).collect()
}

impl Drop for TestServer {
    fn drop(&mut self) {
        // Our own child, by handle; then reap it so no zombie outlives the test.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
