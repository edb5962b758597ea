//! Content hashes (seed 000: `contentHash`, `descriptionHash`, `rubricHash`, `rulesHash`, …).
//!
//! Every cache in Fitted is keyed by a SHA-256 of a *canonical* form, so the same content
//! always gets the same key whatever order its JSON keys arrived in or how its whitespace
//! was typed. Hashes are lowercase hex so they sort and compare as plain strings in IndexedDB.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// SHA-256 of raw bytes as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from_digit((b >> 4) as u32, 16).unwrap_or('0'));
        out.push(char::from_digit((b & 15) as u32, 16).unwrap_or('0'));
    }
    out
}

/// Canonical JSON: object keys sorted (serde_json's default map is a BTreeMap), no
/// insignificant whitespace. Two values that are equal as JSON get the same text.
pub fn canonical_json<T: Serialize + ?Sized>(value: &T) -> String {
    // Round-tripping through `Value` sorts keys; struct field order would otherwise leak in.
    let v = serde_json::to_value(value).unwrap_or(serde_json::Value::Null);
    serde_json::to_string(&v).unwrap_or_default()
}

/// Hash of a serialisable value's canonical JSON.
pub fn hash_json<T: Serialize + ?Sized>(value: &T) -> String {
    sha256_hex(canonical_json(value).as_bytes())
}

/// Normalised text for hashing prose (job descriptions, bullets): Unicode whitespace runs
/// collapse to one space, ends trimmed, and case kept (case can carry meaning, e.g. "Go").
pub fn normalize_text(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Hash of normalised text: pasting the same posting twice with different line breaks or
/// trailing spaces gives the same `descriptionHash`.
pub fn hash_text(text: &str) -> String {
    sha256_hex(normalize_text(text).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_known_vector() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn canonical_json_ignores_key_order() {
        let a: serde_json::Value = serde_json::from_str(r#"{"b":1,"a":{"y":2,"x":3}}"#).unwrap();
        let b: serde_json::Value = serde_json::from_str(r#"{"a":{"x":3,"y":2},"b":1}"#).unwrap();
        assert_eq!(hash_json(&a), hash_json(&b));
        assert_eq!(canonical_json(&a), r#"{"a":{"x":3,"y":2},"b":1}"#);
    }

    #[test]
    fn text_hash_ignores_whitespace_layout_but_not_words() {
        assert_eq!(hash_text("Go  engineer\n\n needed "), hash_text("Go engineer needed"));
        assert_ne!(hash_text("Go engineer"), hash_text("go engineer"));
    }
}
