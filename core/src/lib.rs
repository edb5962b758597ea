//! Fitted's engine: everything that decides what goes on a tailored résumé, with no
//! browser types, so it is tested natively and compiled unchanged into the Web Worker.
//!
//! One module per pipeline stage of seed 000 (see ARCHITECTURE.md for the data flow).

pub mod ats;
pub mod board;
pub mod diff;
pub mod embed;
pub mod eval;
pub mod evidence;
pub mod fit;
pub mod hash;
pub mod import;
pub mod lexicon;
pub mod matching;
pub mod model;
pub mod pipeline;
pub mod prompts;
pub mod protocol;
pub mod rank;
pub mod render_source;
pub mod resume;
pub mod rubric;
pub mod run;
pub mod select;
pub mod semvec;
#[cfg(feature = "sentence")]
pub mod sentence;
pub mod tailor;
pub mod text;
pub mod tracking;
pub mod versions;
