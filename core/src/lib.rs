//! Fitted's engine: everything that decides what goes on a tailored résumé, with no
//! browser types, so it is tested natively and compiled unchanged into the Web Worker.
//!
//! One module per pipeline stage of seed 000 (see ARCHITECTURE.md for the data flow).

pub mod hash;
pub mod import;
pub mod model;
pub mod protocol;
pub mod render_source;
pub mod resume;
