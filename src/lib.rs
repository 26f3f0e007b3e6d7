//! sempre: run SEMPRE empowerment workshops from a terminal on a projector.
//!
//! The library holds everything but the edges: the session [`model`], the
//! [`methods`] as data, the [`store`] of session files, and [`export`].
//! `main.rs` and [`cli`] only parse arguments and print.

pub mod cli;
pub mod day;
pub mod device;
pub mod export;
pub mod i18n;
mod json_error;
pub mod methods;
pub mod model;
pub mod room;
pub mod schema;
pub mod store;
pub mod strings;
pub mod tui;
