pub mod model_call;
pub mod pages;
pub mod shell;
pub mod toasts;
pub mod util;
