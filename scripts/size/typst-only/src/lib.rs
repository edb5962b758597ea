//! The Typst the worker links, and nothing else: compile a source with the fonts given,
//! export the PDF and render the first page's pixels (as `fitted_typeset` does). Built by
//! `scripts/size/typst_share.sh` in the worker's profile, its size is the floor under the
//! worker's download that Fitted's own code and data sit on.

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst_layout::PagedDocument;
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use wasm_bindgen::prelude::*;

struct OneFile {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
}

impl World for OneFile {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(FileError::AccessDenied) }
    }
    fn file(&self, _: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }
    fn today(&self, _: Option<Duration>) -> Option<Datetime> {
        Datetime::from_ymd(2026, 1, 1)
    }
}

/// Typesets `source` with the font file `font`: the PDF's bytes followed by page one's
/// RGBA pixels (empty on error).
#[wasm_bindgen]
pub fn typeset(source: String, font: Vec<u8>) -> Vec<u8> {
    let fonts: Vec<Font> = Font::iter(Bytes::new(font)).collect();
    let book = FontBook::from_fonts(fonts.iter());
    let Ok(path) = VirtualPath::new("main.typ") else { return Vec::new() };
    let id = RootedPath::new(VirtualRoot::Project, path).intern();
    let world = OneFile { library: LazyHash::new(Library::default()), book: LazyHash::new(book), fonts, main: Source::new(id, source) };
    let Ok(document) = typst::compile::<PagedDocument>(&world).output else { return Vec::new() };
    let Ok(mut out) = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()) else { return Vec::new() };
    if let Some(page) = document.pages().first() {
        out.extend(typst_render::render(page, &typst_render::RenderOptions { pixel_per_pt: 1.0.into(), render_bleed: false }).take());
    }
    out
}
