//! Protocol tests of `fitted-llm` against the local provider server
//! (`tests/provider-server/`); no real provider is ever called. One binary, so the crate and
//! its dependencies link once.

mod faults;
mod keys;
mod shapes;
mod structured;
mod support;
