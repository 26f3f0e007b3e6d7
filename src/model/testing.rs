//! Shared fixtures for the model's unit tests.

use super::Context;
use crate::i18n::Lang;
use crate::methods::{Method, MethodLibrary};

/// The built-in Future Workshop.
pub fn method() -> Method {
    MethodLibrary::builtin()
        .get("fremtidsvaerksted")
        .cloned()
        .expect("the Future Workshop is built in")
}

/// A context with only a title.
pub fn context(title: &str) -> Context {
    Context {
        title: title.to_string(),
        language: Lang::Da,
        network: None,
        ..Default::default()
    }
}

/// A fresh Future Workshop session, with its method.
pub fn future_workshop() -> (super::Session, Method) {
    let m = method();
    let s = super::Session::new(&m, context("Fremtidsværksted"), crate::model::now());
    (s, m)
}
