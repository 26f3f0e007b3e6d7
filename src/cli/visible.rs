//! Standard output and standard error show what others wrote without
//! letting it act on the terminal: a session file, a file name or a
//! method file may hold escape sequences, and `sempre show` must not run
//! them.

use std::io::{self, Write};

use crate::model::text::visible;

/// A writer that passes text on with its control characters and
/// direction overrides shown as codes ([`visible`]).
pub struct Visible<W: Write> {
    inner: W,
}

impl<W: Write> Visible<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Visible<W> {
        Visible { inner }
    }
}

impl<W: Write> Write for Visible<W> {
    /// Everything written here is a whole `str` (formatting writes whole
    /// pieces, and this writer takes every byte it is given), so each call
    /// holds whole characters.
    /// A carriage return just before a line break is part of the line
    /// break (iCalendar ends its lines so) and passes; alone, it could
    /// write over a line, and is shown as its code.
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let mut lines = text.split("\r\n");
        if let Some(first) = lines.next() {
            self.inner.write_all(visible(first).as_bytes())?;
        }
        for line in lines {
            self.inner.write_all(b"\r\n")?;
            self.inner.write_all(visible(line).as_bytes())?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Prints `text` and a line break on standard error, shown as
/// [`visible`].
pub fn warn(text: &str) {
    eprintln!("{}", visible(text));
}
