//! JSON export: the session files themselves, as prepared.

use std::io::{self, Write};

use crate::model::Session;

/// One prepared session as its file, several as an array.
pub fn sessions<'a>(
    prepared: impl ExactSizeIterator<Item = &'a Session>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut prepared = prepared;
    if prepared.len() == 1
        && let Some(one) = prepared.next()
    {
        serde_json::to_writer_pretty(&mut *out, one)?;
    } else {
        let many: Vec<&Session> = prepared.collect();
        serde_json::to_writer_pretty(&mut *out, &many)?;
    }
    out.write_all(b"\n")
}
