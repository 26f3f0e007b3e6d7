//! Opening the store's own files without following symbolic links, and
//! recognising a file by its content.
//!
//! A session file or a lock that is a link could make sempre read or
//! write somewhere the facilitator never chose (another user's file, a
//! synced folder), so a link is refused, never followed.

use std::fs::{File, OpenOptions};
use std::hash::Hasher;
use std::io::{self, Read};
use std::path::Path;

use super::{Doing, StoreError};

/// What a file held when this process last read or wrote it. The content
/// decides, not the modification time: a restore brings back an old time,
/// and a sync tool may rewrite the same bytes with a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    hash: u64,
}

impl Fingerprint {
    /// The fingerprint of `bytes`. std's SipHash is enough: this notices
    /// changes, it does not defend against forgery.
    pub fn of(bytes: &[u8]) -> Fingerprint {
        let mut hasher = std::hash::DefaultHasher::new();
        hasher.write(bytes);
        Fingerprint {
            len: bytes.len() as u64,
            hash: hasher.finish(),
        }
    }
}

/// Adds "do not follow a link in the last part of the path" to `options`.
pub fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(options, libc::O_NOFOLLOW);
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
    if e.raw_os_error() == Some(libc::ELOOP) {
        return true;
    }
    let _ = e;
    is_link(path)
}

/// Reads the whole file at `path`, refusing a link.
pub fn read_no_follow(path: &Path) -> Result<Vec<u8>, StoreError> {
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
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(io)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_bytes_have_the_same_fingerprint() {
        assert_eq!(Fingerprint::of(b"abc"), Fingerprint::of(b"abc"));
        assert_ne!(Fingerprint::of(b"abc"), Fingerprint::of(b"abd"));
        assert_ne!(Fingerprint::of(b"abc"), Fingerprint::of(b"abc "));
    }

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
