//! Writing a file so that it is either the old one or the new one, never
//! half of each: a temporary file in the same folder, flushed to disk, then
//! renamed over the target, then the folder flushed.

use std::fs::{DirBuilder, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

use super::stamp::Stamp;

/// Creates `dir` and its parents if they are missing, readable by the owner
/// only.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// How a replacement ended, when the new file is in place.
#[derive(Debug)]
pub enum Replaced {
    /// The new file is in place and its folder flushed to disk.
    Durably,
    /// The new file is in place, but its folder could not be flushed (a
    /// folder that can be written but not read, for one): the change is
    /// there, though a power cut might still take it back.
    Unflushed(io::Error),
}

/// Replaces `path` with what `write` produces. The new file can be read by
/// its owner only. On any error the old file is untouched and the
/// temporary file is removed; once the new file is in place the result is
/// `Ok`, so a caller never says "unchanged" about a file that changed.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<Replaced> {
    write_atomic_with(path, write, sync_dir).map(|(replaced, _)| replaced)
}

/// As [`write_atomic`], also telling the new file's [`Stamp`] as it is
/// once in place (a rename sets the change time), if the system told it.
pub(super) fn write_atomic_stamped(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<(Replaced, Option<Stamp>)> {
    write_atomic_with(path, write, sync_dir)
}

fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    sync_dir: impl FnOnce(&Path) -> io::Result<()>,
) -> io::Result<(Replaced, Option<Stamp>)> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // tempfile creates the file with mode 0600 on Unix.
    let temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    {
        let mut out = BufWriter::with_capacity(1 << 16, temp.as_file());
        write(&mut out)?;
        out.flush()?;
    }
    temp.as_file().sync_all()?;
    let file = temp.persist(path).map_err(|e| e.error)?;
    // Asked of the file still open, so it is this file's even if another
    // has taken its name since.
    let stamp = file.metadata().ok().as_ref().and_then(Stamp::of);
    let replaced = match sync_dir(dir) {
        Ok(()) => Replaced::Durably,
        Err(e) => Replaced::Unflushed(e),
    };
    Ok((replaced, stamp))
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, |w| w.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        std::fs::write(&path, "old").unwrap();
        let result = write_atomic(&path, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_folder_that_cannot_be_flushed_still_has_the_new_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        std::fs::write(&path, "old").unwrap();
        // As when the folder may be written but not read: the rename is
        // done, only opening the folder to flush it fails.
        let denied = |_: &Path| Err(io::Error::from(io::ErrorKind::PermissionDenied));
        let result = write_atomic_with(&path, |w| w.write_all(b"new"), denied);
        assert!(
            matches!(result, Ok((Replaced::Unflushed(_), _))),
            "{result:?}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_and_folders_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("a/b");
        create_private_dir(&store).unwrap();
        let path = store.join("s.json");
        write_atomic(&path, |w| w.write_all(b"{}")).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&store), 0o700);
    }
}
