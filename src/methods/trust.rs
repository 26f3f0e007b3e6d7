//! Whose method files to believe. A method file decides what the board
//! asks and shows, so, like git's `safe.directory`, a methods folder or a
//! method file that another user owns, or that other users can change, is
//! not loaded. A folder writable by the owner's own one-person group (a
//! umask of 002) is the owner's alone.

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
    let me = nix::unistd::geteuid().as_raw();
    if meta.uid() != me && meta.uid() != 0 {
        return Some(Distrust::Owner(meta.uid()));
    }
    let group_writes = meta.mode() & 0o020 != 0 && !private_group(meta.uid(), meta.gid());
    if meta.mode() & 0o002 != 0 || group_writes {
        return Some(Distrust::Writable);
    }
    None
}

/// Whether `gid` is the owner's own group with no one else in it: many
/// systems give each user such a group and a umask of 002, so a folder the
/// user makes is group-writable without anyone else being able to write
/// it. (OpenSSH judges a group-writable file the same way.)
#[cfg(unix)]
fn private_group(uid: u32, gid: u32) -> bool {
    use nix::unistd::{Gid, Group, Uid, User};
    let Ok(Some(user)) = User::from_uid(Uid::from_raw(uid)) else {
        return false;
    };
    let Ok(Some(group)) = Group::from_gid(Gid::from_raw(gid)) else {
        return false;
    };
    user.gid.as_raw() == gid && group.mem.iter().all(|m| *m == user.name)
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
        if nix::unistd::geteuid().is_root() {
            // nogroup: others are in it.
            std::os::unix::fs::chown(&file, None, Some(65534)).unwrap();
            mode(0o664).unwrap();
            assert_eq!(distrust(&file), Some(Distrust::Writable));
        }
        mode(0o646).unwrap();
        assert_eq!(distrust(&file), Some(Distrust::Writable));
    }
}
