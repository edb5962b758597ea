//! Integration tests of the typesetter (one test binary, so Typst links once).
//!
//! Needs `pdftotext`/`pdftoppm` (poppler-utils) and python3 with pypdf
//! (`tests/requirements.txt`): `bash scripts/tools.sh test` installs them. Page images and
//! PDFs are written to `tests/artifacts/` for a human look.

mod ats_fidelity;
mod ats_parser;
mod compile_errors;
mod cover_letter;
mod docx_export;
mod fit;
mod line_measure;
mod fonts;
mod latex_export;
mod literal_text;
mod readback;
mod long_tokens;
#[path = "../../../core/tests/support/prop_gate.rs"]
mod prop_gate;
mod support;
