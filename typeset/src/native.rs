//! Native-only conveniences (CLI, tests): loading on-demand fonts from a folder instead of
//! fetching them. Not compiled for wasm32, where the app fetches the files itself.

use std::path::{Path, PathBuf};

use fitted_core::resume::JsonResume;

use crate::{fallback_fonts, FallbackFont, FontError, Typesetter};

/// Why an on-demand font could not be loaded from disk.
#[derive(Debug, thiserror::Error)]
pub enum NativeFontError {
    #[error(
        "The font file {path} could not be read ({source}). It ships in the repository under \
         public/fonts/; pass the folder that holds it."
    )]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Font { path: PathBuf, source: FontError },
}

/// The repository's `public/fonts/` folder, where the on-demand font files live.
pub fn repo_fallback_font_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/fonts")
}

impl Typesetter {
    /// Loads the on-demand fonts `doc` needs from `dir` (skipping ones already loaded) and
    /// returns the ones it added.
    pub fn add_fallback_fonts_from_dir(
        &mut self,
        doc: &JsonResume,
        dir: &Path,
    ) -> Result<Vec<FallbackFont>, NativeFontError> {
        self.add_fonts_from_dir(&fallback_fonts(doc), dir)
    }

    /// Loads the given on-demand fonts from `dir`, skipping ones already loaded.
    pub fn add_fonts_from_dir(
        &mut self,
        fonts: &[FallbackFont],
        dir: &Path,
    ) -> Result<Vec<FallbackFont>, NativeFontError> {
        let mut added = Vec::new();
        for font in fonts {
            if self.has_family(font.family) {
                continue;
            }
            let path = dir.join(font.file);
            let data = std::fs::read(&path).map_err(|source| NativeFontError::Read {
                path: path.clone(),
                source,
            })?;
            self.add_font(data)
                .map_err(|source| NativeFontError::Font { path, source })?;
            added.push(*font);
        }
        Ok(added)
    }
}
