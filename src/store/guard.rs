//! Where an export may not go: into the store folder (where it would be
//! read as a session, or replace one), into its `.locks`, or over any file
//! that is a session. A path is judged by where the system would really
//! write it: `..` and symbolic links resolved, and letters compared
//! without case, since on a case-insensitive disk `ID.JSON` is `ID.json`.

use std::ffi::OsString;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::i18n::Lang;
use crate::strings::Ui;

/// Why an export was refused a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportRefusal {
    /// The path is inside the store folder or its `.locks`.
    IntoStore,
    /// The file there is a session file.
    OverSession(PathBuf),
}

impl ExportRefusal {
    /// The reason in `lang`, as one sentence.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ExportRefusal::IntoStore => Ui::ExportIntoStore.text(lang).to_string(),
            ExportRefusal::OverSession(file) => Ui::ExportOverSession
                .text(lang)
                .replace("{file}", &file.display().to_string()),
        }
    }
}

/// Refuses `target` if writing it could replace or shadow a session of
/// the store in `store_dir`, or any session file elsewhere.
pub fn check_export_target(store_dir: &Path, target: &Path) -> Result<(), ExportRefusal> {
    let store = resolved(store_dir);
    let locks = resolved(&store_dir.join(".locks"));
    // Both readings of `..`: the one a person means (lexical) and the one
    // the system follows (after a link); either landing inside is refused.
    for candidate in [resolved(target), resolved(&lexical(target))] {
        if [&store, &locks].iter().any(|dir| inside(&candidate, dir)) {
            return Err(ExportRefusal::IntoStore);
        }
        if is_session_file(&candidate) {
            return Err(ExportRefusal::OverSession(target.to_path_buf()));
        }
    }
    Ok(())
}

/// `path` made absolute with `.` and `..` taken away by name alone.
fn lexical(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Where the system would put `path`: its longest part that exists with
/// links and `..` resolved by the system, then the rest (folders that an
/// export would create) resolved by name.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = PathBuf::new();
    let mut rest: Vec<OsString> = Vec::new();
    for part in absolute.components() {
        if rest.is_empty() {
            let next = existing.join(part);
            if std::fs::metadata(&next).is_ok() {
                existing = next;
                continue;
            }
        }
        rest.push(part.as_os_str().to_os_string());
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for part in rest {
        match part.to_str() {
            Some(".") => {}
            Some("..") => {
                out.pop();
            }
            _ => out.push(part),
        }
    }
    out
}

/// Whether `path` is `dir` or inside it, ignoring case.
fn inside(path: &Path, dir: &Path) -> bool {
    let fold = |p: &Path| PathBuf::from(p.to_string_lossy().to_lowercase());
    fold(path).starts_with(fold(dir))
}

/// Whether the file at `path` is a session file: it reads as one, or it
/// is a JSON object with a session's identifying fields (a damaged or
/// newer one).
fn is_session_file(path: &Path) -> bool {
    let Ok(bytes) = read_if_file(path) else {
        return false;
    };
    if super::decode(&path.display().to_string(), &bytes).is_ok() {
        return true;
    }
    serde_json::from_slice::<serde_json::Value>(&bytes).is_ok_and(|v| {
        ["format", "id", "method", "context"]
            .iter()
            .all(|k| v.get(k).is_some())
    })
}

fn read_if_file(path: &Path) -> io::Result<Vec<u8>> {
    if !std::fs::metadata(path)?.is_file() {
        return Err(io::Error::other("not a file"));
    }
    std::fs::read(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store");
        std::fs::create_dir(&store).unwrap();
        (dir, store)
    }

    #[test]
    fn a_folder_that_does_not_exist_cannot_hide_the_store() {
        let (_dir, store) = store();
        let target = store.join("x/../abc.json");
        assert_eq!(
            check_export_target(&store, &target),
            Err(ExportRefusal::IntoStore)
        );
        let beside = store.join("../x/../exports/a.md");
        assert_eq!(check_export_target(&store, &beside), Ok(()));
    }

    #[test]
    fn case_and_locks_and_subfolders_are_inside() {
        let (_dir, store) = store();
        for name in ["ABC.JSON", ".locks/abc.lock", "new/a.md"] {
            assert_eq!(
                check_export_target(&store, &store.join(name)),
                Err(ExportRefusal::IntoStore),
                "{name}"
            );
        }
        let upper = PathBuf::from(store.to_string_lossy().to_uppercase());
        assert_eq!(
            check_export_target(&store, &upper.join("a.md")),
            Err(ExportRefusal::IntoStore)
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_both_ways() {
        let (dir, store) = store();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&store, &link).unwrap();
        assert!(check_export_target(&store, &link.join("abc.json")).is_err());
        // The system reads `deep/..` as the link's target's parent.
        std::fs::create_dir(store.join("deep")).unwrap();
        let deep = dir.path().join("deep");
        std::os::unix::fs::symlink(store.join("deep"), &deep).unwrap();
        assert!(check_export_target(&store, &deep.join("../abc.json")).is_err());
        // A file that is a link into the store.
        let file = dir.path().join("out.md");
        std::os::unix::fs::symlink(store.join("abc.json"), &file).unwrap();
        std::fs::write(store.join("abc.json"), "x").unwrap();
        assert!(check_export_target(&store, &file).is_err());
    }

    #[test]
    fn a_session_file_anywhere_is_never_replaced() {
        let (dir, store) = store();
        let s = crate::model::Session::new(
            &crate::model::testing::method(),
            crate::model::testing::context("t"),
            jiff::Timestamp::UNIX_EPOCH,
        );
        let elsewhere = dir.path().join("copy.txt");
        std::fs::write(&elsewhere, serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(
            check_export_target(&store, &elsewhere),
            Err(ExportRefusal::OverSession(elsewhere.clone()))
        );
        let damaged = dir.path().join("damaged.json");
        let mut value = serde_json::to_value(&s).unwrap();
        value["notes"] = serde_json::Value::from(7);
        std::fs::write(&damaged, value.to_string()).unwrap();
        assert!(check_export_target(&store, &damaged).is_err());
        let report = dir.path().join("report.md");
        std::fs::write(&report, "# report").unwrap();
        assert_eq!(check_export_target(&store, &report), Ok(()));
    }
}
