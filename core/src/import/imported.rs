//! The result of a successful import.

use serde::{Deserialize, Serialize};

use super::errors::ImportWarning;
use crate::resume::JsonResume;

/// Which reader produced the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ImportFormat {
    /// A JSON Resume v1.0.0 file, kept losslessly.
    JsonResume,
    /// Seed 000's master-résumé object (`summary`, six-category `skills`, …).
    SeedMaster,
    /// Plain text pasted from a PDF or Word résumé, read by layout rules.
    PlainText,
}

/// A document ready to be saved as a master résumé, with what the user should check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Imported {
    pub document: JsonResume,
    pub format: ImportFormat,
    /// In document order; empty when nothing needed a compromise.
    pub warnings: Vec<ImportWarning>,
}

/// The `$schema` Fitted writes into documents it builds (seed shape, plain text): the
/// version the document is valid against.
pub const JSON_RESUME_SCHEMA_URL: &str = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json";

/// Top-level extension key for lines of pasted text that could not be placed, kept so
/// nothing the user wrote is lost (an array of the lines, in order).
pub const UNPARSED_KEY: &str = "x-fitted-unparsed";

/// Extension key (on a work, volunteer, project, education or award entry) for a date or date
/// range that could not be read fully into `startDate`/`endDate`, kept as written.
pub const DATES_KEY: &str = "x-fitted-dates";

/// Top-level extension key for seed 000's `mentorship` list, which JSON Resume has no
/// section for.
pub const MENTORSHIP_KEY: &str = "x-fitted-mentorship";

/// Extension key on a skills group recording which of seed 000's six categories it came
/// from, so a master résumé's skills survive the trip through JSON Resume exactly.
pub const CATEGORY_KEY: &str = "x-fitted-category";
