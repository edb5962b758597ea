//! Typst's view of the outside world during one compilation, closed off on purpose.
//!
//! The only file is the in-memory main source; fonts are the bundled ones plus any the caller
//! added; there is no file system, network or package registry (an `#import` of anything
//! fails with a diagnostic), and "today" is whatever the caller passed in, so the same input
//! always produces the same PDF, natively and in the Web Worker alike.

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};

/// A calendar date supplied by the caller (Typst's `datetime.today()`); the typesetter
/// never reads the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Today {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// The file id of the main source, interned once per process.
pub(crate) fn main_file_id() -> FileId {
    // "main.typ" is a constant, normalised relative path: `VirtualPath::new` only rejects
    // paths that escape the root, so this cannot fail.
    #[allow(clippy::expect_used)]
    let path = VirtualPath::new("main.typ").expect("a constant valid virtual path");
    RootedPath::new(VirtualRoot::Project, path).intern()
}

/// One compilation's world: borrowed library and fonts, owned main source.
pub(crate) struct ResumeWorld<'a> {
    pub library: &'a LazyHash<Library>,
    pub book: &'a LazyHash<FontBook>,
    pub fonts: &'a [Font],
    pub main: Source,
    pub today: Option<Today>,
}

impl World for ResumeWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(not_available(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_owned()))
        } else {
            Err(not_available(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, offset: Option<Duration>) -> Option<Datetime> {
        // The caller's date is already local; an explicit UTC offset cannot be honoured
        // without a clock, so it is ignored rather than guessed.
        let _ = offset;
        let today = self.today?;
        Datetime::from_ymd(today.year, today.month, today.day)
    }
}

fn not_available(id: FileId) -> FileError {
    FileError::Other(Some(
        format!(
            "{} is not available: a Fitted résumé is one self-contained file \
             (no imports, images or packages)",
            id.vpath().get_without_slash()
        )
        .into(),
    ))
}
