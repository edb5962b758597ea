//! Import and export of résumés (JSON Resume, seed 000's master-résumé shape, plain text),
//! and bullet extraction.

mod bullets;

pub use bullets::{bullets, date_range, slug, Bullet};
