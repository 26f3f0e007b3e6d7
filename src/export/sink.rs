//! Text written as it is made: the renderers write with `write!` into a
//! [`Sink`], which passes it on to a file or standard output, so an export
//! is never held whole in memory.

use std::fmt;
use std::io::{self, Write};

/// A `fmt::Write` over an `io::Write` that keeps the first error, since
/// `fmt::Error` cannot carry it.
pub struct Sink<'a> {
    out: &'a mut dyn Write,
    error: Option<io::Error>,
}

impl<'a> Sink<'a> {
    /// Writes into `out`.
    pub fn new(out: &'a mut dyn Write) -> Sink<'a> {
        Sink { out, error: None }
    }

    /// The first error met while writing, if any.
    pub fn finish(self) -> io::Result<()> {
        self.error.map_or(Ok(()), Err)
    }
}

impl fmt::Write for Sink<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.error.is_some() {
            return Err(fmt::Error);
        }
        self.out.write_all(s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            fmt::Error
        })
    }
}
