//! Opening the store's own files without following symbolic links.
//!
//! A session file or a lock that is a link could make sempre read or
//! write somewhere the facilitator never chose (another user's file, a
//! synced folder), so a link is refused, never followed.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use super::stamp::Stamp;
use super::{Doing, StoreError};

/// Adds "do not follow a link in the last part of the path" to `options`.
pub fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(options, nix::fcntl::OFlag::O_NOFOLLOW.bits());
    options
}

/// Whether `path` itself is a symbolic link.
pub fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// The error for a refused link at `path`.
pub fn link_refused(path: &Path) -> StoreError {
    StoreError::Link {
        path: path.display().to_string(),
    }
}

/// Whether the system refused to open `path` because it is a link.
fn is_link_refusal(e: &io::Error, path: &Path) -> bool {
    #[cfg(unix)]
    if e.raw_os_error() == Some(nix::errno::Errno::ELOOP as i32) {
        return true;
    }
    let _ = e;
    is_link(path)
}

/// Reads the whole file at `path`, refusing a link.
pub fn read_no_follow(path: &Path) -> Result<Vec<u8>, StoreError> {
    read_stamped(path).map(|(bytes, _)| bytes)
}

/// Reads the whole file at `path`, refusing a link, with its [`Stamp`]
/// from before the reading: a change made while reading moves the file
/// past that stamp, so it is never taken for what was read.
pub fn read_stamped(path: &Path) -> Result<(Vec<u8>, Option<Stamp>), StoreError> {
    let io = |source| StoreError::Io {
        doing: Doing::Reading,
        path: path.display().to_string(),
        source,
    };
    if is_link(path) {
        return Err(link_refused(path));
    }
    let mut file: File = no_follow(OpenOptions::new().read(true))
        .open(path)
        .map_err(|e| {
            if is_link_refusal(&e, path) {
                link_refused(path)
            } else {
                io(e)
            }
        })?;
    let meta = file.metadata().ok();
    let stamp = meta.as_ref().and_then(Stamp::of);
    let size = meta.map_or(0, |m| usize::try_from(m.len()).unwrap_or(0));
    let mut bytes = Vec::with_capacity(size.saturating_add(1));
    file.read_to_end(&mut bytes).map_err(io)?;
    Ok((bytes, stamp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_link_is_refused_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        std::fs::write(&real, "{}").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert_eq!(read_no_follow(&real).unwrap(), b"{}");
        assert!(matches!(
            read_no_follow(&link),
            Err(StoreError::Link { .. })
        ));
    }
}
