//! Cost estimates from token usage.
//!
//! **Estimates only.** Prices are the providers' public list prices per million tokens for
//! standard (non-batch, non-cached) usage as published around [`PRICES_AS_OF`]; they change,
//! differ by region and tier, and ignore cached-input discounts and long-context surcharges.
//! A model not in the table gets no estimate rather than a guess.

use serde::{Deserialize, Serialize};

use crate::provider::ProviderKind;
use crate::types::Usage;

/// When the price table was last checked.
pub const PRICES_AS_OF: &str = "2025-08";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CostEstimate {
    /// Estimated US dollars for the call.
    pub usd: f64,
    /// The table's date ([`PRICES_AS_OF`]), so a stored estimate says how old its prices were.
    pub prices_as_of: String,
    /// Always true: the UI should label the number as an estimate.
    pub is_estimate: bool,
}

impl CostEstimate {
    pub(crate) fn add(a: Option<CostEstimate>, b: Option<CostEstimate>) -> Option<CostEstimate> {
        match (a, b) {
            (Some(a), Some(b)) => Some(CostEstimate { usd: a.usd + b.usd, ..a }),
            (a, b) => a.or(b),
        }
    }
}

/// Which providers' list prices an entry applies to.
#[derive(Debug, Clone, Copy)]
enum Family {
    /// OpenAI's prices; Azure's standard global deployments and OpenRouter's `openai/…` match.
    OpenAi,
    Anthropic,
    Gemini,
    DeepSeek,
}

struct Price {
    family: Family,
    /// Matched against `derive_model_key(model)`: equal, or followed by `-` (dated versions).
    key_prefix: &'static str,
    input_per_mtok: f64,
    output_per_mtok: f64,
}

const fn p(family: Family, key_prefix: &'static str, input_per_mtok: f64, output_per_mtok: f64) -> Price {
    Price { family, key_prefix, input_per_mtok, output_per_mtok }
}

static PRICES: &[Price] = &[
    p(Family::OpenAi, "gpt-5", 1.25, 10.0),
    p(Family::OpenAi, "gpt-5-mini", 0.25, 2.0),
    p(Family::OpenAi, "gpt-5-nano", 0.05, 0.40),
    p(Family::OpenAi, "gpt-4-1", 2.0, 8.0),
    p(Family::OpenAi, "gpt-4-1-mini", 0.40, 1.60),
    p(Family::OpenAi, "gpt-4-1-nano", 0.10, 0.40),
    p(Family::OpenAi, "gpt-4o", 2.50, 10.0),
    p(Family::OpenAi, "gpt-4o-mini", 0.15, 0.60),
    p(Family::OpenAi, "o4-mini", 1.10, 4.40),
    p(Family::OpenAi, "o3", 2.0, 8.0),
    p(Family::OpenAi, "o3-mini", 1.10, 4.40),
    p(Family::OpenAi, "text-embedding-3-small", 0.02, 0.0),
    p(Family::OpenAi, "text-embedding-3-large", 0.13, 0.0),
    p(Family::Anthropic, "claude-opus-4", 15.0, 75.0),
    p(Family::Anthropic, "claude-sonnet-4", 3.0, 15.0),
    p(Family::Anthropic, "claude-sonnet-4-5", 3.0, 15.0),
    p(Family::Anthropic, "claude-3-7-sonnet", 3.0, 15.0),
    p(Family::Anthropic, "claude-3-5-sonnet", 3.0, 15.0),
    p(Family::Anthropic, "claude-3-5-haiku", 0.80, 4.0),
    p(Family::Anthropic, "claude-haiku-4-5", 1.0, 5.0),
    p(Family::Gemini, "gemini-2-5-pro", 1.25, 10.0),
    p(Family::Gemini, "gemini-2-5-flash", 0.30, 2.50),
    p(Family::Gemini, "gemini-2-5-flash-lite", 0.10, 0.40),
    p(Family::Gemini, "gemini-2-0-flash", 0.10, 0.40),
    p(Family::Gemini, "gemini-2-0-flash-lite", 0.075, 0.30),
    p(Family::DeepSeek, "deepseek-chat", 0.27, 1.10),
    p(Family::DeepSeek, "deepseek-reasoner", 0.55, 2.19),
];

/// Whether what follows a priced name only pins a version of it (`-2024-08-06`, `-20241022`,
/// `-001`, `-latest`, `-preview-05-20`) rather than naming a different model (`-pro`, `-mini`,
/// `-5`), which may cost something else entirely.
fn is_version_suffix(rest: &str) -> bool {
    let Some(rest) = rest.strip_prefix('-') else { return false };
    let first = rest.split('-').next().unwrap_or("");
    (first.len() >= 3 && first.chars().all(|c| c.is_ascii_digit())) || matches!(first, "latest" | "preview" | "exp")
}

/// The estimated cost of `usage` on `model` at `provider`, if the model is priced.
/// Ollama runs locally: its cost is zero.
pub fn estimate_cost(provider: ProviderKind, model: &str, usage: Usage) -> Option<CostEstimate> {
    let (families, model): (&[Family], &str) = match provider {
        ProviderKind::OpenAi | ProviderKind::AzureOpenAi => (&[Family::OpenAi], model),
        ProviderKind::Anthropic => (&[Family::Anthropic], model),
        ProviderKind::Gemini => (&[Family::Gemini], model.trim_start_matches("models/")),
        ProviderKind::DeepSeek => (&[Family::DeepSeek], model),
        // OpenRouter passes providers' token prices through; its names are `vendor/model`.
        ProviderKind::OpenRouter => {
            let (vendor, name) = model.split_once('/')?;
            let families: &[Family] = match vendor {
                "openai" => &[Family::OpenAi],
                "anthropic" => &[Family::Anthropic],
                "google" => &[Family::Gemini],
                "deepseek" => &[Family::DeepSeek],
                _ => return None,
            };
            (families, name)
        }
        ProviderKind::Ollama => {
            return Some(CostEstimate { usd: 0.0, prices_as_of: PRICES_AS_OF.into(), is_estimate: true });
        }
        ProviderKind::OpenAiCompatible => return None,
    };
    let key = fitted_core::model::derive_model_key(model);
    let price = PRICES
        .iter()
        .filter(|p| families.iter().any(|f| std::mem::discriminant(f) == std::mem::discriminant(&p.family)))
        .filter(|p| key == p.key_prefix || key.strip_prefix(p.key_prefix).is_some_and(is_version_suffix))
        .max_by_key(|p| p.key_prefix.len())?;
    let usd = (f64::from(usage.input_tokens) * price.input_per_mtok + f64::from(usage.output_tokens) * price.output_per_mtok)
        / 1_000_000.0;
    Some(CostEstimate { usd, prices_as_of: PRICES_AS_OF.into(), is_estimate: true })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(provider: ProviderKind, model: &str) -> Option<f64> {
        estimate_cost(provider, model, Usage { input_tokens: 1_000_000, output_tokens: 1_000_000 }).map(|c| c.usd)
    }

    #[test]
    fn longest_matching_prefix_wins() {
        assert_eq!(usd(ProviderKind::OpenAi, "gpt-4o"), Some(12.5));
        assert_eq!(usd(ProviderKind::OpenAi, "gpt-4o-mini"), Some(0.75));
        assert_eq!(usd(ProviderKind::OpenAi, "gpt-4o-mini-2024-07-18"), Some(0.75));
        assert_eq!(usd(ProviderKind::OpenAi, "gpt-4o-2024-08-06"), Some(12.5));
        assert_eq!(usd(ProviderKind::AzureOpenAi, "gpt-4.1-mini"), Some(2.0));
        assert_eq!(usd(ProviderKind::Anthropic, "claude-3-5-haiku-20241022"), Some(4.8));
        assert_eq!(usd(ProviderKind::Gemini, "models/gemini-2.5-flash"), Some(2.8));
        assert_eq!(usd(ProviderKind::OpenRouter, "openai/gpt-4o-mini"), Some(0.75));
        assert_eq!(usd(ProviderKind::Ollama, "llama3.1:8b"), Some(0.0));
    }

    #[test]
    fn unknown_models_get_no_cost() {
        assert_eq!(usd(ProviderKind::OpenAi, "gpt-4ox"), None, "no partial-word matches");
        assert_eq!(usd(ProviderKind::OpenAi, "o3-pro"), None, "a variant is another model");
        assert_eq!(usd(ProviderKind::Anthropic, "claude-opus-4-9"), None, "a newer minor version may be priced differently");
        assert_eq!(usd(ProviderKind::Anthropic, "claude-3-5-haiku-latest"), Some(4.8));
        assert_eq!(usd(ProviderKind::Gemini, "gemini-2.0-flash-001"), Some(0.5));
        assert_eq!(usd(ProviderKind::OpenAi, "claude-sonnet-4"), None, "wrong provider family");
        assert_eq!(usd(ProviderKind::OpenAiCompatible, "gpt-4o"), None);
        assert_eq!(usd(ProviderKind::OpenRouter, "meta-llama/llama-3-70b"), None);
        assert_eq!(usd(ProviderKind::OpenRouter, "gpt-4o"), None);
    }
}
