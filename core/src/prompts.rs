//! Prompts sent to a user's model, as versioned files in `core/prompts/`: a changed prompt
//! is a new file, so a run's `promptVersions` and `promptHashes` always name exactly what was
//! sent.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::hash::sha256_hex;

/// One request to a model, without I/O: the caller sends it with the user's key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Prompt {
    /// The instructions: the versioned file's text.
    pub system: String,
    /// The task's input (JSON or the posting).
    pub user: String,
    /// JSON Schema of the reply, for structured output.
    pub schema: Value,
    /// The file's name without `.md` (`rewrite-v1`).
    pub version: String,
    /// SHA-256 of the instructions.
    pub hash: String,
}

impl Prompt {
    pub fn new(version: &str, instructions: &str, user: String, schema: Value) -> Self {
        Prompt { system: instructions.to_string(), user, schema, version: version.to_string(), hash: sha256_hex(instructions.as_bytes()) }
    }
}
