//! The API key type.
//!
//! A key must never reach a log, an error message, a panic message or a serialised config by
//! accident. So `SecretString` has no `Display` (formatting it with `{}` does not compile),
//! its `Debug` prints `[redacted]`, it does not implement `Serialize` (a config serialises
//! without it), and its memory is zeroed when dropped. Reading it takes an explicit
//! [`SecretString::expose_secret`] call, which is easy to grep for.

use std::fmt;

use serde::{Deserialize, Deserializer};
use zeroize::Zeroize;

/// An API key (or any secret string). See the module docs for what it refuses to do.
#[derive(Clone, Default)]
pub struct SecretString(String);

impl SecretString {
    pub fn new(value: impl Into<String>) -> Self {
        // Users paste keys with stray spaces or newlines; those would make every call fail
        // with a confusing "wrong key" error.
        let mut raw: String = value.into();
        let trimmed = raw.trim().to_owned();
        raw.zeroize();
        Self(trimmed)
    }

    /// The secret itself. Only the transport (auth header) and the key store should call this.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A hint that lets a user tell keys apart without revealing them: the last four
    /// characters after an ellipsis (`…9f3Q`), or nothing for keys too short to hint at.
    pub fn hint(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        if chars.len() < 16 {
            return "…".to_owned();
        }
        let tail: String = chars[chars.len() - 4..].iter().collect();
        format!("…{tail}")
    }
}

impl From<String> for SecretString {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl From<&str> for SecretString {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretString([redacted])")
    }
}

impl Drop for SecretString {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl<'de> Deserialize<'de> for SecretString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(SecretString::new)
    }
}

/// `#[serde(with = "fitted_llm::secret::exposed")]` for the one record that must store the
/// key in clear (the key store's `UserAPIKey.apiKey`, seed 001). Opting in per field keeps
/// every other serialisation key-free.
pub mod exposed {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::SecretString;

    pub fn serialize<S: Serializer>(value: &SecretString, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(value.expose_secret())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<SecretString, D::Error> {
        SecretString::deserialize(deserializer)
    }
}

/// Removes anything that looks like the key (or a provider's masked echo of it) from text
/// that came back from a provider, before it becomes part of an error message.
///
/// OpenAI, for instance, answers a wrong key with "Incorrect API key provided: sk-proj-****abcd",
/// which leaks the prefix and the last characters; those fragments are enough to correlate keys.
pub(crate) fn redact(text: &str, key: Option<&SecretString>) -> String {
    let mut out = text.to_owned();
    if let Some(key) = key.map(SecretString::expose_secret).filter(|k| !k.is_empty()) {
        out = out.replace(key, "[redacted]");
    }
    let key = key.map(SecretString::expose_secret).unwrap_or("");
    let head: String = key.chars().take(8).collect();
    let tail: String = key.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    let redacted_words: Vec<String> = out
        .split(' ')
        .map(|word| {
            let core = word.trim_end_matches(['.', ',', ';', ':', ')', '"', '\'']);
            let looks_secret = core.contains("***")
                || (key.chars().count() >= 12 && (core.contains(&head) || (tail.len() == 4 && core.ends_with(&tail) && core.len() > 8)))
                || looks_like_key(core);
            if looks_secret {
                let rest = &word[core.len()..];
                format!("[redacted]{rest}")
            } else {
                word.to_owned()
            }
        })
        .collect();
    redacted_words.join(" ")
}

/// Well-known key shapes, so a key for *another* provider echoed back is hidden too.
fn looks_like_key(word: &str) -> bool {
    let long_token = word.len() >= 20 && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let prefixed = ["sk-", "sk_", "AIza", "gsk_", "xai-"].iter().any(|p| word.starts_with(p));
    long_token && (prefixed || word.chars().any(|c| c.is_ascii_digit()) && word.chars().any(|c| c.is_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_key() {
        let key = SecretString::new("  sk-live-1234567890abcdef\n");
        assert_eq!(format!("{key:?}"), "SecretString([redacted])");
        assert_eq!(key.expose_secret(), "sk-live-1234567890abcdef");
        assert_eq!(key.hint(), "…cdef");
        assert_eq!(SecretString::new("short").hint(), "…");
    }

    #[test]
    fn redact_removes_exact_and_masked_keys() {
        let key = SecretString::new("sk-proj-abcdefghijklmnop1234");
        let text = "Incorrect API key provided: sk-proj-****************1234. You can find your API key at https://platform.openai.com/account/api-keys.";
        let out = redact(text, Some(&key));
        assert!(!out.contains("1234"), "{out}");
        assert!(!out.contains("sk-proj"), "{out}");
        assert!(out.starts_with("Incorrect API key provided: [redacted]."), "{out}");
        assert!(out.contains("https://platform.openai.com/account/api-keys."), "{out}");
        let out = redact("bad key sk-proj-abcdefghijklmnop1234 here", Some(&key));
        assert_eq!(out, "bad key [redacted] here");
        // Other providers' key shapes are hidden even when we do not hold that key.
        let out = redact("key AIzaSyA1234567890abcdefghijk rejected", None);
        assert_eq!(out, "key [redacted] rejected");
        // Ordinary prose survives.
        let prose = "The model `gpt-4o` does not exist or you do not have access to it.";
        assert_eq!(redact(prose, Some(&key)), prose);
    }
}
