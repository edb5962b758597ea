//! API keys and provider settings (seed 001 `UserAPIKey`): one record per provider, the key
//! in plain text or sealed with the user's passphrase (see `crate::crypto`).
//!
//! Decrypted keys and the passphrase live only in this module's memory while unlocked; "Lock"
//! drops them, a reload forgets them. Nothing here logs or formats a key: errors come from
//! `fitted_llm`, whose messages never contain one.

use std::cell::RefCell;
use std::collections::HashMap;

use fitted_core::model::UserApiKey;
use fitted_llm::{KeyCheck, ProviderConfig, ProviderKind, SecretString};
use fitted_store::repo::{now, Batch};
use fitted_store::schema;
use serde::{Deserialize, Serialize};

use crate::crypto::{self, Sealing};
use crate::state::Services;

thread_local! {
    static PASSPHRASE: RefCell<Option<SecretString>> = const { RefCell::new(None) };
    static OPENED: RefCell<HashMap<ProviderKind, SecretString>> = RefCell::new(HashMap::new());
}

/// Settings stored beside the key (no secret in here).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredSettings {
    #[serde(default)]
    pub config: Option<ProviderConfig>,
    /// Models the key could use when last tested.
    #[serde(default)]
    pub available_models: Vec<String>,
}

/// What Settings shows for one provider.
#[derive(Debug, Clone)]
pub struct ProviderEntry {
    pub kind: ProviderKind,
    pub record: Option<UserApiKey>,
    pub config: ProviderConfig,
    pub available_models: Vec<String>,
    /// The key is sealed and not unlocked in this tab.
    pub locked: bool,
    /// A key (or, for keyless providers, a saved configuration) exists.
    pub has_key: bool,
    /// The last characters of the key, to tell keys apart.
    pub hint: String,
}

pub fn provider_tag(kind: ProviderKind) -> String {
    serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn record_id(kind: ProviderKind) -> String {
    format!("key-{}", provider_tag(kind))
}

fn sealing(r: &UserApiKey) -> Option<Sealing> {
    r.encryption.clone().and_then(|v| serde_json::from_value(v).ok())
}

fn settings_of(r: &UserApiKey) -> StoredSettings {
    r.settings.clone().and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default()
}

pub fn is_unlocked() -> bool {
    PASSPHRASE.with(|p| p.borrow().is_some())
}

async fn records(s: &Services) -> Result<Vec<UserApiKey>, String> {
    let store = s.store_ready().await?;
    let mut v: Vec<UserApiKey> = store.all(schema::API_KEYS).await.map_err(|e| e.user_message())?;
    v.retain(|r| r.user_id == store.user_id());
    Ok(v)
}

/// Are stored keys protected by a passphrase?
pub async fn protected(s: &Services) -> Result<bool, String> {
    Ok(records(s).await?.iter().any(|r| r.encryption.is_some()))
}

/// The key to use for a provider right now, if any (plain, or opened with the passphrase).
fn usable_key(kind: ProviderKind, r: &UserApiKey) -> Option<SecretString> {
    if r.api_key.is_empty() {
        return None;
    }
    if r.encryption.is_none() {
        return Some(SecretString::new(r.api_key.clone()));
    }
    OPENED.with(|o| o.borrow().get(&kind).cloned())
}

pub async fn entries(s: &Services) -> Result<Vec<ProviderEntry>, String> {
    let recs = records(s).await?;
    Ok(ProviderKind::ALL
        .iter()
        .map(|&kind| {
            let tag = provider_tag(kind);
            let record = recs.iter().find(|r| r.provider == tag).cloned();
            let st = record.as_ref().map(settings_of).unwrap_or_default();
            let key = record.as_ref().and_then(|r| usable_key(kind, r));
            let locked = record.as_ref().is_some_and(|r| r.encryption.is_some() && key.is_none());
            ProviderEntry {
                kind,
                config: st.config.clone().unwrap_or_else(|| ProviderConfig::new(kind)),
                available_models: st.available_models,
                locked,
                has_key: record.as_ref().is_some_and(|r| !r.api_key.is_empty()),
                hint: key.map(|k| k.hint()).unwrap_or_default(),
                record,
            }
        })
        .collect())
}

/// The full config for calls (key included), or why there is none.
pub async fn config_for(s: &Services, kind: ProviderKind) -> Result<ProviderConfig, String> {
    let tag = provider_tag(kind);
    let r = records(s).await?.into_iter().find(|r| r.provider == tag);
    let mut config = r.as_ref().and_then(|r| settings_of(r).config).unwrap_or_else(|| ProviderConfig::new(kind));
    if let Some(r) = &r {
        if r.encryption.is_some() && usable_key(kind, r).is_none() {
            return Err("Your API keys are locked. Unlock them with your passphrase in Settings → AI providers.".into());
        }
        config.api_key = usable_key(kind, r);
    }
    Ok(config)
}

/// Save a provider's settings, and its key when one is given (`None` keeps the stored key).
/// A new key is untested until "Test key".
pub async fn save(s: &Services, kind: ProviderKind, mut config: ProviderConfig, new_key: Option<String>) -> Result<(), String> {
    let store = s.store_ready().await?;
    let tag = provider_tag(kind);
    let old = records(s).await?.into_iter().find(|r| r.provider == tag);
    let t = now();
    let mut r = old.clone().unwrap_or(UserApiKey {
        id: record_id(kind),
        user_id: store.user_id().to_string(),
        provider: tag,
        api_key: String::new(),
        endpoint: None,
        is_valid: false,
        last_validated: None,
        validation_error: None,
        encryption: None,
        settings: None,
        created_at: t,
        updated_at: t,
    });
    config.api_key = None;
    let mut st = settings_of(&r);
    if let Some(key) = new_key {
        let key = SecretString::new(key);
        if key.is_empty() {
            return Err("Paste the key first (or use “Forget key” to remove it).".into());
        }
        if protected(s).await? {
            let pass = PASSPHRASE.with(|p| p.borrow().clone()).ok_or("Your keys are protected by a passphrase: unlock them first, then add this key.")?;
            let (sealed, how) = crypto::seal(pass.expose_secret(), key.expose_secret()).await.map_err(|e| e.to_string())?;
            r.api_key = sealed;
            r.encryption = Some(serde_json::to_value(how).map_err(|e| e.to_string())?);
            OPENED.with(|o| o.borrow_mut().insert(kind, key));
        } else {
            r.api_key = key.expose_secret().to_string();
            r.encryption = None;
        }
        r.is_valid = false;
        r.last_validated = None;
        r.validation_error = None;
        st.available_models.clear();
    }
    r.endpoint = config.endpoint.clone();
    st.config = Some(config);
    r.settings = Some(serde_json::to_value(&st).map_err(|e| e.to_string())?);
    r.updated_at = t;
    store.put(schema::API_KEYS, &r).await.map_err(|e| e.user_message())
}

/// Validate with the cheapest call and store the outcome (seed 001 `isValid`,
/// `lastValidated`, `validationError`). The check's outcome is returned even when storing
/// it fails; the store error is then the `Err`.
pub async fn test(s: &Services, kind: ProviderKind) -> Result<KeyCheck, String> {
    let config = config_for(s, kind).await?;
    // Through the worker, like every model call: the page links no HTTP client.
    let call = fitted_llm::remote::Call::new(config, fitted_llm::remote::What::ValidateKey);
    let check = match s.bridge().llm(&call, None, &fitted_llm::CancelToken::new()).await.and_then(|a| a.into_key_check()) {
        Ok(check) => check,
        Err(e) => KeyCheck { is_valid: false, validation_error: Some(e.to_string()), models: Vec::new() },
    };
    let tag = provider_tag(kind);
    let store = s.store_ready().await?;
    let Some(mut r) = records(s).await?.into_iter().find(|r| r.provider == tag) else {
        return Ok(check);
    };
    r.is_valid = check.is_valid;
    r.last_validated = Some(now());
    r.validation_error = check.validation_error.clone();
    let mut st = settings_of(&r);
    if check.is_valid {
        st.available_models = check.models.clone();
    }
    r.settings = Some(serde_json::to_value(&st).map_err(|e| e.to_string())?);
    store.put(schema::API_KEYS, &r).await.map_err(|e| e.user_message())?;
    Ok(check)
}

pub async fn forget(s: &Services, kind: ProviderKind) -> Result<(), String> {
    let store = s.store_ready().await?;
    store.delete(schema::API_KEYS, &record_id(kind)).await.map_err(|e| e.user_message())?;
    OPENED.with(|o| o.borrow_mut().remove(&kind));
    Ok(())
}

fn kind_of(r: &UserApiKey) -> Option<ProviderKind> {
    serde_json::from_value(serde_json::Value::String(r.provider.clone())).ok()
}

/// Seal every plain key with a new passphrase, in one transaction.
pub async fn set_passphrase(s: &Services, passphrase: &str) -> Result<(), String> {
    if passphrase.chars().count() < 8 {
        return Err("Use a passphrase of at least 8 characters (a few words are easy to remember and hard to guess).".into());
    }
    if protected(s).await? {
        return Err("Your keys already have a passphrase. Remove it first to choose another.".into());
    }
    let recs = records(s).await?;
    let mut batch = Batch::new();
    let mut opened = HashMap::new();
    for mut r in recs.into_iter().filter(|r| !r.api_key.is_empty()) {
        let (sealed, how) = crypto::seal(passphrase, &r.api_key).await.map_err(|e| e.to_string())?;
        if let Some(k) = kind_of(&r) {
            opened.insert(k, SecretString::new(r.api_key.clone()));
        }
        r.api_key = sealed;
        r.encryption = Some(serde_json::to_value(how).map_err(|e| e.to_string())?);
        r.updated_at = now();
        batch.put(schema::API_KEYS, &r).map_err(|e| e.user_message())?;
    }
    if batch.is_empty() {
        return Err("Save a key first; the passphrase protects saved keys.".into());
    }
    s.store_ready().await?.write(batch).await.map_err(|e| e.user_message())?;
    PASSPHRASE.with(|p| *p.borrow_mut() = Some(SecretString::new(passphrase)));
    OPENED.with(|o| *o.borrow_mut() = opened);
    Ok(())
}

/// Open every sealed key into memory. A wrong passphrase changes nothing.
pub async fn unlock(s: &Services, passphrase: &str) -> Result<(), String> {
    let mut opened = HashMap::new();
    for r in records(s).await? {
        let (Some(how), Some(kind)) = (sealing(&r), kind_of(&r)) else { continue };
        let key = crypto::open(passphrase, &r.api_key, &how).await.map_err(|e| e.to_string())?;
        opened.insert(kind, SecretString::new(key));
    }
    PASSPHRASE.with(|p| *p.borrow_mut() = Some(SecretString::new(passphrase)));
    OPENED.with(|o| *o.borrow_mut() = opened);
    Ok(())
}

/// Forget the passphrase and every opened key in this tab.
pub fn lock() {
    PASSPHRASE.with(|p| *p.borrow_mut() = None);
    OPENED.with(|o| o.borrow_mut().clear());
}

/// Store every key in plain text again (needs the keys unlocked).
pub async fn remove_passphrase(s: &Services) -> Result<(), String> {
    if !is_unlocked() {
        return Err("Unlock your keys first.".into());
    }
    let mut batch = Batch::new();
    for mut r in records(s).await? {
        let Some(kind) = kind_of(&r) else { continue };
        if r.encryption.is_none() {
            continue;
        }
        let key = OPENED.with(|o| o.borrow().get(&kind).cloned()).ok_or("A key could not be opened; unlock again.")?;
        r.api_key = key.expose_secret().to_string();
        r.encryption = None;
        r.updated_at = now();
        batch.put(schema::API_KEYS, &r).map_err(|e| e.user_message())?;
    }
    s.store_ready().await?.write(batch).await.map_err(|e| e.user_message())?;
    lock();
    Ok(())
}
