//! What the system tells about a file without reading it: enough to know
//! that it is still the very file this process last read or wrote.
//!
//! A program can set a file's modification time (a restore, `touch -d`),
//! but not its change time, which the system sets on every write, rename
//! and change of times; a file replaced by another (a sync, an editor
//! saving through a temporary file) has another inode. When every part
//! matches, the file is the one last seen and a save need not read it back;
//! when any differs, the save compares the bytes as before. One change
//! slips past: an in-place rewrite of the same length within the same tick
//! of the system clock (a few milliseconds) as the last save.

use std::fs::Metadata;

/// A file's identity and the last time it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    device: u64,
    inode: u64,
    size: u64,
    modified: (i64, i64),
    changed: (i64, i64),
}

impl Stamp {
    /// The stamp of the file `meta` describes, where the system tells it.
    #[cfg(unix)]
    pub fn of(meta: &Metadata) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        Some(Stamp {
            device: meta.dev(),
            inode: meta.ino(),
            size: meta.size(),
            modified: (meta.mtime(), meta.mtime_nsec()),
            changed: (meta.ctime(), meta.ctime_nsec()),
        })
    }

    /// Without a change time the bytes are always compared.
    #[cfg(not(unix))]
    pub fn of(_meta: &Metadata) -> Option<Stamp> {
        None
    }
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;
    use std::fs::{File, FileTimes};
    use std::io::Write;

    fn stamp(path: &std::path::Path) -> Stamp {
        Stamp::of(&std::fs::symlink_metadata(path).unwrap()).unwrap()
    }

    #[test]
    fn a_rename_keeps_what_the_open_file_tells() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let temp = tempfile::NamedTempFile::new_in(dir.path()).unwrap();
        temp.as_file().write_all(b"{}").unwrap();
        let file = temp.persist(&path).unwrap();
        assert_eq!(Stamp::of(&file.metadata().unwrap()), Some(stamp(&path)));
    }

    #[test]
    fn restoring_the_modification_time_still_changes_the_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        std::fs::write(&path, "aaaa").unwrap();
        let before = stamp(&path);
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let file = File::options().write(true).open(&path).unwrap();
        (&file).write_all(b"bbbb").unwrap();
        file.set_times(FileTimes::new().set_modified(modified))
            .unwrap();
        drop(file);
        let after = stamp(&path);
        assert_eq!(after.size, before.size);
        assert_eq!(after.modified, before.modified);
        assert_ne!(after, before, "the change time moved");
    }
}
