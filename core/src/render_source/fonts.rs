//! Which optional font files a résumé needs.
//!
//! The typesetter embeds fonts for Latin (with Vietnamese), Greek, Cyrillic and Hebrew. Arabic,
//! CJK and emoji fonts are separate files under `public/fonts/` that the app fetches (and the
//! service worker caches) only when the résumé contains such characters, and hands to the
//! typesetter before rendering; most résumés need none of them. This check is pure so the UI can run it
//! without loading the typesetter.

use serde::Serialize;

use super::view::build;
use crate::resume::JsonResume;

/// A font file that is loaded on demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FallbackFont {
    /// File name under `public/fonts/` (served at `fonts/<file>` under the app's base URL).
    pub file: &'static str,
    /// The family name the templates ask for.
    pub family: &'static str,
    /// What it covers, for messages ("Chinese, Japanese and Korean").
    pub covers: &'static str,
    /// Compressed transfer size in bytes (brotli), so the UI can say what it will download.
    pub approx_download_bytes: u32,
}

/// Noto Sans Arabic, subset to Arabic, Persian and Urdu letters.
pub const ARABIC: FallbackFont = FallbackFont {
    file: "NotoSansArabic-Regular.ttf",
    family: "Noto Sans Arabic",
    covers: "Arabic script",
    approx_download_bytes: 51_241,
};

/// Noto Sans CJK SC, subset to common Chinese, Japanese and Korean characters.
pub const CJK: FallbackFont = FallbackFont {
    file: "NotoSansCJKsc-Regular.otf",
    family: "Noto Sans CJK SC",
    covers: "Chinese, Japanese and Korean",
    approx_download_bytes: 1_812_539,
};

/// Noto Emoji (monochrome, so it prints well and reads as text), every emoji.
pub const EMOJI: FallbackFont = FallbackFont {
    file: "NotoEmoji-Regular.ttf",
    family: "Noto Emoji",
    covers: "emoji",
    approx_download_bytes: 525_312,
};

/// Every on-demand font, in the order templates list them as fallbacks.
pub const FALLBACK_FONTS: &[FallbackFont] = &[ARABIC, CJK, EMOJI];

/// Whether a character is written in a CJK script (Han, kana, Hangul, CJK punctuation and
/// full-width forms).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF
        | 0x2E80..=0x2FDF
        | 0x3000..=0x303F
        | 0x3040..=0x30FF
        | 0x3100..=0x31FF
        | 0x3200..=0x32FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

/// Whether a character is written in Arabic script.
pub fn is_arabic(c: char) -> bool {
    matches!(c as u32,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Whether a character is an emoji or pictographic symbol the embedded fonts lack (the
/// embedded fonts cover the few arrows, bullets and check marks common in résumés).
pub fn is_emoji(c: char) -> bool {
    let u = c as u32;
    let embedded = matches!(u, 0x2190..=0x2193 | 0x25AA | 0x25CF | 0x25E6 | 0x2713);
    !embedded
        && matches!(u,
            0x20E3
            | 0x2194..=0x21FF
            | 0x2300..=0x23FF
            | 0x24C2
            | 0x25A0..=0x25FF
            | 0x2600..=0x27BF
            | 0x2934..=0x2935
            | 0x2B00..=0x2BFF
            | 0x3030
            | 0x303D
            | 0x3297
            | 0x3299
            | 0x1F000..=0x1FAFF
            | 0xE0020..=0xE007F)
}

/// The on-demand fonts a text needs, in [`FALLBACK_FONTS`] order.
pub fn fallback_fonts_for_text<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<FallbackFont> {
    let (mut arabic, mut cjk, mut emoji) = (false, false, false);
    for text in texts {
        for c in text.chars() {
            arabic |= is_arabic(c);
            cjk |= is_cjk(c);
            emoji |= is_emoji(c);
        }
    }
    let mut out = Vec::new();
    for (needed, font) in [(arabic, ARABIC), (cjk, CJK), (emoji, EMOJI)] {
        if needed {
            out.push(font);
        }
    }
    out
}

/// The on-demand fonts a résumé needs (only text that is actually shown counts).
pub fn fallback_fonts(doc: &JsonResume) -> Vec<FallbackFont> {
    let view = build(doc);
    fallback_fonts_for_text(view.strings())
}

/// Whether a résumé needs the CJK font.
pub fn needs_cjk(doc: &JsonResume) -> bool {
    fallback_fonts(doc).contains(&CJK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_scripts() {
        assert!(fallback_fonts_for_text(["Zoë Ñúñez, Ω, Привет, שלום"]).is_empty());
        assert_eq!(fallback_fonts_for_text(["مرحبا"]), vec![ARABIC]);
        assert_eq!(fallback_fonts_for_text(["李雷", "x"]), vec![CJK]);
        assert_eq!(
            fallback_fonts_for_text(["한국어", "العربية"]),
            vec![ARABIC, CJK]
        );
        assert_eq!(fallback_fonts_for_text(["カタカナ"]), vec![CJK]);
        assert_eq!(
            fallback_fonts_for_text(["Shipped 🚀", "→ ✓ •"]),
            vec![EMOJI]
        );
        assert!(fallback_fonts_for_text(["→ ✓ • ▪"]).is_empty());
    }
}
