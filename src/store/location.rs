//! Which folder is the store: a flag, then `SEMPRE_STORE`, then
//! `./sessions` if it exists, then the platform's data folder.

use std::path::{Path, PathBuf};

/// Why a folder was chosen as the store, for `sempre` to tell the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreSource {
    /// `--store DIR`.
    Flag,
    /// The `SEMPRE_STORE` environment variable.
    Environment,
    /// `./sessions` in the current folder.
    CurrentFolder,
    /// The platform's data folder.
    Platform,
}

/// Picks the store folder. `env` is the value of `SEMPRE_STORE`, `cwd` the
/// current folder, and `platform` the platform data folder if there is one.
pub fn choose_store(
    flag: Option<&Path>,
    env: Option<&str>,
    cwd: &Path,
    platform: Option<PathBuf>,
) -> (PathBuf, StoreSource) {
    if let Some(dir) = flag {
        return (dir.to_path_buf(), StoreSource::Flag);
    }
    if let Some(dir) = env.filter(|d| !d.trim().is_empty()) {
        return (PathBuf::from(dir), StoreSource::Environment);
    }
    let local = cwd.join("sessions");
    if local.is_dir() {
        return (PathBuf::from("sessions"), StoreSource::CurrentFolder);
    }
    match platform {
        Some(dir) => (dir, StoreSource::Platform),
        None => (local, StoreSource::CurrentFolder),
    }
}

/// The platform's folder for sempre's sessions, such as
/// `~/.local/share/sempre/sessions` on Linux.
pub fn platform_store() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "sempre").map(|d| d.data_dir().join("sessions"))
}

/// Whether every user of the machine may add, rename or delete files in
/// `dir`: anyone could then slip a session file in or take one away.
#[cfg(unix)]
pub fn open_to_everyone(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(dir).is_ok_and(|m| m.is_dir() && m.permissions().mode() & 0o002 != 0)
}

/// Other systems have no modes to go by.
#[cfg(not(unix))]
pub fn open_to_everyone(_dir: &Path) -> bool {
    false
}

/// The folder for extra method files: `methods` beside the store folder.
pub fn methods_beside(store: &Path) -> PathBuf {
    let parent = match store.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    parent.join("methods")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_environment_beats_local_beats_platform() {
        let cwd = tempfile::tempdir().unwrap();
        let platform = Some(PathBuf::from("/data/sempre/sessions"));
        let flag = Path::new("/x");
        assert_eq!(
            choose_store(Some(flag), Some("/env"), cwd.path(), platform.clone()),
            (PathBuf::from("/x"), StoreSource::Flag)
        );
        assert_eq!(
            choose_store(None, Some("/env"), cwd.path(), platform.clone()),
            (PathBuf::from("/env"), StoreSource::Environment)
        );
        assert_eq!(
            choose_store(None, Some(""), cwd.path(), platform.clone()).1,
            StoreSource::Platform
        );
        std::fs::create_dir(cwd.path().join("sessions")).unwrap();
        assert_eq!(
            choose_store(None, None, cwd.path(), platform),
            (PathBuf::from("sessions"), StoreSource::CurrentFolder)
        );
    }

    #[test]
    fn methods_live_beside_the_store() {
        assert_eq!(
            methods_beside(Path::new("sessions")),
            PathBuf::from("./methods")
        );
        assert_eq!(
            methods_beside(Path::new("/data/sempre/sessions")),
            PathBuf::from("/data/sempre/methods")
        );
    }
}
