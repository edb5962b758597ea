pub mod shell;
pub mod toasts;
pub mod util;
