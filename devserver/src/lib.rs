//! The development servers, one of each: the static file server and the launcher of the
//! The Things Stack stand-in (and the one way to stop a process with what it started), shared by `cargo xtask serve`, `cargo xtask screenshots`,
//! `cargo xtask wasm-test` and the end-to-end tests (`tests/e2e`), so the tests exercise
//! exactly what a developer runs.
//!
//! It is a crate of its own because its users are in two packages: the xtask binary, and the
//! `tts-keycheck` package's `e2e` test, which cannot depend on a binary. It has no
//! dependencies, so xtask still builds from the standard library alone.
//!
//! Invariant: everything here listens on, and talks to, 127.0.0.1 only.

mod files;
pub mod process;
mod standin;

pub use files::{answer, serve, spawn, Answer, Request, Server, Site};
pub use standin::StandIn;
