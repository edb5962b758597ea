//! The one message type between the UI thread and the Web Worker.
//!
//! Both directions use [`WorkerMessage`], so a single `serde` definition is the whole
//! contract: the UI sends `Request`s tagged with an id it chose; the worker answers each id
//! with any number of `Progress` events and then exactly one `Result` or `Error`. Ids let
//! several requests be in flight at once (a preview render and a fit ranking, say) and let
//! the UI drop answers to requests it no longer cares about (the last preview wins).
//!
//! The encoding is serde's default external tagging, which `serde-wasm-bindgen` maps to
//! plain JS objects without buffering, and byte payloads (`serde_bytes`) travel as
//! `Uint8Array`s rather than arrays of numbers.

use serde::{Deserialize, Serialize};

/// Monotonic per UI session; the worker only echoes it.
pub type RequestId = u64;

/// Bumped whenever a variant changes shape, so a UI and a stale cached worker notice.
pub const PROTOCOL_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WorkerMessage {
    /// Worker → UI, once, when the worker's wasm is instantiated and listening.
    Ready { protocol: u32 },
    /// UI → worker.
    Request { id: RequestId, request: Request },
    /// Worker → UI: work on `id` advanced (`done` of `total` steps, with a label).
    Progress { id: RequestId, label: String, done: u32, total: u32 },
    /// Worker → UI: `id` finished.
    Result { id: RequestId, response: Response },
    /// Worker → UI: `id` failed; the worker itself is still healthy.
    Error { id: RequestId, error: WorkerError },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Liveness check; answers `Pong`.
    Ping,
    /// Hash and measure a text: the smallest real round trip through the engine.
    AnalyzeText { text: String },
    /// Deliberately panic inside the worker. Used by the diagnostics panel and the e2e
    /// suite to prove crash detection and restart.
    Crash,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Response {
    Pong { protocol: u32 },
    TextAnalysis(TextAnalysis),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TextAnalysis {
    /// SHA-256 of the normalised text (the same hash `jobs.descriptionHash` uses).
    pub sha256: String,
    pub words: u32,
    pub chars: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ErrorCode {
    /// The input was rejected; the message says which field and why.
    BadInput,
    /// The engine or typesetter failed on valid input.
    Failed,
    /// The worker did not load or crashed (produced by the UI side, never by the worker).
    WorkerUnavailable,
    /// The request was superseded or cancelled.
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkerError {
    pub code: ErrorCode,
    pub message: String,
}

impl WorkerError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }
}

impl std::fmt::Display for WorkerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The engine side of a request that needs no browser: the worker calls this for every
/// request except `Crash`. Kept here so native tests exercise exactly what the worker runs.
pub fn handle(request: Request) -> Result<Response, WorkerError> {
    match request {
        Request::Ping => Ok(Response::Pong { protocol: PROTOCOL_VERSION }),
        Request::AnalyzeText { text } => Ok(Response::TextAnalysis(TextAnalysis {
            sha256: crate::hash::hash_text(&text),
            words: text.split_whitespace().count() as u32,
            chars: text.chars().count() as u32,
        })),
        Request::Crash => Err(WorkerError::new(ErrorCode::BadInput, "Crash is handled by the worker shell")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyze_text_hashes_normalised_text() {
        let Ok(Response::TextAnalysis(a)) = handle(Request::AnalyzeText { text: "Hello  world\n".into() }) else {
            panic!("expected analysis")
        };
        assert_eq!(a.words, 2);
        assert_eq!(a.sha256, crate::hash::hash_text("Hello world"));
    }

    #[test]
    fn messages_round_trip_through_json() {
        let m = WorkerMessage::Request { id: 7, request: Request::AnalyzeText { text: "x".into() } };
        let s = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<WorkerMessage>(&s).unwrap(), m);
    }
}
