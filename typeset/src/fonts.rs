//! The fonts Typst may use: only files bundled with Fitted, never system fonts.
//!
//! The Latin/Greek/Cyrillic faces the templates name (and a tiny Hebrew face) are compiled
//! into the binary, so a résumé in those scripts needs nothing else. Larger fallbacks
//! (Arabic, CJK) are separate files the caller supplies through
//! [`Typesetter::add_font`](crate::Typesetter::add_font) only when a document needs them
//! (see [`fallback_fonts`](fitted_core::render_source::fallback_fonts)); that keeps the
//! worker download small for the common case. See `typeset/fonts/README.md` for sources,
//! licences and how the subsets were made.

use typst::foundations::Bytes;
use typst::text::Font;

/// One embedded font file.
pub struct EmbeddedFont {
    /// File name under `typeset/fonts/`.
    pub file: &'static str,
    pub data: &'static [u8],
}

macro_rules! embedded {
    ($($file:literal),* $(,)?) => {
        &[$(EmbeddedFont { file: $file, data: include_bytes!(concat!("../fonts/", $file)) }),*]
    };
}

/// Every font compiled into the crate.
pub const EMBEDDED_FONTS: &[EmbeddedFont] = embedded![
    "LibertinusSerif-Regular.otf",
    "LibertinusSerif-Italic.otf",
    "LibertinusSerif-Semibold.otf",
    "Inter-Regular.otf",
    "Inter-Italic.otf",
    "Inter-SemiBold.otf",
    "NotoSansHebrew-Regular.ttf",
];

/// Parses the embedded fonts. A file that fails to parse is skipped rather than fatal: the
/// text it would cover falls back to another face (a test checks that all of them parse).
pub(crate) fn embedded_fonts() -> Vec<Font> {
    EMBEDDED_FONTS
        .iter()
        .flat_map(|font| Font::iter(Bytes::new(font.data)))
        .collect()
}

/// Parses every face in a font file (a collection may hold several).
pub(crate) fn parse_font_file(data: Vec<u8>) -> Vec<Font> {
    Font::iter(Bytes::new(data)).collect()
}
