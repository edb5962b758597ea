//! Passphrase encryption of API keys at rest, with the browser's WebCrypto.
//!
//! PBKDF2-SHA256 with 600 000 iterations (OWASP's 2023 figure for PBKDF2-SHA256) turns the
//! passphrase and a random 16-byte salt into an AES-256-GCM key; each API key is sealed with
//! its own salt and a random 12-byte IV, so two equal keys never give equal ciphertexts and a
//! stolen database says nothing about which keys match. GCM's tag makes a wrong passphrase
//! (or a tampered record) fail to open instead of yielding garbage. The passphrase itself is
//! never stored; derived keys are not extractable.

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub const ITERATIONS: u32 = 600_000;
const SALT_LEN: usize = 16;
const IV_LEN: usize = 12;

/// How a sealed key was sealed (stored in `UserApiKey.encryption`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sealing {
    pub cipher: String,
    pub kdf: String,
    pub iterations: u32,
    pub salt: String,
    pub iv: String,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CryptoError {
    #[error("That passphrase does not open your keys. Check it and try again (nothing was changed).")]
    WrongPassphrase,
    #[error("This browser cannot encrypt here ({0}). Use a current browser over https or on localhost.")]
    Unavailable(String),
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

fn subtle() -> Result<(web_sys::Crypto, web_sys::SubtleCrypto), CryptoError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or_else(|| CryptoError::Unavailable("no crypto object".into()))?;
    let subtle = crypto.subtle();
    Ok((crypto, subtle))
}

fn js_err(e: JsValue) -> CryptoError {
    CryptoError::Unavailable(e.as_string().or_else(|| js_sys::Reflect::get(&e, &"message".into()).ok()?.as_string()).unwrap_or_else(|| "unknown error".into()))
}

fn random(n: usize) -> Result<Vec<u8>, CryptoError> {
    let (crypto, _) = subtle()?;
    let mut v = vec![0u8; n];
    crypto.get_random_values_with_u8_array(&mut v).map_err(js_err)?;
    Ok(v)
}

async fn derive(passphrase: &str, salt: &[u8], iterations: u32) -> Result<web_sys::CryptoKey, CryptoError> {
    let (_, subtle) = subtle()?;
    let raw = js_sys::Uint8Array::from(passphrase.as_bytes());
    let usages = js_sys::Array::of1(&"deriveKey".into());
    let base: web_sys::CryptoKey = JsFuture::from(subtle.import_key_with_str("raw", &raw, "PBKDF2", false, &usages).map_err(js_err)?)
        .await
        .map_err(js_err)?
        .unchecked_into();
    let params = web_sys::Pbkdf2Params::new("PBKDF2", &"SHA-256".into(), iterations, &js_sys::Uint8Array::from(salt));
    let aes = web_sys::AesDerivedKeyParams::new("AES-GCM", 256);
    let usages = js_sys::Array::of2(&"encrypt".into(), &"decrypt".into());
    Ok(JsFuture::from(subtle.derive_key_with_object_and_object(&params, &base, &aes, false, &usages).map_err(js_err)?)
        .await
        .map_err(js_err)?
        .unchecked_into())
}

/// Seal a secret: returns the ciphertext (base64) and how it was sealed.
pub async fn seal(passphrase: &str, secret: &str) -> Result<(String, Sealing), CryptoError> {
    let salt = random(SALT_LEN)?;
    let iv = random(IV_LEN)?;
    let key = derive(passphrase, &salt, ITERATIONS).await?;
    let (_, subtle) = subtle()?;
    let params = web_sys::AesGcmParams::new("AES-GCM", &js_sys::Uint8Array::from(iv.as_slice()));
    let out = JsFuture::from(subtle.encrypt_with_object_and_u8_array(&params, &key, secret.as_bytes()).map_err(js_err)?)
        .await
        .map_err(js_err)?;
    let bytes = js_sys::Uint8Array::new(&out).to_vec();
    Ok((
        b64().encode(bytes),
        Sealing { cipher: "AES-256-GCM".into(), kdf: "PBKDF2-SHA256".into(), iterations: ITERATIONS, salt: b64().encode(salt), iv: b64().encode(iv) },
    ))
}

/// Open a sealed secret; a wrong passphrase is [`CryptoError::WrongPassphrase`].
pub async fn open(passphrase: &str, ciphertext: &str, how: &Sealing) -> Result<String, CryptoError> {
    let bad = |_| CryptoError::WrongPassphrase;
    let salt = b64().decode(&how.salt).map_err(bad)?;
    let iv = b64().decode(&how.iv).map_err(bad)?;
    let data = b64().decode(ciphertext).map_err(bad)?;
    let key = derive(passphrase, &salt, how.iterations).await?;
    let (_, subtle) = subtle()?;
    let params = web_sys::AesGcmParams::new("AES-GCM", &js_sys::Uint8Array::from(iv.as_slice()));
    let out = JsFuture::from(subtle.decrypt_with_object_and_u8_array(&params, &key, &data).map_err(js_err)?)
        .await
        .map_err(|_| CryptoError::WrongPassphrase)?;
    String::from_utf8(js_sys::Uint8Array::new(&out).to_vec()).map_err(|_| CryptoError::WrongPassphrase)
}
