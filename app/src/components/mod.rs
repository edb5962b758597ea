pub mod shell;
pub mod toasts;
