//! Whose method files to believe. A method file decides what the board
//! asks and shows, so, like git's `safe.directory`, a methods folder or a
//! method file that another user owns, or that other users can change, is
//! not loaded.

use std::path::Path;

/// Why a methods folder or method file is not trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Distrust {
    /// Another user owns it (not this user, not the administrator).
    Owner(u32),
    /// Users other than its owner may change it (group or world write).
    Writable,
}

/// Why `path` is not to be trusted, if it is not. What cannot be looked
/// at is left to the reading that follows, which reports it.
#[cfg(unix)]
pub fn distrust(path: &Path) -> Option<Distrust> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    let me = rustix::process::geteuid().as_raw();
    if meta.uid() != me && meta.uid() != 0 {
        return Some(Distrust::Owner(meta.uid()));
    }
    if meta.mode() & 0o022 != 0 {
        return Some(Distrust::Writable);
    }
    None
}

/// Other systems have no owners and modes to go by.
#[cfg(not(unix))]
pub fn distrust(_path: &Path) -> Option<Distrust> {
    None
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn own_files_are_trusted_until_others_may_write() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.json");
        std::fs::write(&file, "{}").unwrap();
        let mode = |m: u32| std::fs::set_permissions(&file, std::fs::Permissions::from_mode(m));
        mode(0o644).unwrap();
        assert_eq!(distrust(&file), None);
        mode(0o664).unwrap();
        assert_eq!(distrust(&file), Some(Distrust::Writable));
        mode(0o646).unwrap();
        assert_eq!(distrust(&file), Some(Distrust::Writable));
    }
}
