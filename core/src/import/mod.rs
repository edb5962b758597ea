//! Import and export of résumés, and bullet extraction.
//!
//! Three readers produce the same thing, a JSON Resume document with warnings
//! ([`Imported`]):
//! - [`parse_json_resume`]: JSON Resume v1.0.0, lossless ([`export_json_resume`] writes it
//!   back);
//! - [`parse_seed_master`]: seed 000's master-résumé object;
//! - [`parse_plain_text`]: text pasted from a PDF or Word résumé, read by layout rules.
//!
//! [`import_any`] picks the reader. Every failure is an [`ImportError`] whose message names
//! the field and line and says what to do; no input makes any of them panic. From a
//! document, [`derive_master_fields`], [`master_resume_records`] and [`content_hash`] build
//! what storage keeps beside it (seed 000's `masterResumes` fields and `resumeBullets`).
//!
//! Policies (tested in `core/tests/import_*.rs`):
//! - Size: at most [`MAX_JSON_BYTES`] of JSON and [`MAX_TEXT_BYTES`] of text (2 MiB each),
//!   checked before any parsing.
//! - Control characters: in a JSON file, a text holding a C0 control other than tab, line
//!   feed or carriage return (NUL included), DEL or a C1 control is rejected, naming the field
//!   and line. In pasted text they are layout debris: form feeds and vertical tabs become
//!   line breaks, the others are removed with a warning naming the line; a NUL byte means a
//!   binary file and is an error.
//! - Types (JSON): numbers and yes/no values where JSON Resume wants text are converted to
//!   text with a warning; `null` means "not given" (left out, with a warning); an object or
//!   list where text belongs, or text where a list or object belongs, is an error.
//! - Nothing is dropped: unknown keys stay where they were, unreadable dates stay as written
//!   in `x-fitted-dates`, pasted lines that fit nowhere go to `x-fitted-unparsed`.

mod bullets;
mod dates;
mod detect;
mod errors;
mod imported;
mod json_input;
mod json_path;
mod json_resume;
mod limits;
mod links;
mod locate;
mod master;
mod plain_text;
mod seed_master;
mod shape;

pub use bullets::{bullets, date_range, slug, Bullet};
pub use detect::import_any;
pub use errors::{ImportError, ImportWarning, WarningKind, MAX_WARNINGS};
pub use imported::{ImportFormat, Imported, CATEGORY_KEY, DATES_KEY, JSON_RESUME_SCHEMA_URL, MENTORSHIP_KEY, UNPARSED_KEY};
pub use json_resume::{export_json_resume, parse_json_resume};
pub use limits::{MAX_JSON_BYTES, MAX_TEXT_BYTES};
pub use master::{content_hash, derive_master_fields, master_resume_records, MasterFields};
pub use plain_text::parse_plain_text;
pub(crate) use plain_text::names_organisation;
pub use seed_master::parse_seed_master;
