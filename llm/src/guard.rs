//! The key-host guard: a key is attached only to requests for the origin (scheme, host,
//! port) of its own provider's configured base URL.
//!
//! Every URL the client builds starts from that base URL, so the guard should never fire;
//! it exists so that a future change (a pagination link, a URL from a response, a mix-up
//! between two configs) fails loudly instead of handing a key to someone else.

use reqwest::Url;

use crate::error::LlmError;
use crate::provider::ProviderConfig;

/// Checks that `url` may carry `config`'s key. Call it for every request with a key.
pub fn check_key_destination(config: &ProviderConfig, url: &str) -> Result<(), LlmError> {
    let provider = config.provider;
    let base = config.effective_base_url()?;
    let expected = Url::parse(&base).map_err(|_| LlmError::Config {
        detail: format!("The base URL for {} is not valid. Correct it in Settings.", provider.display_name()),
    })?;
    let refuse = |host: String| LlmError::KeyHostMismatch { provider, host, expected: origin_of(&expected) };
    let target = Url::parse(url).map_err(|_| refuse("an unreadable address".into()))?;
    // Userinfo in a URL would be sent as Basic auth alongside the key; nothing of ours does that.
    let same_origin = target.scheme() == expected.scheme()
        && target.host_str().map(str::to_ascii_lowercase) == expected.host_str().map(str::to_ascii_lowercase)
        && target.port_or_known_default() == expected.port_or_known_default()
        && target.username().is_empty()
        && target.password().is_none();
    if same_origin {
        Ok(())
    } else {
        Err(refuse(origin_of(&target)))
    }
}

/// The hosts the Web Worker may call (`crate::remote`): the known providers' APIs, Azure
/// resources, and servers on this computer. It plays the part of the page's CSP
/// `connect-src`, which does not bind a worker loaded from its own URL: even a compromised
/// page cannot have the worker send anything elsewhere. A self-hosted copy of Fitted that
/// needs another host adds it here.
pub const WORKER_HOSTS: &[&str] = &[
    "api.openai.com",
    "api.anthropic.com",
    "*.openai.azure.com",
    "api.deepseek.com",
    "generativelanguage.googleapis.com",
    "openrouter.ai",
    "api.groq.com",
    "api.mistral.ai",
    "api.together.xyz",
];

/// Checks that the worker may call `config`'s base URL: https to a host in [`WORKER_HOSTS`],
/// or http(s) to this computer (Ollama, LM Studio).
pub fn check_worker_host(config: &ProviderConfig) -> Result<(), LlmError> {
    let base = config.effective_base_url()?;
    let url = Url::parse(&base).map_err(|_| LlmError::Config {
        detail: format!("The base URL for {} is not valid. Correct it in Settings.", config.provider.display_name()),
    })?;
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let local = matches!(host.as_str(), "localhost" | "127.0.0.1" | "[::1]") && matches!(url.scheme(), "http" | "https");
    let listed = url.scheme() == "https"
        && WORKER_HOSTS.iter().any(|h| match h.strip_prefix("*.") {
            Some(domain) => host.strip_suffix(domain).is_some_and(|sub| sub.ends_with('.') && sub.len() > 1),
            None => host == *h,
        });
    if local || listed {
        Ok(())
    } else {
        Err(LlmError::HostNotAllowed { provider: config.provider, host: origin_of(&url) })
    }
}

fn origin_of(url: &Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{}://{host}:{port}", url.scheme()),
        (Some(host), None) => format!("{}://{host}", url.scheme()),
        _ => url.scheme().to_owned(),
    }
}

/// `host[:port]` of a URL, for network error messages.
pub(crate) fn host_of(url: &str) -> String {
    Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(|h| match u.port() {
            Some(p) => format!("{h}:{p}"),
            None => h.to_owned(),
        }))
        .unwrap_or_else(|| "the configured address".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::ProviderKind;

    #[test]
    fn the_worker_calls_only_known_providers_and_this_computer() {
        for kind in ProviderKind::ALL {
            let c = ProviderConfig::new(kind);
            if kind.info().default_base_url.is_some() {
                assert!(check_worker_host(&c).is_ok(), "{kind:?}");
            }
        }
        let with = |kind, url: &str| check_worker_host(&ProviderConfig::new(kind).with_base_url(url));
        let mut azure = ProviderConfig::new(ProviderKind::AzureOpenAi);
        azure.endpoint = Some("https://my-resource.openai.azure.com".into());
        azure.deployment = Some("d".into());
        assert!(check_worker_host(&azure).is_ok());
        for ok in ["http://localhost:11434", "http://127.0.0.1:1234/v1", "https://api.groq.com/openai/v1"] {
            assert!(with(ProviderKind::OpenAiCompatible, ok).is_ok(), "{ok}");
        }
        for bad in [
            "https://evil.example/v1",
            "http://api.openai.com/v1",
            "https://api.openai.com.evil.example/v1",
            "https://openai.azure.com.evil.example",
            "https://evilopenai.azure.com",
            "http://192.168.1.5:11434",
        ] {
            let err = with(ProviderKind::OpenAiCompatible, bad).unwrap_err();
            assert!(matches!(err, LlmError::HostNotAllowed { .. }), "{bad}: {err:?}");
        }
    }

    #[test]
    fn only_the_configured_origin_gets_the_key() {
        let c = ProviderConfig::new(ProviderKind::OpenAi).with_key("sk-test-1234567890");
        assert!(check_key_destination(&c, "https://api.openai.com/v1/chat/completions").is_ok());
        assert!(check_key_destination(&c, "https://API.openai.com:443/v1/models").is_ok());
        for bad in [
            "https://api.anthropic.com/v1/messages",
            "http://api.openai.com/v1/models",
            "https://api.openai.com:8443/v1/models",
            "https://api.openai.com.evil.example/v1/models",
            "https://user:pw@api.openai.com/v1/models",
            "not a url",
        ] {
            let err = check_key_destination(&c, bad).unwrap_err();
            assert!(matches!(err, LlmError::KeyHostMismatch { .. }), "{bad}: {err:?}");
            assert!(!err.to_string().contains("sk-test"), "{err}");
        }
        let local = ProviderConfig::new(ProviderKind::OpenAiCompatible).with_base_url("http://127.0.0.1:4000/v1");
        assert!(check_key_destination(&local, "http://127.0.0.1:4000/v1/models").is_ok());
        let err = check_key_destination(&local, "http://127.0.0.1:4001/v1/models").unwrap_err();
        assert!(err.to_string().contains("http://127.0.0.1:4001"), "{err}");
        assert!(err.to_string().contains("(http://127.0.0.1:4000)"), "{err}");
    }
}
