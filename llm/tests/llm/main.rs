//! Protocol tests of `fitted-llm` against the local provider server
//! (`tests/provider-server/`); no real provider is ever called. One binary, so the crate and
//! its dependencies link once. The wasm build is tested in Chromium by `tests/browser.rs`.
#![cfg(not(target_arch = "wasm32"))]

mod faults;
mod keys;
mod remote;
mod shapes;
mod structured;
mod support;
